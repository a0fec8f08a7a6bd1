/* The measured decode steps (charts/step_data.c, report/report_steps.c,
 * charts/chart_step.c, and page 1's "whole decode token" class in
 * charts/story_data.c) on decode_step rows built by hand; every expected
 * number is worked out in the comments from the rows. */
#include "test_render_recorder.h"

#include "../render/charts/chart_draw.h"
#include "../render/charts/figures.h"
#include "../render/report/report_tables.h"

/* One LLM "L" of 2 layers on run r1, device G:
 *   1 fp16 b1 graph        1000 us, 1000 tokens/s: scale 1e6 / 1000 / 1000 = 1
 *   2 fp16 b1 graph_fused   900 us, 1111.11 tokens/s (the fastest fp16);
 *     predictions 700 us (+ floor) and 600 us (bytes-only): 1428.57 and
 *     1666.67 tokens/s; −22.2 %; 0.45 J measured, 400000 uJ fitted: 0.400 J
 *   3 w4a16_g128 b1 graph_fused, 1 of 2 layers: 300 us, 1666.67 tokens/s:
 *     scale (1e6 / 1666.67) / 300 = 2, so 250 us -> 1e6 / 500 = 2000 and
 *     150 us -> 3333.33 tokens/s; 0.2 J measured, 90000 uJ x 2 = 0.180 J
 *   4 w4a16_g128 b1 graph, 1 of 2 layers: 400 us, 1250 tokens/s (slower)
 *   5 fp16 b4 graph_fused 1000 us, 4000 tokens/s
 *   6 w4a16_g128 b4 graph_fused, 1 of 2 layers: 350 us, 5714.29 tokens/s
 *   7 a wrong step: left out
 * Best at batch 1: rows 2 and 3; w4a16_g128 over fp16 = 1666.67 / 1111.11
 * = 1.50×, of an ideal 16 / 4.125 = 3.88×: 39 %. */
#define S "run_id=r1 device=G spec_id=s spec_mode=m kernel=decode_step check=ok llm=L llm_layers=2 k=64 "
static const char *const ROWS[] = {
    S "format=fp16 batch=1 n=2 launches=10 launch_scheme=graph time_us_median=1000 tokens_per_s=1000 "
      "bw_fraction_of_measured=0.8",
    S "format=fp16 batch=1 n=2 launches=6 launch_scheme=graph_fused time_us_median=900 "
      "tokens_per_s=1111.1111111 time_us_pred_measured_floor=700 time_us_pred_measured=600 "
      "err_pct_measured_floor=-22.2222 energy_uj_per_token=450000 energy_uj_fit=400000 "
      "bw_fraction_of_measured=0.9",
    S "format=w4a16_g128 batch=1 n=1 launches=4 launch_scheme=graph_fused time_us_median=300 "
      "tokens_per_s=1666.6666667 time_us_pred_measured_floor=250 time_us_pred_measured=150 "
      "err_pct_measured_floor=-16.6667 energy_uj_per_token=200000 energy_uj_fit=90000 "
      "bw_fraction_of_measured=0.7",
    S "format=w4a16_g128 batch=1 n=1 launches=6 launch_scheme=graph time_us_median=400 tokens_per_s=1250 "
      "bw_fraction_of_measured=0.6",
    S "format=fp16 batch=4 n=2 launches=6 launch_scheme=graph_fused time_us_median=1000 tokens_per_s=4000",
    S "format=w4a16_g128 batch=4 n=1 launches=4 launch_scheme=graph_fused time_us_median=350 "
      "tokens_per_s=5714.2857143",
    "run_id=r1 device=G spec_id=s spec_mode=m kernel=decode_step check=wrong llm=L llm_layers=2 k=64 "
    "format=fp16 batch=1 n=2 launches=6 launch_scheme=graph_pdl time_us_median=10 tokens_per_s=99999",
};
#define NROWS (sizeof ROWS / sizeof ROWS[0])

#define assert_close(a, b) assert_true(fabs((double)(a) - (double)(b)) <= 1e-6 * fmax(1.0, fabs((double)(b))))

static void picks_by_hand(void **state)
{
    (void)state;
    mem_table m;
    mem_table_init(&m, ROWS, NROWS);
    step_data d;
    rl_error err = {{0}};
    assert_int_equal(step_data_from_table(&m.t, &d, &err), 0);
    assert_int_equal(d.n, 6); /* the wrong step is left out */
    assert_int_equal(d.nbest, 2);
    const step_row *f = &d.rows[d.best[0]], *q = &d.rows[d.best[1]];
    assert_string_equal(f->format, "fp16");
    assert_string_equal(f->scheme, "graph_fused");
    assert_close(f->scale, 1.0);
    assert_close(f->pred_tokens_per_s, 1e6 / 700.0);
    assert_close(f->bytes_only_tokens_per_s, 1e6 / 600.0);
    assert_close(f->j_per_token, 0.45);
    assert_close(f->pred_j_per_token, 0.4);
    assert_false(f->scaled);
    assert_string_equal(q->format, "w4a16_g128");
    assert_true(q->scaled);
    assert_close(q->scale, 2.0);
    assert_close(q->pred_tokens_per_s, 2000.0);
    assert_close(q->bytes_only_tokens_per_s, 1e6 / 300.0);
    assert_close(q->pred_j_per_token, 0.18);
    assert_close(step_speedup(&d, "r1", "L", "w4a16_g128"), 1.5);
    assert_close(step_at_batch(&d, "r1", "L", "w4a16_g128", 4)->tokens_per_s, 4e6 / 700.0);
    size_t ns;
    assert_string_equal(step_scheme_llm(&d, "r1", &ns), "L");
    assert_int_equal(ns, 2);
    step_data_free(&d);
    mem_table_free(&m);
}

