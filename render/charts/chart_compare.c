/* The format comparison charts: speedup and energy, both horizontal bars
 * with one row per format (see chart_draw.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_parts.h"
#include "chart_draw.h"
#include "mode_data.h"
#include "pick.h"

#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 42.0
#define MARGIN_RIGHT 18.0
#define PANEL_GAP 22.0
#define BAND 0.72 /* of a row's height, taken by its bars */
#define VALUE_GAP 5.0 /* points from the farthest mark to a value */

static const canvas_colour INK = {0.1, 0.1, 0.1, 1.0};
static const canvas_colour LIGHT_GREY = {0.72, 0.72, 0.72, 1.0};
static const canvas_colour IDEAL = {0.25, 0.25, 0.25, 1.0};
static const double DASH[] = {3.0, 2.5};

/* The smaller shape's bar: the format's colour, lightened. */
static canvas_colour shape_tint(canvas_colour c, size_t s, size_t nshapes)
{
    if (s + 1 == nshapes)
        return c;
    return (canvas_colour){0.45 * c.r + 0.55, 0.45 * c.g + 0.55, 0.45 * c.b + 0.55, 1.0};
}

/* Row i's bar for shape s: its centre and thickness in y data units. */
static double bar_centre(size_t i, size_t s, size_t nshapes)
{
    return (double)i - 0.5 * BAND + ((double)s + 0.5) * BAND / (double)nshapes;
}

static double bar_thickness(size_t nshapes)
{
    return 0.9 * BAND / (double)nshapes;
}

static void shape_name(const compare_data *d, size_t s, char *buf, size_t size)
{
    snprintf(buf, size, "%llu×%llu", (unsigned long long)d->n[s], (unsigned long long)d->k[s]);
}

/* A bar from 0 to v in row position yc (data units); claims its box. */
static void hbar(const canvas *c, const chart_frame *f, double v, double yc, double thick,
                 canvas_colour col, chart_boxes *placed)
{
    double x0 = axis_map(&f->x, 0.0), x1 = axis_map(&f->x, v);
    double ya = axis_map(&f->y, yc - 0.5 * thick), yb = axis_map(&f->y, yc + 0.5 * thick);
    if (isnan(x1))
        return;
    c->set_colour(c->impl, col);
    c->rect(c->impl, x0, fmin(ya, yb), x1 - x0, fabs(yb - ya), 1);
    c->set_colour(c->impl, chart_darker(col));
    c->set_stroke(c->impl, 0.5, NULL, 0);
    c->rect(c->impl, x0, fmin(ya, yb), x1 - x0, fabs(yb - ya), 0);
    chart_boxes_add(placed, x0, fmin(ya, yb), x1, fmax(ya, yb));
}

/* A value printed just right of data x `at`, centred on row position yc. */
static void value_label(const canvas *c, const chart_frame *f, double at, double yc,
                        const char *text, chart_boxes *placed)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    double w, cap, x = axis_map(&f->x, at) + 4.0, y = axis_map(&f->y, yc);
    c->text_extents(c->impl, &st, text, &w, &cap);
    c->set_colour(c->impl, INK);
    c->text(c->impl, &st, x, y, text);
    chart_boxes_add(placed, x, y - 0.5 * cap - 1.0, x + w, y + 0.5 * cap + 1.0);
}

/* A bar of value v on row position yc, with v printed beside it. */
static void valued_bar(const canvas *c, const chart_frame *f, double v, double yc, double th, canvas_colour colour,
                       chart_boxes *placed)
{
    hbar(c, f, v, yc, th, colour, placed);
    char text[32];
    fmt_sig3(text, sizeof text, v);
    value_label(c, f, v, yc, text, placed);
}

