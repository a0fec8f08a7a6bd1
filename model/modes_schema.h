/* modes_schema: the columns of model's mode predictions (model --modes), declared once.
 *
 * One row per hardware spec (specs/<id>.ini), each [mode] of it and each
 * weight format with an issue rate, for one GEMV of n x k at batch 1
 * (model --modes-shape, default 4096x4096): the two roofs a batch-1 GEMV
 * meets on that mode, DRAM (the datasheet bandwidth) and instruction issue
 * (the measured weights per SM-cycle of the format, on the mode's SMs and
 * clock), the one that wins, and the mode against the spec's reference
 * mode (15W where the spec has one: the Orin Nano's 7W against 15W).
 *
 * The issue rates come from one run: the newest (timestamp_utc) among the
 * inputs that has gemv_issue rows (model/issue_rate.h). The rate per SM
 * and cycle carries across chips of one architecture; on a spec other than
 * the run's it is an extrapolation, and issue_rate_extrapolated says so.
 * Without any gemv_issue row in the inputs the file has its header only.
 *
 * The X() table has the layout of csv_schema.h. render instantiates it
 * too (it links no model object), like summary_schema.h and decode_schema.h.
 */
#ifndef MODES_SCHEMA_H
#define MODES_SCHEMA_H

#include "csv_schema.h"

/* clang-format off */
#define MODES_CSV_COLUMNS(X) \
    X(spec_id,                  "",         CSV_TEXT,        CSV_MUST,     "hardware spec (specs/<id>.ini)") \
    X(spec_mode,                "",         CSV_TEXT,        CSV_MUST,     "power mode of the spec") \
    X(format,                   "",         CSV_TEXT,        CSV_MUST,     "weight format (common/formats.h) with an issue rate in the rate's run") \
    X(n,                        "",         CSV_COUNT,       CSV_MUST,     "output rows of the GEMV (model --modes-shape NxK)") \
    X(k,                        "",         CSV_COUNT,       CSV_MUST,     "reduction length of the GEMV; batch is 1") \
    X(sm_count,                 "",         CSV_COUNT,       CSV_MUST,     "SMs the mode runs on: the mode's sm_count, else the spec's") \
    X(sm_clock_mhz,             "MHz",      CSV_REAL_NONNEG, CSV_MUST,     "the mode's SM clock (spec)") \
    X(dram_bw_gbs,              "GB/s",     CSV_REAL_NONNEG, CSV_MUST,     "the mode's datasheet DRAM bandwidth (spec)") \
    X(bytes,                    "byte",     CSV_COUNT,       CSV_MUST,     "fewest DRAM bytes of the GEMV, by the gemv rule (common/workloads.h)") \
    X(weights,                  "weight",   CSV_COUNT,       CSV_MUST,     "n x k") \
    X(issue_rate_weights_per_sm_cycle, "weight/SM/cycle", CSV_REAL_NONNEG, CSV_MUST, "the format's issue roof: median weights_per_sm_cycle of the rate run's checked gemv_issue rows") \
    X(issue_rate_run_id,        "",         CSV_TEXT,        CSV_MUST,     "the run the rate comes from: the newest input run (timestamp_utc) with gemv_issue rows") \
    X(issue_rate_device,        "",         CSV_TEXT,        CSV_MUST,     "that run's device, as its driver reports it") \
    X(issue_rate_extrapolated,  "",         CSV_TEXT,        CSV_MUST,     "no when the rate's run was modelled on this spec_id; yes otherwise: a rate per SM-cycle carried to another chip, which holds within one architecture only") \
    X(time_us_memory,           "us",       CSV_REAL_NONNEG, CSV_MUST,     "bytes / dram_bw_gbs: the datasheet DRAM roof") \
    X(time_us_issue,            "us",       CSV_REAL_NONNEG, CSV_MUST,     "weights / (issue_rate_weights_per_sm_cycle x sm_count x sm_clock_mhz): the issue roof") \
    X(time_us_pred,             "us",       CSV_REAL_NONNEG, CSV_MUST,     "max(time_us_memory, time_us_issue); no launch floor: a floor is measured per run, and none is for a device or mode never measured") \
    X(bound,                    "",         CSV_TEXT,        CSV_MUST,     "issue where time_us_issue is above time_us_memory, else memory; l2 instead of issue where the measured rate was the L2's limit (its gemv_issue rows moved their bytes at 90% or more of the run's stream_read_l2: fp16 and w8a8 on an H100), so what carries to this mode is an L2 bandwidth per SM-cycle, not an issue rate") \
    X(ref_mode,                 "",         CSV_TEXT,        CSV_MUST,     "the spec's mode the ratio is against: its mode named 15W if it has one, else its default_mode") \
    X(ratio_to_ref_mode,        "",         CSV_REAL_NONNEG, CSV_MUST,     "time_us_pred / the ref_mode's time_us_pred for the same format: how much slower (> 1) this mode is") \
    X(power_budget_w,           "W",        CSV_REAL_NONNEG, CSV_EMPTY_OK, "the mode's power budget (spec power_budget_w: board cap, nvpmodel budget); empty where the spec gives none (MAXN, MAXN_SUPER)") \
    X(energy_uj_budget,         "uJ",       CSV_REAL_NONNEG, CSV_EMPTY_OK, "power_budget_w x time_us_pred: an upper bound on the call's energy, the mode's whole budget spent; empty without a budget")
/* clang-format on */

#define CSV_X_ENUM(name, unit, type, presence, meaning) MODES_COL_##name,
enum modes_col { MODES_CSV_COLUMNS(CSV_X_ENUM) MODES_COL_COUNT };
#undef CSV_X_ENUM

extern const csv_schema MODES_CSV_SCHEMA;

#endif
