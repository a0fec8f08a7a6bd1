/* The hero figure of page 1 (see chart_draw.h): the lead run's speedup
 * over fp16 for each of the validation guide's claims, per shape class,
 * against the claim's range, the ideal of the bytes and the roofline +
 * launch floor's prediction, from the story's picks (story_data.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_parts.h"
#include "chart_draw.h"
#include "pick.h"

#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 40.0
#define MARGIN_RIGHT 18.0

static const canvas_colour INK = {0.1, 0.1, 0.1, 1.0};
static const canvas_colour BAND = {0.80, 0.80, 0.80, 1.0}; /* grey: no hue of its own */
/* A row's marks wear its format's colour, as in every figure
 * (chart_style.c); the shape class is the marker. */
static const canvas_marker CLASS_MARKER[CLASS_COUNT] = {MARKER_CIRCLE, MARKER_DIAMOND, MARKER_SQUARE};

void chart_story_title(const story_data *d, char *buf, size_t size)
{
    if (d->nruns == 0)
        snprintf(buf, size, "Speedup over fp16 by shape class");
    else
        snprintf(buf, size, "Speedup over fp16 by shape class, run %s", d->runs[0].run_id);
}

/* Where class cls sits inside claim row i, in y data units. */
static double class_y(size_t i, int cls)
{
    return (double)i - 0.25 + 0.25 * (double)cls;
}

static double story_max(const run_story *s)
{
    double m = 1.0;
    for (size_t c = 0; c < STORY_NCLAIMS; c++) {
        const claim_result *cr = &s->claims[c];
        m = fmax(m, isnan(cr->ideal) ? cr->high : fmax(cr->ideal, cr->high));
        for (int k = 0; k < CLASS_COUNT; k++) {
            const class_result *r = &cr->cls[k];
            m = isnan(r->hi) ? m : fmax(m, r->hi);
            m = isnan(r->pred_floor) ? m : fmax(m, r->pred_floor);
        }
    }
    return m;
}

/* The claim's range as a bar along the top of its row (labels stay clear
 * of it), under the grid. */
static void claim_band(const canvas *c, const chart_frame *f, const claim_result *cr, size_t i,
                       chart_boxes *placed)
{
    double x0 = axis_map(&f->x, cr->low), x1 = axis_map(&f->x, cr->high);
    double yb = axis_map(&f->y, (double)i - 0.42);
    c->set_colour(c->impl, BAND);
    c->rect(c->impl, x0, yb - 2.5, x1 - x0, 5.0, 1);
    chart_boxes_add(placed, x0, yb - 2.5, x1, yb + 2.5);
}

/* The ideal as a tick across the row, over the grid: a grid line under
 * it (INT8's ideal is 2.00×) would split it in two. */
static void ideal_tick(const canvas *c, const chart_frame *f, const claim_result *cr, size_t i,
                       chart_boxes *placed)
{
    double y0 = axis_map(&f->y, (double)i - 0.45), y1 = axis_map(&f->y, (double)i + 0.45);
    if (!isnan(cr->ideal)) {
        double x = axis_map(&f->x, cr->ideal), xs[2] = {x, x}, ys[2] = {y0, y1};
        c->set_colour(c->impl, INK);
        c->set_stroke(c->impl, 1.6, NULL, 0);
        c->line(c->impl, xs, ys, 2);
        chart_boxes_add(placed, x - 1.0, fmin(y0, y1), x + 1.0, fmax(y0, y1));
    }
}

/* "1.94×" on the row of a class: right of the class's marks (from data x
 * `right`), else right of the row's ideal tick, else left of its marks
 * (from `left`), the first place no mark or label covers (a line may pass
 * under it); none: no label. */
static void value_label(const canvas *c, const chart_frame *f, double v, double left, double right,
                        double ideal, double yc, chart_boxes *placed)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    char text[32];
    double w, cap;
    snprintf(text, sizeof text, "%.2f×", v);
    c->text_extents(c->impl, &st, text, &w, &cap);
    double y = axis_map(&f->y, yc), h = 0.5 * cap + 1.0, pad = 0.8 * CHART_MARKER_SIZE;
    const double cand[3] = {axis_map(&f->x, right) + pad,
                            isnan(ideal) ? NAN : axis_map(&f->x, fmax(right, ideal)) + pad,
                            axis_map(&f->x, left) - pad - w};
    double at = NAN;
    for (int i = 0; i < 3 && isnan(at); i++)
        if (!isnan(cand[i]) && cand[i] >= f->left && cand[i] + w <= f->right &&
            chart_boxes_hits(placed, cand[i], y - h, cand[i] + w, y + h) < CHART_MARK_WEIGHT)
            at = cand[i];
    if (isnan(at))
        return;
    c->set_colour(c->impl, INK);
    c->text(c->impl, &st, at, y, text);
    chart_boxes_add(placed, at, y - h, at + w, y + h);
}

/* One class of one claim: the range as a whisker, the median as a filled
 * marker, the roofline + launch floor's prediction hollow. */
