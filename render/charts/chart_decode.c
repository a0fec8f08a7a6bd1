/* Decode tokens per second by device, power mode, format and LLM (see
 * chart_draw.h): small multiples, one panel per LLM on one shared log axis, a
 * row per spec and mode, a marker per format. The panels of a row of
 * panels share the row names on their left; the legend runs in two lines
 * under the panels, clear of every marker. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_parts.h"
#include "chart_draw.h"

#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define PANEL_TITLE 14.0 /* a panel's LLM name above it */
#define PANEL_TICKS 14.0 /* its x tick labels below it */
#define PANEL_GAP_Y 8.0  /* between rows of panels */
#define PANEL_GAP_X 26.0 /* between columns: room for two end tick labels */
#define AXIS_TITLE 14.0  /* the shared x axis title */
#define LEGEND_LINE 12.0 /* each of the legend's two lines */
#define LEGEND_SAMPLE 10.0
#define LEGEND_GAP 14.0 /* between legend entries */

static const canvas_colour GUIDE = {0.90, 0.90, 0.90, 1.0};
static const canvas_colour INK = {0.1, 0.1, 0.1, 1.0};

void chart_decode_title(const decode_data *d, char *buf, size_t size)
{
    if (d->llm == NULL)
        snprintf(buf, size, "Predicted decode speed");
    else if (d->nllms <= 1)
        snprintf(buf, size, "Predicted decode: %s, context %llu", d->llm_name,
                 (unsigned long long)d->context);
    else
        snprintf(buf, size, "Predicted decode by LLM, context %llu", (unsigned long long)d->context);
}

