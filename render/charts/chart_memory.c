/* Memory fit (see chart_draw.h): weights and KV cache of every LLM in every
 * shown format against each device's usable memory. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_parts.h"
#include "chart_draw.h"

#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 42.0
#define BAND 0.7 /* of a row's height, taken by its bar */
#define GIB (1024.0 * 1024.0 * 1024.0)
#define LEGEND_GAP 4.0

static const canvas_colour INK = {0.1, 0.1, 0.1, 1.0};
static const canvas_colour KV = {0.75, 0.75, 0.75, 1.0};
static const canvas_colour LIMIT = {0.15, 0.15, 0.15, 1.0};
static const double DASH[] = {4.0, 2.5};

void chart_memory_title(const decode_data *d, char *buf, size_t size)
{
    if (d->nneeds == 0)
        snprintf(buf, size, "Memory fit");
    else
        snprintf(buf, size, "Memory fit at a context of %llu tokens",
                 (unsigned long long)d->kv_context);
}

static double need_max(const decode_data *d)
{
    double m = 0.0;
    for (size_t i = 0; i < d->nneeds; i++) {
        double v = d->needs[i].weights + d->needs[i].kv_cache;
        m = isnan(v) ? m : fmax(m, v);
    }
    return m;
}

static void fit(const canvas *c, const decode_data *d, const char *const *labels, double width,
                double height, double legend_h, chart_frame *f)
{
    memset(f, 0, sizeof *f);
    f->x.scale = AXIS_LINEAR;
    double m = need_max(d) / GIB;
    lin_axis_fit(0.0, m > 0.0 ? m * 1.15 : 1.0, 6, &f->x.lo, &f->x.hi);
    f->ycats = labels;
    f->nycats = d->nneeds;
    f->y = (chart_axis){-0.5, (double)(d->nneeds ? d->nneeds : 1) - 0.5, 0.0, 0.0, AXIS_LINEAR, 0.0};
    chart_frame_place(f, chart_frame_left_margin(c, f), MARGIN_TOP, width - MARGIN_RIGHT,
                      height - MARGIN_BOTTOM - legend_h);
}

/* A filled box from data x0 to x1 on row i, claimed. */
static void segment(const canvas *c, const chart_frame *f, double x0, double x1, size_t i,
                    canvas_colour col, chart_boxes *placed)
{
    double px0 = axis_map(&f->x, x0), px1 = axis_map(&f->x, x1);
    double ya = axis_map(&f->y, (double)i - 0.5 * BAND), yb = axis_map(&f->y, (double)i + 0.5 * BAND);
    if (isnan(px0) || isnan(px1) || !(px1 > px0))
        return;
    c->set_colour(c->impl, col);
    c->rect(c->impl, px0, fmin(ya, yb), px1 - px0, fabs(yb - ya), 1);
    c->set_colour(c->impl, chart_darker(col));
    c->set_stroke(c->impl, 0.5, NULL, 0);
    c->rect(c->impl, px0, fmin(ya, yb), px1 - px0, fabs(yb - ya), 0);
    chart_boxes_add(placed, px0, fmin(ya, yb), px1, fmax(ya, yb));
}

/* Weights in the format's colour, then the KV cache. */
static void need_bar(const canvas *c, const chart_frame *f, const decode_data *d, size_t i,
                     chart_boxes *placed)
{
    const decode_need *n = &d->needs[i];
    double w = n->weights / GIB, kv = n->kv_cache / GIB;
    if (isnan(w))
        return;
    segment(c, f, 0.0, w, i, chart_format_colour(d->formats[n->format]), placed);
    if (!isnan(kv))
        segment(c, f, w, w + kv, i, KV, placed);
}

/* The total beside the bar; past a dashed line when one is in the way. */
static void need_total(const canvas *c, const chart_frame *f, const decode_data *d, size_t i,
                       chart_boxes *placed)
{
    const decode_need *n = &d->needs[i];
    double total = n->weights / GIB + (isnan(n->kv_cache) ? 0.0 : n->kv_cache / GIB);
    if (isnan(total))
        return;
    char text[32];
    snprintf(text, sizeof text, "%.1f", total);
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    double w, cap, y = axis_map(&f->y, (double)i);
    c->text_extents(c->impl, &st, text, &w, &cap);
    double x = axis_map(&f->x, total) + 4.0;
    for (int k = 0; k < 8 && chart_boxes_hits(placed, x, y - 0.5 * cap - 1.0, x + w,
                                                y + 0.5 * cap + 1.0) > 0;
         k++)
        x += 6.0;
    c->set_colour(c->impl, INK);
    c->text(c->impl, &st, x, y, text);
    chart_boxes_add(placed, x, y - 0.5 * cap - 1.0, x + w, y + 0.5 * cap + 1.0);
}

