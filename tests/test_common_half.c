/* half conversions against the compiler's own _Float16 (an independent
 * IEEE 754 binary16 implementation), over every half and many floats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "half.h"
#include "rng.h"

/* _Float16 is a GCC/Clang extension on x86-64: the independent reference. */
__extension__ typedef _Float16 ref_half;

static uint16_t ref_bits(float f)
{
    ref_half h = (ref_half)f;
    uint16_t u;
    memcpy(&u, &h, sizeof u);
    return u;
}

static void every_half_round_trips(void **state)
{
    (void)state;
    for (uint32_t u = 0; u <= 0xffffu; u++) {
        ref_half h;
        uint16_t bits = (uint16_t)u;
        memcpy(&h, &bits, sizeof h);
        float want = (float)h;
        float got = half_to_float(bits);
        if (want != want) { /* NaN stays NaN */
            assert_true(got != got);
            continue;
        }
        assert_memory_equal(&got, &want, sizeof got);
        assert_int_equal(half_from_float(got), bits);
    }
}

static void random_floats_round_like_the_compiler(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 12345);
    for (int i = 0; i < 2000000; i++) {
        uint32_t bits = (uint32_t)rng_next_u64(&r);
        float f;
        memcpy(&f, &bits, sizeof f);
        if (f != f)
            continue;
        assert_int_equal(half_from_float(f), ref_bits(f));
    }
}

static void hand_picked_values(void **state)
{
    (void)state;
    assert_int_equal(half_from_float(1.0f), 0x3c00);
    assert_int_equal(half_from_float(-2.0f), 0xc000);
    assert_int_equal(half_from_float(65504.0f), 0x7bff);
    assert_int_equal(half_from_float(65520.0f), 0x7c00);      /* rounds up to inf */
    assert_int_equal(half_from_float(5.9604645e-8f), 0x0001); /* 2^-24, smallest subnormal */
    assert_int_equal(half_from_float(2.9802322e-8f), 0x0000); /* 2^-25: tie, rounds to even 0 */
    assert_int_equal(half_from_float(1.0009765625f), 0x3c01); /* 1 + 2^-10 */
    assert_int_equal(half_from_float(1.00048828125f), 0x3c00); /* 1 + 2^-11: tie to even */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_half_round_trips),
        cmocka_unit_test(random_floats_round_like_the_compiler),
        cmocka_unit_test(hand_picked_values),
    };
    return cmocka_run_group_tests_name("common_half", tests, NULL, NULL);
}
