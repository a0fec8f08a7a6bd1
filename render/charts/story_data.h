/* story_data: what each run says about the validation guide's criteria,
 * picked once from the model CSV (and model's summary CSV, the LLM shapes
 * and the decode steps) for the report's first page, its verdicts, the
 * comparison of runs and the hero figure, so they quote one set of numbers.
 *
 * Runs: one per (run_id, device), in order of first appearance; the first
 * is the lead run, the one page 1 reads.
 *
 * The guide's speedup claims (model/hypotheses.h: SEED_HYPOTHESES, one
 * table for model and render) are judged per shape class on a run's
 * counted batch-1 `gemv` rows (in_error_stats yes; a CSV without that
 * column: check ok), the claim's format against fp16 at the same (n, k):
 *   square  the largest square n x n measured in both: the bandwidth limit
 *   llm     every shape that is a GEMV of a layer of an LLM in the LLM file
 *           (llm_config.h): median, smallest and largest speedup
 *   token   a whole decode token (step_data.h: the fastest batch-1 step of
 *           each LLM): median, smallest and largest over the LLMs
 * Beside each measured speedup the two predictions, each the median over
 * the same shapes of its ratio of predicted times: the bytes-only roofline
 * (time_us_pred_measured) and the roofline + launch floor
 * (time_us_pred_measured_floor). A class's verdict reads its median: holds
 * inside the claim's range, short below, exceeds above (hypotheses.h).
 *
 * The guide's "< 15 % error": over a run's counted memory-bound rows
 * (in_error_stats yes, bound memory: model's own population, summary
 * "bound=memory"), |err_pct| of the bytes-only roofline and of the
 * roofline + launch floor: median, 90th percentile (stats.h), largest, and
 * how many are within 15 %; the floor also out of sample, from the
 * summary's floor_score rows (model/floor_score.h). Passes when the median
 * is under 15 %; the floor is judged out of sample when the summary has it.
 *
 * Large errors: a counted row whose |error| with the roofline + launch
 * floor passes 25 % is explained by story_explain (below) or is
 * unexplained; a row over 25 % with the bytes-only roofline alone is
 * explained by the per-call fixed cost when the floor brings it under.
 *
 * Strings point into the tables, which must outlive the data. Nothing the
 * caller frees is allocated (the build frees its scratch); past
 * STORY_MAX_RUNS runs are counted in runs_left_out. Returns 0, or -1 when
 * out of memory.
 */
#ifndef RENDER_STORY_DATA_H
#define RENDER_STORY_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "../../model/hypothesis_table.h"
#include "csv_table.h"
#include "llm_config.h"
#include "step_data.h"

#define STORY_COUNT_ONE(name, format, low, high, claim) +1
enum { STORY_NCLAIMS = 0 SEED_HYPOTHESES(STORY_COUNT_ONE) };
#undef STORY_COUNT_ONE

#define STORY_MAX_RUNS 16
#define STORY_LARGE_ERROR_PCT 25.0 /* an error the report must explain */
#define STORY_CRITERION_PCT 15.0   /* the guide's "< 15 % error" */

enum story_class { CLASS_SQUARE, CLASS_LLM, CLASS_TOKEN, CLASS_COUNT };

/* The format that stands for claim c (SEED_HYPOTHESES' order). */
const char *story_claim_format(size_t c);

/* "the largest square", "LLM layer shapes", "a whole decode token". */
const char *story_class_name(enum story_class c);

typedef struct class_result {
    size_t n;               /* shapes (token: LLMs) with both rows; 0: not measured */
    double median, lo, hi;  /* measured speedup over fp16 */
    uint64_t lo_n, lo_k, hi_n, hi_k; /* shapes of lo and hi (square: its shape) */
    const char *lo_llm, *hi_llm;     /* token: the LLMs of lo and hi */
    double pred_bytes;      /* bytes-only roofline, median of the predicted speedups; NAN */
    double pred_floor;      /* roofline + launch floor, likewise; NAN */
    const char *verdict;    /* holds, short or exceeds on the median; NULL when n is 0 */
} class_result;

typedef struct claim_result {
    const char *name, *format, *claim; /* SEED_HYPOTHESES' */
    double low, high;                  /* the range that counts as holding */
    double ideal;                      /* 16 / bits per weight (formats.h) */
    class_result cls[CLASS_COUNT];
} claim_result;

enum story_pred { PRED_BYTES, PRED_FLOOR, PRED_COUNT };

/* "bytes-only roofline", "roofline + launch floor": the report's one name
 * for each kind of prediction. */
const char *story_pred_name(enum story_pred p);