/* Category rows top to bottom, the plot filling the chart below its title. */
static void rows_frame(const canvas *c, chart_frame *f, const char *const *labels, size_t n,
                       double left, double right, double height)
{
    f->ycats = labels;
    f->nycats = n;
    f->y = (chart_axis){-0.5, (double)(n ? n : 1) - 0.5, 0.0, 0.0, AXIS_LINEAR, 0.0};
    chart_frame_place(f, left + chart_frame_left_margin(c, f), MARGIN_TOP, right,
                      height - MARGIN_BOTTOM);
}

static void fit_x(chart_frame *f, double max, double room)
{
    f->x.scale = AXIS_LINEAR;
    lin_axis_fit(0.0, max > 0.0 ? max * room : 1.0, 6, &f->x.lo, &f->x.hi);
}

void chart_speedup_title(const compare_data *d, char *buf, size_t size)
{
    if (d->device == NULL)
        snprintf(buf, size, "Speedup over fp16");
    else
        snprintf(buf, size, "Speedup over our fp16 GEMV, batch 1: %s", d->device);
}

static double speedup_max(const compare_data *d)
{
    double m = 1.0;
    for (size_t i = 0; i < d->ncats; i++) {
        m = isnan(d->cat[i].ideal) ? m : fmax(m, d->cat[i].ideal);
        for (size_t s = 0; s < d->nshapes; s++) {
            double v = compare_speedup(d, i, s), p = compare_pred_speedup(d, i, s);
            m = isnan(v) ? m : fmax(m, v);
            m = isnan(p) ? m : fmax(m, p);
        }
    }
    return m;
}

/* Ink that reads on a fill: near-black on light colours, white on dark
 * (relative luminance, sRGB weights, against 0.45). */
static canvas_colour ink_on(canvas_colour fill)
{
    double lum = 0.2126 * fill.r + 0.7152 * fill.g + 0.0722 * fill.b;
    return lum > 0.45 ? INK : (canvas_colour){1.0, 1.0, 1.0, 1.0};
}

/* A measured value: inside its bar's end when the bar holds it clear of
 * every mark (the row's ideal tick, the bar's diamond), else right of the
 * farthest of those marks, so a value never touches one: a value squeezed
 * between a bar and its diamond reads as the diamond's. */
static void speedup_value(const canvas *c, const chart_frame *f, double v, double near, double mark,
                          double yc, canvas_colour fill, chart_boxes *placed)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    char text[32];
    double w, cap;
    snprintf(text, sizeof text, "%.2f×", v);
    c->text_extents(c->impl, &st, text, &w, &cap);
    double end = axis_map(&f->x, v), zero = axis_map(&f->x, 0.0), y = axis_map(&f->y, yc);
    double near_lo = axis_map(&f->x, near) - 0.5 * CHART_MARKER_SIZE - VALUE_GAP;
    double x = end - VALUE_GAP - w;
    int inside = x >= zero + VALUE_GAP && (isnan(near_lo) || x + w <= near_lo);
    if (!inside)
        x = fmax(end, isnan(mark) ? end : axis_map(&f->x, mark) + 0.5 * CHART_MARKER_SIZE) + VALUE_GAP;
    c->set_colour(c->impl, inside ? ink_on(fill) : INK);
    c->text(c->impl, &st, x, y, text);
    if (!inside)
        chart_boxes_add(placed, x, y - 0.5 * cap - 1.0, x + w, y + 0.5 * cap + 1.0);
}

/* One row: the bars, then the predicted diamonds and the ideal tick, then
 * the values, which must not sit on a mark. */
