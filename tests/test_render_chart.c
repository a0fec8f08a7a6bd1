/* The charts drawn on a recording canvas: what they draw where, checked
 * against positions computed by hand, and, on full real runs
 * (tests/fixtures/render/), that no label or legend lands on a point, a
 * bar or another label. The recorder and the clash check are in
 * test_render_recorder.h. */
#include "test_render_recorder.h"

#include "../render/charts/chart_data.h"
#include "../render/charts/chart_parts.h"
#include "../render/charts/chart_roofline.h"
#include "../render/charts/chart_draw.h"
#include "../render/charts/figures.h"
#include "../render/charts/inputs.h"

/* --- the roofline */

static const char *const ROOFLINE_ROWS[] = {
    "device=Test_GPU spec_mode=full kernel=gemv format=w4a16_g128 "
    "flop=33554432 "
    "intensity_flop_per_byte=0.968 achieved_gflops=335.5 check=ok "
    "compute_unit=cuda_fp32 "
    "peak_datasheet_gflops=1280 bw_datasheet_gbs=102 bw_measured_gbs=80 "
    "run_id=r1",
    "device=Test_GPU spec_mode=full kernel=stream_read format=fp16 flop=0 "
    "intensity_flop_per_byte=0 achieved_gflops=0 check=ok "
    "compute_unit=cuda_fp32 "
    "peak_datasheet_gflops=1280 bw_datasheet_gbs=102 bw_measured_gbs=84 "
    "run_id=r1",
};

static void chart_data_skips_zero_flop_and_orders_formats(void **state)
{
    (void)state;
    mem_table m;
    chart_data d;
    rl_error err = {{0}};
    mem_table_init(&m, ROOFLINE_ROWS, 2);
    assert_int_equal(chart_data_from_table(&m.t, &d, &err), 0);
    assert_int_equal(d.npoints, 1);
    assert_int_equal(d.skipped, 1);
    /* The format table's order (fp16 first), not the CSV's. */
    assert_int_equal(d.nseries, 2);
    assert_string_equal(d.series[0], "fp16");
    assert_string_equal(d.series[1], "w4a16_g128");
    assert_int_equal(d.points[0].series, 1);
    assert_int_equal(d.nkernels, 1); /* the flop = 0 stream is not a point */
    assert_string_equal(d.kernels[d.points[0].kernel], "gemv");
    assert_int_equal(d.ngroups, 1);
    assert_float_equal(d.groups[0].bw_datasheet, 102.0, 1e-12);
    assert_float_equal(d.groups[0].bw_measured, 82.0, 1e-12); /* median of 80 and 84 */
    assert_int_equal(d.nroofs, 1);
    assert_float_equal(d.roofs[0].peak_gflops, 1280.0, 1e-12);
    chart_data_free(&d);
    mem_table_free(&m);
}

