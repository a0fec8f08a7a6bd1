/* The energy roofline: model's fit read from a summary table, its curve
 * computed and drawn where computed by hand, and the power section's table
 * of the fit's parameters. */
#include "test_render_recorder.h"

#include "../render/charts/chart_axes.h"
#include "../render/charts/chart_draw.h"
#include "../render/charts/figure_data.h"
#include "../render/charts/inputs.h"
#include "../render/charts/summary_data.h"
#include "../render/report/report_tables.h"

/* A fit of e_flop 1 pJ/flop (cuda_fp32) and -0.5 (cuda_dp4a), e_byte 100
 * pJ/byte, P0 100 W, R^2 0.99, over a run whose stream reached 1000 GB/s. */
#define SUM "run_id=r1 device=G spec_id=s spec_mode=m "
static const char *const SUMMARY[] = {
    SUM "section=ceiling subject=bw_measured quantity=value value=1000 unit=GB/s rows=1",
    SUM "section=energy_fit subject=e_flop_cuda_fp32 quantity=value value=1 unit=pJ/flop rows=3 "
        "note=per~flop",
    SUM "section=energy_fit subject=e_flop_cuda_dp4a quantity=value value=-0.5 unit=pJ/flop "
        "rows=3",
    SUM "section=energy_fit subject=e_byte quantity=value value=100 unit=pJ/byte rows=3 "
        "note=per~DRAM~byte",
    SUM "section=energy_fit subject=p0 quantity=value value=100 unit=W rows=3",
    SUM "section=energy_fit subject=r_squared quantity=value value=0.99 rows=3",
    SUM "section=energy_fit subject=abs_err_pct quantity=median value=12.5 unit=% rows=3",
    SUM "section=energy_fit subject=abs_err_pct quantity=max value=40 unit=% rows=3",
};

/* Intensity 1 at 5 GFLOP/s per W (1e6 flop, 200 uJ) and 100 at 80 (1e8
 * flop, 1250 uJ) on cuda_fp32 with a 10000 GFLOP/s peak; one dp4a case. */
#define ROW "device=G run_id=r1 check=ok idle_power_w=50 power_limit_w=300 "
static const char *const MODEL[] = {
    ROW "kernel=gemv format=fp16 flop=1000000 energy_uj=200 intensity_flop_per_byte=1 "
        "compute_unit=cuda_fp32 peak_datasheet_gflops=10000",
    ROW "kernel=fma_fp32 format=fp32 flop=100000000 energy_uj=1250 intensity_flop_per_byte=100 "
        "compute_unit=cuda_fp32 peak_datasheet_gflops=10000",
    ROW "kernel=dp4a_int8 format=int8 flop=100000000 energy_uj=100 intensity_flop_per_byte=10000 "
        "compute_unit=cuda_dp4a peak_datasheet_gflops=40000",
};

static void reads_the_fit(void **state)
{
    (void)state;
    mem_table s;
    mem_table_init_schema(&s, &RENDER_SUMMARY_SCHEMA, SUMMARY, 8);
    energy_fit f;
    assert_int_equal(energy_fit_of_run(&s.t, "r1", &f), 0);
    assert_int_equal(f.nunits, 2);
    assert_string_equal(f.unit[0], "cuda_fp32");
    assert_float_equal(f.e_flop_pj[1], -0.5, 0.0);
    assert_float_equal(f.e_byte_pj, 100.0, 0.0);
    assert_float_equal(f.p0_w, 100.0, 0.0);
    assert_float_equal(f.err_max_pct, 40.0, 0.0);
    assert_float_equal(f.rows, 3.0, 0.0);
    assert_int_equal(energy_fit_of_run(&s.t, "r2", &f), -1); /* no such run */
    assert_float_equal(summary_value(&s.t, "r1", "ceiling", "bw_measured", "value"), 1000.0, 0.0);
    assert_true(isnan(summary_value(&s.t, "r1", "ceiling", "bw_measured", "median")));
    mem_table_free(&s);
}

