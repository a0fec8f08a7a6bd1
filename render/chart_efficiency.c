/* Energy efficiency against arithmetic intensity (see charts.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_parts.h"
#include "charts.h"

#define MARGIN_LEFT 62.0
#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 42.0

static const canvas_colour GREY = {0.45, 0.45, 0.45, 1.0};

void chart_efficiency_title(const efficiency_data *d, char *buf, size_t size)
{
    if (d->device == NULL)
        snprintf(buf, size, "Energy efficiency");
    else
        snprintf(buf, size, "Energy efficiency against intensity: %s", d->device);
}

static void fit(const efficiency_data *d, double width, double height, chart_frame *f)
{
    double xlo = INFINITY, xhi = 0.0, ylo = INFINITY, yhi = 0.0;
    for (size_t i = 0; i < d->n; i++) {
        const efficiency_point *p = &d->p[i];
        xlo = fmin(xlo, p->intensity);
        xhi = fmax(xhi, p->intensity);
        ylo = fmin(ylo, p->gflops_per_w);
        yhi = fmax(yhi, p->gflops_per_w);
        if (p->fit_gflops_per_w > 0.0) {
            ylo = fmin(ylo, p->fit_gflops_per_w);
            yhi = fmax(yhi, p->fit_gflops_per_w);
        }
    }
    if (d->n == 0) {
        xlo = ylo = 1.0;
        xhi = yhi = 100.0;
    }
    memset(f, 0, sizeof *f);
    f->left = MARGIN_LEFT;
    f->right = width - MARGIN_RIGHT;
    f->top = MARGIN_TOP;
    f->bottom = height - MARGIN_BOTTOM;
    log_axis_fit(xlo / 1.5, xhi * 1.5, &f->x.lo, &f->x.hi);
    log_axis_fit(ylo / 1.5, yhi * 1.5, &f->y.lo, &f->y.hi);
    f->x.p_lo = f->left;
    f->x.p_hi = f->right;
    f->y.p_lo = f->bottom;
    f->y.p_hi = f->top;
}

/* Fitted values first, hollow and small, so the measured point sits on
 * top where the two agree. */
static void draw_points(const canvas *c, const chart_frame *f, const efficiency_data *d,
                        chart_boxes *placed)
{
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    c->set_stroke(c->impl, 0.8, NULL, 0);
    for (size_t i = 0; i < d->n; i++) {
        const efficiency_point *p = &d->p[i];
        double px = axis_map(&f->x, p->intensity), py = axis_map(&f->y, p->fit_gflops_per_w);
        if (isnan(py))
            continue;
        c->set_colour(c->impl, chart_darker(chart_format_colour(p->format)));
        c->marker(c->impl, chart_kernel_marker(p->kernel), px, py, 0.8 * CHART_MARKER_SIZE, 0);
        chart_boxes_add_marker(placed, px, py);
    }
    for (size_t i = 0; i < d->n; i++) {
        const efficiency_point *p = &d->p[i];
        double px = axis_map(&f->x, p->intensity), py = axis_map(&f->y, p->gflops_per_w);
        chart_point_marker(c, chart_kernel_marker(p->kernel), chart_format_colour(p->format), px,
                           py, 0);
        chart_boxes_add_marker(placed, px, py);
    }
    c->unclip(c->impl);
}

void chart_efficiency_draw(const canvas *c, const efficiency_data *d, double width, double height)
{
    chart_frame f;
    char title[256];
    fit(d, width, height, &f);
    chart_efficiency_title(d, title, sizeof title);
    chart_background(c, width, height);
    chart_frame_draw(c, &f, title, CHART_EFFICIENCY_INTENSITY_LABEL, CHART_EFFICIENCY_X_LABEL);
    if (d->n == 0) {
        chart_frame_message(c, &f, "no energy measured (power source: none)");
        return;
    }
    chart_boxes *placed = calloc(1, sizeof *placed);
    if (placed == NULL)
        return;
    draw_points(c, &f, d, placed);
    chart_legend formats = {0}, kinds = {0};
    for (size_t i = 0; i < d->nformats; i++)
        chart_legend_add(&formats, LEGEND_MARKER, chart_format_colour(d->formats[i]), MARKER_CIRCLE,
                         0, d->formats[i]);
    chart_kernel_legend(&kinds, d->kernels, d->nkernels, GREY);
    if (d->has_fit)
        chart_legend_add(&kinds, LEGEND_MARKER, GREY, MARKER_CIRCLE, 1,
                         "hollow: the model's energy fit");
    chart_legend_draw(c, &f, &formats, placed);
    chart_legend_draw(c, &f, &kinds, placed);
    free(placed);
}