static void section_by_hand(void **state)
{
    (void)state;
    mem_table m;
    mem_table_init(&m, ROWS, NROWS);
    step_data d;
    rl_error err = {{0}};
    assert_int_equal(step_data_from_table(&m.t, &d, &err), 0);
    sbuf b = {0};
    report_decode_steps(&d, &b);
    static const char *const want[] = {
        "| L | fp16 | graph\\_fused | 1111 | 1429 | −22.2 | 1667 | 0.45 | 0.4 | 90 % |",
        "| L | w4a16\\_g128 | graph\\_fused | 1667 ‡ | 2000 | −16.7 | 3333 | 0.2 | 0.18 | 70 % |",
        "| L | w4a16\\_g128 | 1.50× | 3.88× | 39 % |",
        /* one run: named once, above the table, not on every row */
        "Below, for run r1 on G (m), the fastest launch scheme at batch 1",
        "| LLM | format | scheme | tokens/s measured |",
        "| format | graph | graph\\_fused |",
        "| fp16 | 1000 (80 %) | 1111 (90 %) |",
        "| w4a16\\_g128 | 1250 (60 %) | 1667 (70 %) |",
        "| LLM | format | batch 1, tokens/s | batch 4, tokens/s |",
        "| L | fp16 | 1111 | 4000 |",
        "| L | w4a16\\_g128 | 1667 ‡ | 5714 ‡ |",
        "‡ Scaled from fewer layers: only 1 of 2 layers of L in w4a16\\_g128 fit on G (run r1).",
    };
    want_all(sbuf_str(&b), want, sizeof want / sizeof want[0]);
    assert_null(strstr(sbuf_str(&b), "99999")); /* the wrong step */
    sbuf_free(&b);
    canvas c;
    recorder *r = rec_new(&c);
    chart_step_draw(&c, &d, 540.0, 300.0);
    assert_non_null(rec_find_text(r, "1111"));
    assert_non_null(rec_find_text(r, "1667 ‡"));
    assert_non_null(rec_find_text(r, "L w4a16_g128"));
    assert_int_equal(clashes(r, "decode_step", 540.0, 1), 0);
    free(r);
    step_data_free(&d);
    /* no steps: the section says every tokens/s is a prediction */
    step_data none = {0};
    report_decode_steps(&none, &b);
    assert_non_null(strstr(sbuf_str(&b), "No run in the input timed a whole decode step"));
    sbuf_free(&b);
    mem_table_free(&m);
}

/* Page 1's token class reads the same picks: INT4 (w4a16_g128) 1.50× over
 * one LLM (short of 3-4×), predicted 2000 / 1428.57 = 1.40× with the floor
 * and 3333.33 / 1666.67 = 2.00× bytes-only. */
static void token_class_on_page_one(void **state)
{
    (void)state;
    mem_table m;
    mem_table_init(&m, ROWS, NROWS);
    figure_set figs;
    rl_error err = {{0}};
    assert_int_equal(figure_set_build(&(render_tables){&m.t, NULL, NULL, NULL}, &figs, &err), 0);
    const class_result *t = &figs.story.runs[0].claims[1].cls[CLASS_TOKEN];
    assert_string_equal(figs.story.runs[0].claims[1].format, "w4a16_g128");
    assert_int_equal(t->n, 1);
    assert_close(t->median, 1.5);
    assert_close(t->pred_floor, 2000.0 / (1e6 / 700.0));
    assert_close(t->pred_bytes, 2.0);
    assert_string_equal(t->verdict, "short");
    assert_int_equal(figs.story.runs[0].steps, 6);
    figure_set_free(&figs);
    mem_table_free(&m);
}

/* A real run's id (20 characters) in the chart's title: on the archive
 * "Decode, batch 1: measured and predicted, run 20261206T142837Z-558" ran
 * past the chart's right edge, cut off in the PNG, since the title started
 * at the plot, right of the long row labels. */
#define LONG "run_id=20261206T142837Z-558 device=G spec_id=s spec_mode=m kernel=decode_step check=ok " \
             "llm=tinyllama-1.1b llm_layers=2 k=64 batch=1 n=2 launches=6 launch_scheme=graph_fused_pdl "
static const char *const LONG_ROWS[] = {
    LONG "format=fp16 time_us_median=900 tokens_per_s=1111.1111111 time_us_pred_measured=600",
    LONG "format=w4a16_g128 time_us_median=300 tokens_per_s=3333.3333333 time_us_pred_measured=150",
};

static void title_stays_on_the_chart(void **state)
{
    (void)state;
    mem_table m;
    mem_table_init(&m, LONG_ROWS, sizeof LONG_ROWS / sizeof LONG_ROWS[0]);
    step_data d;
    rl_error err = {{0}};
    assert_int_equal(step_data_from_table(&m.t, &d, &err), 0);
    canvas c;
    recorder *r = rec_new(&c);
    chart_step_draw(&c, &d, 540.0, 300.0);
    char title[256];
    chart_step_title(&d, title, sizeof title);
    assert_non_null(strstr(title, "20261206T142837Z-558"));
    assert_non_null(rec_find_text(r, title));
    assert_int_equal(rec_off_canvas(r, "decode_step", 540.0, 300.0, 1), 0);
    assert_int_equal(clashes(r, "decode_step", 540.0, 1), 0);
    free(r);
    step_data_free(&d);
    mem_table_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(picks_by_hand),
        cmocka_unit_test(section_by_hand),
        cmocka_unit_test(token_class_on_page_one),
        cmocka_unit_test(title_stays_on_the_chart),
    };
    return cmocka_run_group_tests_name("render_steps", tests, NULL, NULL);
}