static void curve_where_computed(void **state)
{
    (void)state;
    mem_table s, m;
    mem_table_init_schema(&s, &RENDER_SUMMARY_SCHEMA, SUMMARY, 8);
    mem_table_init(&m, MODEL, 2); /* the fp32 cases only */
    efficiency_data d;
    rl_error err = {{0}};
    assert_int_equal(efficiency_data_from_table(&m.t, &s.t, &d, &err), 0);
    /* dp4a has no case here: one curve. */
    assert_int_equal(d.ncurves, 1);
    assert_string_equal(d.curve[0].unit, "cuda_fp32");
    assert_float_equal(d.bw_gbs, 1000.0, 0.0);
    assert_float_equal(d.curve[0].peak_gflops, 10000.0, 0.0);
    /* pJ per byte at intensity 1: 1 + 100 + 1e3 x 100 x max(1/1000, 1/10000) = 201;
     * at 100: 100 + 100 + 1e3 x 100 x max(1/1000, 100/10000) = 1200. */
    assert_float_equal(efficiency_curve_at(&d, 0, 1.0), 1000.0 / 201.0, 1e-12);
    assert_float_equal(efficiency_curve_at(&d, 0, 100.0), 1e5 / 1200.0, 1e-12);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_efficiency_draw(&c, &d, 540.0, 378.0);
    /* x 1..100 -> [0.1, 1000] over 62..522 (115 a decade), sampled every
     * 1/60 decade: intensity 1 is sample 60, 100 is 180. y 5..80 -> [1,
     * 1000] over 336..28 (308 / 3 a decade). */
    const rec_polyline *l = NULL;
    for (size_t i = 0; i < rec->nlines && i < REC_LINES; i++)
        if (rec->l[i].n == 241)
            l = &rec->l[i];
    assert_non_null(l);
    double dec = 308.0 / 3.0;
    assert_float_equal(l->x[0], 62.0, 1e-9);
    assert_float_equal(l->x[60], 62.0 + 115.0, 1e-9);
    assert_float_equal(l->y[60], 336.0 - dec * log10(1000.0 / 201.0), 1e-9);
    assert_float_equal(l->x[180], 62.0 + 3.0 * 115.0, 1e-9);
    assert_float_equal(l->y[180], 336.0 - dec * log10(1e5 / 1200.0), 1e-9);
    assert_float_equal(l->x[240], 522.0, 1e-9);
    const rec_text *t = rec_find_text(rec, "fit: cuda_fp32");
    assert_non_null(t);
    /* Right-aligned in the plot on the curve's plateau, above it: 1e3 /
     * (1 + 1e3 x 100 / 10000) = 90.9 GFLOP/s per W. The recorder measures
     * 14 characters at 0.6 x 7.5 pt. */
    assert_float_equal(t->x, 522.0 - 4.0 - 14 * 4.5, 1e-9);
    double mid = axis_unmap(&(chart_axis){0.1, 1000.0, 62.0, 522.0, AXIS_LOG, 0.0}, t->x + 31.5);
    assert_float_equal(t->y, 336.0 - dec * log10(efficiency_curve_at(&d, 0, mid)), 1e-9);
    assert_true(t->st.valign < 0.0);
    assert_non_null(rec_find_text(rec, "lines: energy fit (R² 0.990)"));
    assert_int_equal(clashes(rec, "efficiency", 540.0, 1), 0);
    free(rec);
    efficiency_data_free(&d);
    /* Without a summary: the points, no curve. */
    assert_int_equal(efficiency_data_from_table(&m.t, NULL, &d, &err), 0);
    assert_int_equal(d.ncurves, 0);
    assert_int_equal(d.n, 2);
    efficiency_data_free(&d);
    mem_table_free(&m);
    mem_table_free(&s);
}

static void negative_parameters_draw_no_negative_efficiency(void **state)
{
    (void)state;
    efficiency_data d = {0};
    d.ncurves = 1;
    d.bw_gbs = 1000.0;
    d.e_byte_pj = 1.0;
    d.p0_w = 0.0;
    d.curve[0] = (efficiency_curve){"u", -1.0, 1e9};
    /* -1 x 0.5 + 1 > 0; -1 x 2 + 1 < 0: no efficiency there. */
    assert_float_equal(efficiency_curve_at(&d, 0, 0.5), 1e3, 1e-9);
    assert_true(isnan(efficiency_curve_at(&d, 0, 2.0)));
    assert_true(isnan(efficiency_curve_at(&d, 0, 0.0)));
}

static void power_section_lists_the_fit(void **state)
{
    (void)state;
    mem_table s, m;
    mem_table_init_schema(&s, &RENDER_SUMMARY_SCHEMA, SUMMARY, 8);
    mem_table_init(&m, MODEL, 3);
    sbuf b = {0};
    report_energy_fit(&(render_tables){&m.t, &s.t, NULL, NULL}, &b);
    const char *text = sbuf_str(&b);
    static const char *const want[] = {
        "| parameter | r1 | unit | what it is |",
        "| e\\_flop, cuda\\_fp32 | 1.00 | pJ/flop | per flop |",
        "| e\\_flop, cuda\\_dp4a | −0.5 | pJ/flop | – |",
        "| e\\_byte | 100 | pJ/byte | per DRAM byte |",
        "| P0 | 100 | W | – |",
        "| R² | 0.9900 | – | – |",
        "| \\|error\\|, median | 12.5 | % |",
        "| cases | 3 | – |",
        "P0 is 100 W against an idle power of 50.0 W: while a call runs, the board draws 50.0 W "
        "more than idle",
        "The power limit is 300 W.",
        "e\\_flop of cuda\\_dp4a comes out negative (−0.5 pJ/flop): its 1 case cannot tell",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (strstr(text, want[i]) == NULL)
            fail_msg("the power section lacks '%s':\n%s", want[i], text);
    sbuf_free(&b);
    report_energy_fit(&(render_tables){&m.t, NULL, NULL, NULL}, &b);
    assert_non_null(strstr(sbuf_str(&b), "No summary CSV was given"));
    sbuf_free(&b);
    mem_table_free(&s);
    mem_table_init_schema(&s, &RENDER_SUMMARY_SCHEMA, SUMMARY, 1); /* the ceiling only */
    report_energy_fit(&(render_tables){&m.t, &s.t, NULL, NULL}, &b);
    assert_non_null(strstr(sbuf_str(&b), "holds no energy fit"));
    sbuf_free(&b);
    mem_table_free(&m);
    mem_table_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_the_fit),
        cmocka_unit_test(curve_where_computed),
        cmocka_unit_test(negative_parameters_draw_no_negative_efficiency),
        cmocka_unit_test(power_section_lists_the_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
