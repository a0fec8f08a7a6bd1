/* The whole-run fits: the launch floor (model/launch_floor.c) and the energy
 * least squares (model/energy_fit.c). The energy fit must recover the
 * parameters synthetic data were made from; values below are worked by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "../model/energy_fit.h"
#include "../model/launch_floor.h"
#include "../model/run_fit.h"

#define assert_close(a, b, rel) assert_true(fabs((a) - (b)) <= (rel) * fmax(1.0, fabs(b)))

/* Values 5, 1, 3 with weights 2, 1, 1 (total 4, half 2): in value order 1 (cum 1),
 * 3 (cum 2 = half exactly) -> the midpoint of 3 and the next value 5 = 4.
 * With weights 1, 1, 3 (total 5, half 2.5): 1 (cum 1), 3 (cum 4 >= 2.5) -> 3. */
static void weighted_median_by_hand(void **state)
{
    (void)state;
    const double v[] = {5, 1, 3};
    const double w1[] = {2, 1, 1}, w2[] = {1, 1, 3};
    double m = 0;
    assert_int_equal(weighted_median(v, w1, 3, &m), 0);
    assert_true(m == 4.0);
    assert_int_equal(weighted_median(v, w2, 3, &m), 0);
    assert_true(m == 3.0);
    /* a heavy value wins alone: 0.25 + 0.25 < 1.5 of the total 2 */
    const double w3[] = {1.5, 0.25, 0.25};
    assert_int_equal(weighted_median(v, w3, 3, &m), 0);
    assert_true(m == 5.0);
    const double bad_w[] = {1, 0, 1};
    assert_int_equal(weighted_median(v, bad_w, 3, &m), -1);
    assert_int_equal(weighted_median(v, w1, 0, &m), -1);
}

/* Four rows, roofline m and measured t (us):
 *   m = 1, t = 2   residual 1, weight 1/2
 *   m = 1, t = 4   residual 3, weight 1/4
 *   m = 2, t = 6   residual 4, weight 1/6
 *   m = 2, t = 10  residual 8, weight 1/10
 * total weight 0.5 + 0.25 + 0.1667 + 0.1 = 1.0167, half 0.5083: the first
 * residual's weight 0.5 falls short, the second's brings 0.75 -> floor 3.
 * (The unweighted median would be 3.5: the short calls weigh more.) */
static void launch_floor_is_the_relative_l1_fit(void **state)
{
    (void)state;
    const double t[] = {2, 4, 6, 10}, m[] = {1, 1, 2, 2};
    double floor = -1;
    assert_int_equal(launch_floor_fit(t, m, 4, &floor), 0);
    assert_true(floor == 3.0);
    /* |f + m - t| / t summed: at f = 3: 1/2 + 0 + 1/6 + 3/10 = 0.9667;
     * at f = 3.5 (the plain median): 1.25 + 0.125 + 0.25 + 0.25 = 1.875 */
    /* rows faster than the ceiling give no negative floor */
    const double fast[] = {0.5, 0.5, 0.5};
    assert_int_equal(launch_floor_fit(fast, m, 3, &floor), 0);
    assert_true(floor == 0.0);
    assert_int_equal(launch_floor_fit(t, m, LAUNCH_FLOOR_MIN_ROWS - 1, &floor), -1);
    const double zero[] = {2, 0, 6};
    assert_int_equal(launch_floor_fit(zero, m, 3, &floor), -1);
}

/* x = (2, -3) from A = [1 0; 0 1; 1 1], b = A x exactly: any least squares
 * method returns it; then a 3x2 overdetermined case by hand:
 * A = [1 1; 1 2; 1 3], b = (1, 2, 2): normal equations
 * [3 6; 6 14] x = (5, 11) -> x = (2/3, 1/2). */
static void least_squares_by_hand(void **state)
{
    (void)state;
    double a[] = {1, 0, 1, 0, 1, 1}, b[] = {2, -3, -1}, x[2];
    assert_int_equal(least_squares(a, b, 3, 2, x), 0);
    assert_close(x[0], 2.0, 1e-12);
    assert_close(x[1], -3.0, 1e-12);
    double a2[] = {1, 1, 1, 1, 2, 3}, b2[] = {1, 2, 2};
    assert_int_equal(least_squares(a2, b2, 3, 2, x), 0);
    assert_close(x[0], 2.0 / 3.0, 1e-12);
    assert_close(x[1], 0.5, 1e-12);
    double dep[] = {1, 2, 3, 2, 4, 6}, b3[] = {1, 2, 3}; /* second column = 2 x first */
    assert_int_equal(least_squares(dep, b3, 3, 2, x), -1);
}

/* Synthetic H100-like rows from known parameters: e_flop 9 pJ/flop,
 * e_byte 85 pJ/byte, P0 300 W. E = 1e-6 (9 F + 85 Q) + 300 T. */
static const double E_FLOP = 9.0, E_BYTE = 85.0, P0 = 300.0;

