/* The packed layout and the reference quantizer: hand-built words, code
 * round trips over odd sizes, and the quantization error bound. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "half.h"
#include "quant.h"
#include "rng.h"

static const weight_format *fmt(const char *name)
{
    const weight_format *f = weight_format_find(name);
    assert_non_null(f);
    return f;
}

/* int4: weight 2i at bit 4i, weight 2i+1 at bit 16+4i (quant.h). Codes
 * 0..7 for weights 0..7 give nibbles [0,2,4,6] low and [1,3,5,7] high:
 * 0x7531_6420. */
static void int4_word_layout_by_hand(void **state)
{
    (void)state;
    quant_matrix q;
    assert_int_equal(quant_matrix_alloc(&q, fmt("w4a16_g32"), 1, 32), 0);
    for (uint32_t j = 0; j < 8; j++)
        quant_code_set(&q, 0, j, j);
    uint32_t word = (uint32_t)q.codes[0] | (uint32_t)q.codes[1] << 8 | (uint32_t)q.codes[2] << 16 |
                    (uint32_t)q.codes[3] << 24;
    assert_int_equal(word, 0x75316420u);
    quant_matrix_free(&q);
}

/* int2: 16 per word; weights 0..3 = codes 1,2,3,0 -> bits 0-1 = 1, bits
 * 16-17 = 2, bits 2-3 = 3, bits 18-19 = 0: 0x0002_000d. int8: weights
 * 0..3 = 0x11,0x22,0x33,0x44 -> bytes [0x11,0x33,0x22,0x44]. */
static void int2_and_int8_word_layout_by_hand(void **state)
{
    (void)state;
    quant_matrix q;
    assert_int_equal(quant_matrix_alloc(&q, fmt("w2a16_g64"), 1, 64), 0);
    uint32_t codes[4] = {1, 2, 3, 0};
    for (uint32_t j = 0; j < 4; j++)
        quant_code_set(&q, 0, j, codes[j]);
    uint32_t word = (uint32_t)q.codes[0] | (uint32_t)q.codes[1] << 8 | (uint32_t)q.codes[2] << 16;
    assert_int_equal(word, 0x0002000du);
    quant_matrix_free(&q);

    assert_int_equal(quant_matrix_alloc(&q, fmt("w8a16"), 1, 16), 0);
    for (uint32_t j = 0; j < 4; j++)
        quant_code_set(&q, 0, j, 0x11u * (j + 1));
    assert_int_equal(q.codes[0], 0x11);
    assert_int_equal(q.codes[1], 0x33);
    assert_int_equal(q.codes[2], 0x22);
    assert_int_equal(q.codes[3], 0x44);
    quant_matrix_free(&q);
}

/* Every code set at random is read back, none disturbs a neighbour. */
static void codes_round_trip_over_odd_sizes(void **state)
{
    (void)state;
    const char *names[] = {"w8a16", "w4a16_g32", "w4a16_g128_zp", "w2a16_g64", "w2a16_g128"};
    uint64_t rows[] = {1, 3, 7};
    rng r;
    rng_seed(&r, 99);
    for (size_t f = 0; f < sizeof names / sizeof names[0]; f++)
        for (size_t ri = 0; ri < 3; ri++) {
            const weight_format *wf = fmt(names[f]);
            uint64_t k = 3 * (wf->group_size ? wf->group_size : 16); /* an odd count of groups */
            quant_matrix q;
            assert_int_equal(quant_matrix_alloc(&q, wf, rows[ri], k), 0);
            uint32_t *want = malloc(rows[ri] * k * sizeof *want);
            for (uint64_t i = 0; i < rows[ri] * k; i++) {
                want[i] = (uint32_t)(rng_next_u64(&r) & ((1u << wf->weight_bits) - 1u));
                quant_code_set(&q, i / k, i % k, want[i]);
            }
            for (uint64_t i = 0; i < rows[ri] * k; i++)
                assert_int_equal(quant_code_get(&q, i / k, i % k), want[i]);
            free(want);
            quant_matrix_free(&q);
        }
}

/* Each weight is within half a step (s/2) of its dequantized value, with
 * s the stored fp16 scale; the largest magnitude of a symmetric group is
 * hit to within fp16 rounding of s. */
static void quantization_error_is_within_half_a_step(void **state)
{
    (void)state;
    const char *names[] = {"w8a16", "w4a16_g128", "w4a16_g32", "w4a16_g128_zp", "w2a16_g64"};
    uint64_t n = 5, k = 256;
    float *w = malloc(n * k * sizeof *w), *back = malloc(k * sizeof *back);
    rng r;
    rng_seed(&r, 7);
    for (uint64_t i = 0; i < n * k; i++)
        w[i] = rng_uniform(&r, -2.0f, 3.0f);
    for (size_t f = 0; f < sizeof names / sizeof names[0]; f++) {
        const weight_format *wf = fmt(names[f]);
        quant_matrix q;
        assert_int_equal(quant_matrix_alloc(&q, wf, n, k), 0);
        quant_quantize(w, &q);
        uint64_t g = quant_group_size(wf, k);
        for (uint64_t row = 0; row < n; row++) {
            quant_dequant_row(&q, row, back);
            for (uint64_t j = 0; j < k; j++) {
                double s = half_to_float(q.scales[row * (k / g) + j / g]);
                /* half a step, plus what fp16 rounding of s and z can move */
                double bound = 0.5 * s + 0.01 * s + 1e-3 * fabs(w[row * k + j]);
                if (fabs(back[j] - w[row * k + j]) > bound)
                    fail_msg("%s row %llu col %llu: %g vs %g (s=%g)", names[f], (unsigned long long)row,
                             (unsigned long long)j, back[j], w[row * k + j], s);
            }
        }
        quant_matrix_free(&q);
    }
    free(w);
    free(back);
}

static void zero_group_dequantizes_to_zero(void **state)
{
    (void)state;
    quant_matrix q;
    float w[32] = {0};
    float back[32];
    assert_int_equal(quant_matrix_alloc(&q, fmt("w4a16_g32"), 1, 32), 0);
    quant_quantize(w, &q);
    quant_dequant_row(&q, 0, back);
    for (int j = 0; j < 32; j++)
        assert_float_equal(back[j], 0.0, 0.0);
    quant_matrix_free(&q);
}

static void shapes_the_layout_cannot_hold(void **state)
{
    (void)state;
    quant_matrix q;
    assert_int_equal(quant_matrix_alloc(&q, fmt("w4a16_g128"), 4, 96), -1); /* k % 128 */
    assert_int_equal(quant_matrix_alloc(&q, fmt("w8a16"), 4, 24), -1);      /* 24 bytes: not 16-aligned rows */
    assert_int_equal(quant_matrix_alloc(&q, fmt("fp16"), 4, 64), -1);       /* not an integer format */
    assert_int_equal(quant_matrix_alloc(&q, fmt("w2a16_g64"), 0, 64), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(int4_word_layout_by_hand),
        cmocka_unit_test(int2_and_int8_word_layout_by_hand),
        cmocka_unit_test(codes_round_trip_over_odd_sizes),
        cmocka_unit_test(quantization_error_is_within_half_a_step),
        cmocka_unit_test(zero_group_dequantizes_to_zero),
        cmocka_unit_test(shapes_the_layout_cannot_hold),
    };
    return cmocka_run_group_tests_name("common_quant", tests, NULL, NULL);
}
