/* The fleet's picks (charts/fleet_data.c) and section (report/report_fleet.c)
 * on rows built by hand; every expected number is worked out in the
 * comments from the rows. */
#include "test_render_recorder.h"

#include "../render/charts/chart_draw.h"
#include "../render/charts/figures.h"
#include "../render/report/report_tables.h"

/* Host h, device G, pass alone unless said; a run's read stream is its
 * bw_measured_gbs:
 *   c0  runs a0, a1: 1000, 1000       -> 1000, noise 0 %
 *   c1  run b0: 1000, SM clock 1800   -> clock 1800 (the others 1980)
 *   c2  run c0: 960                   -> 960, one run: band 3 %
 *   c3  runs d0, d1: 900, 1100        -> 1000, noise 200 / 1000 = 20 %
 *   c4  runs e0, e1: 930, 990         -> 960, noise 60 / 960 = 6.25 %
 *   c0 in the all pass, run z0: 900   -> alone in its group: its median
 * Median of the alone group: 960, 960, 1000, 1000, 1000 -> 1000. c2 is 4 %
 * below, outside its 3 % band: it falls short. c4 is as far below but its
 * own noise (6.25 %) is the band: it does not. c1's clock is 9.09 % below
 * 1980: it falls short in the clock alone. c0's fp16 GEMV rows: 4096 x
 * 4096 at 950 GB/s (the largest shape, the one compared) and 1024 x 1024 at
 * 500; a row without a host belongs to no card. */
#define A "device=G spec_mode=m check=ok bw_datasheet_gbs=1200 host=h "
#define READ(card, run, load, bw) \
    A "gpu_uuid=GPU-" card " gpu_index=" card " node_load=" load " run_id=" run \
      " kernel=stream_read format=fp32 n=1 k=1 batch=1 bw_measured_gbs=" bw " achieved_gbs=" bw
#define GEMV(card, run, load, bw, n, clock)                                                                    \
    A "gpu_uuid=GPU-" card " gpu_index=" card " node_load=" load " run_id=" run                              \
      " kernel=gemv format=fp16 batch=1 n=" n " k=" n " achieved_gbs=" bw " time_us_median=100 sm_clock_mhz=" \
      clock " err_pct_measured=-1.5"
static const char *const ROWS[] = {
    READ("0", "z0", "all", "900"), /* the all pass first: groups still come alone, all */
    READ("0", "a0", "alone", "1000"),
    GEMV("0", "a0", "alone", "950", "4096", "1980"),
    GEMV("0", "a0", "alone", "500", "1024", "1980"),
    READ("0", "a1", "alone", "1000"),
    READ("1", "b0", "alone", "1000"),
    GEMV("1", "b0", "alone", "950", "4096", "1800"),
    READ("2", "c0", "alone", "960"),
    GEMV("2", "c0", "alone", "950", "4096", "1980"),
    READ("3", "d0", "alone", "900"),
    READ("3", "d1", "alone", "1100"),
    READ("4", "e0", "alone", "930"),
    READ("4", "e1", "alone", "990"),
    "device=G spec_mode=m check=ok run_id=x kernel=stream_read format=fp32 n=1 k=1 batch=1 bw_measured_gbs=10 "
    "achieved_gbs=10",
};
#define NROWS (sizeof ROWS / sizeof ROWS[0])

#define assert_close(a, b) assert_true(fabs((double)(a) - (double)(b)) <= 1e-9 * fmax(1.0, fabs((double)(b))))

static const fleet_entry *entry(const fleet_data *d, const char *uuid, const char *load)
{
    for (size_t i = 0; i < d->nentries; i++)
        if (strcmp(d->entries[i].uuid, uuid) == 0 && strcmp(d->entries[i].load, load) == 0)
            return &d->entries[i];
    fail_msg("no entry %s %s", uuid, load);
    return NULL;
}

static void picks_by_hand(void **state)
{
    (void)state;
    mem_table m;
    mem_table_init(&m, ROWS, NROWS);
    fleet_data d;
    rl_error err = {{0}};
    assert_int_equal(fleet_data_from_table(&m.t, &d, &err), 0);
    assert_int_equal(d.ncards, 5);
    assert_int_equal(d.nhosts, 1);
    assert_int_equal(d.nentries, 6);
    assert_int_equal(d.gemv_n, 4096);
    assert_int_equal(d.ngroups, 2);
    assert_string_equal(d.groups[0].load, "alone"); /* the passes in fleet.sh's order */
    assert_string_equal(d.groups[1].load, "all");
    assert_close(d.groups[0].median[FLEET_READ], 1000.0);
    assert_close(d.groups[0].median[FLEET_CLOCK], 1980.0);
    assert_close(d.groups[0].datasheet[FLEET_READ], 1200.0);
    const fleet_entry *c0 = entry(&d, "GPU-0", "alone"), *c1 = entry(&d, "GPU-1", "alone");
    const fleet_entry *c2 = entry(&d, "GPU-2", "alone"), *c3 = entry(&d, "GPU-3", "alone");
    const fleet_entry *c4 = entry(&d, "GPU-4", "alone"), *z = entry(&d, "GPU-0", "all");
    assert_int_equal(c0->runs, 2);
    assert_close(c0->value[FLEET_FP16], 950.0); /* the 4096 x 4096 row, not the 1024 one */
    assert_close(c0->noise[FLEET_READ], 0.0);
    assert_true(isnan(c2->noise[FLEET_READ]));
    assert_close(c2->below[FLEET_READ], 4.0);
    assert_close(c2->band[FLEET_READ], 3.0);
    assert_true(c2->short_of[FLEET_READ] && c2->falls_short);
    assert_close(c3->value[FLEET_READ], 1000.0);
    assert_close(c3->noise[FLEET_READ], 20.0);
    assert_close(c4->value[FLEET_READ], 960.0);
    assert_close(c4->noise[FLEET_READ], 6.25);
    assert_close(c4->band[FLEET_READ], 6.25);
    assert_false(c4->short_of[FLEET_READ] || c4->falls_short); /* within its own noise */
    assert_close(c1->below[FLEET_CLOCK], 100.0 * 180.0 / 1980.0);
    assert_true(c1->short_of[FLEET_CLOCK]);
    assert_false(c1->short_of[FLEET_READ]);
    assert_close(c0->fp16_err_pct, -1.5);
    assert_false(z->falls_short); /* alone in its group: its own median */
    assert_int_equal(d.nshort, 2);
    assert_int_equal(d.nshort_cards, 2);
    fleet_data_free(&d);
    mem_table_free(&m);
}

