/* decode_check: a decode step's outputs against the CPU.
 *
 * One run of the step (the graph that is timed) with every output poisoned
 * first (0xffff, an fp16 NaN, so an output never written fails), then:
 *   per launch: sampled rows (DECODE_CHECK_ROWS, the first and last among
 *     them), or every row with full = 1, against sum_k w x in double, from
 *     the weights and the very input the GPU holds; the largest
 *     |y - ref| / sum_k |w x| is the row's max_rel_err, within the format's
 *     GEMV tolerance (case_gemv.h);
 *   the chain (full = 1 only): the whole step again on the CPU from x0,
 *     each output rounded to fp16 as the GPU rounds it, and the last
 *     launch's output against it: ||y - y_cpu|| / ||y_cpu|| within
 *     decode_chain_tolerance(). A stage that reads the wrong input or was
 *     never run moves that by about 1.
 * With break_launch >= 0 (tests only) that launch runs on a wrong input
 * (x0), or not at all where x0 is too short, so the check must fail.
 * Errors (CUDA, memory) follow rl_error.h; a wrong output is not an error. */
#ifndef DECODE_CHECK_H
#define DECODE_CHECK_H

#include "decode_dev.h"

enum { DECODE_CHECK_ROWS = 16 };

typedef struct decode_check_result {
    int ok;
    int finite;              /* 0: an output was NaN or inf */
    double max_rel_err;      /* per-launch check, over every checked output */
    int chain_checked;
    double chain_rel_err;    /* full = 1 */
} decode_check_result;

/* The chain's tolerance for a format: fp16 sums within a chunk (int4, int2)
 * err by about 0.5% of |y| a stage, fp32 sums by an fp16 rounding. */
double decode_chain_tolerance(const weight_format *f);

int decode_check_run(const decode_dev *d, uint64_t copy, int full, long break_launch, double gemv_tol,
                     cudaStream_t stream, decode_check_result *out, rl_error *err);

#endif
