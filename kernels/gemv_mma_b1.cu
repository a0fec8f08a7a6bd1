/* Tensor-core GEMV for one activation column, y[n] = W[n x k] x[k], with
 * integer weights and fp16 activations (w8a16, w4a16, w2a16; symmetric or
 * with zero points), on mma.sync m16n8k16 with fp32 accumulation.
 *
 * Why: the CUDA-core kernel (gemv.cu) spends 4.8 instructions per int2
 * weight pair (H100 SASS: a LOP3 and an HFMA2 to dequantize, an HFMA2 to
 * multiply, a share of the sum of x and of the fp32 fold), and ncu found its
 * schedulers issuing on 63% of cycles at 16384^2: bound by instruction
 * issue, not by DRAM. Here a pair costs one LOP3 and a quarter of an mma:
 *   - B's columns are chunks (mma_layout.h, "batch 1"), so column j of the
 *     product holds chunk j's partial sums and the chunk's group scale
 *     multiplies them after the mma, in fp32, instead of every weight;
 *   - the LOP3 leaves 2^e + u, not u - z (code_pairs.h). The offsets are
 *     taken off per chunk: one more mma per step, with constant A rows
 *     (2^e of each K slot in rows 0-7, 1 in rows 8-15), gives every lane
 *     C = sum 2^e x and S = sum x of the chunks in its columns, and
 *         sum (u - z) x = D - C - z S.
 *     The tensor core forms each product exactly; D and C are about
 *     2^10 sum|x| and cancel in fp32 with an error near 2^-24 of that, far
 *     under the fp16 rounding of y.
 *
 * Work split as in gemv_mma.cu: each warp owns T tiles of 16 rows; the
 * `split` warps of a block that share them take turns over the super-steps
 * (4 chunks of 16 bytes per row), then add their sums through shared
 * memory. Each lane loads one 16-byte chunk of its two rows per tile (g and
 * g + 8); the four lanes whose B column is their chunk also load that
 * chunk's activations (128 bytes for int2) through L1. With PF the next
 * super-step's codes are loaded before this one's mma steps.
 */
#include <cuda_fp16.h>

#include "code_pairs.h"
#include "dequant.cuh"
#include "gemv_parts.cuh"
#include "gemv_paths.h"
#include "mma_layout.h"

#ifndef GEMV_B1_PF
#define GEMV_B1_PF 1
#endif

