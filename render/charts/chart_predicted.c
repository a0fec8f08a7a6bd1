/* Predicted against measured time per call (see chart_draw.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_parts.h"
#include "chart_draw.h"

#define MARGIN_LEFT 62.0
#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 42.0
/* |error| <= 10 %, error = (predicted - measured) / measured: the measured
 * time lies between predicted / 1.1 and predicted / 0.9. */
#define BAND_LO (1.0 / 1.1)
#define BAND_HI (1.0 / 0.9)

static const canvas_colour BAND = {0.86, 0.93, 0.86, 1.0};
static const canvas_colour DIAGONAL = {0.35, 0.35, 0.35, 1.0};

void chart_predicted_title(const scatter_data *d, char *buf, size_t size)
{
    snprintf(buf, size, "Roofline prediction against measurement (%s ceilings)",
             d->datasheet_only ? "datasheet" : "measured");
}

static void fit(const scatter_data *d, double width, double height, chart_frame *f)
{
    double lo = INFINITY, hi = 0.0;
    for (size_t i = 0; i < d->n; i++) {
        lo = fmin(lo, fmin(d->p[i].pred_us, d->p[i].time_us));
        hi = fmax(hi, fmax(d->p[i].pred_us, d->p[i].time_us));
    }
    if (!isfinite(lo) || !(hi > 0.0)) {
        lo = 1.0;
        hi = 100.0;
    }
    memset(f, 0, sizeof *f);
    /* One range on both axes, so the identity line runs corner to corner. */
    log_axis_fit(lo / 1.3, hi * 1.3, &f->x.lo, &f->x.hi);
    f->y.lo = f->x.lo;
    f->y.hi = f->x.hi;
    chart_frame_place(f, MARGIN_LEFT, MARGIN_TOP, width - MARGIN_RIGHT, height - MARGIN_BOTTOM);
}

static void draw_band(const canvas *c, const chart_frame *f)
{
    double lo = f->x.lo, hi = f->x.hi;
    double px[4] = {axis_map(&f->x, lo), axis_map(&f->x, hi), axis_map(&f->x, hi),
                    axis_map(&f->x, lo)};
    double py[4] = {axis_map(&f->y, lo * BAND_LO), axis_map(&f->y, hi * BAND_LO),
                    axis_map(&f->y, hi * BAND_HI), axis_map(&f->y, lo * BAND_HI)};
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    c->set_colour(c->impl, BAND);
    c->polygon(c->impl, px, py, 4, 1);
    c->unclip(c->impl);
}

static void draw_diagonal(const canvas *c, const chart_frame *f)
{
    c->set_colour(c->impl, DIAGONAL);
    c->set_stroke(c->impl, 0.8, NULL, 0);
    c->line(c->impl, (double[]){axis_map(&f->x, f->x.lo), axis_map(&f->x, f->x.hi)},
            (double[]){axis_map(&f->y, f->x.lo), axis_map(&f->y, f->x.hi)}, 2);
}

/* "slower than predicted" above the band, "faster" below, in the corners
 * away from the line, unless a point is there. */
static void region_labels(const canvas *c, const chart_frame *f, chart_boxes *placed)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 1.0, 0.0};
    double w, cap;
    const char *above = "above the band: slower than predicted";
    c->text_extents(c->impl, &st, above, &w, &cap);
    double x = f->left + 6.0, y = f->top + 6.0;
    c->set_colour(c->impl, CHART_GREY);
    if (!chart_boxes_claim(placed, x, y, x + w, y + cap))
        c->text(c->impl, &st, x, y, above);
    const char *below = "below the band: faster than predicted";
    c->text_extents(c->impl, &st, below, &w, &cap);
    x = f->right - 6.0 - w;
    y = f->bottom - 6.0 - cap;
    if (!chart_boxes_claim(placed, x, y, x + w, y + cap))
        c->text(c->impl, &st, x, y, below);
}

static void legends(const canvas *c, const chart_frame *f, const scatter_data *d,
                    chart_boxes *placed)
{
    chart_legend formats = {0}, kinds = {0};
    for (size_t i = 0; i < d->nformats; i++)
        chart_legend_add(&formats, LEGEND_MARKER, chart_format_colour(d->formats[i]), MARKER_CIRCLE,
                         0, d->formats[i]);
    chart_kernel_legend(&kinds, d->kernels, d->nkernels, CHART_GREY);
    chart_legend_add(&kinds, LEGEND_LINE, DIAGONAL, MARKER_CIRCLE, 0, "prediction = measurement");
    chart_legend_add(&kinds, LEGEND_SWATCH, BAND, MARKER_CIRCLE, 0, "|error| ≤ 10 %");
    int wrong = 0;
    for (size_t i = 0; i < d->n; i++)
        wrong |= d->p[i].wrong;
    if (wrong)
        chart_legend_add(&kinds, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 1, "output check failed");
    chart_legend_draw(c, f, &formats, placed);
    chart_legend_draw(c, f, &kinds, placed);
}

void chart_predicted_draw(const canvas *c, const scatter_data *d, double width, double height)
{
    chart_frame f;
    char title[256];
    fit(d, width, height, &f);
    chart_predicted_title(d, title, sizeof title);
    chart_background(c, width, height);
    draw_band(c, &f);
    chart_frame_draw(c, &f, title, CHART_PREDICTED_X_LABEL, CHART_PREDICTED_Y_LABEL);
    c->clip(c->impl, f.left, f.top, f.right - f.left, f.bottom - f.top);
    draw_diagonal(c, &f);
    c->unclip(c->impl);
    if (d->n == 0) {
        chart_frame_message(c, &f, "no case has a prediction");
        return;
    }
    chart_boxes *placed = calloc(1, sizeof *placed);
    if (placed == NULL)
        return;
    c->clip(c->impl, f.left, f.top, f.right - f.left, f.bottom - f.top);
    for (size_t i = 0; i < d->n; i++) {
        double px = axis_map(&f.x, d->p[i].pred_us), py = axis_map(&f.y, d->p[i].time_us);
        chart_point_marker(c, chart_kernel_marker(d->p[i].kernel),
                           chart_format_colour(d->p[i].format), px, py, d->p[i].wrong);
        chart_boxes_add_marker(placed, px, py);
    }
    c->unclip(c->impl);
    /* The identity line, clipped to the plot: legends keep off it. */
    chart_boxes_add_line(placed, (double[]){f.left, f.right}, (double[]){f.bottom, f.top}, 2);
    /* Legends first: the region labels are a nicety and yield to them. */
    legends(c, &f, d, placed);
    region_labels(c, &f, placed);
    free(placed);
}
