/* summary_data: reading model's per-run summary CSV (inputs.h,
 * model/summary_schema.h: one row per number, picked by run, section,
 * subject and quantity).
 *
 * Strings point into the table, which must outlive what is read from it;
 * nothing is allocated. Missing values are NAN.
 */
#ifndef RENDER_SUMMARY_DATA_H
#define RENDER_SUMMARY_DATA_H

#include <stddef.h>

#include "csv_table.h"

/* The row of run with this section, subject and quantity, or -1. */
long summary_row(const csv_table *s, const char *run, const char *section, const char *subject,
                 const char *quantity);
/* Its value; NAN when there is no such row or its value is empty. */
double summary_value(const csv_table *s, const char *run, const char *section,
                     const char *subject, const char *quantity);

/* The distinct run_ids of the summary, in order of appearance; returns
 * how many (at most max). */
size_t summary_runs(const csv_table *s, const char **runs, size_t max);

/* model's energy fit of one run: E = sum over units of e_flop_u * flop +
 * e_byte * bytes + P0 * time, fitted by least squares over the run's cases
 * with energy (model/energy_fit.h). */
#define FIT_MAX_UNITS 8
typedef struct energy_fit {
    const char *run_id, *device;
    size_t nunits;
    const char *unit[FIT_MAX_UNITS]; /* compute_unit: the subject after "e_flop_" */
    double e_flop_pj[FIT_MAX_UNITS]; /* pJ per flop (per op for integer units) */
    long e_flop_row[FIT_MAX_UNITS];  /* its summary row */
    double e_byte_pj;                /* pJ per DRAM byte */
    double p0_w;                     /* W for as long as a call runs */
    double r_squared;
    double err_median_pct, err_max_pct; /* |fitted - measured| / measured */
    double rows;                        /* cases the fit rests on; NAN if unknown */
} energy_fit;

/* 0 and *f filled when the summary has run's fit (e_byte and P0 at
 * least), else -1. */
int energy_fit_of_run(const csv_table *s, const char *run, energy_fit *f);

#endif
