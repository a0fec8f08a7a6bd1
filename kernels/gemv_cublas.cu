#include "gemv_cublas.h"

#include <cstdlib>

#include <cublas_v2.h>

struct gemv_cublas {
    cublasHandle_t handle;
};

extern "C" gemv_cublas *gemv_cublas_create(cudaStream_t stream, rl_error *err)
{
    gemv_cublas *h = static_cast<gemv_cublas *>(calloc(1, sizeof *h));
    if (h == NULL) {
        rl_error_set(err, "out of memory for the cuBLAS handle");
        return NULL;
    }
    cublasStatus_t st = cublasCreate(&h->handle);
    if (st == CUBLAS_STATUS_SUCCESS)
        st = cublasSetStream(h->handle, stream);
    if (st != CUBLAS_STATUS_SUCCESS) {
        rl_error_set(err, "cuBLAS: %s", cublasGetStatusString(st));
        if (h->handle != NULL)
            cublasDestroy(h->handle);
        free(h);
        return NULL;
    }
    return h;
}

extern "C" void gemv_cublas_destroy(gemv_cublas *h)
{
    if (h == NULL)
        return;
    cublasDestroy(h->handle);
    free(h);
}

/* Our row-major W[n][k] is cuBLAS's column-major k x n matrix with lda = k,
 * so y = W x is op(A) = A^T with m = n, and the batch is cuBLAS's n. */
extern "C" int gemv_cublas_launch(gemv_cublas *h, const uint16_t *w, const uint16_t *x, uint16_t *y, int n,
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
