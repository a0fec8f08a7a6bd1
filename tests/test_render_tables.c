/* Markdown tables: escaping, the pipe-table builder, and the validation and
 * ceilings tables of the report built from a tiny hand-made model table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "../render/doc/md_table.h"
#include "../render/report/report_data.h"
#include "../render/report/report_tables.h"
#include "csv_table.h"

static void escapes_markdown_specials(void **state)
{
    (void)state;
    sbuf b = {0};
    md_escape(&b, "a|b *c* <d> w4a16_g128 \\ 1.0\nnext");
    assert_string_equal(sbuf_str(&b), "a\\|b \\*c\\* \\<d\\> w4a16\\_g128 \\\\ 1.0 next");
    sbuf_free(&b);
}

static void builds_a_pipe_table(void **state)
{
    (void)state;
    static const char *const head[] = {"name", "value µs"};
    static const md_align align[] = {MD_LEFT, MD_RIGHT};
    const char *row1[] = {"a|b", "1.5"};
    const char *row2[] = {"c", NULL};
    sbuf b = {0};
    md_table_header(&b, 2, head, align);
    md_table_row(&b, 2, row1);
    md_table_row(&b, 2, row2);
    assert_string_equal(sbuf_str(&b), "| name | value µs |\n"
                                      "| --- | ---: |\n"
                                      "| a\\|b | 1.5 |\n"
                                      "| c | – |\n");
    sbuf_free(&b);
}

/* report_data_fill on the picks figure_set_build makes of the same tables
 * for the report's sections, made the same way. The roofline, predicted
 * and efficiency charts' data stay empty: the report reads none of it, and
 * these hand-made tables leave out columns a model CSV must have that only
 * those charts read. */
static int fill_report(const render_tables *in, const char *source, const char *note,
                       tmpl_vars *v, rl_error *err)
{
    static figure_set figs; /* tens of kB */
    memset(&figs, 0, sizeof figs);
    compare_data_from_table(in->model, &figs.compare);
    batch_data_from_table(in->model, &figs.batch);
    accuracy_data_from_table(in->model, &figs.compare, &figs.accuracy);
    decode_data_from_table(in->decode, &figs.decode);
    mode_set_from_table(in->model, &figs.decode, &figs.modes);
    return report_data_fill(in, &figs, source, note, v, err);
}

/* A two-row model table: one GEMV, one bandwidth kernel with a failed
 * check and no measured ceiling. Cells not set are empty. */
/* t, a table named path of the n rows (line r + 2 each). */
static void table_named(csv_table *t, const char *path, const csv_row *rows, size_t n)
{
    rl_error err;
    assert_int_equal(csv_table_init(t, &MODEL_CSV_SCHEMA, path, &err), 0);
    for (size_t r = 0; r < n; r++)
        if (csv_table_add_row(t, &rows[r], (long)r + 2, &err) != 0)
            fail_msg("%s", err.text);
}

static void table_of_rows(csv_table *t, const csv_row *rows, size_t n)
{
    table_named(t, "memory", rows, n);
}

/* t again from its rows, changed since (a table copies its rows). */
static void retable(csv_table *t, const csv_row *rows, size_t n)
{
    csv_table_free(t);
    table_of_rows(t, rows, n);
}

