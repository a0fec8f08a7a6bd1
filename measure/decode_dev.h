/* decode_dev: a decode plan (common/decode_plan.h) on the device: its
 * weights made there (synthetic, kernels.h's synth_fill), copies enough to
 * keep L2 cold, one activation set, and one CUDA graph per copy that runs
 * the whole step.
 *
 * Values: fp16 weights uniform in +-sqrt(3/K); integer codes uniform over
 * all codes, scales uniform in [0.5, 1.5] x s0 with s0 chosen so that
 * K x s0^2 x var(u - z) = 1, zero points uniform over the codes; x0
 * uniform in +-sqrt(3). Each output then has about the variance of its
 * input, so values neither vanish nor overflow fp16 along the chain.
 *
 * decode_dev_make() allocates (all or nothing); decode_dev_free() releases
 * what is there. Errors follow rl_error.h. */
#ifndef DECODE_DEV_H
#define DECODE_DEV_H

#include <stdint.h>

#include <cuda_runtime_api.h>

#include "decode_plan.h"
#include "gemv_launch.h"
#include "rl_error.h"

typedef struct decode_dev {
    const decode_plan *plan;
    const weight_format *format;
    uint64_t copies;
    int pdl, early_chunks;    /* gemv_args' of every launch */
    int split, x_smem;        /* kernel-development overrides (measure --help), 0: the launcher's */
    size_t *w_off, *s_off;    /* [nmatrices]: byte offsets in one copy of codes, of scales (and zeros) */
    size_t w_copy, s_copy;    /* bytes of one copy */
    size_t *y_off;            /* [nlaunches]: element offsets in y */
    uint8_t *w;               /* copies x w_copy */
    uint16_t *scales, *zeros; /* copies x s_copy bytes each; NULL where the format has none */
    uint16_t *x0;             /* [batch][input_k] */
    uint16_t *y;              /* every launch's output, y_elems halves */
    size_t y_elems;
    cudaGraphExec_t *graphs;  /* [copies] */
} decode_dev;

/* Allocates and fills everything on stream (seed: the values), and
 * captures one graph per copy. pdl and early_chunks as gemv_args'. */
int decode_dev_make(decode_dev *d, const decode_plan *p, const weight_format *f, uint64_t copies, int pdl,
                    int early_chunks, int split, int x_smem, uint64_t seed, cudaStream_t stream, rl_error *err);
void decode_dev_free(decode_dev *d);

/* The GEMV of launch l on weight copy `copy`; with input_override >= -1,
 * it reads that launch's output instead (-1: x0): the tests' broken stage. */
gemv_args decode_dev_args(const decode_dev *d, size_t l, uint64_t copy, long input_override);

/* The bytes of one row of a matrix's codes (or fp16 weights) and its
 * scales per row (groups of the format x 2; 0 for fp16). */
size_t decode_row_code_bytes(const weight_format *f, uint64_t k);
size_t decode_row_scale_count(const weight_format *f, uint64_t k);

#endif
