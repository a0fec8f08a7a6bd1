/* Read-only stream: the measured DRAM ceiling (BabelStream's "Dot" without
 * the second array). Each thread sums float4s in a grid-stride loop with
 * STREAM_UNROLL loads in flight, then the block reduces and writes one
 * partial sum (so the reads cannot be optimised away). Bytes counted: 4 per
 * element read; the partial sums are noise (one float per block). */
#include "cuda_check.h"
#include "kernels.h"

enum { STREAM_THREADS = 256, STREAM_UNROLL = 4, STREAM_BLOCKS_PER_SM = 8, WARP = 32 };

static __global__ void __launch_bounds__(STREAM_THREADS)
    stream_read_kernel(const float4 *__restrict__ a, size_t count4, float *__restrict__ sums)
{
    size_t stride = (size_t)gridDim.x * STREAM_THREADS;
    size_t i = (size_t)blockIdx.x * STREAM_THREADS + threadIdx.x;
    float acc = 0.0f;
    for (; i + (STREAM_UNROLL - 1) * stride < count4; i += STREAM_UNROLL * stride) {
        float4 v[STREAM_UNROLL];
#pragma unroll
        for (int u = 0; u < STREAM_UNROLL; u++)
            v[u] = __ldcs(a + i + u * stride);
#pragma unroll
        for (int u = 0; u < STREAM_UNROLL; u++)
            acc += (v[u].x + v[u].y) + (v[u].z + v[u].w);
    }
    for (; i < count4; i += stride) {
        float4 v = __ldcs(a + i);
        acc += (v.x + v.y) + (v.z + v.w);
    }
    __shared__ float warp_sums[STREAM_THREADS / WARP];
#pragma unroll
    for (int off = WARP / 2; off > 0; off /= 2)
        acc += __shfl_xor_sync(0xffffffffu, acc, off);
    if (threadIdx.x % WARP == 0)
        warp_sums[threadIdx.x / WARP] = acc;
    __syncthreads();
    if (threadIdx.x == 0) {
        float total = 0.0f;
        for (int w = 0; w < STREAM_THREADS / WARP; w++)
            total += warp_sums[w];
        sums[blockIdx.x] = total;
    }
}

extern "C" int stream_read_blocks(int sm_count)
{
    return sm_count * STREAM_BLOCKS_PER_SM;
}

extern "C" int stream_read_launch(const float *a, size_t count, float *sums, int blocks,
                                  cudaStream_t stream, rl_error *err)
{
    if (count == 0 || count % 4 != 0 || blocks <= 0)
        return rl_error_set(err, "stream_read: count must be a positive multiple of 4 (count=%zu)", count);
    if ((uintptr_t)a % 16 != 0)
        return rl_error_set(err, "stream_read: the array must be 16-byte aligned");
    stream_read_kernel<<<blocks, STREAM_THREADS, 0, stream>>>(reinterpret_cast<const float4 *>(a),
                                                              count / 4, sums);
    CUDA_TRY_LAUNCH(err);
    return 0;
}
