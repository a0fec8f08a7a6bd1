/* The ceilings: DRAM slopes (datasheet solid, measured dashed), the measured
 * L2-resident read as a second, higher slope (dotted) where a run measured
 * one, one roof per compute unit and one issue roof per format its run
 * measured (chart_issue.c), with labels that say which is which and its
 * value. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_roofline.h"
#include "pick.h"

static const double DASH[] = {5.0, 3.0};
static const double DOT[] = {1.5, 2.0};

/* The steepest slope drawn for group g: the roofs start where it meets
 * them (the L2 slope's ridge lies left of DRAM's). */
static double roof_start_bw(const chart_group *grp)
{
    return grp->bw_l2_measured > grp->bw_datasheet ? grp->bw_l2_measured : grp->bw_datasheet;
}

/* The highest roof of group g: where its slopes stop. */
static double top_peak(const chart_data *d, size_t g)
{
    double peak = 0.0;
    for (size_t i = 0; i < d->nroofs; i++)
        if (d->roofs[i].group == g)
            peak = fmax(peak, d->roofs[i].peak_gflops);
    return peak;
}

/* The lowest roof of group g: where its slope first meets a roof. */
static double low_peak(const chart_data *d, size_t g)
{
    double peak = INFINITY;
    for (size_t i = 0; i < d->nroofs; i++)
        if (d->roofs[i].group == g && d->roofs[i].peak_gflops > 0.0)
            peak = fmin(peak, d->roofs[i].peak_gflops);
    return peak;
}

/* The line y = bw * x from the left edge up to the roof at peak. */
static void draw_slope(const canvas *c, const chart_frame *f, double bw, double peak)
{
    double x0 = f->x.lo, x1 = peak / bw;
    double px[2] = {axis_map(&f->x, x0), axis_map(&f->x, x1)};
    double py[2] = {axis_map(&f->y, bw * x0), axis_map(&f->y, peak)};
    c->line(c->impl, px, py, 2);
}

/* The issue roofs of group g as lines from where the steepest slope meets
 * them (as the compute roofs start); returns how many, at most max. */
static size_t issue_lines(const chart_data *d, size_t g, chart_issue_line *out, size_t max)
{
    size_t n = 0;
    double bw = roof_start_bw(&d->groups[g]);
    for (size_t i = 0; i < d->nissue && n < max; i++) {
        const chart_issue_roof *r = &d->issue[i];
        if (r->group == g)
            out[n++] = (chart_issue_line){r->format, bw > 0.0 ? r->gflops / bw : 0.0, r->gflops, r->gflops / 1e3};
    }
    return n;
}

#define ISSUE_MAX 32 /* issue roofs a group draws: one per format (formats.h has 9) */

static void draw_lines(const canvas *c, const chart_frame *f, const chart_data *d, size_t g)
{
    chart_issue_line issue[ISSUE_MAX];
    chart_issue_lines_draw(c, f, issue, issue_lines(d, g, issue, ISSUE_MAX), NULL);
    const chart_group *grp = &d->groups[g];
    double peak = top_peak(d, g);
    if (!(grp->bw_datasheet > 0.0) || !(peak > 0.0))
        return;
    c->set_colour(c->impl, chart_group_colour(g));
    c->set_stroke(c->impl, 1.4, NULL, 0);
    draw_slope(c, f, grp->bw_datasheet, peak);
    for (size_t i = 0; i < d->nroofs; i++) {
        const chart_roof *r = &d->roofs[i];
        if (r->group != g || !(r->peak_gflops > 0.0))
            continue;
        double py = axis_map(&f->y, r->peak_gflops);
        double px0 = axis_map(&f->x, r->peak_gflops / roof_start_bw(grp));
        c->line(c->impl, (double[]){px0, f->right}, (double[]){py, py}, 2);
    }
    if (grp->bw_measured > 0.0) {
        c->set_stroke(c->impl, 1.2, DASH, 2);
        draw_slope(c, f, grp->bw_measured, peak);
    }
    if (grp->bw_l2_measured > 0.0) {
        c->set_stroke(c->impl, 1.2, DOT, 2);
        draw_slope(c, f, grp->bw_l2_measured, peak);
    }
}

