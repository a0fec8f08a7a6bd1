/* Edge deployment: the picks of decode_data.h from a decode table built by
 * hand, the decode chart (a panel per LLM) and the memory chart where
 * computed by hand, and the
 * report's section with its predicted rows marked. */
#include "test_render_recorder.h"

#include "../render/charts/chart_draw.h"
#include "../render/charts/decode_data.h"
#include "../render/charts/inputs.h"
#include "../render/report/report_tables.h"

/* Two LLMs, a data-centre spec "dc" (80 GiB, 1 GiB reserve) that run r1
 * measured and an edge spec (8 GiB, 2 GiB reserve: 6 GiB usable) in two
 * power modes no run measured. Big-LLM: 10 GiB of fp16 weights, 5 in
 * w8a16, 2.5 in w4a16_g128, 0.5 GiB of KV cache: fp16 does not fit on the
 * edge. Small-LLM: 2, 1 and 0.5 GiB, 0.25 of KV cache. */
#define GB "memory_reserve_bytes="
#define DC "spec_id=dc spec_mode=datasheet memory_bytes=85899345920 " GB "1073741824 "
#define EDGE7 "spec_id=edge spec_mode=7W memory_bytes=8589934592 " GB "2147483648 "
#define EDGE15 "spec_id=edge spec_mode=15W memory_bytes=8589934592 " GB "2147483648 "
#define BIG "llm=big llm_name=Big-LLM context_tokens=2048 kv_cache_bytes=536870912 "
#define SMALL "llm=small llm_name=Small-LLM context_tokens=2048 kv_cache_bytes=268435456 "
#define F16B "format=fp16 weight_bytes=10737418240 "
#define F8B "format=w8a16 weight_bytes=5368709120 "
#define F4B "format=w4a16_g128 weight_bytes=2684354560 "
#define RUN "run_id=r1 launch_floor_us=5 calls_per_token=100 "
static const char *const ROWS[] = {
    BIG DC F16B RUN "tokens_per_s_datasheet=100 tokens_per_s_measured_floor=80 tokens_per_j=1 "
                    "memory_fits=yes",
    BIG DC F8B RUN "tokens_per_s_datasheet=200 tokens_per_s_measured_floor=150 tokens_per_j=2 "
                   "memory_fits=yes",
    BIG DC F4B RUN "tokens_per_s_datasheet=400 tokens_per_s_measured_floor=250 tokens_per_j=3 "
                   "memory_fits=yes",
    BIG EDGE7 F16B "tokens_per_s_datasheet=5 memory_fits=no",
    BIG EDGE7 F8B "tokens_per_s_datasheet=10 memory_fits=yes",
    BIG EDGE7 F4B "tokens_per_s_datasheet=20 memory_fits=yes",
    BIG EDGE15 F16B "tokens_per_s_datasheet=6 memory_fits=no",
    BIG EDGE15 F8B "tokens_per_s_datasheet=12 memory_fits=yes",
    BIG EDGE15 F4B "tokens_per_s_datasheet=24 memory_fits=yes",
    /* a second int4 format: one per weight width is shown, the first */
    BIG EDGE15 "format=w4a16_g64 weight_bytes=2818572288 tokens_per_s_datasheet=23 memory_fits=yes",
    SMALL DC RUN "format=fp16 weight_bytes=2147483648 tokens_per_s_datasheet=500 "
                 "tokens_per_s_measured_floor=400 memory_fits=yes",
    SMALL DC RUN "format=w8a16 weight_bytes=1073741824 tokens_per_s_datasheet=900 memory_fits=yes",
    SMALL DC RUN "format=w4a16_g128 weight_bytes=536870912 tokens_per_s_datasheet=1500 "
                 "memory_fits=yes",
    SMALL EDGE7 "format=fp16 weight_bytes=2147483648 tokens_per_s_datasheet=30 memory_fits=yes",
};
#define NROWS (sizeof ROWS / sizeof ROWS[0])