static void make_rows(energy_obs *obs, size_t n, double noise)
{
    for (size_t i = 0; i < n; i++) {
        double nk = (double)(1u << (20 + i % 6));          /* 1M .. 32M weights */
        double bits = (i % 3 == 0) ? 16 : (i % 3 == 1) ? 8 : 4.125;
        double batch = 1 + (double)(i % 4);
        obs[i].unit = 0;
        obs[i].flop = 2 * nk * batch;
        obs[i].bytes = nk * bits / 8 + 4096 * batch;
        obs[i].time_us = obs[i].bytes / 3.0e6 + 3.0 + 0.5 * batch; /* not a multiple of bytes */
        obs[i].energy_uj = 1e-6 * (E_FLOP * obs[i].flop + E_BYTE * obs[i].bytes) + P0 * obs[i].time_us;
        obs[i].energy_uj *= 1.0 + noise * ((i % 2) ? 1 : -1);
    }
}

static void energy_fit_recovers_known_parameters(void **state)
{
    (void)state;
    energy_obs obs[24];
    make_rows(obs, 24, 0.0);
    energy_fit f = {.nunits = 1, .units = {"cuda_fp32"}};
    rl_error err = {{0}};
    assert_int_equal(energy_fit_solve(&f, obs, 24, &err), 0);
    assert_close(f.e_flop_pj[0], E_FLOP, 1e-8);
    assert_close(f.e_byte_pj, E_BYTE, 1e-8);
    assert_close(f.p0_w, P0, 1e-8);
    assert_close(f.r_squared, 1.0, 1e-12);
    assert_int_equal(f.rows, 24);
    assert_close(energy_fit_predict_uj(&f, 0, obs[5].flop, obs[5].bytes, obs[5].time_us), obs[5].energy_uj,
                 1e-9);
    /* +-1% alternating noise: the parameters move a little, R^2 drops below 1 */
    make_rows(obs, 24, 0.01);
    assert_int_equal(energy_fit_solve(&f, obs, 24, &err), 0);
    assert_close(f.p0_w, P0, 0.05);
    assert_true(f.r_squared < 1.0 && f.r_squared > 0.99);
}

/* Two units: rows on unit 1 cost 4 pJ/flop, on unit 0 9 pJ/flop. */
static void energy_fit_separates_units(void **state)
{
    (void)state;
    energy_obs obs[24];
    make_rows(obs, 24, 0.0);
    for (size_t i = 0; i < 24; i += 2) {
        obs[i].unit = 1;
        obs[i].energy_uj -= 1e-6 * (E_FLOP - 4.0) * obs[i].flop;
    }
    energy_fit f = {.nunits = 2, .units = {"cuda_fp32", "tensor_fp16"}};
    rl_error err = {{0}};
    assert_int_equal(energy_fit_solve(&f, obs, 24, &err), 0);
    assert_close(f.e_flop_pj[0], E_FLOP, 1e-7);
    assert_close(f.e_flop_pj[1], 4.0, 1e-7);
    assert_close(f.e_byte_pj, E_BYTE, 1e-7);
}

/* 24 exact rows and one call about a thousand times larger measured 20%
 * high (one long GEMM among microsecond GEMVs). Fitted on relative errors
 * the large row's error spreads thinly: P0 300.8 W, small rows within 4.5%.
 * An absolute fit bends to the large row: P0 314 W, small rows off by up to
 * 6.5% (both seen with this data). */
static void energy_fit_weighs_rows_by_relative_error(void **state)
{
    (void)state;
    energy_obs obs[25];
    make_rows(obs, 24, 0.0);
    obs[24] = obs[5];
    obs[24].flop *= 4000.0;
    obs[24].bytes *= 200.0;
    obs[24].time_us *= 900.0;
    obs[24].energy_uj =
        1.2 * (1e-6 * (E_FLOP * obs[24].flop + E_BYTE * obs[24].bytes) + P0 * obs[24].time_us);
    energy_fit f = {.nunits = 1, .units = {"cuda_fp32"}};
    rl_error err = {{0}};
    assert_int_equal(energy_fit_solve(&f, obs, 25, &err), 0);
    double worst = 0.0;
    for (size_t i = 0; i < 24; i++) {
        double rel = fabs(energy_fit_predict_uj(&f, 0, obs[i].flop, obs[i].bytes, obs[i].time_us) /
                              obs[i].energy_uj -
                          1.0);
        worst = rel > worst ? rel : worst;
    }
    if (worst > 0.05 || fabs(f.p0_w / P0 - 1.0) > 0.01)
        fail_msg("small rows off by up to %.1f%%, P0 %.1f W (want %.0f)", 100 * worst, f.p0_w, P0);
}

