/* hypotheses: the seed's claims about quantized GEMV, judged on a run.
 *
 * The seed (seed/jetson-validation-guide.md) expects INT8 weights to make a
 * bandwidth-bound GEMV about 2x faster than fp16, INT4 3-4x and INT2 6.4x.
 * Each claim is one row below: the format that stands for it and the range
 * of speedups that count as the claim holding ("about X" is X +- 10%).
 *
 * Judged on one run's `gemv` rows at batch 1 with in_error_stats: for every
 * shape (n, k) with both an fp16 and a claim-format row, the speedup
 * t_fp16 / t_format. The verdict reads the largest such shape (the one a
 * launch floor distorts least): holds inside the range, short below it,
 * exceeds above it. Beside it: the median over all shapes, the ratio of
 * bytes (the roofline's ideal speedup) and the speedup the measured ceiling
 * plus launch floor predicts at that shape.
 */
#ifndef HYPOTHESES_H
#define HYPOTHESES_H

#include <stddef.h>
#include <stdint.h>

#include "run_fit.h"

#include "hypothesis_table.h"

typedef struct hypothesis {
    const char *name, *format;
    double low, high; /* the speedups over fp16 that count as holding */
    const char *claim;
} hypothesis;

extern const hypothesis SEED_HYPOTHESIS_TABLE[];
extern const size_t SEED_HYPOTHESIS_COUNT;

/* The kernel, batch and baseline format the claims are judged on. */
#define HYPOTHESIS_KERNEL "gemv"
#define HYPOTHESIS_BASELINE "fp16"

typedef struct hypothesis_result {
    const hypothesis *h;
    size_t shapes;             /* shapes with both rows; 0: nothing to judge */
    uint64_t n, k;             /* the largest of them */
    double speedup_measured;   /* t_fp16 / t_format there */
    double speedup_median;     /* over all shapes */
    double speedup_bytes;      /* bytes_fp16 / bytes_format there */
    double speedup_pred_floor; /* predicted with ceiling + floor; NaN without */
    const char *verdict;       /* "holds", "short", "exceeds"; NULL when shapes is 0 */
} hypothesis_result;

/* Judges h on run f; -1 when out of memory. */
int hypothesis_judge(const hypothesis *h, const model_case *cases, size_t n, const run_fit *f,
                     hypothesis_result *out);

/* "holds", "short" or "exceeds" for a measured speedup. */
const char *hypothesis_verdict(const hypothesis *h, double speedup);

#endif