/* A device's usable memory: a dashed line across the rows, named at the
 * top (or lower down where a bar or another name is in the way). */
static void limit_line(const canvas *c, const chart_frame *f, const decode_spec *s,
                       chart_boxes *placed)
{
    double v = decode_spec_usable(s) / GIB, x = axis_map(&f->x, v);
    if (isnan(x) || v > f->x.hi)
        return;
    c->set_colour(c->impl, LIMIT);
    c->set_stroke(c->impl, 1.0, DASH, 2);
    c->line(c->impl, (double[]){x, x}, (double[]){f->top, f->bottom}, 2);
    char text[96];
    snprintf(text, sizeof text, "%s: %.1f GiB", s->spec_id, v);
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 1.0, 0.0};
    double w, cap;
    c->text_extents(c->impl, &st, text, &w, &cap);
    double tx = x + 3.0 + w > f->right ? x - 3.0 - w : x + 3.0, ty = f->top + 3.0;
    for (int k = 0; k < 40 && chart_boxes_hits(placed, tx, ty - 1.0, tx + w, ty + cap + 1.0) > 0;
         k++)
        ty += cap + 3.0;
    c->text(c->impl, &st, tx, ty, text);
    chart_boxes_add(placed, tx, ty - 1.0, tx + w, ty + cap + 1.0);
    chart_boxes_add_line(placed, (double[]){x, x}, (double[]){f->top, f->bottom}, 2);
}

static void legend(const decode_data *d, chart_legend *l)
{
    if (d->nneeds == 0)
        return;
    chart_legend_add(l, LEGEND_SWATCH, chart_format_colour(d->formats[0]), MARKER_CIRCLE, 0,
                     "weights (in the format's colour)");
    char kv[64];
    snprintf(kv, sizeof kv, "KV cache, fp16, %llu tokens", (unsigned long long)d->kv_context);
    chart_legend_add(l, LEGEND_SWATCH, KV, MARKER_CIRCLE, 0, kv);
    chart_legend_add(l, LEGEND_DASHED, LIMIT, MARKER_CIRCLE, 0, "usable memory: memory − OS reserve");
}

void chart_memory_draw(const canvas *c, const decode_data *d, double width, double height)
{
    const char *labels[DEC_MAX_LLMS * DEC_MAX_FORMATS];
    char names[DEC_MAX_LLMS * DEC_MAX_FORMATS][96];
    for (size_t i = 0; i < d->nneeds; i++) {
        const decode_need *n = &d->needs[i];
        snprintf(names[i], sizeof names[i], "%s %s", n->llm_name != NULL ? n->llm_name : n->llm,
                 d->formats[n->format]);
        labels[i] = names[i];
    }
    chart_frame f;
    char title[256];
    chart_legend l = {0};
    legend(d, &l);
    double lh = d->nneeds > 0 ? chart_legend_strip_height(c, &l, width - 2.0 * MARGIN_RIGHT) + LEGEND_GAP : 0.0;
    fit(c, d, labels, width, height, lh, &f);
    chart_memory_title(d, title, sizeof title);
    chart_background(c, width, height);
    chart_frame_draw(c, &f, title, CHART_MEMORY_X_LABEL, NULL);
    if (d->nneeds == 0) {
        chart_frame_message(c, &f, d->have ? "no LLM in the decode CSV"
                                           : "no decode CSV given (render --decode)");
        return;
    }
    chart_boxes placed = {0};
    for (size_t i = 0; i < d->nneeds; i++)
        need_bar(c, &f, d, i, &placed);
    for (size_t s = 0; s < d->nspecs; s++)
        limit_line(c, &f, &d->specs[s], &placed);
    for (size_t i = 0; i < d->nneeds; i++)
        need_total(c, &f, d, i, &placed);
    /* under the plot, where it can cover no bar and no device's line */
    chart_legend_strip(c, &l, MARGIN_RIGHT, f.bottom + MARGIN_BOTTOM, width - 2.0 * MARGIN_RIGHT);
}
