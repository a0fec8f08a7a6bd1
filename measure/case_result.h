/* case_result: what one measured case produced, and how it becomes a row. */
#ifndef CASE_RESULT_H
#define CASE_RESULT_H

#include <stdint.h>

#include "csv_row.h"
#include "clock_watch.h"
#include "power_source.h"
#include "rail_cell.h"
#include "run_context.h"
#include "stats.h"
#include "timing.h"

struct llm_config;

typedef struct case_shape {
    const char *kernel; /* a row of common/workloads.h */
    const char *format;
    uint64_t n, k, batch;
    const struct llm_config *llm; /* decode_step: the model (n: its layers to run, k: its hidden size) */
    int scheme;                   /* decode_step: a row of case_decode.h's DECODE_SCHEMES */
} case_shape;

/* What a decode_step case adds to its row (llm NULL for every other case). */
typedef struct decode_info {
    const char *llm;          /* model id */
    uint64_t llm_layers;      /* the whole model's */
    uint64_t layers_run;      /* the step's: llm_layers, or those that fit (the row's n) */
    uint64_t launches;        /* kernel launches per step */
    const char *scheme;       /* DECODE_SCHEMES name */
    double full_model_scale;  /* bytes of the whole model's step / bytes of the step that ran */
} decode_info;

typedef struct case_result {
    time_stats times;
    int counted;            /* bytes and flop below, where the workloads table cannot count the case */
    uint64_t bytes, flop;
    decode_info decode;
    uint64_t working_set_bytes;
    const char *kernel_unit; /* the unit the kernel ran on; NULL: the workloads table's */
    int check_ok;       /* output matched the CPU reference within tolerance */
    int error_finite;   /* 0 when an output was NaN/inf (max_rel_err unknown) */
    double max_rel_err; /* largest |y - ref| / sum|w*x| */
    int energy_valid;   /* the sustained loop gave energy; else cells stay empty */
    double energy_uj;   /* per call */
    double power_w;     /* average over the loop */
    int samples_counted; /* the sensor counted its samples (Jetson INA3221) */
    uint64_t energy_samples;      /* its samples inside the loop */
    double energy_sample_rate_hz; /* and per second of the loop */
    size_t nrails;      /* Jetson: every INA3221 rail's average over the loop */
    rail_watts rails[POWER_RAILS_MAX];
    power_clocks clocks; /* read during the loop, device busy; validity per field */
    clock_watch watch;   /* SM clock and event reasons over every batch of the loop */
} case_result;

/* Kernel-development overrides (measure's environment, see --help);
 * 0 = the launcher's own choice. */
typedef struct gemv_tuning {
    int split, tight, rows, path, x_smem;
} gemv_tuning;

/* How a case is run: time it, or only check it (make test-gpu). */
typedef struct case_options {
    timing_plan plan;
    int check_only;
    int energy; /* measure energy per call after timing (needs a sensor) */
    double energy_min_ms; /* shortest energy loop between two counter ticks */
    uint64_t seed; /* fresh per run: every case checks on new random data */
    gemv_tuning gemv;
    uint64_t decode_memory_bytes; /* decode_step: device memory it may use; 0: what the device has free */
    int decode_early_chunks;      /* decode_step: gemv_args.early_chunks for schemes with PDL */
} case_options;

/* Fills row from the context, the shape (bytes and flop from the counting
 * table) and the result. */
int case_result_fill_row(const run_context *ctx, const case_shape *shape, const case_result *res,
                         csv_row *row, rl_error *err);

/* Starts a result with no error seen yet. */
void case_result_init(case_result *res);

/* Folds one output into the running error: |y - ref| / scale. */
void case_result_add_error(case_result *res, double y, double ref, double scale);

/* Test only (make test-gpu): 1 when $RL_TEST_BREAK_KERNEL is KERNEL/FORMAT
 * of this case, e.g. gemv/w4a16_g128. Its check then finds one output
 * element wrong (changed on the host after the copy back), so the row says
 * "wrong" and measure exits 3. Only GEMV cases honour it. */
int case_break_requested(const case_shape *shape);

/* Buffers to rotate over so that count * bytes_each >= cold_bytes (>= 2). */
uint64_t case_rotation_count(uint64_t bytes_each, uint64_t cold_bytes);

#endif
