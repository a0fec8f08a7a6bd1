/* run_fit: what model fits over all the rows of one run.
 *
 * A run is one (run_id, device) pair, as for the measured ceiling
 * (measured_bw.h). Per run: its measured DRAM and L2 ceilings, the launch
 * floor (launch_floor.h) and the energy fit (energy_fit.h) over its rows with
 * an energy, a right kernel and DRAM bytes (memory level dram), one e_flop per
 * compute unit among those rows.
 * A run without a ceiling has no floor; a run without enough energy rows has
 * no energy fit and says why (energy_why). Neither is an error: those cells
 * stay empty.
 *
 * The runs are found by hashing (run_id, device) once per case, and each
 * run's fits read only its own cases: cases[first, first + span). The
 * cases come grouped by run from model_table.h, so span is the run's rows;
 * given in any other order, a run whose cases are not together spans them
 * all (its fits then skip the others' rows, as before: right, but
 * slower). Scanning every case for every run made 1M rows in 2,000 runs
 * take minutes (issue 18).
 *
 * The fits borrow run_id, device and unit names from the cases, which must
 * outlive them. run_fits_free() releases the array.
 */
#ifndef RUN_FIT_H
#define RUN_FIT_H

#include <stddef.h>

#include "energy_fit.h"
#include "model_case.h"
#include "rl_error.h"
#include "str_index.h"

/* What one launch of a decode step costs beyond its bytes, measured in the
 * run on its smallest model's step (fewest bytes) of one format, scheme and
 * batch: (measured - bytes-only roofline) / launches, at least 0. Like the
 * read stream, a ceiling the run measures for itself; the other models'
 * steps are predicted with it, out of sample. */
typedef struct decode_launch_cost {
    const char *format, *llm; /* borrowed */
    const decode_scheme *scheme;
    uint64_t batch;
    double bytes;   /* of the step it was measured on */
    double cost_us;
} decode_launch_cost;

typedef struct run_fit {
    const char *run_id, *device; /* borrowed */
    const hw_spec *spec;         /* of the run's first row */
    const hw_mode *mode;
    size_t rows;
    size_t first, span;     /* the run's cases are among cases[first, first + span) */
    double bw_measured_gbs; /* NaN: none */
    double bw_l2_measured_gbs; /* NaN: none */
    double floor_us;        /* NaN: not fitted */
    size_t floor_rows;
    int energy_ok;
    energy_fit energy;
    size_t energy_rows; /* rows with an energy, a right kernel and DRAM bytes */
    char energy_why[RL_ERROR_LEN];
    decode_launch_cost *decode_costs; /* owned */
    size_t ndecode_costs;
} run_fit;

typedef struct run_fits {
    run_fit *runs;
    size_t count;
    str_index index; /* (run_id, device) -> run */
} run_fits;

int run_fits_collect(run_fits *f, const model_case *cases, size_t n, rl_error *err);
void run_fits_free(run_fits *f);

/* 1 when c is one of run f's rows: the same run_id and device. */
int run_fit_has(const run_fit *f, const model_case *c);

/* The run of c, or NULL. */
const run_fit *run_fits_find(const run_fits *f, const char *run_id, const char *device);

/* 1 when c is one of the rows the floor is fitted on. */
int run_fit_floor_row(const model_case *c);

/* What one launch of a step of model llm in format, scheme and batch costs
 * beyond its bytes in run f: the decode_launch_cost of that format, scheme
 * and batch; NaN when it was measured on llm itself (no out-of-sample
 * prediction for the calibrating model); the run's single-call floor when
 * the run measured none. */
double run_fit_decode_cost_us(const run_fit *f, const char *format, const decode_scheme *scheme, uint64_t batch,
                              const char *llm);

/* A case's prediction with run f's launch floor (a decode step: its cost
 * per launch, once per launch) and its signed error
 * (err_pct, as csv_schema.h), and the energy f's fit predicts for it; NaN
 * when not known. The errors that need no fit are in model_case.h. */
double model_case_pred_floor_us(const model_case *c, const run_fit *f);
double model_case_err_floor(const model_case *c, const run_fit *f);
double model_case_energy_fit_uj(const model_case *c, const run_fit *f);

/* The issue-roof prediction (csv_schema.h time_us_pred_issue_roof):
 * max(t_pred_measured_us, t_issue_us) + f's launch floor, and its signed
 * error; NaN when any of the three is not known. */
double model_case_pred_issue_roof_us(const model_case *c, const run_fit *f);
double model_case_err_issue_roof(const model_case *c, const run_fit *f);

/* Run f's energy fit for a call of flop, bytes (DRAM) and time_us on
 * compute unit unit, in uJ; NaN when the run has no fit or its fit has no
 * e_flop for unit. */
double run_fit_energy_uj(const run_fit *f, const char *unit, double flop, double bytes, double time_us);

#endif
