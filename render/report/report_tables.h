/* report_tables: the Markdown tables of the report, one function each,
 * appended to out (internal to report/; see report_data.h). rows is scratch
 * space of t->nrows entries. */
#ifndef RENDER_REPORT_TABLES_H
#define RENDER_REPORT_TABLES_H

#include "charts/charts.h"
#include "csv_table.h"
#include "sbuf.h"

/* A cell's text, or "–" for an empty one (a table built by hand may lack
 * what a real CSV always has). */
static inline const char *report_text(const char *s)
{
    return s != NULL ? s : "\u2013";
}

/* One row per run: where and how it ran. */
void report_runs_table(const csv_table *t, size_t *rows, sbuf *out);
/* One row per run: the software and device facts measure recorded. */
void report_software_table(const csv_table *t, size_t *rows, sbuf *out);
/* One row per device and run: datasheet against measured DRAM bandwidth. */
void report_ceilings_table(const csv_table *t, size_t *rows, sbuf *out);
/* One row per device, mode and compute unit: peak and ridge points. */
void report_compute_table(const csv_table *t, size_t *rows, sbuf *out);
/* One row per weight format present: storage cost and ideal speedup. */
void report_formats_table(const csv_table *t, size_t *rows, sbuf *out);
/* A "### device" section per device with its validation table; with one
 * more column when the CSV has launch-floor predictions, and one more when
 * it has issue-roof predictions (issue 15: the median / max |error| of the
 * batch-1 gemv cases counted, per format). */
void report_validation_tables(const csv_table *t, size_t *rows, sbuf *out);
/* 1 when any row has a launch-floor prediction (model's optional
 * time_us_pred_measured_floor column). */
int report_has_floor(const csv_table *t);
/* 1 when any row has an issue-roof prediction's error (err_pct_issue_roof). */
int report_has_issue(const csv_table *t);
/* The "Limits" item of the method: the launch floor the model fitted per
 * run, or that the roofline has none. */
void report_floor_note(const csv_table *t, size_t *rows, sbuf *out);
/* report_sections.c: one row per run, the ranges of clocks and power over
 * its cases. */
void report_clocks_table(const csv_table *t, size_t *rows, sbuf *out);
/* report_sections.c: every measurement as measure recorded it, one table
 * per device, up to REPORT_APPENDIX_MAX_ROWS rows in all; past that the
 * appendix says how many it leaves out and where they are (model.csv). */
void report_data_appendix(const csv_table *t, size_t *rows, sbuf *out);

/* Tables with a row per case, bounded (issue 18): a run of 100k rows made
 * a report of thousands of pages that took minutes and gigabytes to
 * typeset. Each says what it leaves out; the charts and statistics above
 * them still read every row. The three archives' reports (1,856 cases at
 * most) are under both. */
#define REPORT_APPENDIX_MAX_ROWS 5000
#define REPORT_CASE_LIST_MAX_ROWS 1000 /* the throttled cases; the large errors of a run */

/* Sections that quote a chart's numbers: they take the chart's data as
 * figure_set_build made it (figures.h), so each is built once per render
 * and a sentence quotes the very numbers drawn above it. */
/* report_sections.c: the verdict table, each format's measured speedup
 * against its ideal at the largest square shape (the speedup chart's
 * picks), with the thresholds stated. */
void report_verdicts(const compare_data *d, const accuracy_data *a, sbuf *out);
/* report_sections.c: energy per call, power, GFLOP/s per W and pJ per
 * byte by format (the energy chart's picks); t for the power source and
 * the read stream's energy. */
void report_energy(const csv_table *t, const compare_data *d, sbuf *out);
/* report_sections.c: time per call by batch size for every series of the
 * batch chart's sweep. */
void report_batch(const batch_data *d, sbuf *out);
/* report_quant.c: each format's error of y from quantization beside its
 * speedup, and the formats on the accuracy/speed front (the accuracy
 * chart's picks). */
