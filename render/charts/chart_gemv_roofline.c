/* The GEMV roofline (chart_roofline.h): the report's body figure, the
 * GEMV cases of gemv_data.h on 0.5 to 64 flop/byte, one panel per device,
 * power mode and run. Encodings: colour, the format (chart_style.c); marker
 * shape, the roof that bounds the case (its compute unit); fill, the shape
 * class. Legends run under the panels, where they cover nothing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_roofline.h"
#include "pick.h"

#define X_LO 0.5
#define X_HI 64.0
#define MARGIN_LEFT 62.0
#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define AXIS_ROOM 42.0 /* under a panel row: tick labels and the x title */
#define FACET_GAP_X 24.0
#define FACET_GAP_Y 52.0
#define LEGEND_GAP 6.0

static const double TICKS[] = {0.5, 1, 2, 4, 8, 16, 32, 64};
static const double DASH[] = {5.0, 3.0};
static const double DOT[] = {1.0, 2.0};
static const canvas_colour INK = {0.1, 0.1, 0.1, 1.0};
static const canvas_colour CEILING = {0.2, 0.2, 0.2, 1.0};
static const canvas_colour WHITE = {1.0, 1.0, 1.0, 1.0};

canvas_marker chart_unit_marker(const char *unit)
{
    static const struct {
        const char *unit;
        canvas_marker m;
    } UNITS[] = {
        {"cuda_fp32", MARKER_CIRCLE},     {"cuda_dp4a", MARKER_DIAMOND},
        {"cuda_fp16x2", MARKER_SQUARE},   {"tensor_fp16", MARKER_TRIANGLE},
        {"tensor_int8", MARKER_TRIANGLE_DOWN},
    };
    for (size_t i = 0; unit != NULL && i < sizeof UNITS / sizeof UNITS[0]; i++)
        if (strcmp(UNITS[i].unit, unit) == 0)
            return UNITS[i].m;
    return MARKER_HEXAGON;
}

void chart_gemv_roofline_title(const gemv_roof_data *d, char *buf, size_t size)
{
    int one_device = 1, one_mode = 1;
    for (size_t g = 1; g < d->ngroups; g++) {
        one_device &= strcmp(d->g[g].device, d->g[0].device) == 0;
        one_mode &= one_device && strcmp(d->g[g].mode, d->g[0].mode) == 0;
    }
    if (d->ngroups == 1)
        snprintf(buf, size, "GEMV roofline: %s", d->g[0].device);
    else if (one_device && one_mode)
        snprintf(buf, size, "GEMV roofline: %s, one panel per run", d->g[0].device);
    else if (one_device)
        snprintf(buf, size, "GEMV roofline: %s by power mode", d->g[0].device);
    else
        snprintf(buf, size, "GEMV roofline by device and power mode");
}

static canvas_colour mark_colour(const gemv_mark *m)
{
    return strcmp(m->kernel, "gemv_cublas") == 0 ? CHART_GREY : chart_format_colour(m->format);
}

/* The y range: the marks and the DRAM slope over the x range, the issue
 * roofs, and the roofs up to four times the slope's top (higher ones are
 * named, not drawn). */
static void fit_y(const gemv_roof_data *d, chart_axis *y)
{
    double lo = INFINITY, hi = 0.0;
    for (size_t g = 0; g < d->ngroups; g++) {
        const gemv_group *gr = &d->g[g];
        double top = gr->bw_datasheet * X_HI / 1e3; /* where the slope leaves, or meets its top roof */
        if (gr->nroofs > 0)
            top = fmin(top, gr->roof[gr->nroofs - 1].peak_tflops);
        lo = fmin(lo, gr->bw_datasheet * X_LO / 1e3);
        hi = fmax(hi, top);
        for (size_t i = 0; i < gr->nmarks; i++)
            if (gr->mark[i].intensity >= X_LO && gr->mark[i].intensity <= X_HI) {
                lo = fmin(lo, gr->mark[i].tflops_min);
                hi = fmax(hi, gr->mark[i].tflops_max);
            }
        for (size_t i = 0; i < gr->nroofs; i++)
            if (gr->roof[i].peak_tflops <= 4.0 * top)
                hi = fmax(hi, gr->roof[i].peak_tflops);
        for (size_t i = 0; i < gr->nissue; i++)
            hi = fmax(hi, gr->issue[i].tflops);
    }
    if (!isfinite(lo) || !(hi > 0.0)) {
        lo = 0.1;
        hi = 10.0;
    }
    memset(y, 0, sizeof *y);
    log_axis_fit(lo / 1.08, hi * 1.6, &y->lo, &y->hi);
}

