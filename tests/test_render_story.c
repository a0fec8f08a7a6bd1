/* Page 1 and the verdicts (charts/story_data.c, report/report_story.c,
 * charts/chart_story.c) on a model table built by hand: every number the
 * tests expect is worked out in the comments from the rows. */
#include "test_render_recorder.h"

#include "../render/charts/chart_draw.h"
#include "../render/charts/figures.h"
#include "../render/report/report_tables.h"

/* Run r1 on G, batch-1 gemv, counted and memory-bound unless said. Times
 * (us) and the bytes-only roofline / roofline + launch floor predictions:
 *   16384²  fp16 200 (200 / 204), w8a16 105 (100 / 104), w4a16_g128 56
 *           (50 / 54), w2a16_g64 34 (25 / 29): speedups 1.905, 3.571, 5.882
 *           (all hold); predicted 2, 4, 8 and 204/104 = 1.96, 204/54 = 3.78,
 *           204/29 = 7.03
 *   8192²   fp16 50, w8a16 30: a square, but not the largest nor an LLM's
 *   the LLM's shapes 14336x4096, 4096x14336, 4096x4096, fp16 / w8a16 /
 *           w4a16_g128 / w2a16_g64: 40 / 25 / 16 / 12, 44 / 22 / 20 / 16,
 *           14 / 10 / 8 / 7; predictions 32 / 16 / 8 / 4 bytes-only, 36 / 20
 *           / 12 / 8 with the floor, at every shape
 *     w8a16 {1.6, 2.0, 1.4}: median 1.60, 1.40 to 2.00, short;
 *     w4a16 {2.5, 2.2, 1.75}: 2.20, short; w2a16 {3.33, 2.75, 2.0}: 2.75,
 *     short; predicted medians 2, 4, 8 and 1.8, 3.0, 4.5
 * Errors: the bytes-only roofline misses ten rows by 30 % and eight by 10 %,
 * the floor every one of them by 5 %; two more rows:
 *   A  a compute-bound gemm held down to 1485 MHz (75 % of 1980): 1e9 bytes
 *      at 1000 GB/s = 1000 us, 2e12 flop at 1 PFLOP/s = 2000 us, + 5 us
 *      floor = 2005 against 2950 measured: −32.0 % (bytes-only −32.2 %); at
 *      its clock 2000 / 0.75 + 5 = 2671.67: −9.4 %, so the clock explains it
 *   B  w4a16_g128 at batch 16 on the tensor cores, memory-bound: −50 % and
 *      −40 %, unexplained
 * The < 15 % population, the 19 memory-bound rows (B among them):
 *   bytes-only {8 x 10, 10 x 30, 50}: median 30.0, p90 (index 16.2) 30.0,
 *   max 50, 8 within 15 %: fail; the floor {18 x 5, 40}: median 5, max 40
 * Over 25 %: bytes-only 10 + A + B = 12, of which the floor brings the ten
 * under 25 %; with the floor A and B, B unexplained. */
