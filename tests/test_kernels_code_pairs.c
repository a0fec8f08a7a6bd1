/* kernels/code_pairs.h against common/quant.c's packer: for every pair of
 * a 16-byte chunk, the word, shift, mask and fp16 exponent that the
 * batch-1 tensor-core GEMV (gemv_mma_b1.cu) uses must read back exactly
 * 2^e + u of the two codes that quant_code_set() put there. The OR is done
 * here in C on the packed bytes, and the halves decoded by half.c. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "code_pairs.h"
#include "half.h"
#include "quant.h"
#include "rng.h"

static uint32_t word_at(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* One row of K_ROW weights (whole groups of every format), random codes,
 * every pair of every chunk. */
enum { K_ROW = 256 };

static void check_format(const char *name, uint64_t seed)
{
    const weight_format *f = weight_format_find(name);
    assert_non_null(f);
    const int bits = (int)f->weight_bits, cw = 128 / bits, pairs = cw / 2, chunks = K_ROW / cw;
    quant_matrix q;
    assert_int_equal(quant_matrix_alloc(&q, f, 1, K_ROW), 0);
    rng r;
    rng_seed(&r, seed);
    for (int k = 0; k < K_ROW; k++)
        quant_code_set(&q, 0, (uint64_t)k, (uint32_t)(rng_next_u64(&r) % (1u << bits)));
    int pos_seen[8] = {0};
    for (int c = 0; c < chunks; c++)
        for (int p = 0; p < pairs; p++) {
            const int pos = code_pair_pos(bits, p);
            const uint32_t w = word_at(q.codes + 16 * c + 4 * code_pair_word(bits, p)) >> code_pair_shift(bits, p);
            const uint32_t mask = code_mask_half(bits, pos) * 0x10001u, magic = code_magic_half(bits, pos) * 0x10001u;
            const uint32_t v = (w & mask) | magic;
            const double base = ldexp(1.0, code_magic_exp(bits, pos));
            assert_true(half_to_float((uint16_t)code_magic_half(bits, pos)) == base);
            for (int h = 0; h < 2; h++) {
                const uint64_t k = (uint64_t)(c * cw + 2 * p + h);
                const double got = half_to_float((uint16_t)(v >> (16 * h)));
                if (got != base + quant_code_get(&q, 0, k))
                    fail_msg("%s chunk %d pair %d half %d: read %g, want 2^%d + %u", name, c, p, h, got,
                             code_magic_exp(bits, pos), quant_code_get(&q, 0, k));
            }
            pos_seen[pos]++;
        }
    /* every position of a byte is used, equally often */
    for (int pos = 0; pos < code_pos_per_byte(bits); pos++)
        assert_int_equal(pos_seen[pos], chunks * pairs / code_pos_per_byte(bits));
    quant_matrix_free(&q);
}

static void int2_pairs(void **state)
{
    (void)state;
    check_format("w2a16_g64", 11);
}

static void int4_pairs(void **state)
{
    (void)state;
    check_format("w4a16_g32", 12);
}

static void int4_zero_point_pairs(void **state)
{
    (void)state;
    check_format("w4a16_g128_zp", 13);
}

static void int8_pairs(void **state)
{
    (void)state;
    check_format("w8a16", 14);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(int2_pairs),
        cmocka_unit_test(int4_pairs),
        cmocka_unit_test(int4_zero_point_pairs),
        cmocka_unit_test(int8_pairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
