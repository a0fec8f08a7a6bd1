/* The measured decode step (see chart_draw.h): for the first run with
 * decode steps, one row per LLM and format (batch 1, the fastest scheme),
 * the measured tokens/s beside the roofline + launch floor's and the
 * bytes-only roofline's, on a log axis (step_data.h's picks). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_parts.h"
#include "chart_draw.h"
#include "pick.h"

#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 40.0
#define MARGIN_RIGHT 18.0
#define MAX_ROWS 24

static const canvas_colour INK = {0.1, 0.1, 0.1, 1.0};

/* The rows of the first run with steps: indices into d->rows. */
static size_t step_rows(const step_data *d, size_t *rows)
{
    size_t n = 0;
    const step_row *first = d->nbest > 0 ? &d->rows[d->best[0]] : NULL;
    for (size_t i = 0; i < d->nbest && n < MAX_ROWS; i++) {
        const step_row *s = &d->rows[d->best[i]];
        if (strcmp(s->run_id, first->run_id) == 0 && s->device != NULL && first->device != NULL &&
            strcmp(s->device, first->device) == 0)
            rows[n++] = d->best[i];
    }
    return n;
}

void chart_step_title(const step_data *d, char *buf, size_t size)
{
    if (d->nbest == 0)
        snprintf(buf, size, "Decode: a whole token measured");
    else
        snprintf(buf, size, "Decode, batch 1: measured and predicted, run %s", d->rows[d->best[0]].run_id);
}

static void step_legend(const canvas *c, const chart_frame *f, chart_boxes *placed)
{
    chart_legend l = {0};
    chart_legend_add(&l, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 0, "measured");
    chart_legend_add(&l, LEGEND_MARKER, CHART_GREY, MARKER_DIAMOND, 1, "roofline + launch floor");
    chart_legend_add(&l, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 1, "bytes-only roofline");
    chart_legend_draw(c, f, &l, placed);
}

/* One row: a thin guide from the measured value to the bytes-only one,
 * the predictions hollow, the measurement filled, its value beside it. */
static void step_marks(const canvas *c, const chart_frame *f, const step_row *s, size_t i, chart_boxes *placed)
{
    canvas_colour col = chart_format_colour(s->format);
    double y = axis_map(&f->y, (double)i);
    double xm = axis_map(&f->x, s->tokens_per_s);
    if (s->bytes_only_tokens_per_s > 0.0) {
        double xs[2] = {xm, axis_map(&f->x, s->bytes_only_tokens_per_s)}, ys[2] = {y, y};
        c->set_colour(c->impl, CHART_GREY);
        c->set_stroke(c->impl, 0.6, NULL, 0);
        c->line(c->impl, xs, ys, 2);
        c->set_colour(c->impl, col);
        c->set_stroke(c->impl, 1.0, NULL, 0);
        c->marker(c->impl, MARKER_CIRCLE, xs[1], y, CHART_MARKER_SIZE, 0);
        chart_boxes_add_marker(placed, xs[1], y);
    }
    if (s->pred_tokens_per_s > 0.0) {
        double x = axis_map(&f->x, s->pred_tokens_per_s);
        c->set_colour(c->impl, col);
        c->set_stroke(c->impl, 1.0, NULL, 0);
        c->marker(c->impl, MARKER_DIAMOND, x, y, 1.2 * CHART_MARKER_SIZE, 0);
        chart_boxes_add_marker(placed, x, y);
    }
    chart_point_marker(c, MARKER_CIRCLE, col, xm, y, 0);
    chart_boxes_add_marker(placed, xm, y);
}

static void step_value(const canvas *c, const chart_frame *f, const step_row *s, size_t i, chart_boxes *placed)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    char text[48];
    double w, cap;
    fmt_sig3(text, sizeof text, s->tokens_per_s);
    if (s->scaled)
        strncat(text, " ‡", sizeof text - strlen(text) - 1);
    c->text_extents(c->impl, &st, text, &w, &cap);
    double y = axis_map(&f->y, (double)i), h = 0.5 * cap + 1.0, pad = 0.8 * CHART_MARKER_SIZE;
    double lo = fmin(s->tokens_per_s, fmin(isnan(s->pred_tokens_per_s) ? INFINITY : s->pred_tokens_per_s,
                                           isnan(s->bytes_only_tokens_per_s) ? INFINITY : s->bytes_only_tokens_per_s));
    double hi = fmax(s->tokens_per_s, fmax(isnan(s->pred_tokens_per_s) ? 0.0 : s->pred_tokens_per_s,
                                           isnan(s->bytes_only_tokens_per_s) ? 0.0 : s->bytes_only_tokens_per_s));
    const double cand[2] = {axis_map(&f->x, hi) + pad, axis_map(&f->x, lo) - pad - w};
    for (int k = 0; k < 2; k++)
        if (cand[k] >= f->left && cand[k] + w <= f->right &&
            chart_boxes_hits(placed, cand[k], y - h, cand[k] + w, y + h) < CHART_MARK_WEIGHT) {
            c->set_colour(c->impl, INK);
            c->text(c->impl, &st, cand[k], y, text);
            chart_boxes_add(placed, cand[k], y - h, cand[k] + w, y + h);
            return;
        }
}

void chart_step_draw(const canvas *c, const step_data *d, double width, double height)
{
    chart_background(c, width, height);
    char title[200];
    chart_step_title(d, title, sizeof title);
    size_t rows[MAX_ROWS];
    size_t n = step_rows(d, rows);
    char names[MAX_ROWS][96];
    const char *labels[MAX_ROWS];
    double lo = INFINITY, hi = 0.0;
    for (size_t i = 0; i < n; i++) {
        const step_row *s = &d->rows[rows[i]];
        snprintf(names[i], sizeof names[i], "%s %s", s->llm, s->format);
        labels[i] = names[i];
        const double v[3] = {s->tokens_per_s, s->pred_tokens_per_s, s->bytes_only_tokens_per_s};
        for (int k = 0; k < 3; k++)
            if (v[k] > 0.0) {
                lo = fmin(lo, v[k]);
                hi = fmax(hi, v[k]);
            }
    }
    chart_frame f = {0};
    f.ycats = labels;
    f.nycats = n;
    f.y = (chart_axis){-0.5, (double)(n ? n : 1) - 0.5, 0.0, 0.0, AXIS_LINEAR, 0.0};
    if (!(hi > 0.0)) {
        lo = 1.0;
        hi = 1000.0;
    }
    log_axis_fit(lo / 1.5, hi * 2.5, &f.x.lo, &f.x.hi);
    chart_frame_place(&f, 12.0 + chart_frame_left_margin(c, &f), MARGIN_TOP, width - MARGIN_RIGHT,
                      height - MARGIN_BOTTOM);
    chart_frame_draw(c, &f, title, CHART_STEP_X_LABEL, NULL);
    if (n == 0) {
        chart_frame_message(c, &f, "No run in the input timed a whole decode step");
        return;
    }
    chart_boxes placed = {0};
    for (size_t i = 0; i < n; i++)
        step_marks(c, &f, &d->rows[rows[i]], i, &placed);
    for (size_t i = 0; i < n; i++)
        step_value(c, &f, &d->rows[rows[i]], i, &placed);
    step_legend(c, &f, &placed);
}
