/* Tensor-core GEMV: y[batch x n] = W[n x k] x[batch x k] with mma.sync
 * m16n8k16 (fp16 in, fp32 accumulate), for every weight format.
 *
 * Why: the CUDA-core kernel (gemv.cu) spends one HFMA2 per weight pair per
 * batch column, so from batch 4 it is bound by arithmetic, not by DRAM.
 * Here one mma takes 16 rows x 16 k x 8 columns, and a weight is
 * dequantized once whatever the batch.
 *
 * Each warp owns T tiles of 16 rows; the `split` warps of a block that
 * share them take turns over the super-steps (4 chunks of 16 bytes per
 * row, kernels/mma_layout.h), then add their sums through shared memory.
 * In a super-step each lane loads one 16-byte chunk of each of its two rows
 * per tile (g and g + 8) and the matching activations of batch column g
 * (and g + 8), dequantizes a word at a time and feeds the mma steps.
 *
 * Dequantization: fmt<BITS>::dequant (dequant.cuh) gives (u - zi) exactly;
 * one HFMA2 with the group's scale s and (zi - z) * s gives s * (u - z),
 * rounded once to fp16. Scaling before the mma lets a chunk's group differ
 * from lane to lane (groups of 32 or 64 are narrower than a super-step).
 * Lanes past the end of k, and batch columns past the batch, feed zeros.
 */
#include <cuda_fp16.h>

#include "dequant.cuh"
#include "gemv_parts.cuh"
#include "gemv_paths.h"
#include "mma_layout.h"

