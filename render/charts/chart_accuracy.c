/* Quantization error against speedup, one span per format (chart_draw.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_parts.h"
#include "chart_draw.h"

#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 42.0
#define LABEL_GAP 7.0 /* from a marker's centre to its label */

static const double DASH[] = {3.0, 2.5};

void chart_accuracy_title(const accuracy_data *d, char *buf, size_t size)
{
    if (d->device == NULL)
        snprintf(buf, size, "Accuracy against speed");
    else
        snprintf(buf, size, "Accuracy against speed at %llu×%llu, batch 1: %s",
                 (unsigned long long)d->n, (unsigned long long)d->k, d->device);
}

/* A format that can be drawn: a speedup and at least one nonzero error. */
static int drawable(const accuracy_format *a)
{
    return a->speedup > 0.0 && (a->err_gaussian > 0.0 || a->err_outliers > 0.0);
}

static void fit(const canvas *c, const accuracy_data *d, double width, double height,
                chart_frame *f)
{
    double lo = INFINITY, hi = 0.0, smax = 1.0;
    for (size_t i = 0; i < d->nformats; i++) {
        const accuracy_format *a = &d->f[i];
        if (!drawable(a))
            continue;
        double e[2] = {a->err_gaussian, a->err_outliers};
        for (int j = 0; j < 2; j++)
            if (e[j] > 0.0) {
                lo = fmin(lo, 100.0 * e[j]);
                hi = fmax(hi, 100.0 * e[j]);
            }
        smax = fmax(smax, a->speedup);
    }
    if (!(hi > 0.0)) {
        lo = 1.0;
        hi = 100.0;
    }
    memset(f, 0, sizeof *f);
    log_axis_fit(lo / 1.5, hi * 1.5, &f->x.lo, &f->x.hi);
    f->y.scale = AXIS_LINEAR;
    lin_axis_fit(0.0, smax * 1.12, 6, &f->y.lo, &f->y.hi);
    chart_frame_place(f, chart_frame_left_margin(c, f), MARGIN_TOP, width - MARGIN_RIGHT,
                      height - MARGIN_BOTTOM);
}

/* fp16, the reference: no error, no speedup. A dashed line at 1x. */
static void reference_line(const canvas *c, const chart_frame *f, chart_boxes *placed)
{
    double y = axis_map(&f->y, 1.0);
    double xs[2] = {f->left, f->right}, ys[2] = {y, y};
    c->set_colour(c->impl, CHART_GREY);
    c->set_stroke(c->impl, 0.8, DASH, 2);
    c->line(c->impl, xs, ys, 2);
    chart_boxes_add_line(placed, xs, ys, 2);
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, -0.4, 0.0};
    const char *text = "fp16: exact (no error), 1×";
    double w, cap;
    c->text_extents(c->impl, &st, text, &w, &cap);
    c->text(c->impl, &st, f->left + 4.0, y, text);
    chart_boxes_add(placed, f->left + 4.0, y - 1.4 * cap - 1.0, f->left + 4.0 + w, y - 0.4 * cap);
}

/* 1 when spans a and b (page x of their two markers) would have markers
 * closer than step across, wherever they sit up and down. */
static int x_overlap(const double *a, const double *b, double step)
{
    for (int p = 0; p < 2; p++)
        for (int q = 0; q < 2; q++)
            if (!isnan(a[p]) && !isnan(b[q]) && fabs(a[p] - b[q]) < step)
                return 1;
    return 0;
}

/* Spans whose markers would pile up (the group sizes of one bit width run
 * at one speedup, with close errors) are drawn apart: such a cluster is
 * spread a marker and a bit apart around its mean speedup, in the order of
 * the speedups, and clusters that then touch merge, until none does. The
 * label prints the speedup, so a nudged span still says its value. Writes
 * each drawable format's page y into ys. */
static void dodge(const chart_frame *f, const accuracy_data *d, double *ys)
{
    const double step = CHART_MARKER_SIZE + 1.5;
    size_t idx[CMP_MAX_CATS], n = 0;
    double x[CMP_MAX_CATS][2], y0[CMP_MAX_CATS];
    for (size_t i = 0; i < d->nformats; i++) {
        const accuracy_format *a = &d->f[i];
        ys[i] = axis_map(&f->y, a->speedup);
        if (!drawable(a))
            continue;
        size_t k = n++; /* keep idx sorted by page y, top first */
        while (k > 0 && y0[k - 1] > ys[i]) {
            idx[k] = idx[k - 1];
            y0[k] = y0[k - 1];
            x[k][0] = x[k - 1][0];
            x[k][1] = x[k - 1][1];
            k--;
        }
        idx[k] = i;
        y0[k] = ys[i];
        x[k][0] = axis_map(&f->x, 100.0 * a->err_gaussian);
        x[k][1] = axis_map(&f->x, 100.0 * a->err_outliers);
    }
    size_t first[CMP_MAX_CATS]; /* the cluster each span belongs to: its first span */
    for (size_t k = 0; k < n; k++)
        first[k] = k;
    for (int round = 0; round < (int)n + 1; round++) {
        double y[CMP_MAX_CATS];
        for (size_t k = 0; k < n;) { /* spread each cluster around its mean */
            size_t e = k + 1;
            double mean = y0[k];
            while (e < n && first[e] == k)
                mean += y0[e++];
            mean /= (double)(e - k);
            for (size_t q = k; q < e; q++)
                y[q] = mean + ((double)(q - k) - 0.5 * (double)(e - k - 1)) * step;
            k = e;
        }
        int merged = 0; /* a span of the next cluster too close to one of this: merge */
        for (size_t k = 1; k < n; k++)
            for (size_t q = first[k - 1]; q < k && first[k] == k; q++)
                if (fabs(y[k] - y[q]) < step && x_overlap(x[k], x[q], step)) {
                    for (size_t e = k; e < n && (e == k || first[e] == k); e++)
                        first[e] = first[k - 1];
                    merged = 1;
                    break;
                }
        for (size_t k = 0; k < n; k++)
            ys[idx[k]] = y[k];
        if (!merged)
            break;
    }
}

