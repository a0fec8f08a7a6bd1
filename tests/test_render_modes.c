/* Power modes: the picks of mode_data.h from a model table built by hand
 * (one device measured in two modes, another in one), the report's
 * power-mode section with every value worked out by hand, the energy chart
 * by mode where computed by hand, and the section without a multi-mode
 * device, which says the Jetson numbers are predictions. */
#include "test_render_recorder.h"

#include "../render/charts/chart_parts.h"
#include "../render/charts/chart_draw.h"
#include "../render/charts/inputs.h"
#include "../render/charts/mode_data.h"
#include "../render/report/report_tables.h"

/* "Jet" (spec jet_spec) in 15W (run rA) and MAXN_SUPER (run rB), our GEMV
 * at 4096x4096 in fp16 and w8a16 (33554432 flop each), and fp16 at
 * 2048x2048 in 15W only; "Big GPU" in its one mode. */
#define JET "device=Jet spec_id=jet_spec kernel=gemv batch=1 check=ok power_source=jetson_ina3221:VDD_IN "
#define A JET "run_id=rA spec_mode=15W power_mode=15W sm_clock_mhz=624.75 "
#define B JET "run_id=rB spec_mode=MAXN_SUPER power_mode=MAXN_SUPER sm_clock_mhz=1020 "
#define S4096 "n=4096 k=4096 flop=33554432 "
static const char *const MODEL[] = {
    "device=Big~GPU spec_id=big spec_mode=datasheet run_id=rC kernel=gemv batch=1 check=ok "
    "format=fp16 " S4096 "time_us_median=20 time_us_pred_datasheet=10",
    A "format=fp16 " S4096 "time_us_median=400 time_us_pred_datasheet=300 energy_uj=4000 "
      "power_w_avg=10 rails_power_w_avg=VDD_IN=10.000;VDD_SOC=2.500",
    A "format=w8a16 " S4096 "time_us_median=200 time_us_pred_datasheet=150 energy_uj=1800 "
      "power_w_avg=9",
    A "format=fp16 n=2048 k=2048 flop=8388608 time_us_median=120 time_us_pred_datasheet=75",
    B "format=fp16 " S4096 "time_us_median=250 time_us_pred_datasheet=200 energy_uj=3750 "
      "power_w_avg=15 rails_power_w_avg=VDD_IN=15.000;VDD_SOC=3.750;VDD_CPU_GPU_CV=6.000",
    B "format=w8a16 " S4096 "time_us_median=160 time_us_pred_datasheet=100 energy_uj=2240 "
      "power_w_avg=14",
    B "format=fp16 " S4096 "time_us_median=999 time_us_pred_datasheet=200", /* a second: ignored */
};
#define NMODEL (sizeof MODEL / sizeof MODEL[0])

/* The decode table: M-LLM's tokens/J with each mode's run; a spec "edge"
 * in two modes no run measured, 7W at half 15W's speed. */
#define DEC "llm=m llm_name=M-LLM context_tokens=2048 weight_bytes=1073741824 kv_cache_bytes=0 " \
            "memory_bytes=8589934592 memory_reserve_bytes=2147483648 memory_fits=yes "
static const char *const DECODE[] = {
    DEC "spec_id=jet_spec spec_mode=15W run_id=rA format=fp16 tokens_per_s_datasheet=20 tokens_per_j=0.5",
    DEC "spec_id=jet_spec spec_mode=15W run_id=rA format=w8a16 tokens_per_s_datasheet=40 tokens_per_j=0.9",
    DEC "spec_id=jet_spec spec_mode=MAXN_SUPER run_id=rB format=fp16 tokens_per_s_datasheet=30 "
        "tokens_per_j=0.45",
    DEC "spec_id=jet_spec spec_mode=MAXN_SUPER run_id=rB format=w8a16 tokens_per_s_datasheet=60 "
        "tokens_per_j=0.8",
    DEC "spec_id=edge spec_mode=7W format=fp16 tokens_per_s_datasheet=10",
    DEC "spec_id=edge spec_mode=15W format=fp16 tokens_per_s_datasheet=15",
};
#define NDECODE (sizeof DECODE / sizeof DECODE[0])