static void tiny_table(csv_table *t, csv_row rows[2])
{
    static const char *const cells[2][18][2] = {
        {{"run_id", "r1"}, {"device", "Test GPU"}, {"kernel", "gemv"}, {"format", "w4a16_g128"},
         {"n", "4096"}, {"k", "4096"}, {"batch", "1"}, {"flop", "33554432"},
         {"time_us_median", "100"}, {"time_us_pred_measured", "80"}, {"err_pct_measured", "-20"},
         {"time_us_pred_datasheet", "70"}, {"err_pct_datasheet", "-30"}, {"achieved_gbs", "86.67"},
         {"bw_fraction_of_measured", "0.5"}, {"check", "ok"}, {"bw_datasheet_gbs", "102"},
         {"bw_measured_gbs", "80"}},
        {{"run_id", "r1"}, {"device", "Test GPU"}, {"kernel", "stream_read"}, {"format", "fp16"},
         {"n", "1000"}, {"k", "1"}, {"batch", "1"}, {"flop", "0"}, {"time_us_median", "12.345"},
         {"time_us_pred_datasheet", "10"}, {"err_pct_datasheet", "-18.99"},
         {"achieved_gbs", "1234.4"}, {"check", "wrong"}, {"bw_datasheet_gbs", "102"},
         {"spec_mode", "full"}, {"compute_unit", "cuda_fp32"}, {"peak_datasheet_gflops", "1280"},
         {"timestamp_utc", "2025-01-01T00:00:00Z"}},
    };
    for (int r = 0; r < 2; r++) {
        assert_int_equal(csv_row_init(&rows[r], &MODEL_CSV_SCHEMA), 0);
        for (int c = 0; c < 18; c++) {
            int col = csv_schema_find(&MODEL_CSV_SCHEMA, cells[r][c][0]);
            assert_true(col >= 0);
            assert_int_equal(csv_row_set_text(&rows[r], col, cells[r][c][1]), 0);
        }
    }
    /* Row 0 shares the spec of row 1. */
    csv_row_set_text(&rows[0], MODEL_COL_spec_mode, "full");
    csv_row_set_text(&rows[0], MODEL_COL_compute_unit, "cuda_fp32");
    csv_row_set_text(&rows[0], MODEL_COL_peak_datasheet_gflops, "1280");
    csv_row_set_text(&rows[0], RAW_COL_timestamp_utc, "2025-01-01T00:00:00Z");
    table_of_rows(t, rows, 2);
}

static void tiny_free(csv_table *t, csv_row rows[2])
{
    csv_row_free(&rows[0]);
    csv_row_free(&rows[1]);
    csv_table_free(t);
}

static void validation_table_from_tiny_table(void **state)
{
    (void)state;
    csv_table t;
    csv_row rows[2];
    size_t scratch[2];
    tiny_table(&t, rows);
    sbuf b = {0};
    report_validation_tables(&t, scratch, &b);
    /* The counted cases (no in_error_stats column here: those whose check
     * passed) by kernel and format, |error| median / max: the gemv alone,
     * 20 and 30 % -> "20.0 / 20.0", "30.0 / 30.0"; no launch floor in this
     * CSV, so no column for it. Every case is set once, in the appendix. */
    assert_string_equal(
        sbuf_str(&b),
        "|error| in %, median / max, over the cases `model` counts in its error statistics (check "
        "*ok*, a working set of at least 4× L2, not the read stream that sets the ceiling), by kernel "
        "and format. Every case, with both predictions beside its measurement, is in the data "
        "appendix.\n\n"
        "### Test GPU\n\n"
        "| kernel | format | cases | bytes-only roofline | datasheet roofline |\n"
        "| --- | --- | ---: | ---: | ---: |\n"
        "| gemv | w4a16\\_g128 | 1 | 20.0 / 20.0 | 30.0 / 30.0 |\n"
        "\n");
    /* the appendix: each case once, measured beside predicted: 100 us ->
     * "100"; 80 -> "80.0"; -20 -> "−20.0" (U+2212); 12.345 -> "12.3";
     * empty cells -> "–" */
    sbuf a = {0};
    report_data_appendix(&t, scratch, &a);
    assert_string_equal(
        sbuf_str(&a),
        "### Every case: Test GPU\n\n"
        "| kernel | format | n | k | batch | MB | median µs | p90 µs | µJ per call | bytes-only roofline µs "
        "| error % | check |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
        "| gemv | w4a16\\_g128 | 4096 | 4096 | 1 | – | 100 | – | – | 80.0 | −20.0 | ok |\n"
        "| stream\\_read | fp16 | 1000 | 1 | 1 | – | 12.3 | – | – | – | – | wrong |\n");
    sbuf_free(&a);
    sbuf_free(&b);
    tiny_free(&t, rows);
}

