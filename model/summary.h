/* summary: per run, the numbers beside the rows: the measured ceilings, the
 * launch floor and its score out of sample (floor_score.h), the error
 * statistics (error_stats.h), the energy fit (run_fit.h), the seed's
 * hypotheses (hypotheses.h) and, for a run with gemv_issue rows, the issue
 * roof of each format (issue_rate.h) with its prediction's error.
 *
 * run_summaries_build() computes them once; summary_print() writes them for
 * a person (model prints to stderr), summary_write() as SUMMARY_CSV_SCHEMA
 * rows (summary_schema.h) to path, whole or not at all. Both read the same
 * numbers, so they cannot disagree. Errors follow rl_error.h.
 */
#ifndef SUMMARY_H
#define SUMMARY_H

#include <stddef.h>
#include <stdio.h>

#include "error_stats.h"
#include "floor_score.h"
#include "hypotheses.h"
#include "issue_rate.h"
#include "run_fit.h"

/* One format's issue roof in a run, and how well it predicts. */
typedef struct issue_summary {
    const issue_rate *rate; /* the run's rate of the format (borrowed) */
    abs_err_stat err;       /* |err_pct_issue_roof| over the run's batch-1 gemv rows of the
                               format on the CUDA cores in the error statistics */
} issue_summary;

typedef struct run_summary {
    const run_fit *f;
    size_t ceiling_rows, l2_ceiling_rows; /* checked rows that set the DRAM and L2 ceilings */
    err_groups errors;
    abs_err_stat energy;           /* |err_pct_energy_fit| over the rows with an energy */
    hypothesis_result *hypotheses; /* SEED_HYPOTHESIS_COUNT, in the table's order */
    floor_score floor[FLOOR_SCHEME_COUNT]; /* the launch floor in and out of sample */
    issue_summary *issue; /* one per format with an issue rate, in the rates' order; NULL: none */
    size_t nissue;
} run_summary;

typedef struct run_summaries {
    run_summary *runs; /* one per run fit */
    size_t count;
} run_summaries;

/* rates: the runs' issue roofs (issue_rate.h), NULL for none; borrowed by
 * the summaries, which it must outlive. */
int run_summaries_build(run_summaries *s, const model_case *cases, size_t n, const run_fits *fits,
                        const issue_rates *rates, rl_error *err);
void run_summaries_free(run_summaries *s);

void summary_print(FILE *fp, const run_summaries *s);
int summary_write(const char *path, const run_summaries *s, rl_error *err);

#endif
