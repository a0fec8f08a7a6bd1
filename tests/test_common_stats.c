/* Order statistics against values worked out by hand (numpy's linear rule). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "stats.h"

static void odd_and_even_counts(void **state)
{
    (void)state;
    double a[] = {5, 1, 4, 2, 3};
    time_stats s;
    assert_int_equal(time_stats_compute(a, 5, &s), 0);
    assert_float_equal(s.median_us, 3.0, 1e-12);
    assert_float_equal(s.min_us, 1.0, 1e-12);
    /* p90: position 0.9*4 = 3.6 -> 4 + 0.6*(5-4) */
    assert_float_equal(s.p90_us, 4.6, 1e-12);
    double b[] = {10, 40, 20, 30};
    assert_int_equal(time_stats_compute(b, 4, &s), 0);
    assert_float_equal(s.median_us, 25.0, 1e-12); /* position 1.5 */
    assert_float_equal(s.p90_us, 37.0, 1e-12);    /* position 2.7: 30 + 0.7*10 */
    assert_int_equal(s.reps, 4);
}

static void single_and_empty(void **state)
{
    (void)state;
    double a[] = {7.5};
    time_stats s;
    assert_int_equal(time_stats_compute(a, 1, &s), 0);
    assert_float_equal(s.median_us, 7.5, 1e-12);
    assert_float_equal(s.p90_us, 7.5, 1e-12);
    assert_int_equal(time_stats_compute(a, 0, &s), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(odd_and_even_counts),
        cmocka_unit_test(single_and_empty),
    };
    return cmocka_run_group_tests_name("common_stats", tests, NULL, NULL);
}