/* 1 when a label of width w and cap height cap, centred on (px, py) along
 * the unit direction (ux, uy), stays inside the plot and the page stretch
 * [x_lo, x_hi], and clear of points. */
static int slope_label_fits(const chart_frame *f, const chart_data *d, double px, double py,
                            double ux, double uy, double w, double cap, double x_lo, double x_hi)
{
    double ex = 0.5 * w * ux, ey = 0.5 * w * uy;
    if (px - ex < fmax(f->left + 2.0, x_lo) || px + ex > fmin(f->right - 2.0, x_hi) ||
        py - ey > f->bottom - 2.0 || py + ey < f->top + 2.0)
        return 0;
    const double r = 0.5 * CHART_MARKER_SIZE + 1.0;
    for (size_t i = 0; i < d->npoints; i++) {
        double vx = axis_map(&f->x, d->points[i].intensity) - px;
        double vy = axis_map(&f->y, d->points[i].gflops) - py;
        double along = vx * ux + vy * uy;
        double up = vx * uy - vy * ux; /* towards the text's top */
        if (fabs(along) < 0.5 * w + r && up > -(r + 4.0) && up < 1.6 * cap + r)
            return 0;
    }
    return 1;
}

/* The page y of the slope y = bw * x at page x px. Working in page
 * coordinates keeps the log scale inside chart_axes.c. */
static double slope_at(const chart_frame *f, double bw, double px)
{
    return axis_map(&f->y, bw * axis_unmap(&f->x, px));
}

static void slope_text(const chart_group *grp, char *text, size_t size)
{
    char ds[32], ms[32];
    fmt_sig3(ds, sizeof ds, grp->bw_datasheet);
    if (grp->bw_measured > 0.0) {
        fmt_sig3(ms, sizeof ms, grp->bw_measured);
        snprintf(text, size, "DRAM %s GB/s datasheet, %s GB/s measured (dashed)", ds, ms);
    } else {
        snprintf(text, size, "DRAM %s GB/s datasheet", ds);
    }
}

/* Where a slope label went: its centre and length (placed 0: none). */
typedef struct slope_spot {
    double px, py, w;
    int placed;
} slope_spot;

/* 1 when a label centred on (px, py) along (ux, uy), w long, keeps clear of
 * the label at other (both run parallel: compare along and across). */
static int clear_of(const slope_spot *other, double px, double py, double ux, double uy, double w, double cap)
{
    if (other == NULL || !other->placed)
        return 1;
    double vx = other->px - px, vy = other->py - py;
    double along = vx * ux + vy * uy, across = vx * uy - vy * ux;
    return fabs(along) >= 0.5 * (w + other->w) + 4.0 || fabs(across) >= 2.0 * cap;
}

/* One label along the slope y = bw * x, above it (the points sit below), at
 * the middle of the part of the slope that shows, or slid along it until
 * it clears the points (and the label at avoid; with avoid, in finer steps:
 * the L2 slope carries its own read-stream point). Labels name no device:
 * the legend ties each ceiling colour to its device. */