static void place_panel(const canvas *c, const gemv_roof_data *d, size_t i, double width, double bottom,
                        const chart_axis *y, chart_frame *f)
{
    memset(f, 0, sizeof *f);
    f->x = (chart_axis){X_LO, X_HI, 0.0, 0.0, AXIS_LOG, 0.0};
    f->xticks = TICKS;
    f->nxticks = sizeof TICKS / sizeof TICKS[0];
    f->y = *y;
    double left = fmax(MARGIN_LEFT, chart_frame_left_margin(c, f));
    double top = MARGIN_TOP + (d->ngroups > 1 ? 12.0 : 0.0);
    double l, t, r, b;
    chart_facet_place(i, d->ngroups, left, top, width - MARGIN_RIGHT, bottom, FACET_GAP_X, FACET_GAP_Y, &l,
                      &t, &r, &b);
    chart_frame_place(f, l, t, r, b);
    f->hide_y_labels = i % CHART_FACET_COLUMNS != 0;
}

static double top_peak(const gemv_group *g)
{
    return g->nroofs ? g->roof[g->nroofs - 1].peak_tflops : 0.0;
}

/* A roof is drawn when its line shows: its peak inside the y range and
 * its ridge left of the x range's end. */
static int roof_shows(const chart_frame *f, const gemv_group *g, const gemv_roof *r)
{
    return r->peak_tflops <= f->y.hi && r->peak_tflops / g->bw_datasheet * 1e3 <= X_HI;
}

/* The line y = bw x from the left edge to the roof at peak (or the right
 * edge); recorded in placed, so labels keep off it where they can. */
static void slope(const canvas *c, const chart_frame *f, double bw_tbs, double peak, chart_boxes *placed)
{
    if (!(bw_tbs > 0.0))
        return; /* no ceiling to draw (a fuzzed or hand-edited spec) */
    /* no roof (a peak of 0): the slope runs to the right edge; a roof left of
     * the x range leaves no slope inside it */
    const double x1 = peak > 0.0 ? fmin(X_HI, peak / bw_tbs) : X_HI;
    if (!(x1 > X_LO))
        return;
    double px[2] = {axis_map(&f->x, X_LO), axis_map(&f->x, x1)};
    double py[2] = {axis_map(&f->y, bw_tbs * X_LO), axis_map(&f->y, bw_tbs * x1)};
    c->line(c->impl, px, py, 2);
    chart_boxes_add_line(placed, px, py, 2);
}

/* The group's issue roofs as lines from their ridge on the datasheet
 * slope (bw in TB/s); returns how many. */
static size_t issue_lines(const gemv_group *g, double bw, chart_issue_line out[GEMV_MAX_ISSUE])
{
    for (size_t i = 0; i < g->nissue; i++)
        out[i] = (chart_issue_line){g->issue[i].format, g->issue[i].tflops / bw, g->issue[i].tflops,
                                    g->issue[i].tflops};
    return g->nissue;
}

/* The DRAM slopes up to the highest roof, each shown roof from its ridge,
 * a dotted drop from each ridge inside the x range to the axis, and the
 * issue roofs. */
static void draw_ceilings(const canvas *c, const chart_frame *f, const gemv_group *g, chart_boxes *placed)
{
    double bw = g->bw_datasheet / 1e3; /* TB/s: TFLOP/s per flop/byte */
    if (!(bw > 0.0))
        return;
    chart_issue_line issue[GEMV_MAX_ISSUE];
    chart_issue_lines_draw(c, f, issue, issue_lines(g, bw, issue), placed);
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    c->set_colour(c->impl, CEILING);
    c->set_stroke(c->impl, 1.4, NULL, 0);
    slope(c, f, bw, top_peak(g), placed);
    for (size_t i = 0; i < g->nroofs; i++) {
        const gemv_roof *r = &g->roof[i];
        if (!roof_shows(f, g, r))
            continue;
        double py = axis_map(&f->y, r->peak_tflops), px = axis_map(&f->x, fmax(X_LO, r->peak_tflops / bw));
        c->set_stroke(c->impl, 1.4, NULL, 0);
        c->line(c->impl, (double[]){px, f->right}, (double[]){py, py}, 2);
        chart_boxes_add_line(placed, (double[]){px, f->right}, (double[]){py, py}, 2);
        if (r->peak_tflops / bw >= X_LO) {
            c->set_stroke(c->impl, 0.8, DOT, 2);
            c->line(c->impl, (double[]){px, px}, (double[]){py, f->bottom}, 2);
            chart_boxes_add_line(placed, (double[]){px, px}, (double[]){py, f->bottom}, 2);
            c->marker(c->impl, MARKER_CIRCLE, px, py, 4.0, 1);
            chart_boxes_add(placed, px - 2.5, py - 2.5, px + 2.5, py + 2.5);
        }
    }
    if (g->bw_measured > 0.0) {
        c->set_stroke(c->impl, 1.1, DASH, 2);
        slope(c, f, g->bw_measured / 1e3, top_peak(g), placed);
    }
    c->unclip(c->impl);
}

