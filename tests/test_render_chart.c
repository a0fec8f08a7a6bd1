/* The roofline chart drawn on a recording canvas: what it draws where,
 * checked against positions and labels computed by hand. No cairo here:
 * the chart only knows the canvas interface. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../render/chart_data.h"
#include "../render/chart_roofline.h"
#include "csv_table.h"

#define MAX_REC 128

typedef struct recorder {
    char texts[MAX_REC][160];
    size_t ntexts;
    double mx[MAX_REC], my[MAX_REC];
    int mfill[MAX_REC];
    size_t nmarkers;
    int clip_depth, clip_max;
} recorder;

static void r_colour(void *impl, canvas_colour c) { (void)impl; (void)c; }
static void r_stroke(void *impl, double w, const double *d, int n) { (void)impl; (void)w; (void)d; (void)n; }
static void r_line(void *impl, const double *x, const double *y, size_t n) { (void)impl; (void)x; (void)y; (void)n; }
static void r_rect(void *impl, double x, double y, double w, double h, int f)
{
    (void)impl; (void)x; (void)y; (void)w; (void)h; (void)f;
}

static void r_marker(void *impl, canvas_marker shape, double x, double y, double size, int fill)
{
    (void)shape;
    (void)size;
    recorder *r = impl;
    if (r->nmarkers < MAX_REC) {
        r->mx[r->nmarkers] = x;
        r->my[r->nmarkers] = y;
        r->mfill[r->nmarkers++] = fill;
    }
}

static void r_text(void *impl, const canvas_text *st, double x, double y, const char *s)
{
    (void)st;
    (void)x;
    (void)y;
    recorder *r = impl;
    if (r->ntexts < MAX_REC)
        snprintf(r->texts[r->ntexts++], sizeof r->texts[0], "%s", s);
}

/* 0.6 em per byte is close enough for layout decisions. */
static void r_extents(void *impl, const canvas_text *st, const char *s, double *w, double *cap)
{
    (void)impl;
    *w = 0.6 * st->size * (double)strlen(s);
    *cap = 0.72 * st->size;
}

static void r_clip(void *impl, double x, double y, double w, double h)
{
    (void)x; (void)y; (void)w; (void)h;
    recorder *r = impl;
    if (++r->clip_depth > r->clip_max)
        r->clip_max = r->clip_depth;
}

static void r_unclip(void *impl)
{
    ((recorder *)impl)->clip_depth--;
}

static int drew_text(const recorder *r, const char *s)
{
    for (size_t i = 0; i < r->ntexts; i++)
        if (strcmp(r->texts[i], s) == 0)
            return 1;
    return 0;
}

/* GEMV (flop > 0) and a bandwidth kernel (flop = 0), listed w4a16 first. */
static void tiny_table(csv_table *t, csv_row rows[2])
{
    static const char *const cells[2][13][2] = {
        {{"device", "Test GPU"}, {"spec_mode", "full"}, {"format", "w4a16_g128"}, {"flop", "33554432"},
         {"intensity_flop_per_byte", "0.968"}, {"achieved_gflops", "335.5"}, {"check", "ok"},
         {"compute_unit", "cuda_fp32"}, {"peak_datasheet_gflops", "1280"}, {"bw_datasheet_gbs", "102"},
         {"bw_measured_gbs", "80"}, {"kernel", "gemv"}, {"run_id", "r1"}},
        {{"device", "Test GPU"}, {"spec_mode", "full"}, {"format", "fp16"}, {"flop", "0"},
         {"intensity_flop_per_byte", "0"}, {"achieved_gflops", "0"}, {"check", "ok"},
         {"compute_unit", "cuda_fp32"}, {"peak_datasheet_gflops", "1280"}, {"bw_datasheet_gbs", "102"},
         {"bw_measured_gbs", "84"}, {"kernel", "stream_read"}, {"run_id", "r1"}},
    };
    memset(t, 0, sizeof *t);
    t->schema = &MODEL_CSV_SCHEMA;
    t->nrows = 2;
    t->rows = rows;
    for (int r = 0; r < 2; r++) {
        assert_int_equal(csv_row_init(&rows[r], &MODEL_CSV_SCHEMA), 0);
        for (int c = 0; c < 13; c++)
            assert_int_equal(csv_row_set_text(&rows[r], csv_schema_find(&MODEL_CSV_SCHEMA, cells[r][c][0]),
                                              cells[r][c][1]), 0);
    }
}

