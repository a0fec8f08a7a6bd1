/* report_data: the model CSV turned into the report template's values.
 *
 * report_data_fill() reads the loaded, validated tables (inputs.h) and sets
 * every placeholder templates/report.md may use:
 *   title devices device_count run_ids run_timestamps row_count source_csv
 *   note render_commit summary runs_table software_table ceilings_table
 *   compute_table validation_tables formats_table verdicts energy_section
 *   batch_section clocks_table data_appendix floor_note quant_section
 *   energy_fit_section decode_section memory_section throttle_section
 *   power_modes_section mode_predictions_section hypotheses
 * All values are Markdown, escaped where they hold CSV text. Devices keep
 * the order in which they first appear in the CSV; tables are grouped by
 * device. Missing values (empty cells) print as "–", never as 0.
 * Returns 0, or -1 with err set (rl_error.h).
 */
#ifndef RENDER_REPORT_DATA_H
#define RENDER_REPORT_DATA_H

#include "charts/charts.h"
#include "csv_table.h"
#include "doc/doc.h"
#include "rl_error.h"

/* figs is figure_set_build's set of in: the sections that quote a chart's
 * numbers read that chart's data from it rather than building it again.
 * note may be NULL (no note). source is the model CSV's path as the user
 * gave it. The sections built on the summary or decode CSV say so when
 * in has none. */
int report_data_fill(const render_tables *in, const figure_set *figs, const char *source,
                     const char *note, tmpl_vars *vars, rl_error *err);

#endif
