/* chart_axes: the data-to-page transform, the only code that knows whether
 * an axis is logarithmic or linear.
 *
 * A chart_axis maps data values in [lo, hi] onto page coordinates
 * [p_lo, p_hi]; p_lo may exceed p_hi (a y axis grows upwards on a page whose
 * y grows downwards). A log axis needs 0 < lo < hi (whole decades after
 * log_axis_fit); a linear one lo < hi (whole steps after lin_axis_fit).
 * `scale` is last so that {lo, hi, p_lo, p_hi} reads as a log axis.
 */
#ifndef RENDER_CHART_AXES_H
#define RENDER_CHART_AXES_H

#include <stddef.h>

typedef enum axis_scale { AXIS_LOG, AXIS_LINEAR } axis_scale;

typedef struct chart_axis {
    double lo, hi;     /* data range */
    double p_lo, p_hi; /* page coordinates of lo and hi */
    axis_scale scale;  /* AXIS_LOG when left 0 */
    /* Tick labels print v / unit (0 when left: 1): data kept in GFLOP/s
     * labelled in TFLOP/s, say, so points and ceilings need no scaling. */
    double unit;
} chart_axis;

/* The roofline's axes, always logarithmic. */
typedef chart_axis log_axis;

/* The page coordinate of v; NAN when v is not finite, or <= 0 on a log axis
 * (not drawable). Values outside [lo, hi] still map (the canvas clips). */
double axis_map(const chart_axis *a, double v);
/* The data value at page coordinate p (the inverse of axis_map). */
double axis_unmap(const chart_axis *a, double p);

/* Major tick values in [lo, hi]: decades on a log axis, multiples of the
 * step on a linear one. Writes up to max into out; returns the count. */
size_t axis_ticks(const chart_axis *a, double *out, size_t max);
/* A tick label in the style of the whole axis (see log_axis_plain_labels;
 * a linear axis prints as many decimals as its step needs), of v / unit. */
void axis_tick_label(const chart_axis *a, double v, char *buf, size_t size);

/* Widens [min, max] (both > 0) outwards to whole decades, at least one
 * decade apart: [3, 250] -> [1, 1000], [10, 10] -> [10, 100]. */
void log_axis_fit(double min, double max, double *lo, double *hi);

/* log_axis_map/unmap: axis_map/unmap on a log axis whatever its scale field. */
double log_axis_map(const log_axis *a, double v);
double log_axis_unmap(const log_axis *a, double p);

/* Writes up to max decade values 10^e in [lo, hi] into out; returns the count. */
size_t log_axis_decades(const log_axis *a, double *out, size_t max);

/* Tick labels for a whole axis: plain numbers ("0.01", "1000") when every
 * decade of it lies in [1e-3, 1e4], else powers of ten with superscripts
 * ("10⁵"), so one axis never mixes the two styles. */
int log_axis_plain_labels(const log_axis *a);
void log_axis_label(double decade, int plain, char *buf, size_t size);

/* The angle, in degrees counter-clockwise as the reader sees it, at which
 * the line y = slope * x appears on a chart with these axes (page y grows
 * downwards): 45 when a decade is as long on both axes. */
double log_axes_slope_angle(const log_axis *x, const log_axis *y);

/* A round step (1, 2 or 5 times a power of ten) that cuts a range of width
 * span into about `target` intervals: 0..7.1 with 8 -> 1, 0..343 with 6 -> 50. */
double lin_axis_step(double span, int target);
/* Widens [min, max] outwards to whole steps of lin_axis_step(max - min,
 * target); equal ends open one step. */
void lin_axis_fit(double min, double max, int target, double *lo, double *hi);
/* The step of a fitted linear axis's ticks (about 6 intervals). */
double lin_axis_tick_step(const chart_axis *a);

#endif