static slope_spot slope_label(const canvas *c, const chart_frame *f, const chart_data *d, size_t g,
                              double bw, const char *text, const slope_spot *avoid, chart_boxes *placed)
{
    static const double TRY[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9,
                                 0.45, 0.55, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85, 0.05, 0.95};
    const size_t n = avoid != NULL ? sizeof TRY / sizeof TRY[0] : 9;
    slope_spot spot = {0.0, 0.0, 0.0, 0};
    if (!(bw > 0.0) || !(top_peak(d, g) > 0.0))
        return spot;
    double angle = log_axes_slope_angle(&f->x, &f->y);
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.5, -0.5, angle};
    double w, cap;
    c->text_extents(c->impl, &st, text, &w, &cap);
    double ux = cos(angle * M_PI / 180.0), uy = -sin(angle * M_PI / 180.0);
    /* The slope is clear of other lines from where it enters the plot (left
     * or bottom edge) up to its lowest ridge, where the first roof meets it. */
    double x_lo = axis_map(&f->x, fmax(f->x.lo, f->y.lo / bw));
    double x_hi = axis_map(&f->x, fmin(fmin(low_peak(d, g), f->y.hi) / bw, f->x.hi));
    size_t i = 0;
    double px = 0.0;
    for (; i < n; i++) {
        px = x_lo + TRY[i] * (x_hi - x_lo);
        double py = slope_at(f, bw, px);
        if (slope_label_fits(f, d, px, py, ux, uy, w, cap, x_lo, x_hi) && clear_of(avoid, px, py, ux, uy, w, cap))
            break;
    }
    if (i == n) /* nowhere clear: the middle */
        px = 0.5 * (x_lo + x_hi);
    double py = slope_at(f, bw, px);
    c->set_colour(c->impl, chart_group_colour(g));
    c->text(c->impl, &st, px, py, text);
    chart_boxes_claim(placed, px - 0.5 * w * ux, py + 0.5 * w * uy - 2.0 * cap, px + 0.5 * w * ux,
                       py - 0.5 * w * uy);
    return (slope_spot){px, py, w, 1};
}

/* The roofs of one group at one height (cuda_fp16x2 and cuda_dp4a both
 * at 134 TFLOP/s on an H100) share a line, so they share a label. */
static int same_height(const chart_roof *a, const chart_roof *b)
{
    return a->group == b->group && fabs(a->peak_gflops - b->peak_gflops) <= 0.005 * a->peak_gflops;
}

/* "cuda_fp32 peak 66.9 TFLOP/s"; roofs sharing a line each give their own
 * rate's name: "cuda_fp16x2 peak 134 TFLOP/s, cuda_dp4a 134 TOP/s"
 * (integer units count operations, not floating-point ones). Shorter at
 * each brief level, for a narrow panel: 1 "cuda_fp32 66.9 TFLOP/s" and
 * "cuda_fp16x2, cuda_dp4a 134"; 2 "fp32 66.9" and "fp16x2, dp4a 134" (the
 * y axis's title gives the rates; a unit without a prefix is the CUDA
 * cores'). */
#define ROOF_BRIEF_LEVELS 3
static void roof_text(const chart_data *d, size_t first, const size_t *order, size_t n, int brief, char *text,
                      size_t size)
{
    size_t used = 0, shared = 0;
    text[0] = '\0';
    while (first + shared < n && same_height(&d->roofs[order[first + shared]], &d->roofs[order[first]]))
        shared++;
    for (size_t i = first; i < first + shared; i++) {
        const chart_roof *r = &d->roofs[order[i]];
        char val[32];
        int last = i + 1 == first + shared;
        fmt_sig3(val, sizeof val, r->peak_gflops / 1000.0);
        const char *unit = r->unit;
        if (brief > 1 && strncmp(unit, "cuda_", 5) == 0) /* the CUDA cores: the units' default */
            unit += 5;
        if (brief > 0 && (shared > 1 || brief > 1)) /* one value, at the end */
            used += (size_t)snprintf(text + used, used < size ? size - used : 0, "%s%s%s%s", i > first ? ", " : "",
                                     unit, last ? " " : "", last ? val : "");
        else
            used += (size_t)snprintf(text + used, used < size ? size - used : 0, "%s%s %s%s %s",
                                     i > first ? ", " : "", r->unit, i > first || brief ? "" : "peak ", val,
                                     chart_rate_unit(r->unit));
    }
}

/* 1 when another roof of r's group lies between r's line (page y py) and
 * page y edge: a label that far off its line would sit by the other's. */
static int other_roof_between(const chart_frame *f, const chart_data *d, const chart_roof *r, double py,
                              double edge)
{
    for (size_t i = 0; i < d->nroofs; i++) {
        const chart_roof *o = &d->roofs[i];
        if (o == r || o->group != r->group || same_height(o, r) || !(o->peak_gflops > 0.0))
            continue;
        double oy = axis_map(&f->y, o->peak_gflops);
        if ((oy > fmin(py, edge) && oy < fmax(py, edge)))
            return 1;
    }
    return 0;
}