static void energy_fit_refuses_what_it_cannot_fit(void **state)
{
    (void)state;
    energy_obs obs[24];
    make_rows(obs, 24, 0.0);
    energy_fit f = {.nunits = 1, .units = {"cuda_fp32"}};
    rl_error err = {{0}};
    assert_int_equal(energy_fit_solve(&f, obs, 3, &err), -1); /* 3 rows, 3 parameters */
    assert_non_null(strstr(err.text, "need more rows"));
    for (size_t i = 0; i < 24; i++) /* one shape repeated: the columns are dependent */
        obs[i] = obs[0];
    assert_int_equal(energy_fit_solve(&f, obs, 24, &err), -1);
    assert_non_null(strstr(err.text, "cannot tell flop, bytes and time apart"));
    make_rows(obs, 24, 0.0);
    obs[7].time_us = 0;
    assert_int_equal(energy_fit_solve(&f, obs, 24, &err), -1);
    assert_non_null(strstr(err.text, "row 7"));
    make_rows(obs, 24, 0.0);
    obs[2].unit = 1; /* only one unit declared */
    assert_int_equal(energy_fit_solve(&f, obs, 24, &err), -1);
}

/* A decode step as model_row.c makes it: run r1, the run's ceiling NaN (no
 * stream_read here: the cost needs only t_pred_measured_us). */
static model_case step(const char *llm, const char *format, uint64_t batch, const decode_scheme *scheme,
                       double bytes, uint64_t launches, double t_pred, double t)
{
    model_case c;
    memset(&c, 0, sizeof c);
    c.run_id = "r1";
    c.device = "gpu";
    c.kernel = "decode_step";
    c.format = format;
    c.batch = batch;
    c.bytes = bytes;
    c.time_us = t;
    c.t_pred_measured_us = t_pred;
    c.check_ok = 1;
    c.decode_step = 1;
    c.launches = launches;
    c.scheme = scheme;
    c.llm = llm;
    c.energy_uj = NAN;
    c.working_set_bytes = NAN;
    c.bw_measured_gbs = NAN;
    c.bw_l2_measured_gbs = NAN;
    return c;
}

/* Two models, one format and scheme. The small one (fewer bytes) measures
 * the cost per launch: (500 - 300) / 100 launches = 2 us. The large one is
 * predicted with it: 1000 us of bytes + 200 launches x 2 us = 1400 us,
 * against 1500 measured: -6.67%. The small one has no out-of-sample
 * prediction (NaN). Another scheme, unmeasured on the small model, falls
 * back to the run's single-call floor (NaN here: no single calls). */
static void decode_step_cost_per_launch_by_hand(void **state)
{
    (void)state;
    const decode_scheme *pdl = decode_scheme_find("graph_fused_pdl"), *plain = decode_scheme_find("graph");
    assert_non_null(pdl);
    assert_non_null(plain);
    model_case c[4] = {
        step("big", "w4a16_g128", 1, pdl, 4e9, 200, 1000.0, 1500.0),
        step("small", "w4a16_g128", 1, pdl, 1e9, 100, 300.0, 500.0),
        step("small", "w4a16_g128", 4, pdl, 1e9, 100, 300.0, 900.0), /* another batch: its own cost */
        step("big", "w4a16_g128", 1, plain, 4e9, 350, 1000.0, 2000.0),
    };
    run_fits f;
    rl_error err;
    assert_int_equal(run_fits_collect(&f, c, 4, &err), 0);
    assert_int_equal(f.count, 1);
    const run_fit *r = &f.runs[0];
    assert_int_equal(r->ndecode_costs, 3); /* (pdl, 1), (pdl, 4), (plain, 1) */
    assert_close(run_fit_decode_cost_us(r, "w4a16_g128", pdl, 1, "big"), 2.0, 1e-12);
    assert_true(isnan(run_fit_decode_cost_us(r, "w4a16_g128", pdl, 1, "small")));
    assert_close(model_case_pred_floor_us(&c[0], r), 1400.0, 1e-12);
    assert_close(model_case_err_floor(&c[0], r), 100.0 * (1400.0 - 1500.0) / 1500.0, 1e-12);
    assert_true(isnan(model_case_pred_floor_us(&c[1], r)));
    /* batch 4 was measured on the small model only: its cost, (900 - 300) / 100 = 6 us */
    assert_close(run_fit_decode_cost_us(r, "w4a16_g128", pdl, 4, "big"), 6.0, 1e-12);
    /* graph was measured on the big model only: it calibrates itself, no prediction */
    assert_true(isnan(model_case_pred_floor_us(&c[3], r)));
    /* a decode step never enters the single-call floor fit */
    assert_false(run_fit_floor_row(&c[0]));
    run_fits_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weighted_median_by_hand),
        cmocka_unit_test(launch_floor_is_the_relative_l1_fit),
        cmocka_unit_test(least_squares_by_hand),
        cmocka_unit_test(energy_fit_weighs_rows_by_relative_error),
        cmocka_unit_test(energy_fit_recovers_known_parameters),
        cmocka_unit_test(energy_fit_separates_units),
        cmocka_unit_test(energy_fit_refuses_what_it_cannot_fit),
        cmocka_unit_test(decode_step_cost_per_launch_by_hand),
    };
    return cmocka_run_group_tests_name("model_fit", tests, NULL, NULL);
}
