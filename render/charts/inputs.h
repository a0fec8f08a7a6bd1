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
 *   modes:   bound is memory, issue or l2; issue_rate_extrapolated yes, no or
 *            empty; an issue_rate_run_id, where given, is a run of the
 *            model CSV. No row at all is fine: no run in the input timed
 *            gemv_issue, so no format has an issue rate to predict with.
 * Errors name the file, and the line where there is one. Functions return
 * 0, or -1 with err set (rl_error.h); on failure the table is left empty.
 */
#ifndef RENDER_INPUTS_H
#define RENDER_INPUTS_H

#include "../../model/decode_schema.h"
#include "../../model/modes_schema.h"
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

/* The schema of model --modes (model/modes_schema.h's X() table, read by
 * header name: the order in the file does not matter). */
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
