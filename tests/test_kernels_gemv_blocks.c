/* kernels/gemv_blocks.h: the block size of the staged-x GEMV, on the H100's
 * 132 SMs for the shapes it was measured on (bench-log 16), worked by hand:
 *   16384^2 int2: 4096 row groups of 4, split 1, 8 chunks a warp -> 128
 *     blocks of 32 cover 97% of the SMs -> 32;
 *   8192^2 int2: 2048 row groups, split 2 (4096 warps), 2 chunks a warp ->
 *     32 would cover the SMs but the loop is short -> 256 blocks of 16;
 *   14336x4096 int2: 3584 warps, 2 chunks -> 32 (112 blocks) too few
 *     blocks anyway -> 16 (224 blocks);
 *   11008x4096 int2: 2752 warps -> 172 blocks of 16 cover the SMs, but
 *     40 SMs would hold 2 of them (32 warps), where 344 blocks of 8 hold
 *     at most 3 (24 warps) -> 8;
 *   4096^2 int2: 1024 warps -> 16 makes 64 blocks -> 8;
 *   a split of 4 fits blocks of 16 and 32, not one that would cut a group. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gemv_blocks.h"

enum { H100_SMS = 132 };

static void h100_shapes(void **state)
{
    (void)state;
    assert_int_equal(gemv_xs_warps_per_block(4096, 1, 8, H100_SMS), 32);
    assert_int_equal(gemv_xs_warps_per_block(4096, 2, 2, H100_SMS), 16);
    assert_int_equal(gemv_xs_warps_per_block(3584, 1, 2, H100_SMS), 16);
    assert_int_equal(gemv_xs_warps_per_block(1024, 1, 2, H100_SMS), 8);
    assert_int_equal(gemv_xs_warps_per_block(2752, 1, 2, H100_SMS), 8);
}

/* The split rule against the fastest split measured on an H100 (132 SMs:
 * one wave of the tight int4/int2 kernel is 132 x 32 = 4224 warps), shapes
 * of docs/bench-log.md 25; row groups are n / 4, chunks k / (128 / bits). */
static void split_fills_one_wave(void **state)
{
    (void)state;
    /* int4 5120x13824: 1280 groups, 432 chunks. Split 2 is 2560 warps;
     * split 4 would be 5120 > 4224. Measured 16.3 us at 2, 19.6 at 4. */
    assert_int_equal(gemv_split_rule(4, 1280, 432, H100_SMS), 2);
    /* int4 3072x8192: 768 groups, 256 chunks: 4 is 3072 warps, 8 would be
     * 6144. Measured 8.30 us at 4, 9.52 at 8. */
    assert_int_equal(gemv_split_rule(4, 768, 256, H100_SMS), 4);
    /* int4 4096x4096: 1024 groups, 128 chunks: 4 is 4096 <= 4224, one chunk a lane */
    assert_int_equal(gemv_split_rule(4, 1024, 128, H100_SMS), 4);
    /* int2 13824x5120: 3456 groups; 2 would be 6912 warps. 13.9 us at 1, 15.6 at 2 */
    assert_int_equal(gemv_split_rule(2, 3456, 80, H100_SMS), 1);
    /* int2 4096x4096: 1024 groups, 64 chunks: split 4 would leave half a chunk a lane */
    assert_int_equal(gemv_split_rule(2, 1024, 64, H100_SMS), 2);
    /* int2 5632x2048: 1408 groups, 32 chunks: one chunk a lane already at 1 */
    assert_int_equal(gemv_split_rule(2, 1408, 32, H100_SMS), 1);
    /* An Orin Nano's 8 SMs hold 256 warps: 1024 groups already fill four waves */
    assert_int_equal(gemv_split_rule(2, 1024, 64, 8), 1);
    /* int8 and fp16 split while each lane keeps two chunks, whatever the
     * waves: int8 16384^2 (4096 groups, 1024 chunks) to 8; fp16 k = 1024
     * (128 chunks of 8 weights): split 2 leaves each lane 2, split 4 one */
    assert_int_equal(gemv_split_rule(8, 4096, 1024, H100_SMS), 8);
    assert_int_equal(gemv_split_rule(16, 4096, 128, H100_SMS), 2);
}

static void no_sm_more_loaded(void **state)
{
    (void)state;
    assert_int_equal(gemv_most_warps_per_sm(2752, 8, H100_SMS), 24);
    assert_int_equal(gemv_most_warps_per_sm(2752, 16, H100_SMS), 32);
    assert_int_equal(gemv_most_warps_per_sm(4096, 32, H100_SMS), 32);
    assert_int_equal(gemv_most_warps_per_sm(4096, 8, H100_SMS), 32);
}

static void covers_the_sms(void **state)
{
    (void)state;
    /* 125 blocks of 32 cover 94.7% of 132 SMs: not enough; 126 (95.5%) is */
    assert_int_equal(gemv_xs_warps_per_block(125 * 32, 1, 8, H100_SMS), 16);
    assert_int_equal(gemv_xs_warps_per_block(126 * 32, 1, 8, H100_SMS), 32);
    /* Orin's 8 SMs: blocks of 32 as soon as there are 8 of them */
    assert_int_equal(gemv_xs_warps_per_block(8 * 32, 1, 8, 8), 32);
    assert_int_equal(gemv_xs_warps_per_block(7 * 32, 1, 8, 8), 16);
}

static void whole_row_groups(void **state)
{
    (void)state;
    assert_int_equal(gemv_xs_warps_per_block(8192, 8, 8, H100_SMS), 32);
    assert_int_equal(gemv_xs_warps_per_block(8192, 4, 8, H100_SMS), 32);
    /* the default block of 8 holds a split of up to 8 */
    assert_int_equal(gemv_xs_warps_per_block(64, 8, 8, H100_SMS), GEMV_WARPS_PER_BLOCK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(h100_shapes),
        cmocka_unit_test(split_fills_one_wave),
        cmocka_unit_test(covers_the_sms),
        cmocka_unit_test(no_sm_more_loaded),
        cmocka_unit_test(whole_row_groups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
