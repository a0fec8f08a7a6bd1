/* Decode tokens per second by device, power mode and format (see
 * charts.h): one row per spec and mode, one marker per format. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_parts.h"
#include "charts.h"

#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 42.0

static const canvas_colour GUIDE = {0.90, 0.90, 0.90, 1.0};

void chart_decode_title(const decode_data *d, char *buf, size_t size)
{
    if (d->llm == NULL)
        snprintf(buf, size, "Predicted decode speed");
    else
        snprintf(buf, size, "Predicted decode: %s, context %llu", d->llm_name,
                 (unsigned long long)d->context);
}

static void value_range(const decode_data *d, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = 0.0;
    for (size_t i = 0; i < d->nrows; i++)
        for (size_t f = 0; f < d->nformats; f++) {
            double v[2] = {d->rows[i].datasheet[f], d->rows[i].measured[f]};
            for (int k = 0; k < 2; k++)
                if (v[k] > 0.0) {
                    *lo = fmin(*lo, v[k]);
                    *hi = fmax(*hi, v[k]);
                }
        }
    if (!(*hi > 0.0)) {
        *lo = 1.0;
        *hi = 100.0;
    }
}

static void fit(const canvas *c, const decode_data *d, const char *const *labels, double width,
                double height, chart_frame *f)
{
    double lo, hi;
    value_range(d, &lo, &hi);
    memset(f, 0, sizeof *f);
    log_axis_fit(lo / 1.3, hi * 1.3, &f->x.lo, &f->x.hi);
    f->ycats = labels;
    f->nycats = d->nrows;
    f->y = (chart_axis){-0.5, (double)(d->nrows ? d->nrows : 1) - 0.5, 0.0, 0.0, AXIS_LINEAR};
    f->left = chart_frame_left_margin(c, f);
    f->right = width - MARGIN_RIGHT;
    f->top = MARGIN_TOP;
    f->bottom = height - MARGIN_BOTTOM;
    f->x.p_lo = f->left;
    f->x.p_hi = f->right;
    f->y.p_lo = f->top; /* the first row at the top */
    f->y.p_hi = f->bottom;
}

/* One value: hollow (datasheet alone) or filled (a run's ceiling and
 * floor), a cross where the format does not fit in memory. */
static void mark(const canvas *c, const chart_frame *f, double v, double row, int fits,
                 int measured, canvas_colour col, chart_boxes *placed)
{
    double x = axis_map(&f->x, v), y = axis_map(&f->y, row);
    if (isnan(x))
        return;
    if (fits == 0)
        chart_point_marker(c, MARKER_CROSS, col, x, y, !measured);
    else
        chart_point_marker(c, MARKER_CIRCLE, col, x, y, !measured);
    chart_boxes_add_marker(placed, x, y);
}

static void draw_rows(const canvas *c, const chart_frame *f, const decode_data *d,
                      chart_boxes *placed)
{
    c->set_stroke(c->impl, 0.5, NULL, 0);
    c->set_colour(c->impl, GUIDE);
    for (size_t i = 0; i < d->nrows; i++) {
        double y = axis_map(&f->y, (double)i);
        c->line(c->impl, (double[]){f->left, f->right}, (double[]){y, y}, 2);
    }
    for (size_t i = 0; i < d->nrows; i++) {
        const decode_row *r = &d->rows[i];
        /* A row with a run has two: datasheet above, the run's below. */
        double off = r->run_id != NULL ? 0.2 : 0.0;
        for (size_t k = 0; k < d->nformats; k++) {
            canvas_colour col = chart_format_colour(d->formats[k]);
            mark(c, f, r->datasheet[k], (double)i - off, r->fits[k], 0, col, placed);
            if (r->run_id != NULL)
                mark(c, f, r->measured[k], (double)i + off, r->fits[k], 1, col, placed);
        }
    }
}

void chart_decode_draw(const canvas *c, const decode_data *d, double width, double height)
{
    const char *labels[DEC_MAX_ROWS];
    char names[DEC_MAX_ROWS][96];
    for (size_t i = 0; i < d->nrows; i++) {
        decode_row_label(&d->rows[i], names[i], sizeof names[i]);
        labels[i] = names[i];
    }
    chart_frame f;
    char title[256];
    fit(c, d, labels, width, height, &f);
    chart_decode_title(d, title, sizeof title);
    chart_background(c, width, height);
    chart_frame_draw(c, &f, title, CHART_DECODE_X_LABEL, NULL);
    if (d->nrows == 0) {
        chart_frame_message(c, &f, d->have ? "no decode prediction in the decode CSV"
                                           : "no decode CSV given (render --decode)");
        return;
    }
    chart_boxes placed = {0};
    c->clip(c->impl, f.left, f.top, f.right - f.left, f.bottom - f.top);
    draw_rows(c, &f, d, &placed);
    c->unclip(c->impl);
    chart_legend l = {0};
    for (size_t k = 0; k < d->nformats; k++)
        chart_legend_add(&l, LEGEND_MARKER, chart_format_colour(d->formats[k]), MARKER_CIRCLE, 0,
                         d->formats[k]);
    chart_legend_add(&l, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 1, "datasheet alone");
    chart_legend_add(&l, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 0, "run's ceiling + launch floor");
    chart_legend_add(&l, LEGEND_MARKER, CHART_GREY, MARKER_CROSS, 1, "does not fit in memory");
    chart_legend_draw(c, &f, &l, &placed);
}