/* The range of every value of every LLM, for one axis all panels share. */
static void value_range(const decode_data *d, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = 0.0;
    for (size_t i = 0; i < d->nrows; i++)
        for (size_t l = 0; l < d->nllms; l++)
            for (size_t f = 0; f < d->nformats; f++) {
                double v[2] = {d->rows[i].llm[l].datasheet[f], d->rows[i].llm[l].measured[f]};
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

/* The panel grid: columns and rows of panels for n LLMs. */
static void grid(size_t n, size_t *cols, size_t *rows)
{
    *cols = n <= 1 ? 1 : n <= 4 ? 2 : 3;
    *rows = n == 0 ? 1 : (n + *cols - 1) / *cols;
}

/* The frame of panel p (column p % cols, row p / cols). */
static void panel_frame(const canvas *c, const decode_data *d, const char *const *labels,
                        const char *const *blank, size_t p, double width, double height,
                        chart_frame *f)
{
    size_t cols, rows;
    grid(d->nllms, &cols, &rows);
    size_t col = p % cols, row = p / cols;
    double lo, hi;
    value_range(d, &lo, &hi);
    memset(f, 0, sizeof *f);
    log_axis_fit(lo / 1.3, hi * 1.3, &f->x.lo, &f->x.hi);
    f->nycats = d->nrows;
    f->ycats = labels;
    f->y = (chart_axis){-0.5, (double)(d->nrows ? d->nrows : 1) - 0.5, 0.0, 0.0, AXIS_LINEAR, 0.0};
    double left0 = chart_frame_left_margin(c, f);
    if (col > 0)
        f->ycats = blank; /* the row names stand once, left of the first column */
    double pw = (width - MARGIN_RIGHT - left0 - (double)(cols - 1) * PANEL_GAP_X) / (double)cols;
    double bottom_area = AXIS_TITLE + 2.0 * LEGEND_LINE + 8.0;
    double ph = (height - MARGIN_TOP - bottom_area - (double)rows * (PANEL_TITLE + PANEL_TICKS) -
                 (double)(rows - 1) * PANEL_GAP_Y) /
                (double)rows;
    double x0 = left0 + (double)col * (pw + PANEL_GAP_X);
    double y0 = MARGIN_TOP + PANEL_TITLE + (double)row * (PANEL_TITLE + ph + PANEL_TICKS + PANEL_GAP_Y);
    chart_frame_place(f, x0, y0, x0 + pw, y0 + ph); /* ycats: the first row at the top */
}

/* One value: hollow (datasheet alone) or filled (a run's ceiling and
 * floor), a cross where the format does not fit in memory. */
static void mark(const canvas *c, const chart_frame *f, double v, double row, int fits,
                 int measured, canvas_colour col, chart_boxes *placed)
{
    double x = axis_map(&f->x, v), y = axis_map(&f->y, row);
    if (isnan(x))
        return;
    chart_point_marker(c, fits == 0 ? MARKER_CROSS : MARKER_CIRCLE, col, x, y, !measured);
    chart_boxes_add_marker(placed, x, y);
}

static void draw_panel(const canvas *c, const chart_frame *f, const decode_data *d, size_t l,
                       chart_boxes *placed)
{
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    c->set_stroke(c->impl, 0.5, NULL, 0);
    c->set_colour(c->impl, GUIDE);
    for (size_t i = 0; i < d->nrows; i++) {
        double y = axis_map(&f->y, (double)i);
        c->line(c->impl, (double[]){f->left, f->right}, (double[]){y, y}, 2);
    }
    for (size_t i = 0; i < d->nrows; i++) {
        const decode_row *r = &d->rows[i];
        const decode_llm_values *v = &r->llm[l];
        /* A row with a run has two: datasheet above, the run's below. */
        double off = r->run_id != NULL ? 0.2 : 0.0;
        for (size_t k = 0; k < d->nformats; k++) {
            canvas_colour col = chart_format_colour(d->formats[k]);
            mark(c, f, v->datasheet[k], (double)i - off, v->fits[k], 0, col, placed);
            if (r->run_id != NULL)
                mark(c, f, v->measured[k], (double)i + off, v->fits[k], 1, col, placed);
        }
    }
    c->unclip(c->impl);
    canvas_text head = {CANVAS_FONT_BOLD, CHART_FONT_AXIS, 0.0, 0.0, 0.0};
    c->set_colour(c->impl, INK);
    c->text(c->impl, &head, f->left, f->top - 4.0, d->llm_names[l] != NULL ? d->llm_names[l] : d->llms[l]);
}

/* One line of legend entries from x at baseline-centre y. */
static void legend_line(const canvas *c, const legend_entry *e, size_t n, double x, double y)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    for (size_t i = 0; i < n; i++) {
        double w, cap;
        chart_point_marker(c, e[i].marker, e[i].colour, x + 0.5 * LEGEND_SAMPLE, y, e[i].hollow);
        c->set_colour(c->impl, INK);
        c->text(c->impl, &st, x + LEGEND_SAMPLE + 3.0, y, e[i].text);
        c->text_extents(c->impl, &st, e[i].text, &w, &cap);
        x += LEGEND_SAMPLE + 3.0 + w + LEGEND_GAP;
    }
}

/* Formats on the first line, what the marker styles mean on the second. */
static void draw_legend(const canvas *c, const decode_data *d, double x, double y)
{
    legend_entry formats[DEC_MAX_FORMATS], styles[3];
    for (size_t k = 0; k < d->nformats; k++)
        formats[k] = (legend_entry){"", LEGEND_MARKER, chart_format_colour(d->formats[k]),
                                    MARKER_CIRCLE, 0};
    for (size_t k = 0; k < d->nformats; k++)
        snprintf(formats[k].text, sizeof formats[k].text, "%s", d->formats[k]);
    styles[0] = (legend_entry){"datasheet alone", LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 1};
    styles[1] = (legend_entry){"run's ceiling + launch floor", LEGEND_MARKER, CHART_GREY,
                               MARKER_CIRCLE, 0};
    styles[2] = (legend_entry){"does not fit in memory", LEGEND_MARKER, CHART_GREY, MARKER_CROSS, 1};
    legend_line(c, formats, d->nformats, x, y);
    legend_line(c, styles, 3, x, y + LEGEND_LINE);
}

void chart_decode_draw(const canvas *c, const decode_data *d, double width, double height)
{
    const char *labels[DEC_MAX_ROWS], *blank[DEC_MAX_ROWS];
    char names[DEC_MAX_ROWS][96];
    for (size_t i = 0; i < d->nrows; i++) {
        decode_row_label(&d->rows[i], names[i], sizeof names[i]);
        labels[i] = names[i];
        blank[i] = "";
    }
    char title[256];
    chart_decode_title(d, title, sizeof title);
    chart_background(c, width, height);
    chart_frame f;
    if (d->nrows == 0 || d->nllms == 0) {
        panel_frame(c, d, labels, blank, 0, width, height, &f);
        chart_frame_draw(c, &f, title, CHART_DECODE_X_LABEL, NULL);
        chart_frame_message(c, &f, d->have ? "no decode prediction in the decode CSV"
                                           : "no decode CSV given (render --decode)");
        return;
    }
    chart_boxes placed = {0};
    double left = 0.0, right = 0.0, bottom = 0.0;
    for (size_t l = 0; l < d->nllms; l++) {
        panel_frame(c, d, labels, blank, l, width, height, &f);
        chart_frame_draw(c, &f, NULL, NULL, NULL);
        draw_panel(c, &f, d, l, &placed);
        left = l == 0 ? f.left : fmin(left, f.left);
        right = fmax(right, f.right);
        bottom = fmax(bottom, f.bottom);
    }
    canvas_text head = {CANVAS_FONT_BOLD, CHART_FONT_TITLE, 0.0, 0.0, 0.0};
    c->set_colour(c->impl, INK);
    c->text(c->impl, &head, left, MARGIN_TOP - 10.0, title);
    canvas_text axis = {CANVAS_FONT_REGULAR, CHART_FONT_AXIS, 0.5, 0.0, 0.0};
    double y = bottom + PANEL_TICKS + AXIS_TITLE;
    c->text(c->impl, &axis, 0.5 * (left + right), y, CHART_DECODE_X_LABEL);
    draw_legend(c, d, left, y + LEGEND_LINE);
}
