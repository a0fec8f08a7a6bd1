/* chart_axes: the data-to-page transform, the only code that knows the
 * roofline's axes are logarithmic.
 *
 * A log_axis maps data values in [lo, hi] (both > 0, whole decades after
 * log_axis_fit) onto page coordinates [p_lo, p_hi]; p_lo may exceed p_hi
 * (the y axis grows upwards on a page whose y grows downwards).
 */
#ifndef RENDER_CHART_AXES_H
#define RENDER_CHART_AXES_H

#include <stddef.h>

typedef struct log_axis {
    double lo, hi;     /* data range, 0 < lo < hi */
    double p_lo, p_hi; /* page coordinates of lo and hi */
} log_axis;

/* Widens [min, max] (both > 0) outwards to whole decades, at least one
 * decade apart: [3, 250] -> [1, 1000], [10, 10] -> [10, 100]. */
void log_axis_fit(double min, double max, double *lo, double *hi);

/* The page coordinate of v; NAN when v <= 0 or not finite (not drawable). */
double log_axis_map(const log_axis *a, double v);

/* The data value at page coordinate p (the inverse of log_axis_map). */
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

#endif
