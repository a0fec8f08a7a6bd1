/* gemv_blocks: how the batch-1 CUDA-core GEMV (gemv.cu) splits k across a
 * block's warps (gemv_split_rule, below), and the block size where x is
 * staged in shared memory (gemv.cu). Usable from C, for the tests.
 *
 * Each block first loads all of x (k * 2 bytes) from L2, and blocks that
 * start together on one SM all miss in L1: at 16384^2, 512 blocks of 8 warps
 * read 16 MiB, about 2 us of L2 bandwidth before the first weight is used.
 * Fewer, larger blocks read less, as long as they still cover the SMs (95%
 * of them) and load no SM with more warps than blocks of 8 would. 32 warps
 * only where each warp walks 8 chunks or more: a block waits for its
 * slowest warp at the staging barrier. On an H100, int2 us for blocks of
 * 8 / 16 / 32 warps: 16384^2 30.9 / 29.7 / 29.2; 8192^2 (2 chunks a warp)
 * 11.3 / 10.9 / 11.4; 14336x4096 (112 blocks of 32) 10.6 / 10.5 / 10.9; and
 * 11008x4096, where 172 blocks of 16 put 32 warps on 40 SMs against at most
 * 24 with blocks of 8, 9.5 us with 8 and 10.7-10.9 with 16 in two full runs
 * (docs/bench-log.md, 16 and 19). */
#ifndef GEMV_BLOCKS_H
#define GEMV_BLOCKS_H

enum { GEMV_WARPS_PER_BLOCK = 8, GEMV_XS_WARPS_MAX = 32 };

/* warps: the grid's warps (row groups x split); split: warps sharing a row
 * group, which a block must hold whole; sms: the GPU's multiprocessors. */
/* The most warps any SM gets with blocks of wpb warps, all resident. */
static inline int gemv_most_warps_per_sm(int warps, int wpb, int sms)
{
    const int blocks = (warps + wpb - 1) / wpb;
    return (blocks + sms - 1) / sms * wpb;
}

static inline int gemv_xs_warps_per_block(int warps, int split, int chunks_per_warp, int sms)
{
    const int most = gemv_most_warps_per_sm(warps, GEMV_WARPS_PER_BLOCK, sms);
    for (int wpb = GEMV_XS_WARPS_MAX; wpb > GEMV_WARPS_PER_BLOCK; wpb /= 2) {
        const int blocks = (warps + wpb - 1) / wpb;
        if (wpb % split == 0 && blocks * 20 >= sms * 19 && gemv_most_warps_per_sm(warps, wpb, sms) <= most &&
            (wpb < 32 || chunks_per_warp >= 8))
            return wpb;
    }
    return GEMV_WARPS_PER_BLOCK;
}

/* Warps of a block that share one row group of the batch-1 CUDA-core GEMV
 * (they split k), for a launch of row_groups groups of k / (128 / bits)
 * 16-byte chunks on sms SMs.
 *
 * Bandwidth-bound fp16 and int8 split as far as each lane keeps two chunks
 * (int8 16384^2 on an H100: 91.2 us split 8, 92.0 split 4, 93.1 split 2).
 *
 * Dequantization-bound int4 and int2 split while the doubled launch still
 * fits in one wave, sms x GEMV_TIGHT_WARPS_PER_SM warps (their kernel is
 * capped for four blocks of 8 warps an SM), and each lane keeps a chunk:
 * warps past one wave run as a tail on a few SMs, issue-bound while the
 * rest idle. Every batch-1 shape of the full run, int2 and int4, split 1,
 * 2, 4 and 8 on an H100 (docs/bench-log.md 25): this rule picks the fastest
 * split or one within 2% of it at 24 of the 28, and is never slower than the
 * rule before it, which split while the row groups were under 4096 warps
 * and so doubled past the wave (int4 5120x13824: split 4, 19.6 us; split 2,
 * 16.3; int2 13824x5120: split 2, 15.6; split 1, 13.9). */
enum { GEMV_TIGHT_WARPS_PER_SM = 32, GEMV_WARP_LANES = 32 };

static inline int gemv_split_rule(int bits, int row_groups, int chunks, int sms)
{
    const long max_warps = (long)(sms > 0 ? sms : 1) * GEMV_TIGHT_WARPS_PER_SM;
    int split = 1;
    while (split < GEMV_WARPS_PER_BLOCK) {
        const int lane_chunks = chunks / (split * 2 * GEMV_WARP_LANES); /* each lane's, after doubling */
        const int ok = bits >= 8 ? lane_chunks >= 2 : (long)row_groups * split * 2 <= max_warps && lane_chunks >= 1;
        if (!ok)
            break;
        split *= 2;
    }
    return split;
}

#endif
