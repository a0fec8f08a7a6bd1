/* Byte and flop counts per format, computed by hand from DESIGN.md's rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "formats.h"
#include "workloads.h"

static void gemv_fp16_counts(void **state)
{
    (void)state;
    workload_count c;
    assert_int_equal(workload_count_case("gemv", "fp16", 8192, 8192, 1, &c), 0);
    /* 2*8192*8192 + 2*8192 (x) + 2*8192 (y) = 134217728 + 16384 + 16384 */
    assert_int_equal(c.bytes, 134250496u);
    assert_int_equal(c.flop, 134217728u); /* 2*8192*8192 */
    assert_int_equal(workload_count_case("gemv", "fp16", 4096, 11008, 4, &c), 0);
    /* 2*4096*11008 + 2*11008*4 + 2*4096*4 = 90177536 + 88064 + 32768 */
    assert_int_equal(c.bytes, 90298368u);
    assert_int_equal(c.flop, 360710144u); /* 2*4096*11008*4 */
}

static void quantized_counts(void **state)
{
    (void)state;
    workload_count c;
    /* w8a16: n*k + 2n scales + 2k + 2n = 16777216 + 8192 + 8192 + 8192 */
    assert_int_equal(workload_count_case("gemv", "w8a16", 4096, 4096, 1, &c), 0);
    assert_int_equal(c.bytes, 16801792u);
    /* w4a16_g128: nk/2 + 2nk/128 + 2k + 2n = 8388608 + 262144 + 8192 + 8192 */
    assert_int_equal(workload_count_case("gemv", "w4a16_g128", 4096, 4096, 1, &c), 0);
    assert_int_equal(c.bytes, 8667136u);
    /* w2a16_g64: nk/4 + 2nk/64 + 2k + 2n = 4194304 + 524288 + 8192 + 8192 */
    assert_int_equal(workload_count_case("gemv", "w2a16_g64", 4096, 4096, 1, &c), 0);
    assert_int_equal(c.bytes, 4734976u);
    /* w8a8 at batch 4: n*k + 2n weight scales + k*4 int8 activations + 2*4
     * activation scales + 2n*4 outputs = 16777216 + 8192 + 16384 + 8 + 32768 */
    assert_int_equal(workload_count_case("gemv", "w8a8", 4096, 4096, 4, &c), 0);
    assert_int_equal(c.bytes, 16834568u);
    assert_int_equal(c.flop, 2u * 4096 * 4096 * 4);
}

static void bits_per_weight_and_ideal_speedups(void **state)
{
    (void)state;
    /* DESIGN.md: ideal speedup = 16 / bits: 1.98 (w8a16 ~ 8 bits), 3.88, 7.11 */
    assert_float_equal(weight_format_bits_per_weight(weight_format_find("w4a16_g128")), 4.125, 1e-12);
    assert_float_equal(weight_format_bits_per_weight(weight_format_find("w2a16_g64")), 2.25, 1e-12);
    assert_float_equal(16.0 / weight_format_bits_per_weight(weight_format_find("w2a16_g64")), 7.111, 1e-3);
    assert_float_equal(weight_format_bits_per_weight(weight_format_find("fp16")), 16.0, 1e-12);
}

static void bad_shapes_are_rejected(void **state)
{
    (void)state;
    workload_count c;
    assert_int_equal(workload_count_case("gemv", "w4a16_g128", 4096, 4000, 1, &c), -1); /* k % 128 */
    assert_int_equal(workload_count_case("gemv", "fp16", 0, 4096, 1, &c), -1);
    assert_int_equal(workload_count_case("gemv", "fp16", 16, 16, 0, &c), -1);
    assert_int_equal(workload_count_case("gemv", "int3", 16, 16, 1, &c), -1);
    assert_int_equal(workload_count_case("nope", "fp16", 16, 16, 1, &c), -1);
}

static void stream_read_counts(void **state)
{
    (void)state;
    workload_count c;
    assert_int_equal(workload_count_case("stream_read", "fp32", 268435456, 1, 1, &c), 0);
    assert_int_equal(c.bytes, 1073741824u); /* 4 bytes per element read, nothing written */
    assert_int_equal(c.flop, 268435456u);
    assert_int_equal(workload_count_case("stream_read", "fp16", 16, 1, 1, &c), -1);
}

/* An L2-resident read: 3276800 floats (12.5 MiB, a quarter of a 50 MiB L2)
 * read 82 times in one call. */
static void stream_read_l2_counts(void **state)
{
    (void)state;
    workload_count c;
    assert_int_equal(workload_count_case("stream_read_l2", "fp32", 3276800, 82, 1, &c), 0);
    assert_int_equal(c.bytes, 1074790400u); /* 4 * 3276800 * 82: every pass counted */
    assert_int_equal(c.flop, 268697600u);   /* 3276800 * 82, one add each */
    assert_int_equal(workload_count_case("stream_read_l2", "fp32", 1000, 3, 1, &c), 0);
    assert_int_equal(c.bytes, 12000u);
    assert_int_equal(c.flop, 3000u);
    assert_int_equal(workload_count_case("stream_read_l2", "fp32", 1000, 0, 1, &c), -1); /* no pass */
    assert_int_equal(workload_count_case("stream_read_l2", "fp64", 1000, 3, 1, &c), -1);
    assert_int_equal(workload_count_case("stream_read_l2", "fp32", 1000, 3, 2, &c), -1);
    /* the level the model predicts each against */
    assert_int_equal(workload_is_l2("stream_read_l2"), 1);
    assert_int_equal(workload_is_l2("stream_read"), 0);
    assert_int_equal(workload_is_l2("nope"), 0);
    assert_int_equal(workload_find("stream_read_l2")->memory, WORKLOAD_L2);
    assert_string_equal(workload_memory_name(WORKLOAD_L2), "l2");
    assert_string_equal(workload_memory_name(workload_find("gemv")->memory), "dram");
}

/* int8 A and B, int32 C. */
static void gemm_int8_counts(void **state)
{
    (void)state;
    workload_count c;
    assert_int_equal(workload_count_case("gemm_int8_cublas", "int8", 16384, 16384, 16384, &c), 0);
    /* 16384^2 (W) + 16384^2 (x) + 4 * 16384^2 (y) = 6 * 268435456 */
    assert_int_equal(c.bytes, 1610612736u);
    assert_int_equal(c.flop, 8796093022208u); /* 2 * 16384^3 */
    assert_int_equal(workload_count_case("gemm_int8_cublas", "int8", 1000, 1032, 300, &c), 0);
    /* 1000*1032 + 1032*300 + 4*1000*300 = 1032000 + 309600 + 1200000 */
    assert_int_equal(c.bytes, 2541600u);
    assert_int_equal(c.flop, 619200000u); /* 2 * 1000 * 1032 * 300 */
    assert_string_equal(workload_find("gemm_int8_cublas")->compute_unit, "tensor_int8");
    assert_int_equal(workload_count_case("gemm_int8_cublas", "fp16", 16, 16, 16, &c), -1);
    assert_int_equal(workload_count_case("gemm_int8_cublas", "int8", 16, 16, 0, &c), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gemv_fp16_counts),
        cmocka_unit_test(quantized_counts),
        cmocka_unit_test(bits_per_weight_and_ideal_speedups),
        cmocka_unit_test(bad_shapes_are_rejected),
        cmocka_unit_test(stream_read_counts),
        cmocka_unit_test(stream_read_l2_counts),
        cmocka_unit_test(gemm_int8_counts),
    };
    return cmocka_run_group_tests_name("common_counting", tests, NULL, NULL);
}
