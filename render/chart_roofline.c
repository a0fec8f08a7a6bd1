#include "chart_roofline.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_parts.h"

/* Okabe-Ito colours: distinguishable with the common colour blindnesses. */
static const canvas_colour SERIES[] = {
    {0.000, 0.447, 0.698, 1.0}, /* blue */
    {0.902, 0.624, 0.000, 1.0}, /* orange */
    {0.000, 0.620, 0.451, 1.0}, /* bluish green */
    {0.835, 0.369, 0.000, 1.0}, /* vermillion */
    {0.800, 0.475, 0.655, 1.0}, /* reddish purple */
    {0.337, 0.706, 0.914, 1.0}, /* sky blue */
    {0.941, 0.894, 0.259, 1.0}, /* yellow */
    {0.000, 0.000, 0.000, 1.0},
    /* past Okabe-Ito's eight: grey and brown, so nine formats and a stream
     * kernel still get a colour each */
    {0.600, 0.600, 0.600, 1.0},
    {0.550, 0.340, 0.160, 1.0},
};
static const canvas_colour GROUPS[] = {
    {0.20, 0.20, 0.20, 1.0},
    {0.45, 0.25, 0.55, 1.0},
    {0.55, 0.35, 0.15, 1.0},
};
#define LEN(a) (sizeof(a) / sizeof(a)[0])

canvas_colour chart_series_colour(size_t series)
{
    return SERIES[series % LEN(SERIES)];
}

canvas_colour chart_group_colour(size_t group)
{
    return GROUPS[group % LEN(GROUPS)];
}

canvas_marker chart_group_marker(size_t group)
{
    return (canvas_marker)(group % MARKER_COUNT);
}

int chart_labels_claim(chart_labels *placed, double x0, double y0, double x1, double y1)
{
    for (size_t i = 0; i < placed->n; i++)
        if (x0 < placed->x1[i] && placed->x0[i] < x1 && y0 < placed->y1[i] && placed->y0[i] < y1)
            return 1;
    if (placed->n < CHART_MAX_LABELS) {
        placed->x0[placed->n] = x0;
        placed->y0[placed->n] = y0;
        placed->x1[placed->n] = x1;
        placed->y1[placed->n++] = y1;
    }
    return 0;
}

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

/* Points last but one, so ceilings never hide a measurement; a darker rim
 * keeps light colours visible on white. */
static void draw_points(const canvas *c, const chart_frame *f, const chart_data *d)
{
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    for (size_t i = 0; i < d->npoints; i++) {
        const chart_point *p = &d->points[i];
        double px = log_axis_map(&f->x, p->intensity), py = log_axis_map(&f->y, p->gflops);
        if (isnan(px) || isnan(py))
            continue;
        canvas_colour col = chart_series_colour(p->series);
        canvas_marker shape = chart_group_marker(p->group);
        c->set_stroke(c->impl, p->wrong ? 1.4 : 0.6, NULL, 0);
        if (!p->wrong) {
            c->set_colour(c->impl, col);
            c->marker(c->impl, shape, px, py, CHART_MARKER_SIZE, 1);
            col = (canvas_colour){0.6 * col.r, 0.6 * col.g, 0.6 * col.b, 1.0};
        }
        c->set_colour(c->impl, col);
        c->marker(c->impl, shape, px, py, CHART_MARKER_SIZE, 0);
    }
    c->unclip(c->impl);
}

void chart_roofline_draw(const canvas *c, const chart_data *d, double width, double height)
{
    chart_frame f;
    chart_labels placed = {0};
    char title[256];
    chart_frame_fit(d, width, height, &f);
    chart_roofline_title(d, title, sizeof title);
    chart_frame_draw(c, &f, title);
    chart_ceilings_draw(c, &f, d, &placed);
    draw_points(c, &f, d);
    chart_legend_draw(c, &f, d);
}
