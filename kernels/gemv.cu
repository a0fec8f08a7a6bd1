/* GEMV for every weight format: y[batch x n] = W[n x k] x[batch x k].
 *
 * gemv_launch() sends each call to this file's CUDA-core kernel or to the
 * tensor-core one (gemv_mma.cu): gemv_auto_path() below says which, by
 * batch. This file's kernel, for batch 1 (fp16: 1 and 2):
 *
 * One kernel template covers fp16, int8, int4 and int2 weights (layouts in
 * common/quant.h). Each warp owns R consecutive rows; each lane streams
 * 16-byte chunks of those rows (W = 128/bits weights each), so a row is
 * read once, coalesced, with R loads in flight per lane. Activations are
 * small and reused by every warp: they come through the read-only path, or
 * for int2 at batch 1 from a copy staged in shared memory (x_smem_for).
 *
 * Dequantization in registers, two weights per instruction (dequant.cuh)
 * leaves (u - zi) with zi = 2^(bits-1). The zero point is folded in once per chunk:
 *     sum_j s (u_j - z) x_j = s * (sum_j (u_j - zi) x_j + (zi - z) * sum_j x_j)
 * so symmetric (z = zi - 0.5) and zero-point formats share the inner loop.
 * int4/int2 products accumulate in fp16 pairs within one chunk (at most 64
 * terms of |u - zi| <= 8), then in fp32; fp16 and int8 accumulate in fp32.
 */
#include <cuda_fp16.h>

#include "cuda_check.h"
#include "dequant.cuh"
#include "gemv_parts.cuh"
#include "gemv_blocks.h"
#include "gemv_launch.h"
#include "gemv_paths.h"
#include "quant.h"