/* Batch marks of one kernel and format joined in batch order, under them. */
static void batch_paths(const canvas *c, const chart_frame *f, const gemv_group *g, chart_boxes *placed)
{
    for (size_t i = 0; i < g->nmarks; i++) {
        const gemv_mark *m = &g->mark[i];
        const gemv_mark *prev = i > 0 ? &g->mark[i - 1] : NULL;
        if (m->cls != GEMV_BATCH || (prev != NULL && prev->cls == GEMV_BATCH &&
                                     strcmp(prev->format, m->format) == 0 && strcmp(prev->kernel, m->kernel) == 0))
            continue;
        double px[16], py[16];
        size_t n = 0;
        for (size_t j = i; j < g->nmarks && n < 16 && g->mark[j].cls == GEMV_BATCH &&
                           strcmp(g->mark[j].format, m->format) == 0 && strcmp(g->mark[j].kernel, m->kernel) == 0;
             j++) {
            px[n] = axis_map(&f->x, g->mark[j].intensity);
            py[n++] = axis_map(&f->y, g->mark[j].tflops);
        }
        c->set_colour(c->impl, mark_colour(m));
        c->set_stroke(c->impl, 0.8, NULL, 0);
        c->line(c->impl, px, py, n);
        chart_boxes_add_line(placed, px, py, n);
    }
}

/* One mark: filled at the largest square and at each batch, hollow with its
 * range as a bar over the other shapes. Returns 0 when off the x range. */
static int draw_mark(const canvas *c, const chart_frame *f, const gemv_mark *m, chart_boxes *placed)
{
    if (m->intensity < X_LO || m->intensity > X_HI)
        return 0;
    double px = axis_map(&f->x, m->intensity), py = axis_map(&f->y, m->tflops);
    canvas_colour col = mark_colour(m);
    canvas_marker shape = chart_unit_marker(m->unit);
    if (m->cls == GEMV_OTHER) {
        double y0 = axis_map(&f->y, m->tflops_min), y1 = axis_map(&f->y, m->tflops_max);
        c->set_colour(c->impl, col);
        c->set_stroke(c->impl, 1.0, NULL, 0);
        c->line(c->impl, (double[]){px, px}, (double[]){y0, y1}, 2);
        chart_boxes_add(placed, px - 1.0, fmin(y0, y1), px + 1.0, fmax(y0, y1));
        c->set_colour(c->impl, WHITE);
        c->marker(c->impl, shape, px, py, CHART_MARKER_SIZE, 1);
        chart_point_marker(c, shape, col, px, py, 1);
    } else {
        chart_point_marker(c, shape, col, px, py, m->throttled ? CHART_POINT_RINGED : 0);
    }
    chart_boxes_add_marker(placed, px, py);
    if (m->throttled && m->cls != GEMV_OTHER)
        chart_boxes_add(placed, px - 0.5 * CHART_RING_SIZE, py - 0.5 * CHART_RING_SIZE,
                        px + 0.5 * CHART_RING_SIZE, py + 0.5 * CHART_RING_SIZE);
    return 1;
}

/* The first of n candidate spots (left x, baseline y) for text that is
 * inside the plot and clear of placed, else the inside one covering least;
 * returns what it covers there, or (size_t)-1 (and spot 0) when no spot
 * lies inside the plot. A marker glyph of the roof goes before the text
 * when glyph is not MARKER_COUNT. */
