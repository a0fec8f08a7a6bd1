/* launch_floor: the fixed per-call cost of one run, fitted from its rows.
 *
 * The roofline says t = bytes / bw for a memory-bound call. Small calls take
 * longer: a launch, a ramp-up and a tail cost about the same whatever the
 * size. The model adds that as one named term, t = floor + bytes / bw, with
 * bw the run's own measured ceiling (measured_bw.h), and reports the
 * predictions with and without it in separate columns.
 *
 * Fit: the floor f that minimises sum_i |f + m_i - t_i| / t_i, the summed
 * |relative error| the statistics report (m_i the measured-ceiling roofline
 * time, t_i the measured median). That is the weighted median of the
 * residuals r_i = t_i - m_i with weights 1 / t_i: a row the roofline does not
 * describe (a kernel held back by its dequantization) moves the floor by no
 * more than its weight. The rows are those of model_case_in_error_stats()
 * that are memory-bound by the datasheet and have a measured ceiling, so the
 * floor is fitted on the rows it is then judged on (one parameter for the
 * whole run). A negative fit is clamped to 0: the run shows no floor.
 * Pure functions: nothing here reads files or allocates except the fit's
 * scratch copy.
 */
#ifndef LAUNCH_FLOOR_H
#define LAUNCH_FLOOR_H

#include <stddef.h>

/* Fewest rows a floor is fitted from; with fewer the run has no floor. */
#define LAUNCH_FLOOR_MIN_ROWS 3

/* The weighted median of value[0..n) with weights weight[0..n) (all > 0):
 * the smallest value whose cumulative weight (in value order) reaches half
 * the total; the midpoint of it and the next value when it reaches exactly
 * half. -1 when n is 0, a weight is not > 0 or an input is not finite, or
 * out of memory. */
int weighted_median(const double *value, const double *weight, size_t n, double *out);

/* The floor from n rows' measured times and roofline times (both us, > 0).
 * -1 when n < LAUNCH_FLOOR_MIN_ROWS or an input is bad. */
int launch_floor_fit(const double *time_us, const double *roofline_us, size_t n, double *floor_us);

#endif