/* Where a roof's label goes: above its line at the right edge, else below
 * it, else slid leftwards along the line (above, then below) as far as
 * where the roof starts, wherever it first covers no label or point and
 * no other roof's line runs between it and its own; if none is clear,
 * where it covers fewest. Returns what it covers there. */
static size_t roof_spot(const canvas *c, const chart_frame *f, const chart_data *d, const chart_roof *r,
                        const char *text, const chart_boxes *placed, double *at_x, double *at_top)
{
    double w, cap;
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.0, 0.0};
    c->text_extents(c->impl, &st, text, &w, &cap);
    double py = axis_map(&f->y, r->peak_gflops), gap = 0.45 * cap;
    double bw = roof_start_bw(&d->groups[r->group]);
    double ridge = bw > 0.0 ? axis_map(&f->x, r->peak_gflops / bw) : f->left;
    double right = f->right - 4.0, left = fmax(ridge, f->left) + 4.0;
    double best_x = right - w, best_top = py - gap - cap;
    size_t best_hits = (size_t)-1;
    /* right beside the line first; then a little further off it, each step
     * a line of text, where points crowd the line */
    for (int off = 0; off < 4 && best_hits > 0; off++)
        for (double x = right - w; best_hits > 0 && x >= f->left + 2.0 - 15.0; x -= 15.0) {
            /* right of the ridge where the label fits there, else sliding
             * on to the left edge, over the slope */
            double at = x < left && right - w >= left ? left : fmax(x, f->left + 2.0);
            for (int below = 0; below < 2 && best_hits > 0; below++) {
                double top = below ? py + gap + off * (cap + 3.0) : py - gap - cap - off * (cap + 3.0);
                if (top < f->top + 1.0 || top + cap > f->bottom - 1.0 ||
                    other_roof_between(f, d, r, py, below ? top + cap : top))
                    continue;
                size_t hits = chart_boxes_hits(placed, at, top, at + w, top + cap);
                if (hits < best_hits) {
                    best_hits = hits;
                    best_x = at;
                    best_top = top;
                }
            }
        }
    *at_x = best_x;
    *at_top = best_top;
    return best_hits;
}

/* A roof's label at its spot (roof_spot); in a panel (briefs > 1), the
 * first brief level (roof_text) whose spot is clear, else the one
 * covering least, the longer on a tie. */
static void roof_label(const canvas *c, const chart_frame *f, const chart_data *d, size_t first,
                       const size_t *order, size_t n, int briefs, chart_boxes *placed)
{
    const chart_roof *r = &d->roofs[order[first]];
    char text[256], best_text[256] = "";
    double x = 0.0, top = 0.0, best_x = 0.0, best_top = 0.0;
    size_t best = (size_t)-1;
    for (int level = 0; level < briefs && best > 0; level++) {
        roof_text(d, first, order, n, level, text, sizeof text);
        size_t hits = roof_spot(c, f, d, r, text, placed, &x, &top);
        if (level == 0 || hits < best) {
            best = hits;
            best_x = x;
            best_top = top;
            snprintf(best_text, sizeof best_text, "%s", text);
        }
    }
    double w, cap;
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.0, 0.0};
    c->text_extents(c->impl, &st, best_text, &w, &cap);
    chart_boxes_add(placed, best_x, best_top, best_x + w, best_top + cap);
    c->set_colour(c->impl, chart_group_colour(r->group));
    c->text(c->impl, &st, best_x, best_top + cap, best_text);
}

void chart_ceilings_draw_lines(const canvas *c, const chart_frame *f, const chart_data *d, size_t only)
{
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    for (size_t g = 0; g < d->ngroups; g++)
        if (only == CHART_ALL_GROUPS || only == g)
            draw_lines(c, f, d, g);
    c->unclip(c->impl);
}

