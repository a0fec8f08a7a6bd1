#include "stats.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_percentile_sorted(const double *sorted, size_t count, double q)
{
    double pos = q / 100.0 * (double)(count - 1);
    size_t lo = (size_t)pos;
    if (lo + 1 >= count)
        return sorted[count - 1];
    double frac = pos - (double)lo;
    return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

int time_stats_compute(double *times_us, size_t count, time_stats *out)
{
    if (count == 0)
        return -1;
    qsort(times_us, count, sizeof *times_us, cmp_double);
    out->min_us = times_us[0];
    out->median_us = stats_percentile_sorted(times_us, count, 50.0);
    out->p90_us = stats_percentile_sorted(times_us, count, 90.0);
    out->reps = count;
    return 0;
}

double stats_median(double *v, size_t count)
{
    if (count == 0)
        return NAN;
    qsort(v, count, sizeof *v, cmp_double);
    return stats_percentile_sorted(v, count, 50.0);
}
