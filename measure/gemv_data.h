/* gemv_data: the host side of a GEMV case: random weights in the case's
 * format (quantized with the CPU reference quantizer), random activations,
 * (int8 too, for formats with int8 activations), and the reference output
 * in double from exactly the values the GPU reads. Row loops run in parallel (OpenMP). */
#ifndef GEMV_DATA_H
#define GEMV_DATA_H

#include <stdint.h>

#include "formats.h"
#include "quant.h"
#include "rl_error.h"

typedef struct gemv_data {
    const weight_format *format;
    int n, k, batch;
    uint16_t *w16;     /* fp16 weights, row-major (fp16 format only) */
    quant_matrix q;    /* integer formats */
    uint16_t *x;       /* fp16 [batch][k] */
    int8_t *x8;        /* int8 activations [batch][k] (act_quant.h), act_bits = 8 only */
    uint16_t *x_scales; /* fp16 [batch], with x8 */
    /* The reference covers every column up to GEMV_DATA_FULL_CHECK_BATCH;
     * past that (GEMM-sized batches) a sample of columns, the first and
     * last among them: a full CPU reference would take hours. */
    int ncols;         /* columns with a reference */
    int *cols;         /* [ncols]: which batch columns */
    double *ref;       /* [ncols][n]: sum_j w_ij x_j in double */
    double *scale;     /* [ncols][n]: sum_j |w_ij x_j|, the error yardstick */
} gemv_data;

enum { GEMV_DATA_FULL_CHECK_BATCH = 16, GEMV_DATA_SAMPLED_COLS = 8 };

/* Makes the data for one case; seed makes it reproducible. */
int gemv_data_make(gemv_data *d, const weight_format *f, int n, int k, int batch, uint64_t seed, rl_error *err);
void gemv_data_free(gemv_data *d);

/* Bytes of one copy of the weights (codes, scales, zeros) on the device. */
uint64_t gemv_data_weight_bytes(const gemv_data *d);

#endif
