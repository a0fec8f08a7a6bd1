/* Synthetic data made on the device: the decode step's weights (billions
 * of values, minutes on the CPU) and its input. Each value is a hash of
 * (seed, index), splitmix64's finaliser, so any launch configuration gives
 * the same array; the CPU checks read the values back, they never remake
 * them. */
#include <cuda_fp16.h>

#include "cuda_check.h"
#include "kernels.h"

namespace {

__device__ __forceinline__ unsigned long long mix64(unsigned long long z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

__global__ void fill_bytes_kernel(unsigned long long *p, size_t words, unsigned long long seed)
{
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < words; i += (size_t)gridDim.x * blockDim.x)
        p[i] = mix64(seed + 0x9e3779b97f4a7c15ULL * (i + 1));
}

__global__ void fill_half_kernel(__half *p, size_t count, float lo, float hi, unsigned long long seed)
{
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < count; i += (size_t)gridDim.x * blockDim.x) {
        const float u = (float)(mix64(seed + 0x9e3779b97f4a7c15ULL * (i + 1)) >> 40) * 0x1.0p-24f; /* [0, 1) */
        p[i] = __float2half_rn(lo + (hi - lo) * u);
    }
}

constexpr unsigned FILL_THREADS = 256, FILL_BLOCKS = 4096;

unsigned blocks_for(size_t count)
{
    const size_t b = (count + FILL_THREADS - 1) / FILL_THREADS;
    return (unsigned)(b < FILL_BLOCKS ? (b > 0 ? b : 1) : FILL_BLOCKS);
}

} // namespace

extern "C" int synth_fill_bytes(void *p, size_t bytes, uint64_t seed, cudaStream_t stream, rl_error *err)
{
    if (bytes % 8 != 0 || (uintptr_t)p % 8 != 0)
        return rl_error_set(err, "synth_fill_bytes: needs 8-byte alignment and length (got %zu bytes)", bytes);
    fill_bytes_kernel<<<blocks_for(bytes / 8), FILL_THREADS, 0, stream>>>(static_cast<unsigned long long *>(p),
                                                                         bytes / 8, seed);
    CUDA_TRY_LAUNCH(err);
    return 0;
}

extern "C" int synth_fill_half(uint16_t *p, size_t count, float lo, float hi, uint64_t seed, cudaStream_t stream,
                               rl_error *err)
{
    if (!(lo <= hi))
        return rl_error_set(err, "synth_fill_half: empty range [%g, %g]", (double)lo, (double)hi);
    fill_half_kernel<<<blocks_for(count), FILL_THREADS, 0, stream>>>(reinterpret_cast<__half *>(p), count, lo, hi,
                                                                      seed);
    CUDA_TRY_LAUNCH(err);
    return 0;
}