void report_quant(const accuracy_data *d, sbuf *out);
/* report_edge.c: decode tokens/s of one LLM by device, power mode and
 * format, predictions without a run marked as such; then the memory fit
 * of every LLM and format against each device's usable memory (the decode
 * and memory charts' picks). */
void report_decode(const decode_data *d, sbuf *out);
/* report_steps.c: the measured decode steps (step_data.h): measured beside
 * predicted tokens/s and J per token per run, LLM and format (batch 1, the
 * fastest scheme), how much of the bytes ratio over fp16 survives, what
 * each launch scheme is worth, tokens/s at every batch, and a note for each
 * step scaled from fewer layers; or that no run timed one. */
void report_decode_steps(const step_data *d, sbuf *out);
void report_memory(const decode_data *d, sbuf *out);
/* report_edge.c: the Orin Nano specs' power modes predicted with the issue
 * roof (render --modes: model --modes's CSV, issue 15): per spec a table of
 * every format and mode (time, energy at the mode's whole budget, an upper
 * bound, the bound that wins, the time over the reference mode's), the
 * validation guide's 1.8× between 7W and 15W beside the model's range over
 * the formats, to be measured on a board, the formats the issue roof bounds
 * and whose issue rates these are. Nothing without in->modes; a sentence
 * when it holds no Orin Nano row. */
void report_mode_predictions(const render_tables *in, sbuf *out);
/* report_modes.c: per device that ran in two or more power modes (a
 * Jetson sweep; the energy chart draws the first by mode), each mode's
 * time, power, GFLOP/s per watt and tokens per joule for the main GEMV
 * formats, and the measured against the predicted scaling between modes;
 * without one, that the Jetson numbers are predictions, with the scaling
 * the specs predict from dec. t for the power source. */
void report_power_modes(const csv_table *t, const mode_set *modes, const decode_data *dec,
                        sbuf *out);

/* report_story.c: page 1 and the verdicts, from the story's picks
 * (story_data.h): the abstract (3 to 5 sentences on the lead run), the
 * validation guide's criteria as a checklist with pass, fail or not
 * measured, the claims judged per shape class with the per-call fixed cost
 * as the reason for the gap, the < 15 % criterion for both predictions
 * (the floor also out of sample), and every counted case off by more than
 * 25 %, explained or marked unexplained; each per run, labelled. */
void report_abstract(const figure_set *figs, sbuf *out);
void report_checklist(const figure_set *figs, sbuf *out);
void report_claims_by_class(const story_data *d, sbuf *out);
void report_error_criterion(const story_data *d, sbuf *out);
void report_large_errors(const csv_table *t, const story_data *d, sbuf *out);

/* Sections built on every table render read (inputs.h); a section whose
 * table or columns are missing says so in a sentence. */
/* report_power.c: the energy fit's parameters per run (summary CSV), P0
 * against the idle power and the power limit. */
void report_energy_fit(const render_tables *in, sbuf *out);
/* report_power.c: the cases the device held its clocks down in (the raw
 * CSV's throttled and clock_event_reasons), their clock against the run's
 * full clock, or that none was, or that the CSV does not say. */
void report_throttle(const render_tables *in, sbuf *out);
/* report_claims.c: model's error statistics by bound, per run (summary
 * CSV). */
void report_error_stats(const render_tables *in, sbuf *out);
/* report_compare.c: the runs set against each other: a side-by-side table
 * of every run's headline numbers and verdicts when there are two or
 * more, and for runs of one device and power mode the per-case time
 * ratio, the run-to-run noise band and the verdicts that changed. */
void report_comparison(const csv_table *t, const figure_set *figs, sbuf *out);
/* report_fleet.c: the fleet section (issue 17), from the fleet chart's
 * picks (fleet_data.h): every card against the median of its device and
 * pass, the cards that fall short named with how far and their band, the
 * run-to-run noise, each card's prediction from its own read stream, the
 * chart and a table (every card up to 24 rows, else those that fall
 * short). Nothing when the input has fewer than two cards. */
void report_fleet(const fleet_data *d, sbuf *out);

#endif
