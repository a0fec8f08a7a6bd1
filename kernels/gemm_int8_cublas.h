/* gemm_int8_cublas: cuBLAS int8 GEMM with int32 accumulate and output
 * (cublasGemmEx, CUDA_R_8I inputs, CUDA_R_32I output, CUBLAS_COMPUTE_32I),
 * which runs on the int8 tensor cores (IMMA): the measured int8
 * tensor-core peak. The handle is made once per case and passed
 * explicitly, as gemv_cublas.h does for the fp16 GEMV. */
#ifndef GEMM_INT8_CUBLAS_H
#define GEMM_INT8_CUBLAS_H

#include <stdint.h>

#include <cuda_runtime_api.h>

#include "cublas_ctx.h"
#include "rl_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* y[batch][n] = W[n][k] x[batch][k]: int8 W (row-major) and x, int32 y,
 * exact (int32 accumulate; |y| < 2^31 while k * 128 * 128 < 2^31, i.e.
 * k < 131072). n and k must be multiples of 4, the pointers 4-byte
 * aligned (cuBLAS's int8 rules); anything else is an error, not a slower
 * fallback. */
int gemm_int8_cublas_launch(cublas_ctx *h, const int8_t *w, const int8_t *x, int32_t *y, int n, int k,
                            int batch, rl_error *err);

#ifdef __cplusplus
}
#endif

#endif
