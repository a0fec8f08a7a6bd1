/* The frame of a chart panel: grid, ticks, tick labels, outline, titles. */
#include <math.h>
#include <stdio.h>

#include "chart_parts.h"

#define MAX_TICKS 32
#define TICK_GAP 5.0  /* tick label to the plot edge */
#define TITLE_GAP 6.0 /* y axis title to the tick labels */
#define TITLE_MIN_X 8.0 /* the leftmost a chart title starts, from the page edge */

static const canvas_colour INK = {0.1, 0.1, 0.1, 1.0};
static const canvas_colour GRID = {0.86, 0.86, 0.86, 1.0};
static const canvas_colour MUTED = {0.45, 0.45, 0.45, 1.0};

void chart_background(const canvas *c, double width, double height)
{
    c->set_colour(c->impl, (canvas_colour){1.0, 1.0, 1.0, 1.0});
    c->rect(c->impl, 0.0, 0.0, width, height, 1);
}

static size_t x_ticks(const chart_frame *f, double *out, size_t max)
{
    if (f->xticks == NULL)
        return axis_ticks(&f->x, out, max);
    size_t n = 0;
    for (size_t i = 0; i < f->nxticks && n < max; i++)
        out[n++] = f->xticks[i];
    return n;
}

double chart_frame_label_width(const canvas *c, const chart_frame *f)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_TICK, 1.0, 0.5, 0.0};
    double wmax = 0.0, w, cap;
    if (f->ycats != NULL) {
        for (size_t i = 0; i < f->nycats; i++) {
            c->text_extents(c->impl, &st, f->ycats[i], &w, &cap);
            wmax = fmax(wmax, w);
        }
        return wmax;
    }
    double v[MAX_TICKS];
    char label[48];
    size_t n = axis_ticks(&f->y, v, MAX_TICKS);
    for (size_t i = 0; i < n; i++) {
        axis_tick_label(&f->y, v[i], label, sizeof label);
        c->text_extents(c->impl, &st, label, &w, &cap);
        wmax = fmax(wmax, w);
    }
    return wmax;
}

static double axis_cap(const canvas *c)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_AXIS, 0.0, 0.0, 0.0};
    double w, cap;
    c->text_extents(c->impl, &st, "H", &w, &cap);
    return cap;
}

void chart_frame_place(chart_frame *f, double left, double top, double right, double bottom)
{
    f->left = left;
    f->top = top;
    f->right = right;
    f->bottom = bottom;
    f->x.p_lo = left;
    f->x.p_hi = right;
    f->y.p_lo = f->ycats != NULL ? top : bottom;
    f->y.p_hi = f->ycats != NULL ? bottom : top;
}

double chart_frame_left_margin(const canvas *c, const chart_frame *f)
{
    return TICK_GAP + chart_frame_label_width(c, f) + TITLE_GAP + axis_cap(c) + 4.0;
}

/* Minor ticks at 2..9 of each decade of a log axis; none on a linear one. */
static void minor_ticks(const canvas *c, const chart_axis *a, const double *dec, size_t n, int vertical,
                        const chart_frame *f)
{
    if (a->scale != AXIS_LOG)
        return;
    for (size_t i = 0; i + 1 < n; i++)
        for (int m = 2; m <= 9; m++) {
            double p = axis_map(a, dec[i] * m);
            if (vertical)
                c->line(c->impl, (double[]){p, p}, (double[]){f->bottom, f->bottom - 2.5}, 2);
            else
                c->line(c->impl, (double[]){f->left, f->left + 2.5}, (double[]){p, p}, 2);
        }
}

