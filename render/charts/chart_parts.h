/* chart_parts: what the charts share (internal to charts/; each chart's
 * contract is its own header, the list of charts is figures.h): the frame
 * (axes, grid, ticks, titles), the boxes already taken on the page, the
 * legend, and the styles. All coordinates are page points of the chart,
 * origin top left, y down.
 */
#ifndef RENDER_CHART_PARTS_H
#define RENDER_CHART_PARTS_H

#include <stddef.h>

#include "canvas/canvas.h"
#include "chart_axes.h"
#include "rl_error.h"

/* Fixed text sizes (points), shared so the charts look like one set. */
#define CHART_FONT_TITLE 11.0
#define CHART_FONT_AXIS 9.0
#define CHART_FONT_TICK 8.0
#define CHART_FONT_LABEL 7.5
#define CHART_MARKER_SIZE 6.0

/* The plot area of one panel and its axes. */
typedef struct chart_frame {
    double left, top, right, bottom; /* plot area */
    chart_axis x, y;
    /* Optional category labels along y (bar charts): category i is centred
     * on y = i, so the y axis runs linearly from -0.5 to ncats - 0.5. */
    const char *const *ycats;
    size_t nycats;
    /* Optional x ticks (batch 1, 2, 4, ...) instead of the axis's own. */
    const double *xticks;
    size_t nxticks;
    /* 1: no y tick labels (a panel right of another on the same y axis) */
    int hide_y_labels;
} chart_frame;

/* Sets f's plot area and maps its axes onto it: x from left to right; y
 * from bottom up, or, with category rows (ycats set), row 0 at the top. */
void chart_frame_place(chart_frame *f, double left, double top, double right, double bottom);
/* White over the whole chart. */
void chart_background(const canvas *c, double width, double height);
/* Width of the widest y tick (or category) label of f (its y axis must be
 * set; page coordinates need not be yet), for the left margin. */
double chart_frame_label_width(const canvas *c, const chart_frame *f);
/* The left margin a frame needs for its y tick labels and y axis title. */
double chart_frame_left_margin(const canvas *c, const chart_frame *f);
/* Grid, ticks, tick labels, the outline and the titles; the title sits
 * above the plot area, flush with its left edge (or, when wider than the
 * plot, with its right edge). Any text may be NULL. */
void chart_frame_draw(const canvas *c, const chart_frame *f, const char *title, const char *x_label,
                      const char *y_label);
/* Small multiples: the plot area of panel i of n laid out in a grid over
 * the area [left, right] x [top, bottom], at most three columns; gap_x
 * between columns, gap_y between rows (room for a panel's title). */
#define CHART_FACET_COLUMNS 3
void chart_facet_place(size_t i, size_t n, double left, double top, double right, double bottom,
                       double gap_x, double gap_y, double *l, double *t, double *r, double *b);
/* Draws text centred in the plot area (a chart with nothing to show). */
void chart_frame_message(const canvas *c, const chart_frame *f, const char *text);

/* Boxes already taken (labels, markers, bars, legends), so later labels and
 * legends can stay clear of them. Each box weighs what covering it costs:
 * a piece of line 1, a point, bar or label CHART_MARK_WEIGHT, a legend
 * CHART_LEGEND_WEIGHT: a legend would rather cross a line than hide a
 * point, and never lands on another legend while any other place exists. */
#define CHART_MAX_BOXES 1024
#define CHART_MARK_WEIGHT 100
#define CHART_LEGEND_WEIGHT 100000
typedef struct chart_boxes {
    double x0[CHART_MAX_BOXES], y0[CHART_MAX_BOXES];
    double x1[CHART_MAX_BOXES], y1[CHART_MAX_BOXES];
    unsigned weight[CHART_MAX_BOXES];
    size_t n;
} chart_boxes;

/* The summed weight of the placed boxes the box overlaps (0: clear). */
size_t chart_boxes_hits(const chart_boxes *b, double x0, double y0, double x1, double y1);
/* Records the box of a point, bar or label: CHART_MARK_WEIGHT (silently
 * dropped when full). */
void chart_boxes_add(chart_boxes *b, double x0, double y0, double x1, double y1);
void chart_boxes_add_weighted(chart_boxes *b, double x0, double y0, double x1, double y1,
                              unsigned weight);
/* 1 when the box overlaps a placed one; else records it and returns 0. */
int chart_boxes_claim(chart_boxes *b, double x0, double y0, double x1, double y1);
/* Records the box of a marker of CHART_MARKER_SIZE centred on (x, y). */
void chart_boxes_add_marker(chart_boxes *b, double x, double y);
/* Records small boxes along the polyline through n points, so a legend
 * does not cover a line (labels placed beside a line must come first). */
void chart_boxes_add_line(chart_boxes *b, const double *x, const double *y, size_t n);

/* Legend entries: what the sample beside each text shows. */
typedef enum legend_kind {
    LEGEND_MARKER,   /* a point marker */
    LEGEND_LINE,     /* a solid line */
    LEGEND_DASHED,   /* a dashed line */
    LEGEND_DOTTED,   /* a dotted line */
    LEGEND_SWATCH,   /* a filled box (bars) */
    LEGEND_TICK,     /* a short upright bar (the ideal mark of the bar charts) */
    LEGEND_LINE_MARKER, /* a line through a marker (series of a line chart) */
    LEGEND_ISSUE_ROOF,  /* an issue roof's line (chart_issue_roof_stroke) */
    LEGEND_ISSUE_MARK   /* the issue-roof prediction's bar (chart_issue_pred_mark) */
} legend_kind;