#define G "run_id=r1 device=G spec_id=s spec_mode=m kernel=gemv batch=1 check=ok in_error_stats=yes bound=memory sm_clock_mhz=1980 "
#define E30 " err_pct_measured=-30 err_pct_measured_floor=-5"
#define E10 " err_pct_measured=-10 err_pct_measured_floor=5"
static const char *const ROWS[] = {
    G "format=fp16 n=16384 k=16384 time_us_median=200 time_us_pred_measured=200 time_us_pred_measured_floor=204 "
      "flop=536870912 energy_uj=100000" E10,
    G "format=w8a16 n=16384 k=16384 time_us_median=105 time_us_pred_measured=100 time_us_pred_measured_floor=104" E10,
    G "format=w4a16_g128 n=16384 k=16384 time_us_median=56 time_us_pred_measured=50 "
      "time_us_pred_measured_floor=54" E10,
    G "format=w2a16_g64 n=16384 k=16384 time_us_median=34 time_us_pred_measured=25 time_us_pred_measured_floor=29 "
      "flop=536870912 energy_uj=25000" E10,
    G "format=fp16 n=8192 k=8192 time_us_median=50" E10,
    G "format=w8a16 n=8192 k=8192 time_us_median=30" E10,
#define L(n, k, f, t, pb, pf) \
    G "format=" f " n=" n " k=" k " time_us_median=" t " time_us_pred_measured=" pb " time_us_pred_measured_floor=" pf
    L("14336", "4096", "fp16", "40", "32", "36") E10,
    L("14336", "4096", "w8a16", "25", "16", "20") E10,
    L("14336", "4096", "w4a16_g128", "16", "8", "12") E30,
    L("14336", "4096", "w2a16_g64", "12", "4", "8") E30,
    L("4096", "14336", "fp16", "44", "32", "36") E30,
    L("4096", "14336", "w8a16", "22", "16", "20") E30,
    L("4096", "14336", "w4a16_g128", "20", "8", "12") E30,
    L("4096", "14336", "w2a16_g64", "16", "4", "8") E30,
    L("4096", "4096", "fp16", "14", "32", "36") E30,
    L("4096", "4096", "w8a16", "10", "16", "20") E30,
    L("4096", "4096", "w4a16_g128", "8", "8", "12") E30,
    L("4096", "4096", "w2a16_g64", "7", "4", "8") E30,
#undef L
    "run_id=r1 device=G spec_id=s spec_mode=m kernel=gemm_cublas format=fp16 n=8192 k=8192 batch=512 check=ok in_error_stats=yes "
    "bound=compute throttled=yes sm_clock_mhz=1485 bytes=1000000000 flop=2000000000000 bw_measured_gbs=1000 "
    "peak_datasheet_gflops=1000000 launch_floor_us=5 time_us_median=2950 err_pct_measured=-32.2 "
    "err_pct_measured_floor=-32.03",
    G "format=w4a16_g128 n=8192 k=8192 batch=16 kernel_unit=tensor_fp16 time_us_median=40 "
      "err_pct_measured=-50 err_pct_measured_floor=-40",
};
#define NROWS (sizeof ROWS / sizeof ROWS[0])

#define F "run_id=r1 device=G spec_id=s spec_mode=m section=floor_score unit=% "
static const char *const SUMMARY[] = {
    F "subject=leave_one_shape_out quantity=median_abs_err_pct value=6.5 rows=19",
    F "subject=leave_one_shape_out quantity=p90_abs_err_pct value=19 rows=19",
    F "subject=leave_one_shape_out quantity=max_abs_err_pct value=41 rows=19",
    F "subject=leave_one_shape_out quantity=floor_us_min value=3.9 rows=6",
    F "subject=leave_one_shape_out quantity=floor_us_max value=4.6 rows=6",
    F "subject=half_shapes quantity=median_abs_err_pct value=6 rows=19",
};

/* One LLM whose layer GEMVs are 14336x4096, 4096x14336 and 4096x4096. */
static llm_gemv GEMVS[] = {{"up", 14336, 4096, 0}, {"down", 4096, 14336, 0}, {"o", 4096, 4096, 0}};
static llm_config LLM = {.id = "test-llm", .name = "Test-LLM", .layers = 2, .gemvs = GEMVS, .ngemvs = 3};
static llm_configs LLMS = {.path = "llm.ini", .models = &LLM, .count = 1};

