/* gemv_launch: the GEMV launcher for every weight format (kernels/gemv.cu).
 * Precondition failures (shape, alignment, batch) are errors, never a
 * silent fallback. Returns 0, or -1 with err set; never synchronises. */
#ifndef GEMV_LAUNCH_H
#define GEMV_LAUNCH_H

#include <cuda_runtime_api.h>

#include "formats.h"
#include "rl_error.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { GEMV_MAX_BATCH = 16 };

typedef struct gemv_args {
    const weight_format *format;
    const void *w;           /* fp16 row-major, or packed codes (quant.h) */
    const uint16_t *scales;  /* fp16, NULL for fp16 weights */
    const uint16_t *zeros;   /* fp16, zero-point formats only */
    const uint16_t *x;       /* fp16 [batch][k] */
    uint16_t *y;             /* fp16 [batch][n] */
    int n, k, batch;
    int group_size;          /* weights per scale (k for per-row scales) */
    /* Tuning overrides, 0 = the launcher's choice: warps that share one
     * row group (1, 2, 4 or 8); tight = 1 caps registers so that four
     * blocks fit an SM, 2 does not; rows = 2 or 4 rows per warp (tight and
     * rows at batch 1 only). */
    int split, tight, rows;
} gemv_args;

int gemv_launch(const gemv_args *a, cudaStream_t stream, rl_error *err);

#ifdef __cplusplus
}
#endif

#endif
