#include "chart_roofline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pick.h"

#define MARGIN_LEFT 62.0
#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 42.0
#define FACETS_MAX 6 /* panels; more devices and modes are left out */


void chart_roofline_title(const chart_data *d, char *buf, size_t size)
{
    size_t ndevices = 0;
    for (size_t g = 0; g < d->ngroups; g++) {
        size_t h = 0;
        while (h < g && strcmp(d->groups[h].device, d->groups[g].device) != 0)
            h++;
        ndevices += h == g;
    }
    if (ndevices == 1)
        snprintf(buf, size, "Roofline of every case: %s", d->groups[0].device);
    else
        snprintf(buf, size, "Roofline of every case: %zu devices", ndevices);
}

/* Data extent: the points, and every ceiling up to where it turns. */
static void data_extent(const chart_data *d, double *xmin, double *xmax, double *ymin,
                        double *ymax)
{
    *xmin = *ymin = INFINITY;
    *xmax = *ymax = 0.0;
    for (size_t i = 0; i < d->npoints; i++) {
        *xmin = fmin(*xmin, d->points[i].intensity);
        *xmax = fmax(*xmax, d->points[i].intensity);
        *ymin = fmin(*ymin, d->points[i].gflops);
        *ymax = fmax(*ymax, d->points[i].gflops);
    }
    for (size_t i = 0; i < d->nroofs; i++) {
        const chart_roof *r = &d->roofs[i];
        double bw = d->groups[r->group].bw_datasheet;
        if (!(r->peak_gflops > 0.0) || !(bw > 0.0))
            continue;
        double ridge = r->peak_gflops / bw; /* flop/byte where the roof starts */
        *xmax = fmax(*xmax, ridge);
        *ymax = fmax(*ymax, r->peak_gflops);
        if (d->npoints == 0) {
            *xmin = fmin(*xmin, ridge / 100.0);
            *ymin = fmin(*ymin, r->peak_gflops / 100.0);
        }
    }
    for (size_t i = 0; i < d->nissue; i++) /* an issue roof above every point and roof still shows */
        *ymax = fmax(*ymax, d->issue[i].gflops);
    if (!isfinite(*xmin) || !(*xmax > 0.0)) { /* nothing drawable at all */
        *xmin = 0.1;
        *xmax = 100.0;
    }
    if (!isfinite(*ymin) || !(*ymax > 0.0)) {
        *ymin = 1.0;
        *ymax = 1000.0;
    }
}

void chart_roofline_fit(const chart_data *d, double width, double height, chart_frame *f)
{
    double xmin, xmax, ymin, ymax;
    data_extent(d, &xmin, &xmax, &ymin, &ymax);
    memset(f, 0, sizeof *f);
    /* Room right of the last ridge for the roofs and their labels, and above
     * the highest roof for its label. */
    log_axis_fit(xmin / 1.5, xmax * 4.0, &f->x.lo, &f->x.hi);
    log_axis_fit(ymin / 1.5, ymax * 2.5, &f->y.lo, &f->y.hi);
    f->y.unit = 1e3; /* GFLOP/s data, TFLOP/s labels, as the roofs' */
    chart_frame_place(f, MARGIN_LEFT, MARGIN_TOP, width - MARGIN_RIGHT, height - MARGIN_BOTTOM);
}

/* Points after the ceilings' lines, so no line hides a measurement; each
 * claims its box so labels and legends keep clear of it. */