static void chart_data_skips_zero_flop_and_orders_formats(void **state)
{
    (void)state;
    csv_table t;
    csv_row rows[2];
    chart_data d;
    rl_error err = {{0}};
    tiny_table(&t, rows);
    assert_int_equal(chart_data_from_table(&t, &d, &err), 0);
    assert_int_equal(d.npoints, 1);
    assert_int_equal(d.skipped, 1);
    /* The format table's order (fp16 first), not the CSV's. */
    assert_int_equal(d.nseries, 2);
    assert_string_equal(d.series[0], "fp16");
    assert_string_equal(d.series[1], "w4a16_g128");
    assert_int_equal(d.points[0].series, 1);
    assert_int_equal(d.ngroups, 1);
    assert_float_equal(d.groups[0].bw_datasheet, 102.0, 1e-12);
    assert_float_equal(d.groups[0].bw_measured, 82.0, 1e-12); /* median of 80 and 84 */
    assert_int_equal(d.nroofs, 1);
    assert_float_equal(d.roofs[0].peak_gflops, 1280.0, 1e-12);
    chart_data_free(&d);
    csv_row_free(&rows[0]);
    csv_row_free(&rows[1]);
}

static void chart_draws_point_ceilings_and_labels(void **state)
{
    (void)state;
    csv_table t;
    csv_row rows[2];
    chart_data d;
    rl_error err = {{0}};
    tiny_table(&t, rows);
    assert_int_equal(chart_data_from_table(&t, &d, &err), 0);
    recorder rec = {0};
    canvas c = {&rec, r_colour, r_stroke, r_line, r_rect, r_marker, r_text, r_extents, r_clip, r_unclip};
    chart_roofline_draw(&c, &d, 540.0, 378.0);

    /* Axes: x from 0.968/1.5 and 4 x the ridge 1280/102 = 12.5 -> [0.1, 100];
     * y from 335.5/1.5 and 2.5 x 1280 -> [100, 10000]. Plot area: 62..522
     * across, 28..336 down. */
    double x = 62.0 + (log10(0.968) + 1.0) / 3.0 * 460.0;  /* 213.17 */
    double y = 336.0 - (log10(335.5) - 2.0) / 2.0 * 308.0; /* 255.04 */
    assert_true(rec.nmarkers >= 2);
    assert_int_equal(rec.mfill[0], 1); /* the point, filled, then its rim */
    assert_float_equal(rec.mx[0], x, 1e-6);
    assert_float_equal(rec.my[0], y, 1e-6);
    assert_float_equal(rec.mx[1], x, 1e-6);
    assert_int_equal(rec.mfill[1], 0);

    static const char *const want[] = {
        "Roofline: Test GPU", CHART_X_LABEL, CHART_Y_LABEL, "0.1", "1", "10", "100", "1000",
        "10000", "cuda_fp32 peak 1.28 TFLOP/s",
        "DRAM 102 GB/s datasheet, 82.0 GB/s measured (dashed)", "w4a16_g128",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!drew_text(&rec, want[i]))
            fail_msg("the chart has no text '%s'", want[i]);
    assert_false(drew_text(&rec, "0.01")); /* no decade outside the axes */
    assert_false(drew_text(&rec, "fp16")); /* only a flop = 0 case: not in the legend */
    assert_int_equal(rec.clip_depth, 0);    /* every clip undone */
    assert_true(rec.clip_max >= 1);
    chart_data_free(&d);
    csv_row_free(&rows[0]);
    csv_row_free(&rows[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chart_data_skips_zero_flop_and_orders_formats),
        cmocka_unit_test(chart_draws_point_ceilings_and_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