static void class_marks(const canvas *c, const chart_frame *f, const claim_result *cr, size_t i, int cls,
                        chart_boxes *placed)
{
    const class_result *r = &cr->cls[cls];
    const canvas_colour colour = chart_format_colour(cr->format);
    if (r->n == 0)
        return;
    double y = axis_map(&f->y, class_y(i, cls));
    if (r->n > 1) {
        double xs[2] = {axis_map(&f->x, r->lo), axis_map(&f->x, r->hi)}, ys[2] = {y, y};
        c->set_colour(c->impl, colour);
        c->set_stroke(c->impl, 1.2, NULL, 0);
        c->line(c->impl, xs, ys, 2);
        chart_boxes_add_line(placed, xs, ys, 2);
    }
    if (!isnan(r->pred_floor)) {
        double x = axis_map(&f->x, r->pred_floor);
        c->set_colour(c->impl, colour);
        c->set_stroke(c->impl, 1.0, NULL, 0);
        c->marker(c->impl, CLASS_MARKER[cls], x, y, CHART_MARKER_SIZE * 1.25, 0);
        chart_boxes_add_marker(placed, x, y);
    }
    double x = axis_map(&f->x, r->median);
    chart_point_marker(c, CLASS_MARKER[cls], colour, x, y, 0);
    chart_boxes_add_marker(placed, x, y);
}

static void story_legend(const canvas *c, const chart_frame *f, const run_story *s, chart_boxes *placed)
{
    chart_legend l = {0};
    char text[96];
    for (int k = 0; k < CLASS_COUNT; k++) {
        int any = 0;
        for (size_t i = 0; i < STORY_NCLAIMS; i++)
            any |= s->claims[i].cls[k].n > 0;
        if (!any)
            continue;
        snprintf(text, sizeof text, "%s%s", story_class_name((enum story_class)k),
                 k == CLASS_SQUARE ? "" : ": median, range");
        chart_legend_add(&l, LEGEND_MARKER, CHART_GREY, CLASS_MARKER[k], 0, text);
    }
    chart_legend_add(&l, LEGEND_MARKER, CHART_GREY, MARKER_DIAMOND, 1, "roofline + launch floor (hollow)");
    chart_legend_add(&l, LEGEND_TICK, INK, MARKER_CIRCLE, 0, "ideal: 16 / bits per weight");
    chart_legend_add(&l, LEGEND_SWATCH, BAND, MARKER_CIRCLE, 0, "the guide's claim (range)");
    chart_legend_draw(c, f, &l, placed);
}

void chart_story_draw(const canvas *c, const story_data *d, double width, double height)
{
    chart_background(c, width, height);
    char title[200];
    chart_story_title(d, title, sizeof title);
    static const char *labels[STORY_NCLAIMS];
    char names[STORY_NCLAIMS][64];
    const run_story *s = d->nruns > 0 ? &d->runs[0] : NULL;
    for (size_t i = 0; i < STORY_NCLAIMS; i++) {
        snprintf(names[i], sizeof names[i], "%s", s != NULL ? s->claims[i].format : "");
        labels[i] = names[i];
    }
    chart_frame f = {0};
    f.ycats = labels;
    f.nycats = STORY_NCLAIMS;
    f.y = (chart_axis){-0.5, (double)STORY_NCLAIMS - 0.5, 0.0, 0.0, AXIS_LINEAR, 0.0};
    f.x.scale = AXIS_LINEAR;
    lin_axis_fit(0.0, s != NULL ? 1.08 * story_max(s) : 8.0, 8, &f.x.lo, &f.x.hi);
    chart_frame_place(&f, 12.0 + chart_frame_left_margin(c, &f), MARGIN_TOP, width - MARGIN_RIGHT,
                      height - MARGIN_BOTTOM);
    int any = 0;
    for (size_t i = 0; s != NULL && i < STORY_NCLAIMS; i++)
        for (int k = 0; k < CLASS_COUNT; k++)
            any |= s->claims[i].cls[k].n > 0;
    if (!any) {
        chart_frame_draw(c, &f, title, CHART_SPEEDUP_X_LABEL, NULL);
        chart_frame_message(c, &f, "No batch-1 fp16 GEMV and a claim's format at one shape");
        return;
    }
    chart_boxes placed = {0};
    for (size_t i = 0; i < STORY_NCLAIMS; i++)
        claim_band(c, &f, &s->claims[i], i, &placed);
    chart_frame_draw(c, &f, title, CHART_SPEEDUP_X_LABEL, NULL);
    for (size_t i = 0; i < STORY_NCLAIMS; i++)
        ideal_tick(c, &f, &s->claims[i], i, &placed);
    for (size_t i = 0; i < STORY_NCLAIMS; i++)
        for (int k = 0; k < CLASS_COUNT; k++)
            class_marks(c, &f, &s->claims[i], i, k, &placed);
    for (size_t i = 0; i < STORY_NCLAIMS; i++)
        for (int k = 0; k < CLASS_COUNT; k++) {
            const class_result *r = &s->claims[i].cls[k];
            double end = fmax(r->median, fmax(isnan(r->hi) ? r->median : r->hi,
                                              isnan(r->pred_floor) ? r->median : r->pred_floor));
            double start = fmin(r->median, fmin(isnan(r->lo) ? r->median : r->lo,
                                                isnan(r->pred_floor) ? r->median : r->pred_floor));
            if (r->n > 0)
                value_label(c, &f, r->median, start, end, s->claims[i].ideal, class_y(i, k), &placed);
        }
    story_legend(c, &f, s, &placed);
}