static void draw_grid_and_ticks(const canvas *c, const chart_frame *f)
{
    double v[MAX_TICKS];
    size_t nx = x_ticks(f, v, MAX_TICKS);
    c->set_stroke(c->impl, 0.5, NULL, 0);
    for (size_t i = 0; i < nx; i++) {
        double px = axis_map(&f->x, v[i]);
        c->set_colour(c->impl, GRID);
        c->line(c->impl, (double[]){px, px}, (double[]){f->top, f->bottom}, 2);
        c->set_colour(c->impl, INK);
        c->line(c->impl, (double[]){px, px}, (double[]){f->bottom, f->bottom - 5.0}, 2);
    }
    if (f->xticks == NULL)
        minor_ticks(c, &f->x, v, nx, 1, f);
    if (f->ycats != NULL)
        return; /* categories: no value grid across them */
    size_t ny = axis_ticks(&f->y, v, MAX_TICKS);
    for (size_t i = 0; i < ny; i++) {
        double py = axis_map(&f->y, v[i]);
        c->set_colour(c->impl, GRID);
        c->line(c->impl, (double[]){f->left, f->right}, (double[]){py, py}, 2);
        c->set_colour(c->impl, INK);
        c->line(c->impl, (double[]){f->left, f->left + 5.0}, (double[]){py, py}, 2);
    }
    minor_ticks(c, &f->y, v, ny, 0, f);
}

static void x_tick_label(const chart_frame *f, double v, char *label, size_t size)
{
    if (f->xticks != NULL) /* chosen values (batch sizes): printed as they are */
        snprintf(label, size, "%g", v);
    else
        axis_tick_label(&f->x, v, label, size);
}

static void draw_tick_labels(const canvas *c, const chart_frame *f)
{
    double v[MAX_TICKS];
    char label[48];
    canvas_text below = {CANVAS_FONT_REGULAR, CHART_FONT_TICK, 0.5, 1.0, 0.0};
    canvas_text left = {CANVAS_FONT_REGULAR, CHART_FONT_TICK, 1.0, 0.5, 0.0};
    c->set_colour(c->impl, INK);
    size_t n = x_ticks(f, v, MAX_TICKS);
    /* A narrow panel (eight decades in a third of a chart): every step-th
     * label, so no two touch; the ticks and grid lines stay. */
    double widest = 0.0, w, cap;
    for (size_t i = 0; i < n; i++) {
        x_tick_label(f, v[i], label, sizeof label);
        c->text_extents(c->impl, &below, label, &w, &cap);
        widest = fmax(widest, w);
    }
    double pitch = n > 1 ? fabs(axis_map(&f->x, v[1]) - axis_map(&f->x, v[0])) : INFINITY;
    size_t step = pitch > 0.0 && widest + 3.0 > pitch ? (size_t)ceil((widest + 3.0) / pitch) : 1;
    for (size_t i = 0; i < n; i += step) {
        x_tick_label(f, v[i], label, sizeof label);
        c->text(c->impl, &below, axis_map(&f->x, v[i]), f->bottom + TICK_GAP, label);
    }
    if (f->ycats != NULL) {
        for (size_t i = 0; i < f->nycats; i++)
            c->text(c->impl, &left, f->left - TICK_GAP, axis_map(&f->y, (double)i), f->ycats[i]);
        return;
    }
    n = f->hide_y_labels ? 0 : axis_ticks(&f->y, v, MAX_TICKS);
    for (size_t i = 0; i < n; i++) {
        axis_tick_label(&f->y, v[i], label, sizeof label);
        c->text(c->impl, &left, f->left - TICK_GAP, axis_map(&f->y, v[i]), label);
    }
}

void chart_frame_draw(const canvas *c, const chart_frame *f, const char *title, const char *x_label,
                      const char *y_label)
{
    draw_grid_and_ticks(c, f);
    c->set_colour(c->impl, INK);
    c->set_stroke(c->impl, 0.8, NULL, 0);
    c->rect(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top, 0);
    draw_tick_labels(c, f);
    canvas_text axis = {CANVAS_FONT_REGULAR, CHART_FONT_AXIS, 0.5, 0.0, 0.0};
    if (x_label != NULL)
        c->text(c->impl, &axis, 0.5 * (f->left + f->right), f->bottom + 32.0, x_label);
    if (y_label != NULL) {
        /* Turned to read upwards, with the tops of its capitals towards the
         * page's left edge: valign 1 puts them on the anchor. */
        axis.angle_deg = 90.0;
        axis.valign = 1.0;
        double x = f->left - TICK_GAP - chart_frame_label_width(c, f) - TITLE_GAP - axis_cap(c);
        c->text(c->impl, &axis, x, 0.5 * (f->top + f->bottom), y_label);
    }
    if (title != NULL) {
        /* flush left with the plot; a title wider than the plot (a chart
         * with long row labels) ends at its right edge instead of running
         * off the page */
        canvas_text head = {CANVAS_FONT_BOLD, CHART_FONT_TITLE, 0.0, 0.0, 0.0};
        double w, cap;
        c->text_extents(c->impl, &head, title, &w, &cap);
        double x = f->left + w > f->right ? fmax(TITLE_MIN_X, f->right - w) : f->left;
        c->text(c->impl, &head, x, f->top - 10.0, title);
    }
}