typedef struct error_criterion {
    size_t rows;                    /* counted memory-bound rows */
    size_t n[PRED_COUNT];           /* of them with the prediction */
    double median[PRED_COUNT], p90[PRED_COUNT], max[PRED_COUNT]; /* |err_pct|, % */
    size_t within[PRED_COUNT];      /* |err_pct| < 15 */
    /* the floor out of sample (summary): left out one shape at a time */
    size_t oos_rows;
    double oos_median, oos_p90, oos_max; /* NAN without the summary's rows */
    double oos_floor_lo, oos_floor_hi;   /* the refitted floors, us */
    size_t half_rows; /* fitted on half the shapes, scored on the other half */
    double half_median, half_p90, half_max;
    /* large errors among the counted rows (every bound) */
    size_t over_bytes;        /* |err| > 25 % with the bytes-only roofline */
    size_t fixed_cost;        /* of those, under 25 % with the launch floor */
    size_t over_floor;        /* |err| > 25 % with the roofline + launch floor */
    size_t unexplained;       /* of those, with no explanation */
} error_criterion;

typedef struct run_story {
    const char *run_id, *device, *spec_id, *spec_mode, *power_mode, *timestamp, *commit;
    size_t first_row, rows, wrong;
    size_t gemv_formats, gemv_shapes; /* batch-1 gemv formats and shapes measured */
    double bw_measured, floor_us;    /* GB/s, us; NAN */
    double full_clock_mhz;           /* highest SM clock of its rows not held down; NAN */
    claim_result claims[STORY_NCLAIMS];
    error_criterion err;
    /* GFLOP/s per W at the largest square, batch 1: fp16, and the claim
     * formats in the claims' order; NAN without energy */
    double gflops_per_w_fp16, gflops_per_w[STORY_NCLAIMS];
    size_t steps; /* measured decode steps (step_data.h) */
} run_story;

#define STORY_MAX_LLM_SHAPES 128

typedef struct story_data {
    size_t nruns, runs_left_out;
    run_story runs[STORY_MAX_RUNS];
    const llm_configs *llms; /* NULL: no LLM file */
    size_t nllm_shapes;      /* distinct layer GEMV shapes of its LLMs */
    uint64_t llm_n[STORY_MAX_LLM_SHAPES], llm_k[STORY_MAX_LLM_SHAPES];
} story_data;

/* t the model CSV; summary (model -s) may be NULL (no out-of-sample
 * score); llms may be NULL (no LLM class); steps from step_data_from_table
 * of t. */
int story_data_from_tables(const csv_table *t, const csv_table *summary, const llm_configs *llms,
                           const step_data *steps, story_data *d);

/* The run of row r of t, or NULL (a run past STORY_MAX_RUNS). */
const run_story *story_run_of(const story_data *d, const csv_table *t, size_t r);

/* 1 when row r of t is in model's error statistics (in_error_stats yes;
 * a CSV from before that column: a right case that is not the read stream,
 * an L2-resident read or a decode step). */
int story_counted(const csv_table *t, size_t r);

/* 1 when (n, k) is the shape of a GEMV of a layer of an LLM of d's file. */
int story_llm_shape(const story_data *d, uint64_t n, uint64_t k);

/* Why row r of run s is off by more than 25 % with the roofline + launch
 * floor, as a sentence into buf (no final full stop), or 0 and buf empty
 * when nothing explains it:
 *   clock   the case ran with its clocks held down (throttled or
 *           clocks_changed) and the roofline + launch floor with every
 *           compute peak scaled by its SM clock over the run's full clock
 *           misses by at most 25 % and by less than before;
 *   dp4a    w8a8 at batch > 1 on the CUDA cores (kernel_unit cuda_dp4a):
 *           its dp4a work grows with the batch (docs/bench-log.md);
 *   int2    an INT2 format on the CUDA cores below 80 % of the read stream:
 *           dequantization-bound (ncu, docs/bench-log.md).
 * The first that applies is given. */
int story_explain(const csv_table *t, size_t r, const run_story *s, char *buf, size_t size);

/* The roofline + launch floor of row r with every compute peak scaled by
 * its SM clock over full_mhz (the run's full clock), us; NAN when a value
 * is missing. Its error against the measured median is story_err_at_clock. */
double story_pred_at_clock(const csv_table *t, size_t r, double full_mhz);
double story_err_at_clock(const csv_table *t, size_t r, double full_mhz);

/* What the clock does to row r's error (roofline + launch floor, else the
 * bytes-only roofline, against its error at the clock):
 *   CLOCK_NO_EFFECT  the scaled peaks move the prediction by under half a
 *                    point: its bytes, not its clock, bound it
 *   CLOCK_EXPLAINS   at its clock it misses by at most 25 % and by less
 *   CLOCK_IN_PART    by less, but still by more than 25 %
 *   CLOCK_OVERSHOOTS by more, the other way: the clock read overstates the
 *                    slowdown
 *   CLOCK_UNKNOWN    a value is missing */
enum story_clock { CLOCK_NO_EFFECT, CLOCK_EXPLAINS, CLOCK_IN_PART, CLOCK_OVERSHOOTS, CLOCK_UNKNOWN };
enum story_clock story_clock_effect(const csv_table *t, size_t r, double full_mhz);

#endif