void chart_ceilings_draw_labels(const canvas *c, const chart_frame *f, const chart_data *d, size_t only,
                                int slope_labels, chart_boxes *placed)
{
    /* Highest roofs first: they have room above, lower ones may yield. */
    enum { MAX_ROOFS = 64 };
    size_t order[MAX_ROOFS];
    size_t n = d->nroofs < MAX_ROOFS ? d->nroofs : MAX_ROOFS;
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j > 0 && d->roofs[order[j - 1]].peak_gflops < d->roofs[i].peak_gflops) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    size_t kept = 0; /* the roofs of the groups drawn, highest first */
    for (size_t i = 0; i < n; i++)
        if (only == CHART_ALL_GROUPS || d->roofs[order[i]].group == only)
            order[kept++] = order[i];
    n = kept;
    for (size_t i = 0; i < n; i++) {
        const chart_roof *r = &d->roofs[order[i]];
        if (!(r->peak_gflops > 0.0) || (i > 0 && same_height(&d->roofs[order[i - 1]], r)))
            continue; /* labelled with the roof before it */
        /* a panel (one group) may shorten its labels; a chart of every group keeps them whole */
        roof_label(c, f, d, i, order, n, only == CHART_ALL_GROUPS ? 1 : ROOF_BRIEF_LEVELS, placed);
    }
    for (size_t g = 0; g < d->ngroups; g++)
        if (only == CHART_ALL_GROUPS || only == g) {
            chart_issue_line issue[ISSUE_MAX];
            size_t n_issue = issue_lines(d, g, issue, ISSUE_MAX);
            /* each label keeps off the DRAM slopes and the other issue lines
             * where it can (close rates put their lines a few points apart);
             * recorded only here, so a chart without issue roofs places
             * everything as it did */
            const chart_group *grp = &d->groups[g];
            const double bws[2] = {grp->bw_datasheet, grp->bw_measured};
            for (size_t k = 0; k < 2 && n_issue > 0; k++) {
                double x0 = fmax(f->x.lo, f->y.lo / bws[k]), x1 = fmin(top_peak(d, g) / bws[k], f->x.hi);
                if (bws[k] > 0.0 && x1 > x0)
                    chart_boxes_add_line(placed, (double[]){axis_map(&f->x, x0), axis_map(&f->x, x1)},
                                         (double[]){axis_map(&f->y, bws[k] * x0), axis_map(&f->y, bws[k] * x1)}, 2);
            }
            for (size_t i = 0; i < n_issue; i++) {
                double py = axis_map(&f->y, issue[i].y), x0 = axis_map(&f->x, fmax(issue[i].x0, f->x.lo));
                if (issue[i].y >= f->y.lo && issue[i].y <= f->y.hi && x0 < f->right)
                    chart_boxes_add_line(placed, (double[]){x0, f->right}, (double[]){py, py}, 2);
            }
            chart_issue_labels_draw(c, f, issue, n_issue, only != CHART_ALL_GROUPS, placed);
        }
    for (size_t g = 0; slope_labels && g < d->ngroups; g++) {
        const chart_group *grp = &d->groups[g];
        char text[160];
        if (only != CHART_ALL_GROUPS && only != g)
            continue;
        slope_text(grp, text, sizeof text);
        slope_spot dram = slope_label(c, f, d, g, grp->bw_datasheet, text, NULL, placed);
        if (grp->bw_l2_measured > 0.0) {
            char v[32];
            fmt_sig3(v, sizeof v, grp->bw_l2_measured);
            snprintf(text, sizeof text, "L2 %s GB/s measured", v);
            slope_label(c, f, d, g, grp->bw_l2_measured, text, &dram, placed);
            /* the legends, drawn next, keep off this line where they can */
            double bw = grp->bw_l2_measured, x1 = fmin(top_peak(d, g) / bw, f->x.hi);
            double x0 = fmax(f->x.lo, f->y.lo / bw);
            if (x1 > x0)
                chart_boxes_add_line(placed, (double[]){axis_map(&f->x, x0), axis_map(&f->x, x1)},
                                     (double[]){axis_map(&f->y, bw * x0), axis_map(&f->y, bw * x1)}, 2);
        }
    }
}