static void ceilings_table_from_tiny_table(void **state)
{
    (void)state;
    csv_table t;
    csv_row rows[2];
    size_t scratch[2];
    tiny_table(&t, rows);
    sbuf b = {0};
    report_ceilings_table(&t, scratch, &b);
    /* One device, run and mode: one row; 80 / 102 = 0.784 -> "0.78×". The
     * measured bandwidth comes from the group's first row. */
    assert_string_equal(sbuf_str(&b),
                        "| device | run | spec mode | DRAM GB/s (datasheet) | DRAM GB/s (measured) "
                        "| measured / datasheet |\n"
                        "| --- | --- | --- | ---: | ---: | ---: |\n"
                        "| Test GPU | r1 | full | 102 | 80.0 | 0.78× |\n");
    sbuf_free(&b);
    report_compute_table(&t, scratch, &b);
    /* ridge: 1280 GFLOP/s / 102 GB/s = 12.5 flop/byte; / 80 = 16.0 */
    assert_non_null(strstr(sbuf_str(&b), "| Test GPU | full | cuda\\_fp32 | 1280 | 12.5 | 16.0 |\n"));
    sbuf_free(&b);
    tiny_free(&t, rows);
}

/* With a run that measured its L2-resident read, the ceilings table gains
 * the L2 columns: the spec gives no L2 bandwidth (n/a), the run 2890 GB/s
 * (fmt_sig3: "2890"). A second run without one shows an empty cell. */
static void ceilings_table_with_an_l2_ceiling(void **state)
{
    (void)state;
    csv_table t;
    csv_row rows[2];
    size_t scratch[2];
    tiny_table(&t, rows);
    csv_row_set_text(&rows[0], MODEL_COL_bw_l2_measured_gbs, "2890");
    csv_row_set_text(&rows[1], MODEL_COL_bw_l2_measured_gbs, "2890");
    retable(&t, rows, 2);
    sbuf b = {0};
    report_ceilings_table(&t, scratch, &b);
    assert_string_equal(sbuf_str(&b),
                        "| device | run | spec mode | DRAM GB/s (datasheet) | DRAM GB/s (measured) "
                        "| measured / datasheet | L2 GB/s (datasheet) | L2 GB/s (measured) |\n"
                        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n"
                        "| Test GPU | r1 | full | 102 | 80.0 | 0.78× | n/a | 2890 |\n");
    sbuf_free(&b);
    /* a spec with an L2 bandwidth; and run r2, which measured none */
    csv_row_set_text(&rows[0], MODEL_COL_bw_l2_datasheet_gbs, "3600");
    csv_row_set_text(&rows[1], MODEL_COL_bw_l2_datasheet_gbs, "3600");
    csv_row_set_text(&rows[1], RAW_COL_run_id, "r2");
    csv_row_set_text(&rows[1], MODEL_COL_bw_l2_measured_gbs, NULL);
    retable(&t, rows, 2);
    report_ceilings_table(&t, scratch, &b);
    assert_non_null(strstr(sbuf_str(&b), "| Test GPU | r1 | full | 102 | 80.0 | 0.78× | 3600 | 2890 |\n"));
    assert_non_null(strstr(sbuf_str(&b), "| Test GPU | r2 | full | 102 | – | – | 3600 | – |\n"));
    sbuf_free(&b);
    tiny_free(&t, rows);
}

/* Page 1's caveats say what a reader must know before quoting it; the old
 * summary's medians over every row (a second population beside the
 * criterion's) are gone. */
static void caveats_count_wrong_checks(void **state)
{
    (void)state;
    csv_table t;
    csv_row rows[2];
    tiny_table(&t, rows);
    /* 4096 x 4096 int4 weights rotated over 8 MiB with a 4 MiB L2: under 4x. */
    csv_row_set_text(&rows[0], RAW_COL_working_set_bytes, "8388608");
    csv_row_set_text(&rows[0], RAW_COL_l2_bytes, "4194304");
    csv_table_free(&t);
    table_named(&t, "tiny.csv", rows, 2);
    tmpl_vars v = {0};
    rl_error err = {{0}};
    render_tables in = {&t, NULL, NULL, NULL};
    assert_int_equal(fill_report(&in, "tiny.csv", "no *GPU* here", &v, &err), 0);
    assert_string_equal(tmpl_vars_get(&v, "title"), "Roofline validation: Test GPU");
    assert_string_equal(tmpl_vars_get(&v, "note"), "> **Note:** no \\*GPU\\* here\n");
    assert_string_equal(tmpl_vars_get(&v, "row_count"), "2");
    assert_null(tmpl_vars_get(&v, "summary"));
    const char *s = tmpl_vars_get(&v, "caveats");
    assert_non_null(strstr(s, "- **1 case had a wrong output**: its time means nothing"));
    assert_non_null(strstr(s, "- 1 case with flop = 0"));
    assert_non_null(strstr(s, "- 1 case rotated a working set under 4× its L2 cache"));
    assert_null(strstr(s, "median"));
    tmpl_vars_free(&v);
    tiny_free(&t, rows);
}

