/* Runs compared (report/report_compare.c) on three runs built by hand: r1
 * and r2 on device G, r3 on device H. Every number below is worked out in
 * the comments from the rows. */
#include "test_render_recorder.h"

#include "../render/charts/figures.h"
#include "../render/report/report_tables.h"

/* Batch-1 gemv, counted and memory-bound. Times (us), r1 then r2:
 *   fp16 16384² 200 / 202 (ratio 1.01); w8a16 16384² 105 / 104 (0.990476);
 *   w4a16_g128 16384² 56 / 56.56 (1.01); w2a16_g64 16384² 33.3333 / 36.7273
 *   (1.101818); fp16 8192² 50 / 50.5 (1.01)
 * Sorted ratios {0.990476, 1.01, 1.01, 1.01, 1.101818}: median 1.010; 5th
 * percentile at index 0.2: 0.990476 + 0.2 x 0.019524 = 0.994381; 95th at
 * 3.8: 1.01 + 0.8 x 0.091818 = 1.083455. Outside: w2a16_g64 (|ln 1.1018|
 * = 0.097) first, then w8a16 (0.0096).
 * INT2 at the largest square: 200 / 33.3333 = 6.00× holds in r1, 202 /
 * 36.7273 = 5.50× short in r2: the verdict that changed. r3 on H: its own
 * column, never a pair with G's runs. */
#define C(run, dev) "run_id=" run " device=" dev " spec_id=s spec_mode=m kernel=gemv batch=1 check=ok " \
                    "in_error_stats=yes bound=memory git_commit=build-" run " "
static const char *const ROWS[] = {
    C("r1", "G") "format=fp16 n=16384 k=16384 time_us_median=200",
    C("r1", "G") "format=w8a16 n=16384 k=16384 time_us_median=105",
    C("r1", "G") "format=w4a16_g128 n=16384 k=16384 time_us_median=56",
    C("r1", "G") "format=w2a16_g64 n=16384 k=16384 time_us_median=33.3333333",
    C("r1", "G") "format=fp16 n=8192 k=8192 time_us_median=50",
    C("r2", "G") "format=fp16 n=16384 k=16384 time_us_median=202",
    C("r2", "G") "format=w8a16 n=16384 k=16384 time_us_median=104",
    C("r2", "G") "format=w4a16_g128 n=16384 k=16384 time_us_median=56.56",
    C("r2", "G") "format=w2a16_g64 n=16384 k=16384 time_us_median=36.7272727",
    C("r2", "G") "format=fp16 n=8192 k=8192 time_us_median=50.5",
    C("r3", "H") "format=fp16 n=16384 k=16384 time_us_median=400",
    C("r3", "H") "format=w2a16_g64 n=16384 k=16384 time_us_median=80",
};
#define NROWS (sizeof ROWS / sizeof ROWS[0])

static void runs_compared(void **state)
{
    (void)state;
    mem_table m;
    mem_table_init(&m, ROWS, NROWS);
    figure_set figs;
    rl_error err = {{0}};
    assert_int_equal(figure_set_build(&(render_tables){&m.t, NULL, NULL, NULL}, &figs, &err), 0);
    assert_int_equal(figs.story.nruns, 3);
    sbuf b = {0};
    report_comparison(&m.t, &figs, &b);
    const char *s = sbuf_str(&b);
    static const char *const want[] = {
        "### Runs compared",
        "|  | r1 | r2 | r3 |",
        "| device | G | G | H |",
        "| w2a16\\_g64, 5.76–7.04×: the largest square | 6.00× holds | 5.50× short | 5.00× short |",
        "**r2 against r1** (G): 5 cases timed in both. Different builds of `measure` timed them (build-r1, then "
        "build-r2): a case far outside the noise band may be a kernel that changed.",
        "| spec, its mode | s, m | s, m | s, m |",
        "median 1.010; the run-to-run noise band, the 5th to 95th percentile of that ratio over the 5 cases "
        "whose clocks held in both runs, is 0.994 to 1.083 (-0.6 % to +8.3 %).",
        "Outside it, the 2 farthest of 2:",
        "| gemv | w2a16\\_g64 | 16384×16384 | 1 | 33.3 | 36.7 | 1.102 |\n| gemv | w8a16 | 16384×16384 | 1 | 105 | "
        "104 | 0.990 |",
        "- INT2 weights: 6.4x faster than fp16 (5.76–7.04×), the largest square: holds at 6.00×, then short at "
        "5.50×.",
    };
    want_all(s, want, sizeof want / sizeof want[0]);
    assert_null(strstr(s, "against r2")); /* each later run against the first, never r1 against r2 */
    assert_null(strstr(s, "r3 against"));  /* another device: side by side only */
    sbuf_free(&b);
    figure_set_free(&figs);
    mem_table_free(&m);

    mem_table_init(&m, ROWS, 5); /* one run: nothing to compare */
    assert_int_equal(figure_set_build(&(render_tables){&m.t, NULL, NULL, NULL}, &figs, &err), 0);
    report_comparison(&m.t, &figs, &b);
    assert_string_equal(sbuf_str(&b), "");
    sbuf_free(&b);
    figure_set_free(&figs);
    mem_table_free(&m);
}

/* Two runs of one device read 3000 and 3100 GB/s. The roofline draws each
 * run's own ceiling (one group a run), never their median 3050, which
 * neither run measured; the ridge table gives each run's ridge, 1000000 /
 * 3000 = 333 and 1000000 / 3100 = 323. */
static void no_ceiling_is_averaged(void **state)
{
    (void)state;
    static const char *const rows[] = {
        "run_id=r1 device=G spec_id=s spec_mode=m kernel=gemv format=fp16 n=64 k=64 batch=1 check=ok "
        "bw_measured_gbs=3000 bw_datasheet_gbs=3352 compute_unit=cuda_fp32 peak_datasheet_gflops=1000000 "
        "intensity_flop_per_byte=1 achieved_gflops=10 time_us_median=1 flop=8192",
        "run_id=r2 device=G spec_id=s spec_mode=m kernel=gemv format=fp16 n=64 k=64 batch=1 check=ok "
        "bw_measured_gbs=3100 bw_datasheet_gbs=3352 compute_unit=cuda_fp32 peak_datasheet_gflops=1000000 "
        "intensity_flop_per_byte=1 achieved_gflops=10 time_us_median=1 flop=8192",
    };
    mem_table m;
    mem_table_init(&m, rows, 2);
    figure_set figs;
    rl_error err = {{0}};
    assert_int_equal(figure_set_build(&(render_tables){&m.t, NULL, NULL, NULL}, &figs, &err), 0);
    assert_int_equal(figs.roofline.ngroups, 2);
    assert_string_equal(figs.roofline.groups[0].run_id, "r1");
    assert_float_equal(figs.roofline.groups[0].bw_measured, 3000.0, 1e-9);
    assert_float_equal(figs.roofline.groups[1].bw_measured, 3100.0, 1e-9);
    assert_int_equal(figs.roofline.nroofs, 2); /* each run's roofs beside its own slope */
    sbuf b = {0};
    size_t scratch[2];
    report_compute_table(&m.t, scratch, &b);
    assert_non_null(strstr(sbuf_str(&b), "| G | m | cuda\\_fp32 | 1000000 | 298 | 333 / 323 |"));
    assert_null(strstr(sbuf_str(&b), "328")); /* 1000000 / 3050 */
    sbuf_free(&b);
    figure_set_free(&figs);
    mem_table_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runs_compared),
        cmocka_unit_test(no_ceiling_is_averaged),
    };
    return cmocka_run_group_tests_name("render_compare", tests, NULL, NULL);
}
