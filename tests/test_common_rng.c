/* common/rng: splitmix64 against its published reference outputs (seed 0:
 * 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f), the
 * per-stream seeding that measure's parallel fills use (same stream, same
 * numbers; another stream, other numbers; the formula the archived runs'
 * check data came from), and rng_uniform's range. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rng.h"

static void splitmix64_reference(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 0);
    assert_true(rng_next_u64(&r) == 0xe220a8397b1dcdafull);
    assert_true(rng_next_u64(&r) == 0x6e789e6aa1b965f4ull);
    assert_true(rng_next_u64(&r) == 0x06c45d188009454full);
}

static void streams(void **state)
{
    (void)state;
    rng a, b, c, d;
    rng_seed_stream(&a, 42, 7);
    rng_seed_stream(&b, 42, 7);
    rng_seed_stream(&c, 42, 8);
    /* stream s of seed x starts from x ^ (golden ratio constant * (s + 1)) */
    rng_seed(&d, 42 ^ (0x9e3779b97f4a7c15ull * 8));
    for (int i = 0; i < 4; i++) {
        const uint64_t va = rng_next_u64(&a), vc = rng_next_u64(&c);
        assert_true(va == rng_next_u64(&b));
        assert_true(va == rng_next_u64(&d));
        assert_true(va != vc);
    }
}

static void uniform_range(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 3);
    float lo = 1.0f, hi = -1.0f;
    for (int i = 0; i < 100000; i++) {
        const float v = rng_uniform(&r, -1.0f, 1.0f);
        assert_true(v >= -1.0f && v < 1.0f);
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
    }
    assert_true(lo < -0.999f && hi > 0.999f); /* it covers the range */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(splitmix64_reference),
        cmocka_unit_test(streams),
        cmocka_unit_test(uniform_range),
    };
    return cmocka_run_group_tests_name("common_rng", tests, NULL, NULL);
}
