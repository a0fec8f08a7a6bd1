/* Copy and triad streams in double, BabelStream's kernels and counting
 * (bytes read plus bytes written, no write-allocate): copy c = a moves 16
 * bytes an element, triad a = b + s*c moves 24. One element per thread in a
 * grid-stride loop, as BabelStream's CUDA backend does. */
#include "cuda_check.h"
#include "kernels.h"

namespace {

constexpr int THREADS = 1024;

__global__ void copy_kernel(const double *__restrict__ a, double *__restrict__ c, size_t n)
{
    for (size_t i = (size_t)blockIdx.x * THREADS + threadIdx.x; i < n; i += (size_t)gridDim.x * THREADS)
        c[i] = a[i];
}

__global__ void triad_kernel(double *__restrict__ a, const double *__restrict__ b, const double *__restrict__ c,
                             double s, size_t n)
{
    for (size_t i = (size_t)blockIdx.x * THREADS + threadIdx.x; i < n; i += (size_t)gridDim.x * THREADS)
        a[i] = b[i] + s * c[i];
}

unsigned blocks_for(size_t n)
{
    size_t b = (n + THREADS - 1) / THREADS;
    return (unsigned)(b > 65535u * 16u ? 65535u * 16u : b);
}

} // namespace

extern "C" int stream_copy_launch(const double *a, double *c, size_t n, cudaStream_t stream, rl_error *err)
{
    if (n == 0)
        return rl_error_set(err, "stream_copy: no elements");
    copy_kernel<<<blocks_for(n), THREADS, 0, stream>>>(a, c, n);
    CUDA_TRY_LAUNCH(err);
    return 0;
}

extern "C" int stream_triad_launch(double *a, const double *b, const double *c, double scalar, size_t n,
                                   cudaStream_t stream, rl_error *err)
{
    if (n == 0)
        return rl_error_set(err, "stream_triad: no elements");
    triad_kernel<<<blocks_for(n), THREADS, 0, stream>>>(a, b, c, scalar, n);
    CUDA_TRY_LAUNCH(err);
    return 0;
}