static void picks_modes_formats_and_shape(void **state)
{
    (void)state;
    mem_table m, dec;
    mem_table_init(&m, MODEL, NMODEL);
    mem_table_init_schema(&dec, &RENDER_DECODE_SCHEMA, DECODE, NDECODE);
    const char *devices[MODE_MAX_DEVICES];
    assert_int_equal(mode_devices(&m.t, devices, MODE_MAX_DEVICES), 1); /* Big GPU: one mode */
    assert_string_equal(devices[0], "Jet");
    decode_data picks; /* as figure_set_build makes them: the decode chart's */
    decode_data_from_table(&dec.t, &picks);
    mode_data d;
    mode_data_from_table(&m.t, &picks, NULL, &d);
    assert_string_equal(d.device, "Jet");
    assert_string_equal(d.spec_id, "jet_spec");
    assert_int_equal(d.nmodes, 2);
    assert_string_equal(d.mode[0], "15W"); /* CSV order: the reference first */
    assert_string_equal(d.run[1], "rB");
    assert_int_equal(d.nformats, 2);
    assert_string_equal(d.format[1], "w8a16");
    assert_int_equal(d.n, 4096); /* four cases at 4096, one at 2048 */
    const mode_cell *c = &d.cell[1][0];
    assert_true(c->have);
    assert_float_equal(c->time_us, 250.0, 0.0); /* the first MAXN_SUPER fp16 row, not 999 */
    assert_float_equal(c->pred_us, 200.0, 0.0);
    assert_float_equal(c->gflops_per_w, 33554432.0 / 3750.0 / 1e3, 1e-12); /* 8.948 */
    assert_float_equal(c->sm_clock_mhz, 1020.0, 0.0);
    assert_float_equal(c->tokens_per_j, 0.45, 0.0);
    assert_string_equal(d.llm_name, "M-LLM");
    /* 400 / 250 measured, 300 / 200 predicted; w8a16 200 / 160 and 150 / 100 */
    assert_float_equal(mode_scaling_measured(&d, 1, 0), 1.6, 1e-12);
    assert_float_equal(mode_scaling_predicted(&d, 1, 0), 1.5, 1e-12);
    assert_float_equal(mode_scaling_measured(&d, 1, 1), 1.25, 1e-12);
    assert_float_equal(mode_scaling_predicted(&d, 1, 1), 1.5, 1e-12);
    assert_float_equal(mode_scaling_measured(&d, 0, 0), 1.0, 0.0);
    /* without the decode CSV: no tokens/J */
    mode_data_from_table(&m.t, NULL, NULL, &d);
    assert_true(isnan(d.cell[0][0].tokens_per_j));
    assert_null(d.llm_name);
    /* a device with one mode has nothing to compare */
    mode_data_from_table(&m.t, NULL, "Big GPU", &d);
    assert_null(d.device);
    mem_table_free(&dec);
    mem_table_free(&m);
}

/* The power-mode section as render writes it: on the picks figure_set_build
 * makes of the tables (dec NULL: no decode CSV). */
static void power_modes_section(const csv_table *model, const csv_table *dec, sbuf *out)
{
    static decode_data picks; /* tens of kB */
    static mode_set modes;
    decode_data_from_table(dec, &picks);
    mode_set_from_table(model, &picks, &modes);
    report_power_modes(model, &modes, &picks, out);
}

