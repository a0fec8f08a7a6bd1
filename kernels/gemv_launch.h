/* gemv_launch: the GEMV launcher for every weight format (kernels/gemv.cu).
 * Two kernels sit behind it: one on the CUDA cores (gemv.cu) and one on the
 * tensor cores (gemv_mma.cu); the launcher picks by batch (GEMV_PATH_AUTO)
 * unless told. Precondition failures (shape, alignment, batch) are errors, never a
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

typedef enum gemv_path {
    GEMV_PATH_AUTO = 0,
    GEMV_PATH_CUDA_CORES = 1,
    GEMV_PATH_TENSOR_CORES = 2,
} gemv_path;

/* The kernel GEMV_PATH_AUTO picks for a format and batch. */
gemv_path gemv_auto_path(const weight_format *f, int batch);

/* The compute unit (by the spec files' names) a call runs on, path as in
 * gemv_args: cuda_fp32, tensor_fp16, or cuda_dp4a for int8 activations. */
const char *gemv_compute_unit(const weight_format *f, int batch, int path);

typedef struct gemv_args {
    const weight_format *format;
    const void *w;           /* fp16 row-major, or packed codes (quant.h) */
    const uint16_t *scales;  /* fp16, NULL for fp16 weights */
    const uint16_t *zeros;   /* fp16, zero-point formats only */
    const uint16_t *x;       /* fp16 [batch][k] */
    const int8_t *x8;        /* int8 [batch][k] (act_quant.h), formats with act_bits = 8 */
    const uint16_t *x_scales; /* fp16 [batch], with x8 */
    uint16_t *y;             /* fp16 [batch][n] */
    int n, k, batch;
    int group_size;          /* weights per scale (k for per-row scales) */
    /* Tuning overrides, 0 = the launcher's choice: warps that share one
     * row group (1, 2, 4 or 8); tight = 1 caps registers so that four
     * blocks fit an SM, 2 does not (CUDA cores, batch 1); rows per warp:
     * 2, 4 or 8 on the CUDA cores (batch 1), 16 or 32 on the tensor cores;
     * path: a gemv_path; x_smem = 1 stages x in shared memory (CUDA
     * cores, batch 1, int4/int2; the default for int2), 2 reads it
     * through L1. */
    int split, tight, rows, path, x_smem;
    /* pdl = 1: launch as a programmatic dependent of the stream's previous
     * kernel (Hopper's programmatic dependent launch, compute capability
     * 9.0 on; gemv_pdl_supported() below). The call then starts while
     * that kernel finishes, and on the CUDA cores at batch 1 each lane
     * loads its first early_chunks chunks of weights (0: the default, 1;
     * 1 or 2; GEMV_EARLY_NONE: none) before it waits for it; the
     * tensor-core path only waits. pdl = 0: an ordinary launch. */
    int pdl, early_chunks;
    /* 0: the weights hold all n rows. 0 < rows_stored < n (batch 1, CUDA
     * cores): they hold only rows_stored rows and row r computes with the
     * weights of row r mod rows_stored, so a large n reads a small block
     * over and over: the issue-roof case (measure's gemv_issue) keeps it in
     * L2 to time what the SMs issue, not what DRAM delivers. */
    int rows_stored;
} gemv_args;

enum { GEMV_EARLY_NONE = -1 };

/* 1 when the current device can launch with pdl (compute capability 9.0
 * or later), else 0. */
int gemv_pdl_supported(void);

int gemv_launch(const gemv_args *a, cudaStream_t stream, rl_error *err);

#ifdef __cplusplus
}
#endif

#endif