namespace {

/* PAIRS half2 activations (4*PAIRS bytes) through the read-only path. */
template <int PAIRS> __device__ __forceinline__ void load_x(const __half2 *p, __half2 *out)
{
    if constexpr (PAIRS == 1) {
        out[0] = __ldg(p);
    } else if constexpr (PAIRS == 2) {
        uint2 v = __ldg(reinterpret_cast<const uint2 *>(p));
        out[0] = as_h2(v.x);
        out[1] = as_h2(v.y);
    } else {
#pragma unroll
        for (int i = 0; i < PAIRS; i += 4)
            unpack_pairs(__ldg(reinterpret_cast<const uint4 *>(p + i)), out + i);
    }
}

/* Where a lane's activations come from: global memory through the
 * read-only path, or (batch 1) a copy of x staged in shared memory once per
 * block. The staged copy is swizzled so that the 32 lanes of a warp, each
 * reading piece q of its own chunk, hit eight different bank groups: piece q
 * of chunk c sits at c * P + (q ^ (c % P)), P = 16-byte pieces per chunk. */
template <int BITS> struct x_global {
    static constexpr bool SUMS = false; /* chunk_product sums x itself */
    const __half2 *x2;
    int k;
    __device__ void load(int j, int c, int wi, __half2 *out) const
    {
        constexpr int PAIRS = fmt<BITS>::PAIRS, CHUNK = 128 / BITS;
        load_x<PAIRS>(x2 + ((size_t)j * k + (size_t)c * CHUNK) / 2 + wi * PAIRS, out);
    }
};

template <int BITS> struct x_shared {
    static constexpr int P = 16 / BITS; /* 16-byte pieces of x per chunk of 128/BITS weights */
    static constexpr bool SUMS = true; /* the sum of x over each chunk is staged too */
    const uint4 *xs;
    const float *sums; /* [chunks], with SUMS */
    __device__ float chunk_sum(int c) const { return sums[c]; }
    __device__ void load(int, int c, int wi, __half2 *out) const
    {
        constexpr int PER_WORD = fmt<BITS>::PAIRS / 4; /* pieces per code word */
#pragma unroll
        for (int u = 0; u < PER_WORD; u++) {
            const int q = wi * PER_WORD + u;
            unpack_pairs(xs[c * P + (q ^ (c % P))], out + 4 * u);
        }
    }
};

/* One chunk's codes and the scale/zero of its group, for R rows. */
template <int R> struct chunk_regs {
    uint4 codes[R];
    float scale[R], zero[R];
};

/* Where each of a warp's R rows starts: codes, scales and zeros. */
template <int R> struct row_ptrs {
    const uint4 *codes[R];
    const __half *scales[R], *zeros[R];
};

template <int BITS, bool ZP, int R>
__device__ __forceinline__ row_ptrs<R> row_ptrs_of(const uint4 *w, const __half *scales, const __half *zeros,
                                                   const int (&rows)[R], int chunks, int groups)
{
    row_ptrs<R> rp;
#pragma unroll
    for (int r = 0; r < R; r++) {
        rp.codes[r] = w + (size_t)rows[r] * chunks;
        rp.scales[r] = fmt<BITS>::QUANT ? scales + (size_t)rows[r] * groups : nullptr;
        rp.zeros[r] = ZP ? zeros + (size_t)rows[r] * groups : nullptr;
    }
    return rp;
}

/* Chunk c of each row, and the scale/zero of group g. */
template <int BITS, bool ZP, int R>
__device__ __forceinline__ void load_chunk(chunk_regs<R> &cr, const row_ptrs<R> &rp, int c, int g)
{
    using F = fmt<BITS>;
#pragma unroll
    for (int r = 0; r < R; r++) {
        cr.codes[r] = __ldcs(rp.codes[r] + c);
        if constexpr (F::QUANT) {
            cr.scale[r] = __half2float(__ldg(rp.scales[r] + g));
            cr.zero[r] = ZP ? __half2float(__ldg(rp.zeros[r] + g)) : F::ZI - 0.5f;
        }
    }
}

/* Multiplies one chunk of R rows with the activations, into acc. */
template <int BITS, int B, int R, class XSRC>
__device__ __forceinline__ void chunk_product(const chunk_regs<R> &cr, const XSRC &xsrc, int c, int batch,
                                              float (&acc)[R][B])
{
    using F = fmt<BITS>;
    static_assert(!XSRC::SUMS || F::HALF_ACC, "staged sums of x serve the fp16-pair formats only");
    float part[R][B];
    __half2 hpart[R][B], xsum[B];
    float xsum_f[B];
#pragma unroll
    for (int j = 0; j < B; j++) {
        xsum[j] = h2(0.0f);
        xsum_f[j] = 0.0f;
#pragma unroll
        for (int r = 0; r < R; r++) {
            part[r][j] = 0.0f;
            hpart[r][j] = h2(0.0f);
        }
    }
#pragma unroll
    for (int wi = 0; wi < 4; wi++) {
        __half2 wd[R][F::PAIRS];
#pragma unroll
        for (int r = 0; r < R; r++)
            F::dequant(word_of(cr.codes[r], wi), wd[r]);
#pragma unroll
        for (int j = 0; j < B; j++) {
            if (j >= batch)
                break;
            __half2 xv[F::PAIRS];
            xsrc.load(j, c, wi, xv);
#pragma unroll
            for (int p = 0; p < F::PAIRS; p++) {
                if constexpr (F::HALF_ACC) {
                    if constexpr (!XSRC::SUMS)
                        xsum[j] = __hadd2(xsum[j], xv[p]);
#pragma unroll
                    for (int r = 0; r < R; r++)
                        hpart[r][j] = __hfma2(wd[r][p], xv[p], hpart[r][j]);
                } else {
                    float2 xf = __half22float2(xv[p]);
                    if constexpr (F::QUANT)
                        xsum_f[j] += xf.x + xf.y;
#pragma unroll
                    for (int r = 0; r < R; r++) {
                        float2 wf = __half22float2(wd[r][p]);
                        part[r][j] = fmaf(wf.x, xf.x, fmaf(wf.y, xf.y, part[r][j]));
                    }
                }
            }
        }
    }
    /* fold the chunk in with its group's scale and zero */
#pragma unroll
    for (int r = 0; r < R; r++) {
        float s = 1.0f, corr = 0.0f;
        if constexpr (F::QUANT) {
            s = cr.scale[r];
            corr = F::ZI - cr.zero[r];
        }
#pragma unroll
        for (int j = 0; j < B; j++) {
            if constexpr (F::HALF_ACC) {
                float2 pf = __half22float2(hpart[r][j]);
                float xs;
                if constexpr (XSRC::SUMS) {
                    xs = xsrc.chunk_sum(c);
                } else {
                    float2 xf = __half22float2(xsum[j]);
                    xs = xf.x + xf.y;
                }
                acc[r][j] += s * ((pf.x + pf.y) + corr * xs);
            } else {
                acc[r][j] += s * (part[r][j] + corr * xsum_f[j]);
            }
        }
    }
}

/* chunk_product with x from where the kernel keeps it: staged in shared
 * memory (XS) or global. */
template <int BITS, int B, int R, bool XS>
__device__ __forceinline__ void chunk_multiply(const chunk_regs<R> &cr, const __half2 *x2, const uint4 *x_staged,
                                               const float *x_sums, int k, int c, int batch, float (&acc)[R][B])
{
    if constexpr (XS)
        chunk_product<BITS, B, R>(cr, x_shared<BITS>{x_staged, x_sums}, c, batch, acc);
    else
        chunk_product<BITS, B, R>(cr, x_global<BITS>{x2, k}, c, batch, acc);
}

/* A block of WPB warps covers WPB / split groups of
 * R rows; the `split` warps of a group share the row's chunks (stride
 * split * 32), then add their sums through shared memory. Splitting k keeps
 * enough warps in flight when n is small; the next chunk is loaded before
 * the current one is used, so each lane has 2R loads outstanding.
 * PF > 0 (a programmatic dependent launch, gemv_args.pdl): the first PF
 * chunks of each lane are loaded before pdl_wait(), while the previous
 * kernel in the stream still runs: weights never depend on it, x does. */
template <int BITS, bool ZP, int B, int R, int MIN_BLOCKS, bool XS = false, int WPB = WARPS_PER_BLOCK,
          int PF = 0>
__global__ void __launch_bounds__(WPB *WARP, MIN_BLOCKS)
    gemv_kernel(const uint4 *__restrict__ w, const __half *__restrict__ scales, const __half *__restrict__ zeros,
                const __half *__restrict__ x, __half *__restrict__ y, int n, int k, int batch, int group_size,
                int split, int rows_stored)
{
    using F = fmt<BITS>;
    constexpr int CHUNK = 128 / BITS;
    __shared__ float partial[WPB][R * B];
    const int chunks = k / CHUNK;
    int rows[R];
    const row_group rg = row_group_of<R, WPB>(split, n, rows_stored, rows);
    const int warp = rg.warp, lane = rg.lane, slice = rg.slice, row0 = rg.row0;
    const int groups = F::QUANT ? k / group_size : 1;
    const __half2 *x2 = reinterpret_cast<const __half2 *>(x);
    extern __shared__ uint4 x_staged[]; /* k halves, then chunks floats of sums; XS only (batch 1) */
    float *x_sums = reinterpret_cast<float *>(x_staged + k / 8);
    pdl_launch_dependents();

    const int stride = split * WARP;
    /* c steps by stride, so its group c * CHUNK / group_size steps by a
     * whole number (check_args: group_size divides 32 * CHUNK), or stays 0
     * with one scale per row. No division in the loop. */
    int c = slice * WARP + lane;
    int g = groups > 1 ? c * CHUNK / group_size : 0;
    const int g_step = groups > 1 ? stride * CHUNK / group_size : 0;
    row_ptrs<R> rp;
    chunk_regs<R> early[PF > 0 ? PF : 1];
    if constexpr (PF > 0) {
        rp = row_ptrs_of<BITS, ZP, R>(w, scales, zeros, rows, chunks, groups);
#pragma unroll
        for (int i = 0; i < PF; i++)
            if (c + i * stride < chunks)
                load_chunk<BITS, ZP, R>(early[i], rp, c + i * stride, g + i * g_step);
    }
    pdl_wait();

    if constexpr (XS) {
        constexpr int P = x_shared<BITS>::P;
        const uint4 *x4 = reinterpret_cast<const uint4 *>(x);
        for (int i = threadIdx.x; i < k / 8; i += blockDim.x) {
            const int ci = i / P, q = i % P;
            const uint4 v = __ldg(x4 + i);
            x_staged[ci * P + (q ^ (ci % P))] = v;
            if constexpr (x_shared<BITS>::SUMS) {
                /* the P pieces of a chunk sit in P neighbouring lanes, all active or not together */
                __half2 sum = __hadd2(__hadd2(as_h2(v.x), as_h2(v.y)), __hadd2(as_h2(v.z), as_h2(v.w)));
#pragma unroll
                for (int off = 1; off < P; off *= 2)
                    sum = __hadd2(sum, __shfl_xor_sync(__activemask(), sum, off));
                if (q == 0)
                    x_sums[ci] = __low2float(sum) + __high2float(sum);
            }
        }
        __syncthreads();
    }

    float acc[R][B];
#pragma unroll
    for (int r = 0; r < R; r++)
#pragma unroll
        for (int j = 0; j < B; j++)
            acc[r][j] = 0.0f;

    if constexpr (PF == 0) /* after the staging, as before PF existed: its registers are free there */
        rp = row_ptrs_of<BITS, ZP, R>(w, scales, zeros, rows, chunks, groups);
#pragma unroll
    for (int i = 0; i < PF; i++)
        if (c < chunks) {
            chunk_multiply<BITS, B, R, XS>(early[i], x2, x_staged, x_sums, k, c, batch, acc);
            c += stride;
            g += g_step;
        }
    /* No prefetch of the next chunk, in registers (a sweep on an H100
     * found that the registers it costs lose more occupancy than it hides
     * latency) or in shared memory (a cp.async ring with 8 rows a warp:
     * int2 16384^2 42.6 against 31.2 us, docs/bench-log.md 15). */
    chunk_regs<R> cur;
    for (; c < chunks; c += stride, g += g_step) {
        load_chunk<BITS, ZP, R>(cur, rp, c, g);
        chunk_multiply<BITS, B, R, XS>(cur, x2, x_staged, x_sums, k, c, batch, acc);
    }

#pragma unroll
    for (int r = 0; r < R; r++)
#pragma unroll
        for (int j = 0; j < B; j++) {
            float v = acc[r][j];
#pragma unroll
            for (int off = WARP / 2; off > 0; off /= 2)
                v += __shfl_xor_sync(0xffffffffu, v, off);
            if (lane == 0)
                partial[warp][r * B + j] = v;
        }
    __syncthreads();
    if (slice == 0 && lane < R * B) {
        const int r = lane / B, j = lane % B;
        float v = 0.0f;
        for (int s = 0; s < split; s++)
            v += partial[warp + s][lane];
        if (j < batch && row0 + r < n)
            y[(size_t)j * n + row0 + r] = __float2half_rn(v);
    }
}

/* Rows per warp: more rows share each activation load, fewer registers
 * are left for the batch's accumulators. */
template <int B> constexpr int rows_per_warp() { return B <= 2 ? 4 : 2; }

} // namespace

