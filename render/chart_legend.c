/* The legend: one entry per weight format (colour), per device when there
 * are several (the marker shape of its points, the colour of its ceilings),
 * and for failed checks (hollow marker). Drawn
 * in the lower right of the plot: high intensity at low performance is the
 * one region where a roofline has no points. */
#include <stdio.h>

#include "chart_parts.h"

#define ROW 11.0
#define PAD 5.0
#define SAMPLE 16.0 /* width of the marker or line sample */
#define MAX_ENTRIES 48

static const canvas_colour GREY = {0.45, 0.45, 0.45, 1.0};

typedef struct entry {
    char text[160];
    canvas_colour colour;
    canvas_marker shape;
    int fill;
    int line; /* a ceiling sample through the marker: device entries */
} entry;

static int has_points(const chart_data *d, size_t series)
{
    for (size_t i = 0; i < d->npoints; i++)
        if (d->points[i].series == series)
            return 1;
    return 0;
}

static size_t collect(const chart_data *d, entry *e)
{
    size_t n = 0;
    for (size_t s = 0; s < d->nseries && n < MAX_ENTRIES; s++) {
        if (!has_points(d, s))
            continue; /* a format seen only in bandwidth cases: no marker to explain */
        snprintf(e[n].text, sizeof e[n].text, "%s", d->series[s]);
        e[n].colour = chart_series_colour(s);
        e[n].shape = d->ngroups > 1 ? MARKER_CIRCLE : chart_group_marker(0);
        e[n].fill = 1;
        e[n++].line = 0;
    }
    for (size_t g = 0; d->ngroups > 1 && g < d->ngroups && n < MAX_ENTRIES; g++, n++) {
        snprintf(e[n].text, sizeof e[n].text, "%s (%s)", d->groups[g].device, d->groups[g].mode);
        e[n].colour = chart_group_colour(g);
        e[n].shape = chart_group_marker(g);
        e[n].fill = 1;
        e[n].line = 1;
    }
    int wrong = 0;
    for (size_t i = 0; i < d->npoints; i++)
        wrong |= d->points[i].wrong;
    if (wrong && n < MAX_ENTRIES) {
        snprintf(e[n].text, sizeof e[n].text, "output check failed");
        e[n].colour = GREY;
        e[n].shape = MARKER_CIRCLE;
        e[n].line = 0;
        e[n++].fill = 0;
    }
    return n;
}

void chart_legend_draw(const canvas *c, const chart_frame *f, const chart_data *d)
{
    entry e[MAX_ENTRIES];
    size_t n = collect(d, e);
    if (n == 0)
        return;
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    double wmax = 0.0, w, cap;
    for (size_t i = 0; i < n; i++) {
        c->text_extents(c->impl, &st, e[i].text, &w, &cap);
        wmax = w > wmax ? w : wmax;
    }
    double bw = PAD + SAMPLE + 5.0 + wmax + PAD, bh = 2 * PAD + n * ROW - 2.0;
    double x0 = f->right - 8.0 - bw, y0 = f->bottom - 8.0 - bh;
    c->set_colour(c->impl, (canvas_colour){1.0, 1.0, 1.0, 0.9});
    c->rect(c->impl, x0, y0, bw, bh, 1);
    c->set_colour(c->impl, GREY);
    c->set_stroke(c->impl, 0.5, NULL, 0);
    c->rect(c->impl, x0, y0, bw, bh, 0);
    for (size_t i = 0; i < n; i++) {
        double cy = y0 + PAD + (i + 0.5) * ROW - 1.0;
        double mx = x0 + PAD + 0.5 * SAMPLE;
        c->set_colour(c->impl, e[i].colour);
        c->set_stroke(c->impl, 1.4, NULL, 0);
        if (e[i].line)
            c->line(c->impl, (double[]){mx - 0.5 * SAMPLE, mx + 0.5 * SAMPLE}, (double[]){cy, cy}, 2);
        c->set_stroke(c->impl, 1.0, NULL, 0);
        c->marker(c->impl, e[i].shape, mx, cy, CHART_MARKER_SIZE, e[i].fill);
        c->set_colour(c->impl, (canvas_colour){0.1, 0.1, 0.1, 1.0});
        c->text(c->impl, &st, mx + 0.5 * SAMPLE + 5.0, cy, e[i].text);
    }
}
