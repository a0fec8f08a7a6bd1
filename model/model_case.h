/* model_case: the numbers of one model row that the whole-run steps need.
 *
 * model_row.h fills one per raw row; run_fit.h fits over a run's cases;
 * error_stats.h and hypotheses.h judge them. Kept apart from both model_row
 * and run_fit so that each can use a case without the other: model_row
 * calls run_fit (to fill a row's fitted columns), and run_fit only reads
 * cases, never model rows.
 *
 * Nothing here reads files or allocates.
 */
#ifndef MODEL_CASE_H
#define MODEL_CASE_H

#include <stdint.h>

#include "decode_plan.h"
#include "predict.h"
#include "spec.h"

/* The numbers of one model row, kept for what needs a whole run at once: the
 * launch floor and energy fits (run_fit.h), the error statistics and the
 * hypotheses (summary.h). Strings are borrowed from the raw table; a value
 * that is not known is NaN, never 0. */
typedef struct model_case {
    const char *run_id, *device, *kernel, *format; /* borrowed */
    const hw_spec *spec;
    const hw_mode *mode;
    const char *unit;       /* compute unit of the kernel (workloads.h) */
    double peak_gflops;     /* the mode's datasheet peak of unit */
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
    /* A decode step (kernel decode_step) makes many launches a call: it is
     * kept out of the single-call floor and energy fits and statistics, and
     * predicted with a floor per launch (run_fit.h). */
    int decode_step;
    uint64_t launches;              /* per call: 1 (0 counts as 1), or the step's */
    const decode_scheme *scheme;    /* the step's; NULL for other rows */
    const char *llm;                /* the step's model id, borrowed; "" for other rows */
    double tokens_per_s;            /* the step's, whole model; NaN for other rows */
    double energy_uj_per_token;     /* likewise; NaN: no sensor */
    /* The issue roof (issue_rate.h): for a batch-1 gemv row on the CUDA
     * cores whose run measured its format's gemv_issue rate; NaN for every
     * other row. */
    double issue_rate; /* weights per SM per cycle */
    const char *issue_roof; /* issue_rate_roof_name(): "issue", or "l2" where the L2 limited the rate */
    double t_issue_us; /* n*k / (issue_rate x the row's SMs x its SM clock) */
} model_case;

/* 1 when the row belongs in the error statistics: its kernel was right, it
 * is not one of the rows that set the measured ceiling (their error is 0 by
 * construction), it is one launch (not a decode step), and it streamed from
 * DRAM: its memory level is dram and its working set (else, when not
 * recorded, its bytes) is at least 4x the L2. */
int model_case_in_error_stats(const model_case *c);

/* Signed errors (err_pct, as csv_schema.h) of the datasheet and the
 * measured-ceiling predictions; NaN when the prediction is not known. The
 * prediction with the launch floor needs the run's fit (run_fit.h). */
double model_case_err_datasheet(const model_case *c);
double model_case_err_measured(const model_case *c);

/* 1 when the issue roof is above the measured roofline (t_issue_us >
 * t_pred_measured_us): the row's bound_issue_roof is then issue. 0 when
 * either is not known. */
int model_case_issue_bound(const model_case *c);

#endif
