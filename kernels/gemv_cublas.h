/* gemv_cublas: cuBLAS fp16 GEMV (cublasGemmEx with n = batch, fp32
 * compute), the baseline our kernels are compared with in the same run.
 * The handle (cublas_ctx.h) is made once per case and passed explicitly. */
#ifndef GEMV_CUBLAS_H
#define GEMV_CUBLAS_H

#include <stdint.h>

#include <cuda_runtime_api.h>

#include "cublas_ctx.h"
#include "rl_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* y[batch][n] = W[n][k] x[batch][k], all fp16, W row-major. */
int gemv_cublas_launch(cublas_ctx *h, const uint16_t *w, const uint16_t *x, uint16_t *y, int n, int k,
                       int batch, rl_error *err);

#ifdef __cplusplus
}
#endif

#endif