static size_t pick_spot(const canvas *c, const chart_frame *f, const char *text, canvas_marker glyph,
                        const double *xs, const double *ys, size_t n, const chart_boxes *placed, size_t *pick)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.0, 0.0};
    double w, cap;
    c->text_extents(c->impl, &st, text, &w, &cap);
    double lead = glyph != MARKER_COUNT ? CHART_MARKER_SIZE + 3.0 : 0.0;
    size_t best = (size_t)-1;
    *pick = 0;
    for (size_t i = 0; i < n && best > 0; i++) {
        double x0 = xs[i], x1 = xs[i] + lead + w, y0 = ys[i] - cap - 1.0, y1 = ys[i] + 2.0;
        if (x0 < f->left + 2.0 || x1 > f->right - 2.0 || y0 < f->top + 1.0 || y1 > f->bottom - 1.0)
            continue;
        size_t hits = chart_boxes_hits(placed, x0, y0, x1, y1);
        if (hits < best) {
            best = hits;
            *pick = i;
        }
    }
    return best;
}

/* text (after its glyph) with its left end at x, baseline y; claims its
 * box, returned in box. */
static void draw_text_at(const canvas *c, const char *text, canvas_marker glyph, double x, double y,
                         chart_boxes *placed, double box[4])
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.0, 0.0};
    double w, cap;
    c->text_extents(c->impl, &st, text, &w, &cap);
    double lead = glyph != MARKER_COUNT ? CHART_MARKER_SIZE + 3.0 : 0.0;
    if (glyph != MARKER_COUNT) {
        c->set_stroke(c->impl, 0.9, NULL, 0);
        c->set_colour(c->impl, WHITE);
        c->marker(c->impl, glyph, x + 0.5 * CHART_MARKER_SIZE, y - 0.5 * cap, CHART_MARKER_SIZE, 1);
        c->set_colour(c->impl, CEILING);
        c->marker(c->impl, glyph, x + 0.5 * CHART_MARKER_SIZE, y - 0.5 * cap, CHART_MARKER_SIZE, 0);
    }
    c->set_colour(c->impl, CEILING);
    c->text(c->impl, &st, x + lead, y, text);
    chart_boxes_add(placed, x, y - cap - 1.0, x + lead + w, y + 2.0);
    box[0] = x;
    box[1] = y - cap - 1.0;
    box[2] = x + lead + w;
    box[3] = y + 2.0;
}

/* Candidate spots for a text w points wide (its glyph included): fills xs
 * and ys (room for SPOTS_MAX), returns how many. */
#define SPOTS_MAX 64
typedef size_t (*spots_fn)(const canvas *c, const chart_frame *f, const void *ctx, double w, double *xs,
                           double *ys);

/* The first of texts (longest first) with a spot inside the plot clear
 * of placed, placed there; where none is clear, the one covering least
 * (the longer on a tie); where none fits inside the plot at all, the last
 * (shortest) at its first spot, unless drop_unfit. Returns 1 when a text
 * was drawn, its box in box. */
static int place_fitted(const canvas *c, const chart_frame *f, const char *const *texts, size_t ntexts,
                        canvas_marker glyph, spots_fn spots, const void *ctx, int drop_unfit, chart_boxes *placed,
                        double box[4])
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.0, 0.0};
    double lead = glyph != MARKER_COUNT ? CHART_MARKER_SIZE + 3.0 : 0.0;
    double w, cap, xs[SPOTS_MAX], ys[SPOTS_MAX], at_x = 0.0, at_y = 0.0;
    size_t best = (size_t)-1, best_v = 0;
    int have = 0;
    for (size_t v = 0; v < ntexts && !(have && best == 0); v++) {
        c->text_extents(c->impl, &st, texts[v], &w, &cap);
        size_t n = spots(c, f, ctx, w + lead, xs, ys), pick = 0;
        size_t hits = n > 0 ? pick_spot(c, f, texts[v], glyph, xs, ys, n, placed, &pick) : (size_t)-1;
        if (hits != (size_t)-1 && (!have || hits < best)) { /* a tie keeps the longer */
            have = 1;
            best = hits;
            best_v = v;
            at_x = xs[pick];
            at_y = ys[pick];
        }
    }
    if (!have) { /* inside the plot nowhere: the shortest at its first spot */
        if (drop_unfit || ntexts == 0)
            return 0;
        best_v = ntexts - 1;
        c->text_extents(c->impl, &st, texts[best_v], &w, &cap);
        if (spots(c, f, ctx, w + lead, xs, ys) == 0)
            return 0;
        at_x = xs[0];
        at_y = ys[0];
    }
    draw_text_at(c, texts[best_v], glyph, at_x, at_y, placed, box);
    return 1;
}