static void draw_points(const canvas *c, const chart_frame *f, const chart_data *d, size_t only,
                        chart_boxes *placed)
{
    chart_mark *marks = malloc((d->npoints + 1) * sizeof *marks);
    unsigned char *keep = malloc(d->npoints + 1);
    for (size_t i = 0; marks != NULL && keep != NULL && i < d->npoints; i++) {
        const chart_point *p = &d->points[i];
        int ringed = p->throttled && !p->wrong;
        int skip = only != CHART_ALL_GROUPS && p->group != only;
        marks[i] = (chart_mark){skip ? NAN : axis_map(&f->x, p->intensity), axis_map(&f->y, p->gflops), NAN,
                                chart_format_colour(d->series[p->series]),
                                (int)chart_kernel_marker(d->kernels[p->kernel]), ringed ? CHART_POINT_RINGED : p->wrong};
    }
    if (marks != NULL && keep != NULL)
        chart_marks_keep_last(marks, d->npoints, keep);
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    for (size_t i = 0; i < d->npoints; i++) {
        const chart_point *p = &d->points[i];
        if (only != CHART_ALL_GROUPS && p->group != only)
            continue;
        if (keep != NULL && marks != NULL && !keep[i])
            continue; /* a later marker covers it */
        double px = axis_map(&f->x, p->intensity), py = axis_map(&f->y, p->gflops);
        if (isnan(px) || isnan(py))
            continue;
        int ringed = p->throttled && !p->wrong; /* a wrong output's time means nothing anyway */
        chart_point_marker(c, chart_kernel_marker(d->kernels[p->kernel]),
                           chart_format_colour(d->series[p->series]), px, py,
                           ringed ? CHART_POINT_RINGED : p->wrong);
        chart_boxes_add_marker(placed, px, py);
        if (ringed)
            chart_boxes_add(placed, px - 0.5 * CHART_RING_SIZE - 0.5, py - 0.5 * CHART_RING_SIZE - 0.5,
                            px + 0.5 * CHART_RING_SIZE + 0.5, py + 0.5 * CHART_RING_SIZE + 0.5);
    }
    c->unclip(c->impl);
    free(marks);
    free(keep);
}

static int has_points(const chart_data *d, size_t series)
{
    for (size_t i = 0; i < d->npoints; i++)
        if (d->points[i].series == series)
            return 1;
    return 0;
}

/* The legends: formats by colour; kernels by marker, then failed checks
 * and held clocks. */
static void build_legends(const chart_data *d, chart_legend *formats, chart_legend *kernels)
{
    for (size_t s = 0; s < d->nseries; s++)
        if (has_points(d, s)) /* a format seen only in bandwidth cases: nothing to explain */
            chart_legend_add(formats, LEGEND_MARKER, chart_format_colour(d->series[s]), MARKER_CIRCLE, 0,
                             d->series[s]);
    chart_kernel_legend(kernels, d->kernels, d->nkernels, CHART_GREY);
    int wrong = 0, throttled = 0;
    for (size_t i = 0; i < d->npoints; i++) {
        wrong |= d->points[i].wrong;
        throttled |= d->points[i].throttled && !d->points[i].wrong;
    }
    if (wrong)
        chart_legend_add(kernels, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 1, "output check failed");
    if (throttled)
        chart_legend_add(kernels, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, CHART_POINT_RINGED,
                         "clocks held down or changed");
    if (d->nissue > 0)
        chart_legend_add(kernels, LEGEND_ISSUE_ROOF, CHART_GREY, MARKER_CIRCLE, 0, CHART_ISSUE_LEGEND);
}

/* One device, mode and run: its panel's title names them and its DRAM
 * slopes. */
static void panel_title(const canvas *c, const chart_frame *f, const chart_data *d, size_t gi)
{
    const chart_group *g = &d->groups[gi];
    char text[256], ds[32], ms[32];
    fmt_sig3(ds, sizeof ds, g->bw_datasheet);
    fmt_sig3(ms, sizeof ms, g->bw_measured);
    chart_group_name(d, gi, text, sizeof text);
    canvas_text head = {CANVAS_FONT_BOLD, CHART_FONT_LABEL, 0.0, 0.0, 0.0};
    c->set_colour(c->impl, (canvas_colour){0.1, 0.1, 0.1, 1.0});
    c->text(c->impl, &head, f->left, f->top - 14.0, text);
    if (g->bw_measured > 0.0)
        snprintf(text, sizeof text, "DRAM %s GB/s, measured %s", ds, ms);
    else
        snprintf(text, sizeof text, "DRAM %s GB/s", ds);
    head.font = CANVAS_FONT_REGULAR;
    c->text(c->impl, &head, f->left, f->top - 4.0, text);
}