typedef struct fixture {
    mem_table m, s;
    figure_set figs;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    mem_table_init(&f->m, ROWS, NROWS);
    mem_table_init_schema(&f->s, &RENDER_SUMMARY_SCHEMA, SUMMARY, sizeof SUMMARY / sizeof SUMMARY[0]);
    rl_error err = {{0}};
    assert_int_equal(figure_set_build(&(render_tables){&f->m.t, &f->s.t, NULL, &LLMS}, &f->figs, &err), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    figure_set_free(&f->figs);
    mem_table_free(&f->m);
    mem_table_free(&f->s);
    free(f);
    return 0;
}

#define assert_close(a, b) assert_true(fabs((double)(a) - (double)(b)) <= 1e-9 * fmax(1.0, fabs((double)(b))))

static void claims_per_shape_class(void **state)
{
    const story_data *d = &((fixture *)*state)->figs.story;
    assert_int_equal(d->nruns, 1);
    assert_int_equal(d->nllm_shapes, 3);
    const run_story *s = &d->runs[0];
    assert_string_equal(s->claims[0].format, "w8a16");
    const class_result *sq = &s->claims[0].cls[CLASS_SQUARE];
    assert_int_equal(sq->n, 1);
    assert_int_equal(sq->hi_n, 16384);
    assert_close(sq->median, 200.0 / 105.0);
    assert_close(sq->pred_bytes, 2.0);
    assert_close(sq->pred_floor, 204.0 / 104.0);
    assert_string_equal(sq->verdict, "holds");
    const class_result *llm = &s->claims[0].cls[CLASS_LLM];
    assert_int_equal(llm->n, 3);
    assert_close(llm->median, 1.6);
    assert_close(llm->lo, 1.4);
    assert_close(llm->hi, 2.0);
    assert_int_equal(llm->lo_n, 4096);
    assert_int_equal(llm->lo_k, 4096);
    assert_close(llm->pred_floor, 1.8);
    assert_string_equal(llm->verdict, "short");
    assert_close(s->claims[1].cls[CLASS_LLM].median, 2.2);
    assert_close(s->claims[2].cls[CLASS_LLM].median, 2.75);
    assert_close(s->claims[2].cls[CLASS_LLM].pred_floor, 4.5);
    assert_close(s->claims[2].cls[CLASS_SQUARE].median, 200.0 / 34.0);
    assert_int_equal(s->claims[0].cls[CLASS_TOKEN].n, 0);
    assert_null(s->claims[0].cls[CLASS_TOKEN].verdict);
    assert_close(s->full_clock_mhz, 1980.0);
}

static void error_criterion_by_hand(void **state)
{
    const error_criterion *e = &((fixture *)*state)->figs.story.runs[0].err;
    assert_int_equal(e->rows, 19);
    assert_int_equal(e->n[PRED_BYTES], 19);
    assert_close(e->median[PRED_BYTES], 30.0);
    assert_close(e->p90[PRED_BYTES], 30.0);
    assert_close(e->max[PRED_BYTES], 50.0);
    assert_int_equal(e->within[PRED_BYTES], 8);
    assert_close(e->median[PRED_FLOOR], 5.0);
    assert_close(e->max[PRED_FLOOR], 40.0);
    assert_int_equal(e->within[PRED_FLOOR], 18);
    assert_close(e->oos_median, 6.5);
    assert_int_equal(e->oos_rows, 19);
    assert_close(e->half_median, 6.0);
    assert_int_equal(e->over_bytes, 12);
    assert_int_equal(e->fixed_cost, 10);
    assert_int_equal(e->over_floor, 2);
    assert_int_equal(e->unexplained, 1);
}

static void abstract_and_checklist(void **state)
{
    const figure_set *figs = &((fixture *)*state)->figs;
    sbuf b = {0};
    report_abstract(figs, &b);
    static const char *const abstract[] = {
        "On the G of run r1, a GEMV kernel that reads INT8, INT4 and INT2 weights in registers was timed against "
        "the same kernel in fp16, in 4 weight formats at 5 matrix shapes (20 cases, every output checked "
        "against a CPU reference).",
        " Where DRAM bandwidth is the limit (16384×16384), INT8, INT4 and INT2 weights ran 1.90×, 3.57× and "
        "5.88× faster than fp16, against 2.00×, 3.88× and 7.11× from their bytes; at the 3 shapes of real LLM "
        "layers they ran a median 1.60×, 2.20× and 2.75×, because every call also pays a fixed cost of about 5 µs "
        "that narrower weights do not shrink.",
        " The bytes-only roofline misses the 19 memory-bound cases by a median 30.0 %, so it fails the "
        "validation guide's < 15 % criterion; the roofline + launch floor misses by a median 6.5 % (90th "
        "percentile 19.0 %) on shapes it was not fitted on, and meets it.",
    };
    want_all(sbuf_str(&b), abstract, sizeof abstract / sizeof abstract[0]);
    assert_null(strstr(sbuf_str(&b), "seed"));
    assert_null(strstr(sbuf_str(&b), "`model`"));
    sbuf_free(&b);
    report_checklist(figs, &b);
    /* the verdicts bold, as a whole: the typesetter tints such a cell */
    static const char *const checklist[] = {
        "| INT8 weights 1.8–2.2× faster: largest square | **pass** | w8a16: 1.90× at 16384×16384 (ideal 2.00×) |",
        "| INT8 weights 1.8–2.2× faster: LLM layers | **fail** | w8a16: median 1.60× (1.40×–2.00×), 3 shapes |",
        "| INT8 weights 1.8–2.2× faster: decode token | **not measured in this run** | no decode step of it and fp16 |",
        "| INT2 weights 5.76–7.04× faster: largest square | **pass** | w2a16\\_g64: 5.88× at 16384×16384 (ideal "
        "7.11×) |",
        "| \\< 15 % error: bytes-only roofline | **fail** | median 30.0 %, p90 30.0 %, 19 memory-bound cases |",
        "| \\< 15 % error: roofline + launch floor | **pass** | median 6.5 %, p90 19.0 %, max 41 % on shapes left out "
        "of its fit |",
        "| 7 W / 15 W modes: the roofline predicts the change | **not measured on this device** |",
        /* 536870912 flop / 100000 uJ / 1e3 = 5.37; / 25000 = 21.5 */
        "| FLOPS per watt measured | **pass** | 5.37 GFLOP/s per W (fp16) to 21.5 (w2a16\\_g64), 16384×16384 |",
    };
    want_all(sbuf_str(&b), checklist, sizeof checklist / sizeof checklist[0]);
    sbuf_free(&b);
}

static void verdicts_and_large_errors(void **state)
{
    fixture *f = *state;
    sbuf b = {0};
    report_claims_by_class(&f->figs.story, &b);
    static const char *const claims[] = {
        "**Claims by shape class**, run r1 on G.",
        "| INT8 weights: about 2x faster than fp16 (w8a16, 1.8–2.2×) | the largest square, 16384×16384 | 1.90× | "
        "2.00× | 1.96× | **holds** |",
        "| INT8 weights: about 2x faster than fp16 (w8a16, 1.8–2.2×) | LLM layer shapes (3) | 1.60× (1.40× to "
        "2.00×) | 2.00× | 1.80× | **short** |",
        "| a whole decode token | – | – | – | **not measured** |",
        "the roofline + launch floor predicts a median 1.80×, 3.00× and 4.50× at the LLM layer shapes, where the "
        "kernels measured 1.60×, 2.20× and 2.75×.",
        "(Test-LLM; median, and the range in brackets)",
    };
    want_all(sbuf_str(&b), claims, sizeof claims / sizeof claims[0]);
    sbuf_free(&b);
    report_error_criterion(&f->figs.story, &b);
    static const char *const crit[] = {
        "| bytes-only roofline | 19 | 30.0 | 30.0 | 50.0 | 8 of 19 | **fail** |",
        "| roofline + launch floor, refitted without each shape, scored on it | 19 | 6.50 | 19.0 | 41.0 | – | **pass** |",
        "the refitted floor moved between 3.90 and 4.60 µs",
    };
    want_all(sbuf_str(&b), crit, sizeof crit / sizeof crit[0]);
    sbuf_free(&b);
    report_large_errors(&f->m.t, &f->figs.story, &b);
    static const char *const large[] = {
        "12 miss by more than 25 % with the bytes-only roofline; for 10 of them the per-call fixed cost explains it",
        "2 miss by more than 25 % even with the roofline + launch floor; each is explained below, or marked "
        "unexplained (1).",
        "| gemm\\_cublas | fp16 | 8192×8192 | 512 | −32.2 | −32.0 | its clock was held down to 75 % of the run's "
        "full clock; with every compute peak scaled to it the roofline + launch floor misses by −9.4 % |",
        "| gemv | w4a16\\_g128 | 8192×8192 | 16 | −50.0 | −40.0 | unexplained |",
    };
    want_all(sbuf_str(&b), large, sizeof large / sizeof large[0]);
    sbuf_free(&b);
}

/* The hero figure: a value label per class measured, the ideal ticks, and
 * nothing drawn over anything else. */
static void hero_figure(void **state)
{
    fixture *f = *state;
    canvas c;
    recorder *r = rec_new(&c);
    chart_story_draw(&c, &f->figs.story, 540.0, 220.0);
    static const char *const labels[] = {"1.90×", "3.57×", "5.88×", "1.60×", "2.20×", "2.75×"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (rec_find_text(r, labels[i]) == NULL)
            fail_msg("the hero figure lacks the label %s", labels[i]);
    assert_non_null(rec_find_text(r, "Speedup over fp16 by shape class, run r1"));
    assert_int_equal(clashes(r, "claims", 540.0, 1), 0);
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(claims_per_shape_class),
        cmocka_unit_test(error_criterion_by_hand),
        cmocka_unit_test(abstract_and_checklist),
        cmocka_unit_test(verdicts_and_large_errors),
        cmocka_unit_test(hero_figure),
    };
    return cmocka_run_group_tests_name("render_story", tests, setup, teardown);
}
