/* Prediction error against measured time per call (see chart_draw.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_parts.h"
#include "chart_draw.h"

#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 42.0
#define BAND_PCT 10.0 /* |error| <= 10 %: the band */
#define LEGEND_GAP 4.0

/* The band: light enough to leave every marker readable on it, dark enough
 * to read as a region against white (and its edges drawn besides). */
static const canvas_colour BAND = {0.84, 0.84, 0.84, 1.0};
static const canvas_colour EDGE = {0.45, 0.45, 0.45, 1.0};
static const canvas_colour ZERO = {0.2, 0.2, 0.2, 1.0};
static const canvas_colour PAIR = {0.65, 0.65, 0.65, 1.0};
static const double DASH[] = {3.0, 2.0};

void chart_predicted_title(const scatter_data *d, char *buf, size_t size)
{
    snprintf(buf, size, "Prediction error against measured time (%s ceilings)",
             d->datasheet_only ? "datasheet" : "measured");
}

/* error % = 100 (predicted - measured) / measured, as the report's tables */
double chart_predicted_error_pct(double pred_us, double time_us)
{
    return 100.0 * (pred_us - time_us) / time_us;
}

static void fit(const canvas *c, const scatter_data *d, double width, double height, chart_frame *f)
{
    double lo = INFINITY, hi = 0.0, elo = -2.0 * BAND_PCT, ehi = 2.0 * BAND_PCT;
    for (size_t i = 0; i < d->n; i++) {
        const scatter_point *p = &d->p[i];
        lo = fmin(lo, p->time_us);
        hi = fmax(hi, p->time_us);
        elo = fmin(elo, chart_predicted_error_pct(p->pred_us, p->time_us));
        ehi = fmax(ehi, chart_predicted_error_pct(p->pred_us, p->time_us));
        if (p->floor_us > 0.0) {
            elo = fmin(elo, chart_predicted_error_pct(p->floor_us, p->time_us));
            ehi = fmax(ehi, chart_predicted_error_pct(p->floor_us, p->time_us));
        }
        if (p->issue_us > 0.0) {
            elo = fmin(elo, chart_predicted_error_pct(p->issue_us, p->time_us));
            ehi = fmax(ehi, chart_predicted_error_pct(p->issue_us, p->time_us));
        }
    }
    if (!isfinite(lo) || !(hi > 0.0)) {
        lo = 1.0;
        hi = 100.0;
    }
    memset(f, 0, sizeof *f);
    log_axis_fit(lo / 1.3, hi * 1.3, &f->x.lo, &f->x.hi);
    f->y.scale = AXIS_LINEAR;
    lin_axis_fit(elo - 4.0, ehi + 4.0, 8, &f->y.lo, &f->y.hi);
    chart_frame_place(f, chart_frame_left_margin(c, f), MARGIN_TOP, width - MARGIN_RIGHT, height - MARGIN_BOTTOM);
}

/* The band |error| <= 10 % across the plot, its edges dashed, zero solid. */
static void draw_band(const canvas *c, const chart_frame *f, chart_boxes *placed)
{
    double y0 = axis_map(&f->y, -BAND_PCT), y1 = axis_map(&f->y, BAND_PCT), yz = axis_map(&f->y, 0.0);
    c->set_colour(c->impl, BAND);
    c->polygon(c->impl, (double[]){f->left, f->right, f->right, f->left}, (double[]){y0, y0, y1, y1}, 4, 1);
    c->set_colour(c->impl, EDGE);
    c->set_stroke(c->impl, 0.7, DASH, 2);
    c->line(c->impl, (double[]){f->left, f->right}, (double[]){y0, y0}, 2);
    c->line(c->impl, (double[]){f->left, f->right}, (double[]){y1, y1}, 2);
    c->set_colour(c->impl, ZERO);
    c->set_stroke(c->impl, 0.9, NULL, 0);
    c->line(c->impl, (double[]){f->left, f->right}, (double[]){yz, yz}, 2);
    chart_boxes_add_line(placed, (double[]){f->left, f->right}, (double[]){yz, yz}, 2);
}

/* The page y of prediction v's error for point p, NAN without one. */
static double error_y(const chart_frame *f, const scatter_point *p, double v)
{
    return v > 0.0 ? axis_map(&f->y, chart_predicted_error_pct(v, p->time_us)) : NAN;
}

