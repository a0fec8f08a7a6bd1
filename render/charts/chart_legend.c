/* The legend: a box of samples and texts, placed inside the plot where it
 * hides the fewest things already drawn (points, bars, labels). Its samples
 * use the charts' looks (chart_style.c); the looks know nothing of legends. */
#include <math.h>
#include <stdio.h>

#include "chart_parts.h"

#define ROW 11.0
#define PAD 5.0
#define SAMPLE 16.0 /* width of the sample beside each text */
#define INSET 6.0   /* from the plot's edges */

static const canvas_colour FRAME = {0.45, 0.45, 0.45, 1.0};
static const canvas_colour INK = {0.1, 0.1, 0.1, 1.0};
static const double DASH[] = {4.0, 2.5};
static const double DOT[] = {1.0, 1.8};

void chart_legend_add(chart_legend *l, legend_kind kind, canvas_colour colour, canvas_marker marker,
                      int hollow, const char *text)
{
    if (l->n == LEGEND_MAX)
        return;
    legend_entry *e = &l->e[l->n++];
    snprintf(e->text, sizeof e->text, "%s", text);
    e->kind = kind;
    e->colour = colour;
    e->marker = marker;
    e->hollow = hollow;
}

void chart_kernel_legend(chart_legend *l, const char *const *kernels, size_t n,
                         canvas_colour colour)
{
    int done[LEGEND_MAX * 4] = {0};
    for (size_t i = 0; i < n && i < LEGEND_MAX * 4; i++) {
        if (done[i])
            continue;
        canvas_marker m = chart_kernel_marker(kernels[i]);
        char text[96];
        size_t used = (size_t)snprintf(text, sizeof text, "%s", kernels[i]);
        for (size_t j = i + 1; j < n && j < LEGEND_MAX * 4; j++)
            if (!done[j] && chart_kernel_marker(kernels[j]) == m) {
                done[j] = 1;
                if (used < sizeof text)
                    used += (size_t)snprintf(text + used, sizeof text - used, ", %s", kernels[j]);
            }
        chart_legend_add(l, LEGEND_MARKER, colour, m, 0, text);
    }
}

static void sample(const canvas *c, const legend_entry *e, double mx, double cy)
{
    double xs[2] = {mx - 0.5 * SAMPLE, mx + 0.5 * SAMPLE}, ys[2] = {cy, cy};
    c->set_colour(c->impl, e->colour);
    switch (e->kind) {
    case LEGEND_SWATCH:
        c->rect(c->impl, mx - 0.5 * SAMPLE + 2.0, cy - 3.5, SAMPLE - 4.0, 7.0, 1);
        return;
    case LEGEND_TICK: c->rect(c->impl, mx - 1.0, cy - 4.5, 2.0, 9.0, 1); return;
    case LEGEND_LINE:
    case LEGEND_DASHED:
    case LEGEND_DOTTED:
    case LEGEND_LINE_MARKER:
        c->set_stroke(c->impl, 1.4, e->kind == LEGEND_DASHED ? DASH : e->kind == LEGEND_DOTTED ? DOT : NULL,
                      e->kind == LEGEND_DASHED || e->kind == LEGEND_DOTTED ? 2 : 0);
        c->line(c->impl, xs, ys, 2);
        if (e->kind != LEGEND_LINE_MARKER)
            return;
        break;
    case LEGEND_ISSUE_ROOF:
        chart_issue_roof_stroke(c, e->colour);
        c->line(c->impl, xs, ys, 2);
        return;
    case LEGEND_ISSUE_MARK: chart_issue_pred_mark(c, e->colour, mx, cy); return;
    case LEGEND_MARKER: break;
    }
    chart_point_marker(c, e->marker, e->colour, mx, cy, e->hollow);
}

/* Where the legend box may go, in order of preference: the corners, then
 * the middles of the edges. */
static void candidate(const chart_frame *f, int i, double bw, double bh, double *x, double *y)
{
    double l = f->left + INSET, r = f->right - INSET - bw;
    double t = f->top + INSET, b = f->bottom - INSET - bh;
    double mx = 0.5 * (l + r), my = 0.5 * (t + b);
    static const double WX[8] = {1, 0, 1, 0, 1, 0, 0.5, 0.5};
    static const double WY[8] = {1, 0, 0, 1, 0.5, 0.5, 0, 1};
    /* 0 bottom right, 1 top left, 2 top right, 3 bottom left, then middles */
    *x = WX[i] == 0.5 ? mx : WX[i] ? r : l;
    *y = WY[i] == 0.5 ? my : WY[i] ? b : t;
}

