/* Compute peaks of the CUDA cores: fp32 FMA, fp16x2 HFMA2 and int8 dp4a.
 *
 * Each thread runs PEAK_CHAINS independent dependency chains (enough to
 * cover the pipeline latency with a full SM), iters steps each, then writes
 * the sum of its chains (4 bytes) so nothing is optimised away. Chains are
 * x = x * b + c with 0 < b < 1: they converge, never overflow, and a CPU
 * can replay any thread exactly (fp32, dp4a) or to rounding (fp16x2). */
#include <cuda_fp16.h>

#include "cuda_check.h"
#include "peak_launch.h"

namespace {

constexpr int THREADS = 256;

__global__ void __launch_bounds__(THREADS) fma_fp32_kernel(float *out, int iters, float b, float c)
{
    const int tid = blockIdx.x * THREADS + threadIdx.x;
    float x[PEAK_CHAINS];
#pragma unroll
    for (int i = 0; i < PEAK_CHAINS; i++)
        x[i] = peak_fp32_start(tid, i);
    /* unrolled 16 steps: loop bookkeeping under 1% of the instructions */
#pragma unroll 16
    for (int it = 0; it < iters; it++)
#pragma unroll
        for (int i = 0; i < PEAK_CHAINS; i++)
            x[i] = fmaf(x[i], b, c);
    float s = 0.0f;
#pragma unroll
    for (int i = 0; i < PEAK_CHAINS; i++)
        s += x[i];
    out[tid] = s;
}

__global__ void __launch_bounds__(THREADS) hfma2_kernel(__half2 *out, int iters, __half2 b, __half2 c)
{
    const int tid = blockIdx.x * THREADS + threadIdx.x;
    __half2 x[PEAK_CHAINS];
#pragma unroll
    for (int i = 0; i < PEAK_CHAINS; i++)
        x[i] = __floats2half2_rn(peak_fp16_start(tid, i, 0), peak_fp16_start(tid, i, 1));
    /* unrolled 16 steps: loop bookkeeping under 1% of the instructions */
#pragma unroll 16
    for (int it = 0; it < iters; it++)
#pragma unroll
        for (int i = 0; i < PEAK_CHAINS; i++)
            x[i] = __hfma2(x[i], b, c);
    __half2 s = __float2half2_rn(0.0f);
#pragma unroll
    for (int i = 0; i < PEAK_CHAINS; i++)
        s = __hadd2(s, x[i]);
    out[tid] = s;
}

__global__ void __launch_bounds__(THREADS) dp4a_kernel(int *out, int iters, int b)
{
    const int tid = blockIdx.x * THREADS + threadIdx.x;
    int x[PEAK_CHAINS];
#pragma unroll
    for (int i = 0; i < PEAK_CHAINS; i++)
        x[i] = peak_int_start(tid, i);
    /* unrolled 16 steps: loop bookkeeping under 1% of the instructions */
#pragma unroll 16
    for (int it = 0; it < iters; it++)
#pragma unroll
        for (int i = 0; i < PEAK_CHAINS; i++)
            x[i] = __dp4a(x[i], b, x[i]); /* wraps like the CPU's uint32 replay */
    int s = 0;
#pragma unroll
    for (int i = 0; i < PEAK_CHAINS; i++)
        s += x[i];
    out[tid] = s;
}

} // namespace

extern "C" int peak_threads_per_block(void)
{
    return THREADS;
}

extern "C" int peak_launch(peak_kind kind, void *out, int blocks, int iters, cudaStream_t stream, rl_error *err)
{
    if (blocks <= 0 || iters <= 0)
        return rl_error_set(err, "peak: blocks and iters must be positive (%d, %d)", blocks, iters);
    switch (kind) {
    case PEAK_FMA_FP32:
        fma_fp32_kernel<<<blocks, THREADS, 0, stream>>>(static_cast<float *>(out), iters, PEAK_B, PEAK_C);
        break;
    case PEAK_HFMA2:
        hfma2_kernel<<<blocks, THREADS, 0, stream>>>(static_cast<__half2 *>(out), iters, __float2half2_rn(PEAK_B),
                                                     __float2half2_rn(PEAK_C));
        break;
    case PEAK_DP4A:
        dp4a_kernel<<<blocks, THREADS, 0, stream>>>(static_cast<int *>(out), iters, PEAK_DP4A_B);
        break;
    default:
        return rl_error_set(err, "peak: unknown kind %d", (int)kind);
    }
    CUDA_TRY_LAUNCH(err);
    return 0;
}
