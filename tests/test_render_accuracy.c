/* The quantization-accuracy picks, chart and section on tables built by
 * hand: every value and position below is computed from the rows. */
#include "test_render_recorder.h"

#include "../render/charts/accuracy_data.h"
#include "../render/charts/chart_draw.h"
#include "../render/report/report_tables.h"

/* fp16 100 us, w8a16 50 us (2x; errors 1 % and 10 %), w4a16_g128 25 us
 * (4x; 10 % and 50 %), all at 4096 x 4096, batch 1. */
#define BASE "device=G kernel=gemv n=4096 k=4096 batch=1 check=ok "
static const char *const ROWS[] = {
    BASE "format=fp16 time_us_median=100 quant_err_gaussian=0 quant_err_outliers=0",
    BASE "format=w8a16 time_us_median=50 quant_err_gaussian=0.01 quant_err_outliers=0.1",
    BASE "format=w4a16_g128 time_us_median=25 quant_err_gaussian=0.1 quant_err_outliers=0.5",
    /* slower than w4a16_g128 and worse on both: beaten (3.33x; 20 % and 60 %) */
    BASE "format=w4a16_g64 time_us_median=30 quant_err_gaussian=0.2 quant_err_outliers=0.6",
};

/* The picks as figure_set_build makes them: the speedups from the
 * comparison the speedup chart draws. */
static void accuracy_of(const mem_table *m, accuracy_data *d)
{
    compare_data cmp;
    compare_data_from_table(&m->t, &cmp);
    accuracy_data_from_table(&m->t, &cmp, d);
}

static void picks_errors_and_speedups(void **state)
{
    (void)state;
    mem_table m;
    accuracy_data d;
    mem_table_init(&m, ROWS, 4);
    accuracy_of(&m, &d);
    assert_string_equal(d.device, "G");
    assert_int_equal(d.n, 4096);
    assert_true(d.has_errors);
    assert_int_equal(d.nformats, 4);
    /* The format table's order, not the CSV's: g64 before g128_zp and after g128. */
    assert_string_equal(d.f[0].format, "fp16");
    assert_string_equal(d.f[2].format, "w4a16_g128");
    assert_string_equal(d.f[3].format, "w4a16_g64");
    assert_float_equal(d.f[1].speedup, 2.0, 1e-12);
    assert_float_equal(d.f[1].err_outliers, 0.1, 1e-12);
    assert_float_equal(d.f[2].bits, 4.125, 1e-12);
    assert_float_equal(d.f[2].ideal, 16.0 / 4.125, 1e-12);
    assert_true(accuracy_dominated(&d.f[3], &d.f[2]));  /* g64 by g128 */
    assert_false(accuracy_dominated(&d.f[2], &d.f[3]));
    assert_false(accuracy_dominated(&d.f[1], &d.f[2])); /* slower but more accurate */
    assert_false(accuracy_dominated(&d.f[1], &d.f[1])); /* not by itself */
    mem_table_free(&m);
}

