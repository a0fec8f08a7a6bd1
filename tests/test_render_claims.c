/* model's error statistics by bound from a summary table built by hand,
 * and the call-out of the cases that ran with their clocks held down, with
 * whether the clock explains each error, worked out by hand. */
#include "test_render_recorder.h"

#include "../render/charts/inputs.h"
#include "../render/report/report_tables.h"

#define S "run_id=r1 device=G spec_id=s spec_mode=m "
#define H S "section=hypothesis subject=int8_about_2x unit=x rows=2 "
static const char *const SUMMARY[] = {
    S "section=ceiling subject=bw_measured quantity=value value=3000 unit=GB/s rows=1",
    S "section=launch_floor subject=floor quantity=value value=4.5 unit=us rows=10",
    S "section=errors subject=all quantity=median_abs_err_pct_datasheet value=38 unit=% rows=12",
    S "section=errors subject=all quantity=max_abs_err_pct_datasheet value=90 unit=% rows=12",
    S "section=errors subject=all quantity=median_abs_err_pct_measured value=30 unit=% rows=12",
    S "section=errors subject=all quantity=median_abs_err_pct_measured_floor value=4.5 unit=% "
      "rows=12",
    S "section=errors subject=bound=memory quantity=median_abs_err_pct_datasheet value=40 unit=% "
      "rows=10",
    H "quantity=speedup_measured value=1.9 verdict=holds note=INT8~about~2x;~claim~1.8-2.2x",
    H "quantity=speedup_measured_median value=1.6",
    H "quantity=speedup_bytes_ratio value=2",
    S "section=hypothesis subject=int2_6.4x quantity=speedup_measured value=4.2 unit=x rows=2 "
      "verdict=short note=INT2~6.4x",
    /* another run: not in the model table, not shown */
    "run_id=r9 device=G spec_id=s spec_mode=m section=hypothesis subject=int8_about_2x "
    "quantity=speedup_measured value=9 unit=x rows=2 verdict=exceeds",
};
#define NSUM (sizeof SUMMARY / sizeof SUMMARY[0])

static void error_statistics_by_bound(void **state)
{
    (void)state;
    static const char *const model[] = {"run_id=r1 device=G kernel=gemv format=fp16"};
    mem_table s, m;
    mem_table_init_schema(&s, &RENDER_SUMMARY_SCHEMA, SUMMARY, NSUM);
    mem_table_init(&m, model, 1);
    sbuf b = {0};
    report_error_stats(&(render_tables){&m.t, &s.t, NULL, NULL}, &b);
    const char *text = sbuf_str(&b);
    static const char *const want[] = {
        "**Error statistics by bound** (run r1)",
        "| cases | counted | datasheet roofline | bytes-only roofline | roofline + launch floor |",
        "(measured ceiling 3000 GB/s; launch floor 4.50 µs per call)",
        "| all | 12 | 38.0 / 90.0 | 30.0 / – | 4.50 / – |",
        "| memory-bound | 10 | 40.0 / – | – | – |",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (strstr(text, want[i]) == NULL)
            fail_msg("the summary lacks '%s':\n%s", want[i], text);
    assert_null(strstr(text, "seed"));          /* the guide's claims are judged elsewhere */
    assert_null(strstr(text, "| compute-bound |")); /* no such rows */
    sbuf_free(&b);
    report_error_stats(&(render_tables){&m.t, NULL, NULL, NULL}, &b);
    assert_non_null(strstr(sbuf_str(&b), "No summary CSV was given"));
    sbuf_free(&b);
    mem_table_free(&m);
    mem_table_free(&s);
}

#define R "run_id=r1 device=G format=fp16 n=8192 k=8192 power_limit_w=700 bytes=1000000000 " \
          "bw_measured_gbs=1000 peak_datasheet_gflops=1000000 "
/* Full clock 1980 MHz (the row not held down). At 1 TB/s the bytes take
 * 1000 us; at 1 PFLOP/s the flop take flop / 1e9 us at the full clock.
 *   batch 256: 5e11 flop, 500 us, 750 us at 1320 MHz (2/3): still under the
 *     bytes' 1000, so the prediction stays 1000 us against 1236.55 measured
 *     (-19.13 %) at either clock: the clock changes nothing.
 *   batch 512: 2e12 flop, 2000 us + 5 us floor = 2005 against 2500 (-19.8 %);
 *     at 1485 MHz (75 %) 2666.67 + 5 = 2671.67: +6.87 %, under 25 % and
 *     smaller: the clock explains it. */
static const char *const THROTTLED[] = {
    R "kernel=gemv batch=1 sm_clock_mhz=1980 throttled=no clock_event_reasons=0x0",
    R "kernel=gemm_cublas batch=256 bound=memory sm_clock_mhz=1320 throttled=yes flop=500000000000 "
      "clock_event_reasons=0x4 power_w_avg=699.4 time_us_median=1236.55 err_pct_measured=-19.13",
    R "kernel=gemm_cublas batch=512 bound=compute sm_clock_mhz=1485 throttled=yes flop=2000000000000 "
      "clock_event_reasons=0x1024 time_us_median=2500 launch_floor_us=5 err_pct_measured_floor=-19.8",
};

static void throttled_cases_called_out(void **state)
{
    (void)state;
    mem_table m;
    mem_table_init(&m, THROTTLED, 3);
    sbuf b = {0};
    report_throttle(&(render_tables){&m.t, NULL, NULL, NULL}, &b);
    const char *text = sbuf_str(&b);
    static const char *const want[] = {
        "**2 cases ran with their clocks held down** while they were timed (NVML clock event "
        "reasons: software power cap (0x4), software thermal slowdown (0x20), other (0x1000)), "
        "against a board power limit of 700 W.",
        "| gemm\\_cublas | fp16 | 8192×8192 | 256 | memory | 1320 | 67 % | 699 | −19.1 | −19.1 | no: its "
        "bytes, not its clock, bound it | software power cap (0x4) |",
        "| gemm\\_cublas | fp16 | 8192×8192 | 512 | compute | 1485 | 75 % | – | −19.8 | +6.9 | yes | software "
        "power cap (0x4), software thermal slowdown (0x20), other (0x1000) |",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (strstr(text, want[i]) == NULL)
            fail_msg("the call-out lacks '%s':\n%s", want[i], text);
    assert_null(strstr(text, "as the cap's, not the model's")); /* blame is computed, never assumed */
    assert_null(strstr(text, "| gemv |"));
    sbuf_free(&b);
    mem_table_free(&m);

    mem_table_init(&m, THROTTLED, 1); /* nothing held down */
    report_throttle(&(render_tables){&m.t, NULL, NULL, NULL}, &b);
    assert_non_null(strstr(sbuf_str(&b), "No case ran with its clocks held down"));
    sbuf_free(&b);
    mem_table_free(&m);

    static const char *const old[] = {"run_id=r1 device=G kernel=gemv format=fp16"};
    mem_table_init(&m, old, 1); /* an archive from before the column */
    report_throttle(&(render_tables){&m.t, NULL, NULL, NULL}, &b);
    assert_non_null(strstr(sbuf_str(&b), "does not say whether a case ran with its clocks"));
    sbuf_free(&b);
    mem_table_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(error_statistics_by_bound),
        cmocka_unit_test(throttled_cases_called_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
