#include "chart_axes.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define LIN_TICK_TARGET 6

void log_axis_fit(double min, double max, double *lo, double *hi)
{
    double e_lo = floor(log10(min));
    double e_hi = ceil(log10(max));
    if (e_hi <= e_lo)
        e_hi = e_lo + 1.0;
    /* A value just over a decade (1000.0000001) must not open a new one. */
    if (e_hi - 1.0 > e_lo && log10(max) - (e_hi - 1.0) < 1e-9)
        e_hi -= 1.0;
    *lo = pow(10.0, e_lo);
    *hi = pow(10.0, e_hi);
}

double log_axis_map(const log_axis *a, double v)
{
    if (!(v > 0.0) || !isfinite(v))
        return NAN;
    double f = (log10(v) - log10(a->lo)) / (log10(a->hi) - log10(a->lo));
    return a->p_lo + f * (a->p_hi - a->p_lo);
}

double log_axis_unmap(const log_axis *a, double p)
{
    double f = (p - a->p_lo) / (a->p_hi - a->p_lo);
    return pow(10.0, log10(a->lo) + f * (log10(a->hi) - log10(a->lo)));
}

double axis_map(const chart_axis *a, double v)
{
    if (a->scale == AXIS_LOG)
        return log_axis_map(a, v);
    if (!isfinite(v))
        return NAN;
    return a->p_lo + (v - a->lo) / (a->hi - a->lo) * (a->p_hi - a->p_lo);
}

double axis_unmap(const chart_axis *a, double p)
{
    if (a->scale == AXIS_LOG)
        return log_axis_unmap(a, p);
    return a->lo + (p - a->p_lo) / (a->p_hi - a->p_lo) * (a->hi - a->lo);
}

size_t log_axis_decades(const log_axis *a, double *out, size_t max)
{
    size_t n = 0;
    long e_lo = lround(log10(a->lo)), e_hi = lround(log10(a->hi));
    for (long e = e_lo; e <= e_hi && n < max; e++)
        out[n++] = pow(10.0, (double)e);
    return n;
}

int log_axis_plain_labels(const log_axis *a)
{
    return a->lo >= 1e-3 * 0.999 && a->hi <= 1e4 * 1.001;
}

/* UTF-8 superscript digits and minus (U+2070, U+00B9, U+00B2, U+00B3,
 * U+2074..U+2079, U+207B). */
static const char *const SUPERSCRIPT[10] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                            "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};

void log_axis_label(double decade, int plain, char *buf, size_t size)
{
    long e = lround(log10(decade));
    if (plain) {
        snprintf(buf, size, "%.*f", e < 0 ? (int)-e : 0, decade);
        return;
    }
    char digits[24];
    snprintf(digits, sizeof digits, "%ld", e < 0 ? -e : e);
    snprintf(buf, size, "10%s", e < 0 ? "\u207b" : "");
    for (const char *d = digits; *d != '\0'; d++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s", SUPERSCRIPT[*d - '0']);
    }
}

double log_axes_slope_angle(const log_axis *x, const log_axis *y)
{
    double px_per_decade_x = (x->p_hi - x->p_lo) / (log10(x->hi) - log10(x->lo));
    double py_per_decade_y = (y->p_hi - y->p_lo) / (log10(y->hi) - log10(y->lo));
    /* y = s x rises one decade per decade of x; page y is downwards. */
    return atan2(-py_per_decade_y, px_per_decade_x) * 180.0 / M_PI;
}

double lin_axis_step(double span, int target)
{
    if (!(span > 0.0) || !isfinite(span) || target < 1)
        return 1.0;
    double raw = span / target;
    double mag = pow(10.0, floor(log10(raw)));
    double f = raw / mag;
    return (f < 1.5 ? 1.0 : f < 3.0 ? 2.0 : f < 7.0 ? 5.0 : 10.0) * mag;
}

void lin_axis_fit(double min, double max, int target, double *lo, double *hi)
{
    double step = lin_axis_step(max - min, target);
    /* 1e-9 of a step: 300.0000001 stays on 300, not on the next step. */
    *lo = floor(min / step + 1e-9) * step;
    *hi = ceil(max / step - 1e-9) * step;
    if (*hi <= *lo)
        *hi = *lo + step;
}

double lin_axis_tick_step(const chart_axis *a)
{
    return lin_axis_step(a->hi - a->lo, LIN_TICK_TARGET);
}

size_t axis_ticks(const chart_axis *a, double *out, size_t max)
{
    if (a->scale == AXIS_LOG)
        return log_axis_decades(a, out, max);
    double step = lin_axis_tick_step(a);
    size_t n = 0;
    for (double k = ceil(a->lo / step - 1e-9); n < max; k += 1.0) {
        double v = k * step;
        if (v > a->hi + 1e-9 * step)
            break;
        out[n++] = fabs(v) < 1e-12 * step ? 0.0 : v; /* no "-0" */
    }
    return n;
}

void axis_tick_label(const chart_axis *a, double v, char *buf, size_t size)
{
    if (a->scale == AXIS_LOG) {
        double u = a->unit > 0.0 ? a->unit : 1.0;
        chart_axis shown = *a;
        shown.lo /= u;
        shown.hi /= u;
        log_axis_label(v / u, log_axis_plain_labels(&shown), buf, size);
        return;
    }
    if (a->unit > 0.0) {
        chart_axis shown = *a;
        shown.lo /= a->unit;
        shown.hi /= a->unit;
        shown.unit = 0.0;
        axis_tick_label(&shown, v / a->unit, buf, size);
        return;
    }
    double step = lin_axis_tick_step(a);
    int decimals = step >= 1.0 ? 0 : (int)ceil(-log10(step) - 1e-9);
    snprintf(buf, size, "%.*f", decimals, v);
}
