/* Markdown tables: escaping, the pipe-table builder, and the validation and
 * ceilings tables of the report built from a tiny hand-made model table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "../render/md_table.h"
#include "../render/report_data.h"
#include "../render/report_tables.h"
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

/* A two-row model table: one GEMV, one bandwidth kernel with a failed
 * check and no measured ceiling. Cells not set are empty. */
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
    memset(t, 0, sizeof *t);
    t->schema = &MODEL_CSV_SCHEMA;
    t->nrows = 2;
    t->rows = rows;
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
}

static void tiny_free(csv_row rows[2])
{
    csv_row_free(&rows[0]);
    csv_row_free(&rows[1]);
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
    /* 100 us -> "100"; 80 -> "80.0"; -20 -> "−20.0" (U+2212); 12.345 -> "12.3";
     * 86.67 GB/s -> "86.7"; 1234.4 -> "1234"; empty cells -> "–". */
    assert_string_equal(
        sbuf_str(&b),
        "### Test GPU\n\n"
        "| kernel | format | n | k | batch | median µs | pred. µs (measured ceilings) | error % (measured) "
        "| pred. µs (datasheet) | error % (datasheet) | achieved GB/s | of measured BW | check |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
        "| gemv | w4a16\\_g128 | 4096 | 4096 | 1 | 100 | 80.0 | −20.0 | 70.0 | −30.0 | 86.7 | 0.50× | ok |\n"
        "| stream\\_read | fp16 | 1000 | 1 | 1 | 12.3 | – | – | 10.0 | −19.0 | 1234 | – | wrong |\n"
        "\n");
    sbuf_free(&b);
    tiny_free(rows);
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
    tiny_free(rows);
}

static void summary_counts_wrong_checks(void **state)
{
    (void)state;
    csv_table t;
    csv_row rows[2];
    tiny_table(&t, rows);
    t.path = "tiny.csv";
    /* 4096 x 4096 int4 weights rotated over 8 MiB with a 4 MiB L2: under 4x. */
    csv_row_set_text(&rows[0], RAW_COL_working_set_bytes, "8388608");
    csv_row_set_text(&rows[0], RAW_COL_l2_bytes, "4194304");
    tmpl_vars v = {0};
    rl_error err = {{0}};
    assert_int_equal(report_data_fill(&t, "tiny.csv", "no *GPU* here", &v, &err), 0);
    assert_string_equal(tmpl_vars_get(&v, "title"), "Roofline validation: Test GPU");
    assert_string_equal(tmpl_vars_get(&v, "note"), "> **Note:** no \\*GPU\\* here\n");
    assert_string_equal(tmpl_vars_get(&v, "row_count"), "2");
    const char *s = tmpl_vars_get(&v, "summary");
    assert_non_null(strstr(s, "**1 with a wrong output**"));
    /* |errors| against the datasheet: 30 and 18.99 -> median 24.5 */
    assert_non_null(strstr(s, "median |error| 24.5 % with datasheet ceilings"));
    assert_non_null(strstr(s, "1 case with flop = 0"));
    /* errors against measured ceilings: only row 0 has one (-20 %) */
    assert_non_null(strstr(s, "; 0 of 1 within |error| ≤ 10 %."));
    assert_non_null(strstr(s, "  - **1 case** rotated a working set under 4× its L2 cache"));
    tmpl_vars_free(&v);
    tiny_free(rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_markdown_specials),
        cmocka_unit_test(builds_a_pipe_table),
        cmocka_unit_test(validation_table_from_tiny_table),
        cmocka_unit_test(ceilings_table_from_tiny_table),
        cmocka_unit_test(summary_counts_wrong_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
