/* decode_data: the edge-deployment picks from model's decode CSV (inputs.h,
 * model/decode_schema.h), shared by the decode and memory charts and the
 * report's edge section, so a chart and its table quote the same numbers.
 *
 * Formats shown: one per weight width, the first of each in the format
 * table (formats.h) that the CSV has: fp16, w8a16, w4a16_g128, w2a16_g64.
 *
 * Contexts: model writes every prediction at several contexts (model
 * --context: 0, 128 and 2048 by default). Context 0 is the weights alone,
 * what a measured decode step times (step_data.h shows it); the decode
 * table and chart show one context, `context`: 128 when the CSV has it,
 * else its smallest above 0, else 0. The memory fit is at the largest,
 * `kv_context`, where the KV cache is largest.
 *
 * The decode table's LLM: the largest (fp16 weight bytes) that fits, in
 * some shown format, on the device spec with the least usable memory
 * (memory minus the OS reserve) at kv_context: the biggest model the
 * smallest board can still run. Its rows: one per spec, power mode and run, in CSV order,
 * each with the datasheet prediction (no run, no launch floor) and, where
 * a run of the input measured that spec and mode, the prediction with the
 * run's measured ceiling and launch floor.
 *
 * The decode chart shows every LLM of the CSV (llms, in CSV order), one
 * panel each: each row also holds every LLM's values (decode_row.llm[i]
 * for llms[i]) on the rows of the table's LLM (the same spec, mode and run;
 * model writes every LLM on every spec and mode).
 *
 * The memory chart: every LLM in every shown format (weights and KV cache
 * at kv_context), and every spec's usable memory.
 *
 * The KV cache's cost: every LLM in every shown format, tokens/s at
 * `context` and at `kv_context` on the reference row: the first row with
 * a run (its ceiling and floor), else the first row (datasheet).
 *
 * Strings point into the table, which must outlive the data; nothing is
 * allocated. Missing values are NAN; past the limits below, rows are left
 * out (the report says how many).
 */
#ifndef RENDER_DECODE_DATA_H
#define RENDER_DECODE_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "csv_table.h"

#define DEC_MAX_FORMATS 8
#define DEC_MAX_ROWS 40
#define DEC_MAX_LLMS 8
#define DEC_MAX_SPECS 24

/* One LLM's predictions on a row. */
typedef struct decode_llm_values {
    double datasheet[DEC_MAX_FORMATS]; /* tokens/s */
    double measured[DEC_MAX_FORMATS];  /* NAN without a run */
    int fits[DEC_MAX_FORMATS];         /* 1, 0, -1 not known */
} decode_llm_values;

typedef struct decode_row {
    const char *spec_id, *spec_mode;
    const char *run_id;                  /* NULL: predicted from the datasheet alone */
    double datasheet[DEC_MAX_FORMATS];   /* tokens/s */
    double measured[DEC_MAX_FORMATS];    /* tokens/s with the run's ceiling and floor */
    double tokens_per_j[DEC_MAX_FORMATS]; /* with the run's energy fit */
    int fits[DEC_MAX_FORMATS];           /* 1 fits in memory, 0 does not, -1 not known */
    double launch_floor_us;              /* the run's, paid by every call; NAN */
    double calls_per_token;
    decode_llm_values llm[DEC_MAX_LLMS]; /* every LLM's, as decode_data.llms */
} decode_row;

typedef struct decode_need {
    const char *llm, *llm_name;
    size_t format;           /* index into formats */
    double weights, kv_cache; /* bytes */
    const char *no_fit[DEC_MAX_SPECS]; /* specs it does not fit on */
    size_t nno_fit;
} decode_need;

typedef struct decode_spec {
    const char *spec_id;
    double memory, reserve; /* bytes; reserve NAN when the spec does not say */
    int measured;           /* a run of the input measured it (some mode) */
} decode_spec;

typedef struct decode_data {
    int have;           /* a decode CSV was given */
    const char *llm, *llm_name; /* the decode table's LLM; NULL when none */
    size_t nllms;               /* every LLM of the CSV, in CSV order (the chart's panels) */
    const char *llms[DEC_MAX_LLMS], *llm_names[DEC_MAX_LLMS];
    uint64_t context;    /* tokens of context of the table's and chart's rows */
    uint64_t kv_context; /* the largest: the memory fit's */
    size_t ncontexts;    /* distinct contexts of the CSV */
    size_t nformats;
    const char *formats[DEC_MAX_FORMATS];
    size_t nrows, rows_left_out;
    decode_row rows[DEC_MAX_ROWS];
    size_t nneeds;
    decode_need needs[DEC_MAX_LLMS * DEC_MAX_FORMATS];
    size_t nspecs;
    decode_spec specs[DEC_MAX_SPECS];
    /* the KV cache's cost, on the reference row (NULL run: datasheet) */
    const char *kv_spec, *kv_mode, *kv_run;
    double kv_lo[DEC_MAX_LLMS][DEC_MAX_FORMATS]; /* tokens/s at context */
    double kv_hi[DEC_MAX_LLMS][DEC_MAX_FORMATS]; /* tokens/s at kv_context */
} decode_data;

/* dec may be NULL (no decode CSV: have 0, nothing else). */
void decode_data_from_table(const csv_table *dec, decode_data *d);

/* A row's name: "orin_nano_8gb 7W", the mode left out where it is the
 * datasheet's only one ("h100_sxm"), " (run's ceiling)" after a row with
 * a run: still a prediction, with the run's measured ceiling and launch
 * floor in it, never "measured". */
void decode_row_label(const decode_row *r, char *buf, size_t size);

/* Usable memory of a spec: memory minus the reserve (memory when the
 * spec gives no reserve), bytes. */
double decode_spec_usable(const decode_spec *s);

#endif
