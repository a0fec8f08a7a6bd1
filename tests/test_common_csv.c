/* The CSV writer and reader: a round trip through the schema, RFC 4180
 * quoting, and bad files that must fail with the file and line named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "csv_row.h"
#include "csv_table.h"

static char dir[] = "/tmp/rl_csv_test_XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd);
}

static void path_in_dir(char *out, size_t len, const char *name)
{
    snprintf(out, len, "%s/%s", dir, name);
}

static void fill_valid_row(csv_row *row)
{
    for (size_t c = 0; c < RAW_CSV_SCHEMA.count; c++) {
        const csv_column *col = &RAW_CSV_SCHEMA.columns[c];
        if (col->presence != CSV_MUST)
            continue;
        if (col->type == CSV_TEXT)
            csv_row_set_text(row, (int)c, "text");
        else
            csv_row_set_count(row, (int)c, 3);
    }
}

static void round_trip_keeps_every_cell(void **state)
{
    (void)state;
    char path[256];
    path_in_dir(path, sizeof path, "rt.csv");
    csv_row row;
    assert_int_equal(csv_row_init(&row, &RAW_CSV_SCHEMA), 0);
    fill_valid_row(&row);
    csv_row_set_text(&row, RAW_COL_device, "GPU \"A\", rev 2");
    csv_row_set_real(&row, RAW_COL_time_us_median, 52.5);
    csv_row_set_count(&row, RAW_COL_bytes, 134250496u);
    assert_int_equal(csv_row_set_real(&row, RAW_COL_energy_uj, 0.0 / 0.0), -1); /* NaN: stays empty */
    csv_writer w;
    rl_error err;
    assert_int_equal(csv_writer_open(&w, path, &RAW_CSV_SCHEMA, &err), 0);
    assert_int_equal(csv_writer_row(&w, &row, &err), 0);
    assert_int_equal(csv_writer_row(&w, &row, &err), 0);
    assert_int_equal(csv_writer_commit(&w, &err), 0);

    csv_table t;
    assert_int_equal(csv_table_load(&t, path, &RAW_CSV_SCHEMA, &err), 0);
    assert_int_equal(t.nrows, 2);
    assert_string_equal(csv_table_text(&t, 1, RAW_COL_device), "GPU \"A\", rev 2");
    assert_int_equal(t.lines[0], 2);
    assert_int_equal(t.lines[1], 3);
    double v;
    assert_int_equal(csv_table_real(&t, 0, RAW_COL_time_us_median, &v), 0);
    assert_float_equal(v, 52.5, 1e-12);
    uint64_t b;
    assert_int_equal(csv_table_count(&t, 0, RAW_COL_bytes, &b), 0);
    assert_int_equal(b, 134250496u);
    assert_null(csv_table_text(&t, 0, RAW_COL_energy_uj));
    assert_int_equal(csv_table_real(&t, 0, RAW_COL_energy_uj, &v), -1);
    csv_table_free(&t);
    csv_row_free(&row);
}

static void writer_refuses_an_empty_required_cell(void **state)
{
    (void)state;
    char path[256];
    path_in_dir(path, sizeof path, "refused.csv");
    csv_row row;
    csv_row_init(&row, &RAW_CSV_SCHEMA);
    fill_valid_row(&row);
    csv_row_set_empty(&row, RAW_COL_device);
    csv_writer w;
    rl_error err;
    assert_int_equal(csv_writer_open(&w, path, &RAW_CSV_SCHEMA, &err), 0);
    assert_int_equal(csv_writer_row(&w, &row, &err), -1);
    assert_non_null(strstr(err.text, "device"));
    csv_writer_abort(&w);
    assert_int_equal(access(path, F_OK), -1); /* nothing left behind */
    csv_row_free(&row);
}

/* Writes a valid file, then text, and expects a load error containing want. */
static void expect_load_error(const char *name, const char *tail, size_t tail_len, const char *want)
{
    char path[256];
    path_in_dir(path, sizeof path, name);
    csv_row row;
    csv_row_init(&row, &RAW_CSV_SCHEMA);
    fill_valid_row(&row);
    csv_writer w;
    rl_error err;
    assert_int_equal(csv_writer_open(&w, path, &RAW_CSV_SCHEMA, &err), 0);
    assert_int_equal(csv_writer_row(&w, &row, &err), 0);
    assert_int_equal(csv_writer_commit(&w, &err), 0);
    FILE *fp = fopen(path, "ab");
    fwrite(tail, 1, tail_len, fp);
    fclose(fp);
    csv_table t;
    assert_int_equal(csv_table_load(&t, path, &RAW_CSV_SCHEMA, &err), -1);
    if (strstr(err.text, want) == NULL)
        fail_msg("error '%s' lacks '%s'", err.text, want);
    csv_row_free(&row);
}

