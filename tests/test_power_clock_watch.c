/* Clock-change flagging: readings folded by hand, each rule on its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "clock_watch.h"

static power_reading mhz(double v)
{
    return (power_reading){1, v};
}

static const power_reading NOT_REPORTED = {0, 0.0};

static void steady_clock_is_not_flagged(void **state)
{
    (void)state;
    clock_watch cw;
    clock_watch_init(&cw);
    clock_watch_add(&cw, mhz(1980), 1, 0x0);
    clock_watch_add(&cw, mhz(1980), 1, 0x0);
    clock_watch_add(&cw, mhz(1965), 1, 0x10); /* one step, sync boost: fine */
    assert_int_equal(cw.readings, 3);
    assert_float_equal(cw.sm_min_mhz, 1965, 0);
    assert_float_equal(cw.sm_max_mhz, 1980, 0);
    assert_int_equal(clock_watch_throttled(&cw), 0);
    assert_int_equal(clock_watch_changed(&cw), 0);
}

static void a_moving_clock_is_flagged(void **state)
{
    (void)state;
    clock_watch cw;
    clock_watch_init(&cw);
    clock_watch_add(&cw, mhz(1980), 1, 0x0);
    clock_watch_add(&cw, mhz(1950), 1, 0x0); /* 30 MHz: two steps */
    assert_int_equal(clock_watch_throttled(&cw), 0);
    assert_int_equal(clock_watch_changed(&cw), 1);
}

/* The H100 GEMM knee at batch 8192: 0x4 (SW power cap), 1440 MHz steady */
static void power_cap_is_flagged_even_at_a_steady_clock(void **state)
{
    (void)state;
    clock_watch cw;
    clock_watch_init(&cw);
    clock_watch_add(&cw, mhz(1440), 1, 0x4);
    clock_watch_add(&cw, mhz(1440), 1, 0x4);
    assert_int_equal(clock_watch_throttled(&cw), 1);
    assert_int_equal(clock_watch_changed(&cw), 1);
    clock_watch_init(&cw);
    clock_watch_add(&cw, mhz(1980), 1, 0x40); /* HW thermal slowdown */
    assert_int_equal(clock_watch_throttled(&cw), 1);
}

static void nothing_reported_is_unknown_not_zero(void **state)
{
    (void)state;
    clock_watch cw;
    clock_watch_init(&cw);
    assert_int_equal(clock_watch_changed(&cw), -1);
    clock_watch_add(&cw, NOT_REPORTED, 0, 0x4); /* reasons not valid: ignored */
    assert_int_equal(cw.readings, 0);
    assert_int_equal(clock_watch_changed(&cw), -1);
    clock_watch_add(&cw, NOT_REPORTED, 1, 0x1); /* idle only */
    assert_int_equal(clock_watch_changed(&cw), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(steady_clock_is_not_flagged),
        cmocka_unit_test(a_moving_clock_is_flagged),
        cmocka_unit_test(power_cap_is_flagged_even_at_a_steady_clock),
        cmocka_unit_test(nothing_reported_is_unknown_not_zero),
    };
    return cmocka_run_group_tests_name("power_clock_watch", tests, NULL, NULL);
}
