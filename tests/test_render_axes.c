/* The data-to-page transform, log and linear, against positions computed
 * by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

#include "../render/charts/chart_axes.h"

static void maps_decades_linearly(void **state)
{
    (void)state;
    /* 4 decades over 400 points: 100 points per decade. */
    log_axis x = {0.1, 1000.0, 100.0, 500.0, AXIS_LOG, 0.0};
    assert_float_equal(log_axis_map(&x, 0.1), 100.0, 1e-9);
    assert_float_equal(log_axis_map(&x, 1.0), 200.0, 1e-9);
    assert_float_equal(log_axis_map(&x, 10.0), 300.0, 1e-9);
    assert_float_equal(log_axis_map(&x, 1000.0), 500.0, 1e-9);
    /* sqrt(10) * 10 is half a decade above 10; 2 is log10(2) = 0.30103 of one. */
    assert_float_equal(log_axis_map(&x, sqrt(10.0) * 10.0), 350.0, 1e-9);
    assert_float_equal(log_axis_map(&x, 2.0), 230.103, 1e-3);
    /* Outside the range still maps (the canvas clips it). */
    assert_float_equal(log_axis_map(&x, 10000.0), 600.0, 1e-9);
}

static void y_axis_runs_up_the_page(void **state)
{
    (void)state;
    /* GFLOP/s 10..1e6 from page y 400 (bottom) to 100 (top): 60 points a decade. */
    log_axis y = {10.0, 1e6, 400.0, 100.0, AXIS_LOG, 0.0};
    assert_float_equal(log_axis_map(&y, 10.0), 400.0, 1e-9);
    assert_float_equal(log_axis_map(&y, 1000.0), 280.0, 1e-9);
    assert_float_equal(log_axis_map(&y, 3352.0), 400.0 - 60.0 * (log10(3352.0) - 1.0), 1e-9);
    assert_float_equal(log_axis_unmap(&y, 280.0), 1000.0, 1e-9);
}

static void zero_and_negative_are_not_drawable(void **state)
{
    (void)state;
    log_axis x = {0.1, 1000.0, 100.0, 500.0, AXIS_LOG, 0.0};
    assert_true(isnan(log_axis_map(&x, 0.0)));
    assert_true(isnan(log_axis_map(&x, -1.0)));
    assert_true(isnan(log_axis_map(&x, INFINITY)));
    assert_true(isnan(log_axis_map(&x, NAN)));
}

static void fit_widens_to_whole_decades(void **state)
{
    (void)state;
    double lo, hi;
    log_axis_fit(3.0, 250.0, &lo, &hi);
    assert_float_equal(lo, 1.0, 1e-12);
    assert_float_equal(hi, 1000.0, 1e-9);
    log_axis_fit(10.0, 10.0, &lo, &hi); /* one value: still one decade */
    assert_float_equal(lo, 10.0, 1e-12);
    assert_float_equal(hi, 100.0, 1e-9);
    log_axis_fit(0.25 / 1.5, 989400.0 * 2.5, &lo, &hi);
    assert_float_equal(lo, 0.1, 1e-12);
    assert_float_equal(hi, 1e7, 1e-3);
    /* Rounding noise just above a decade does not open the next one. */
    log_axis_fit(1.0, 1000.0 * (1.0 + 1e-13), &lo, &hi);
    assert_float_equal(hi, 1000.0, 1e-9);
}

static void decades_and_their_labels(void **state)
{
    (void)state;
    log_axis x = {0.01, 1000.0, 0.0, 1.0, AXIS_LOG, 0.0};
    double d[16];
    char label[32];
    assert_int_equal(log_axis_decades(&x, d, 16), 6);
    assert_float_equal(d[0], 0.01, 1e-15);
    assert_float_equal(d[5], 1000.0, 1e-9);
    assert_int_equal(log_axis_decades(&x, d, 3), 3); /* never more than asked */
    assert_true(log_axis_plain_labels(&x));
    log_axis_label(0.01, 1, label, sizeof label);
    assert_string_equal(label, "0.01");
    log_axis_label(1000.0, 1, label, sizeof label);
    assert_string_equal(label, "1000");
    log_axis y = {10.0, 1e6, 0.0, 1.0, AXIS_LOG, 0.0};
    assert_false(log_axis_plain_labels(&y));
    log_axis_label(1e5, 0, label, sizeof label);
    assert_string_equal(label, "10\u2075");
    log_axis_label(1e-12, 0, label, sizeof label);
    assert_string_equal(label, "10\u207b\u00b9\u00b2");
}