static void bad_files_name_file_and_line(void **state)
{
    (void)state;
#define TAIL(text) text, sizeof text - 1
    expect_load_error("trunc.csv", TAIL("r1,2026,dev,gemv,fp16,1,2"), ":3)");
    expect_load_error("trunc2.csv", TAIL("r1,2026,dev,gemv,fp16,1,2"), "row has 7 fields");
    expect_load_error("quote.csv", TAIL("\"unterminated,"), "truncated csv");
    expect_load_error("nul.csv", TAIL("a\0b\r\n"), "binary data");
#undef TAIL
}

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    fputs(text, fp);
    fclose(fp);
}

static void bad_cells_and_headers(void **state)
{
    (void)state;
    char path[256];
    rl_error err;
    csv_table t;
    path_in_dir(path, sizeof path, "empty.csv");
    write_text(path, "");
    assert_int_equal(csv_table_load(&t, path, &RAW_CSV_SCHEMA, &err), -1);
    assert_non_null(strstr(err.text, "empty file"));

    path_in_dir(path, sizeof path, "header.csv");
    write_text(path, "run_id,device\r\nx,y\r\n");
    assert_int_equal(csv_table_load(&t, path, &RAW_CSV_SCHEMA, &err), -1);
    assert_non_null(strstr(err.text, "missing column timestamp_utc"));

    /* A NaN in a numeric cell, on line 3 */
    char text[4096] = "";
    char good[2048] = "", bad[2048] = "";
    for (size_t c = 0; c < RAW_CSV_SCHEMA.count; c++) {
        const csv_column *col = &RAW_CSV_SCHEMA.columns[c];
        const char *sep = c ? "," : "";
        const char *v = col->type == CSV_TEXT ? "t" : "1";
        strcat(text, sep);
        strcat(text, col->name);
        strcat(good, sep);
        strcat(good, v);
        strcat(bad, sep);
        strcat(bad, c == RAW_COL_time_us_min ? "nan" : v);
    }
    strcat(text, "\n");
    strcat(text, good);
    strcat(text, "\n");
    strcat(text, bad);
    strcat(text, "\n");
    path_in_dir(path, sizeof path, "nan.csv");
    write_text(path, text);
    assert_int_equal(csv_table_load(&t, path, &RAW_CSV_SCHEMA, &err), -1);
    assert_non_null(strstr(err.text, "time_us_min: 'nan' is not a finite number >= 0"));
    assert_non_null(strstr(err.text, "nan.csv:3)"));
}

/* A raw CSV: the schema's header plus extra_col (or nothing), one good row,
 * then a row whose cell in column col is value (extra_col's when col < 0). */
static void raw_csv_with(const char *path, const char *extra_col, int col, const char *value)
{
    char text[8192] = "", good[2048] = "", row[2048] = "";
    for (size_t c = 0; c < RAW_CSV_SCHEMA.count; c++) {
        const csv_column *cc = &RAW_CSV_SCHEMA.columns[c];
        const char *sep = c ? "," : "";
        const char *v = cc->type == CSV_TEXT ? "t" : "1";
        strcat(text, sep);
        strcat(text, cc->name);
        strcat(good, sep);
        strcat(good, v);
        strcat(row, sep);
        strcat(row, (int)c == col ? value : v);
    }
    if (extra_col != NULL) {
        strcat(text, ",");
        strcat(text, extra_col);
        strcat(good, ",x");
        strcat(row, ",");
        strcat(row, col < 0 ? value : "x");
    }
    strcat(text, "\r\n");
    strcat(text, good);
    strcat(text, "\r\n");
    strcat(text, row);
    strcat(text, "\r\n");
    write_text(path, text);
}

static void expect_error(const char *path, const char *want)
{
    rl_error err;
    csv_table t;
    assert_int_equal(csv_table_load(&t, path, &RAW_CSV_SCHEMA, &err), -1);
    if (strstr(err.text, want) == NULL)
        fail_msg("error '%s' lacks '%s'", err.text, want);
}