static void speedup_row(const canvas *c, const chart_frame *f, const compare_data *d, size_t cat,
                        size_t row, chart_boxes *placed)
{
    const cmp_category *k = &d->cat[cat];
    double th = bar_thickness(d->nshapes);
    for (size_t s = 0; s < d->nshapes; s++) {
        double v = compare_speedup(d, cat, s);
        if (!isnan(v))
            hbar(c, f, v, bar_centre(row, s, d->nshapes), th,
                 shape_tint(chart_format_colour(k->format), s, d->nshapes), placed);
    }
    if (!isnan(k->ideal)) {
        double x = axis_map(&f->x, k->ideal);
        double y0 = axis_map(&f->y, (double)row - 0.5 * BAND - 0.04);
        double y1 = axis_map(&f->y, (double)row + 0.5 * BAND + 0.04);
        c->set_colour(c->impl, IDEAL);
        c->rect(c->impl, x - 1.0, fmin(y0, y1), 2.0, fabs(y1 - y0), 1);
        chart_boxes_add(placed, x - 1.0, fmin(y0, y1), x + 1.0, fmax(y0, y1));
    }
    for (size_t s = 0; s < d->nshapes; s++) {
        double p = compare_pred_speedup(d, cat, s);
        if (isnan(p))
            continue;
        double px = axis_map(&f->x, p), py = axis_map(&f->y, bar_centre(row, s, d->nshapes));
        /* White inside, so the tick behind a diamond never hides it. */
        c->set_colour(c->impl, (canvas_colour){1.0, 1.0, 1.0, 1.0});
        c->marker(c->impl, MARKER_DIAMOND, px, py, CHART_MARKER_SIZE, 1);
        c->set_stroke(c->impl, 1.0, NULL, 0);
        c->set_colour(c->impl, INK);
        c->marker(c->impl, MARKER_DIAMOND, px, py, CHART_MARKER_SIZE, 0);
        chart_boxes_add_marker(placed, px, py);
    }
    for (size_t s = 0; s < d->nshapes; s++) {
        double v = compare_speedup(d, cat, s), p = compare_pred_speedup(d, cat, s);
        /* the marks on this bar's line: the ideal tick and its diamond */
        double mark = fmax(k->ideal, p), near = fmin(k->ideal, p); /* fmax, fmin skip a NaN */
        if (!isnan(v))
            speedup_value(c, f, v, near, mark, bar_centre(row, s, d->nshapes),
                          shape_tint(chart_format_colour(k->format), s, d->nshapes), placed);
    }
}

/* One entry per shape, in the order its bars run down each row (the
 * smaller shape's bar on top). */
static void shapes_legend(const compare_data *d, chart_legend *l)
{
    for (size_t s = 0; s < d->nshapes; s++) {
        char name[64];
        shape_name(d, s, name, sizeof name);
        chart_legend_add(l, LEGEND_SWATCH, s + 1 == d->nshapes ? CHART_GREY : LIGHT_GREY, MARKER_CIRCLE,
                         0, name);
    }
}

/* The two panels of an energy chart, drawn empty: energy per call on the
 * left, in µJ, GFLOP/s per W on the right, sharing the rows. The row
 * labels' width sets the left panel's start; the rest is halved. Returns
 * the energy unit in µJ (1). */
static double energy_panels(const canvas *c, const char **labels, const char **blank, size_t n, double emax,
                            double gmax, const char *title, double width, double height, chart_frame *fl,
                            chart_frame *fr)
{
    /* µJ always: the report's energy tables are in µJ, and one section
     * speaks one unit (107242 µJ, not 107 mJ beside a table's µJ). */
    const double unit = 1.0;
    chart_background(c, width, height);
    memset(fl, 0, sizeof *fl);
    memset(fr, 0, sizeof *fr);
    fit_x(fl, emax, 1.25);
    fit_x(fr, gmax, 1.25);
    double left = chart_frame_left_margin(c, &(chart_frame){.ycats = labels, .nycats = n});
    double half = 0.5 * (width - MARGIN_RIGHT - left - PANEL_GAP);
    rows_frame(c, fl, labels, n, 0.0, left + half, height);
    rows_frame(c, fr, blank, n, 0.0, width - MARGIN_RIGHT, height);
    fr->left = fr->x.p_lo = fl->right + PANEL_GAP;
    chart_frame_draw(c, fl, title, CHART_ENERGY_X_LABEL, NULL);
    chart_frame_draw(c, fr, NULL, CHART_EFFICIENCY_X_LABEL, NULL);
    return unit;
}