void chart_facet_place(size_t i, size_t n, double left, double top, double right, double bottom,
                       double gap_x, double gap_y, double *l, double *t, double *r, double *b)
{
    size_t cols = n < CHART_FACET_COLUMNS ? (n ? n : 1) : CHART_FACET_COLUMNS;
    size_t rows = (n + cols - 1) / cols;
    rows = rows ? rows : 1;
    double w = (right - left - (double)(cols - 1) * gap_x) / (double)cols;
    double h = (bottom - top - (double)(rows - 1) * gap_y) / (double)rows;
    *l = left + (double)(i % cols) * (w + gap_x);
    *r = *l + w;
    *t = top + (double)(i / cols) * (h + gap_y);
    *b = *t + h;
}

void chart_frame_message(const canvas *c, const chart_frame *f, const char *text)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_AXIS, 0.5, 0.5, 0.0};
    c->set_colour(c->impl, MUTED);
    c->text(c->impl, &st, 0.5 * (f->left + f->right), 0.5 * (f->top + f->bottom), text);
}

size_t chart_boxes_hits(const chart_boxes *b, double x0, double y0, double x1, double y1)
{
    size_t hits = 0;
    for (size_t i = 0; i < b->n; i++)
        if (x0 < b->x1[i] && b->x0[i] < x1 && y0 < b->y1[i] && b->y0[i] < y1)
            hits += b->weight[i];
    return hits;
}

void chart_boxes_add_weighted(chart_boxes *b, double x0, double y0, double x1, double y1,
                              unsigned weight)
{
    if (b->n == CHART_MAX_BOXES || !isfinite(x0 + y0 + x1 + y1))
        return;
    b->x0[b->n] = fmin(x0, x1);
    b->y0[b->n] = fmin(y0, y1);
    b->x1[b->n] = fmax(x0, x1);
    b->y1[b->n] = fmax(y0, y1);
    b->weight[b->n++] = weight;
}

void chart_boxes_add(chart_boxes *b, double x0, double y0, double x1, double y1)
{
    chart_boxes_add_weighted(b, x0, y0, x1, y1, CHART_MARK_WEIGHT);
}

int chart_boxes_claim(chart_boxes *b, double x0, double y0, double x1, double y1)
{
    if (chart_boxes_hits(b, x0, y0, x1, y1) > 0)
        return 1;
    chart_boxes_add(b, x0, y0, x1, y1);
    return 0;
}

void chart_boxes_add_marker(chart_boxes *b, double x, double y)
{
    const double r = 0.6 * CHART_MARKER_SIZE + 0.5; /* the widest marker, rim included */
    chart_boxes_add(b, x - r, y - r, x + r, y + r);
}

void chart_boxes_add_line(chart_boxes *b, const double *x, const double *y, size_t n)
{
    const double step = 6.0, r = 1.5; /* points */
    for (size_t i = 0; i + 1 < n; i++) {
        double len = hypot(x[i + 1] - x[i], y[i + 1] - y[i]);
        if (!isfinite(len))
            continue;
        int parts = (int)ceil(len / step);
        for (int k = 0; k <= parts; k++) {
            double t = parts ? (double)k / parts : 0.0;
            double px = x[i] + t * (x[i + 1] - x[i]), py = y[i] + t * (y[i + 1] - y[i]);
            chart_boxes_add_weighted(b, px - r, py - r, px + r, py + r, 1);
        }
    }
}
