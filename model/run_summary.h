/* run_summary: the closing line of a model run, gathered row by row.
 *
 *   model: wrote 12 rows for 2 devices to out.csv; median |err_pct_measured|
 *   of 8 memory-bound rows: 12.3%
 *
 * Memory-bound means by the datasheet roofline (the bound column); rows
 * without a measured bandwidth have no err_pct_measured and do not count.
 * Device names are borrowed: they must outlive the summary.
 */
#ifndef RUN_SUMMARY_H
#define RUN_SUMMARY_H

#include <stddef.h>
#include <stdio.h>

#include "csv_row.h"

typedef struct run_summary {
    size_t rows;
    const char **devices; /* distinct, borrowed */
    size_t ndevices;
    double *abs_err_pct; /* |err_pct_measured| of memory-bound rows */
    size_t nerr;
} run_summary;

/* Counts one model row of device; -1 when out of memory. */
int run_summary_add(run_summary *s, const char *device, const csv_row *model_row);

/* Median |err_pct_measured| of the memory-bound rows (mean of the middle
 * two for an even count); NaN when there is none. Sorts in place. */
double run_summary_median_abs_err(run_summary *s);

void run_summary_print(run_summary *s, FILE *fp, const char *out_path);
void run_summary_free(run_summary *s);

#endif