namespace {

/* x (k halves) and, with staged sums, one float per chunk */
template <int BITS> size_t x_staged_bytes_for(int k)
{
    return (size_t)k * 2 + (x_shared<BITS>::SUMS ? (size_t)(k / (128 / BITS)) * 4 : 0);
}

template <int BITS, bool ZP, int B, int MIN_BLOCKS, int R = rows_per_warp<B>(), bool XS = false,
          int WPB = WARPS_PER_BLOCK, int PF = 0>
int launch_b(const gemv_args *a, cudaStream_t stream)
{
    size_t x_staged_bytes = 0;
    if constexpr (XS)
        x_staged_bytes = x_staged_bytes_for<BITS>(a->k);
    const int chunks = a->k / (128 / BITS);
    const int split = a->split > 0 ? a->split : gemv_split_for(BITS, (a->n + R - 1) / R, chunks);
    const int rows_per_block = (WPB / split) * R;
    unsigned blocks = (unsigned)((a->n + rows_per_block - 1) / rows_per_block);
    launch_kernel(gemv_kernel<BITS, ZP, B, R, MIN_BLOCKS, XS, WPB, PF>, blocks, WPB * WARP, x_staged_bytes, a->pdl,
                  stream, reinterpret_cast<const uint4 *>(a->w), reinterpret_cast<const __half *>(a->scales),
                  reinterpret_cast<const __half *>(a->zeros), reinterpret_cast<const __half *>(a->x),
                  reinterpret_cast<__half *>(a->y), a->n, a->k, a->batch, a->group_size, split,
                  a->rows_stored > 0 ? a->rows_stored : a->n);
    return 0;
}

/* Batch 1, with x staged in shared memory where it pays: int2 reads 128
 * bytes of x per 16 bytes of codes, and from shared memory instead of L1
 * its 16384^2 call went from 42.0 to 32.8 us on an H100 (8192^2 14.1 ->
 * 11.7); int4, with half that x per code byte, lost (49.0 -> 50.7) to the
 * 32 KiB each block loads first, so it stays on L1 unless asked. Needs k * 2
 * bytes within the 48 KiB a block gets without opting in. */
template <int BITS> bool x_smem_for(const gemv_args *a)
{
    const bool want = a->x_smem ? a->x_smem == 1 : BITS == 2;
    return want && x_staged_bytes_for<BITS>(a->k) <= 48 * 1024;
}

/* The GPU's multiprocessors, for gemv_blocks.h. */
int sm_count(void)
{
    static int count = 0; /* measure uses one device per process */
    if (count == 0) {
        int dev = 0;
        if (cudaGetDevice(&dev) != cudaSuccess ||
            cudaDeviceGetAttribute(&count, cudaDevAttrMultiProcessorCount, dev) != cudaSuccess || count < 1)
            count = 1;
    }
    return count;
}

} // namespace

