/* decode_schema: the columns of model's decode CSV (model -d), declared once.
 *
 * One row per LLM, device spec, power mode, weight format (decode.h) and
 * context (model --context), for one generated token at batch 1 with
 * context_tokens already in the KV cache (context 0: the weights alone,
 * what measure's decode_step times; its rows also carry the measured step). Every spec and mode gets the datasheet prediction; a spec and mode
 * that a run in the input measured get one row per such run, with that
 * run's ceiling, launch floor and energy fit. The X() table has the layout
 * of csv_schema.h.
 */
#ifndef DECODE_SCHEMA_H
#define DECODE_SCHEMA_H

#include "csv_schema.h"

/* clang-format off */
#define DECODE_CSV_COLUMNS(X) \
    X(llm,                      "",         CSV_TEXT,        CSV_MUST,     "model config id (specs/llm/models.ini)") \
    X(llm_name,                 "",         CSV_TEXT,        CSV_MUST,     "model name") \
    X(spec_id,                  "",         CSV_TEXT,        CSV_MUST,     "hardware spec (specs/<id>.ini)") \
    X(spec_mode,                "",         CSV_TEXT,        CSV_MUST,     "power mode of the spec") \
    X(format,                   "",         CSV_TEXT,        CSV_MUST,     "weight format of every GEMV, LM head included (common/formats.h)") \
    X(context_tokens,           "",         CSV_COUNT,       CSV_MUST,     "tokens before the one generated (model --context)") \
    X(kv_tokens,                "",         CSV_COUNT,       CSV_MUST,     "tokens in the KV cache: the context, or the sliding window when shorter") \
    X(calls_per_token,          "",         CSV_COUNT,       CSV_MUST,     "kernel calls per token: layers x GEMVs per layer + LM head + one attention call per layer") \
    X(weight_bytes,             "byte",     CSV_COUNT,       CSV_MUST,     "stored weights: GEMV matrices in the format, embedding table in fp16") \
    X(kv_cache_bytes,           "byte",     CSV_COUNT,       CSV_MUST,     "2 x layers x kv_tokens x kv_dim x 2 (fp16 K and V)") \
    X(memory_need_bytes,        "byte",     CSV_COUNT,       CSV_MUST,     "weight_bytes + kv_cache_bytes") \
    X(memory_bytes,             "byte",     CSV_COUNT,       CSV_MUST,     "device memory (spec); shared with the CPU on Jetson") \
    X(memory_reserve_bytes,     "byte",     CSV_COUNT,       CSV_EMPTY_OK, "what the OS, driver and CUDA context keep (spec); empty when the spec does not say") \
    X(memory_fits,              "",         CSV_TEXT,        CSV_EMPTY_OK, "yes when memory_need_bytes <= memory_bytes - memory_reserve_bytes, else no; empty without a reserve") \
    X(bytes_per_token,          "byte",     CSV_COUNT,       CSV_MUST,     "DRAM bytes per token: GEMV matrices, activations, outputs, KV cache") \
    X(flop_per_token,           "flop",     CSV_COUNT,       CSV_MUST,     "operations per token, multiply-add = 2") \
    X(time_us_per_token_datasheet, "us",    CSV_REAL_NONNEG, CSV_MUST,     "sum over the calls of max(bytes/bw, flop/peak), datasheet ceilings, no floor") \
    X(tokens_per_s_datasheet,   "token/s",  CSV_REAL_NONNEG, CSV_MUST,     "1e6 / time_us_per_token_datasheet") \
    X(run_id,                   "",         CSV_TEXT,        CSV_EMPTY_OK, "the run whose measured ceiling, floor and energy fit the next columns use; empty: none measured this spec and mode") \
    X(bw_measured_gbs,          "GB/s",     CSV_REAL_NONNEG, CSV_EMPTY_OK, "that run's stream_read bandwidth") \
    X(time_us_per_token_measured, "us",     CSV_REAL_NONNEG, CSV_EMPTY_OK, "as the datasheet time with bw_measured_gbs") \
    X(tokens_per_s_measured,    "token/s",  CSV_REAL_NONNEG, CSV_EMPTY_OK, "1e6 / time_us_per_token_measured") \
    X(launch_floor_us,          "us",       CSV_REAL_NONNEG, CSV_EMPTY_OK, "that run's fixed per-call cost (model CSV), paid by every call") \
    X(time_us_per_token_measured_floor, "us", CSV_REAL_NONNEG, CSV_EMPTY_OK, "time_us_per_token_measured + calls_per_token x launch_floor_us") \
    X(tokens_per_s_measured_floor, "token/s", CSV_REAL_NONNEG, CSV_EMPTY_OK, "1e6 / time_us_per_token_measured_floor") \
    X(energy_uj_per_token,      "uJ",       CSV_REAL,        CSV_EMPTY_OK, "that run's energy fit at flop_per_token, bytes_per_token and the measured-floor time (else the measured time)") \
    X(tokens_per_j,             "token/J",  CSV_REAL_NONNEG, CSV_EMPTY_OK, "1e6 / energy_uj_per_token") \
    X(step_launch_scheme,       "",         CSV_TEXT,        CSV_OPTIONAL, "context 0 only: the launch scheme of that run's fastest measured decode step of this model and format at batch 1 (raw decode_step rows); empty: none measured") \
    X(step_launches,            "",         CSV_COUNT,       CSV_OPTIONAL, "its kernel launches per token") \
    X(time_us_per_token_step,   "us",       CSV_REAL_NONNEG, CSV_OPTIONAL, "its measured time per token, whole model (1e6 / tokens_per_s_step)") \
    X(tokens_per_s_step,        "token/s",  CSV_REAL_NONNEG, CSV_OPTIONAL, "its measured tokens/s (raw tokens_per_s)") \
    X(time_us_per_token_step_pred, "us",    CSV_REAL_NONNEG, CSV_OPTIONAL, "the model's prediction of that step: max(bytes/bw_measured, flop/peak) over the step's bytes (common/decode_plan.h) + step_launches x the scheme's cost per launch (model/run_fit.h)") \
    X(err_pct_step,             "%",        CSV_REAL,        CSV_OPTIONAL, "100 x (time_us_per_token_step_pred - time_us_per_token_step) / time_us_per_token_step") \
    X(energy_uj_per_token_step, "uJ",       CSV_REAL_NONNEG, CSV_OPTIONAL, "its measured energy per token (raw energy_uj_per_token); empty: no sensor")
/* clang-format on */

#define CSV_X_ENUM(name, unit, type, presence, meaning) DEC_COL_##name,
enum decode_col { DECODE_CSV_COLUMNS(CSV_X_ENUM) DEC_COL_COUNT };
#undef CSV_X_ENUM

extern const csv_schema DECODE_CSV_SCHEMA;

#endif
