/* gemv_blocks: the block size of the batch-1 CUDA-core GEMV where x is
 * staged in shared memory (gemv.cu). Usable from C, for the tests.
 *
 * Each block first loads all of x (k * 2 bytes) from L2, and blocks that
 * start together on one SM all miss in L1: at 16384^2, 512 blocks of 8 warps
 * read 16 MiB, about 2 us of L2 bandwidth before the first weight is used.
 * Fewer, larger blocks read less, as long as they still cover the SMs (95%
 * of them). 32 warps only where each warp walks 8 chunks or more: a block
 * waits for its slowest warp at the staging barrier. On an H100, int2 us
 * for blocks of 8 / 16 / 32 warps: 16384^2 30.9 / 29.7 / 29.2; 8192^2
 * (2 chunks a warp) 11.3 / 10.9 / 11.4; 14336x4096 (112 blocks of 32)
 * 10.6 / 10.5 / 10.9 (docs/bench-log.md, 16). */
#ifndef GEMV_BLOCKS_H
#define GEMV_BLOCKS_H

enum { GEMV_WARPS_PER_BLOCK = 8, GEMV_XS_WARPS_MAX = 32 };

/* warps: the grid's warps (row groups x split); split: warps sharing a row
 * group, which a block must hold whole; sms: the GPU's multiprocessors. */
static inline int gemv_xs_warps_per_block(int warps, int split, int chunks_per_warp, int sms)
{
    for (int wpb = GEMV_XS_WARPS_MAX; wpb > GEMV_WARPS_PER_BLOCK; wpb /= 2) {
        const int blocks = (warps + wpb - 1) / wpb;
        if (wpb % split == 0 && blocks * 20 >= sms * 19 && (wpb < 32 || chunks_per_warp >= 8))
            return wpb;
    }
    return GEMV_WARPS_PER_BLOCK;
}

#endif
