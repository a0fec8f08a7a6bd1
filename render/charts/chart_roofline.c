#include "chart_roofline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN_LEFT 62.0
#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 42.0


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
        snprintf(buf, size, "Roofline: %s", d->groups[0].device);
    else
        snprintf(buf, size, "Roofline: %zu devices", ndevices);
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
    chart_frame_place(f, MARGIN_LEFT, MARGIN_TOP, width - MARGIN_RIGHT, height - MARGIN_BOTTOM);
}

/* Points after the ceilings' lines, so no line hides a measurement; each
 * claims its box so labels and legends keep clear of it. */
static void draw_points(const canvas *c, const chart_frame *f, const chart_data *d,
                        chart_boxes *placed)
{
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    for (size_t i = 0; i < d->npoints; i++) {
        const chart_point *p = &d->points[i];
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
}

static int has_points(const chart_data *d, size_t series)
{
    for (size_t i = 0; i < d->npoints; i++)
        if (d->points[i].series == series)
            return 1;
    return 0;
}

/* Two legends: formats by colour; kernels by marker, then the devices'
 * ceiling colours when there are several, then failed checks. */
static void draw_legends(const canvas *c, const chart_frame *f, const chart_data *d,
                         chart_boxes *placed)
{
    chart_legend formats = {0}, kernels = {0};
    for (size_t s = 0; s < d->nseries; s++)
        if (has_points(d, s)) /* a format seen only in bandwidth cases: nothing to explain */
            chart_legend_add(&formats, LEGEND_MARKER, chart_format_colour(d->series[s]),
                             MARKER_CIRCLE, 0, d->series[s]);
    chart_kernel_legend(&kernels, d->kernels, d->nkernels, CHART_GREY);
    for (size_t g = 0; d->ngroups > 1 && g < d->ngroups; g++) {
        char text[160];
        size_t runs = 0; /* a device and mode with several runs: each named by its run */
        for (size_t h = 0; h < d->ngroups; h++)
            runs += strcmp(d->groups[h].device, d->groups[g].device) == 0 &&
                    strcmp(d->groups[h].mode, d->groups[g].mode) == 0;
        if (runs > 1)
            snprintf(text, sizeof text, "run %s", d->groups[g].run_id != NULL ? d->groups[g].run_id : "–");
        else
            snprintf(text, sizeof text, "%s (%s)", d->groups[g].device, d->groups[g].mode);
        chart_legend_add(&kernels, LEGEND_LINE, chart_group_colour(g), MARKER_CIRCLE, 0, text);
    }
    int wrong = 0, throttled = 0;
    for (size_t i = 0; i < d->npoints; i++) {
        wrong |= d->points[i].wrong;
        throttled |= d->points[i].throttled && !d->points[i].wrong;
    }
    if (wrong)
        chart_legend_add(&kernels, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, 1, "output check failed");
    if (throttled)
        chart_legend_add(&kernels, LEGEND_MARKER, CHART_GREY, MARKER_CIRCLE, CHART_POINT_RINGED,
                         "clocks held down or changed");
    chart_legend_draw(c, f, &formats, placed);
    chart_legend_draw(c, f, &kernels, placed);
}

void chart_roofline_draw(const canvas *c, const chart_data *d, double width, double height)
{
    chart_frame f;
    chart_boxes *placed = calloc(1, sizeof *placed);
    char title[256];
    chart_roofline_fit(d, width, height, &f);
    chart_roofline_title(d, title, sizeof title);
    chart_background(c, width, height);
    chart_frame_draw(c, &f, title, CHART_X_LABEL, CHART_Y_LABEL);
    chart_ceilings_draw_lines(c, &f, d);
    if (placed == NULL)
        return; /* out of memory: the chart without its labels */
    draw_points(c, &f, d, placed);
    chart_ceilings_draw_labels(c, &f, d, placed);
    draw_legends(c, &f, d, placed);
    free(placed);
}