/* The span of a case's line: from the bytes-only roofline's error yb to the
 * farthest of the others' (the floor's, the issue roof's); 0 when it has
 * no other. */
static int pair_span(const chart_frame *f, const scatter_point *p, double *y0, double *y1)
{
    double yb = error_y(f, p, p->pred_us), yf = error_y(f, p, p->floor_us), yi = error_y(f, p, p->issue_us);
    if (isnan(yf) && isnan(yi))
        return 0;
    *y0 = fmin(yb, fmin(isnan(yf) ? yb : yf, isnan(yi) ? yb : yi));
    *y1 = fmax(yb, fmax(isnan(yf) ? yb : yf, isnan(yi) ? yb : yi));
    return 1;
}

/* Each case: its predictions' errors joined by a thin line, the
 * bytes-only roofline hollow, the roofline plus launch floor filled, the
 * roofline with the issue roof a bar across the line (issue 15). */
/* Which lines and markers to draw: marks[0..n) the pair lines, [n..2n)
 * the bytes-only markers, [2n..3n) the floor's, [3n..4n) the issue roof's
 * bars (chart_marks_keep_last); NULL when out of memory: every one. */
enum { KEEP_BLOCKS = 4 };
static unsigned char *keep_marks(const chart_frame *f, const scatter_data *d)
{
    size_t n = d->n;
    chart_mark *m = malloc((KEEP_BLOCKS * n + 1) * sizeof *m);
    unsigned char *keep = malloc(KEEP_BLOCKS * n + 1);
    int ok = m != NULL && keep != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        const scatter_point *p = &d->p[i];
        double px = axis_map(&f->x, p->time_us), y0 = NAN, y1 = NAN;
        double yb = error_y(f, p, p->pred_us), yf = error_y(f, p, p->floor_us), yi = error_y(f, p, p->issue_us);
        canvas_colour col = chart_format_colour(p->format);
        int shape = (int)chart_kernel_marker(p->kernel);
        int pair = pair_span(f, p, &y0, &y1);
        m[i] = (chart_mark){pair ? px : NAN, y0, y1, PAIR, 0, 0};
        m[n + i] = (chart_mark){p->pred_us > 0.0 ? px : NAN, yb, NAN, col, shape, 1};
        m[2 * n + i] = (chart_mark){p->floor_us > 0.0 ? px : NAN, yf, NAN, col, shape, p->wrong};
        m[3 * n + i] = (chart_mark){p->issue_us > 0.0 ? px : NAN, yi, NAN, col, MARKER_COUNT, 0};
    }
    for (size_t k = 0; ok && k < KEEP_BLOCKS; k++)
        ok = chart_marks_keep_last(m + k * n, n, keep + k * n) == 0;
    free(m);
    if (!ok) {
        free(keep);
        return NULL;
    }
    return keep;
}

static void draw_points(const canvas *c, const chart_frame *f, const scatter_data *d, chart_boxes *placed)
{
    unsigned char *keep = keep_marks(f, d);
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    for (size_t i = 0; i < d->n; i++) {
        const scatter_point *p = &d->p[i];
        double px = axis_map(&f->x, p->time_us), y0, y1;
        if (pair_span(f, p, &y0, &y1) && (keep == NULL || keep[i])) {
            c->set_colour(c->impl, PAIR);
            c->set_stroke(c->impl, 0.5, NULL, 0);
            c->line(c->impl, (double[]){px, px}, (double[]){y0, y1}, 2);
        }
    }
    for (int pass = 0; pass < 2; pass++) /* hollow under filled */
        for (size_t i = 0; i < d->n; i++) {
            const scatter_point *p = &d->p[i];
            double v = pass ? p->floor_us : p->pred_us;
            if (!(v > 0.0) || (keep != NULL && !keep[(1 + (size_t)pass) * d->n + i]))
                continue; /* none, or a later marker covers it */
            double px = axis_map(&f->x, p->time_us), py = error_y(f, p, v);
            canvas_colour col = chart_format_colour(p->format);
            canvas_marker shape = chart_kernel_marker(p->kernel);
            if (pass == 0) { /* white inside, so the pair's line does not show through */
                c->set_colour(c->impl, (canvas_colour){1.0, 1.0, 1.0, 1.0});
                c->marker(c->impl, shape, px, py, CHART_MARKER_SIZE, 1);
            }
            chart_point_marker(c, shape, col, px, py, pass == 0 || p->wrong);
            chart_boxes_add_marker(placed, px, py);
        }
    for (size_t i = 0; i < d->n; i++) { /* the issue roof's bars over both */
        const scatter_point *p = &d->p[i];
        if (!(p->issue_us > 0.0) || (keep != NULL && !keep[3 * d->n + i]))
            continue;
        double px = axis_map(&f->x, p->time_us), py = error_y(f, p, p->issue_us);
        chart_issue_pred_mark(c, chart_format_colour(p->format), px, py);
        chart_boxes_add(placed, px - 0.5 * CHART_ISSUE_MARK_WIDTH, py - 1.5, px + 0.5 * CHART_ISSUE_MARK_WIDTH,
                        py + 1.5);
    }
    c->unclip(c->impl);
    free(keep);
}

