/* Energy efficiency against arithmetic intensity (see chart_draw.h). */
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
    log_axis_fit(xlo / 1.5, xhi * 1.5, &f->x.lo, &f->x.hi);
    log_axis_fit(ylo / 1.5, yhi * 1.5, &f->y.lo, &f->y.hi);
    chart_frame_place(f, MARGIN_LEFT, MARGIN_TOP, width - MARGIN_RIGHT, height - MARGIN_BOTTOM);
}

/* Fitted values first, hollow and small, so the measured point sits on
 * top where the two agree. */
static void draw_points(const canvas *c, const chart_frame *f, const efficiency_data *d,
                        chart_boxes *placed)
{
    /* marks[0..n): the fit's markers, [n..2n): the measured ones */
    chart_mark *marks = malloc((2 * d->n + 1) * sizeof *marks);
    unsigned char *keep = malloc(2 * d->n + 1);
    int dedupe = marks != NULL && keep != NULL;
    for (size_t i = 0; dedupe && i < d->n; i++) {
        const efficiency_point *p = &d->p[i];
        double px = axis_map(&f->x, p->intensity);
        canvas_colour col = chart_format_colour(p->format);
        int shape = (int)chart_kernel_marker(p->kernel);
        marks[i] = (chart_mark){px, axis_map(&f->y, p->fit_gflops_per_w), NAN, col, shape, 0};
        marks[d->n + i] = (chart_mark){px, axis_map(&f->y, p->gflops_per_w), NAN, col, shape, 0};
    }
    if (dedupe && (chart_marks_keep_last(marks, d->n, keep) != 0 ||
                   chart_marks_keep_last(marks + d->n, d->n, keep + d->n) != 0))
        dedupe = 0;
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    c->set_stroke(c->impl, 0.8, NULL, 0);
    for (size_t i = 0; i < d->n; i++) {
        const efficiency_point *p = &d->p[i];
        double px = axis_map(&f->x, p->intensity), py = axis_map(&f->y, p->fit_gflops_per_w);
        if (isnan(py) || (dedupe && !keep[i]))
            continue;
        c->set_colour(c->impl, chart_darker(chart_format_colour(p->format)));
        c->marker(c->impl, chart_kernel_marker(p->kernel), px, py, 0.8 * CHART_MARKER_SIZE, 0);
        chart_boxes_add_marker(placed, px, py);
    }
    for (size_t i = 0; i < d->n; i++) {
        const efficiency_point *p = &d->p[i];
        if (dedupe && !keep[d->n + i])
            continue; /* a later marker covers it */
        double px = axis_map(&f->x, p->intensity), py = axis_map(&f->y, p->gflops_per_w);
        chart_point_marker(c, chart_kernel_marker(p->kernel), chart_format_colour(p->format), px,
                           py, 0);
        chart_boxes_add_marker(placed, px, py);
    }
    c->unclip(c->impl);
    free(marks);
    free(keep);
}

/* The fit's curves: one dash pattern per unit, sampled evenly on the log
 * axis; a stretch where the fit is not positive is left out. */
#define CURVE_SAMPLES 241
static const double DASH_A[] = {5.0, 2.5}, DASH_B[] = {1.5, 2.0}, DASH_C[] = {6.0, 2.0, 1.5, 2.0};
static const struct {
    const double *dash;
    int n;
} CURVE_DASH[] = {{NULL, 0}, {DASH_A, 2}, {DASH_B, 2}, {DASH_C, 4}};
static const canvas_colour CURVE = {0.25, 0.25, 0.25, 1.0};

/* Small boxes every few points along the curve, as chart_boxes_add_line
 * does for a few long segments: a curve of hundreds of short ones would
 * otherwise fill chart_boxes with duplicates at every joint. */
static void add_curve_boxes(chart_boxes *placed, const double *x, const double *y, size_t n)
{
    const double step = 6.0, r = 1.5; /* points */
    double carry = step;                /* path length since the last box: one at the start */
    for (size_t i = 0; i + 1 < n; i++) {
        double len = hypot(x[i + 1] - x[i], y[i + 1] - y[i]);
        if (!isfinite(len))
            continue;
        double at = step - carry;
        for (; at <= len; at += step) {
            double t = len > 0.0 ? at / len : 0.0;
            double px = x[i] + t * (x[i + 1] - x[i]), py = y[i] + t * (y[i + 1] - y[i]);
            chart_boxes_add_weighted(placed, px - r, py - r, px + r, py + r, 1);
        }
        carry = len - (at - step);
    }
}