/* A shown roof: "roof cuda_fp32 66.9 TFLOP/s", else "66.9 TFLOP/s" (the
 * glyph before it names the unit); one past the chart adds its ridge,
 * which no dot marks: "roof tensor_fp16 989 TFLOP/s, ridge 295 flop/byte:
 * above the chart", else shorter. Longest first; returns how many. */
#define ROOF_TEXTS 3
static size_t roof_texts(const gemv_roof *r, double bw, int shows, char buf[ROOF_TEXTS][160])
{
    char peak[32], ridge[32];
    const char *unit = chart_rate_unit(r->unit);
    fmt_sig3(peak, sizeof peak, r->peak_tflops);
    fmt_sig3(ridge, sizeof ridge, r->peak_tflops / bw);
    if (shows) {
        snprintf(buf[0], sizeof buf[0], "roof %s %s %s", r->unit, peak, unit);
        snprintf(buf[1], sizeof buf[1], "%s %s", peak, unit);
        return 2;
    }
    snprintf(buf[0], sizeof buf[0], "roof %s %s %s, ridge %s flop/byte: above the chart", r->unit, peak, unit,
             ridge);
    snprintf(buf[1], sizeof buf[1], "roof %s %s %s: above", r->unit, peak, unit);
    snprintf(buf[2], sizeof buf[2], "%s %s above", peak, unit);
    return 3;
}

/* Beside the foot of a ridge's dotted drop at page x *(double *)ctx, in
 * four rows up from the axis, right of it then left. */
static size_t ridge_spots(const canvas *c, const chart_frame *f, const void *ctx, double w, double *xs,
                          double *ys)
{
    (void)c;
    double px = *(const double *)ctx, cap = 0.72 * CHART_FONT_LABEL;
    for (int k = 0; k < 4; k++) {
        xs[2 * k] = px + 3.0;
        xs[2 * k + 1] = px - 3.0 - w;
        ys[2 * k] = ys[2 * k + 1] = f->bottom - 4.0 - k * (cap + 4.0);
    }
    return 8;
}

/* "ridge 20.0" (or "20.0" where a narrow panel has no room) beside the
 * foot of a ridge's dotted drop. */
static void ridge_label(const canvas *c, const chart_frame *f, const gemv_roof *r, double bw, chart_boxes *placed)
{
    char v[32], text[48];
    fmt_sig3(v, sizeof v, r->peak_tflops / bw);
    snprintf(text, sizeof text, "ridge %s", v);
    const char *texts[] = {text, v};
    double px = axis_map(&f->x, r->peak_tflops / bw), box[4];
    place_fitted(c, f, texts, 2, MARKER_COUNT, ridge_spots, &px, 0, placed, box);
}

/* Above a shown roof's line at y *(double *)ctx, from the right end
 * sliding left to its ridge, then past it. */
static size_t roof_line_spots(const canvas *c, const chart_frame *f, const void *ctx, double w, double *xs,
                              double *ys)
{
    (void)c;
    double py = *(const double *)ctx, cap = 0.72 * CHART_FONT_LABEL;
    size_t n = 0;
    for (double x = f->right - 4.0 - w; x > f->left && n + 2 <= SPOTS_MAX; x -= 10.0) {
        xs[n] = x;
        ys[n++] = py - 3.0;
        xs[n] = x;
        ys[n++] = py + cap + 4.0;
    }
    return n;
}

/* At the top of the plot, in rows: left, middle, right. */
static size_t roof_top_spots(const canvas *c, const chart_frame *f, const void *ctx, double w, double *xs,
                             double *ys)
{
    (void)c;
    (void)ctx;
    double cap = 0.72 * CHART_FONT_LABEL, y = f->top + 12.0;
    size_t n = 0;
    for (int row = 0; row < 8 && n + 3 <= SPOTS_MAX; row++, y += cap + 5.0) {
        const double x3[] = {f->left + 6.0, 0.5 * (f->left + f->right - w), f->right - 6.0 - w};
        for (int q = 0; q < 3; q++) {
            xs[n] = x3[q];
            ys[n++] = y;
        }
    }
    return n;
}

/* Each roof named with its marker and its peak: above its line where it
 * shows, else at the top of the plot; each ridge inside the x range named
 * at the foot of its drop; then each issue roof with its format. In a
 * narrow panel a shorter name stands in. */
