/* csv_ranges: the values each numeric column accepts. Extreme values (past
 * the largest double, subnormal, negative zero, past 2^64 - 1, a product
 * that would overflow) are refused with the value and the range accepted;
 * values at the ends of a range pass. render's number formats never print
 * "inf" or "nan". */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "csv_ranges.h"
#include "csv_row.h"
#include "csv_schema.h"
#include "../render/charts/pick.h"

static const csv_column *raw_col(const char *name)
{
    int i = csv_schema_find(&RAW_CSV_SCHEMA, name);
    assert_true(i >= 0);
    return &RAW_CSV_SCHEMA.columns[i];
}

static const csv_column *model_col(const char *name)
{
    int i = csv_schema_find(&MODEL_CSV_SCHEMA, name);
    assert_true(i >= 0);
    return &MODEL_CSV_SCHEMA.columns[i];
}

static void accepts(const csv_column *col, const char *text)
{
    char why[256] = "";
    if (csv_value_check(col, text, why, sizeof why) != 0)
        fail_msg("%s: '%s' refused: %s", col->name, text, why);
}

static void refuses(const csv_column *col, const char *text, const char *want)
{
    char why[256] = "";
    assert_int_equal(csv_value_check(col, text, why, sizeof why), -1);
    if (strcmp(why, want) != 0)
        fail_msg("%s: '%s': got \"%s\", want \"%s\"", col->name, text, why, want);
}

static void measured_times(void **state)
{
    (void)state;
    const csv_column *t = raw_col("time_us_median");
    const char *range = "accepted 0, or 1e-06 to 1e+12 us";
    char want[256];
    accepts(t, "0");
    accepts(t, "1e-6");
    accepts(t, "1e12");
    accepts(t, "52.5");
    static const char *const out[] = {"1e308", "1.7976931348623157e308", "1e400", "1e-320", "4.9e-324",
                                      "2.2e-308", "1e-300", "1e-400", "1.0000001e12", "9e-7"};
    for (size_t i = 0; i < sizeof out / sizeof out[0]; i++) {
        snprintf(want, sizeof want, "'%s' is out of range: %s", out[i], range);
        refuses(t, out[i], want);
    }
    refuses(t, "-0", "'-0' is negative zero: accepted 0, or 1e-06 to 1e+12 us, written without a minus sign");
    refuses(t, "-0.0e5", "'-0.0e5' is negative zero: accepted 0, or 1e-06 to 1e+12 us, written without a minus sign");
    refuses(t, "-4", "'-4' is not a finite number >= 0");
    refuses(t, "-1e-400", "'-1e-400' is out of range: accepted 0, or 1e-06 to 1e+12 us");
    refuses(t, "nan", "'nan' is not a finite number >= 0");
    refuses(t, "inf", "'inf' is not a finite number >= 0");
    refuses(t, "4us", "'4us' is not a finite number >= 0");
}

static void energy_is_never_zero(void **state)
{
    (void)state;
    const csv_column *e = raw_col("energy_uj");
    accepts(e, "1e-6");
    accepts(e, "1e15");
    refuses(e, "0", "'0' is out of range: accepted 1e-06 to 1e+15 uJ");
    refuses(e, "1e308", "'1e308' is out of range: accepted 1e-06 to 1e+15 uJ");
    accepts(raw_col("power_w_avg"), "1e6");
    refuses(raw_col("power_w_avg"), "1e7", "'1e7' is out of range: accepted 0, or 1e-06 to 1e+06 W");
    refuses(raw_col("sm_clock_mhz"), "1e-9", "'1e-9' is out of range: accepted 0, or 1e-06 to 1e+06 MHz");
}

