#include "gemm_int8_cublas.h"

/* The layout is gemv_cublas.cu's: our row-major W[n][k] is cuBLAS's
 * column-major k x n matrix with lda = k, so y = W x is op(A) = A^T with
 * m = n; x[batch][k] is column-major k x batch (ldb = k, op N); y is
 * column-major n x batch (ldc = n), i.e. y[batch][n]. That is the "TN"
 * layout cuBLAS's int8 tensor-core (IMMA) kernels want: A transposed, B
 * not. With CUBLAS_COMPUTE_32I cuBLAS takes alpha and beta as int32 and
 * supports only 0 and 1 for them, and wants A and B 4-byte aligned and
 * lda, ldb multiples of 4 (cuBLAS documentation of cublasGemmEx); ldc = n
 * is kept a multiple of 4 too. */
extern "C" int gemm_int8_cublas_launch(cublas_ctx *h, const int8_t *w, const int8_t *x, int32_t *y,
                                       int n, int k, int batch, rl_error *err)
{
    if (n <= 0 || k <= 0 || batch <= 0 || n % 4 != 0 || k % 4 != 0)
        return rl_error_set(err, "gemm_int8_cublas: n and k must be positive multiples of 4 (n=%d k=%d batch=%d)",
                            n, k, batch);
    if ((uintptr_t)w % 4 != 0 || (uintptr_t)x % 4 != 0 || (uintptr_t)y % 4 != 0)
        return rl_error_set(err, "gemm_int8_cublas: W, x and y must be 4-byte aligned");
    const int32_t alpha = 1, beta = 0;
    cublasStatus_t st = cublasGemmEx(h->handle, CUBLAS_OP_T, CUBLAS_OP_N, n, batch, k, &alpha, w, CUDA_R_8I, k,
                                     x, CUDA_R_8I, k, &beta, y, CUDA_R_32I, n, CUBLAS_COMPUTE_32I,
                                     CUBLAS_GEMM_DEFAULT);
    if (st != CUBLAS_STATUS_SUCCESS)
        return rl_error_set(err, "cublasGemmEx int8 (n=%d k=%d batch=%d): %s", n, k, batch,
                            cublasGetStatusString(st));
    return 0;
}
