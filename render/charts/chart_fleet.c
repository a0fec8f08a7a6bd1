/* The fleet (see chart_draw.h): a dot strip per metric and pass of
 * fleet.sh, every card one dot at its value as a percentage of the median
 * of its kind (fleet_data.h), so hundreds of cards stay one small figure:
 * the median a solid line, the 3 % band shaded, the datasheet a black tick
 * per kind, a card that falls short in the metric a vermillion dot named
 * beside it (the first few of each strip). Dots of one strip spread over
 * its height by a fixed scatter, the same on every render. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "chart_draw.h"
#include "chart_parts.h"
#include "pick.h"

#define MARGIN_TOP 28.0
#define MARGIN_RIGHT 18.0
#define MAX_LOADS 4
#define MAX_STRIPS (FLEET_METRICS * MAX_LOADS)
#define NAMED_PER_STRIP 4 /* cards named beside their dot; the table names every one */
#define AXIS_MIN_PCT 50.0
#define AXIS_MAX_PCT 150.0

static const canvas_colour INK = {0.1, 0.1, 0.1, 1.0};
static const canvas_colour DOT = {0.0, 0.447, 0.698, 0.55}; /* Okabe-Ito blue, see-through */
static const canvas_colour SHORT = {0.835, 0.369, 0.0, 1.0}; /* Okabe-Ito vermillion */
static const canvas_colour BAND = {0.0, 0.0, 0.0, 0.07};

typedef struct strip {
    fleet_metric metric;
    const char *load;
    char label[64];
} strip;

static int same(const char *a, const char *b)
{
    return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static size_t fleet_loads(const fleet_data *d, const char **loads)
{
    size_t n = 0;
    for (size_t g = 0; g < d->ngroups; g++) {
        size_t i = 0;
        while (i < n && !same(loads[i], d->groups[g].load))
            i++;
        if (i == n && n < MAX_LOADS)
            loads[n++] = d->groups[g].load;
    }
    for (size_t i = 1; i < n; i++) /* insertion sort by rank: n <= 4 */
        for (size_t j = i; j > 0 && fleet_load_rank(loads[j - 1]) > fleet_load_rank(loads[j]); j--) {
            const char *s = loads[j];
            loads[j] = loads[j - 1];
            loads[j - 1] = s;
        }
    return n;
}

/* A dot's percentage of its group's median; NAN when either is missing. */
static double pct_of_median(const fleet_data *d, const fleet_entry *e, fleet_metric m)
{
    double med = d->groups[e->group].median[m];
    return med > 0.0 && isfinite(e->value[m]) ? 100.0 * e->value[m] / med : NAN;
}

/* The strips with at least one value, and the x range they need. */
static size_t fleet_strips(const fleet_data *d, strip *s, double *lo, double *hi, double *lo_short)
{
    *lo_short = NAN;
    const char *loads[MAX_LOADS];
    size_t nl = fleet_loads(d, loads), n = 0;
    *lo = 100.0 - 2.0 * FLEET_SHORT_PCT;
    *hi = 100.0 + 2.0 * FLEET_SHORT_PCT;
    for (int m = 0; m < FLEET_METRICS; m++)
        for (size_t l = 0; l < nl; l++) {
            int any = 0;
            for (size_t i = 0; i < d->nentries; i++) {
                const fleet_entry *e = &d->entries[i];
                double p = pct_of_median(d, e, (fleet_metric)m);
                if (!same(e->load, loads[l]) || isnan(p))
                    continue;
                any = 1;
                if (e->short_of[m])
                    *lo_short = isnan(*lo_short) ? p : fmin(*lo_short, p);
                *lo = fmin(*lo, p);
                *hi = fmax(*hi, p);
                double ds = d->groups[e->group].datasheet[m], med = d->groups[e->group].median[m];
                if (ds > 0.0 && med > 0.0)
                    *hi = fmax(*hi, fmin(AXIS_MAX_PCT, 100.0 * ds / med));
            }
            if (!any)
                continue;
            s[n] = (strip){(fleet_metric)m, loads[l], ""};
            snprintf(s[n].label, sizeof s[n].label, "%s%s%s", fleet_metric_name((fleet_metric)m),
                     loads[l] != NULL ? ", " : "", loads[l] != NULL ? loads[l] : "");
            n++;
        }
    *lo = fmax(AXIS_MIN_PCT, *lo - 1.0);
    *hi = fmin(AXIS_MAX_PCT, *hi + 1.0);
    return n;
}

/* The low end of the axis that leaves the widest name of a card that
 * falls short, and its dot, room left of the lowest such dot (at lo_short
 * percent): lo' = (lo_short - k hi) / (1 - k), k the name's share of the
 * plot's width. */
static double widen_for_names(const canvas *c, const fleet_data *d, double lo_short, double hi, double plot_w)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
    double widest = 0.0;
    for (size_t i = 0; i < d->nentries; i++)
        if (d->entries[i].falls_short) {
            char name[96];
            double w, cap;
            fleet_entry_name(&d->entries[i], name, sizeof name);
            c->text_extents(c->impl, &st, name, &w, &cap);
            widest = fmax(widest, w);
        }
    double k = (widest + 2.0 * CHART_MARKER_SIZE + 4.0) / (plot_w > 1.0 ? plot_w : 1.0);
    return k < 0.8 ? (lo_short - k * hi) / (1.0 - k) : lo_short - 1.0;
}

