/* gemv_cublas: cuBLAS fp16 GEMV (cublasGemmEx with n = batch, fp32
 * compute), the baseline our kernels are compared with in the same run.
 * The handle is created once per run and passed explicitly. */
#ifndef GEMV_CUBLAS_H
#define GEMV_CUBLAS_H

#include <stdint.h>

#include <cuda_runtime_api.h>

#include "rl_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gemv_cublas gemv_cublas;

/* Creates a handle bound to stream; NULL with err set on failure. */
gemv_cublas *gemv_cublas_create(cudaStream_t stream, rl_error *err);
void gemv_cublas_destroy(gemv_cublas *h);

/* y[batch][n] = W[n][k] x[batch][k], all fp16, W row-major. */
int gemv_cublas_launch(gemv_cublas *h, const uint16_t *w, const uint16_t *x, uint16_t *y, int n, int k,
                       int batch, rl_error *err);

#ifdef __cplusplus
}
#endif

#endif
