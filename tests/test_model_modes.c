/* One GEMV on one power mode (model/modes_out.c): the DRAM and issue roofs,
 * the bound, the reference mode and the energy at the mode's budget, on
 * the hand-made specs of tests/fixtures/model/modes_specs/ (README.md there
 * works the numbers; each test repeats its own). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../model/modes_out.h"

static int setup(void **state)
{
    hw_spec_set *specs = calloc(1, sizeof *specs);
    rl_error err = {{0}};
    const char *dir = getenv("TESTS_DIR");
    char path[512];
    snprintf(path, sizeof path, "%s/fixtures/model/modes_specs", dir != NULL ? dir : "tests");
    if (specs == NULL || hw_spec_set_load(specs, path, &err) != 0) {
        fprintf(stderr, "setup: %s\n", err.text);
        free(specs);
        return -1;
    }
    *state = specs;
    return 0;
}

static int teardown(void **state)
{
    hw_spec_set_free(*state);
    free(*state);
    return 0;
}

static const hw_spec *edge(void **state)
{
    const hw_spec *s = hw_spec_set_find(*state, "edge_gpu");
    assert_non_null(s);
    return s;
}

static void assert_near(double got, double want)
{
    if (!(fabs(got - want) <= 1e-9 * fabs(want)))
        fail_msg("got %.12g, want %.12g", got, want);
}

/* edge_gpu 7W: 4 SMs at 500 MHz, 100 GB/s, 7 W. w2a16_g64 4096x4096 at 40
 * weights/SM/cycle:
 *   bytes   4194304 packed + 2 x 262144 scales + 8192 + 8192 = 4734976
 *   DRAM    4734976 / (100 x 1e3) = 47.34976 us
 *   issue   16777216 / (40 x 4 x 500) = 209.7152 us: issue-bound
 *   energy  7 W x 209.7152 us = 1468.0064 uJ */
static void a_gated_mode_is_issue_bound(void **state)
{
    const hw_spec *s = edge(state);
    mode_pred p;
    assert_int_equal(modes_predict(s, hw_spec_find_mode(s, "7W"), "w2a16_g64", 40.0, 4096, 4096, &p), 0);
    assert_int_equal(p.sm_count, 4);
    assert_int_equal(p.bytes, 4734976);
    assert_int_equal(p.weights, 16777216);
    assert_near(p.t_memory_us, 47.34976);
    assert_near(p.t_issue_us, 209.7152);
    assert_int_equal(p.issue_bound, 1);
    assert_near(p.t_pred_us, 209.7152);
    assert_near(p.energy_uj_budget, 1468.0064);
}

/* w4a16_g128 (8667136 B) at 80: 15W (8 SMs, the device's, at 1000 MHz)
 * 16777216 / 640000 = 26.2144 us of issue under 86.67136 us of DRAM:
 * memory-bound, 15 x 86.67136 = 1300.0704 uJ; 7W 16777216 / 160000 =
 * 104.8576 us over the same DRAM: issue-bound. The bound switches. */
static void the_bound_switches_when_sms_and_clock_drop(void **state)
{
    const hw_spec *s = edge(state);
    mode_pred full, gated;
    assert_int_equal(modes_predict(s, hw_spec_find_mode(s, "15W"), "w4a16_g128", 80.0, 4096, 4096, &full), 0);
    assert_int_equal(full.sm_count, 8);
    assert_near(full.t_issue_us, 26.2144);
    assert_near(full.t_memory_us, 86.67136);
    assert_int_equal(full.issue_bound, 0);
    assert_near(full.t_pred_us, 86.67136);
    assert_near(full.energy_uj_budget, 1300.0704);
    assert_int_equal(modes_predict(s, hw_spec_find_mode(s, "7W"), "w4a16_g128", 80.0, 4096, 4096, &gated), 0);
    assert_int_equal(gated.issue_bound, 1);
    assert_near(gated.t_pred_us, 104.8576);
    assert_near(gated.t_pred_us / full.t_pred_us, 104.8576 / 86.67136); /* 1.20982987 */
}

/* MAXN gives no power budget: no energy bound, not 0. */
static void no_budget_no_energy(void **state)
{
    const hw_spec *s = edge(state);
    mode_pred p;
    assert_int_equal(modes_predict(s, hw_spec_find_mode(s, "MAXN"), "w2a16_g64", 40.0, 4096, 4096, &p), 0);
    assert_true(isnan(p.energy_uj_budget));
    assert_near(p.t_issue_us, 16777216.0 / 480000.0);
}

/* The reference is the mode named 15W even where the default is MAXN;
 * without a 15W, the default. */
static void ref_mode_is_15w_else_the_default(void **state)
{
    assert_string_equal(modes_ref_mode(edge(state))->name, "15W");
    const hw_spec *big = hw_spec_set_find(*state, "big_gpu");
    assert_non_null(big);
    assert_string_equal(modes_ref_mode(big)->name, "datasheet");
}

static void refuses_what_it_cannot_count(void **state)
{
    const hw_spec *s = edge(state);
    const hw_mode *m = hw_spec_find_mode(s, "15W");
    mode_pred p;
    assert_int_equal(modes_predict(s, m, "w2a16_g64", 40.0, 4096, 100, &p), -1); /* 64 does not divide 100 */
    assert_int_equal(modes_predict(s, m, "w9a9", 40.0, 4096, 4096, &p), -1);
    assert_int_equal(modes_predict(s, m, "w2a16_g64", 0.0, 4096, 4096, &p), -1);
    assert_int_equal(modes_predict(s, m, "fp16", 40.0, MODES_MAX_DIM + 1u, 4096, &p), -1);
    assert_int_equal(modes_predict(s, m, "fp16", 40.0, MODES_MAX_DIM, MODES_MAX_DIM, &p), 0);
    assert_int_equal(p.weights, (uint64_t)MODES_MAX_DIM * MODES_MAX_DIM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_gated_mode_is_issue_bound),
        cmocka_unit_test(the_bound_switches_when_sms_and_clock_drop),
        cmocka_unit_test(no_budget_no_energy),
        cmocka_unit_test(ref_mode_is_15w_else_the_default),
        cmocka_unit_test(refuses_what_it_cannot_count),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