static void picks_formats_llm_and_rows(void **state)
{
    (void)state;
    mem_table m;
    decode_data d;
    mem_table_init_schema(&m, &RENDER_DECODE_SCHEMA, ROWS, NROWS);
    decode_data_from_table(&m.t, &d);
    assert_true(d.have);
    assert_int_equal(d.nformats, 3);
    assert_string_equal(d.formats[2], "w4a16_g128");
    /* Big-LLM fits on the edge (w8a16, w4a16_g128) and is larger. */
    assert_string_equal(d.llm, "big");
    assert_int_equal(d.context, 2048);
    assert_int_equal(d.nrows, 3);
    assert_string_equal(d.rows[0].spec_id, "dc");
    assert_string_equal(d.rows[0].run_id, "r1");
    assert_float_equal(d.rows[0].measured[1], 150.0, 0.0);
    assert_float_equal(d.rows[0].tokens_per_j[2], 3.0, 0.0);
    assert_null(d.rows[1].run_id);
    assert_int_equal(d.rows[1].fits[0], 0);
    assert_int_equal(d.rows[1].fits[1], 1);
    assert_true(isnan(d.rows[1].measured[0]));
    assert_int_equal(d.nspecs, 2);
    assert_true(d.specs[0].measured);
    assert_false(d.specs[1].measured);
    assert_float_equal(decode_spec_usable(&d.specs[1]), 6.0 * 1073741824.0, 0.0);
    assert_int_equal(d.nneeds, 6);
    assert_string_equal(d.needs[0].llm, "big");
    assert_int_equal(d.needs[0].nno_fit, 1);
    assert_string_equal(d.needs[0].no_fit[0], "edge");
    assert_int_equal(d.needs[1].nno_fit, 0);
    /* every LLM, in CSV order, on the table LLM's rows (the chart's panels) */
    assert_int_equal(d.nllms, 2);
    assert_string_equal(d.llms[0], "big");
    assert_string_equal(d.llm_names[1], "Small-LLM");
    assert_float_equal(d.rows[0].llm[0].measured[1], 150.0, 0.0);
    assert_int_equal(d.rows[1].llm[0].fits[0], 0);
    assert_float_equal(d.rows[0].llm[1].datasheet[2], 1500.0, 0.0);
    assert_float_equal(d.rows[0].llm[1].measured[0], 400.0, 0.0);
    assert_float_equal(d.rows[1].llm[1].datasheet[0], 30.0, 0.0);
    assert_true(isnan(d.rows[1].llm[1].datasheet[1])); /* Small-LLM has no 7W w8a16 row */
    assert_true(isnan(d.rows[2].llm[1].datasheet[0])); /* nor any 15W row */
    char label[96];
    decode_row_label(&d.rows[0], label, sizeof label);
    assert_string_equal(label, "dc (run's ceiling)"); /* a prediction: never "measured run" */
    decode_row_label(&d.rows[2], label, sizeof label);
    assert_string_equal(label, "edge 15W");
    decode_data_from_table(NULL, &d);
    assert_false(d.have);
    mem_table_free(&m);
}

static const rec_marker *marker_at(const recorder *r, double x, double y)
{
    for (size_t i = 0; i < r->nm; i++)
        if (fabs(r->m[i].x - x) < 1e-6 && fabs(r->m[i].y - y) < 1e-6)
            return &r->m[i];
    return NULL;
}

static size_t text_count(const recorder *r, const char *s)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nt; i++)
        n += strcmp(r->t[i].s, s) == 0;
    return n;
}