/* One format: the Gaussian (circle) and outlier (diamond) errors at its
 * speedup (page y), joined by a line in its colour. */
static void span(const canvas *c, const chart_frame *f, const accuracy_format *a, double y,
                 chart_boxes *placed)
{
    canvas_colour col = chart_format_colour(a->format);
    double xg = axis_map(&f->x, 100.0 * a->err_gaussian);
    double xo = axis_map(&f->x, 100.0 * a->err_outliers);
    if (!isnan(xg) && !isnan(xo)) {
        double xs[2] = {xg, xo}, ys[2] = {y, y};
        c->set_colour(c->impl, col);
        c->set_stroke(c->impl, 1.2, NULL, 0);
        c->line(c->impl, xs, ys, 2);
        chart_boxes_add_line(placed, xs, ys, 2);
    }
    if (!isnan(xg)) {
        chart_point_marker(c, MARKER_CIRCLE, col, xg, y, 0);
        chart_boxes_add_marker(placed, xg, y);
    }
    if (!isnan(xo)) {
        chart_point_marker(c, MARKER_DIAMOND, col, xo, y, 0);
        chart_boxes_add_marker(placed, xo, y);
    }
}

/* The format's name beside its span: right of it, left of it, above or
 * below its middle, the first of those clear of what is drawn and inside
 * the plot (else the one that covers least). */
static void span_label(const canvas *c, const chart_frame *f, const accuracy_format *a, double y,
                       chart_boxes *placed)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    double w, cap;
    char text[64];
    snprintf(text, sizeof text, "%s %.2f×", a->format, a->speedup);
    c->text_extents(c->impl, &st, text, &w, &cap);
    double x0 = axis_map(&f->x, 100.0 * a->err_gaussian);
    double x1 = axis_map(&f->x, 100.0 * a->err_outliers);
    x0 = isnan(x0) ? x1 : x0;
    x1 = isnan(x1) ? x0 : x1;
    double mid = 0.5 * (x0 + x1), h = 0.5 * cap + 1.0, up = cap + 6.0;
    double cx[4] = {fmax(x0, x1) + LABEL_GAP, fmin(x0, x1) - LABEL_GAP - w, mid - 0.5 * w,
                    mid - 0.5 * w};
    double cy[4] = {y, y, y - up, y + up};
    size_t best = (size_t)-1;
    int pick = 0;
    for (int i = 0; i < 4 && best != 0; i++) {
        if (cx[i] < f->left + 2.0 || cx[i] + w > f->right - 2.0 || cy[i] - h < f->top ||
            cy[i] + h > f->bottom)
            continue;
        size_t hits = chart_boxes_hits(placed, cx[i], cy[i] - h, cx[i] + w, cy[i] + h);
        if (hits < best) {
            best = hits;
            pick = i;
        }
    }
    /* In the format's colour, darkened to read as text: in a cluster of
     * spans the colour tells which name is whose. */
    c->set_colour(c->impl, chart_darker(chart_format_colour(a->format)));
    c->text(c->impl, &st, cx[pick], cy[pick], text);
    chart_boxes_add(placed, cx[pick], cy[pick] - h, cx[pick] + w, cy[pick] + h);
}

void chart_accuracy_draw(const canvas *c, const accuracy_data *d, double width, double height)
{
    chart_frame f;
    char title[256];
    fit(c, d, width, height, &f);
    chart_accuracy_title(d, title, sizeof title);
    chart_background(c, width, height);
    chart_frame_draw(c, &f, title, CHART_ACCURACY_X_LABEL, CHART_SPEEDUP_X_LABEL);
    size_t n = 0;
    for (size_t i = 0; i < d->nformats; i++)
        n += drawable(&d->f[i]);
    if (n == 0) {
        chart_frame_message(c, &f,
                            !d->has_errors ? "no quantization error in this CSV (quant_err_*)"
                                           : "no fp16 gemv at a square shape to compare with");
        return;
    }
    chart_boxes placed = {0};
    double ys[CMP_MAX_CATS];
    dodge(&f, d, ys);
    c->clip(c->impl, f.left, f.top, f.right - f.left, f.bottom - f.top);
    reference_line(c, &f, &placed);
    for (size_t i = 0; i < d->nformats; i++)
        if (drawable(&d->f[i]))
            span(c, &f, &d->f[i], ys[i], &placed);
    c->unclip(c->impl);
    for (size_t i = 0; i < d->nformats; i++)
        if (drawable(&d->f[i]))
            span_label(c, &f, &d->f[i], ys[i], &placed);
    chart_legend l = {0};
    chart_legend_add(&l, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 0, "Gaussian weights");
    chart_legend_add(&l, LEGEND_MARKER, CHART_GREY, MARKER_DIAMOND, 0,
                     "heavy-tailed weights with outliers");
    chart_legend_draw(c, &f, &l, &placed);
}
