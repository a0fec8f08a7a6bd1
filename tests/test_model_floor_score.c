/* The launch floor scored out of sample (model/floor_score.c) on hand-made
 * cases; every expected value is worked out in the comment above its test. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "../model/floor_score.h"

#define assert_close(a, b) assert_true(fabs((double)(a) - (double)(b)) <= 1e-9 * fmax(1.0, fabs((double)(b))))

/* A memory-bound gemv of run r on device D at n x n, measured t, the
 * measured-ceiling roofline m: one of the run's floor rows. */
static model_case mk(uint64_t n, double t, double m)
{
    model_case c;
    memset(&c, 0, sizeof c);
    c.run_id = "r";
    c.device = "D";
    c.kernel = "gemv";
    c.format = "fp16";
    c.unit = "cuda_fp32";
    c.n = c.k = n;
    c.batch = 1;
    c.bytes = c.flop = 1e6;
    c.time_us = t;
    c.energy_uj = NAN;
    c.working_set_bytes = 100;
    c.l2_bytes = 1;
    c.check_ok = 1;
    c.bound = ROOFLINE_MEMORY;
    c.t_pred_datasheet_us = m;
    c.bw_measured_gbs = 1;
    c.t_pred_measured_us = m;
    c.launches = 1;
    return c;
}

/* Three shapes, two rows each; residual t - m and weight 1/t:
 *   A 1024: t 4  m 1 (3, 1/4)   t 5  m 2  (3, 1/5)
 *   B 2048: t 6  m 4 (2, 1/6)   t 8  m 6  (2, 1/8)
 *   C 4096: t 12 m 8 (4, 1/12)  t 14 m 10 (4, 1/14)
 * plus rows that are no floor rows: compute-bound, another run, a wrong
 * output. The floor is the weighted median of the residuals.
 * Leave one shape out:
 *   without A: {2 (.1667), 2 (.125), 4, 4}, total .4464: the second 2
 *     passes half -> floor 2; A scores 1+2 vs 4 = -25 %, 2+2 vs 5 = -20 %
 *   without B: {3 (.25), 3 (.2), 4, 4}, total .6048 -> 3; B: 7 vs 6 =
 *     +16.667 %, 9 vs 8 = +12.5 %
 *   without C: {2, 2, 3 (.25), 3}, cum .1667, .2917, .5417 of .7417 -> 3;
 *     C: 11 vs 12 = -8.333 %, 13 vs 14 = -7.143 %
 *   |err| {7.143, 8.333, 12.5, 16.667, 20, 25}: median 14.583, p90 at
 *   index 4.5 = 22.5, max 25; floors 2 to 3, 3 folds.
 * Halves (shapes by n x k: A, B, C alternate): fold {A, C} would be fitted
 * on B's 2 rows, under LAUNCH_FLOOR_MIN_ROWS: not scored; fold {B} fitted
 * on A and C -> 3: |err| {12.5, 16.667}: median 14.583, p90 16.25, max
 * 16.667; 2 rows, 1 fold.
 * In sample: all six -> cum .1667, .2917, .5417 of .8964 -> 3; |err| {0, 0,
 * 16.667, 12.5, 8.333, 7.143}: median (7.143 + 8.333) / 2 = 7.738, max
 * 16.667. */
static void scores_by_hand(void **state)
{
    (void)state;
    model_case c[9] = {mk(1024, 4, 1),  mk(1024, 5, 2),  mk(2048, 6, 4),
                       mk(2048, 8, 6),  mk(4096, 12, 8), mk(4096, 14, 10),
                       mk(8192, 99, 1), mk(1024, 99, 1), mk(2048, 99, 1)};
    c[6].bound = ROOFLINE_COMPUTE;
    c[7].run_id = "other";
    c[8].check_ok = 0;
    run_fit f = {.run_id = "r", .device = "D", .floor_us = 3.0};
    floor_score s;

    assert_int_equal(floor_score_run(c, 9, &f, FLOOR_LEAVE_ONE_SHAPE_OUT, &s), 0);
    assert_int_equal(s.rows, 6);
    assert_int_equal(s.shapes, 3);
    assert_int_equal(s.folds, 3);
    assert_close(s.median, (12.5 + 100.0 / 6.0) / 2.0);
    assert_close(s.p90, 22.5);
    assert_close(s.max, 25.0);
    assert_close(s.floor_min_us, 2.0);
    assert_close(s.floor_max_us, 3.0);

    assert_int_equal(floor_score_run(c, 9, &f, FLOOR_HALF_SHAPES, &s), 0);
    assert_int_equal(s.rows, 2);
    assert_int_equal(s.folds, 1);
    assert_close(s.median, (12.5 + 100.0 / 6.0) / 2.0);
    assert_close(s.p90, 12.5 + 0.9 * (100.0 / 6.0 - 12.5));
    assert_close(s.max, 100.0 / 6.0);
    assert_close(s.floor_min_us, 3.0);

    assert_int_equal(floor_score_run(c, 9, &f, FLOOR_IN_SAMPLE, &s), 0);
    assert_int_equal(s.rows, 6);
    assert_int_equal(s.folds, 1);
    assert_close(s.floor_min_us, f.floor_us); /* the run's own floor */
    assert_close(s.median, (100.0 / 12.0 + 100.0 / 14.0) / 2.0);
    assert_close(s.max, 100.0 / 6.0);
}

/* A decode step is no floor row (model_case_in_error_stats): six rows of
 * scores_by_hand and a step at its own shape leave the scores as they were. */
static void decode_steps_are_not_scored(void **state)
{
    (void)state;
    model_case c[7] = {mk(1024, 4, 1), mk(1024, 5, 2), mk(2048, 6, 4), mk(2048, 8, 6),
                       mk(4096, 12, 8), mk(4096, 14, 10), mk(32, 4000, 1000)};
    c[6].kernel = "decode_step";
    c[6].decode_step = 1;
    c[6].launches = 225;
    run_fit f = {.run_id = "r", .device = "D", .floor_us = 3.0};
    floor_score s;
    assert_int_equal(floor_score_run(c, 7, &f, FLOOR_LEAVE_ONE_SHAPE_OUT, &s), 0);
    assert_int_equal(s.shapes, 3);
    assert_int_equal(s.rows, 6);
    assert_close(s.max, 25.0);
}

/* No floor rows: nothing scored, every statistic NaN, no error. */
static void nothing_to_score(void **state)
{
    (void)state;
    model_case c = mk(1024, 4, 1);
    c.run_id = "other";
    run_fit f = {.run_id = "r", .device = "D", .floor_us = NAN};
    floor_score s;
    for (int p = 0; p < FLOOR_SCHEME_COUNT; p++) {
        assert_int_equal(floor_score_run(&c, 1, &f, (enum floor_scheme)p, &s), 0);
        assert_int_equal(s.rows, 0);
        assert_true(isnan(s.median) && isnan(s.p90) && isnan(s.max) && isnan(s.floor_min_us));
    }
    assert_string_equal(floor_scheme_name(FLOOR_LEAVE_ONE_SHAPE_OUT), "leave_one_shape_out");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scores_by_hand),
        cmocka_unit_test(decode_steps_are_not_scored),
        cmocka_unit_test(nothing_to_score),
    };
    return cmocka_run_group_tests_name("model_floor_score", tests, NULL, NULL);
}
