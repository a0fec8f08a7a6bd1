/* fp16 GEMV at the DRAM limit.
 *
 * One warp per output row. Each lane loads 16 bytes (8 weights) per step and
 * keeps GEMV_UNROLL steps in flight before the first use, so a warp has
 * 32 x 16 x 4 = 2 KiB of weight loads outstanding; with the row's loads
 * coalesced, the warp streams its row once. Weights are read with the
 * streaming hint (__ldcs: evict-first, they are touched once); x is small and
 * re-read by every warp, so it goes through the read-only path (__ldg) and
 * stays in L1/L2. Accumulation is fp32 FMA on CUDA cores (the unit the model
 * charges: cuda_fp32); at 16 bytes per 8 FMA the kernel needs about 5% of
 * the fp32 peak at full bandwidth, so it is bandwidth-bound by design.
 */
#include <cuda_fp16.h>

#include "cuda_check.h"
#include "kernels.h"

enum { GEMV_WARPS_PER_BLOCK = 8, GEMV_UNROLL = 4, WARP = 32 };

static __device__ __forceinline__ float dot8(uint4 w, uint4 x)
{
    const __half2 *wh = reinterpret_cast<const __half2 *>(&w);
    const __half2 *xh = reinterpret_cast<const __half2 *>(&x);
    float acc = 0.0f;
#pragma unroll
    for (int i = 0; i < 4; i++) {
        float2 wf = __half22float2(wh[i]);
        float2 xf = __half22float2(xh[i]);
        acc = fmaf(wf.x, xf.x, acc);
        acc = fmaf(wf.y, xf.y, acc);
    }
    return acc;
}

static __global__ void __launch_bounds__(GEMV_WARPS_PER_BLOCK *WARP)
    gemv_fp16_kernel(const uint4 *__restrict__ w, const uint4 *__restrict__ x, __half *__restrict__ y,
                     int n, int k8)
{
    int row = blockIdx.x * GEMV_WARPS_PER_BLOCK + (threadIdx.x / WARP);
    int lane = threadIdx.x % WARP;
    if (row >= n)
        return;
    const uint4 *wrow = w + (size_t)row * k8;
    float acc = 0.0f;
    int i = lane;
    for (; i + (GEMV_UNROLL - 1) * WARP < k8; i += GEMV_UNROLL * WARP) {
        uint4 wv[GEMV_UNROLL], xv[GEMV_UNROLL];
#pragma unroll
        for (int u = 0; u < GEMV_UNROLL; u++) {
            wv[u] = __ldcs(wrow + i + u * WARP);
            xv[u] = __ldg(x + i + u * WARP);
        }
#pragma unroll
        for (int u = 0; u < GEMV_UNROLL; u++)
            acc += dot8(wv[u], xv[u]);
    }
    for (; i < k8; i += WARP)
        acc += dot8(__ldcs(wrow + i), __ldg(x + i));
#pragma unroll
    for (int off = WARP / 2; off > 0; off /= 2)
        acc += __shfl_xor_sync(0xffffffffu, acc, off);
    if (lane == 0)
        y[row] = __float2half_rn(acc);
}

extern "C" int gemv_fp16_launch(const uint16_t *w, const uint16_t *x, uint16_t *y, int n, int k,
                                cudaStream_t stream, rl_error *err)
{
    if (n <= 0 || k <= 0 || k % 8 != 0)
        return rl_error_set(err, "gemv_fp16: k must be a positive multiple of 8 and n positive (n=%d k=%d)",
                            n, k);
    if (((uintptr_t)w | (uintptr_t)x) % 16 != 0)
        return rl_error_set(err, "gemv_fp16: w and x must be 16-byte aligned");
    unsigned blocks = (unsigned)((n + GEMV_WARPS_PER_BLOCK - 1) / GEMV_WARPS_PER_BLOCK);
    gemv_fp16_kernel<<<blocks, GEMV_WARPS_PER_BLOCK * WARP, 0, stream>>>(
        reinterpret_cast<const uint4 *>(w), reinterpret_cast<const uint4 *>(x),
        reinterpret_cast<__half *>(y), n, k / 8);
    CUDA_TRY_LAUNCH(err);
    return 0;
}
