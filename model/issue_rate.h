/* issue_rate: the issue roof each run measured for itself, per weight format.
 *
 * A low-bit GEMV must dequantize every weight before its multiply-add: with
 * the weights resident in L2 (measure's gemv_issue rows, common/workloads.h)
 * DRAM no longer limits it, and what is left is how fast the SMs issue
 * those instructions. measure records it per row as weights_per_sm_cycle
 * (weights / (SMs x SM clock)), the number that carries to another clock,
 * SM count or chip of one architecture.
 *
 * For every (run_id, device, format) of the raw tables: the median
 * weights_per_sm_cycle and the median weights_per_s over that run's
 * ISSUE_RATE_KERNEL rows of the format whose check is ok and whose
 * weights_per_sm_cycle is > 0. A run without such rows has no issue roof:
 * its issue cells stay empty (every archive before issue 15).
 *
 * model_row.h turns a rate into time_us_issue for the same run's batch-1
 * gemv rows on the CUDA cores (issue_rate_applies); modes_out.h predicts
 * every spec and mode with the newest run's rates.
 *
 * The rates borrow run_id, device, format and timestamp_utc from the
 * tables, which must outlive them. issue_rates_free() releases the rest.
 * Errors follow rl_error.h (out of memory is the only one).
 */
#ifndef ISSUE_RATE_H
#define ISSUE_RATE_H

#include <stddef.h>
#include <stdint.h>

#include "csv_table.h"
#include "measured_bw.h"
#include "rl_error.h"
#include "str_index.h"

#define ISSUE_RATE_KERNEL "gemv_issue"
/* The kernel whose rows the issue roof predicts: our GEMV. */
#define ISSUE_RATE_GEMV_KERNEL "gemv"

typedef struct issue_rate {
    const char *run_id, *device, *format, *timestamp_utc; /* borrowed */
    double weights_per_sm_cycle; /* median, > 0 */
    double weights_per_s;        /* median; NaN when no row gave one */
    size_t rows;                 /* gemv_issue rows the medians are of */
    /* 1 when those rows moved their bytes at ISSUE_RATE_L2_SHARE or more of
     * the same run's stream_read_l2 bandwidth: the L2 limited them, not the
     * SMs' issue (fp16 and w8a8 on an H100), so the roof is the L2's, per
     * SM-cycle. issue_rate_roof_name() says which. */
    int l2_bound;
} issue_rate;

#define ISSUE_RATE_L2_SHARE 0.9

/* "l2" when the rate is the L2's limit (l2_bound), else "issue": the name
 * of the bound where this roof wins. */
const char *issue_rate_roof_name(const issue_rate *r);

typedef struct issue_rates {
    issue_rate *rates;       /* one per (run_id, device, format), in the order first seen */
    size_t count;
    str_index index;         /* (run_id, device, format) -> rate */
    str_index runs;          /* (run_id, device) -> run number */
    const issue_rate **by_run; /* the rates grouped by run, each run's in order first seen */
    size_t *run_first;       /* run number -> its first place in by_run; runs.count + 1 of them */
} issue_rates;

/* l2: each run's stream_read_l2 bandwidth (measured_bw_collect_kernel with
 * MEASURED_BW_L2_KERNEL over the same tables), for l2_bound. */
int issue_rates_collect(issue_rates *r, const csv_table *tables, size_t ntables, const measured_bw *l2,
                        rl_error *err);
void issue_rates_free(issue_rates *r);

/* The rate of format in the run, or NULL. */
const issue_rate *issue_rates_find(const issue_rates *r, const char *run_id, const char *device, const char *format);

/* The run's rates (*n of them, 0 and NULL when it has none). */
const issue_rate *const *issue_rates_of_run(const issue_rates *r, const char *run_id, const char *device, size_t *n);

/* A rate of the newest run that has rates, by timestamp_utc (ISO 8601 UTC:
 * compared as text); of runs that start together, the first read. NULL
 * when no run has any. */
const issue_rate *issue_rates_newest(const issue_rates *r);

/* 1 when the issue roof predicts a row of kernel, batch and compute unit:
 * our gemv at batch 1 on the CUDA cores (cuda_fp32, or cuda_dp4a for int8
 * activations). The tensor-core path issues other instructions. */
int issue_rate_applies(const char *kernel, uint64_t batch, const char *unit);

/* n x k weights at rate weights/SM/cycle on sm_count SMs at clock_mhz, in
 * us: n*k / (rate * sm_count * clock_mhz). NaN when any is not > 0. */
double issue_time_us(double weights, double rate, double sm_count, double clock_mhz);

#endif
