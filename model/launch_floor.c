#include "launch_floor.h"

#include <math.h>
#include <stdlib.h>

typedef struct weighted {
    double value, weight;
} weighted;

static int compare_values(const void *a, const void *b)
{
    double x = ((const weighted *)a)->value, y = ((const weighted *)b)->value;
    return (x > y) - (x < y);
}

int weighted_median(const double *value, const double *weight, size_t n, double *out)
{
    if (n == 0)
        return -1;
    weighted *w = malloc(n * sizeof *w);
    if (w == NULL)
        return -1;
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(value[i]) || !isfinite(weight[i]) || !(weight[i] > 0.0)) {
            free(w);
            return -1;
        }
        w[i] = (weighted){value[i], weight[i]};
        total += weight[i];
    }
    qsort(w, n, sizeof *w, compare_values);
    double half = total / 2.0, cum = 0.0;
    size_t j = 0;
    for (; j < n; j++) {
        cum += w[j].weight;
        if (cum >= half)
            break;
    }
    if (j >= n) /* rounding: the whole weight fell short of its half */
        j = n - 1;
    *out = cum == half && j + 1 < n ? (w[j].value + w[j + 1].value) / 2.0 : w[j].value;
    free(w);
    return 0;
}

int launch_floor_fit(const double *time_us, const double *roofline_us, size_t n, double *floor_us)
{
    if (n < LAUNCH_FLOOR_MIN_ROWS)
        return -1;
    double *resid = malloc(2 * n * sizeof *resid);
    if (resid == NULL)
        return -1;
    double *weight = resid + n;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (!(time_us[i] > 0.0) || !(roofline_us[i] > 0.0))
            rc = -1;
        resid[i] = time_us[i] - roofline_us[i];
        weight[i] = 1.0 / time_us[i];
    }
    if (rc == 0)
        rc = weighted_median(resid, weight, n, floor_us);
    if (rc == 0 && *floor_us < 0.0)
        *floor_us = 0.0;
    free(resid);
    return rc;
}
