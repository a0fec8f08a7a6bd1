/* The issue roof (issue 15): the runs' gemv_issue rates (model/issue_rate.c)
 * and the issue-roof columns of the model row (model/model_row.c,
 * model/run_fit.c), on the hand-made tests/fixtures/model/issue.csv and the
 * shipped spec of the H100 SXM (specs/h100_sxm.ini: 132 SMs, 1980 MHz).
 * tests/fixtures/model/README.md works every number out; they are repeated
 * by each test. Data rows are 0-based here: row i is line i + 2. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../model/issue_rate.h"
#include "../model/measured_bw.h"
#include "../model/model_row.h"
#include "../model/run_fit.h"
#include "fixture_tree.h"
#include "test_model_cell.h"

/* Rows of issue.csv (0-based) */
enum {
    ROW_STREAM = 0,
    ROW_ISSUE_W2_50 = 1,
    ROW_GEMV_W2_4096 = 6,  /* A */
    ROW_GEMV_W2_16384 = 7, /* B: at 990 MHz */
    ROW_GEMV_W4_4096 = 8,  /* C */
    ROW_GEMV_FP16 = 9,     /* D: no fp16 gemv_issue row */
    ROW_GEMV_TENSOR = 10,  /* E: on the tensor cores */
    ROW_GEMV_BATCH4 = 11,  /* F */
    ROW_GEMV_W2_8192 = 12, /* G: no sm_clock_mhz, no sm_count */
    ROW_OLD_RUN = 13,      /* H: a run without gemv_issue rows */
};

typedef struct fixture {
    csv_table table;
    hw_spec_set specs;
    measured_bw bw, bw_l2;
    issue_rates rates;
    csv_row out;
    rl_error err;
} fixture;

