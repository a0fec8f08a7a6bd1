#include "gemv_cublas.h"

/* Our row-major W[n][k] is cuBLAS's column-major k x n matrix with lda = k,
 * so y = W x is op(A) = A^T with m = n, and the batch is cuBLAS's n. */
extern "C" int gemv_cublas_launch(cublas_ctx *h, const uint16_t *w, const uint16_t *x, uint16_t *y, int n,
                                  int k, int batch, rl_error *err)
{
    const float alpha = 1.0f, beta = 0.0f;
    cublasStatus_t st = cublasGemmEx(h->handle, CUBLAS_OP_T, CUBLAS_OP_N, n, batch, k, &alpha, w, CUDA_R_16F, k,
                                     x, CUDA_R_16F, k, &beta, y, CUDA_R_16F, n, CUBLAS_COMPUTE_32F,
                                     CUBLAS_GEMM_DEFAULT);
    if (st != CUBLAS_STATUS_SUCCESS)
        return rl_error_set(err, "cublasGemmEx (n=%d k=%d batch=%d): %s", n, k, batch, cublasGetStatusString(st));
    return 0;
}