/* Warps sharing one row group (the rule and its measurements: gemv_blocks.h). */
int gemv_split_for(int bits, int row_groups, int chunks)
{
    return gemv_split_rule(bits, row_groups, chunks, sm_count());
}

extern "C" int gemv_pdl_supported(void)
{
    static int supported = -1; /* measure uses one device per process */
    if (supported < 0) {
        int dev = 0, major = 0;
        supported = cudaGetDevice(&dev) == cudaSuccess &&
                    cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, dev) == cudaSuccess &&
                    major >= 9;
    }
    return supported;
}

namespace {

template <int BITS, bool ZP, int MIN_BLOCKS, int R, int PF = 0> int launch_xs(const gemv_args *a, cudaStream_t stream)
{
    /* MIN_BLOCKS counts blocks of WARPS_PER_BLOCK warps: larger blocks keep the same registers a thread */
    const int row_groups = (a->n + R - 1) / R;
    const int chunks = a->k / (128 / BITS);
    const int split = a->split > 0 ? a->split : gemv_split_for(BITS, row_groups, chunks);
    switch (gemv_xs_warps_per_block(row_groups * split, split, chunks / (split * WARP), sm_count())) {
    case 32: return launch_b<BITS, ZP, 1, (MIN_BLOCKS + 3) / 4, R, true, 32, PF>(a, stream);
    case 16: return launch_b<BITS, ZP, 1, (MIN_BLOCKS + 1) / 2, R, true, 16, PF>(a, stream);
    default: return launch_b<BITS, ZP, 1, MIN_BLOCKS, R, true, WARPS_PER_BLOCK, PF>(a, stream);
    }
}

template <int BITS, bool ZP, int MIN_BLOCKS, int R, int PF = 0> int launch_1(const gemv_args *a, cudaStream_t stream)
{
    if constexpr (BITS <= 4)
        if (x_smem_for<BITS>(a))
            return launch_xs<BITS, ZP, MIN_BLOCKS, R, PF>(a, stream);
    return launch_b<BITS, ZP, 1, MIN_BLOCKS, R, false, WARPS_PER_BLOCK, PF>(a, stream);
}

/* Widest weights whose batch-1 kernel caps registers for four blocks an SM
 * (tight). 8 since int8 gained from it too: at the 4096-wide layers of a
 * 7-8B LLM its launches were register-capped at 37.5% theoretical occupancy
 * (ncu), and with int8 tight the Llama-3-8B w8a16 step went 2851 -> 2616 us
 * on an H100, single GEMVs unchanged (docs/bench-log.md 22). */
#ifndef GEMV_TIGHT_BITS
#define GEMV_TIGHT_BITS 8
#endif

template <int BITS, bool ZP> int launch_bits(const gemv_args *a, cudaStream_t stream)
{
    if (a->batch <= 1) {
        /* int8/int4/int2 are bound by dequantization and gain from more
         * warps per SM (tight); fp16 does not. */
        constexpr int TIGHT_BLOCKS = BITS <= GEMV_TIGHT_BITS ? 4 : 1;
        if (a->pdl && a->rows == 0 && a->tight == 0) { /* the decode step's launches: early weights */
            if (a->early_chunks == GEMV_EARLY_NONE)
                return launch_1<BITS, ZP, TIGHT_BLOCKS, 4, 0>(a, stream);
            return a->early_chunks == 2 ? launch_1<BITS, ZP, TIGHT_BLOCKS, 4, 2>(a, stream)
                                        : launch_1<BITS, ZP, TIGHT_BLOCKS, 4, 1>(a, stream);
        }
        const int tight = a->tight ? a->tight == 1 : BITS <= GEMV_TIGHT_BITS;
        if (a->rows == 2)
            return tight ? launch_1<BITS, ZP, 4, 2>(a, stream) : launch_1<BITS, ZP, 1, 2>(a, stream);
        if (a->rows == 8)
            return tight ? launch_1<BITS, ZP, 4, 8>(a, stream) : launch_1<BITS, ZP, 1, 8>(a, stream);
        return tight ? launch_1<BITS, ZP, 4, 4>(a, stream) : launch_1<BITS, ZP, 1, 4>(a, stream);
    }
    if (a->batch <= 2)
        return launch_b<BITS, ZP, 2, 1>(a, stream);
    if (a->batch <= 4)
        return launch_b<BITS, ZP, 4, 1>(a, stream);
    if (a->batch <= 8)
        return launch_b<BITS, ZP, 8, 1>(a, stream);
    return launch_b<BITS, ZP, 16, 1>(a, stream);
}

int check_args(const gemv_args *a, rl_error *err)
{
    const weight_format *f = a->format;
    if (a->n <= 0 || a->k <= 0 || a->batch < 1 || a->batch > GEMV_MAX_BATCH)
        return rl_error_set(err, "gemv %s: needs n, k > 0 and batch 1..%d (n=%d k=%d batch=%d)", f->name,
                            GEMV_MAX_BATCH, a->n, a->k, a->batch);
    if (f->scales == SCALE_NONE ? a->k % 8 != 0 : !quant_shape_ok(f, (uint64_t)a->n, (uint64_t)a->k))
        return rl_error_set(err, "gemv %s: k=%d must be a multiple of %u and of the group size", f->name, a->k,
                            128 / f->weight_bits);
    if (f->scales == SCALE_PER_GROUP && (32 * (128 / (int)f->weight_bits)) % a->group_size != 0)
        return rl_error_set(err, "gemv %s: group size %d must divide %d (32 lanes x %u weights)", f->name,
                            a->group_size, 32 * (128 / (int)f->weight_bits), 128 / f->weight_bits);
    const gemv_path path = a->path ? (gemv_path)a->path : gemv_auto_path(a->format, a->batch);
    if (path != GEMV_PATH_CUDA_CORES && path != GEMV_PATH_TENSOR_CORES)
        return rl_error_set(err, "gemv %s: path must be 1 (CUDA cores) or 2 (tensor cores), got %d", f->name,
                            a->path);
    const int rows_ok = path == GEMV_PATH_CUDA_CORES ? a->rows == 2 || a->rows == 4 || a->rows == 8
                                                     : a->rows == 16 || a->rows == 32;
    if (a->rows != 0 && !rows_ok)
        return rl_error_set(err, "gemv %s: rows per warp must be %s on the %s (got %d)", f->name,
                            path == GEMV_PATH_CUDA_CORES ? "2, 4 or 8" : "16 or 32",
                            path == GEMV_PATH_CUDA_CORES ? "CUDA cores" : "tensor cores", a->rows);
    if (a->split != 0 && a->split != 1 && a->split != 2 && a->split != 4 && a->split != WARPS_PER_BLOCK)
        return rl_error_set(err, "gemv %s: split must be 1, 2, 4 or 8 (got %d)", f->name, a->split);
    const void *x = f->act_bits == 8 ? (const void *)a->x8 : (const void *)a->x;
    if (x == NULL || (f->act_bits == 8 && a->x_scales == NULL))
        return rl_error_set(err, "gemv %s: activations%s missing", f->name, f->act_bits == 8 ? " or their scales" : "");
    if (((uintptr_t)a->w | (uintptr_t)x) % 16 != 0)
        return rl_error_set(err, "gemv %s: weights and activations must be 16-byte aligned", f->name);
    if (f->act_bits == 8 && path != GEMV_PATH_CUDA_CORES)
        return rl_error_set(err, "gemv %s: int8 activations run on the CUDA cores only (dp4a)", f->name);
    if (a->pdl < 0 || a->pdl > 1 || (a->pdl && !gemv_pdl_supported()))
        return rl_error_set(err, "gemv %s: pdl must be 0 or 1, and 1 needs compute capability 9.0 (got %d)",
                            f->name, a->pdl);
    if (a->early_chunks != GEMV_EARLY_NONE && (a->early_chunks < 0 || a->early_chunks > 2))
        return rl_error_set(err, "gemv %s: early_chunks must be 0 (default), 1, 2 or GEMV_EARLY_NONE (got %d)",
                            f->name, a->early_chunks);
    if (a->rows_stored < 0 || (a->rows_stored > 0 && (path != GEMV_PATH_CUDA_CORES || a->batch != 1)))
        return rl_error_set(err, "gemv %s: rows_stored (%d) needs batch 1 on the CUDA cores, and >= 0", f->name,
                            a->rows_stored);
    if (f->act_bits == 8 && a->pdl)
        return rl_error_set(err, "gemv %s: no programmatic dependent launch for int8 activations", f->name);
    if (f->act_bits == 8 && a->k > 65536)
        return rl_error_set(err, "gemv %s: k=%d over 65536 could overflow the int32 dot products", f->name, a->k);
    if (f->scales != SCALE_NONE && (a->scales == NULL || (f->zero_point && a->zeros == NULL)))
        return rl_error_set(err, "gemv %s: scales%s missing", f->name, f->zero_point ? " or zero points" : "");
    return 0;
}

} // namespace