/* Rows from "column=value" words, for the sections built on figure_data. */
static void spec_table(csv_table *t, csv_row *rows, const char *const *specs, size_t n)
{
    for (size_t r = 0; r < n; r++) {
        assert_int_equal(csv_row_init(&rows[r], &MODEL_CSV_SCHEMA), 0);
        char buf[1024];
        snprintf(buf, sizeof buf, "%s", specs[r]);
        for (char *w = strtok(buf, " "); w != NULL; w = strtok(NULL, " ")) {
            char *eq = strchr(w, '=');
            assert_non_null(eq);
            *eq = '\0';
            int col = csv_schema_find(&MODEL_CSV_SCHEMA, w);
            assert_true(col >= 0);
            assert_int_equal(csv_row_set_text(&rows[r], col, eq + 1), 0);
        }
    }
    table_of_rows(t, rows, n);
}

/* fp16 400 us at 8192 (100 at 4096), w8a16 210 us, w2a16_g64 100 us, with
 * predictions 320, 160 and 45 us and energy for fp16 and w8a16. */
static const char *const COMPARE_ROWS[] = {
    "run_id=r1 device=G kernel=gemv format=fp16 n=4096 k=4096 batch=1 time_us_median=100 "
    "time_us_pred_measured=80 check=ok",
    "run_id=r1 device=G kernel=gemv format=fp16 n=8192 k=8192 batch=1 time_us_median=400 "
    "time_us_pred_measured=320 bw_fraction_of_measured=0.95 energy_uj=200000 power_w_avg=540 "
    "flop=134217728 bytes=134250496 power_source=nvml_total_energy check=ok",
    "run_id=r1 device=G kernel=gemv format=w8a16 n=8192 k=8192 batch=1 time_us_median=210 "
    "time_us_pred_measured=160 bw_fraction_of_measured=0.9 energy_uj=110000 power_w_avg=520 "
    "flop=134217728 bytes=67158016 check=ok",
    "run_id=r1 device=G kernel=gemv format=w2a16_g64 n=8192 k=8192 batch=1 time_us_median=100 "
    "time_us_pred_measured=45 bw_fraction_of_measured=0.55 check=ok",
    "run_id=r1 device=G kernel=gemv format=fp16 n=8192 k=8192 batch=4 time_us_median=800 "
    "time_us_pred_measured=321 check=ok",
};

static void verdicts_against_the_ideal(void **state)
{
    (void)state;
    csv_table t;
    csv_row rows[5];
    compare_data d;
    spec_table(&t, rows, COMPARE_ROWS, 5);
    compare_data_from_table(&t, &d);
    sbuf b = {0};
    report_verdicts(&d, &(accuracy_data){0}, &b);
    const char *s = sbuf_str(&b);
    /* 400 / 210 = 1.90 of an ideal 2.00: 95 %. 400 / 100 = 4.00 of
     * 16 / 2.25 = 7.11: 56 %, and only 55 % of the stream bandwidth. */
    assert_non_null(strstr(s, "**Every format at 8192×8192, batch 1** (run r1 on G). Speedups are over our fp16 "
                              "GEMV, which took 400 µs and moved its bytes at 95.0 %"));
    /* the verdicts bold, as a whole: the typesetter tints such a cell */
    assert_non_null(strstr(s, "| w8a16 | 8 | 2.00× | 2.00× | 1.90× | 95 % | 90 % | **close to ideal** |\n"));
    assert_non_null(strstr(s, "| w2a16\\_g64 | 2.25 | 7.11× | 7.11× | 4.00× | 56 % | 55 % | "
                              "**far short of ideal: not bandwidth-bound** |\n"));
    assert_null(strstr(s, "| fp16")); /* the baseline is not judged against itself */
    assert_non_null(strstr(s, "The fastest format here is w2a16\\_g64, at 4.00× over fp16 against "
                              "an ideal of 7.11×."));
    sbuf_free(&b);
    for (int r = 0; r < 5; r++)
        csv_row_free(&rows[r]);
    csv_table_free(&t);
}