/* "slower than predicted" under the band, "faster" over it, in the corners
 * away from the points, unless a point is there. */
static void region_labels(const canvas *c, const chart_frame *f, chart_boxes *placed)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 1.0, 0.0};
    double w, cap;
    const char *above = "above the band: predicted slower than measured";
    c->text_extents(c->impl, &st, above, &w, &cap);
    double x = f->right - 6.0 - w, y = f->top + 6.0;
    c->set_colour(c->impl, CHART_GREY);
    if (!chart_boxes_claim(placed, x, y, x + w, y + cap))
        c->text(c->impl, &st, x, y, above);
    const char *below = "below the band: the call took longer than predicted";
    c->text_extents(c->impl, &st, below, &w, &cap);
    x = f->right - 6.0 - w;
    y = f->bottom - 6.0 - cap;
    if (!chart_boxes_claim(placed, x, y, x + w, y + cap))
        c->text(c->impl, &st, x, y, below);
}

static void legends(const scatter_data *d, chart_legend *formats, chart_legend *kinds)
{
    for (size_t i = 0; i < d->nformats; i++)
        chart_legend_add(formats, LEGEND_MARKER, chart_format_colour(d->formats[i]), MARKER_CIRCLE, 0,
                         d->formats[i]);
    chart_legend_add(kinds, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 1, PRED_BYTES_ONLY);
    if (d->has_floor)
        chart_legend_add(kinds, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 0, PRED_WITH_FLOOR);
    if (d->has_issue)
        chart_legend_add(kinds, LEGEND_ISSUE_MARK, CHART_GREY, MARKER_CIRCLE, 0, PRED_ISSUE_ROOF);
    chart_legend_add(kinds, LEGEND_SWATCH, BAND, MARKER_CIRCLE, 0, "|error| ≤ 10 %");
    chart_kernel_legend(kinds, d->kernels, d->nkernels, CHART_GREY);
}

void chart_predicted_draw(const canvas *c, const scatter_data *d, double width, double height)
{
    chart_frame f;
    char title[256];
    /* the legends under the plot: a hundred points leave no room inside */
    chart_legend formats = {0}, kinds = {0};
    legends(d, &formats, &kinds);
    double avail = width - 2.0 * MARGIN_RIGHT;
    double lh = d->n > 0 ? chart_legend_strip_height(c, &formats, avail) +
                               chart_legend_strip_height(c, &kinds, avail) + 2.0 * LEGEND_GAP
                         : 0.0;
    fit(c, d, width, height - lh, &f);
    chart_predicted_title(d, title, sizeof title);
    chart_background(c, width, height);
    chart_boxes *placed = calloc(1, sizeof *placed);
    if (placed == NULL)
        return;
    draw_band(c, &f, placed);
    chart_frame_draw(c, &f, title, CHART_PREDICTED_X_LABEL, CHART_PREDICTED_Y_LABEL);
    if (d->n == 0) {
        chart_frame_message(c, &f, "no case has a prediction");
        free(placed);
        return;
    }
    draw_points(c, &f, d, placed);
    region_labels(c, &f, placed);
    double ly = f.bottom + MARGIN_BOTTOM + LEGEND_GAP;
    ly += chart_legend_strip(c, &formats, MARGIN_RIGHT, ly, avail);
    chart_legend_strip(c, &kinds, MARGIN_RIGHT, ly + LEGEND_GAP, avail);
    free(placed);
}
