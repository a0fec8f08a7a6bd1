/* summary: per run, the numbers beside the rows: the measured ceilings, the
 * launch floor, the error statistics (error_stats.h), the energy fit
 * (run_fit.h) and the seed's hypotheses (hypotheses.h).
 *
 * summary_print() writes them for a person to stderr; summary_write()
 * writes them as SUMMARY_CSV_SCHEMA rows (summary_schema.h) to path, whole
 * or not at all. Both walk the same numbers, so they cannot disagree.
 * Errors follow rl_error.h.
 */
#ifndef SUMMARY_H
#define SUMMARY_H

#include <stddef.h>
#include <stdio.h>

#include "run_fit.h"

#include "error_stats.h"

/* Shared by the two outputs: |err_pct_energy_fit| over run f's rows with
 * an energy (scratch: n values). */
void summary_energy_errors(const model_case *cases, size_t n, const run_fit *f, double *scratch,
                           abs_err_stat *out);

int summary_print(FILE *fp, const model_case *cases, size_t n, const run_fits *fits, rl_error *err);
int summary_write(const char *path, const model_case *cases, size_t n, const run_fits *fits, rl_error *err);

#endif