static void section_by_hand(void **state)
{
    (void)state;
    mem_table m, dec;
    mem_table_init(&m, MODEL, NMODEL);
    mem_table_init_schema(&dec, &RENDER_DECODE_SCHEMA, DECODE, NDECODE);
    sbuf b = {0};
    power_modes_section(&m.t, &dec.t, &b);
    const char *s = sbuf_str(&b);
    /* GFLOP/s per W = 33554432 flop / energy uJ / 1e3: 4000 -> 8.39, 1800
     * -> 18.6, 3750 -> 8.95, 2240 -> 15.0. Speed over 15W: fp16 400 / 250 =
     * 1.60 measured, 300 / 200 = 1.50 predicted; w8a16 200 / 160 = 1.25 and
     * 150 / 100 = 1.50. Measured over predicted: 1.0667 and 0.8333, median
     * 0.95. */
    static const char *const want[] = {
        "**Jet** (spec jet\\_spec), 2 power modes, measured: our GEMV at 4096×4096, batch 1",
        "the mode's section of specs/jet\\_spec.ini (no launch floor)",
        "as `jetson_ina3221:VDD_IN` reports it",
        "*tokens/J* is M-LLM's predicted decode with that mode's run",
        "| power mode | format | SM MHz | time µs | predicted µs | average W | GFLOP/s per W | tokens/J |",
        "| 15W | fp16 | 625 | 400 | 300 | 10.0 | 8.39 | 0.5 |",
        "| 15W | w8a16 | 625 | 200 | 150 | 9.00 | 18.6 | 0.9 |",
        "| MAXN\\_SUPER | fp16 | 1020 | 250 | 200 | 15.0 | 8.95 | 0.45 |",
        "| MAXN\\_SUPER | w8a16 | 1020 | 160 | 100 | 14.0 | 15.0 | 0.8 |",
        "Speed relative to 15W (the first mode in the CSV), measured / predicted",
        "| power mode | fp16 | w8a16 |",
        "| MAXN\\_SUPER | 1.60× / 1.50× | 1.25× / 1.50× |",
        "- MAXN\\_SUPER against 15W: measured over predicted speed-up 0.95 (median over 2 "
        "formats); within 10 % of the spec's ratio.",
        "fp16 at 4096×4096 (`rails_power_w_avg`)",
        "| power mode | VDD\\_IN | VDD\\_SOC | VDD\\_CPU\\_GPU\\_CV |",
        "| 15W | 10.0 | 2.50 | – |",
        "| MAXN\\_SUPER | 15.0 | 3.75 | 6.00 |",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (strstr(s, want[i]) == NULL)
            fail_msg("the power-mode section lacks '%s':\n%s", want[i], s);
    assert_null(strstr(s, "| 15W | fp16 | 625 | 120 |")); /* not the 2048 shape */
    assert_null(strstr(s, "Big GPU"));
    assert_null(strstr(s, "predictions, not measurements"));
    sbuf_free(&b);
    mem_table_free(&dec);
    mem_table_free(&m);
}

static void without_modes_says_predicted(void **state)
{
    (void)state;
    mem_table m, dec;
    mem_table_init(&m, MODEL, 1); /* Big GPU alone */
    mem_table_init_schema(&dec, &RENDER_DECODE_SCHEMA, DECODE + 4, 2);
    sbuf b = {0};
    power_modes_section(&m.t, &dec.t, &b);
    const char *s = sbuf_str(&b);
    static const char *const want[] = {
        "No device in these CSVs ran in more than one power mode",
        "**The Jetson numbers in this report are predictions, not measurements:**",
        "run `scripts/sweep-modes.sh` on the board",
        /* 15 / 10 tokens/s */
        "- edge (predicted: M-LLM decode at fp16, speed relative to 7W): 7W 1.00×, 15W 1.50×.",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (strstr(s, want[i]) == NULL)
            fail_msg("the power-mode section lacks '%s':\n%s", want[i], s);
    sbuf_free(&b);
    /* no decode CSV: the sentence, no predicted lines */
    power_modes_section(&m.t, NULL, &b);
    assert_non_null(strstr(sbuf_str(&b), "predictions, not measurements"));
    assert_null(strstr(sbuf_str(&b), "(predicted:"));
    sbuf_free(&b);
    mem_table_free(&dec);
    mem_table_free(&m);
}

static void energy_chart_by_mode(void **state)
{
    (void)state;
    mem_table m;
    mem_table_init(&m, MODEL, NMODEL);
    mode_data d;
    mode_data_from_table(&m.t, NULL, NULL, &d);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_energy_modes_draw(&c, &d, 540.0, 340.0);
    /* Rows fp16 and w8a16: the widest label, "w8a16", is 5 x 4.8 = 24
     * points, so the left panel starts at 5 + 24 + 6 + 6.48 + 4 = 45.48 and
     * each panel is (540 - 18 - 45.48 - 22) / 2 = 227.26 wide; the right
     * one starts 22 after the left one ends, at 294.74. Left: 4000 uJ x
     * 1.25 -> 0..5000; right: 18.64 GFLOP/s per W x 1.25 -> 0..25. Two rows
     * over 28..298, 135 points each; two bars a row, 0.9 x 0.72 / 2 of a
     * row thick, the first mode's on top. */
    double pw = 227.26, row = 135.0, th = 0.9 * 0.72 / 2.0 * row;
    const rec_rect *a = rec_filled_rect(rec, 45.48, 4000.0 / 5000.0 * pw);
    assert_non_null(a); /* fp16 in 15W: 4000 uJ */
    assert_float_equal(a->y, 28.0 + (0.5 - 0.36) * row + 0.5 * (0.72 / 2.0) * row - 0.5 * th, 1e-9);
    canvas_colour blue = chart_format_colour("fp16");
    assert_float_equal(a->colour.r, 0.45 * blue.r + 0.55, 1e-12); /* the first mode: lightest */
    const rec_rect *b = rec_filled_rect(rec, 45.48, 3750.0 / 5000.0 * pw);
    assert_non_null(b); /* fp16 in MAXN_SUPER: the format's own colour, below */
    assert_float_equal(b->colour.r, blue.r, 1e-12);
    assert_float_equal(b->y - a->y, 0.72 / 2.0 * row, 1e-9);
    double eff = 33554432.0 / 1800.0 / 1e3; /* w8a16 in 15W */
    assert_non_null(rec_filled_rect(rec, 294.74, eff / 25.0 * pw));
    static const char *const want[] = {"Energy by format and power mode, batch 1, 4096×4096: Jet",
                                       "15W", "MAXN_SUPER", "4000", "8.39", "15.0",
                                       CHART_ENERGY_X_LABEL, CHART_EFFICIENCY_X_LABEL};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (rec_find_text(rec, want[i]) == NULL)
            fail_msg("the energy chart by mode has no text '%s'", want[i]);
    assert_int_equal(clashes(rec, "energy by mode", 540.0, 1), 0);
    free(rec);
    /* no multi-mode device: the frame and a reason */
    mode_data_from_table(&m.t, NULL, "Big GPU", &d);
    rec = rec_new(&c);
    chart_energy_modes_draw(&c, &d, 540.0, 340.0);
    assert_non_null(rec_find_text(rec, "no device ran in two power modes"));
    free(rec);
    mem_table_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(picks_modes_formats_and_shape),
        cmocka_unit_test(section_by_hand),
        cmocka_unit_test(without_modes_says_predicted),
        cmocka_unit_test(energy_chart_by_mode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