static void roof_labels(const canvas *c, const chart_frame *f, const gemv_group *g, int facets,
                        chart_boxes *placed)
{
    double bw = g->bw_datasheet / 1e3;
    for (size_t k = g->nroofs; k-- > 0;) {
        const gemv_roof *r = &g->roof[k];
        int shows = roof_shows(f, g, r);
        char buf[ROOF_TEXTS][160];
        size_t nt = roof_texts(r, bw, shows, buf);
        const char *texts[ROOF_TEXTS] = {buf[0], buf[1], buf[2]};
        double py = axis_map(&f->y, r->peak_tflops), box[4];
        if (shows && r->peak_tflops / bw >= X_LO)
            ridge_label(c, f, r, bw, placed);
        place_fitted(c, f, texts, nt, chart_unit_marker(r->unit), shows ? roof_line_spots : roof_top_spots, &py, 0,
                     placed, box);
    }
    if (bw > 0.0) {
        chart_issue_line issue[GEMV_MAX_ISSUE];
        chart_issue_labels_draw(c, f, issue, issue_lines(g, bw, issue), facets, placed);
    }
}

/* Around a mark at page (x, y) = ((double *)ctx)[0, 1], further away each
 * round. */
static size_t callout_spots(const canvas *c, const chart_frame *f, const void *ctx, double w, double *xs,
                            double *ys)
{
    (void)c;
    (void)f;
    const double px = ((const double *)ctx)[0], py = ((const double *)ctx)[1], cap = 0.72 * CHART_FONT_LABEL;
    size_t n = 0;
    for (int round = 0; round < 6; round++) {
        double dx = 8.0 + 6.0 * round, dy = 8.0 + 5.0 * round;
        const double cx[] = {px - w - dx, px - 0.5 * w, px - w - dx, px + dx, px - 0.5 * w};
        const double cy[] = {py - dy, py - dy - 4.0, py + cap + dy, py + 0.5 * cap, py + cap + dy + 4.0};
        for (int q = 0; q < 5; q++) {
            xs[n] = cx[q];
            ys[n++] = cy[q];
        }
    }
    return n;
}

/* Where a unit's marks rise above a lower roof (tensor-core GEMVs over the
 * fp32 roof), a note at the highest of them says whose roof they have
 * (shorter in a narrow panel; none where even that finds no room: the
 * marker's shape and the legend still say it). */
static void roof_callouts(const canvas *c, const chart_frame *f, const gemv_group *g, chart_boxes *placed)
{
    for (size_t k = 1; k < g->nroofs; k++) {
        const gemv_roof *own = &g->roof[k], *below = &g->roof[0];
        const gemv_mark *top = NULL;
        for (size_t i = 0; i < g->nmarks; i++) {
            const gemv_mark *m = &g->mark[i];
            if (m->unit != NULL && strcmp(m->unit, own->unit) == 0 && m->tflops > below->peak_tflops &&
                m->intensity >= X_LO && m->intensity <= X_HI && (top == NULL || m->tflops > top->tflops))
                top = m;
        }
        if (top == NULL || !roof_shows(f, g, below))
            continue;
        char full[160], part[160];
        snprintf(full, sizeof full, "%s: roof %s, not %s", top->format, own->unit, below->unit);
        snprintf(part, sizeof part, "roof %s", own->unit);
        const char *texts[] = {full, part};
        double px = axis_map(&f->x, top->intensity), py = axis_map(&f->y, top->tflops);
        double at[2] = {px, py}, box[4];
        if (!place_fitted(c, f, texts, 2, MARKER_COUNT, callout_spots, at, 1, placed, box))
            continue;
        /* a leader from the note's nearest point to the mark's rim */
        double qx = fmin(fmax(px, box[0]), box[2]), qy = fmin(fmax(py, box[1]), box[3]);
        double len = hypot(qx - px, qy - py), r = 0.5 * CHART_MARKER_SIZE + 1.5;
        if (len > r + 2.0) {
            c->set_colour(c->impl, CHART_GREY);
            c->set_stroke(c->impl, 0.5, NULL, 0);
            double lx[2] = {qx, px + (qx - px) * r / len}, ly[2] = {qy, py + (qy - py) * r / len};
            c->line(c->impl, lx, ly, 2);
            chart_boxes_add_line(placed, lx, ly, 2); /* the roofs' labels, placed next, keep off it */
        }
    }
}

