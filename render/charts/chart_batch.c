/* Time per call against batch size (see chart_draw.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_parts.h"
#include "chart_draw.h"

#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 42.0

static const double DASH[] = {4.0, 2.5};
static const double DOT[] = {1.0, 1.8};

void chart_batch_title(const batch_data *d, char *buf, size_t size)
{
    if (d->device == NULL)
        snprintf(buf, size, "Batch sweep");
    else
        snprintf(buf, size, "Batch sweep at %llu×%llu: %s", (unsigned long long)d->n,
                 (unsigned long long)d->k, d->device);
}

static void fit(const canvas *c, const batch_data *d, double width, double height, chart_frame *f)
{
    double ymax = 0.0, ymin = INFINITY;
    for (size_t i = 0; i < d->nseries; i++)
        for (size_t j = 0; j < d->s[i].n; j++)
            for (int which = 0; which < 3; which++) {
                const double v = which == 2 ? d->s[i].floor_us[j] : which ? d->s[i].pred_us[j] : d->s[i].time_us[j];
                if (!(v > 0.0)) /* NaN or not positive: not drawn */
                    continue;
                ymax = fmax(ymax, v);
                ymin = fmin(ymin, v);
            }
    memset(f, 0, sizeof *f);
    /* Batch sizes double: a log axis spaces them evenly. */
    double b0 = d->nbatches ? d->batches[0] : 1.0,
           b1 = d->nbatches ? d->batches[d->nbatches - 1] : 16.0;
    f->x = (chart_axis){b0 / 1.25, b1 * 1.25, 0.0, 0.0, AXIS_LOG, 0.0};
    f->xticks = d->batches;
    f->nxticks = d->nbatches;
    /* Times that span more than a decade (GEMVs of a few us beside the
     * GEMM sweep's hundreds) get a log axis, or the GEMVs lie flat on zero. */
    if (ymax > 10.0 * ymin) {
        f->y.scale = AXIS_LOG;
        log_axis_fit(ymin, ymax, &f->y.lo, &f->y.hi);
    } else {
        f->y.scale = AXIS_LINEAR;
        lin_axis_fit(0.0, ymax > 0.0 ? ymax * 1.08 : 1.0, 6, &f->y.lo, &f->y.hi);
    }
    chart_frame_place(f, chart_frame_left_margin(c, f), MARGIN_TOP, width - MARGIN_RIGHT,
                      height - MARGIN_BOTTOM);
}

/* One prediction of a series as a thin line of the given dash. */
static void prediction(const canvas *c, const chart_frame *f, const batch_series *s, const double *v,
                       const double *dash, chart_boxes *placed)
{
    double px[BATCH_MAX_POINTS], py[BATCH_MAX_POINTS];
    size_t m = 0;
    for (size_t j = 0; j < s->n; j++)
        if (v[j] > 0.0) {
            px[m] = axis_map(&f->x, s->batch[j]);
            py[m++] = axis_map(&f->y, v[j]);
        }
    c->set_colour(c->impl, chart_format_colour(s->format));
    c->set_stroke(c->impl, 0.9, dash, 2);
    c->line(c->impl, px, py, m);
    chart_boxes_add_line(placed, px, py, m);
}

/* The predictions (PRED_BYTES_ONLY dashed, PRED_WITH_FLOOR dotted, under),
 * then the measurement (solid, markers) of one series. */
static void draw_series(const canvas *c, const chart_frame *f, const batch_series *s,
                        chart_boxes *placed)
{
    double px[BATCH_MAX_POINTS], py[BATCH_MAX_POINTS];
    canvas_colour col = chart_format_colour(s->format);
    prediction(c, f, s, s->pred_us, DASH, placed);
    prediction(c, f, s, s->floor_us, DOT, placed);
    size_t m = 0;
    for (size_t j = 0; j < s->n; j++)
        if (!isnan(s->time_us[j])) {
            px[m] = axis_map(&f->x, s->batch[j]);
            py[m++] = axis_map(&f->y, s->time_us[j]);
        }
    c->set_colour(c->impl, col);
    c->set_stroke(c->impl, 1.4, NULL, 0);
    c->line(c->impl, px, py, m);
    chart_boxes_add_line(placed, px, py, m);
    for (size_t j = 0; j < m; j++) {
        chart_point_marker(c, chart_kernel_marker(s->kernel), col, px[j], py[j], 0);
        chart_boxes_add_marker(placed, px[j], py[j]);
    }
}

void chart_batch_draw(const canvas *c, const batch_data *d, double width, double height)
{
    chart_frame f;
    char title[256];
    fit(c, d, width, height, &f);
    chart_batch_title(d, title, sizeof title);
    chart_background(c, width, height);
    chart_frame_draw(c, &f, title, CHART_BATCH_X_LABEL, CHART_BATCH_Y_LABEL);
    if (d->device == NULL) {
        chart_frame_message(c, &f, "no shape was measured at two or more batch sizes");
        return;
    }
    chart_boxes placed = {0};
    chart_legend l = {0};
    c->clip(c->impl, f.left, f.top, f.right - f.left, f.bottom - f.top);
    for (size_t i = 0; i < d->nseries; i++)
        draw_series(c, &f, &d->s[i], &placed);
    c->unclip(c->impl);
    for (size_t i = 0; i < d->nseries; i++) {
        char name[96];
        batch_series_name(&d->s[i], name, sizeof name);
        chart_legend_add(&l, LEGEND_LINE_MARKER, chart_format_colour(d->s[i].format),
                         chart_kernel_marker(d->s[i].kernel), 0, name);
    }
    int floor = 0;
    for (size_t i = 0; i < d->nseries; i++)
        for (size_t j = 0; j < d->s[i].n; j++)
            floor |= d->s[i].floor_us[j] > 0.0;
    chart_legend_add(&l, LEGEND_DASHED, CHART_GREY, MARKER_CIRCLE, 0, PRED_BYTES_ONLY);
    if (floor)
        chart_legend_add(&l, LEGEND_DOTTED, CHART_GREY, MARKER_CIRCLE, 0, PRED_WITH_FLOOR);
    chart_legend_draw(c, &f, &l, &placed);
}
