/* int8 activations (common/act_quant.h): the byte order by hand, the
 * scale, the rounding bound, and a column of zeros. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "act_quant.h"
#include "half.h"
#include "rng.h"

/* x = 0..7 with max 127: s = 1, q = x. Bytes per word: x0 x2 x1 x3. */
static void byte_order_by_hand(void **state)
{
    (void)state;
    uint16_t x[16];
    for (int j = 0; j < 16; j++)
        x[j] = half_from_float(j < 8 ? (float)j : 0.0f);
    x[15] = half_from_float(-127.0f);
    int8_t q[16];
    uint16_t s;
    act_quant_column(x, 16, q, &s);
    assert_true(half_to_float(s) == 1.0f);
    const int8_t want[16] = {0, 2, 1, 3, 4, 6, 5, 7, 0, 0, 0, 0, 0, 0, 0, -127};
    for (int b = 0; b < 16; b++)
        assert_int_equal(q[b], want[b]);
    assert_true(act_quant_value(q, s, 5) == 5.0f);
}

/* Random columns: max|x| maps to +-127 and every value is within half a
 * step (plus the scale's fp16 rounding) of x. */
static void rounding_bound(void **state)
{
    (void)state;
    enum { K = 4096 };
    static uint16_t x[K];
    static int8_t q[K];
    rng r;
    rng_seed(&r, 7);
    for (int j = 0; j < K; j++)
        x[j] = half_from_float(rng_uniform(&r, -3.0f, 3.0f));
    uint16_t s;
    act_quant_column(x, K, q, &s);
    const double step = half_to_float(s);
    int saw_max = 0;
    for (int j = 0; j < K; j++) {
        const double v = half_to_float(x[j]), got = act_quant_value(q, s, (uint64_t)j);
        if (fabs(got - v) > 0.5 * step + 1e-6 * fabs(v) + 1e-3 * step)
            fail_msg("x[%d] = %g became %g (step %g)", j, v, got, step);
        saw_max |= q[act_quant_byte_of((uint64_t)j)] == 127 || q[act_quant_byte_of((uint64_t)j)] == -127;
    }
    assert_true(saw_max);
}

static void zero_column(void **state)
{
    (void)state;
    uint16_t x[16] = {0};
    int8_t q[16];
    uint16_t s = 0xffff;
    act_quant_column(x, 16, q, &s);
    assert_true(half_to_float(s) == 0.0f);
    for (int b = 0; b < 16; b++)
        assert_int_equal(q[b], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(byte_order_by_hand),
        cmocka_unit_test(rounding_bound),
        cmocka_unit_test(zero_column),
    };
    return cmocka_run_group_tests_name("common_act_quant", tests, NULL, NULL);
}