static void chart_spans_where_computed(void **state)
{
    (void)state;
    mem_table m;
    accuracy_data d;
    mem_table_init(&m, ROWS, 3);
    accuracy_of(&m, &d);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_accuracy_draw(&c, &d, 540.0, 340.0);
    /* x: errors 1..50 % -> [0.1, 100] %, log; y: speedups up to 4 x 1.12 ->
     * 0..5 in steps of 1. Left margin 5 + 4.8 (the label "5") + 6 + 6.48 +
     * 4 = 26.28, right 522: 165.24 points a decade. y over 298..28, 54 a step. */
    double dec = (522.0 - 26.28) / 3.0;
    double x1 = 26.28 + dec, x10 = 26.28 + 2.0 * dec, x50 = 26.28 + (1.0 + log10(50.0)) * dec;
    double y2 = 298.0 - 2.0 * 54.0, y4 = 298.0 - 4.0 * 54.0;
    /* w8a16: circle (fill, then rim) at 1 %, diamond at 10 %, both at 2x. */
    assert_true(rec->nm >= 8);
    assert_int_equal(rec->m[0].shape, MARKER_CIRCLE);
    assert_float_equal(rec->m[0].x, x1, 1e-9);
    assert_float_equal(rec->m[0].y, y2, 1e-9);
    assert_int_equal(rec->m[2].shape, MARKER_DIAMOND);
    assert_float_equal(rec->m[2].x, x10, 1e-9);
    assert_float_equal(rec->m[4].x, x10, 1e-9); /* w4a16_g128 from 10 % ... */
    assert_float_equal(rec->m[4].y, y4, 1e-9);
    assert_float_equal(rec->m[6].x, x50, 1e-9); /* ... to 50 % at 4x */
    /* fp16 is the dashed line at 1x, across the plot. */
    int ref = 0;
    for (size_t i = 0; i < rec->nlines && i < REC_LINES; i++)
        ref |= rec->l[i].dashed && rec->l[i].n == 2 && rec->l[i].x[0] == 26.28 &&
               rec->l[i].x[1] == 522.0 && fabs(rec->l[i].y[0] - 244.0) < 1e-9;
    assert_true(ref);
    assert_non_null(rec_find_text(rec, "fp16: exact (no error), 1×"));
    /* Names with their speedups: w8a16 right of its diamond (x10 + 7);
     * "w4a16_g128 4.00×" (17 bytes, 76.5 points) would run past the plot
     * there, so it goes left of its circle. */
    const rec_text *t = rec_find_text(rec, "w8a16 2.00×");
    assert_non_null(t);
    assert_float_equal(t->x, x10 + 7.0, 1e-9);
    assert_float_equal(t->y, y2, 1e-9);
    t = rec_find_text(rec, "w4a16_g128 4.00×");
    assert_non_null(t);
    assert_float_equal(t->x, x10 - 7.0 - 76.5, 1e-9);
    assert_non_null(rec_find_text(rec, CHART_ACCURACY_X_LABEL));
    assert_non_null(rec_find_text(rec, "heavy-tailed weights with outliers"));
    assert_int_equal(rec->clip_depth, 0);
    assert_int_equal(clashes(rec, "accuracy", 540.0, 1), 0);
    free(rec);
    mem_table_free(&m);
}

static void chart_says_when_no_errors(void **state)
{
    (void)state;
    static const char *const rows[] = {
        BASE "format=fp16 time_us_median=100",
        BASE "format=w8a16 time_us_median=50",
    };
    mem_table m;
    accuracy_data d;
    mem_table_init(&m, rows, 2);
    accuracy_of(&m, &d);
    assert_false(d.has_errors);
    assert_true(isnan(d.f[1].err_gaussian));
    canvas c;
    recorder *rec = rec_new(&c);
    chart_accuracy_draw(&c, &d, 540.0, 340.0);
    assert_non_null(rec_find_text(rec, "no quantization error in this CSV (quant_err_*)"));
    assert_int_equal(rec->nm, 0);
    free(rec);
    sbuf b = {0};
    report_quant(&d, &b);
    assert_non_null(strstr(sbuf_str(&b), "holds no quantization error"));
    sbuf_free(&b);
    mem_table_free(&m);
}

static void section_table_and_tradeoff(void **state)
{
    (void)state;
    mem_table m;
    accuracy_data d;
    mem_table_init(&m, ROWS, 4);
    accuracy_of(&m, &d);
    sbuf b = {0};
    report_quant(&d, &b);
    const char *s = sbuf_str(&b);
    static const char *const want[] = {
        "at 4096×4096, batch 1, on G",
        "| fp16 | 16 | 0 % | 0 % | 1.00× | 1.00× | – |",
        "| w8a16 | 8 | 1.00 % | 10.0 % | 2.00× | 2.00× | – |",
        "| w4a16\\_g128 | 4.125 | 10.0 % | 50.0 % | 4.00× | 3.88× | – |",
        "| w4a16\\_g64 | 4.25 | 20.0 % | 60.0 % | 3.33× | 3.76× | w4a16\\_g128 |",
        "never worth picking): w4a16\\_g64 (3.33×, 20.0 % / 60.0 %) by w4a16\\_g128.",
        "The most accurate narrow format is w8a16 (2.00×, 1.00 % / 10.0 %), the fastest "
        "w4a16\\_g128 (4.00×, 10.0 % / 50.0 %).",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (strstr(s, want[i]) == NULL)
            fail_msg("the section lacks '%s':\n%s", want[i], s);
    sbuf_free(&b);
    mem_table_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(picks_errors_and_speedups),
        cmocka_unit_test(chart_spans_where_computed),
        cmocka_unit_test(chart_says_when_no_errors),
        cmocka_unit_test(section_table_and_tradeoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