/* Batch 1 stays on the CUDA cores: there the mma path's scaling HFMA2 per
 * weight pair costs more than the CUDA cores' folded zero point (H100,
 * 16384^2: int8 93.5 against 106 us, int2 41.6 against 45.6). From two
 * columns on, the CUDA cores' HFMA2 per weight pair per column costs more
 * than the tensor cores' fixed dequantization (8192^2 batch 2: int4 21.0
 * against 17.4 us), except for fp16, which has no dequantization (49.5
 * against 51.2 us at batch 2; 61.1 against 51.3 at batch 4).
 * scripts/gemv-path-compare.sh measures all of it again. */
extern "C" gemv_path gemv_auto_path(const weight_format *f, int batch)
{
    if (f->act_bits == 8)
        return GEMV_PATH_CUDA_CORES; /* dp4a: gemv_w8a8.cu */
    const int cuda_up_to = f->scales == SCALE_NONE ? 2 : 1;
    return batch <= cuda_up_to ? GEMV_PATH_CUDA_CORES : GEMV_PATH_TENSOR_CORES;
}

extern "C" const char *gemv_compute_unit(const weight_format *f, int batch, int path)
{
    const gemv_path p = path ? (gemv_path)path : gemv_auto_path(f, batch);
    return p == GEMV_PATH_TENSOR_CORES ? "tensor_fp16" : weight_format_batch1_unit(f);
}

