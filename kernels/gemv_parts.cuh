/* gemv_parts: what the three GEMV kernels (gemv.cu, gemv_mma.cu,
 * gemv_w8a8.cu) share: the block shape, a word of a 16-byte chunk, the
 * fp16 pairs of a 16-byte load, the rows a warp's row group owns, and
 * programmatic dependent launch. */
#ifndef GEMV_PARTS_CUH
#define GEMV_PARTS_CUH

#include <cuda_fp16.h>

#include "dequant.cuh"
#include "gemv_blocks.h"

namespace {

constexpr int WARP = 32;
constexpr int WARPS_PER_BLOCK = GEMV_WARPS_PER_BLOCK;

/* Word i (0..3) of a 16-byte chunk of codes. */
__device__ __forceinline__ unsigned word_of(const uint4 &v, int i)
{
    return i == 0 ? v.x : i == 1 ? v.y : i == 2 ? v.z : v.w;
}

/* The four fp16 pairs of a 16-byte load, in memory order. */
__device__ __forceinline__ void unpack_pairs(const uint4 &v, __half2 *out)
{
    out[0] = as_h2(v.x);
    out[1] = as_h2(v.y);
    out[2] = as_h2(v.z);
    out[3] = as_h2(v.w);
}

/* The CUDA-core kernels' work split: a block of WPB warps (WARPS_PER_BLOCK
 * unless said) covers WPB / split groups of R rows, and the `split` warps of
 * a group share its k. Fills rows (rows past n repeat the last one and are
 * never stored) and says which group and slice this warp is. rows_stored <
 * n: the weights hold only that many rows and row r reads row r mod
 * rows_stored (gemv_args.rows_stored: the issue-roof case keeps them in L2);
 * rows_stored >= n costs one uniform compare a warp. */
struct row_group {
    int warp, lane, slice, row0;
};

template <int R, int WPB = WARPS_PER_BLOCK>
__device__ __forceinline__ row_group row_group_of(int split, int n, int rows_stored, int (&rows)[R])
{
    const int warp = threadIdx.x / WARP, lane = threadIdx.x % WARP;
    const int group = warp / split, slice = warp % split;
    const int row0 = (blockIdx.x * (WPB / split) + group) * R;
#pragma unroll
    for (int r = 0; r < R; r++)
        rows[r] = min(row0 + r, n - 1);
    if (rows_stored < n)
#pragma unroll
        for (int r = 0; r < R; r++)
            rows[r] %= rows_stored;
    return row_group{warp, lane, slice, row0};
}

/* Programmatic dependent launch (compute capability 9.0 on; no-ops before).
 * A kernel launched with programmatic stream serialization (gemv_args.pdl)
 * may start while its predecessor in the stream still runs: whatever does
 * not depend on the predecessor (row pointers, the first weights) goes
 * before pdl_wait(), which returns once the predecessor has completed and
 * its writes are visible. Without that launch attribute both are no-ops.
 * pdl_launch_dependents() at a block's start lets the next kernel's blocks
 * be scheduled once every block of this one has started: they then fill
 * the SMs that this kernel's last blocks leave idle. */
__device__ __forceinline__ void pdl_wait()
{
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.wait;" ::: "memory");
#endif
}

__device__ __forceinline__ void pdl_launch_dependents()
{
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.launch_dependents;" :::);
#endif
}

/* Launches kernel on grid x block threads with dyn_smem bytes of dynamic
 * shared memory; with pdl, as a programmatic dependent of the stream's
 * previous kernel. Errors surface through cudaGetLastError(). */
template <class... P, class... A>
void launch_kernel(void (*kernel)(P...), unsigned grid, unsigned block, size_t dyn_smem, int pdl,
                   cudaStream_t stream, A... args)
{
    if (!pdl) {
        kernel<<<grid, block, dyn_smem, stream>>>(args...);
        return;
    }
    cudaLaunchAttribute attr[1];
    attr[0].id = cudaLaunchAttributeProgrammaticStreamSerialization;
    attr[0].val.programmaticStreamSerializationAllowed = 1;
    cudaLaunchConfig_t cfg = {};
    cfg.gridDim = dim3(grid);
    cfg.blockDim = dim3(block);
    cfg.dynamicSmemBytes = dyn_smem;
    cfg.stream = stream;
    cfg.attrs = attr;
    cfg.numAttrs = 1;
    (void)cudaLaunchKernelEx(&cfg, kernel, static_cast<P>(args)...);
}

} // namespace

#endif