/* Text that is not UTF-8 is refused by the reader, where it enters (it was
 * refused only by render, one stage late), naming the column, the byte and
 * its character in the cell, the file and the line; in any column, known
 * to the schema or not, and in the header. UTF-8 text passes. */
static void text_that_is_not_utf8_is_refused(void **state)
{
    (void)state;
    char path[256], want[512];
    rl_error err;
    csv_table t;
    path_in_dir(path, sizeof path, "utf8.csv");
    raw_csv_with(path, NULL, RAW_COL_device, "H100 \xc2\xb5 \xc3\x97 \xe2\x89\xa4"); /* µ × ≤ */
    assert_int_equal(csv_table_load(&t, path, &RAW_CSV_SCHEMA, &err), 0);
    assert_string_equal(csv_table_text(&t, 1, RAW_COL_device), "H100 \xc2\xb5 \xc3\x97 \xe2\x89\xa4");
    csv_table_free(&t);

    path_in_dir(path, sizeof path, "latin1.csv");
    raw_csv_with(path, NULL, RAW_COL_device, "Jos\xe9's GPU"); /* Latin-1 é */
    snprintf(want, sizeof want,
             "device (column %d): byte 0xE9 at character 4 is not UTF-8 (a Latin-1 file?); "
             "save it as UTF-8 (%s:3)",
             RAW_COL_device + 1, path);
    expect_error(path, want);

    path_in_dir(path, sizeof path, "after_utf8.csv"); /* the character, not the byte, counts */
    raw_csv_with(path, NULL, RAW_COL_kernel, "\xc2\xb5\xc2\xb5\xff");
    snprintf(want, sizeof want, "kernel (column %d): byte 0xFF at character 3 is not UTF-8", RAW_COL_kernel + 1);
    expect_error(path, want);

    path_in_dir(path, sizeof path, "overlong.csv");
    raw_csv_with(path, NULL, RAW_COL_power_mode, "\xc0\xaf");
    snprintf(want, sizeof want, "power_mode (column %d): byte 0xC0 at character 1 is not UTF-8",
             RAW_COL_power_mode + 1);
    expect_error(path, want);

    path_in_dir(path, sizeof path, "extra.csv"); /* a column model and render ignore */
    raw_csv_with(path, "board", -1, "caf\xe9");
    snprintf(want, sizeof want, "board (column %zu): byte 0xE9 at character 4 is not UTF-8",
             RAW_CSV_SCHEMA.count + 1);
    expect_error(path, want);

    path_in_dir(path, sizeof path, "header.csv");
    raw_csv_with(path, "b\xf6" "ard", 0, "t");
    snprintf(want, sizeof want,
             "header, column %zu: byte 0xF6 at character 2 is not UTF-8 (a Latin-1 file?); "
             "save it as UTF-8 (%s:1)",
             RAW_CSV_SCHEMA.count + 1, path);
    expect_error(path, want);
}

static void missing_file(void **state)
{
    (void)state;
    rl_error err;
    csv_table t;
    assert_int_equal(csv_table_load(&t, "/nonexistent/raw.csv", &RAW_CSV_SCHEMA, &err), -1);
    assert_non_null(strstr(err.text, "cannot open /nonexistent/raw.csv"));
}

static void number_parsers(void **state)
{
    (void)state;
    double d;
    uint64_t u;
    assert_int_equal(csv_parse_real("1e3", &d), 0);
    assert_float_equal(d, 1000.0, 0.0);
    assert_int_equal(csv_parse_real("inf", &d), -1);
    assert_int_equal(csv_parse_real("1e999", &d), -1);
    assert_int_equal(csv_parse_real("12abc", &d), -1);
    assert_int_equal(csv_parse_count("0x10", &u), -1); /* base 10 only */
    assert_int_equal(csv_parse_count("-1", &u), -1);
    assert_int_equal(csv_parse_count("18446744073709551615", &u), 0);
    assert_int_equal(csv_parse_count("18446744073709551616", &u), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_keeps_every_cell),
        cmocka_unit_test(writer_refuses_an_empty_required_cell),
        cmocka_unit_test(bad_files_name_file_and_line),
        cmocka_unit_test(bad_cells_and_headers),
        cmocka_unit_test(text_that_is_not_utf8_is_refused),
        cmocka_unit_test(missing_file),
        cmocka_unit_test(number_parsers),
    };
    return cmocka_run_group_tests_name("common_csv", tests, setup, teardown);
}
