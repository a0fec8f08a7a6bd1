/* w8a8 GEMV: int8 weights and int8 activations, dp4a on the CUDA cores.
 *
 * Weights are unsigned codes u with the symmetric mid-rise zero 127.5 and
 * one fp16 scale per row (quant.h); activations are signed codes q with
 * one fp16 scale per batch column, in the same byte order (act_quant.h). So
 *     y = s_w * s_x * sum_k (u - 127.5) q = s_w * s_x * (2 sum u q - 255 sum q) / 2
 * and both sums are exact in integers: one dp4a.u32.s32 per four weights
 * per column, one dp4a with 0x01010101 per four activations for sum q.
 * |sum u q| <= 255 * 127 * k stays inside int32 for k <= 65536 (checked by
 * the launcher); the split warps add in 64 bits.
 *
 * Work split as in gemv.cu: R rows per warp, each lane streams 16-byte
 * chunks (16 weights) of them, `split` warps share a row group's chunks.
 */
#include <cuda_fp16.h>

#include "gemv_parts.cuh"
#include "gemv_paths.h"

namespace {

constexpr int ONES = 0x01010101;

__device__ __forceinline__ int dp4a_us(unsigned a, unsigned b, int c)
{
    int d;
    asm("dp4a.u32.s32 %0, %1, %2, %3;" : "=r"(d) : "r"(a), "r"(b), "r"(c));
    return d;
}

__device__ __forceinline__ int dp4a_ss(unsigned a, int b, int c)
{
    return __dp4a((int)a, b, c);
}

template <int B, int R>
__global__ void __launch_bounds__(WARPS_PER_BLOCK *WARP)
    gemv_w8a8_kernel(const uint4 *__restrict__ w, const __half *__restrict__ scales, const uint4 *__restrict__ x8,
                     const __half *__restrict__ x_scales, __half *__restrict__ y, int n, int k, int batch, int split,
                     int rows_stored)
{
    __shared__ int partial[WARPS_PER_BLOCK][R * B + B];
    const int chunks = k / 16;
    int rows[R];
    const row_group g = row_group_of<R>(split, n, rows_stored, rows);
    const int warp = g.warp, lane = g.lane, slice = g.slice, row0 = g.row0;

    int acc[R][B], xsum[B];
#pragma unroll
    for (int j = 0; j < B; j++) {
        xsum[j] = 0;
#pragma unroll
        for (int r = 0; r < R; r++)
            acc[r][j] = 0;
    }
    for (int c = slice * WARP + lane; c < chunks; c += split * WARP) {
        uint4 code[R];
#pragma unroll
        for (int r = 0; r < R; r++)
            code[r] = __ldcs(w + (size_t)rows[r] * chunks + c);
#pragma unroll
        for (int j = 0; j < B; j++) {
            if (j >= batch)
                break;
            const uint4 xv = __ldg(x8 + (size_t)j * chunks + c);
            xsum[j] = dp4a_ss(xv.w, ONES, dp4a_ss(xv.z, ONES, dp4a_ss(xv.y, ONES, dp4a_ss(xv.x, ONES, xsum[j]))));
#pragma unroll
            for (int r = 0; r < R; r++) {
                int a = dp4a_us(code[r].x, xv.x, acc[r][j]);
                a = dp4a_us(code[r].y, xv.y, a);
                a = dp4a_us(code[r].z, xv.z, a);
                acc[r][j] = dp4a_us(code[r].w, xv.w, a);
            }
        }
    }

#pragma unroll
    for (int j = 0; j < B; j++) {
#pragma unroll
        for (int r = 0; r <= R; r++) { /* r == R: the sum of q */
            int v = r < R ? acc[r][j] : xsum[j];
#pragma unroll
            for (int off = WARP / 2; off > 0; off /= 2)
                v += __shfl_xor_sync(0xffffffffu, v, off);
            if (lane == 0)
                partial[warp][r < R ? r * B + j : R * B + j] = v;
        }
    }
    __syncthreads();
    if (slice == 0 && lane < R * B) {
        const int r = lane / B, j = lane % B;
        long long uq = 0, q = 0;
        for (int s = 0; s < split; s++) {
            uq += partial[warp + s][lane];
            q += partial[warp + s][R * B + j];
        }
        if (j < batch && row0 + r < n) {
            const float twice = (float)(2 * uq - 255 * q); /* 2 * sum (u - 127.5) q, exact before this rounding */
            const int row = row0 + r < rows_stored ? row0 + r : (row0 + r) % rows_stored;
            const float s = __half2float(scales[row]) * __half2float(x_scales[j]);
            y[(size_t)j * n + row0 + r] = __float2half_rn(0.5f * s * twice);
        }
    }
}

template <int B> void launch_b(const gemv_args *a, cudaStream_t stream)
{
    constexpr int R = B <= 2 ? 4 : 2; /* as gemv.cu: fewer rows leave registers for the batch */
    const int chunks = a->k / 16;
    int split = a->split > 0 ? a->split : gemv_split_for(8, (a->n + R - 1) / R, chunks);
    /* At batch 16 the wider split's shared-memory reduction of 48 sums a
     * warp costs more than it hides: 8192^2 on an H100 took 64.7 us split 2
     * and 73.2 split 4 (the two full runs of 2026-11-26 07:07 and 07:24). */
    if (B > 8 && a->split == 0 && split > 2)
        split = 2;
    const int rows_per_block = (WARPS_PER_BLOCK / split) * R;
    const unsigned blocks = (unsigned)((a->n + rows_per_block - 1) / rows_per_block);
    gemv_w8a8_kernel<B, R><<<blocks, WARPS_PER_BLOCK * WARP, 0, stream>>>(
        reinterpret_cast<const uint4 *>(a->w), reinterpret_cast<const __half *>(a->scales),
        reinterpret_cast<const uint4 *>(a->x8), reinterpret_cast<const __half *>(a->x_scales),
        reinterpret_cast<__half *>(a->y), a->n, a->k, a->batch, split, a->rows_stored > 0 ? a->rows_stored : a->n);
}

} // namespace

int gemv_w8a8_launch(const gemv_args *a, cudaStream_t stream)
{
    if (a->format->weight_bits != 8 || a->format->act_bits != 8)
        return -1;
    if (a->batch <= 1)
        launch_b<1>(a, stream);
    else if (a->batch <= 2)
        launch_b<2>(a, stream);
    else if (a->batch <= 4)
        launch_b<4>(a, stream);
    else if (a->batch <= 8)
        launch_b<8>(a, stream);
    else
        launch_b<16>(a, stream);
    return 0;
}
