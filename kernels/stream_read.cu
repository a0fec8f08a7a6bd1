/* Read-only stream: the measured DRAM ceiling (BabelStream's "Dot" without
 * the second array). Each thread sums float4s in a grid-stride loop with
 * STREAM_UNROLL loads in flight, then the block reduces and writes one
 * partial sum (so the reads cannot be optimised away). Bytes counted: 4 per
 * element read; the partial sums are noise (one float per block). The
 * L2-resident variant (stream_read_l2, the measured L2 ceiling) is below. */
#include "cuda_check.h"
#include "kernels.h"

enum { STREAM_THREADS = 256, STREAM_UNROLL = 4, STREAM_BLOCKS_PER_SM = 8, WARP = 32 };

/* The block's threads add their acc; thread 0 writes the total to
 * sums[blockIdx.x]. */
static __device__ __forceinline__ void block_sum_store(float acc, float *__restrict__ sums)
{
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
    block_sum_store(acc, sums);
}

/* The L2-resident read: the same grid, block reduction and partial sums,
 * but a buffer small enough to stay in L2 (measure/case_stream.c sizes it)
 * read `passes` times within one launch. Why not the kernel above, launched
 * many times over the small buffer: one pass over a few MiB at L2 speed
 * takes a microsecond or two, about what a launch costs, so the time would
 * measure launches; one launch of many passes amortises the launch and the
 * tail to about 1 %.
 *
 * Two things keep every read an L2 hit rather than an L1 hit: the loads
 * are ld.global.cg (__ldcg: cached in L2 only, never in L1), and the
 * passes run as one flat index j over passes * count4 float4s, element
 * j mod count4, so a thread reads other elements in every pass (unless the
 * grid's stride happens to be a multiple of count4: on an H100, 270336
 * float4s against 819200) and an SM rarely meets its own earlier lines
 * again. Every j < passes * count4 is read by exactly one
 * thread, so every element exactly `passes` times: the sum is passes x
 * the buffer's sum, which the host checks. */
static __global__ void __launch_bounds__(STREAM_THREADS)
    stream_read_l2_kernel(const float4 *__restrict__ a, size_t count4, unsigned passes,
                          float *__restrict__ sums)
{
    size_t stride = (size_t)gridDim.x * STREAM_THREADS;
    size_t total = count4 * passes;
    size_t j = (size_t)blockIdx.x * STREAM_THREADS + threadIdx.x;
    size_t step = stride % count4; /* element index moves by this per stride, mod count4 */
    size_t e = j % count4;
    float acc = 0.0f;
    for (; j + (STREAM_UNROLL - 1) * stride < total; j += STREAM_UNROLL * stride) {
        float4 v[STREAM_UNROLL];
#pragma unroll
        for (int u = 0; u < STREAM_UNROLL; u++) {
            v[u] = __ldcg(a + e);
            e += step; /* e, step < count4: one subtraction wraps it */
            if (e >= count4)
                e -= count4;
        }
#pragma unroll
        for (int u = 0; u < STREAM_UNROLL; u++)
            acc += (v[u].x + v[u].y) + (v[u].z + v[u].w);
    }
    for (; j < total; j += stride) {
        float4 v = __ldcg(a + e);
        e += step;
        if (e >= count4)
            e -= count4;
        acc += (v.x + v.y) + (v.z + v.w);
    }
    block_sum_store(acc, sums);
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

extern "C" int stream_read_l2_launch(const float *a, size_t count, unsigned passes, float *sums, int blocks,
                                     cudaStream_t stream, rl_error *err)
{
    if (count == 0 || count % 4 != 0 || passes == 0 || blocks <= 0)
        return rl_error_set(err, "stream_read_l2: count must be a positive multiple of 4 and passes > 0 "
                                 "(count=%zu passes=%u)", count, passes);
    if ((uintptr_t)a % 16 != 0)
        return rl_error_set(err, "stream_read_l2: the array must be 16-byte aligned");
    stream_read_l2_kernel<<<blocks, STREAM_THREADS, 0, stream>>>(reinterpret_cast<const float4 *>(a),
                                                                 count / 4, passes, sums);
    CUDA_TRY_LAUNCH(err);
    return 0;
}