static void energy_per_call_and_per_byte(void **state)
{
    (void)state;
    csv_table t;
    csv_row rows[5];
    compare_data d;
    batch_data sweep;
    spec_table(&t, rows, COMPARE_ROWS, 5);
    compare_data_from_table(&t, &d);
    batch_data_from_table(&t, &sweep);
    sbuf b = {0};
    report_energy(&t, &d, &b);
    const char *s = sbuf_str(&b);
    /* fp16: 134217728 flop / 200000 uJ / 1e3 = 0.671 GFLOP/s per W;
     * 200000e6 pJ / 134250496 B = 1490 pJ per byte. w8a16: 1.22 and
     * 110000e6 / 67158016 = 1638; 110000 / 200000 = 0.55 of fp16. */
    assert_non_null(strstr(s, "| fp16 (ours) | 400 | 200000 | 540 | 0.671 | 1490 | 1.00× |\n"));
    assert_non_null(strstr(s, "| w8a16 | 210 | 110000 | 520 | 1.22 | 1638 | 0.55× |\n"));
    assert_non_null(strstr(s, "(power source: nvml\\_total\\_energy)"));
    assert_non_null(strstr(s, "The least energy per call: w8a16, 110000 µJ, 0.55× the energy of "
                              "fp16, drawing 520 W on average against fp16's 540 W: a shorter call "
                              "at lower power."));
    sbuf_free(&b);
    report_batch(&sweep, &b);
    /* fp16 at 8192 has batch 1 and 4: a sweep of one series. */
    assert_non_null(strstr(sbuf_str(&b), "| kernel and format | batch 1, µs | batch 4, µs |\n"));
    assert_non_null(strstr(sbuf_str(&b), "| fp16 | 400 | 800 |\n"));
    sbuf_free(&b);
    for (int r = 0; r < 5; r++)
        csv_row_free(&rows[r]);
    csv_table_free(&t);
}

static void launch_floor_shown_when_the_model_has_one(void **state)
{
    (void)state;
    static const char *const rows_spec[] = {
        "run_id=r1 device=G kernel=gemv format=fp16 n=2048 k=2048 batch=1 time_us_median=7.0 "
        "time_us_pred_measured=2.5 err_pct_measured=-64.3 time_us_pred_datasheet=2.4 "
        "err_pct_datasheet=-65.7 launch_floor_us=4.37 time_us_pred_measured_floor=6.87 "
        "err_pct_measured_floor=-1.86 check=ok",
        "run_id=r1 device=G kernel=gemv format=fp16 n=8192 k=8192 batch=1 time_us_median=46 "
        "time_us_pred_measured=43.7 err_pct_measured=-5.0 time_us_pred_datasheet=40 "
        "err_pct_datasheet=-13.0 launch_floor_us=4.37 time_us_pred_measured_floor=48.07 "
        "err_pct_measured_floor=4.5 check=ok",
    };
    csv_table t;
    csv_row rows[2];
    size_t scratch[2];
    spec_table(&t, rows, rows_spec, 2);
    assert_true(report_has_floor(&t));
    sbuf b = {0};
    report_validation_tables(&t, scratch, &b);
    /* |error| median / max: bytes-only 64.3 and 5.0; with the floor 1.86
     * and 4.5 -> 3.18 / 4.50; datasheet 65.7 and 13.0 */
    assert_non_null(strstr(sbuf_str(&b), "| kernel | format | cases | bytes-only roofline | "
                                         "roofline + launch floor | datasheet roofline |"));
    assert_non_null(strstr(sbuf_str(&b), "| gemv | fp16 | 2 | "));
    assert_non_null(strstr(sbuf_str(&b), " / 64.3 | 3.18 / 4.50 | "));
    assert_non_null(strstr(sbuf_str(&b), " / 65.7 |"));
    sbuf_free(&b);
    report_data_appendix(&t, scratch, &b);
    assert_non_null(strstr(sbuf_str(&b), "| bytes-only roofline µs | error % | roofline + launch floor µs "
                                         "| error % | check |"));
    assert_non_null(strstr(sbuf_str(&b), "| gemv | fp16 | 2048 | 2048 | 1 | – | 7.00 | – | – | 2.50 | −64.3 "
                                         "| 6.87 | −1.9 | ok |"));
    sbuf_free(&b);
    report_floor_note(&t, scratch, &b);
    assert_non_null(strstr(sbuf_str(&b), "(4.37 µs for r1)"));
    sbuf_free(&b);
    tmpl_vars v = {0};
    rl_error err = {{0}};
    assert_int_equal(fill_report(&(render_tables){&t, NULL, NULL, NULL}, "x.csv", NULL, &v, &err), 0);
    /* Neither row says what bounds it: no memory-bound population, so no
     * < 15 % criterion to judge (test_render_story judges one). */
    assert_string_equal(tmpl_vars_get(&v, "error_criterion"), "");
    tmpl_vars_free(&v);
    for (int r = 0; r < 2; r++)
        csv_row_free(&rows[r]);
    csv_table_free(&t);
    /* Without the columns: the old table and the old limits. */
    tiny_table(&t, rows);
    assert_false(report_has_floor(&t));
    report_floor_note(&t, scratch, &b);
    assert_non_null(strstr(sbuf_str(&b), "none is added here"));
    sbuf_free(&b);
    tiny_free(&t, rows);
}

