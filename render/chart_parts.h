/* chart_parts: the pieces of the roofline chart, one file each (internal
 * to render; the contract is chart_roofline.h). */
#ifndef RENDER_CHART_PARTS_H
#define RENDER_CHART_PARTS_H

#include "canvas.h"
#include "chart_axes.h"
#include "chart_data.h"

/* The plot area and its axes, in page points. */
typedef struct chart_frame {
    double left, top, right, bottom; /* plot area */
    double width, height;            /* whole canvas */
    log_axis x, y;
} chart_frame;

/* Boxes of labels already placed, so later ones can avoid them. */
#define CHART_MAX_LABELS 64
typedef struct chart_labels {
    double x0[CHART_MAX_LABELS], y0[CHART_MAX_LABELS];
    double x1[CHART_MAX_LABELS], y1[CHART_MAX_LABELS];
    size_t n;
} chart_labels;

/* Fixed text sizes (points), shared so the parts look like one chart. */
#define CHART_FONT_TITLE 11.0
#define CHART_FONT_AXIS 9.0
#define CHART_FONT_TICK 8.0
#define CHART_FONT_LABEL 7.5

/* chart_frame.c */
void chart_frame_fit(const chart_data *d, double width, double height, chart_frame *f);
void chart_frame_draw(const canvas *c, const chart_frame *f, const char *title);

/* chart_ceilings.c */
void chart_ceilings_draw(const canvas *c, const chart_frame *f, const chart_data *d,
                         chart_labels *placed);

/* chart_legend.c */
void chart_legend_draw(const canvas *c, const chart_frame *f, const chart_data *d);

/* chart_roofline.c: the styles every part agrees on */
canvas_colour chart_series_colour(size_t series);
canvas_colour chart_group_colour(size_t group);
canvas_marker chart_group_marker(size_t group);
#define CHART_MARKER_SIZE 6.0

/* 1 when the box overlaps a placed label; else records it and returns 0. */
int chart_labels_claim(chart_labels *placed, double x0, double y0, double x1, double y1);

#endif