static void counts(void **state)
{
    (void)state;
    const csv_column *b = raw_col("bytes");
    accepts(b, "0");
    accepts(b, "18446744073709551615");
    refuses(b, "18446744073709551616",
            "'18446744073709551616' is larger than 18446744073709551615, the largest integer accepted");
    refuses(b, "99999999999999999999999999999999999999999999999999",
            "'9999999999999999999999999999999999999999...' is larger than 18446744073709551615, the largest "
            "integer accepted");
    refuses(b, "1e3", "'1e3' is not an integer >= 0");
    refuses(b, "-0", "'-0' is not an integer >= 0");
    assert_int_equal(csv_count_overflows("18446744073709551616"), 1);
    assert_int_equal(csv_count_overflows("18446744073709551615"), 0);
    assert_int_equal(csv_count_overflows("-1"), 0);
}

/* Columns model derives: 0 or a magnitude from 1e-100 to 1e100, so that a
 * few products and quotients of them stay finite in render. */
static void derived_columns(void **state)
{
    (void)state;
    const csv_column *err = model_col("err_pct_datasheet"), *bw = model_col("achieved_gbs");
    accepts(err, "-1e100");
    accepts(err, "1e100");
    accepts(err, "-0"); /* a signed column: negative zero is zero */
    refuses(err, "-1e101", "'-1e101' is out of range: accepted 0, or \u00b11e-100 to \u00b11e+100 %");
    refuses(err, "1e-101", "'1e-101' is out of range: accepted 0, or \u00b11e-100 to \u00b11e+100 %");
    accepts(bw, "1e100");
    refuses(bw, "1e308", "'1e308' is out of range: accepted 0, or 1e-100 to 1e+100 GB/s");
    accepts(model_col("spec_id"), "\xff anything"); /* text: no range (UTF-8 is checked on loading) */
}

/* What the writer writes, the reader takes: a fit's 1e-120 or a negative
 * zero is written as 0. */
static void the_writer_stays_in_range(void **state)
{
    (void)state;
    csv_row row;
    assert_int_equal(csv_row_init(&row, &MODEL_CSV_SCHEMA), 0);
    assert_int_equal(csv_row_set_real(&row, MODEL_COL_energy_uj_fit, 1e-120), 0);
    assert_string_equal(csv_row_get(&row, MODEL_COL_energy_uj_fit), "0");
    assert_int_equal(csv_row_set_real(&row, MODEL_COL_err_pct_energy_fit, -0.0), 0);
    assert_string_equal(csv_row_get(&row, MODEL_COL_err_pct_energy_fit), "0");
    assert_int_equal(csv_row_set_real(&row, MODEL_COL_energy_uj_fit, -2.5e-7), 0);
    assert_string_equal(csv_row_get(&row, MODEL_COL_energy_uj_fit), "-2.5e-07");
    assert_int_equal(csv_row_set_real(&row, MODEL_COL_energy_uj_fit, INFINITY), -1);
    assert_null(csv_row_get(&row, MODEL_COL_energy_uj_fit));
    csv_row_free(&row);
}

static void report_numbers_are_never_inf_or_nan(void **state)
{
    (void)state;
    char buf[64];
    fmt_sig3(buf, sizeof buf, INFINITY);
    assert_string_equal(buf, "\u2013");
    fmt_sig3(buf, sizeof buf, NAN);
    assert_string_equal(buf, "\u2013");
    fmt_pct(buf, sizeof buf, -INFINITY);
    assert_string_equal(buf, "\u2013");
    fmt_pct(buf, sizeof buf, 1e308); /* x 10 overflows when rounding */
    assert_string_equal(buf, "\u2013");
    fmt_sig3(buf, sizeof buf, 1e100);
    assert_string_equal(buf, "1e+100");
    fmt_pct(buf, sizeof buf, -1e100);
    assert_string_equal(buf, "-1e+100");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(measured_times),
        cmocka_unit_test(energy_is_never_zero),
        cmocka_unit_test(counts),
        cmocka_unit_test(derived_columns),
        cmocka_unit_test(the_writer_stays_in_range),
        cmocka_unit_test(report_numbers_are_never_inf_or_nan),
    };
    return cmocka_run_group_tests_name("common_csv_ranges", tests, NULL, NULL);
}