void chart_fleet_title(const fleet_data *d, char *buf, size_t size)
{
    if (d->ncards < 2)
        snprintf(buf, size, "Fleet: every card against the median of its kind");
    else
        snprintf(buf, size, "Fleet: %zu cards on %zu host%s against the median of their kind", d->ncards,
                 d->nhosts, d->nhosts == 1 ? "" : "s");
}

/* A fixed scatter in [-1, 1] for the i-th dot of a strip. */
static double scatter(size_t i)
{
    uint32_t h = (uint32_t)i * 2654435761u;
    h ^= h >> 15;
    return (double)(h % 2001u) / 1000.0 - 1.0;
}

/* The 3 % band, the median, and each kind's datasheet tick (an arrow at
 * the edge when it lies past the axis) behind the dots of strip s. */
static void strip_guides(const canvas *c, const chart_frame *f, const fleet_data *d, const strip *s, double y,
                         double half, chart_boxes *placed)
{
    double x0 = axis_map(&f->x, 100.0 - FLEET_SHORT_PCT), x1 = axis_map(&f->x, 100.0 + FLEET_SHORT_PCT);
    c->set_colour(c->impl, BAND);
    c->rect(c->impl, x0, y - half, x1 - x0, 2.0 * half, 1);
    chart_boxes_add(placed, x0, y - half, x1, y + half);
    c->set_colour(c->impl, INK);
    c->set_stroke(c->impl, 1.6, NULL, 0);
    for (size_t g = 0; g < d->ngroups; g++) {
        const fleet_group *grp = &d->groups[g];
        double ds = grp->datasheet[s->metric], med = grp->median[s->metric];
        if (!same(grp->load, s->load) || !(ds > 0.0) || !(med > 0.0))
            continue;
        double p = 100.0 * ds / med, x = axis_map(&f->x, fmin(p, f->x.hi));
        double xs[2] = {x, x}, ys[2] = {y - half, y + half};
        c->line(c->impl, xs, ys, 2);
        chart_boxes_add(placed, x - 1.0, y - half, x + 1.0, y + half);
        if (p > f->x.hi) {
            canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 1.0, 0.5, 0.0};
            char text[32];
            snprintf(text, sizeof text, "datasheet %.0f %% →", p);
            c->text(c->impl, &st, x - 3.0, y - 0.6 * half, text);
        }
    }
}

static void strip_dots(const canvas *c, const chart_frame *f, const fleet_data *d, const strip *s, double y,
                       double half, double size, chart_boxes *placed)
{
    size_t k = 0, named = 0;
    for (int pass = 0; pass < 2; pass++) /* the cards that fall short on top */
        for (size_t i = 0; i < d->nentries; i++) {
            const fleet_entry *e = &d->entries[i];
            double p = pct_of_median(d, e, s->metric);
            if (!same(e->load, s->load) || isnan(p) || e->short_of[s->metric] != pass)
                continue;
            double x = axis_map(&f->x, fmax(f->x.lo, fmin(f->x.hi, p)));
            double yy = y + 0.8 * half * scatter(k++);
            c->set_colour(c->impl, pass ? SHORT : DOT);
            c->set_stroke(c->impl, 0.6, NULL, 0);
            c->marker(c->impl, MARKER_CIRCLE, x, yy, pass ? 1.2 * size : size, 1);
            if (!pass || named == NAMED_PER_STRIP)
                continue;
            canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.5, 0.0};
            char name[96];
            double w, cap;
            fleet_entry_name(e, name, sizeof name);
            c->text_extents(c->impl, &st, name, &w, &cap);
            /* left of the dot (away from the crowd at the median), else right,
             * at its height or a line above or below */
            double h = 0.5 * cap + 1.0;
            const double dx[2] = {x - size - w, x + size}, dy[3] = {0.0, -2.0 * h, 2.0 * h};
            for (int k2 = 0; k2 < 6; k2++) {
                double tx = dx[k2 % 2], ty = yy + dy[k2 / 2];
                if (tx < f->left || tx + w > f->right || chart_boxes_claim(placed, tx, ty - h, tx + w, ty + h))
                    continue;
                c->set_colour(c->impl, SHORT);
                c->text(c->impl, &st, tx, ty, name);
                named++;
                break;
            }
        }
}