/* Several devices, modes or runs: one panel each on shared axes (their ceilings
 * would print over each other on one), the legends under the panels. */
static void draw_facets(const canvas *c, const chart_data *d, double width, double height, chart_boxes *placed)
{
    chart_frame all;
    chart_legend formats = {0}, kernels = {0};
    char title[256];
    chart_roofline_fit(d, width, height, &all);
    chart_roofline_title(d, title, sizeof title);
    build_legends(d, &formats, &kernels);
    double avail = width - MARGIN_LEFT - MARGIN_RIGHT;
    double lh = chart_legend_strip_height(c, &formats, avail) + chart_legend_strip_height(c, &kernels, avail);
    double bottom = height - MARGIN_BOTTOM - lh - 8.0;
    size_t n = d->ngroups < FACETS_MAX ? d->ngroups : FACETS_MAX;
    for (size_t g = 0; g < n; g++) {
        chart_frame f = all;
        double l, t, r, b;
        chart_facet_place(g, n, MARGIN_LEFT, MARGIN_TOP + 22.0, width - MARGIN_RIGHT, bottom, 24.0, 48.0, &l, &t,
                          &r, &b);
        chart_frame_place(&f, l, t, r, b);
        f.hide_y_labels = g % CHART_FACET_COLUMNS != 0;
        placed->n = 0;
        chart_frame_draw(c, &f, NULL, NULL, NULL);
        panel_title(c, &f, d, g);
        chart_ceilings_draw_lines(c, &f, d, g);
        draw_points(c, &f, d, g, placed);
        chart_ceilings_draw_labels(c, &f, d, g, 0, placed);
    }
    canvas_text head = {CANVAS_FONT_BOLD, CHART_FONT_TITLE, 0.0, 0.0, 0.0};
    canvas_text axis = {CANVAS_FONT_REGULAR, CHART_FONT_AXIS, 0.5, 0.0, 0.0};
    c->set_colour(c->impl, (canvas_colour){0.1, 0.1, 0.1, 1.0});
    c->text(c->impl, &head, MARGIN_LEFT, MARGIN_TOP - 10.0, title);
    c->text(c->impl, &axis, 0.5 * (MARGIN_LEFT + width - MARGIN_RIGHT), bottom + 32.0, CHART_X_LABEL);
    axis.angle_deg = 90.0;
    axis.valign = 1.0;
    c->text(c->impl, &axis, 12.0, 0.5 * (MARGIN_TOP + bottom), CHART_Y_LABEL);
    double ly = bottom + MARGIN_BOTTOM;
    ly += chart_legend_strip(c, &formats, MARGIN_LEFT, ly, avail);
    chart_legend_strip(c, &kernels, MARGIN_LEFT, ly + 4.0, avail);
}

void chart_roofline_draw(const canvas *c, const chart_data *d, double width, double height)
{
    chart_boxes *placed = calloc(1, sizeof *placed);
    chart_background(c, width, height);
    if (d->ngroups > 1 && placed != NULL) {
        draw_facets(c, d, width, height, placed);
        free(placed);
        return;
    }
    chart_frame f;
    char title[256];
    chart_roofline_fit(d, width, height, &f);
    chart_roofline_title(d, title, sizeof title);
    chart_frame_draw(c, &f, title, CHART_X_LABEL, CHART_Y_LABEL);
    chart_ceilings_draw_lines(c, &f, d, CHART_ALL_GROUPS);
    if (placed == NULL)
        return; /* out of memory: the chart without its labels */
    draw_points(c, &f, d, CHART_ALL_GROUPS, placed);
    chart_ceilings_draw_labels(c, &f, d, CHART_ALL_GROUPS, 1, placed);
    chart_legend formats = {0}, kernels = {0};
    build_legends(d, &formats, &kernels);
    chart_legend_draw(c, &f, &formats, placed);
    chart_legend_draw(c, &f, &kernels, placed);
    free(placed);
}
