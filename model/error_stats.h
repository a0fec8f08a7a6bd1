/* error_stats: how far the predictions are from the measurements, per run.
 *
 * Over one run's rows with in_error_stats (model_case_in_error_stats), for
 * each group of rows and each of three predictions (datasheet ceilings,
 * measured ceiling, measured ceiling plus launch floor), the count, the
 * median and the largest |err_pct|. Groups, in this order: all, then
 * bound=memory and bound=compute (the datasheet roofline's bound), then
 * format=<f> and kernel=<k> over the memory-bound rows, each in the order
 * the rows first show it. A group with no row is left out; a prediction no
 * row has (no ceiling in the run) has n = 0 and NaN statistics.
 */
#ifndef ERROR_STATS_H
#define ERROR_STATS_H

#include <stddef.h>

#include "run_fit.h"

enum err_pred { ERR_DATASHEET, ERR_MEASURED, ERR_MEASURED_FLOOR, ERR_PRED_COUNT };

/* "datasheet", "measured", "measured_floor": the suffix of the err_pct_*
 * column the statistic is of. */
const char *err_pred_name(enum err_pred p);

typedef struct abs_err_stat {
    size_t n;
    double median, max; /* of |err_pct|, %; NaN when n is 0 */
} abs_err_stat;

/* Median (common/stats.c) and largest of |errs[i]| over the finite values;
 * errs is reordered. */
void abs_err_stat_of(double *errs, size_t n, abs_err_stat *out);

typedef struct err_group {
    char subject[64]; /* "all", "bound=memory", "format=w4a16_g128", ... */
    size_t rows;
    abs_err_stat stat[ERR_PRED_COUNT];
} err_group;

typedef struct err_groups {
    err_group *groups;
    size_t count;
} err_groups;

/* The groups of run f over the n cases; -1 when out of memory. */
int err_groups_collect(err_groups *g, const model_case *cases, size_t n, const run_fit *f);
void err_groups_free(err_groups *g);

/* The group called subject, or NULL. */
const err_group *err_groups_find(const err_groups *g, const char *subject);

#endif