void chart_speedup_draw(const canvas *c, const compare_data *d, double width, double height)
{
    const char *labels[CMP_MAX_CATS];
    size_t cats[CMP_MAX_CATS], n = 0;
    for (size_t i = 0; d->device != NULL && i < d->ncats; i++)
        if (!d->cat[i].is_baseline) {
            labels[n] = d->cat[i].label;
            cats[n++] = i;
        }
    chart_frame f = {0};
    char title[256];
    chart_speedup_title(d, title, sizeof title);
    chart_background(c, width, height);
    fit_x(&f, speedup_max(d), 1.2);
    rows_frame(c, &f, labels, n, 0.0, width - MARGIN_RIGHT, height);
    chart_frame_draw(c, &f, title, CHART_SPEEDUP_X_LABEL, NULL);
    if (n == 0) {
        chart_frame_message(c, &f, "no fp16 gemv at a square shape to compare with");
        return;
    }
    chart_boxes placed = {0};
    double one = axis_map(&f.x, 1.0);
    c->set_colour(c->impl, CHART_GREY);
    c->set_stroke(c->impl, 0.8, DASH, 2);
    c->line(c->impl, (double[]){one, one}, (double[]){f.top, f.bottom}, 2);
    for (size_t r = 0; r < n; r++)
        speedup_row(c, &f, d, cats[r], r, &placed);
    chart_legend l = {0};
    shapes_legend(d, &l);
    chart_legend_add(&l, LEGEND_MARKER, INK, MARKER_DIAMOND, 1, "predicted by the roofline");
    chart_legend_add(&l, LEGEND_TICK, IDEAL, MARKER_CIRCLE, 0, "ideal: 16 / bits per weight");
    chart_legend_draw(c, &f, &l, &placed);
}

void chart_energy_title(const compare_data *d, char *buf, size_t size)
{
    if (d->device == NULL)
        snprintf(buf, size, "Energy by format");
    else
        snprintf(buf, size, "Energy by format, batch 1: %s", d->device);
}

typedef double (*cell_value)(const cmp_case *x);

static double energy_of(const cmp_case *x)
{
    return x->have ? x->energy_uj : NAN;
}

/* One panel: a bar per row and shape, its value printed beside it. */
static void energy_panel(const canvas *c, const chart_frame *f, const compare_data *d,
                         cell_value value, double unit, chart_boxes *placed)
{
    double th = bar_thickness(d->nshapes);
    for (size_t i = 0; i < d->ncats; i++)
        for (size_t s = 0; s < d->nshapes; s++) {
            double v = value(&d->cell[i][s]) / unit;
            if (isnan(v))
                continue;
            double yc = bar_centre(i, s, d->nshapes);
            valued_bar(c, f, v, yc, th, shape_tint(chart_format_colour(d->cat[i].format), s, d->nshapes),
                       placed);
        }
}

static double max_value(const compare_data *d, cell_value value)
{
    double m = NAN;
    for (size_t i = 0; i < d->ncats; i++)
        for (size_t s = 0; s < d->nshapes; s++) {
            m = fmax(m, value(&d->cell[i][s])); /* fmax skips a NaN operand */
        }
    return m;
}

void chart_energy_draw(const canvas *c, const compare_data *d, double width, double height)
{
    const char *labels[CMP_MAX_CATS];
    const char *blank[CMP_MAX_CATS];
    size_t n = d->device != NULL ? d->ncats : 0;
    for (size_t i = 0; i < n; i++) {
        labels[i] = d->cat[i].label;
        blank[i] = ""; /* the right panel shares the left one's rows */
    }
    double emax = max_value(d, energy_of), gmax = max_value(d, cmp_case_gflops_per_w);
    char title[256];
    chart_energy_title(d, title, sizeof title);
    chart_frame fl, fr;
    const double unit = energy_panels(c, labels, blank, n, emax, gmax, title, width, height, &fl, &fr);
    if (n == 0 || isnan(emax)) {
        const char *why = n == 0 ? "no fp16 gemv at a square shape to compare with"
                                 : "no energy measured (power source: none)";
        chart_frame_message(c, &fl, why);
        return;
    }
    chart_boxes placed = {0};
    energy_panel(c, &fl, d, energy_of, unit, &placed);
    energy_panel(c, &fr, d, cmp_case_gflops_per_w, 1.0, &placed);
    chart_legend l = {0};
    shapes_legend(d, &l);
    chart_legend_draw(c, &fr, &l, &placed);
}

