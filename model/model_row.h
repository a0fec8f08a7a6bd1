/* model_row: one raw row in, one model row out.
 *
 * The model row holds every raw cell unchanged, then the MODEL_EXTRA
 * columns of csv_schema.h: the spec and mode used, the compute unit of the
 * kernel (workloads.h), the datasheet roofline and its error, the roofline
 * with the run's own measured bandwidth (measured_bw.h) and its error, and
 * the achieved rates; then, once the whole run is known (model_row_set_fit,
 * run_fit.h), the launch floor, the energy fit and the efficiencies. Cells
 * that cannot be known (no stream_read in the run, no energy sensor) stay
 * empty, never 0.
 *
 * Memory levels (workloads.h): a kernel of level l2 (stream_read_l2) is
 * predicted against the L2 ceilings, not DRAM's: the spec mode's l2_bw_gbs
 * for the datasheet roofline (no l2_bw_gbs: no datasheet prediction, those
 * cells stay empty) and the run's own stream_read_l2 bandwidth for the
 * measured one. bw_datasheet_gbs and bw_measured_gbs stay DRAM's on every
 * row; bw_l2_datasheet_gbs and bw_l2_measured_gbs hold the L2 ceilings.
 *
 * The issue roof (issue_rate.h): a batch-1 gemv row on the CUDA cores whose
 * run measured its format's gemv_issue rate gets issue_rate_weights_per_sm_
 * cycle, time_us_issue (on the row's sm_count and sm_clock_mhz, else its
 * spec mode's) and bound_issue_roof; with the run's launch floor
 * (model_row_set_fit) time_us_pred_issue_roof and err_pct_issue_roof.
 * Every other row leaves them empty.
 *
 * Errors name the input as "file:line": an unknown kernel, a device no spec
 * matches (listing the known spec ids), an unknown power mode, a spec mode
 * without a peak for the kernel's unit, a median time of 0.
 */
#ifndef MODEL_ROW_H
#define MODEL_ROW_H

#include <stddef.h>

#include "csv_row.h"
#include "csv_table.h"
#include "issue_rate.h"
#include "measured_bw.h"
#include "model_case.h"
#include "predict.h"
#include "rl_error.h"
#include "spec_set.h"
#include "workloads.h"

/* The last spec picked and the facts it was picked for: rows of one run
 * share them, and picking (name patterns, then SMs, memory and mode table)
 * was a sixth of model's time. Text cells of one table are interned
 * (csv_table.h), so their pointers stand for their text. */
typedef struct model_spec_memo {
    const csv_table *t;
    const char *name, *power_mode, *nvpmodel_conf, *l4t_release;
    uint64_t sm_count, memory_bytes;
    const hw_spec *spec; /* NULL: nothing remembered */
} model_spec_memo;

typedef struct model_ctx {
    const hw_spec_set *specs;
    const hw_spec *forced; /* --device: used for every row; NULL to match */
    const measured_bw *bw;    /* the runs' DRAM ceilings (stream_read) */
    const measured_bw *bw_l2; /* the runs' L2 ceilings (stream_read_l2); NULL: none */
    const char *power_mode;   /* --power-mode: for rows whose power_mode is empty; NULL: none */
    model_spec_memo *memo;    /* NULL: pick afresh for every row */
    const issue_rates *issue; /* the runs' issue roofs (gemv_issue); NULL: none */
} model_ctx;

/* Fills out (when not NULL), a row of MODEL_CSV_SCHEMA (cleared first),
 * from row r of t, and *mc (when not NULL) with its numbers. The columns that need the whole run
 * (launch floor, energy fit) are left empty: model_row_set_fit fills them. */
int model_row_fill(const model_ctx *ctx, const csv_table *t, size_t r, csv_row *out, model_case *mc,
                   rl_error *err);

/* Fills out (cleared first) from row r of t and its case c, as made by
 * model_row_fill: the columns that need no fit. The model CSV's writer
 * makes each row so, from the case it kept, without choosing the spec and
 * the ceilings again. -1 with err naming the row when out of memory or a
 * value is not finite. */
int model_row_cells(csv_row *out, const csv_table *t, size_t r, const model_case *c, rl_error *err);

struct run_fit;

/* Fills the columns that need the whole run (run_fit.h): in_error_stats,
 * the launch floor and the prediction with it, the energy fit and the
 * efficiencies. f may be NULL (no fit): those cells stay empty. -1 when out
 * of memory. */
int model_row_set_fit(csv_row *out, const model_case *c, const struct run_fit *f);

/* The spec row r uses: the forced one, or the best match of its device. */
int model_row_spec(const model_ctx *ctx, const csv_table *t, size_t r, const hw_spec **out,
                   rl_error *err);

/* The spec mode of row r on spec: its power_mode cell, else --power-mode
 * (ctx->power_mode), else the spec's default where the spec allows one
 * (hw_spec_pick_mode); errors name the row. */
int model_row_mode(const model_ctx *ctx, const csv_table *t, size_t r, const hw_spec *spec, const hw_mode **out,
                   rl_error *err);

/* 1 when the row's bytes and flop agree with the counting table
 * (workloads.h), 0 when they differ (*expected then holds the table's
 * counts), -1 when the table cannot count the case. */
int model_row_counts_agree(const csv_table *t, size_t r, workload_count *expected);

#endif
