/* step_data: the measured decode steps of the model CSV (kernel
 * decode_step, one row per model, format, batch and launch scheme of a
 * run: a whole token of an LLM timed as one CUDA graph, common/
 * decode_plan.h), picked once for the report's measured-decode section
 * and its chart, so a sentence and the chart quote the same numbers.
 *
 * Every number is of the whole model. A row whose n (layers that ran) is
 * below llm_layers was scaled by measure: its tokens_per_s is the whole
 * model's. Its scale, the whole model's time over the time that ran, is
 * (batch x 1e6 / tokens_per_s) / time_us_median; the model CSV's
 * predictions of what ran scale by the same factor:
 *   measured tokens/s    tokens_per_s (raw)
 *   predicted tokens/s   batch x 1e6 / (time_us_pred_measured_floor x scale):
 *                        the roofline + launch floor, a floor per launch
 *   bytes-only tokens/s  batch x 1e6 / (time_us_pred_measured x scale)
 *   J per token          energy_uj_per_token / 1e6 (raw); predicted:
 *                        energy_uj_fit x scale / batch / 1e6
 *   share of the stream  bw_fraction_of_measured: the step's bytes over its
 *                        time against the run's read stream
 * Steps whose check is not ok, or without tokens_per_s, are left out.
 *
 * Picks:
 *   best     per run, LLM and format at batch 1: the step with the most
 *            tokens/s (the run's fastest launch scheme); runs, LLMs and
 *            formats in order of first appearance, formats in the format
 *            table's order
 *   schemes  per run: the first LLM with a batch-1 step in every scheme of
 *            the run for some format (the model measure times in all)
 *   batches  per run, LLM and format: tokens/s at each batch (the fastest
 *            scheme at that batch)
 * Strings point into the table, which must outlive the data;
 * step_data_free releases the arrays. Returns 0, or -1 with err set.
 */
#ifndef RENDER_STEP_DATA_H
#define RENDER_STEP_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "csv_table.h"
#include "rl_error.h"

typedef struct step_row {
    size_t row; /* in the model CSV */
    const char *run_id, *device, *spec_id, *spec_mode, *llm, *format, *scheme;
    uint64_t batch, layers_run, llm_layers, launches;
    int scaled;            /* layers_run < llm_layers */
    double scale;          /* whole model's time / time that ran */
    double time_us;        /* of what ran (time_us_median) */
    double tokens_per_s;   /* measured, whole model */
    double pred_tokens_per_s;       /* roofline + launch floor; NAN */
    double bytes_only_tokens_per_s; /* bytes-only roofline; NAN */
    double err_pct;        /* err_pct_measured_floor (scale cancels); NAN */
    double j_per_token;    /* measured; NAN without a sensor */
    double pred_j_per_token; /* the run's energy fit; NAN */
    double stream_share;   /* bw_fraction_of_measured; NAN */
} step_row;

typedef struct step_data {
    step_row *rows; /* every step kept, CSV order */
    size_t n;
    size_t *best;   /* indices into rows: the fastest batch-1 step of each run, LLM and format */
    size_t nbest;
} step_data;

int step_data_from_table(const csv_table *t, step_data *d, rl_error *err);
void step_data_free(step_data *d);

/* The fastest batch-1 step of run, llm and format, or NULL. */
const step_row *step_best(const step_data *d, const char *run, const char *llm, const char *format);
/* The fastest step of run, llm and format at batch (any scheme), or NULL. */
const step_row *step_at_batch(const step_data *d, const char *run, const char *llm, const char *format,
                              uint64_t batch);
/* The step of run, llm, format and scheme at batch 1, or NULL. */
const step_row *step_with_scheme(const step_data *d, const char *run, const char *llm, const char *format,
                                 const char *scheme);
/* The LLM of run with a batch-1 step in each of the run's schemes for some
 * format (of several such, the one whose whole-model step takes longest:
 * the largest model), or NULL; *nschemes gets how many schemes the run
 * used. */
const char *step_scheme_llm(const step_data *d, const char *run, size_t *nschemes);
/* Measured speedup of format over fp16 in a whole token of run's llm
 * (fastest batch-1 steps); NAN when either is missing. */
double step_speedup(const step_data *d, const char *run, const char *llm, const char *format);

#endif