static void slope_angle_follows_decade_lengths(void **state)
{
    (void)state;
    log_axis x = {1.0, 1000.0, 0.0, 300.0, AXIS_LOG, 0.0};   /* 100 points a decade */
    log_axis y = {1.0, 1000.0, 300.0, 0.0, AXIS_LOG, 0.0};   /* 100 points a decade, upwards */
    assert_float_equal(log_axes_slope_angle(&x, &y), 45.0, 1e-9);
    log_axis flat = {1.0, 1000.0, 150.0, 0.0, AXIS_LOG, 0.0}; /* 50 points a decade */
    assert_float_equal(log_axes_slope_angle(&x, &flat), atan(0.5) * 180.0 / M_PI, 1e-9);
}

static void linear_axis_maps_and_inverts(void **state)
{
    (void)state;
    /* 0..2.5 over 62..522: 184 points per unit. */
    chart_axis x = {0.0, 2.5, 62.0, 522.0, AXIS_LINEAR, 0.0};
    assert_float_equal(axis_map(&x, 0.0), 62.0, 1e-9);
    assert_float_equal(axis_map(&x, 2.0), 62.0 + 2.0 * 184.0, 1e-9);
    assert_float_equal(axis_map(&x, -1.0), 62.0 - 184.0, 1e-9); /* zero and below are drawable */
    assert_float_equal(axis_unmap(&x, 430.0), 2.0, 1e-9);
    assert_true(isnan(axis_map(&x, NAN)));
    /* A log axis through the generic call, and its default scale. */
    chart_axis l = {1.0, 100.0, 0.0, 200.0, AXIS_LOG, 0.0};
    assert_int_equal(l.scale, AXIS_LOG);
    assert_float_equal(axis_map(&l, 10.0), 100.0, 1e-9);
    assert_true(isnan(axis_map(&l, 0.0)));
}

static void linear_fit_takes_round_steps(void **state)
{
    (void)state;
    double lo, hi;
    /* 2.4 / 6 = 0.4 -> step 0.5 -> [0, 2.5] */
    assert_float_equal(lin_axis_step(2.4, 6), 0.5, 1e-12);
    lin_axis_fit(0.0, 2.4, 6, &lo, &hi);
    assert_float_equal(lo, 0.0, 1e-12);
    assert_float_equal(hi, 2.5, 1e-12);
    /* 370.4 / 6 = 61.7 -> step 50 -> [0, 400] */
    lin_axis_fit(0.0, 370.4, 6, &lo, &hi);
    assert_float_equal(hi, 400.0, 1e-9);
    /* 9.1 / 6 = 1.52 -> step 2 -> [0, 10]; an exact step stays: 300 with step 50 */
    lin_axis_fit(0.0, 9.1, 6, &lo, &hi);
    assert_float_equal(hi, 10.0, 1e-9);
    lin_axis_fit(0.0, 300.0, 6, &lo, &hi);
    assert_float_equal(hi, 300.0, 1e-9);
    lin_axis_fit(5.0, 5.0, 6, &lo, &hi); /* one value still spans a step */
    assert_true(hi > lo);
    /* Negative ranges round outwards too. */
    lin_axis_fit(-7.0, 12.0, 6, &lo, &hi);
    assert_float_equal(lo, -10.0, 1e-9);
    assert_float_equal(hi, 15.0, 1e-9);
}

static void linear_ticks_and_labels(void **state)
{
    (void)state;
    chart_axis x = {0.0, 2.5, 0.0, 1.0, AXIS_LINEAR, 0.0};
    double t[16];
    char label[32];
    /* 2.5 / 6 -> step 0.5: 0, 0.5, ..., 2.5 */
    assert_int_equal(axis_ticks(&x, t, 16), 6);
    assert_float_equal(t[1], 0.5, 1e-12);
    assert_float_equal(t[5], 2.5, 1e-12);
    axis_tick_label(&x, t[1], label, sizeof label);
    assert_string_equal(label, "0.5");
    axis_tick_label(&x, t[0], label, sizeof label);
    assert_string_equal(label, "0.0");
    chart_axis y = {0.0, 400.0, 0.0, 1.0, AXIS_LINEAR, 0.0};
    assert_int_equal(axis_ticks(&y, t, 16), 9); /* step 50 */
    axis_tick_label(&y, t[8], label, sizeof label);
    assert_string_equal(label, "400");
    assert_int_equal(axis_ticks(&y, t, 4), 4); /* never more than asked */
    chart_axis l = {0.01, 1000.0, 0.0, 1.0, AXIS_LOG, 0.0};
    axis_tick_label(&l, 0.01, label, sizeof label);
    assert_string_equal(label, "0.01");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(maps_decades_linearly),
        cmocka_unit_test(y_axis_runs_up_the_page),
        cmocka_unit_test(zero_and_negative_are_not_drawable),
        cmocka_unit_test(fit_widens_to_whole_decades),
        cmocka_unit_test(decades_and_their_labels),
        cmocka_unit_test(slope_angle_follows_decade_lengths),
        cmocka_unit_test(linear_axis_maps_and_inverts),
        cmocka_unit_test(linear_fit_takes_round_steps),
        cmocka_unit_test(linear_ticks_and_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
