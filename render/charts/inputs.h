/* inputs: the CSVs render reads besides the model CSV, and the set of
 * tables every report section and chart is built from.
 *
 * model writes four files (model --columns documents them): the model CSV
 * (-o, one row per case, required here), the per-run summary (-s: error
 * statistics, the measured ceiling and launch floor, the energy fit, the
 * seed's hypotheses as verdicts), the decode predictions (-d: per LLM,
 * device spec, power mode and format) and the power-mode predictions with
 * the issue roof (--modes, issue 15: per device spec, power mode and
 * format, one GEMV shape). render takes the last three as optional inputs
 * (--summary, --decode, --modes); a section or chart whose table is
 * missing says so instead of its content, or, for --modes, is left out.
 *
 * The summary and decode columns are declared once, in model's headers
 * (model/summary_schema.h, model/decode_schema.h); render validates
 * against those X() tables, instantiated here so that render links no model
 * object. On top of the schema checks of csv_table.h:
 *   summary: a verdict is holds, short, exceeds or empty; at least one run
 *            of the summary is a run of the model CSV (else the two come
 *            from different archives);
 *   decode:  at least one row; memory_fits is yes, no or empty; a run_id,
 *            where given, is a run of the model CSV.
 *   modes:   bound is memory or issue; issue_rate_extrapolated yes, no or
 *            empty; an issue_rate_run_id, where given, is a run of the
 *            model CSV. No row at all is fine: no run in the input timed
 *            gemv_issue, so no format has an issue rate to predict with.
 * Errors name the file, and the line where there is one. Functions return
 * 0, or -1 with err set (rl_error.h); on failure the table is left empty.
 */
#ifndef RENDER_INPUTS_H
#define RENDER_INPUTS_H

#include "../../model/decode_schema.h"
#include "../../model/summary_schema.h"
#include "csv_table.h"
#include "llm_config.h"
#include "rl_error.h"

/* What the report and the figures are built from. model is required;
 * summary, decode and modes are NULL when not given; llms, the LLM shapes
 * (llm_config.h: what makes a GEMV shape an LLM layer's), NULL when no
 * LLM file was found. */
typedef struct render_tables {
    const csv_table *model;
    const csv_table *summary;
    const csv_table *decode;
    const llm_configs *llms;
    const csv_table *modes; /* last: the tables built by position stay right */
} render_tables;

/* The schemas of model -s and model -d (model's X() tables). */
extern const csv_schema RENDER_SUMMARY_SCHEMA;
extern const csv_schema RENDER_DECODE_SCHEMA;

/* The columns of model --modes that render reads, by header name (their
 * order in the file, and columns render does not read, do not matter).
 * model/modes_schema.h declares the file (issue 15; written beside this
 * reader, on another branch): once both are in one tree, this list gives
 * way to its X() table, as the summary's and decode's did. */
/* clang-format off */
#define RENDER_MODES_COLUMNS(X) \
    X(spec_id,                 "",                CSV_TEXT,        CSV_MUST,     "hardware spec (specs/<id>.ini)") \
    X(spec_mode,               "",                CSV_TEXT,        CSV_MUST,     "power mode of the spec") \
    X(format,                  "",                CSV_TEXT,        CSV_MUST,     "weight format (common/formats.h)") \
    X(n,                       "",                CSV_COUNT,       CSV_EMPTY_OK, "output rows of the GEMV predicted") \
    X(k,                       "",                CSV_COUNT,       CSV_EMPTY_OK, "its reduction length") \
    X(sm_count,                "",                CSV_COUNT,       CSV_EMPTY_OK, "the mode's multiprocessors, else the spec's") \
    X(sm_clock_mhz,            "MHz",             CSV_REAL_NONNEG, CSV_EMPTY_OK, "the mode's GPU clock") \
    X(issue_rate_weights_per_sm_cycle, "weight/SM/cycle", CSV_REAL_NONNEG, CSV_EMPTY_OK, "the format's issue rate") \
    X(issue_rate_run_id,       "",                CSV_TEXT,        CSV_EMPTY_OK, "the run that measured it") \
    X(issue_rate_device,       "",                CSV_TEXT,        CSV_EMPTY_OK, "that run's device") \
    X(issue_rate_extrapolated, "",                CSV_TEXT,        CSV_EMPTY_OK, "yes when that run is not of this spec") \
    X(time_us_memory,          "us",              CSV_REAL_NONNEG, CSV_EMPTY_OK, "bytes / the mode's datasheet DRAM bandwidth") \
    X(time_us_issue,           "us",              CSV_REAL_NONNEG, CSV_EMPTY_OK, "weights / (SMs x clock x issue rate)") \
    X(time_us_pred,            "us",              CSV_REAL_NONNEG, CSV_MUST,     "max of the two; no launch floor") \
    X(bound,                   "",                CSV_TEXT,        CSV_MUST,     "memory or issue: the larger time") \
    X(ref_mode,                "",                CSV_TEXT,        CSV_EMPTY_OK, "the spec's 15W, else its default mode") \
    X(ratio_to_ref_mode,       "",                CSV_REAL_NONNEG, CSV_EMPTY_OK, "time_us_pred / the ref mode's, same format") \
    X(power_budget_w,          "W",               CSV_REAL_NONNEG, CSV_EMPTY_OK, "the mode's power budget; empty where the spec gives none") \
    X(energy_uj_budget,        "uJ",              CSV_REAL_NONNEG, CSV_EMPTY_OK, "power_budget_w x time_us_pred: an upper bound")
/* clang-format on */
#define CSV_X_ENUM(name, unit, type, presence, meaning) MODES_IN_##name,
enum render_modes_col { RENDER_MODES_COLUMNS(CSV_X_ENUM) MODES_IN_COUNT };
#undef CSV_X_ENUM
extern const csv_schema RENDER_MODES_SCHEMA;

/* Loads paths[0..n) (n >= 1) into t, each checked as a summary CSV of the
 * runs in model; lim bounds the reading (csv_table.h). */
int render_load_summaries(csv_table *t, const char *const *paths, size_t n, const csv_table *model,
                          const csv_limits *lim, rl_error *err);
/* The same for decode CSVs made with the runs in model. */
int render_load_decodes(csv_table *t, const char *const *paths, size_t n, const csv_table *model,
                        const csv_limits *lim, rl_error *err);
/* The same for model --modes CSVs made with the runs in model. */
int render_load_modes(csv_table *t, const char *const *paths, size_t n, const csv_table *model,
                      const csv_limits *lim, rl_error *err);

#endif