extern "C" int gemv_launch(const gemv_args *a, cudaStream_t stream, rl_error *err)
{
    if (check_args(a, err) != 0)
        return -1;
    if (a->format->act_bits == 8) {
        if (gemv_w8a8_launch(a, stream) != 0)
            return rl_error_set(err, "gemv %s: no kernel for int8 activations", a->format->name);
        CUDA_TRY_LAUNCH(err);
        return 0;
    }
    if ((a->path ? (gemv_path)a->path : gemv_auto_path(a->format, a->batch)) == GEMV_PATH_TENSOR_CORES) {
        if (gemv_mma_launch(a, stream) != 0)
            return rl_error_set(err, "gemv: no tensor-core kernel for %u-bit weights", a->format->weight_bits);
        CUDA_TRY_LAUNCH(err);
        return 0;
    }
    switch (a->format->weight_bits) {
    case 16: launch_bits<16, false>(a, stream); break;
    case 8: launch_bits<8, false>(a, stream); break;
    case 4:
        if (a->format->zero_point)
            launch_bits<4, true>(a, stream);
        else
            launch_bits<4, false>(a, stream);
        break;
    case 2: launch_bits<2, false>(a, stream); break;
    default: return rl_error_set(err, "gemv: no kernel for %u-bit weights", a->format->weight_bits);
    }
    CUDA_TRY_LAUNCH(err);
    return 0;
}
