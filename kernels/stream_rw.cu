/* Copy and triad streams in double, BabelStream's operations and counting
 * (bytes read plus bytes written, no write-allocate): copy c = a moves 16
 * bytes an element, triad a = b + s*c moves 24. Each thread moves a double2
 * (16-byte accesses): with one double a thread, as BabelStream's CUDA
 * backend does, copy kept too few bytes in flight on an H100 (2737 GB/s
 * against triad's 3074). An odd last element is done by thread 0. */
#include "cuda_check.h"
#include "kernels.h"

namespace {

constexpr int THREADS = 1024;

__global__ void copy_kernel(const double *__restrict__ a, double *__restrict__ c, size_t n)
{
    const double2 *a2 = reinterpret_cast<const double2 *>(a);
    double2 *c2 = reinterpret_cast<double2 *>(c);
    for (size_t i = (size_t)blockIdx.x * THREADS + threadIdx.x; i < n / 2; i += (size_t)gridDim.x * THREADS)
        c2[i] = a2[i];
    if (blockIdx.x == 0 && threadIdx.x == 0 && n % 2)
        c[n - 1] = a[n - 1];
}

__global__ void triad_kernel(double *__restrict__ a, const double *__restrict__ b, const double *__restrict__ c,
                             double s, size_t n)
{
    double2 *a2 = reinterpret_cast<double2 *>(a);
    const double2 *b2 = reinterpret_cast<const double2 *>(b), *c2 = reinterpret_cast<const double2 *>(c);
    for (size_t i = (size_t)blockIdx.x * THREADS + threadIdx.x; i < n / 2; i += (size_t)gridDim.x * THREADS) {
        double2 bv = b2[i], cv = c2[i];
        a2[i] = make_double2(bv.x + s * cv.x, bv.y + s * cv.y);
    }
    if (blockIdx.x == 0 && threadIdx.x == 0 && n % 2)
        a[n - 1] = b[n - 1] + s * c[n - 1];
}

unsigned blocks_for(size_t n)
{
    size_t b = (n / 2 + THREADS - 1) / THREADS;
    b = b > 0 ? b : 1;
    return (unsigned)(b > 65535u * 16u ? 65535u * 16u : b);
}

} // namespace

extern "C" int stream_copy_launch(const double *a, double *c, size_t n, cudaStream_t stream, rl_error *err)
{
    if (n == 0 || ((uintptr_t)a | (uintptr_t)c) % 16 != 0)
        return rl_error_set(err, "stream_copy: needs elements and 16-byte aligned arrays");
    copy_kernel<<<blocks_for(n), THREADS, 0, stream>>>(a, c, n);
    CUDA_TRY_LAUNCH(err);
    return 0;
}

extern "C" int stream_triad_launch(double *a, const double *b, const double *c, double scalar, size_t n,
                                   cudaStream_t stream, rl_error *err)
{
    if (n == 0 || ((uintptr_t)a | (uintptr_t)b | (uintptr_t)c) % 16 != 0)
        return rl_error_set(err, "stream_triad: needs elements and 16-byte aligned arrays");
    triad_kernel<<<blocks_for(n), THREADS, 0, stream>>>(a, b, c, scalar, n);
    CUDA_TRY_LAUNCH(err);
    return 0;
}