static int fixture_free(fixture *f)
{
    csv_row_free(&f->out);
    issue_rates_free(&f->rates);
    measured_bw_free(&f->bw);
    measured_bw_free(&f->bw_l2);
    csv_table_free(&f->table);
    hw_spec_set_free(&f->specs);
    free(f);
    return 0;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    char csv[512], specs[512];
    tests_path(csv, sizeof csv, "fixtures/model/issue.csv");
    tests_path(specs, sizeof specs, "../specs");
    if (hw_spec_set_load(&f->specs, specs, &f->err) != 0 ||
        csv_table_load(&f->table, csv, &RAW_CSV_SCHEMA, &f->err) != 0 ||
        measured_bw_collect(&f->bw, &f->table, 1, &f->err) != 0 ||
        measured_bw_collect_kernel(&f->bw_l2, &f->table, 1, MEASURED_BW_L2_KERNEL, &f->err) != 0 ||
        issue_rates_collect(&f->rates, &f->table, 1, &f->bw_l2, &f->err) != 0 || csv_row_init(&f->out, &MODEL_CSV_SCHEMA) != 0) {
        fprintf(stderr, "setup: %s\n", f->err.text);
        fixture_free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    return fixture_free(*state);
}

static void assert_cell(const fixture *f, int col, const char *want)
{
    assert_model_cell(&f->out, col, want);
}

/* issue-h100's w2a16_g64 rows with check ok give 50, 52 and 60 weights/SM/
 * cycle: median 52 (the wrong row's 10 does not count), weights_per_s the
 * median of 1.3068e13, 1.359072e13 and 1.56816e13; w4a16_g128 one row of 100.
 * No fp16 rate; none at all for issue-old. */
static void rates_are_medians_of_checked_rows(void **state)
{
    fixture *f = *state;
    const issue_rate *w2 = issue_rates_find(&f->rates, "issue-h100", "NVIDIA H100 80GB HBM3", "w2a16_g64");
    assert_non_null(w2);
    assert_true(w2->weights_per_sm_cycle == 52.0);
    assert_true(w2->weights_per_s == 1.359072e13);
    assert_int_equal(w2->rows, 3);
    assert_string_equal(w2->timestamp_utc, "2026-12-07T10:00:00Z");
    const issue_rate *w4 = issue_rates_find(&f->rates, "issue-h100", "NVIDIA H100 80GB HBM3", "w4a16_g128");
    assert_non_null(w4);
    assert_true(w4->weights_per_sm_cycle == 100.0 && w4->rows == 1);
    assert_null(issue_rates_find(&f->rates, "issue-h100", "NVIDIA H100 80GB HBM3", "fp16"));
    assert_null(issue_rates_find(&f->rates, "issue-old", "NVIDIA H100 80GB HBM3", "w2a16_g64"));
    size_t n = 99;
    const issue_rate *const *run = issue_rates_of_run(&f->rates, "issue-h100", "NVIDIA H100 80GB HBM3", &n);
    assert_int_equal(n, 2);
    assert_string_equal(run[0]->format, "w2a16_g64"); /* in the order first seen */
    assert_string_equal(run[1]->format, "w4a16_g128");
    assert_null(issue_rates_of_run(&f->rates, "issue-old", "NVIDIA H100 80GB HBM3", &n));
    assert_int_equal(n, 0);
    assert_string_equal(issue_rates_newest(&f->rates)->run_id, "issue-h100");
    issue_rates none = {0};
    assert_null(issue_rates_newest(&none));
    assert_null(issue_rates_find(NULL, "issue-h100", "NVIDIA H100 80GB HBM3", "w2a16_g64"));
}

/* tests/fixtures/model/issue_l2.csv: run l2-h100 read its L2 at
 * 1074790400 B / 140 us = 7677.07 GB/s; its fp16 gemv_issue row moved
 * 4300219392 B / 576 us = 7465.66 GB/s, 97.2% of that (>= 90%: the L2's
 * limit, "l2"); its w2a16_g64 row 614416256 / 233 = 2636.98 GB/s, 34.3%
 * ("issue"). Run nol2-h100 has no stream_read_l2 row: its fp16 rate cannot
 * be told from an issue rate and stays "issue". */
static void a_rate_at_the_l2_bandwidth_is_the_l2s(void **state)
{
    (void)state;
    char csv[512];
    tests_path(csv, sizeof csv, "fixtures/model/issue_l2.csv");
    csv_table t;
    measured_bw l2;
    issue_rates r;
    rl_error err = {0};
    assert_int_equal(csv_table_load(&t, csv, &RAW_CSV_SCHEMA, &err), 0);
    assert_int_equal(measured_bw_collect_kernel(&l2, &t, 1, MEASURED_BW_L2_KERNEL, &err), 0);
    assert_int_equal(issue_rates_collect(&r, &t, 1, &l2, &err), 0);
    const char *dev = "NVIDIA H100 80GB HBM3";
    const issue_rate *fp16 = issue_rates_find(&r, "l2-h100", dev, "fp16");
    const issue_rate *w2 = issue_rates_find(&r, "l2-h100", dev, "w2a16_g64");
    const issue_rate *other = issue_rates_find(&r, "nol2-h100", dev, "fp16");
    assert_non_null(fp16);
    assert_non_null(w2);
    assert_non_null(other);
    assert_int_equal(fp16->l2_bound, 1);
    assert_string_equal(issue_rate_roof_name(fp16), "l2");
    assert_int_equal(w2->l2_bound, 0);
    assert_string_equal(issue_rate_roof_name(w2), "issue");
    assert_int_equal(other->l2_bound, 0);
    assert_string_equal(issue_rate_roof_name(NULL), "issue");
    issue_rates_free(&r);
    measured_bw_free(&l2);
    csv_table_free(&t);
}

/* 16777216 weights at 52 weights/SM/cycle on 132 SMs at 1980 MHz:
 * 16777216 / (52 x 132 x 1980) = 16777216 / 13590720 = 1.23446116 us. */
static void issue_time_is_weights_over_the_rate(void **state)
{
    (void)state;
    assert_true(fabs(issue_time_us(16777216.0, 52.0, 132.0, 1980.0) - 16777216.0 / 13590720.0) < 1e-12);
    assert_true(issue_time_us(1e6, 10.0, 10.0, 1000.0) == 10.0); /* 1e6 / 1e5 per us */
    assert_true(isnan(issue_time_us(1e6, 0.0, 10.0, 1000.0)));
    assert_true(isnan(issue_time_us(1e6, 10.0, 0.0, 1000.0)));
    assert_true(isnan(issue_time_us(1e6, 10.0, 10.0, NAN)));
    assert_true(issue_rate_applies("gemv", 1, "cuda_fp32"));
    assert_true(issue_rate_applies("gemv", 1, "cuda_dp4a"));
    assert_false(issue_rate_applies("gemv", 1, "tensor_fp16"));
    assert_false(issue_rate_applies("gemv", 4, "cuda_fp32"));
    assert_false(issue_rate_applies("gemv_issue", 1, "cuda_fp32"));
    assert_false(issue_rate_applies("gemv_cublas", 1, "cuda_fp32"));
}

static void fill(fixture *f, size_t row, model_case *c)
{
    model_ctx ctx = {&f->specs, NULL, &f->bw, NULL, NULL, NULL, &f->rates};
    if (model_row_fill(&ctx, &f->table, row, &f->out, c, &f->err) != 0)
        fail_msg("row %zu: %s", row, f->err.text);
}

/* The run's floor, as model fits it from issue.csv (README.md): 4 us. */
static const run_fit FIT = {.run_id = "issue-h100", .device = "NVIDIA H100 80GB HBM3", .floor_us = 4.0};

/* A: w2a16_g64 4096x4096 at 1980 MHz, 6 us measured; the run's read stream
 * 3.2e9 B / 1000 us = 3200 GB/s.
 *   measured roofline 4734976 B / 3.2e6 B/us = 1.47968 us
 *   issue             16777216 / (52 x 132 x 1980) = 1.23446116 us: below it, bound memory
 *   issue roof        max(1.47968, 1.23446116) + 4 = 5.47968 us
 *   err               100 x (5.47968 - 6) / 6 = -8.672 % */
static void a_memory_bound_row_keeps_its_bound(void **state)
{
    fixture *f = *state;
    model_case c;
    fill(f, ROW_GEMV_W2_4096, &c);
    assert_true(c.issue_rate == 52.0);
    assert_cell(f, MODEL_COL_time_us_pred_measured, "1.47968");
    assert_cell(f, MODEL_COL_issue_rate_weights_per_sm_cycle, "52");
    assert_cell(f, MODEL_COL_time_us_issue, "1.23446116");
    assert_cell(f, MODEL_COL_bound_issue_roof, "memory");
    assert_cell(f, MODEL_COL_time_us_pred_issue_roof, NULL); /* needs the fit */
    assert_int_equal(model_row_set_fit(&f->out, &c, &FIT), 0);
    assert_cell(f, MODEL_COL_time_us_pred_issue_roof, "5.47968");
    assert_cell(f, MODEL_COL_err_pct_issue_roof, "-8.672");
    assert_cell(f, MODEL_COL_in_error_stats, "yes");
}

/* B: w2a16_g64 16384x16384 measured at 990 MHz (the row's clock, not the
 * spec's 1980), 45 us:
 *   measured roofline 75563008 / 3.2e6 = 23.61344 us; with the floor 27.61344, err -38.6368 %
 *   issue             268435456 / (52 x 132 x 990) = 268435456 / 6795360 = 39.5027572 us: bound issue
 *   issue roof        39.5027572 + 4 = 43.5027572 us; err 100 x (43.5027572 - 45) / 45 = -3.32720628 % */
static void an_issue_bound_row_uses_its_own_clock(void **state)
{
    fixture *f = *state;
    model_case c;
    fill(f, ROW_GEMV_W2_16384, &c);
    assert_cell(f, MODEL_COL_time_us_pred_measured, "23.61344");
    assert_cell(f, MODEL_COL_time_us_issue, "39.5027572");
    assert_cell(f, MODEL_COL_bound, "memory");
    assert_cell(f, MODEL_COL_bound_issue_roof, "issue");
    assert_int_equal(model_case_issue_bound(&c), 1);
    assert_int_equal(model_row_set_fit(&f->out, &c, &FIT), 0);
    assert_cell(f, MODEL_COL_err_pct_measured_floor, "-38.6368");
    assert_cell(f, MODEL_COL_time_us_pred_issue_roof, "43.5027572");
    assert_cell(f, MODEL_COL_err_pct_issue_roof, "-3.32720628");
}

/* G: w2a16_g64 8192x8192, no sm_clock_mhz and no sm_count in the row: the
 * spec mode's 1980 MHz and 132 SMs. 67108864 / 13590720 = 4.93784465 us,
 * under 18907136 / 3.2e6 = 5.90848: memory; 5.90848 + 4 = 9.90848 us
 * against 12: err -17.4293333 %. C: w4a16_g128 at 100 weights/SM/cycle,
 * 16777216 / 26136000 = 0.641919804 us, under 2.70848: 6.70848 us against
 * 6, err 11.808 %. */
static void the_spec_gives_what_the_row_lacks(void **state)
{
    fixture *f = *state;
    model_case c;
    fill(f, ROW_GEMV_W2_8192, &c);
    assert_cell(f, MODEL_COL_time_us_issue, "4.93784465");
    assert_int_equal(model_row_set_fit(&f->out, &c, &FIT), 0);
    assert_cell(f, MODEL_COL_time_us_pred_issue_roof, "9.90848");
    assert_cell(f, MODEL_COL_err_pct_issue_roof, "-17.4293333");
    fill(f, ROW_GEMV_W4_4096, &c);
    assert_cell(f, MODEL_COL_issue_rate_weights_per_sm_cycle, "100");
    assert_cell(f, MODEL_COL_time_us_issue, "0.641919804");
    assert_cell(f, MODEL_COL_bound_issue_roof, "memory");
    assert_int_equal(model_row_set_fit(&f->out, &c, &FIT), 0);
    assert_cell(f, MODEL_COL_err_pct_issue_roof, "11.808");
}

static void assert_no_issue_cells(fixture *f, size_t row)
{
    model_case c;
    fill(f, row, &c);
    assert_true(isnan(c.issue_rate) && isnan(c.t_issue_us));
    assert_int_equal(model_row_set_fit(&f->out, &c, &FIT), 0);
    assert_cell(f, MODEL_COL_issue_rate_weights_per_sm_cycle, NULL);
    assert_cell(f, MODEL_COL_time_us_issue, NULL);
    assert_cell(f, MODEL_COL_time_us_pred_issue_roof, NULL);
    assert_cell(f, MODEL_COL_err_pct_issue_roof, NULL);
    assert_cell(f, MODEL_COL_bound_issue_roof, NULL);
}

/* No issue roof for: a format without a gemv_issue row (fp16), the tensor
 * cores, batch 4, a run without gemv_issue rows (another run's rate does not
 * carry), the gemv_issue rows themselves (in_error_stats no, memory_level
 * l2) and the read stream. */
static void other_rows_stay_empty(void **state)
{
    fixture *f = *state;
    assert_no_issue_cells(f, ROW_GEMV_FP16);
    assert_no_issue_cells(f, ROW_GEMV_TENSOR);
    assert_no_issue_cells(f, ROW_GEMV_BATCH4);
    assert_no_issue_cells(f, ROW_OLD_RUN);
    assert_no_issue_cells(f, ROW_STREAM);
    assert_no_issue_cells(f, ROW_ISSUE_W2_50);
    assert_cell(f, MODEL_COL_memory_level, "l2");
    assert_cell(f, MODEL_COL_in_error_stats, "no");
}

/* Without a launch floor (or a measured roofline) there is no issue-roof
 * prediction, though time_us_issue stands. */
static void no_floor_no_prediction(void **state)
{
    fixture *f = *state;
    model_case c;
    fill(f, ROW_GEMV_W2_16384, &c);
    run_fit no_floor = FIT;
    no_floor.floor_us = NAN;
    assert_true(isnan(model_case_pred_issue_roof_us(&c, &no_floor)));
    assert_true(isnan(model_case_pred_issue_roof_us(&c, NULL)));
    c.t_pred_measured_us = NAN;
    assert_true(isnan(model_case_pred_issue_roof_us(&c, &FIT)));
    assert_int_equal(model_case_issue_bound(&c), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(rates_are_medians_of_checked_rows, setup, teardown),
        cmocka_unit_test(issue_time_is_weights_over_the_rate),
        cmocka_unit_test(a_rate_at_the_l2_bandwidth_is_the_l2s),
        cmocka_unit_test_setup_teardown(a_memory_bound_row_keeps_its_bound, setup, teardown),
        cmocka_unit_test_setup_teardown(an_issue_bound_row_uses_its_own_clock, setup, teardown),
        cmocka_unit_test_setup_teardown(the_spec_gives_what_the_row_lacks, setup, teardown),
        cmocka_unit_test_setup_teardown(other_rows_stay_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(no_floor_no_prediction, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