static void fleet_legend(chart_legend *l)
{
    *l = (chart_legend){0};
    chart_legend_add(l, LEGEND_MARKER, DOT, MARKER_CIRCLE, 0, "a card (median of its runs)");
    chart_legend_add(l, LEGEND_MARKER, SHORT, MARKER_CIRCLE, 0, "falls short: below by more than 3 % or its noise");
    chart_legend_add(l, LEGEND_TICK, INK, MARKER_CIRCLE, 0, "datasheet");
    chart_legend_add(l, LEGEND_SWATCH, (canvas_colour){0.0, 0.0, 0.0, 0.15}, MARKER_CIRCLE, 0,
                     "within 3 % of the median");
}

void chart_fleet_draw(const canvas *c, const fleet_data *d, double width, double height)
{
    chart_background(c, width, height);
    char title[160];
    chart_fleet_title(d, title, sizeof title);
    strip s[MAX_STRIPS];
    double lo, hi, lo_short = NAN;
    size_t n = d->ncards >= 2 ? fleet_strips(d, s, &lo, &hi, &lo_short) : 0;
    const char *labels[MAX_STRIPS];
    for (size_t i = 0; i < n; i++)
        labels[i] = s[i].label;
    chart_frame f = {0};
    f.ycats = labels;
    f.nycats = n;
    f.y = (chart_axis){-0.5, (double)(n ? n : 1) - 0.5, 0.0, 0.0, AXIS_LINEAR, 0.0};
    if (n == 0) {
        lo = 90.0;
        hi = 110.0;
    }
    chart_legend legend;
    fleet_legend(&legend);
    double left = 12.0 + chart_frame_left_margin(c, &f), right = width - MARGIN_RIGHT;
    if (!isnan(lo_short)) /* room left of the lowest card that falls short for its name */
        lo = fmax(AXIS_MIN_PCT, widen_for_names(c, d, lo_short, hi, right - left));
    f.x = (chart_axis){0.0, 0.0, 0.0, 0.0, AXIS_LINEAR, 0.0};
    lin_axis_fit(lo, hi, 6, &f.x.lo, &f.x.hi);
    double legend_h = chart_legend_strip_height(c, &legend, right - left);
    chart_frame_place(&f, left, MARGIN_TOP, right, height - 52.0 - legend_h);
    chart_frame_draw(c, &f, title, "% of the median of the cards of its kind and pass", NULL);
    if (n == 0) {
        chart_frame_message(c, &f, "No fleet in the input: scripts/fleet.sh names each run's card");
        return;
    }
    double row = fabs(axis_map(&f.y, 1.0) - axis_map(&f.y, 0.0)), half = 0.38 * row;
    size_t per_strip = d->nentries / (n ? n : 1) + 1;
    double size = per_strip > 64 ? 3.0 : per_strip > 16 ? 4.5 : CHART_MARKER_SIZE;
    c->clip(c->impl, f.left, f.top, f.right - f.left, f.bottom - f.top);
    chart_boxes placed = {0};
    for (size_t i = 0; i < n; i++)
        strip_guides(c, &f, d, &s[i], axis_map(&f.y, (double)i), half, &placed);
    double x = axis_map(&f.x, 100.0), xs[2] = {x, x}, ys[2] = {f.top, f.bottom};
    c->set_colour(c->impl, INK);
    c->set_stroke(c->impl, 0.8, NULL, 0);
    c->line(c->impl, xs, ys, 2);
    for (size_t i = 0; i < n; i++)
        strip_dots(c, &f, d, &s[i], axis_map(&f.y, (double)i), half, size, &placed);
    c->unclip(c->impl);
    chart_legend_strip(c, &legend, f.left, f.bottom + 44.0, f.right - f.left);
}