/* The plot's four corners, bottom first, right before left. */
static size_t corner_spots(const canvas *c, const chart_frame *f, const void *ctx, double w, double *xs,
                           double *ys)
{
    (void)c;
    (void)ctx;
    double cap = 0.72 * CHART_FONT_LABEL;
    const double x4[] = {f->right - 6.0 - w, f->left + 6.0, f->right - 6.0 - w, f->left + 6.0};
    const double y4[] = {f->bottom - 6.0, f->bottom - 6.0, f->top + cap + 6.0, f->top + cap + 6.0};
    for (int q = 0; q < 4; q++) {
        xs[q] = x4[q];
        ys[q] = y4[q];
    }
    return 4;
}

/* A panel's title: bold, smaller where the panel is narrow. */
static void panel_title(const canvas *c, const chart_frame *f, const char *name)
{
    canvas_text head = {CANVAS_FONT_BOLD, CHART_FONT_AXIS, 0.0, 0.0, 0.0};
    double w, cap;
    c->text_extents(c->impl, &head, name, &w, &cap);
    if (w > f->right - f->left)
        head.size = CHART_FONT_LABEL;
    c->set_colour(c->impl, INK);
    c->text(c->impl, &head, f->left, f->top - 5.0, name);
}

static size_t draw_panel(const canvas *c, const chart_frame *f, const gemv_group *g, int facets,
                         chart_boxes *placed)
{
    chart_frame_draw(c, f, NULL, NULL, NULL);
    if (facets)
        panel_title(c, f, g->name);
    draw_ceilings(c, f, g, placed);
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    batch_paths(c, f, g, placed);
    size_t off = 0;
    for (size_t i = 0; i < g->nmarks; i++)
        off += !draw_mark(c, f, &g->mark[i], placed);
    c->unclip(c->impl);
    roof_callouts(c, f, g, placed);
    roof_labels(c, f, g, facets, placed);
    if (off > 0) {
        char note[96], mid[64], brief[48];
        snprintf(note, sizeof note, "%zu mark%s past %g flop/byte: in the roofline of every case", off,
                 off == 1 ? "" : "s", X_HI);
        snprintf(mid, sizeof mid, "%zu mark%s past %g flop/byte", off, off == 1 ? "" : "s", X_HI);
        snprintf(brief, sizeof brief, "%zu past %g", off, X_HI);
        const char *texts[] = {note, mid, brief};
        double box[4];
        place_fitted(c, f, texts, 3, MARKER_COUNT, corner_spots, NULL, 0, placed, box);
    }
    return off;
}