static void roofline_draws_point_ceilings_and_labels(void **state)
{
    (void)state;
    mem_table m;
    chart_data d;
    rl_error err = {{0}};
    mem_table_init(&m, ROOFLINE_ROWS, 2);
    assert_int_equal(chart_data_from_table(&m.t, &d, &err), 0);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_roofline_draw(&c, &d, 540.0, 378.0);

    /* Axes: x from 0.968/1.5 and 4 x the ridge 1280/102 = 12.5 -> [0.1, 100];
     * y from 335.5/1.5 and 2.5 x 1280 -> [100, 10000]. Plot area: 62..522
     * across, 28..336 down. */
    double x = 62.0 + (log10(0.968) + 1.0) / 3.0 * 460.0;  /* 213.17 */
    double y = 336.0 - (log10(335.5) - 2.0) / 2.0 * 308.0; /* 255.04 */
    assert_true(rec->nm >= 2);
    assert_int_equal(rec->m[0].fill, 1);              /* the point, filled, then its rim */
    assert_int_equal(rec->m[0].shape, MARKER_CIRCLE); /* gemv: a circle */
    assert_float_equal(rec->m[0].x, x, 1e-6);
    assert_float_equal(rec->m[0].y, y, 1e-6);
    assert_float_equal(rec->m[1].x, x, 1e-6);
    assert_int_equal(rec->m[1].fill, 0);

    /* y ticks in TFLOP/s, as the roofs' labels: [100, 10000] GFLOP/s is
     * 0.1 to 10 */
    static const char *const want[] = {
        "Roofline of every case: Test_GPU",
        CHART_X_LABEL,
        CHART_Y_LABEL,
        "0.1",
        "1",
        "10",
        "100",
        "cuda_fp32 peak 1.28 TFLOP/s",
        "DRAM 102 GB/s datasheet, 82.0 GB/s measured (dashed)",
        "w4a16_g128",
        "gemv",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (rec_find_text(rec, want[i]) == NULL)
            fail_msg("the chart has no text '%s'", want[i]);
    assert_null(rec_find_text(rec, "0.01"));        /* no decade outside the axes */
    assert_null(rec_find_text(rec, "1000"));        /* nor a GFLOP/s label */
    assert_null(rec_find_text(rec, "fp16"));        /* only a flop = 0 case: not in the legend */
    assert_null(rec_find_text(rec, "stream_read")); /* nor its kernel */
    assert_int_equal(rec->clip_depth, 0);           /* every clip undone */
    assert_true(rec->clip_max >= 1);
    free(rec);
    chart_data_free(&d);
    mem_table_free(&m);
}

/* Rows whose clocks were held down or moved: filled, inside a ring, with a
 * legend entry; a row without the flags, or with a failed check, is not
 * ringed. The same axes as above: x 62 + (log10(i) + 1) / 3 x 460. */
static const char *const THROTTLE_ROWS[] = {
    "device=Test_GPU spec_mode=full kernel=gemv format=fp16 flop=33554432 "
    "intensity_flop_per_byte=1 achieved_gflops=100 check=ok compute_unit=cuda_fp32 "
    "peak_datasheet_gflops=1280 bw_datasheet_gbs=102 run_id=r1 throttled=no clocks_changed=no",
    "device=Test_GPU spec_mode=full kernel=gemv format=fp16 flop=33554432 "
    "intensity_flop_per_byte=10 achieved_gflops=500 check=ok compute_unit=cuda_fp32 "
    "peak_datasheet_gflops=1280 bw_datasheet_gbs=102 run_id=r1 throttled=yes clocks_changed=yes",
    "device=Test_GPU spec_mode=full kernel=gemv format=fp16 flop=33554432 "
    "intensity_flop_per_byte=0.1 achieved_gflops=300 check=ok compute_unit=cuda_fp32 "
    "peak_datasheet_gflops=1280 bw_datasheet_gbs=102 run_id=r1 clocks_changed=yes",
    "device=Test_GPU spec_mode=full kernel=gemv format=fp16 flop=33554432 "
    "intensity_flop_per_byte=3 achieved_gflops=200 check=wrong compute_unit=cuda_fp32 "
    "peak_datasheet_gflops=1280 bw_datasheet_gbs=102 run_id=r1 throttled=yes",
};

/* The markers drawn at (x, y): how many, and whether one is the ring. */
static size_t markers_at(const recorder *r, double x, double y, int *ring)
{
    size_t n = 0;
    *ring = 0;
    for (size_t i = 0; i < r->nm; i++)
        if (fabs(r->m[i].x - x) < 1e-6 && fabs(r->m[i].y - y) < 1e-6) {
            n++;
            *ring |= r->m[i].shape == MARKER_CIRCLE && r->m[i].fill == 0 &&
                     fabs(r->m[i].size - CHART_RING_SIZE) < 1e-9;
        }
    return n;
}

static void roofline_rings_throttled_points(void **state)
{
    (void)state;
    mem_table m;
    chart_data d;
    rl_error err = {{0}};
    mem_table_init(&m, THROTTLE_ROWS, 4);
    assert_int_equal(chart_data_from_table(&m.t, &d, &err), 0);
    assert_int_equal(d.npoints, 4);
    assert_false(d.points[0].throttled);
    assert_true(d.points[1].throttled);
    assert_true(d.points[2].throttled); /* clocks_changed alone is enough */
    assert_true(d.points[3].throttled);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_roofline_draw(&c, &d, 540.0, 378.0);
    /* y: 100..1280 x 2.5 -> [10, 10000] over 336..28, 308 / 3 a decade;
     * x: 0.1/1.5 .. 4 x 12.5 -> [0.01, 100], 115 a decade from 62 */
    int ring;
    double y100 = 336.0 - 1.0 * 308.0 / 3.0;
    assert_int_equal(markers_at(rec, 62.0 + 2.0 * 115.0, y100, &ring), 2); /* fill, rim */
    assert_false(ring);
    double y500 = 336.0 - (log10(500.0) - 1.0) * 308.0 / 3.0;
    assert_int_equal(markers_at(rec, 62.0 + 3.0 * 115.0, y500, &ring), 3); /* fill, rim, ring */
    assert_true(ring);
    double y300 = 336.0 - (log10(300.0) - 1.0) * 308.0 / 3.0;
    assert_int_equal(markers_at(rec, 62.0 + 1.0 * 115.0, y300, &ring), 3);
    assert_true(ring);
    double y200 = 336.0 - (log10(200.0) - 1.0) * 308.0 / 3.0;
    assert_int_equal(markers_at(rec, 62.0 + (log10(3.0) + 2.0) * 115.0, y200, &ring), 1);
    assert_false(ring); /* a failed check: hollow only */
    assert_non_null(rec_find_text(rec, "clocks held down or changed"));
    assert_non_null(rec_find_text(rec, "output check failed"));
    assert_int_equal(clashes(rec, "roofline", 540.0, 1), 0);
    free(rec);
    chart_data_free(&d);
    mem_table_free(&m);
    /* without the flags (an older CSV, or none throttled): no legend entry */
    mem_table_init(&m, THROTTLE_ROWS, 1);
    assert_int_equal(chart_data_from_table(&m.t, &d, &err), 0);
    rec = rec_new(&c);
    chart_roofline_draw(&c, &d, 540.0, 378.0);
    assert_null(rec_find_text(rec, "clocks held down or changed"));
    free(rec);
    chart_data_free(&d);
    mem_table_free(&m);
}

/* ROOFLINE_ROWS plus a run that measured its L2-resident read at 800 GB/s:
 * the stream_read_l2 point (0.25 flop/byte at 200 GFLOP/s) sits on it. */
static const char *const ROOFLINE_L2_ROWS[] = {
    "device=Test_GPU spec_mode=full kernel=gemv format=w4a16_g128 "
    "flop=33554432 "
    "intensity_flop_per_byte=0.968 achieved_gflops=335.5 check=ok "
    "compute_unit=cuda_fp32 "
    "peak_datasheet_gflops=1280 bw_datasheet_gbs=102 bw_measured_gbs=80 bw_l2_measured_gbs=800 "
    "run_id=r1",
    "device=Test_GPU spec_mode=full kernel=stream_read_l2 format=fp32 flop=4000000 "
    "intensity_flop_per_byte=0.25 achieved_gflops=200 check=ok memory_level=l2 "
    "compute_unit=cuda_fp32 "
    "peak_datasheet_gflops=1280 bw_datasheet_gbs=102 bw_measured_gbs=84 bw_l2_measured_gbs=800 "
    "run_id=r1",
};

/* A dashed polyline of 2 points from (x0, y0) to (x1, y1), or NULL. */
static const rec_polyline *find_dashed_line(const recorder *rec, double x0, double y0, double x1, double y1)
{
    for (size_t i = 0; i < rec->nlines && i < REC_LINES; i++) {
        const rec_polyline *l = &rec->l[i];
        if (l->dashed && l->n == 2 && fabs(l->x[0] - x0) < 1e-6 && fabs(l->y[0] - y0) < 1e-6 &&
            fabs(l->x[1] - x1) < 1e-6 && fabs(l->y[1] - y1) < 1e-6)
            return l;
    }
    return NULL;
}

static double page_x(double x) /* the axes of the roofline tests: x [0.1, 100] on 62..522 */
{
    return 62.0 + (log10(x) + 1.0) / 3.0 * 460.0;
}

static double page_y(double y) /* y [100, 10000] on 336..28 */
{
    return 336.0 - (log10(y) - 2.0) / 2.0 * 308.0;
}

/* The measured L2 read is a second sloped line, dotted (the recorder sees
 * a dash pattern), from the left edge up to the roof, labelled with its
 * value; the roof then starts where the L2 slope meets it. Without an L2
 * measurement (ROOFLINE_ROWS) there is neither. */
static void roofline_draws_the_l2_roof(void **state)
{
    (void)state;
    mem_table m;
    chart_data d;
    rl_error err = {{0}};
    mem_table_init(&m, ROOFLINE_L2_ROWS, 2);
    assert_int_equal(chart_data_from_table(&m.t, &d, &err), 0);
    assert_float_equal(d.groups[0].bw_l2_measured, 800.0, 1e-12);
    assert_int_equal(d.npoints, 2);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_roofline_draw(&c, &d, 540.0, 378.0);
    /* Axes as in roofline_draws_point_ceilings_and_labels: x from 0.25/1.5 and
     * 4 x the ridge 12.5 -> [0.1, 100]; y from 200/1.5 = 133 -> [100, 10000].
     * L2 slope: y = 800 x from x = 0.1 (y = 80, below the plot: clipped) to
     * the roof 1280 at x = 1280 / 800 = 1.6. */
    const rec_polyline *l2 = find_dashed_line(rec, page_x(0.1), page_y(80.0), page_x(1.6), page_y(1280.0));
    if (l2 == NULL)
        fail_msg("no dashed line from (%.2f, %.2f) to (%.2f, %.2f)", page_x(0.1), page_y(80.0), page_x(1.6),
                 page_y(1280.0));
    /* The DRAM measured slope (median 82) is still there, dashed, to x = 1280 / 82. */
    assert_non_null(find_dashed_line(rec, page_x(0.1), page_y(8.2), page_x(1280.0 / 82.0), page_y(1280.0)));
    /* The roof: from where the L2 slope meets it (x = 1.6, not DRAM's 12.55) to the right edge. */
    int roof = 0;
    for (size_t i = 0; i < rec->nlines && i < REC_LINES; i++)
        roof |= !rec->l[i].dashed && rec->l[i].n == 2 && fabs(rec->l[i].x[0] - page_x(1.6)) < 1e-6 &&
                fabs(rec->l[i].x[1] - 522.0) < 1e-6 && fabs(rec->l[i].y[0] - page_y(1280.0)) < 1e-6;
    assert_true(roof);
    const rec_text *label = rec_find_text(rec, "L2 800 GB/s measured");
    assert_non_null(label);
    /* along the slope, above it: centred on the line, at its angle */
    assert_float_equal(label->y, page_y(800.0 * pow(10.0, 3.0 * (label->x - 62.0) / 460.0 - 1.0)), 1e-6);
    assert_true(label->st.angle_deg > 0.0);
    assert_non_null(rec_find_text(rec, "DRAM 102 GB/s datasheet, 82.0 GB/s measured (dashed)"));
    assert_non_null(rec_find_text(rec, "stream_read_l2")); /* its kernel, in the legend */
    assert_int_equal(clashes(rec, "roofline with an L2 roof", 540.0, 0), 0);
    free(rec);
    chart_data_free(&d);
    mem_table_free(&m);

    /* no L2 measured: no L2 label, and the roof starts at DRAM's ridge 1280 / 102 */
    mem_table_init(&m, ROOFLINE_ROWS, 2);
    assert_int_equal(chart_data_from_table(&m.t, &d, &err), 0);
    assert_true(isnan(d.groups[0].bw_l2_measured));
    rec = rec_new(&c);
    chart_roofline_draw(&c, &d, 540.0, 378.0);
    for (size_t i = 0; i < rec->nt; i++)
        assert_null(strstr(rec->t[i].s, "L2"));
    roof = 0;
    for (size_t i = 0; i < rec->nlines && i < REC_LINES; i++)
        roof |= !rec->l[i].dashed && rec->l[i].n == 2 && fabs(rec->l[i].x[0] - page_x(1280.0 / 102.0)) < 1e-6 &&
                fabs(rec->l[i].y[0] - page_y(1280.0)) < 1e-6;
    assert_true(roof);
    free(rec);
    chart_data_free(&d);
    mem_table_free(&m);
}

static void kernels_get_their_own_markers(void **state)
{
    (void)state;
    assert_int_equal(chart_kernel_marker("gemv"), MARKER_CIRCLE);
    assert_int_equal(chart_kernel_marker("gemv_cublas"), MARKER_SQUARE);
    assert_int_equal(chart_kernel_marker("stream_read"), MARKER_TRIANGLE);
    assert_int_equal(chart_kernel_marker("stream_triad"), MARKER_TRIANGLE); /* one family */
    assert_int_equal(chart_kernel_marker("gemm_cublas"), MARKER_TRIANGLE_DOWN);
    assert_int_equal(chart_kernel_marker("intensity_sweep"), MARKER_DIAMOND);
    assert_int_equal(chart_kernel_marker("dp4a_int8"), MARKER_STAR);
    assert_int_equal(chart_kernel_marker("a_new_kernel"), MARKER_HEXAGON);
    chart_legend l = {0};
    const char *const kernels[] = {"stream_read", "gemv", "stream_triad"};
    chart_kernel_legend(&l, kernels, 3, (canvas_colour){0, 0, 0, 1});
    assert_int_equal(l.n, 2);
    assert_string_equal(l.e[0].text, "stream_read, stream_triad");
    assert_string_equal(l.e[1].text, "gemv");
    /* A format keeps its colour whatever else is in the CSV. */
    canvas_colour a = chart_format_colour("w4a16_g64"), b = chart_format_colour("w4a16_g64");
    assert_memory_equal(&a, &b, sizeof a);
    canvas_colour f = chart_format_colour("fp16"), g = chart_format_colour("w8a16");
    assert_true(f.r != g.r || f.g != g.g || f.b != g.b);
}

/* --- the speedup bars: fp16 100 and 400 us at 4096 and 8192, w8a16 half
 * that (speedup 2.00 at both), predictions 80/320 and 40/160 (2.00). */
static const char *const SPEEDUP_ROWS[] = {
    "device=G kernel=gemv format=fp16 n=4096 k=4096 batch=1 time_us_median=100 "
    "time_us_pred_measured=80 flop=33554432 bytes=33570816 check=ok",
    "device=G kernel=gemv format=fp16 n=8192 k=8192 batch=1 time_us_median=400 "
    "time_us_pred_measured=320 flop=134217728 bytes=134250496 check=ok",
    "device=G kernel=gemv format=w8a16 n=4096 k=4096 batch=1 time_us_median=50 "
    "time_us_pred_measured=40 flop=33554432 bytes=16801792 check=ok",
    "device=G kernel=gemv format=w8a16 n=8192 k=8192 batch=1 "
    "time_us_median=200 "
    "time_us_pred_measured=160 flop=134217728 bytes=67158016 check=ok",
};

static void speedup_bars_where_computed(void **state)
{
    (void)state;
    mem_table m;
    compare_data d;
    mem_table_init(&m, SPEEDUP_ROWS, 4);
    compare_data_from_table(&m.t, &d);
    assert_string_equal(d.device, "G");
    assert_int_equal(d.nshapes, 2);
    assert_int_equal(d.n[0], 4096); /* ascending */
    assert_int_equal(d.ncats, 2);   /* fp16 (ours), w8a16; no cuBLAS rows */
    assert_float_equal(compare_speedup(&d, 1, 1), 2.0, 1e-12);
    assert_float_equal(compare_pred_speedup(&d, 1, 0), 2.0, 1e-12);
    assert_float_equal(d.cat[1].ideal, 2.0, 1e-12);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_speedup_draw(&c, &d, 540.0, 360.0);
    /* One row, "w8a16": left margin 5 + 24 (5 bytes at 0.6 x 8 pt) + 6 +
     * 6.48 (the axis title's cap height) + 4 = 45.48; right 522. x runs
     * 0..2.5 (2.0 x 1.2 = 2.4, in steps of 0.5), so 2.0 ends at 80 %:
     * 45.48 + 0.8 x 476.52 = 426.696. y: -0.5..0.5 over 28..318; the
     * 8192 bar is centred at 0.18 (y 225.2), 0.324 high (93.96 pt). */
    const rec_rect *bar = rec_filled_rect(rec, 45.48, 381.216);
    assert_non_null(bar);
    int found_big = 0, found_small = 0;
    for (size_t i = 0; i < rec->nr; i++) {
        const rec_rect *r = &rec->r[i];
        if (!r->fill || fabs(r->x - 45.48) > 1e-6 || fabs(r->w - 381.216) > 1e-6)
            continue;
        found_big |= fabs(r->y - (225.2 - 46.98)) < 1e-6 && fabs(r->h - 93.96) < 1e-6;
        found_small |= fabs(r->y - (120.8 - 46.98)) < 1e-6;
    }
    assert_true(found_big);
    assert_true(found_small);
    /* The value sits clear of the predicted diamond drawn at the bar's end
     * (no room inside the bar before it): past its right corner, at
     * 426.696 + 3 + 5. */
    const rec_text *v = rec_find_text(rec, "2.00×");
    assert_non_null(v);
    assert_float_equal(v->x, 434.696, 1e-6);
    assert_non_null(rec_find_text(rec, "w8a16"));
    assert_null(rec_find_text(rec, "fp16 (ours)")); /* the baseline has no bar */
    assert_non_null(rec_find_text(rec, "8192×8192"));
    free(rec);
    mem_table_free(&m);
}

static void predicted_band_where_computed(void **state)
{
    (void)state;
    static const char *const rows[] = {
        "device=G kernel=gemv format=fp16 time_us_median=10 "
        "time_us_pred_measured=10 time_us_pred_measured_floor=10.5 check=ok",
        "device=G kernel=gemv format=w8a16 time_us_median=150 "
        "time_us_pred_measured=100 time_us_pred_measured_floor=140 check=ok",
    };
    mem_table m;
    scatter_data d;
    rl_error err = {{0}};
    mem_table_init(&m, rows, 2);
    assert_int_equal(scatter_data_from_table(&m.t, &d, &err), 0);
    assert_int_equal(d.n, 2);
    assert_true(d.has_floor);
    assert_float_equal(d.p[1].floor_us, 140.0, 0.0);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_predicted_draw(&c, &d, 540.0, 460.0);
    /* Errors: fp16 0 % and +5 %; w8a16 -33.3 % and -6.67 %. The legends
     * go under the plot: formats in columns of 16 + 5 + 22.5 + 12 = 55.5
     * points, one row; kinds in columns of 16 + 5 + 103.5 ("roofline +
     * launch floor") + 12 = 136.5, three across 504 points, four entries:
     * two rows. 11 + 22 + 2 x 4 = 41 points, so the plot ends at 460 - 42
     * - 41 = 377. x: 10..150 us -> [1, 1000], log; y: -33.3 - 4 .. 20 + 4
     * in steps of 10 -> -40..30, linear. Left margin 5 + 14.4 ("-40") + 6
     * + 6.48 + 4 = 35.88. */
    const double L = 35.88, R = 522.0, T = 28.0, B = 377.0;
#define YE(e) (B - ((e) + 40.0) / 70.0 * (B - T))
    assert_int_equal(rec->np, 1);
    const rec_poly *p = &rec->p[0];
    assert_int_equal(p->n, 4);
    assert_true(p->fill);
    assert_float_equal(p->x[0], L, 1e-9);
    assert_float_equal(p->x[1], R, 1e-9);
    assert_float_equal(p->y[0], YE(-10.0), 1e-9);
    assert_float_equal(p->y[2], YE(10.0), 1e-9);
    /* w8a16: hollow at the bytes-only error, filled at the floor's */
    double x150 = L + log10(150.0) / 3.0 * (R - L);
    int hollow = 0, filled = 0;
    for (size_t i = 0; i < rec->nm; i++) {
        if (fabs(rec->m[i].x - x150) > 1e-9)
            continue;
        hollow |= fabs(rec->m[i].y - YE(100.0 * (100.0 - 150.0) / 150.0)) < 1e-9;
        filled |= rec->m[i].fill && fabs(rec->m[i].y - YE(100.0 * (140.0 - 150.0) / 150.0)) < 1e-9;
    }
    assert_true(hollow);
    assert_true(filled);
#undef YE
    assert_non_null(rec_find_text(rec, CHART_PREDICTED_X_LABEL));
    assert_non_null(rec_find_text(rec, CHART_PREDICTED_Y_LABEL));
    assert_non_null(rec_find_text(rec, "|error| ≤ 10 %"));
    const rec_text *a = rec_find_text(rec, "bytes-only roofline"), *b = rec_find_text(rec, "roofline + launch floor");
    assert_non_null(a);
    assert_non_null(b);
    assert_true(a->y > B && b->y > B); /* under the plot */
    assert_int_equal(clashes(rec, "predicted", 540.0, 1), 0);
    free(rec);
    scatter_data_free(&d);
    mem_table_free(&m);
}

/* The rows' two predictions have exactly the two names, in the prediction
 * chart and the batch chart alike, on the newest archived run; the band of
 * |error| <= 10 % is at least 12 points high everywhere and a grey dark
 * enough to see (relative luminance <= 0.88). */
static void predictions_named_and_band_visible(void **state)
{
    (void)state;
    csv_table t;
    figure_set s;
    rl_error err = {{0}};
    load_fixture(&t, "model_h100_full.csv");
    assert_int_equal(figure_set_build(&(render_tables){&t, NULL, NULL, NULL}, &s, &err), 0);
    const figure_id ids[] = {FIG_PREDICTED, FIG_BATCH};
    for (size_t k = 0; k < 2; k++) {
        canvas c;
        recorder *rec = rec_new(&c);
        figure_draw(&c, &s, ids[k]);
        size_t named = 0;
        for (size_t i = 0; i < rec->nt; i++) {
            named += strcmp(rec->t[i].s, "bytes-only roofline") == 0;
            named += strcmp(rec->t[i].s, "roofline + launch floor") == 0;
            if (strstr(rec->t[i].s, "predicted by") != NULL)
                fail_msg("%s: a third name for a prediction, '%s'", figure_name(ids[k]), rec->t[i].s);
        }
        assert_int_equal(named, 2);
        if (ids[k] == FIG_PREDICTED) {
            assert_true(rec->np >= 1);
            const rec_poly *p = &rec->p[0];
            /* the band's height at its left and right ends */
            double left_h = fabs(p->y[3] - p->y[0]), right_h = fabs(p->y[2] - p->y[1]);
            assert_true(fmin(left_h, right_h) >= 12.0);
            double lum = 0.2126 * p->colour.r + 0.7152 * p->colour.g + 0.0722 * p->colour.b;
            assert_true(lum <= 0.88);
        }
        free(rec);
    }
    figure_set_free(&s);
    csv_table_free(&t);
}

static void batch_points_where_computed(void **state)
{
    (void)state;
    static const char *const rows[] = {
        "device=G kernel=gemv format=fp16 n=8192 k=8192 batch=1 "
        "time_us_median=10 check=ok",
        "device=G kernel=gemv format=fp16 n=8192 k=8192 batch=4 "
        "time_us_median=40 check=ok",
        "device=G kernel=gemv format=fp16 n=8192 k=8192 batch=2 "
        "time_us_median=20 check=ok",
        "device=G kernel=gemv_cublas format=fp16 n=8192 k=8192 batch=2 "
        "time_us_median=12 check=ok",
        "device=G kernel=gemv_cublas format=fp16 n=8192 k=8192 batch=4 "
        "time_us_median=12 check=ok",
        "device=G kernel=gemv format=w8a16 n=8192 k=8192 batch=1 "
        "time_us_median=7 check=ok",
    };
    mem_table m;
    batch_data d;
    mem_table_init(&m, rows, 6);
    batch_data_from_table(&m.t, &d);
    /* w8a16 has one batch size: no sweep. cuBLAS sorts first. */
    assert_int_equal(d.nseries, 2);
    assert_string_equal(d.s[0].kernel, "gemv_cublas");
    assert_int_equal(d.s[1].n, 3);
    assert_float_equal(d.s[1].batch[1], 2.0, 0.0); /* sorted by batch */
    assert_float_equal(d.s[1].time_us[1], 20.0, 0.0);
    assert_int_equal(d.nbatches, 3);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_batch_draw(&c, &d, 540.0, 340.0);
    /* y: 0..50 (40 x 1.08 in steps of 10); its widest label "50" is 9.6 pt,
     * so the plot starts at 5 + 9.6 + 6 + 6.48 + 4 = 31.08 and ends at 522.
     * x: log from 1 / 1.25 to 4 x 1.25; y over 298..28. */
    double span = log10(5.0) - log10(0.8);
    double x2 = 31.08 + (log10(2.0) - log10(0.8)) / span * (522.0 - 31.08);
    int seen = 0;
    for (size_t i = 0; i < rec->nm; i++)
        seen |= fabs(rec->m[i].x - x2) < 1e-6 &&
                fabs(rec->m[i].y - (298.0 - 20.0 / 50.0 * 270.0)) < 1e-6;
    assert_true(seen);
    static const char *const want[] = {"1", "2", "4", "cuBLAS fp16", "fp16", CHART_BATCH_Y_LABEL};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (rec_find_text(rec, want[i]) == NULL)
            fail_msg("the batch chart has no text '%s'", want[i]);
    free(rec);
    mem_table_free(&m);
}

/* Times spanning more than a decade (a 5 us GEMV beside a 400 us GEMM)
 * get a log y axis: decades 1 to 1000 over 298..28, so 400 us sits at
 * 298 - log10(400) / 3 * 270 and 5 us at 298 - log10(5) / 3 * 270. */
static void batch_axis_goes_log_past_a_decade(void **state)
{
    (void)state;
    static const char *const rows[] = {
        "device=G kernel=gemv format=fp16 n=8192 k=8192 batch=1 time_us_median=5 check=ok",
        "device=G kernel=gemv format=fp16 n=8192 k=8192 batch=2 time_us_median=6 check=ok",
        "device=G kernel=gemm_cublas format=fp16 n=8192 k=8192 batch=1 time_us_median=50 check=ok",
        "device=G kernel=gemm_cublas format=fp16 n=8192 k=8192 batch=2048 time_us_median=400 check=ok",
    };
    mem_table m;
    batch_data d;
    mem_table_init(&m, rows, 4);
    batch_data_from_table(&m.t, &d);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_batch_draw(&c, &d, 540.0, 340.0);
    int seen400 = 0, seen5 = 0;
    for (size_t i = 0; i < rec->nm; i++) {
        seen400 |= fabs(rec->m[i].y - (298.0 - log10(400.0) / 3.0 * 270.0)) < 1e-6;
        seen5 |= fabs(rec->m[i].y - (298.0 - log10(5.0) / 3.0 * 270.0)) < 1e-6;
    }
    assert_true(seen400 && seen5);
    assert_non_null(rec_find_text(rec, "1000"));
    free(rec);
    mem_table_free(&m);
}

static void efficiency_points_where_computed(void **state)
{
    (void)state;
    static const char *const rows[] = {
        /* 134217728 flop / 26843.5456 uJ / 1e3 = 5.0 GFLOP/s per W */
        "device=G kernel=gemv format=fp16 flop=134217728 energy_uj=26843.5456 "
        "intensity_flop_per_byte=1 gflops_per_w_fit=4 check=ok",
        /* 50.0 GFLOP/s per W, no fit */
        "device=G kernel=gemm_cublas format=fp16 flop=134217728 energy_uj=2684.35456 "
        "intensity_flop_per_byte=100 check=ok",
        /* no energy: left out */
        "device=G kernel=gemv format=w8a16 flop=134217728 intensity_flop_per_byte=2 check=ok",
    };
    mem_table m;
    efficiency_data d;
    rl_error err = {{0}};
    mem_table_init(&m, rows, 3);
    assert_int_equal(efficiency_data_from_table(&m.t, NULL, &d, &err), 0);
    assert_int_equal(d.n, 2);
    assert_true(d.has_fit);
    assert_float_equal(d.p[0].gflops_per_w, 5.0, 1e-9);
    assert_float_equal(d.p[1].gflops_per_w, 50.0, 1e-9);
    assert_true(isnan(d.p[1].fit_gflops_per_w));
    canvas c;
    recorder *rec = rec_new(&c);
    chart_efficiency_draw(&c, &d, 540.0, 378.0);
    /* x 1..100 -> [0.1, 1000] over 62..522 (115 points a decade); y 4..50 ->
     * [1, 100] over 336..28 (154 a decade). The fitted value (hollow) comes
     * first: intensity 1, 4 GFLOP/s per W. */
    assert_int_equal(rec->m[0].fill, 0);
    assert_float_equal(rec->m[0].x, 62.0 + 115.0, 1e-9);
    assert_float_equal(rec->m[0].y, 336.0 - 154.0 * log10(4.0), 1e-9);
    assert_float_equal(rec->m[1].y, 336.0 - 154.0 * log10(5.0), 1e-9); /* then measured */
    assert_non_null(rec_find_text(rec, "hollow: the model's energy fit"));
    assert_non_null(rec_find_text(rec, CHART_EFFICIENCY_X_LABEL));
    free(rec);
    efficiency_data_free(&d);
    mem_table_free(&m);
}

/* Every figure of one set, each on a fresh recorder; returns the clashes
 * and the texts that run off the chart. */
static int figure_set_clashes(const figure_set *s, const char *fixture)
{
    int total = 0;
    for (int id = 0; id < FIG_COUNT; id++) {
        canvas c;
        recorder *rec = rec_new(&c);
        double w, h;
        char name[128];
        figure_size((figure_id)id, &w, &h);
        figure_draw(&c, s, (figure_id)id);
        snprintf(name, sizeof name, "%s %s", fixture, figure_name((figure_id)id));
        assert_true(rec->nt > 5);
        assert_int_equal(rec->clip_depth, 0);
        total += clashes(rec, name, w, 1);
        total += rec_off_canvas(rec, name, w, h, 1);
        free(rec);
    }
    return total;
}

static void no_label_collides_on_a_full_run(void **state)
{
    (void)state;
    const char *const fixtures[] = {"model_h100.csv", "model_h100_sweep.csv", "model_small.csv",
                                    "model_h100_full.csv", "model_orin_modes.csv"};
    int total = 0;
    for (size_t f = 0; f < sizeof fixtures / sizeof fixtures[0]; f++) {
        csv_table t;
        figure_set s;
        rl_error err = {{0}};
        load_fixture(&t, fixtures[f]);
        assert_int_equal(figure_set_build(&(render_tables){&t, NULL, NULL, NULL}, &s, &err), 0);
        total += figure_set_clashes(&s, fixtures[f]);
        figure_set_free(&s);
        csv_table_free(&t);
    }
    /* The newest run with model's summary and decode CSVs beside it. */
    csv_table t, sum, dec;
    figure_set s;
    rl_error err = {{0}};
    load_fixture(&t, "model_h100_full.csv");
    load_fixture_schema(&sum, "summary_h100_full.csv", &RENDER_SUMMARY_SCHEMA);
    load_fixture_schema(&dec, "decode_h100_full.csv", &RENDER_DECODE_SCHEMA);
    assert_int_equal(figure_set_build(&(render_tables){&t, &sum, &dec, NULL}, &s, &err), 0);
    total += figure_set_clashes(&s, "model_h100_full.csv with summary and decode");
    figure_set_free(&s);
    csv_table_free(&dec);
    csv_table_free(&sum);
    csv_table_free(&t);
    assert_int_equal(total, 0);
}

static void the_collision_check_can_fail(void **state)
{
    (void)state;
    canvas c;
    recorder *rec = rec_new(&c);
    canvas_text st = {CANVAS_FONT_REGULAR, 8.0, 0.0, 0.5, 0.0};
    c.text(c.impl, &st, 100.0, 100.0, "a label");
    c.marker(c.impl, MARKER_CIRCLE, 110.0, 100.0, 6.0, 1);
    assert_int_equal(clashes(rec, "planted", 540.0, 0), 1);
    /* A turned label along a line, through a marker on that line. */
    canvas_text turned = {CANVAS_FONT_REGULAR, 8.0, 0.5, 0.0, 45.0};
    rec->nt = rec->nm = 0;
    c.text(c.impl, &turned, 300.0, 300.0, "a long label along a slope");
    c.marker(c.impl, MARKER_CIRCLE, 300.0 + 30.0, 300.0 - 30.0 - 3.0, 6.0, 1);
    assert_int_equal(clashes(rec, "planted", 540.0, 0), 1);
    free(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chart_data_skips_zero_flop_and_orders_formats),
        cmocka_unit_test(roofline_draws_point_ceilings_and_labels),
        cmocka_unit_test(roofline_draws_the_l2_roof),
        cmocka_unit_test(roofline_rings_throttled_points),
        cmocka_unit_test(kernels_get_their_own_markers),
        cmocka_unit_test(speedup_bars_where_computed),
        cmocka_unit_test(predicted_band_where_computed),
        cmocka_unit_test(predictions_named_and_band_visible),
        cmocka_unit_test(batch_points_where_computed),
        cmocka_unit_test(batch_axis_goes_log_past_a_decade),
        cmocka_unit_test(efficiency_points_where_computed),
        cmocka_unit_test(the_collision_check_can_fail),
        cmocka_unit_test(no_label_collides_on_a_full_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
