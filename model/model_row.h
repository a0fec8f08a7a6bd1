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
 * Errors name the input as "file:line": an unknown kernel, a device no spec
 * matches (listing the known spec ids), an unknown power mode, a spec mode
 * without a peak for the kernel's unit, a median time of 0.
 */
#ifndef MODEL_ROW_H
#define MODEL_ROW_H

#include <stddef.h>

#include "csv_row.h"
#include "csv_table.h"
#include "measured_bw.h"
#include "predict.h"
#include "rl_error.h"
#include "spec_set.h"
#include "workloads.h"

/* The numbers of one model row, kept for what needs a whole run at once: the
 * launch floor and energy fits (run_fit.h), the error statistics and the
 * hypotheses (summary.h). Strings are borrowed from the raw table; a value
 * that is not known is NaN, never 0. */
typedef struct model_case {
    const char *run_id, *device, *kernel, *format; /* borrowed */
    const hw_spec *spec;
    const hw_mode *mode;
    const char *unit;       /* compute unit of the kernel (workloads.h) */
    uint64_t n, k, batch;
    double bytes, flop;
    double time_us;           /* measured median, > 0 */
    double energy_uj;         /* NaN: no sensor */
    double working_set_bytes; /* NaN: not recorded */
    double l2_bytes;          /* the row's, else the spec's */
    int check_ok;             /* check is "ok" */
    int sets_ceiling;         /* the kernel whose rows measure the DRAM ceiling */
    int l2_resident;          /* memory level l2: predicted against the L2 ceilings */
    int sets_l2_ceiling;      /* the kernel whose rows measure the L2 ceiling */
    roofline_bound bound;     /* by the datasheet roofline (of the row's level) */
    double t_pred_datasheet_us; /* NaN: an l2 row whose spec gives no L2 bandwidth */
    double bw_measured_gbs;     /* the run's DRAM ceiling; NaN: it measured none */
    double bw_l2_measured_gbs;  /* the run's L2 ceiling; NaN: it measured none */
    double t_pred_measured_us;  /* with the run's ceiling of the row's level; NaN: none */
} model_case;

/* 1 when the row belongs in the error statistics: its kernel was right, it
 * is not one of the rows that set the measured ceiling (their error is 0 by
 * construction), and it streamed from DRAM: its memory level is dram and its
 * working set (else, when not recorded, its bytes) is at least 4x the L2. */
int model_case_in_error_stats(const model_case *c);

typedef struct model_ctx {
    const hw_spec_set *specs;
    const hw_spec *forced; /* --device: used for every row; NULL to match */
    const measured_bw *bw;    /* the runs' DRAM ceilings (stream_read) */
    const measured_bw *bw_l2; /* the runs' L2 ceilings (stream_read_l2); NULL: none */
} model_ctx;

/* Fills out, a row of MODEL_CSV_SCHEMA (cleared first), from row r of t, and
 * *mc (when not NULL) with its numbers. The columns that need the whole run
 * (launch floor, energy fit) are left empty: model_row_set_fit fills them. */
int model_row_fill(const model_ctx *ctx, const csv_table *t, size_t r, csv_row *out, model_case *mc,
                   rl_error *err);

struct run_fit;

/* Fills the columns that need the whole run (run_fit.h): in_error_stats,
 * the launch floor and the prediction with it, the energy fit and the
 * efficiencies. f may be NULL (no fit): those cells stay empty. -1 when out
 * of memory. */
int model_row_set_fit(csv_row *out, const model_case *c, const struct run_fit *f);

/* The spec row r uses: the forced one, or the best match of its device. */
int model_row_spec(const model_ctx *ctx, const csv_table *t, size_t r, const hw_spec **out,
                   rl_error *err);

/* 1 when the row's bytes and flop agree with the counting table
 * (workloads.h), 0 when they differ (*expected then holds the table's
 * counts), -1 when the table cannot count the case. */
int model_row_counts_agree(const csv_table *t, size_t r, workload_count *expected);

#endif