/* No corner or edge middle is clear: every place on a grid over the plot,
 * the one covering least, and of those the one nearest an edge. */
static void grid_place(const chart_frame *f, const chart_boxes *placed, double bw, double bh,
                       size_t *best, double *x0, double *y0)
{
    const double step = 8.0;
    double edge_best = INFINITY;
    for (double y = f->top + INSET; y + bh <= f->bottom - INSET; y += step)
        for (double x = f->left + INSET; x + bw <= f->right - INSET; x += step) {
            size_t hits = chart_boxes_hits(placed, x, y, x + bw, y + bh);
            double edge =
                fmin(fmin(x - f->left, f->right - x - bw), fmin(y - f->top, f->bottom - y - bh));
            if (hits < *best || (hits == *best && edge < edge_best)) {
                *best = hits;
                edge_best = edge;
                *x0 = x;
                *y0 = y;
            }
        }
}

void chart_legend_draw(const canvas *c, const chart_frame *f, const chart_legend *l,
                       chart_boxes *placed)
{
    if (l->n == 0)
        return;
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    double wmax = 0.0, w, cap;
    for (size_t i = 0; i < l->n; i++) {
        c->text_extents(c->impl, &st, l->e[i].text, &w, &cap);
        wmax = fmax(wmax, w);
    }
    double bw = PAD + SAMPLE + 5.0 + wmax + PAD, bh = 2 * PAD + (double)l->n * ROW - 2.0;
    double x0 = 0.0, y0 = 0.0;
    size_t best = (size_t)-1;
    for (int i = 0; i < 8 && best != 0; i++) {
        double x, y;
        candidate(f, i, bw, bh, &x, &y);
        size_t hits = chart_boxes_hits(placed, x, y, x + bw, y + bh);
        if (hits < best) {
            best = hits;
            x0 = x;
            y0 = y;
        }
    }
    if (best != 0)
        grid_place(f, placed, bw, bh, &best, &x0, &y0);
    chart_boxes_add_weighted(placed, x0, y0, x0 + bw, y0 + bh, CHART_LEGEND_WEIGHT);
    c->set_colour(c->impl, (canvas_colour){1.0, 1.0, 1.0, 1.0});
    c->rect(c->impl, x0, y0, bw, bh, 1);
    c->set_colour(c->impl, FRAME);
    c->set_stroke(c->impl, 0.5, NULL, 0);
    c->rect(c->impl, x0, y0, bw, bh, 0);
    for (size_t i = 0; i < l->n; i++) {
        double cy = y0 + PAD + (i + 0.5) * ROW - 1.0;
        double mx = x0 + PAD + 0.5 * SAMPLE;
        sample(c, &l->e[i], mx, cy);
        c->set_colour(c->impl, INK);
        c->text(c->impl, &st, mx + 0.5 * SAMPLE + 5.0, cy, l->e[i].text);
    }
}

/* --- a legend outside the plot: entries in columns of equal width, read
 * row by row, no frame. */

static double strip_column(const canvas *c, const chart_legend *l)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    double wmax = 0.0, w, cap;
    for (size_t i = 0; i < l->n; i++) {
        c->text_extents(c->impl, &st, l->e[i].text, &w, &cap);
        wmax = fmax(wmax, w);
    }
    return SAMPLE + 5.0 + wmax + 12.0;
}

static size_t strip_columns(const canvas *c, const chart_legend *l, double width)
{
    size_t n = (size_t)fmax(1.0, floor(width / strip_column(c, l)));
    return n < l->n ? n : (l->n ? l->n : 1);
}

double chart_legend_strip_height(const canvas *c, const chart_legend *l, double width)
{
    if (l->n == 0)
        return 0.0;
    size_t cols = strip_columns(c, l, width);
    return (double)((l->n + cols - 1) / cols) * ROW;
}

double chart_legend_strip(const canvas *c, const chart_legend *l, double x, double y, double width)
{
    if (l->n == 0)
        return 0.0;
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    size_t cols = strip_columns(c, l, width);
    double colw = strip_column(c, l);
    for (size_t i = 0; i < l->n; i++) {
        double cx = x + (double)(i % cols) * colw, cy = y + ((double)(i / cols) + 0.5) * ROW;
        double mx = cx + 0.5 * SAMPLE;
        sample(c, &l->e[i], mx, cy);
        c->set_colour(c->impl, INK);
        c->text(c->impl, &st, mx + 0.5 * SAMPLE + 5.0, cy, l->e[i].text);
    }
    return chart_legend_strip_height(c, l, width);
}
