/* The chart's frame: axis ranges, grid, ticks, tick labels, axis titles. */
#include <math.h>
#include <stdio.h>

#include "chart_parts.h"
#include "chart_roofline.h"

#define MARGIN_LEFT 62.0
#define MARGIN_RIGHT 18.0
#define MARGIN_TOP 28.0
#define MARGIN_BOTTOM 42.0
#define MAX_DECADES 24

static const canvas_colour INK = {0.1, 0.1, 0.1, 1.0};
static const canvas_colour GRID = {0.86, 0.86, 0.86, 1.0};

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

void chart_frame_fit(const chart_data *d, double width, double height, chart_frame *f)
{
    double xmin, xmax, ymin, ymax;
    data_extent(d, &xmin, &xmax, &ymin, &ymax);
    f->width = width;
    f->height = height;
    f->left = MARGIN_LEFT;
    f->right = width - MARGIN_RIGHT;
    f->top = MARGIN_TOP;
    f->bottom = height - MARGIN_BOTTOM;
    /* Room right of the last ridge for the roofs and their labels, and above
     * the highest roof for its label. */
    log_axis_fit(xmin / 1.5, xmax * 4.0, &f->x.lo, &f->x.hi);
    log_axis_fit(ymin / 1.5, ymax * 2.5, &f->y.lo, &f->y.hi);
    f->x.p_lo = f->left;
    f->x.p_hi = f->right;
    f->y.p_lo = f->bottom;
    f->y.p_hi = f->top;
}

static void draw_grid_and_ticks(const canvas *c, const chart_frame *f)
{
    double dec[MAX_DECADES];
    size_t nx = log_axis_decades(&f->x, dec, MAX_DECADES);
    c->set_stroke(c->impl, 0.5, NULL, 0);
    for (size_t i = 0; i < nx; i++) {
        double px = log_axis_map(&f->x, dec[i]);
        c->set_colour(c->impl, GRID);
        c->line(c->impl, (double[]){px, px}, (double[]){f->top, f->bottom}, 2);
        c->set_colour(c->impl, INK);
        c->line(c->impl, (double[]){px, px}, (double[]){f->bottom, f->bottom - 5.0}, 2);
        for (int m = 2; m <= 9 && i + 1 < nx; m++) {
            double mx = log_axis_map(&f->x, dec[i] * m);
            c->line(c->impl, (double[]){mx, mx}, (double[]){f->bottom, f->bottom - 2.5}, 2);
        }
    }
    size_t ny = log_axis_decades(&f->y, dec, MAX_DECADES);
    for (size_t i = 0; i < ny; i++) {
        double py = log_axis_map(&f->y, dec[i]);
        c->set_colour(c->impl, GRID);
        c->line(c->impl, (double[]){f->left, f->right}, (double[]){py, py}, 2);
        c->set_colour(c->impl, INK);
        c->line(c->impl, (double[]){f->left, f->left + 5.0}, (double[]){py, py}, 2);
        for (int m = 2; m <= 9 && i + 1 < ny; m++) {
            double my = log_axis_map(&f->y, dec[i] * m);
            c->line(c->impl, (double[]){f->left, f->left + 2.5}, (double[]){my, my}, 2);
        }
    }
}

static void draw_tick_labels(const canvas *c, const chart_frame *f)
{
    double dec[MAX_DECADES];
    char label[48];
    canvas_text below = {CANVAS_FONT_REGULAR, CHART_FONT_TICK, 0.5, 1.0, 0.0};
    canvas_text left = {CANVAS_FONT_REGULAR, CHART_FONT_TICK, 1.0, 0.5, 0.0};
    c->set_colour(c->impl, INK);
    int plain = log_axis_plain_labels(&f->x);
    size_t n = log_axis_decades(&f->x, dec, MAX_DECADES);
    for (size_t i = 0; i < n; i++) {
        log_axis_label(dec[i], plain, label, sizeof label);
        c->text(c->impl, &below, log_axis_map(&f->x, dec[i]), f->bottom + 5.0, label);
    }
    plain = log_axis_plain_labels(&f->y);
    n = log_axis_decades(&f->y, dec, MAX_DECADES);
    for (size_t i = 0; i < n; i++) {
        log_axis_label(dec[i], plain, label, sizeof label);
        c->text(c->impl, &left, f->left - 5.0, log_axis_map(&f->y, dec[i]), label);
    }
}

void chart_frame_draw(const canvas *c, const chart_frame *f, const char *title)
{
    c->set_colour(c->impl, (canvas_colour){1.0, 1.0, 1.0, 1.0});
    c->rect(c->impl, 0.0, 0.0, f->width, f->height, 1);
    draw_grid_and_ticks(c, f);
    c->set_colour(c->impl, INK);
    c->set_stroke(c->impl, 0.8, NULL, 0);
    c->rect(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top, 0);
    draw_tick_labels(c, f);
    canvas_text axis = {CANVAS_FONT_REGULAR, CHART_FONT_AXIS, 0.5, 0.0, 0.0};
    c->text(c->impl, &axis, 0.5 * (f->left + f->right), f->height - 10.0, CHART_X_LABEL);
    axis.angle_deg = 90.0;
    axis.valign = 1.0;
    c->text(c->impl, &axis, 12.0, 0.5 * (f->top + f->bottom), CHART_Y_LABEL);
    canvas_text head = {CANVAS_FONT_BOLD, CHART_FONT_TITLE, 0.0, 0.0, 0.0};
    c->text(c->impl, &head, f->left, f->top - 10.0, title);
}