static void legends(const gemv_roof_data *d, chart_legend *formats, chart_legend *kinds)
{
    const char *seen[GEMV_MAX_MARKS];
    size_t nseen = 0, units = 0;
    int cublas = 0;
    const char *unit_seen[GEMV_MAX_ROOFS * GEMV_MAX_GROUPS];
    for (size_t g = 0; g < d->ngroups; g++)
        for (size_t i = 0; i < d->g[g].nmarks; i++) {
            const gemv_mark *m = &d->g[g].mark[i];
            size_t j = 0;
            if (strcmp(m->kernel, "gemv_cublas") == 0) {
                cublas = 1;
            } else {
                while (j < nseen && strcmp(seen[j], m->format) != 0)
                    j++;
                if (j == nseen && nseen < GEMV_MAX_MARKS)
                    seen[nseen++] = m->format;
            }
            for (j = 0; j < units && strcmp(unit_seen[j], m->unit ? m->unit : "") != 0; j++)
                ;
            if (j == units && units < GEMV_MAX_ROOFS * GEMV_MAX_GROUPS) {
                unit_seen[units++] = m->unit ? m->unit : "";
            }
        }
    sort_formats(seen, nseen);
    for (size_t i = 0; i < nseen; i++)
        chart_legend_add(formats, LEGEND_SWATCH, chart_format_colour(seen[i]), MARKER_CIRCLE, 0, seen[i]);
    if (cublas)
        chart_legend_add(formats, LEGEND_SWATCH, CHART_GREY, MARKER_CIRCLE, 0, "cuBLAS fp16");
    const gemv_group *g0 = &d->g[0];
    char text[96];
    if (g0->largest > 0) {
        snprintf(text, sizeof text, "batch 1, %llu×%llu (largest square)", (unsigned long long)g0->largest,
                 (unsigned long long)g0->largest);
        chart_legend_add(kinds, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 0, text);
    }
    if (g0->nother > 0) {
        snprintf(text, sizeof text, "batch 1, %zu other shapes: median, range", g0->nother);
        chart_legend_add(kinds, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 1, text);
    }
    if (g0->batch_n > 0) {
        snprintf(text, sizeof text, "batch 2 and up, %llu×%llu (joined)", (unsigned long long)g0->batch_n,
                 (unsigned long long)g0->batch_k);
        chart_legend_add(kinds, LEGEND_LINE_MARKER, CHART_GREY, MARKER_CIRCLE, 0, text);
    }
    for (size_t j = 0; j < units; j++) {
        snprintf(text, sizeof text, "roof %s (the marker's shape)", unit_seen[j]);
        chart_legend_add(kinds, LEGEND_MARKER, CHART_GREY, chart_unit_marker(unit_seen[j]), 1, text);
    }
    chart_legend_add(kinds, LEGEND_LINE, CEILING, MARKER_CIRCLE, 0, "DRAM, datasheet");
    chart_legend_add(kinds, LEGEND_DASHED, CEILING, MARKER_CIRCLE, 0, "DRAM, measured");
    int issue = 0;
    for (size_t g = 0; g < d->ngroups; g++)
        issue |= d->g[g].nissue > 0;
    if (issue)
        chart_legend_add(kinds, LEGEND_ISSUE_ROOF, CHART_GREY, MARKER_CIRCLE, 0, CHART_ISSUE_LEGEND);
    int ringed = 0; /* draw_mark rings a filled mark whose clocks moved */
    for (size_t g = 0; g < d->ngroups; g++)
        for (size_t i = 0; i < d->g[g].nmarks; i++)
            ringed |= d->g[g].mark[i].throttled && d->g[g].mark[i].cls != GEMV_OTHER;
    if (ringed)
        chart_legend_add(kinds, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, CHART_POINT_RINGED,
                         "clocks held down or moved");
}

void chart_gemv_roofline_draw(const canvas *c, const gemv_roof_data *d, double width, double height)
{
    char title[256];
    chart_gemv_roofline_title(d, title, sizeof title);
    chart_background(c, width, height);
    chart_legend formats = {0}, kinds = {0};
    legends(d, &formats, &kinds);
    double avail = width - MARGIN_LEFT - MARGIN_RIGHT;
    double lh = chart_legend_strip_height(c, &formats, avail) + chart_legend_strip_height(c, &kinds, avail);
    double bottom = height - AXIS_ROOM - lh - (lh > 0.0 ? 2.0 * LEGEND_GAP : 0.0);
    chart_axis y;
    fit_y(d, &y);
    chart_boxes *placed = calloc(1, sizeof *placed);
    chart_frame f = {0};
    for (size_t g = 0; g < (d->ngroups ? d->ngroups : 1); g++) {
        place_panel(c, d, g, width, bottom, &y, &f);
        if (d->ngroups == 0) {
            chart_frame_draw(c, &f, NULL, NULL, NULL);
            chart_frame_message(c, &f, "no GEMV case with an intensity and a rate");
            break;
        }
        if (placed == NULL)
            break;
        placed->n = 0;
        draw_panel(c, &f, &d->g[g], d->ngroups > 1, placed);
    }
    free(placed);
    canvas_text head = {CANVAS_FONT_BOLD, CHART_FONT_TITLE, 0.0, 0.0, 0.0};
    canvas_text axis = {CANVAS_FONT_REGULAR, CHART_FONT_AXIS, 0.5, 0.0, 0.0};
    c->set_colour(c->impl, INK);
    c->text(c->impl, &head, MARGIN_LEFT, MARGIN_TOP - 10.0, title);
    c->text(c->impl, &axis, 0.5 * (MARGIN_LEFT + width - MARGIN_RIGHT), bottom + 32.0, CHART_X_LABEL);
    axis.angle_deg = 90.0;
    axis.valign = 1.0;
    c->text(c->impl, &axis, 12.0, 0.5 * (MARGIN_TOP + bottom), CHART_GEMV_Y_LABEL);
    double ly = bottom + AXIS_ROOM + LEGEND_GAP;
    ly += chart_legend_strip(c, &formats, MARGIN_LEFT, ly, avail);
    chart_legend_strip(c, &kinds, MARGIN_LEFT, ly + LEGEND_GAP, avail);
}
