/* stats: order statistics of per-call times. */
#ifndef STATS_H
#define STATS_H

#include <stddef.h>

typedef struct time_stats {
    double median_us, min_us, p90_us;
    size_t reps;
} time_stats;

/* Sorts times_us in place. Percentiles interpolate linearly between order
 * statistics (numpy's default), so results match numpy.percentile. */
int time_stats_compute(double *times_us, size_t count, time_stats *out);

/* The q-th percentile (0..100) of an ascending array. */
double stats_percentile_sorted(const double *sorted, size_t count, double q);

/* The median of v (the 50th percentile above), sorting v in place; NaN
 * when count is 0. The project's one median: model's error statistics and
 * hypotheses use it. */
double stats_median(double *v, size_t count);

#endif