static void draw_curve(const canvas *c, const chart_frame *f, const efficiency_data *d, size_t i,
                       chart_boxes *placed)
{
    double px[CURVE_SAMPLES], py[CURVE_SAMPLES];
    double l0 = log10(f->x.lo), l1 = log10(f->x.hi);
    size_t n = 0;
    c->set_colour(c->impl, CURVE);
    c->set_stroke(c->impl, 1.0, CURVE_DASH[i % 4].dash, CURVE_DASH[i % 4].n);
    for (int k = 0; k <= CURVE_SAMPLES; k++) {
        double x = k < CURVE_SAMPLES ? pow(10.0, l0 + (l1 - l0) * k / (CURVE_SAMPLES - 1)) : NAN;
        double y = isnan(x) ? NAN : efficiency_curve_at(d, i, x);
        if (!isnan(y)) {
            px[n] = axis_map(&f->x, x);
            py[n++] = axis_map(&f->y, y);
            continue;
        }
        if (n >= 2) {
            c->line(c->impl, px, py, n);
            add_curve_boxes(placed, px, py, n);
        }
        n = 0;
    }
}

/* The unit's name on its curve: from the right end leftwards, above the
 * line, then below it; the first place clear of what is drawn. The text
 * keeps 0.6 of a cap height off the line, clear of the line's own boxes. */
static void curve_label(const canvas *c, const chart_frame *f, const efficiency_data *d, size_t i,
                        chart_boxes *placed)
{
    char text[64];
    snprintf(text, sizeof text, "fit: %s", d->curve[i].unit);
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, -0.6, 0.0};
    double w, cap;
    c->text_extents(c->impl, &st, text, &w, &cap);
    double bx = 0.0, by = 0.0, bv = -0.6;
    size_t best = (size_t)-1;
    for (int k = 0; k < 16 && best != 0; k++)
        for (int below = 0; below < 2 && best != 0; below++) {
            double x0 = f->right - 4.0 - w - 24.0 * k;
            double y = axis_map(&f->y, efficiency_curve_at(d, i, axis_unmap(&f->x, x0 + 0.5 * w)));
            double v = below ? 1.6 : -0.6;
            double top = y + (v - 1.0) * cap - 1.0, bottom = y + v * cap + 1.0;
            if (isnan(y) || x0 < f->left || top < f->top || bottom > f->bottom)
                continue;
            size_t hits = chart_boxes_hits(placed, x0, top, x0 + w, bottom);
            if (hits < best) {
                best = hits;
                bx = x0;
                by = y;
                bv = v;
            }
        }
    if (best == (size_t)-1)
        return; /* the curve never crosses the plot */
    st.valign = bv;
    c->set_colour(c->impl, CURVE);
    c->text(c->impl, &st, bx, by, text);
    chart_boxes_add(placed, bx, by + (bv - 1.0) * cap - 1.0, bx + w, by + bv * cap + 1.0);
}

static void draw_curves(const canvas *c, const chart_frame *f, const efficiency_data *d,
                        chart_boxes *placed)
{
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    for (size_t i = 0; i < d->ncurves; i++)
        draw_curve(c, f, d, i, placed);
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
    draw_curves(c, &f, d, placed);
    draw_points(c, &f, d, placed);
    for (size_t i = 0; i < d->ncurves; i++)
        curve_label(c, &f, d, i, placed);
    chart_legend formats = {0}, kinds = {0};
    for (size_t i = 0; i < d->nformats; i++)
        chart_legend_add(&formats, LEGEND_MARKER, chart_format_colour(d->formats[i]), MARKER_CIRCLE,
                         0, d->formats[i]);
    chart_kernel_legend(&kinds, d->kernels, d->nkernels, CHART_GREY);
    if (d->has_fit)
        chart_legend_add(&kinds, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 1,
                         "hollow: the model's energy fit");
    if (d->ncurves > 0) {
        char text[96];
        snprintf(text, sizeof text, "lines: energy fit (R² %.3f)",
                 d->r_squared);
        chart_legend_add(&kinds, LEGEND_LINE, CURVE, MARKER_CIRCLE, 0, text);
    }
    chart_legend_draw(c, &f, &formats, placed);
    chart_legend_draw(c, &f, &kinds, placed);
    free(placed);
}