namespace {

constexpr unsigned HALF2_ONE = 0x3c003c00u;

template <int BITS, int T> struct b1_codes {
    uint4 v[T][2];
};

template <int BITS, int T>
__device__ __forceinline__ void b1_load_codes(b1_codes<BITS, T> &cd, const uint4 *__restrict__ w,
                                              const size_t (&row_at)[T][2], int chunks, int c)
{
#pragma unroll
    for (int i = 0; i < T; i++)
#pragma unroll
        for (int h = 0; h < 2; h++)
            cd.v[i][h] = c < chunks ? __ldcs(w + row_at[i][h] * chunks + c) : make_uint4(0, 0, 0, 0);
}

#ifndef GEMV_B1_MINB
#define GEMV_B1_MINB 2
#endif
template <int BITS, bool ZP, int T, bool PF>
__global__ void __launch_bounds__(WARPS_PER_BLOCK *WARP, T == 1 ? GEMV_B1_MINB + 1 : GEMV_B1_MINB)
    gemv_mma_b1_kernel(const uint4 *__restrict__ w, const __half *__restrict__ scales,
                       const __half *__restrict__ zeros, const __half *__restrict__ x, __half *__restrict__ y,
                       int n, int k, int group_size, int split)
{
    constexpr int CW = 128 / BITS;   /* weights per 16-byte chunk */
    constexpr int STEPS = CW / 4;    /* mma steps per super-step */
    constexpr int XQ = CW / 8;       /* 16-byte pieces of x per chunk */
    constexpr float Z_SYM = (float)(1 << (BITS - 1)) - 0.5f; /* quant.h's mid-rise zero */
    __shared__ float partial[WARPS_PER_BLOCK][T][2][MMA_M / 2];

    const int warp = threadIdx.x / WARP, lane = threadIdx.x % WARP;
    const int tiles = warp / split, slice = warp % split;
    const int row0 = (blockIdx.x * (WARPS_PER_BLOCK / split) + tiles) * MMA_M * T;
    const int chunks = k / CW, supers = (chunks + 3) / 4, groups = k / group_size;
    const int my_chunk = mma_lane_chunk(lane), c_col = ptx_c_col(lane, 0);
    const bool x_lane = mma_b1_x_lane(lane), c_lane = mma_b1_c_chunk(lane, 0) >= 0;
    const uint4 *x4 = reinterpret_cast<const uint4 *>(x);

    /* rows past n repeat the last one and are never stored */
    size_t row_at[T][2];
#pragma unroll
    for (int i = 0; i < T; i++)
#pragma unroll
        for (int h = 0; h < 2; h++)
            row_at[i][h] = (size_t)min(row0 + MMA_M * i + ptx_a_row(lane, h), n - 1);

    float acc[T][2];
#pragma unroll
    for (int i = 0; i < T; i++)
        acc[i][0] = acc[i][1] = 0.0f;
    /* zeros in every lane but the four that feed their chunk's x (mma_b1_x_lane) */
    uint4 xq[XQ];
#pragma unroll
    for (int q = 0; q < XQ; q++)
        xq[q] = make_uint4(0, 0, 0, 0);

    b1_codes<BITS, T> cur, next;
    if (PF && slice < supers)
        b1_load_codes<BITS, T>(cur, w, row_at, chunks, slice * 4 + my_chunk);
    for (int ss = slice; ss < supers; ss += split) {
        const int c = ss * 4 + my_chunk;
        if (PF) {
            if (ss + split < supers)
                b1_load_codes<BITS, T>(next, w, row_at, chunks, c + 4 * split);
        } else {
            b1_load_codes<BITS, T>(cur, w, row_at, chunks, c);
        }
        const bool x_on = x_lane && c < chunks;
        /* The scale (and zero) of the two chunks in this lane's C columns;
         * 0 past the end of k, where a column's x may be stale. */
        float s[T][2][2], z[T][2][2];
#pragma unroll
        for (int j = 0; j < 2; j++) {
            const int cj = ss * 4 + c_col + j;
            const bool on = c_lane && cj < chunks;
            const int g = (on ? cj : 0) * CW / group_size;
#pragma unroll
            for (int i = 0; i < T; i++)
#pragma unroll
                for (int h = 0; h < 2; h++) {
                    s[i][h][j] = on ? __half2float(__ldg(scales + row_at[i][h] * groups + g)) : 0.0f;
                    z[i][h][j] = ZP && on ? __half2float(__ldg(zeros + row_at[i][h] * groups + g)) : Z_SYM;
                }
        }

        float d[T][4], e[4] = {0.0f, 0.0f, 0.0f, 0.0f};
#pragma unroll
        for (int i = 0; i < T; i++)
#pragma unroll
            for (int v = 0; v < 4; v++)
                d[i][v] = 0.0f;
#pragma unroll
        for (int st = 0; st < STEPS; st++) {
            const int p0 = mma_b_pair(st, 0), p1 = mma_b_pair(st, 1);
            if (p0 % 4 == 0 && x_on) /* a 16-byte piece of x serves two steps */
                xq[p0 / 4] = __ldg(x4 + (size_t)c * XQ + p0 / 4);
            const unsigned b0 = word_of(xq[p0 / 4], p0 % 4), b1 = word_of(xq[p1 / 4], p1 % 4);
#pragma unroll
            for (int i = 0; i < T; i++) {
                unsigned a[4];
#pragma unroll
                for (int r = 0; r < 4; r++) {
                    const int p = mma_a_pair(st, r);
                    const unsigned q = word_of(cur.v[i][mma_a_row_half(r)], code_pair_word(BITS, p)) >>
                                       code_pair_shift(BITS, p);
                    a[r] = magic_pair_at<BITS>(q, code_pair_pos(BITS, p));
                }
                mma_16816(d[i], a, b0, b1);
            }
            /* C (rows 0-7) and S (rows 8-15) of the same columns */
            unsigned ea[4];
#pragma unroll
            for (int r = 0; r < 4; r++)
                ea[r] = mma_a_row_half(r) == 0 ? code_magic_half(BITS, code_pair_pos(BITS, mma_a_pair(st, r))) * 0x10001u
                                               : HALF2_ONE;
            mma_16816(e, ea, b0, b1);
        }
#pragma unroll
        for (int i = 0; i < T; i++)
#pragma unroll
            for (int h = 0; h < 2; h++)
#pragma unroll
                for (int j = 0; j < 2; j++)
                    acc[i][h] += s[i][h][j] * (d[i][2 * h + j] - e[j] - z[i][h][j] * e[2 + j]);
        if (PF)
            cur = next;
    }

    /* a row's sum: over the lane's two columns, the quad's lanes, the split's warps */
#pragma unroll
    for (int i = 0; i < T; i++)
#pragma unroll
        for (int h = 0; h < 2; h++) {
            acc[i][h] += __shfl_xor_sync(0xffffffffu, acc[i][h], 1);
            acc[i][h] += __shfl_xor_sync(0xffffffffu, acc[i][h], 2);
        }
    const int g = lane / 4;
    if (split > 1) {
        if (lane % 4 == 0)
#pragma unroll
            for (int i = 0; i < T; i++)
#pragma unroll
                for (int h = 0; h < 2; h++)
                    partial[warp][i][h][g] = acc[i][h];
        __syncthreads();
        if (slice == 0 && lane % 4 == 0)
            for (int sl = 1; sl < split; sl++)
#pragma unroll
                for (int i = 0; i < T; i++)
#pragma unroll
                    for (int h = 0; h < 2; h++)
                        acc[i][h] += partial[warp + sl][i][h][g];
    }
    if (slice != 0 || lane % 4 != 0)
        return;
#pragma unroll
    for (int i = 0; i < T; i++)
#pragma unroll
        for (int h = 0; h < 2; h++) {
            const int row = row0 + MMA_M * i + g + 8 * h;
            if (row < n)
                y[row] = __float2half_rn(acc[i][h]);
        }
}

/* Warps sharing one row group: as many as keep each at two super-steps or
 * more, until the grid holds about GEMV_B1_WARPS warps. */
#ifndef GEMV_B1_WARPS
#define GEMV_B1_WARPS 4096
#endif
int b1_split_for(int row_groups, int supers)
{
    int split = 1;
    while (split < WARPS_PER_BLOCK && supers >= split * 2 * 2 && row_groups * split < GEMV_B1_WARPS)
        split *= 2;
    return split;
}

template <int BITS, bool ZP, int T> void launch_t(const gemv_args *a, cudaStream_t stream)
{
    const int chunks = a->k / (128 / BITS);
    const int row_groups = (a->n + MMA_M * T - 1) / (MMA_M * T);
    const int split = a->split > 0 ? a->split : b1_split_for(row_groups, (chunks + 3) / 4);
    const int rows_per_block = (WARPS_PER_BLOCK / split) * MMA_M * T;
    const unsigned blocks = (unsigned)((a->n + rows_per_block - 1) / rows_per_block);
    gemv_mma_b1_kernel<BITS, ZP, T, GEMV_B1_PF != 0><<<blocks, WARPS_PER_BLOCK * WARP, 0, stream>>>(
        reinterpret_cast<const uint4 *>(a->w), reinterpret_cast<const __half *>(a->scales),
        reinterpret_cast<const __half *>(a->zeros), reinterpret_cast<const __half *>(a->x),
        reinterpret_cast<__half *>(a->y), a->n, a->k, a->group_size, split);
}

template <int BITS, bool ZP> void launch_bits(const gemv_args *a, cudaStream_t stream)
{
    if (a->rows == MMA_M)
        launch_t<BITS, ZP, 1>(a, stream);
    else
        launch_t<BITS, ZP, 2>(a, stream);
}

} // namespace

int gemv_mma_b1_launch(const gemv_args *a, cudaStream_t stream)
{
    if (a->batch != 1 || a->format->scales == SCALE_NONE || a->format->act_bits != 16)
        return -1;
    switch (a->format->weight_bits) {
    case 8: launch_bits<8, false>(a, stream); return 0;
    case 4:
        if (a->format->zero_point)
            launch_bits<4, true>(a, stream);
        else
            launch_bits<4, false>(a, stream);
        return 0;
    case 2: launch_bits<2, false>(a, stream); return 0;
    default: return -1;
    }
}