/* A GEMM measured past the GEMVs' largest batch must not hide the
 * comparison at the largest batch both GEMVs have (it once did). */
static void batch_compares_where_both_were_measured(void **state)
{
    (void)state;
    static const char *const rows_spec[] = {
        "device=G kernel=gemv format=fp16 n=8192 k=8192 batch=1 time_us_median=10 check=ok",
        "device=G kernel=gemv format=fp16 n=8192 k=8192 batch=2 time_us_median=40 check=ok",
        "device=G kernel=gemv_cublas format=fp16 n=8192 k=8192 batch=1 time_us_median=12 check=ok",
        "device=G kernel=gemv_cublas format=fp16 n=8192 k=8192 batch=2 time_us_median=12 check=ok",
        "device=G kernel=gemm_cublas format=fp16 n=8192 k=8192 batch=64 time_us_median=30 check=ok",
        "device=G kernel=gemm_cublas format=fp16 n=8192 k=8192 batch=2048 time_us_median=300 check=ok",
    };
    csv_table t;
    csv_row rows[6];
    batch_data sweep;
    spec_table(&t, rows, rows_spec, 6);
    batch_data_from_table(&t, &sweep);
    sbuf b = {0};
    report_batch(&sweep, &b);
    assert_non_null(strstr(sbuf_str(&b), "At batch 2, cuBLAS fp16 took 12.0 µs and our fp16 kernel "
                                         "40.0 µs (3.3× slower). 0 of our formats are faster"));
    assert_non_null(strstr(sbuf_str(&b), "| gemm\\_cublas fp16 | – | – | 30.0 | 300 |\n"));
    sbuf_free(&b);
    for (int r = 0; r < 6; r++)
        csv_row_free(&rows[r]);
    csv_table_free(&t);
}

static void sections_say_when_data_is_missing(void **state)
{
    (void)state;
    csv_table t;
    csv_row rows[2];
    compare_data d;
    batch_data sweep;
    tiny_table(&t, rows); /* no fp16 gemv, no energy, one batch size */
    compare_data_from_table(&t, &d);
    batch_data_from_table(&t, &sweep);
    sbuf b = {0};
    report_verdicts(&d, &(accuracy_data){0}, &b);
    assert_non_null(strstr(sbuf_str(&b), "no baseline to judge"));
    sbuf_free(&b);
    report_energy(&t, &d, &b);
    assert_non_null(strstr(sbuf_str(&b), "No energy was measured"));
    sbuf_free(&b);
    report_batch(&sweep, &b);
    assert_string_equal(sbuf_str(&b), "No shape was measured at two or more batch sizes.\n");
    sbuf_free(&b);
    tiny_free(&t, rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_markdown_specials),
        cmocka_unit_test(builds_a_pipe_table),
        cmocka_unit_test(validation_table_from_tiny_table),
        cmocka_unit_test(ceilings_table_from_tiny_table),
        cmocka_unit_test(ceilings_table_with_an_l2_ceiling),
        cmocka_unit_test(caveats_count_wrong_checks),
        cmocka_unit_test(verdicts_against_the_ideal),
        cmocka_unit_test(energy_per_call_and_per_byte),
        cmocka_unit_test(sections_say_when_data_is_missing),
        cmocka_unit_test(launch_floor_shown_when_the_model_has_one),
        cmocka_unit_test(batch_compares_where_both_were_measured),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
