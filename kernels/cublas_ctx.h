/* cublas_ctx: one cuBLAS handle bound to a stream, shared by the cuBLAS
 * baselines (gemv_cublas.cu: fp16 GEMV and GEMM; gemm_int8_cublas.cu: the
 * int8 tensor-core GEMM). Usable from C; the launchers see the handle. */
#ifndef CUBLAS_CTX_H
#define CUBLAS_CTX_H

#include <cuda_runtime_api.h>

#include "rl_error.h"

#ifdef __CUDACC__
#include <cublas_v2.h>
struct cublas_ctx {
    cublasHandle_t handle;
};
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cublas_ctx cublas_ctx;

/* NULL with err set when cuBLAS cannot start. */
cublas_ctx *cublas_ctx_create(cudaStream_t stream, rl_error *err);
void cublas_ctx_destroy(cublas_ctx *h);

#ifdef __cplusplus
}
#endif

#endif
