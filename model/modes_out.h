/* modes_out: the mode predictions (modes_schema.h), written whole or not at all.
 *
 * What a power mode that cuts SMs and clock costs a batch-1 GEMV: for every
 * spec of specs, every mode of it and every weight format (common/
 * formats.h order) that the rate run measured, one GEMV of n x k against
 * two roofs, the mode's datasheet DRAM bandwidth and the format's issue
 * rate on the mode's SMs and clock (issue_rate.h). The rate run is the
 * newest input run with gemv_issue rows (issue_rates_newest); its spec is
 * the one model matched it to (fits). No launch floor is added: it is
 * measured per run, and these modes were mostly never measured.
 *
 * Errors follow rl_error.h; nothing here reads files.
 */
#ifndef MODES_OUT_H
#define MODES_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "issue_rate.h"
#include "run_fit.h"
#include "spec_set.h"

/* --modes-shape bounds each of n and k: n x k stays exact in a double and
 * its bytes far from 2^64. */
#define MODES_MAX_DIM (1u << 24)

/* One GEMV on one mode. */
typedef struct mode_pred {
    uint64_t sm_count; /* the mode's, else the spec's */
    uint64_t bytes;    /* gemv rule, batch 1 */
    uint64_t weights;  /* n x k */
    double t_memory_us, t_issue_us, t_pred_us;
    int issue_bound;         /* t_issue_us > t_memory_us */
    double energy_uj_budget; /* power_budget_w x t_pred_us; NaN: the mode gives no budget */
} mode_pred;

/* The GEMV of n x k at batch 1 in format on spec's mode, at rate weights
 * per SM-cycle. -1 when the format is unknown or does not suit the shape
 * (a group size that does not divide k), or rate is not > 0. */
int modes_predict(const hw_spec *spec, const hw_mode *mode, const char *format, double rate, uint64_t n, uint64_t k,
                  mode_pred *out);

/* The mode the others are compared with: the spec's mode named 15W
 * (case-insensitive), else its default mode. */
const hw_mode *modes_ref_mode(const hw_spec *spec);

/* What modes_write wrote. */
typedef struct modes_result {
    size_t rows;
    size_t formats;             /* formats with a rate that suit the shape */
    const issue_rate *source;   /* a rate of the run used; NULL: no input has gemv_issue rows */
    const char *source_spec_id; /* the spec model matched that run to */
} modes_result;

/* Writes path: the header, then the rows (none when no rate exists). */
int modes_write(const char *path, const hw_spec_set *specs, const issue_rates *rates, const run_fits *fits,
                uint64_t n, uint64_t k, modes_result *res, rl_error *err);

#endif