static void decode_chart_where_computed(void **state)
{
    (void)state;
    mem_table m;
    decode_data d;
    mem_table_init_schema(&m, &RENDER_DECODE_SCHEMA, ROWS, NROWS);
    decode_data_from_table(&m.t, &d);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_decode_draw(&c, &d, 540.0, 640.0);
    /* Two LLMs: two panels side by side on one log axis, 5..1500 tokens/s
     * -> [1, 10000]. The widest row label, "dc (run's ceiling)", is 18 x
     * 4.8 = 86.4 points: the first panel starts at 5 + 86.4 + 6 + 6.48 + 4
     * = 107.88; the two share 540 - 18 - 107.88 - 26 (the gap) = 388.12,
     * 194.06 each, 48.515 a decade. Down: 640 - 28 (title) - 46 (axis title,
     * legend) - 14 (panel title) - 14 (tick labels) = 538 points from 42,
     * three rows of 179.33, the first at the top; the measured row splits,
     * datasheet 0.2 of a row above, run 0.2 below. */
    double l0 = 107.88, l1 = 107.88 + 194.06 + 26.0, dec = 194.06 / 4.0, row = 538.0 / 3.0;
    double y0 = 42.0 + 0.5 * row, y1 = 42.0 + 1.5 * row;
    const rec_marker *k = marker_at(rec, l0 + 2.0 * dec, y0 - 0.2 * row);
    assert_non_null(k); /* Big-LLM on dc, fp16 from the datasheet: 100, hollow */
    assert_int_equal(k->shape, MARKER_CIRCLE);
    assert_int_equal(k->fill, 0);
    k = marker_at(rec, l0 + log10(80.0) * dec, y0 + 0.2 * row);
    assert_non_null(k); /* with the run: 80, filled */
    assert_int_equal(k->fill, 1);
    k = marker_at(rec, l0 + log10(5.0) * dec, y1);
    assert_non_null(k); /* edge 7W fp16 does not fit: a cross */
    assert_int_equal(k->shape, MARKER_CROSS);
    assert_non_null(marker_at(rec, l0 + log10(20.0) * dec, y1));
    /* the second panel: Small-LLM, 30 on edge 7W, 400 with dc's run */
    k = marker_at(rec, l1 + log10(30.0) * dec, y1);
    assert_non_null(k);
    assert_int_equal(k->shape, MARKER_CIRCLE);
    assert_int_equal(k->fill, 0);
    k = marker_at(rec, l1 + log10(400.0) * dec, y0 + 0.2 * row);
    assert_non_null(k);
    assert_int_equal(k->fill, 1);
    assert_null(marker_at(rec, l1 + log10(1500.0) * dec, 42.0 + 2.5 * row)); /* no 15W row */
    const rec_text *t = rec_find_text(rec, "Small-LLM");
    assert_non_null(t); /* the panel's name above it, flush left */
    assert_float_equal(t->x, l1, 1e-9);
    assert_float_equal(t->y, 38.0, 1e-9);
    static const char *const want[] = {"Predicted decode by LLM, context 2048",
                                       "Big-LLM",
                                       "dc (run's ceiling)",
                                       "edge 7W",
                                       "edge 15W",
                                       CHART_DECODE_X_LABEL,
                                       "datasheet alone",
                                       "run's ceiling + launch floor",
                                       "does not fit in memory",
                                       "w4a16_g128"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (rec_find_text(rec, want[i]) == NULL)
            fail_msg("the decode chart has no text '%s'", want[i]);
    assert_int_equal(text_count(rec, "edge 7W"), 1); /* row names once, left of the panels */
    assert_int_equal(text_count(rec, CHART_DECODE_X_LABEL), 1);
    assert_int_equal(text_count(rec, "10000"), 2); /* each panel its own ticks */
    assert_null(rec_find_text(rec, "w4a16_g64"));
    assert_int_equal(clashes(rec, "decode", 540.0, 1), 0);
    assert_int_equal(rec->clip_depth, 0);
    free(rec);
    mem_table_free(&m);
    /* One LLM: one panel, named in the title. */
    mem_table_init_schema(&m, &RENDER_DECODE_SCHEMA, ROWS, 10);
    decode_data_from_table(&m.t, &d);
    assert_int_equal(d.nllms, 1);
    rec = rec_new(&c);
    chart_decode_draw(&c, &d, 540.0, 640.0);
    assert_non_null(rec_find_text(rec, "Predicted decode: Big-LLM, context 2048"));
    assert_non_null(marker_at(rec, 107.88 + log10(80.0) * (540.0 - 18.0 - 107.88) / 3.0,
                              y0 + 0.2 * row)); /* 5..400 -> [1, 1000] */
    assert_int_equal(clashes(rec, "decode", 540.0, 1), 0);
    free(rec);
    mem_table_free(&m);
}

static void memory_chart_where_computed(void **state)
{
    (void)state;
    mem_table m;
    decode_data d;
    mem_table_init_schema(&m, &RENDER_DECODE_SCHEMA, ROWS, NROWS);
    decode_data_from_table(&m.t, &d);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_memory_draw(&c, &d, 540.0, 400.0);
    /* x: 10.5 GiB x 1.15 -> 0..14 in steps of 2. The widest label,
     * "Small-LLM w4a16_g128", is 96 points: the plot runs from 117.48 to
     * 522, 28.894 points a GiB. The legend goes under the plot: its widest
     * entry, "usable memory: memory − OS reserve" (36 bytes, 162 points),
     * makes columns of 16 + 5 + 162 + 12 = 195 points, two across the 504
     * points between the margins: two rows of 11 points and a gap of 4,
     * so the plot ends 26 points higher, at 332. Six rows over 28..332,
     * 50.667 points each; a bar takes 0.7 of its row. */
    double gib = (522.0 - 117.48) / 14.0, row = (332.0 - 28.0) / 6.0;
    const rec_rect *w = rec_filled_rect(rec, 117.48, 10.0 * gib);
    assert_non_null(w); /* Big-LLM fp16: 10 GiB of weights, row 0 */
    assert_float_equal(w->y, 28.0 + 0.15 * row, 1e-9);
    assert_float_equal(w->h, 0.7 * row, 1e-9);
    const rec_rect *kv = rec_filled_rect(rec, 117.48 + 10.0 * gib, 0.5 * gib);
    assert_non_null(kv); /* then 0.5 GiB of KV cache */
    assert_float_equal(kv->colour.r, 0.75, 0.0);
    assert_non_null(rec_filled_rect(rec, 117.48, 0.5 * gib)); /* Small-LLM w4a16_g128 */
    /* The edge's 6 GiB usable, dashed, named to its right; dc's 79 GiB is
     * off the axis. */
    int line = 0;
    for (size_t i = 0; i < rec->nlines && i < REC_LINES; i++)
        line |= rec->l[i].dashed && rec->l[i].n == 2 &&
                fabs(rec->l[i].x[0] - (117.48 + 6.0 * gib)) < 1e-9 && rec->l[i].y[0] == 28.0 &&
                fabs(rec->l[i].y[1] - 332.0) < 1e-9;
    assert_true(line);
    /* The legend covers no line and no bar: every entry under the plot
     * (and its x axis title, 32 points below it). */
    for (const char *const *e = (const char *const[]){"weights (in the format's colour)",
                                                      "usable memory: memory − OS reserve", NULL};
         *e != NULL; e++) {
        const rec_text *lt = rec_find_text(rec, *e);
        assert_non_null(lt);
        assert_true(lt->y > 332.0 + 32.0);
    }
    const rec_text *t = rec_find_text(rec, "edge: 6.0 GiB");
    assert_non_null(t);
    assert_float_equal(t->x, 117.48 + 6.0 * gib + 3.0, 1e-9);
    assert_null(rec_find_text(rec, "dc: 79.0 GiB"));
    assert_non_null(rec_find_text(rec, "10.5")); /* the total beside the bar */
    assert_non_null(rec_find_text(rec, "Memory fit at a context of 2048 tokens"));
    assert_non_null(rec_find_text(rec, "Big-LLM fp16"));
    assert_int_equal(clashes(rec, "memory", 540.0, 1), 0);
    free(rec);
    mem_table_free(&m);
}

static void section_marks_predictions(void **state)
{
    (void)state;
    mem_table m;
    mem_table_init_schema(&m, &RENDER_DECODE_SCHEMA, ROWS, NROWS);
    decode_data d; /* as figure_set_build makes it: the charts' picks */
    decode_data_from_table(&m.t, &d);
    sbuf b = {0};
    report_decode(&d, &b);
    report_memory(&d, &b);
    const char *s = sbuf_str(&b);
    static const char *const want[] = {
        "**Predicted, not measured:** no CSV in the input comes from edge, so every row of "
        "theirs is a prediction from datasheet ceilings alone",
        "Below: Big-LLM with 2048 tokens of context",
        "| device spec | power mode | basis | fp16 | w8a16 | w4a16\\_g128 |",
        "| dc | – | predicted: datasheet roofline | 100 | 200 | 400 |",
        "| dc | – | predicted: roofline + launch floor of run r1 | 80.0 | 150 | 250 |",
        "| edge | 7W | predicted: datasheet roofline | 5.00 † | 10.0 | 20.0 |",
        /* the widest format that fits on dc is fp16: 80 of 100 */
        "predict 80.0 tokens/s at fp16 where the datasheet alone predicts 100 (0.80×); the "
        "launch floor alone adds 5.00 µs × 100 calls = 0.50 ms per token",
        "With the run's energy fit: 1.00 tokens per joule at fp16, 2.00 at w8a16",
        "- edge, 2 power modes: 10.0 tokens/s (7W) to 12.0 (15W) at w8a16",
        "Usable: dc 79.0 of 80.0 GiB, edge 6.0 of 8.0 GiB.",
        "| Big-LLM | fp16 | 10.00 | 0.50 | 10.50 | edge |",
        "| Small-LLM | w4a16\\_g128 | 0.50 | 0.25 | 0.75 | fits everywhere |",
        "On edge, the device with the least usable memory (6.0 GiB): Big-LLM fits only at "
        "w8a16, w4a16\\_g128; Small-LLM fits in every format.",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (strstr(s, want[i]) == NULL)
            fail_msg("the edge section lacks '%s':\n%s", want[i], s);
    sbuf_free(&b);
    decode_data_from_table(NULL, &d); /* no decode CSV */
    report_decode(&d, &b);
    assert_non_null(strstr(sbuf_str(&b), "No decode CSV was given (`render --decode`"));
    sbuf_free(&b);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_decode_draw(&c, &d, 540.0, 640.0);
    assert_non_null(rec_find_text(rec, "no decode CSV given (render --decode)"));
    free(rec);
    mem_table_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(picks_formats_llm_and_rows),
        cmocka_unit_test(decode_chart_where_computed),
        cmocka_unit_test(memory_chart_where_computed),
        cmocka_unit_test(section_marks_predictions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
