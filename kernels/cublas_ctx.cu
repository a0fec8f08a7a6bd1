#include "cublas_ctx.h"

#include <cstdlib>

extern "C" cublas_ctx *cublas_ctx_create(cudaStream_t stream, rl_error *err)
{
    cublas_ctx *h = static_cast<cublas_ctx *>(calloc(1, sizeof *h));
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

extern "C" void cublas_ctx_destroy(cublas_ctx *h)
{
    if (h == NULL)
        return;
    cublasDestroy(h->handle);
    free(h);
}