namespace {

__device__ __forceinline__ void mma_16816(float (&c)[4], const unsigned (&a)[4], unsigned b0, unsigned b1)
{
    asm("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
        "{%0,%1,%2,%3};"
        : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}

template <int BITS, bool ZP, int NT, int T>
__global__ void __launch_bounds__(WARPS_PER_BLOCK *WARP)
    gemv_mma_kernel(const uint4 *__restrict__ w, const __half *__restrict__ scales, const __half *__restrict__ zeros,
                    const __half *__restrict__ x, __half *__restrict__ y, int n, int k, int batch, int group_size,
                    int split)
{
    using F = fmt<BITS>;
    constexpr int CW = 128 / BITS;                    /* weights per 16-byte chunk */
    constexpr int WPG = F::PAIRS >= 2 ? 1 : 2;         /* words dequantized together: one step's two pairs */
    constexpr int PAIRS_PER_WG = F::PAIRS * WPG;
    constexpr int STEPS_PER_WG = PAIRS_PER_WG / 2;
    constexpr int ACC = T * NT * 4;
    __shared__ float partial[WARPS_PER_BLOCK][ACC][WARP];

    const int warp = threadIdx.x / WARP, lane = threadIdx.x % WARP;
    const int tiles = warp / split, slice = warp % split;
    const int row0 = (blockIdx.x * (WARPS_PER_BLOCK / split) + tiles) * MMA_M * T;
    const int chunks = k / CW, supers = (chunks + 3) / 4;
    const int groups = F::QUANT ? k / group_size : 1;

    /* rows past n repeat the last one and are never stored */
    size_t row_at[T][2];
#pragma unroll
    for (int i = 0; i < T; i++)
#pragma unroll
        for (int h = 0; h < 2; h++)
            row_at[i][h] = (size_t)min(row0 + MMA_M * i + ptx_a_row(lane, h), n - 1);
    const __half *xcol[NT];
    bool xon[NT];
#pragma unroll
    for (int j = 0; j < NT; j++) {
        const int col = MMA_N * j + ptx_b_col(lane);
        xon[j] = col < batch;
        xcol[j] = x + (size_t)min(col, batch - 1) * k;
    }

    float acc[T][NT][4];
#pragma unroll
    for (int i = 0; i < T; i++)
#pragma unroll
        for (int j = 0; j < NT; j++)
#pragma unroll
            for (int v = 0; v < 4; v++)
                acc[i][j][v] = 0.0f;
    /* a programmatic dependent launch (gemv_parts.cuh) waits here: the
     * loop reads x with the weights */
    pdl_launch_dependents();
    pdl_wait();

    for (int ss = slice; ss < supers; ss += split) {
        const int c = ss * 4 + mma_lane_chunk(lane);
        const bool on = c < chunks;
        uint4 code[T][2];
        __half2 sc[T][2], off[T][2];
#pragma unroll
        for (int i = 0; i < T; i++)
#pragma unroll
            for (int h = 0; h < 2; h++) {
                code[i][h] = on ? __ldcs(w + row_at[i][h] * chunks + c) : make_uint4(0, 0, 0, 0);
                if constexpr (F::QUANT) {
                    const size_t gi = row_at[i][h] * groups + (size_t)min(c, chunks - 1) * CW / group_size;
                    const float s = __half2float(__ldg(scales + gi));
                    const float z = ZP ? __half2float(__ldg(zeros + gi)) : F::ZI - 0.5f;
                    sc[i][h] = h2(s);
                    off[i][h] = h2((F::ZI - z) * s);
                }
            }
        __half2 xv[NT][CW / 2];
#pragma unroll
        for (int j = 0; j < NT; j++) {
            const uint4 *xp = reinterpret_cast<const uint4 *>(xcol[j] + (size_t)c * CW);
#pragma unroll
            for (int q = 0; q < CW / 8; q++) {
                const uint4 v = on && xon[j] ? __ldg(xp + q) : make_uint4(0, 0, 0, 0);
                unpack_pairs(v, &xv[j][4 * q]);
            }
        }
#pragma unroll
        for (int wg = 0; wg < 4 / WPG; wg++) {
            __half2 a[T][2][PAIRS_PER_WG];
#pragma unroll
            for (int i = 0; i < T; i++)
#pragma unroll
                for (int h = 0; h < 2; h++) {
#pragma unroll
                    for (int wi = 0; wi < WPG; wi++)
                        F::dequant(word_of(code[i][h], wg * WPG + wi), &a[i][h][wi * F::PAIRS]);
                    if constexpr (F::QUANT)
#pragma unroll
                        for (int p = 0; p < PAIRS_PER_WG; p++)
                            a[i][h][p] = __hfma2(a[i][h][p], sc[i][h], off[i][h]);
                }
#pragma unroll
            for (int ls = 0; ls < STEPS_PER_WG; ls++) {
                const int s = wg * STEPS_PER_WG + ls;
#pragma unroll
                for (int j = 0; j < NT; j++) {
                    const unsigned b0 = as_u32(xv[j][mma_b_pair(s, 0)]), b1 = as_u32(xv[j][mma_b_pair(s, 1)]);
#pragma unroll
                    for (int i = 0; i < T; i++) {
                        unsigned areg[4];
#pragma unroll
                        for (int r = 0; r < 4; r++)
                            areg[r] = as_u32(a[i][mma_a_row_half(r)][mma_a_pair(s, r) - wg * PAIRS_PER_WG]);
                        mma_16816(acc[i][j], areg, b0, b1);
                    }
                }
            }
        }
    }

    if (split > 1) {
#pragma unroll
        for (int i = 0; i < T; i++)
#pragma unroll
            for (int j = 0; j < NT; j++)
#pragma unroll
                for (int v = 0; v < 4; v++)
                    partial[warp][(i * NT + j) * 4 + v][lane] = acc[i][j][v];
        __syncthreads();
        if (slice == 0)
            for (int s = 1; s < split; s++)
#pragma unroll
                for (int i = 0; i < T; i++)
#pragma unroll
                    for (int j = 0; j < NT; j++)
#pragma unroll
                        for (int v = 0; v < 4; v++)
                            acc[i][j][v] += partial[warp + s][(i * NT + j) * 4 + v][lane];
    }
    if (slice != 0)
        return;
#pragma unroll
    for (int i = 0; i < T; i++)
#pragma unroll
        for (int j = 0; j < NT; j++)
#pragma unroll
            for (int v = 0; v < 4; v++) {
                const int row = row0 + MMA_M * i + ptx_c_row(lane, v), col = MMA_N * j + ptx_c_col(lane, v);
                if (row < n && col < batch)
                    y[(size_t)col * n + row] = __float2half_rn(acc[i][j][v]);
            }
}

/* Warps sharing one row group: as many as keep each at two super-steps or
 * more, until the grid holds about 8192 warps (two or more per scheduler
 * slot on an H100, to hide DRAM latency without a prefetch). */
int mma_split_for(int row_groups, int supers)
{
    int split = 1;
    while (split < WARPS_PER_BLOCK && supers >= split * 2 * 2 && row_groups * split < 8192)
        split *= 2;
    return split;
}

template <int BITS, bool ZP, int NT, int T> void launch_t(const gemv_args *a, cudaStream_t stream)
{
    const int chunks = a->k / (128 / BITS);
    const int row_groups = (a->n + MMA_M * T - 1) / (MMA_M * T);
    const int split = a->split > 0 ? a->split : mma_split_for(row_groups, (chunks + 3) / 4);
    const int rows_per_block = (WARPS_PER_BLOCK / split) * MMA_M * T;
    const unsigned blocks = (unsigned)((a->n + rows_per_block - 1) / rows_per_block);
    launch_kernel(gemv_mma_kernel<BITS, ZP, NT, T>, blocks, WARPS_PER_BLOCK * WARP, 0, a->pdl, stream,
                  reinterpret_cast<const uint4 *>(a->w), reinterpret_cast<const __half *>(a->scales),
                  reinterpret_cast<const __half *>(a->zeros), reinterpret_cast<const __half *>(a->x),
                  reinterpret_cast<__half *>(a->y), a->n, a->k, a->batch, a->group_size, split);
}

/* Two tiles (32 rows) per warp where activations outweigh weights: each
 * byte of int2 codes needs 8 bytes of activations per column, so sharing
 * them across more rows pays; int4 only from 9 columns (H100, 8192^2:
 * int2 batch 8 16.9 against 24.1 us; int4 batch 16 23.7 against 28.6, but
 * batch 8 19.4 against 18.5; int8 and fp16 never). */
template <int BITS> bool two_tiles_for(int batch)
{
    return BITS == 2 || (BITS == 4 && batch > MMA_N);
}

template <int BITS, bool ZP> void launch_bits(const gemv_args *a, cudaStream_t stream)
{
    const bool two_tiles = a->rows ? a->rows == 2 * MMA_M : two_tiles_for<BITS>(a->batch);
    if (a->batch <= MMA_N)
        two_tiles ? launch_t<BITS, ZP, 1, 2>(a, stream) : launch_t<BITS, ZP, 1, 1>(a, stream);
    else
        two_tiles ? launch_t<BITS, ZP, 2, 2>(a, stream) : launch_t<BITS, ZP, 2, 1>(a, stream);
}

} // namespace

int gemv_mma_launch(const gemv_args *a, cudaStream_t stream)
{
    switch (a->format->weight_bits) {
    case 16: launch_bits<16, false>(a, stream); return 0;
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
