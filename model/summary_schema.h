/* summary_schema: the columns of model's summary CSV (model -s), declared once.
 *
 * One row per number, long/tidy like the raw CSV, so runs of several devices
 * concatenate and a reader picks rows by section, subject and quantity:
 *
 *   section       subject                       quantity
 *   errors        all | bound=memory |          median_abs_err_pct_<p>, max_abs_err_pct_<p>
 *                 bound=compute |               for p = datasheet, measured,
 *                 format=<f> | kernel=<k>       measured_floor (format= and kernel=
 *                                               rows: memory-bound rows only)
 *                 format=<f> (runs with         median_abs_err_pct_issue_roof,
 *                 gemv_issue rows only)         max_abs_err_pct_issue_roof: the issue
 *                                               roof's error over the format's batch-1
 *                                               gemv rows on the CUDA cores
 *   ceiling       bw_measured |                 value (GB/s); bw_l2_measured only
 *                 bw_l2_measured                for a run with a checked stream_read_l2
 *   issue_rate    format=<f> (runs with         weights_per_sm_cycle (weight/SM/cycle),
 *                 gemv_issue rows only)         weights_per_s (weight/s): medians over
 *                                               the run's checked gemv_issue rows of the
 *                                               format (rows: those; issue_rate.h)
 *   launch_floor  floor                         value (us)
 *   floor_score   in_sample |                   median_abs_err_pct, p90_abs_err_pct,
 *                 leave_one_shape_out |         max_abs_err_pct (%, rows: rows scored),
 *                 half_shapes (floor_score.h)   floor_us_min, floor_us_max (us, rows:
 *                                               folds): the launch floor's
 *                                               |err_pct| out of sample
 *   energy_fit    e_flop_<unit> | e_byte | p0 | value (pJ/flop, pJ/byte, W, "")
 *                 r_squared | abs_err_pct       median, max (abs_err_pct only)
 *   hypothesis    <name> (hypotheses.h)         speedup_measured, speedup_measured_median,
 *                                               speedup_bytes_ratio, speedup_pred_floor
 *
 * The error rows cover the run's rows with in_error_stats = yes (model CSV).
 * A run without gemv_issue rows gets no issue_rate and no issue_roof rows.
 * The X() table has the layout of csv_schema.h. Written through csv_writer,
 * so the file appears whole or not at all.
 */
#ifndef SUMMARY_SCHEMA_H
#define SUMMARY_SCHEMA_H

#include "csv_schema.h"

/* clang-format off */
#define SUMMARY_CSV_COLUMNS(X) \
    X(run_id,    "", CSV_TEXT,  CSV_MUST,     "run the row summarises (raw CSV run_id)") \
    X(device,    "", CSV_TEXT,  CSV_MUST,     "GPU name as the driver reports it") \
    X(spec_id,   "", CSV_TEXT,  CSV_MUST,     "hardware spec of the run's first row") \
    X(spec_mode, "", CSV_TEXT,  CSV_MUST,     "power mode of that spec") \
    X(section,   "", CSV_TEXT,  CSV_MUST,     "errors, ceiling, issue_rate, launch_floor, floor_score, energy_fit or hypothesis") \
    X(subject,   "", CSV_TEXT,  CSV_MUST,     "what the row is about: all, bound=..., format=..., kernel=..., a fit parameter or a hypothesis name") \
    X(quantity,  "", CSV_TEXT,  CSV_MUST,     "what value holds, e.g. median_abs_err_pct_measured_floor, value, speedup_measured") \
    X(value,     "", CSV_REAL,  CSV_EMPTY_OK, "the number; empty when it cannot be known (no such rows)") \
    X(unit,      "", CSV_TEXT,  CSV_EMPTY_OK, "unit of value: %, us, GB/s, weight/SM/cycle, weight/s, pJ/flop, pJ/byte, W, x; empty when dimensionless") \
    X(rows,      "", CSV_COUNT, CSV_MUST,     "model rows the value rests on") \
    X(verdict,   "", CSV_TEXT,  CSV_EMPTY_OK, "hypothesis rows: holds, short (below the claim) or exceeds (above it)") \
    X(note,      "", CSV_TEXT,  CSV_EMPTY_OK, "how the value was obtained, or why it is missing")
/* clang-format on */

#define CSV_X_ENUM(name, unit, type, presence, meaning) SUM_COL_##name,
enum summary_col { SUMMARY_CSV_COLUMNS(CSV_X_ENUM) SUM_COL_COUNT };
#undef CSV_X_ENUM

extern const csv_schema SUMMARY_CSV_SCHEMA;

#endif