static void section_by_hand(void **state)
{
    (void)state;
    mem_table m;
    mem_table_init(&m, ROWS, NROWS);
    fleet_data d;
    rl_error err = {{0}};
    assert_int_equal(fleet_data_from_table(&m.t, &d, &err), 0);
    sbuf out = {0};
    report_fleet(&d, &out);
    const char *md = sbuf_str(&out);
    assert_non_null(strstr(md, "## Fleet\n"));
    assert_non_null(strstr(md, "**2 of 5 cards fall short**, in 2 of the 6 passes of the cards:"));
    assert_non_null(strstr(md, "- **h gpu2** (GPU-2…), alone: read stream 960 GB/s, 4.0 % below the median 1000 "
                               "(band 3 %: one run, its noise not known)."));
    assert_non_null(strstr(md, "- **h gpu1** (GPU-1…), alone: SM clock 1800 MHz, 9.1 % below the median 1980"));
    assert_null(strstr(md, "**h gpu4**"));
    assert_non_null(strstr(md, "read stream median 6.2 % over 3 cards, at most 20.0 % (h gpu3)"));
    sbuf_free(&out);
    /* one card: no section at all */
    mem_table one;
    mem_table_init(&one, ROWS + 1, 4);
    fleet_data d1;
    assert_int_equal(fleet_data_from_table(&one.t, &d1, &err), 0);
    assert_int_equal(d1.ncards, 1);
    report_fleet(&d1, &out);
    assert_string_equal(sbuf_str(&out), "");
    sbuf_free(&out);
    fleet_data_free(&d1);
    mem_table_free(&one);
    fleet_data_free(&d);
    mem_table_free(&m);
}

/* The chart: a strip per metric and pass that has values (read stream
 * alone and all, fp16 GEMV and SM clock alone: no L2, no w4a16), every
 * card a dot (5 + 1 + 3 + 3 = 12), the two that fall
 * short named, nothing off the canvas or on top of another text. */
static void chart_by_hand(void **state)
{
    (void)state;
    mem_table m;
    mem_table_init(&m, ROWS, NROWS);
    fleet_data d;
    rl_error err = {{0}};
    assert_int_equal(fleet_data_from_table(&m.t, &d, &err), 0);
    canvas c;
    recorder *r = rec_new(&c);
    chart_fleet_draw(&c, &d, 540.0, 380.0);
    assert_non_null(rec_find_text(r, "Fleet: 5 cards on 1 host against the median of their kind"));
    assert_non_null(rec_find_text(r, "read stream, alone"));
    assert_non_null(rec_find_text(r, "read stream, all"));
    assert_non_null(rec_find_text(r, "fp16 GEMV, alone"));
    assert_non_null(rec_find_text(r, "SM clock, alone"));
    assert_null(rec_find_text(r, "L2 read, alone"));
    assert_null(rec_find_text(r, "w4a16 GEMV, alone"));
    assert_int_equal(r->nm, 12 + 4); /* the legend draws each of its two dots with a rim */
    assert_non_null(rec_find_text(r, "h gpu2"));
    assert_non_null(rec_find_text(r, "h gpu1"));
    assert_null(rec_find_text(r, "h gpu4"));
    assert_int_equal(rec_off_canvas(r, "fleet", 540.0, 380.0, 1), 0);
    assert_int_equal(clashes(r, "fleet", 540.0, 1), 0);
    free(r);
    /* no fleet: the frame and a reason */
    fleet_data none = {0};
    r = rec_new(&c);
    chart_fleet_draw(&c, &none, 540.0, 380.0);
    assert_non_null(rec_find_text(r, "No fleet in the input: scripts/fleet.sh names each run's card"));
    free(r);
    fleet_data_free(&d);
    mem_table_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(picks_by_hand),
        cmocka_unit_test(section_by_hand),
        cmocka_unit_test(chart_by_hand),
    };
    return cmocka_run_group_tests_name("render_fleet", tests, NULL, NULL);
}