/* --- energy by power mode: the same two panels, one bar per mode. */

/* Mode s of n: the format's colour from light (the first mode) to full
 * (the last). */
static canvas_colour mode_tint(canvas_colour c, size_t s, size_t n)
{
    double w = n > 1 ? 0.55 * (1.0 - (double)s / (double)(n - 1)) : 0.0;
    return (canvas_colour){(1.0 - w) * c.r + w, (1.0 - w) * c.g + w, (1.0 - w) * c.b + w, 1.0};
}

void chart_energy_modes_title(const mode_data *m, char *buf, size_t size)
{
    snprintf(buf, size, "Energy by format and power mode, batch 1, %llu×%llu: %s",
             (unsigned long long)m->n, (unsigned long long)m->k, m->device != NULL ? m->device : "");
}

typedef double (*mode_value)(const mode_cell *x);

static double mode_energy(const mode_cell *x)
{
    return x->have ? x->energy_uj : NAN;
}

static double mode_efficiency(const mode_cell *x)
{
    return x->have ? x->gflops_per_w : NAN;
}

static double mode_max(const mode_data *m, mode_value value)
{
    double v = NAN;
    for (size_t s = 0; s < m->nmodes; s++)
        for (size_t f = 0; f < m->nformats; f++) {
            v = fmax(v, value(&m->cell[s][f])); /* fmax skips a NaN operand */
        }
    return v;
}

static void modes_panel(const canvas *c, const chart_frame *f, const mode_data *m, mode_value value,
                        double unit, chart_boxes *placed)
{
    double th = bar_thickness(m->nmodes);
    for (size_t i = 0; i < m->nformats; i++)
        for (size_t s = 0; s < m->nmodes; s++) {
            double v = value(&m->cell[s][i]) / unit;
            if (isnan(v))
                continue;
            double yc = bar_centre(i, s, m->nmodes);
            valued_bar(c, f, v, yc, th, mode_tint(chart_format_colour(m->format[i]), s, m->nmodes), placed);
        }
}

void chart_energy_modes_draw(const canvas *c, const mode_data *m, double width, double height)
{
    const char *labels[MODE_MAX_FORMATS], *blank[MODE_MAX_FORMATS];
    size_t n = m->device != NULL ? m->nformats : 0;
    for (size_t i = 0; i < n; i++) {
        labels[i] = m->format[i];
        blank[i] = "";
    }
    double emax = mode_max(m, mode_energy), gmax = mode_max(m, mode_efficiency);
    char title[256];
    chart_energy_modes_title(m, title, sizeof title);
    chart_frame fl, fr;
    const double unit = energy_panels(c, labels, blank, n, emax, gmax, title, width, height, &fl, &fr);
    if (n == 0 || isnan(emax)) {
        chart_frame_message(c, &fl, n == 0 ? "no device ran in two power modes"
                                           : "no energy measured (power source: none)");
        return;
    }
    chart_boxes placed = {0};
    modes_panel(c, &fl, m, mode_energy, unit, &placed);
    modes_panel(c, &fr, m, mode_efficiency, 1.0, &placed);
    chart_legend l = {0};
    for (size_t s = 0; s < m->nmodes; s++)
        chart_legend_add(&l, LEGEND_SWATCH, mode_tint(CHART_GREY, s, m->nmodes), MARKER_CIRCLE, 0,
                         m->mode[s]);
    chart_legend_draw(c, &fr, &l, &placed);
}