#define LEGEND_MAX 24
typedef struct legend_entry {
    char text[96];
    legend_kind kind;
    canvas_colour colour;
    canvas_marker marker;
    int hollow;
} legend_entry;

typedef struct chart_legend {
    legend_entry e[LEGEND_MAX];
    size_t n;
} chart_legend;

void chart_legend_add(chart_legend *l, legend_kind kind, canvas_colour colour, canvas_marker marker,
                      int hollow, const char *text);
/* Draws the legend inside f's plot area, in the corner (or edge middle)
 * where it covers the fewest boxes of placed, and claims its box. */
void chart_legend_draw(const canvas *c, const chart_frame *f, const chart_legend *l,
                       chart_boxes *placed);
/* A legend outside the plot, where it can cover nothing: its entries in
 * equal columns across width, row by row, from (x, y) downwards; returns
 * its height, which chart_legend_strip_height tells beforehand (for the
 * margin it needs). */
double chart_legend_strip(const canvas *c, const chart_legend *l, double x, double y, double width);
double chart_legend_strip_height(const canvas *c, const chart_legend *l, double width);
/* One legend entry per marker the kernels use (chart_kernel_marker), naming
 * every kernel that shares it ("stream_read, stream_triad"). */
void chart_kernel_legend(chart_legend *l, const char *const *kernels, size_t n, canvas_colour colour);

/* chart_style.c: one colour per format (Okabe-Ito hues, one per kind of
 * weight, group sizes as shades; six colours at most) and one marker per
 * kernel, the same in every chart. */
/* Secondary ink of every chart: guides, ideal lines, secondary labels. */
extern const canvas_colour CHART_GREY;

canvas_colour chart_format_colour(const char *format);
canvas_colour chart_group_colour(size_t group);
/* "TOP/s" for a compute unit that multiplies integers (dp4a, int8), else
 * "TFLOP/s": the rate its peak is in. */
const char *chart_rate_unit(const char *compute_unit);
/* c mixed with white, w of the way (0 c, 1 white): the same hue, lighter. */
canvas_colour chart_tint(canvas_colour c, double w);
canvas_marker chart_kernel_marker(const char *kernel);
canvas_colour chart_darker(canvas_colour c);
/* A measured point: filled with a darker rim (hollow 0), or hollow when
 * its output check failed (1), or filled inside a dark ring when the device
 * held its clocks down or moved them during it (CHART_POINT_RINGED). A
 * legend entry's hollow field takes the same values. */
#define CHART_POINT_RINGED 2
#define CHART_RING_SIZE (1.8 * CHART_MARKER_SIZE)
void chart_point_marker(const canvas *c, canvas_marker shape, canvas_colour col, double x, double y,
                        int hollow);
/* The issue roof of a format (issue 15), a ceiling like the others but per
 * format: a line in the format's colour, dash-dotted (no other line is),
 * so it reads as neither DRAM slope (solid, dashed) nor the L2 slope
 * (dotted); its label in the format's darker colour. */
void chart_issue_roof_stroke(const canvas *c, canvas_colour format_colour);
canvas_colour chart_issue_label_colour(const char *format);
/* The issue-roof prediction of a case on the predicted chart: a bar
 * CHART_ISSUE_MARK_WIDTH wide across the case's line, centred on (x, y),
 * in the format's colour. */
#define CHART_ISSUE_MARK_WIDTH 10.0
void chart_issue_pred_mark(const canvas *c, canvas_colour col, double x, double y);

/* chart_marks.c: a scatter of many rows draws one marker per row, and a
 * run of 100k rows of a few dozen cases put 100k markers on a few dozen
 * spots: seconds of rasterising and 87 MB of SVG for what the eye sees as
 * a few dozen (issue 18). Of the marks that land on one spot (within
 * CHART_MARK_QUANTUM points) with the same marker, colour and style, only
 * the last is drawn: markers are opaque and the last covers the others (to
 * within that quantum, a fifth of a pixel at 300 dpi), so what shows does
 * not change, whatever was drawn between them.
 * keep[i] is set to 1 for the marks to draw; -1 when out of memory (every
 * keep[i] is then 1). Below CHART_MARKS_MERGE_FROM marks every one is
 * drawn: that costs little, and the charts of real runs (a few hundred
 * cases; 1,856 for all the archives together) stay exactly as they were,
 * the order of near-coincident markers included. */
#define CHART_MARK_QUANTUM 0.05
#define CHART_MARKS_MERGE_FROM 2000
typedef struct chart_mark {
    double x, y;     /* page points; NaN: not drawn, kept apart */
    double y2;       /* a second point (the predicted chart's pair line), NaN when none */
    canvas_colour colour;
    int shape, style;
} chart_mark;
int chart_marks_keep_last(const chart_mark *marks, size_t n, unsigned char *keep);

#endif
