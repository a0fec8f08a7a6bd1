/* energy_meter on a fake source and a simulated clock, so every number is
 * worked out by hand: a counter that ticks every 100 ms at 10 W, reads that
 * cost 10 us and workload calls that take 1 ms each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "energy_meter.h"
#include "power_source.h"

typedef struct sim {
    uint64_t t_ns;    /* simulated time */
    uint64_t tick_ns; /* the counter moves on multiples of this */
    double watts;
    long work_calls;  /* callbacks run */
} sim;

static int sim_init(power_source *ps, const power_config *cfg, rl_error *err)
{
    (void)ps;
    (void)cfg;
    (void)err;
    return 0;
}

/* The energy up to the last tick; the read itself takes 10 us. */
static int sim_energy(power_source *ps, uint64_t *uj, rl_error *err)
{
    (void)err;
    sim *s = ps->impl;
    uint64_t ticks = s->t_ns / s->tick_ns;
    *uj = (uint64_t)((double)(ticks * s->tick_ns) * s->watts / 1e3); /* W * ns / 1e3 = uJ */
    s->t_ns += 10000;
    return 0;
}

static int sim_clocks(power_source *ps, power_clocks *out, rl_error *err)
{
    (void)ps;
    (void)err;
    out->sm_mhz.valid = 1;
    out->sm_mhz.value = 1410;
    return 0;
}

static uint64_t sim_refresh(const power_source *ps)
{
    const sim *s = ps->impl;
    return s->tick_ns / 1000;
}

static const char *sim_name(const power_source *ps)
{
    (void)ps;
    return "sim";
}

static const power_source_ops SIM_OPS = {
    .kind = "sim",
    .init = sim_init,
    .read_energy_uj = sim_energy,
    .read_clocks = sim_clocks,
    .refresh_interval_us = sim_refresh,
    .name = sim_name,
};

/* Two rails sampled on the counter's ticks: VDD_IN at the counter's
 * power and VDD_SOC at 3 W (a Jetson's INA3221). The read takes no time. */
static int sim_rails(power_source *ps, power_rails *out, rl_error *err)
{
    (void)err;
    const sim *s = ps->impl;
    uint64_t last = s->t_ns / s->tick_ns * s->tick_ns;
    static const char *const names[] = {"VDD_IN", "VDD_SOC"};
    double watts[] = {s->watts, 3.0};
    out->count = 2;
    for (size_t i = 0; i < 2; i++) {
        power_rail_energy *r = &out->rail[i];
        snprintf(r->name, sizeof r->name, "%s", names[i]);
        r->valid = 1;
        r->samples = (int)(s->t_ns / s->tick_ns) + 1;
        r->last_ns = last;
        r->uj = (double)last * watts[i] / 1e3;
    }
    return 0;
}

static const power_source_ops SIM_RAILS_OPS = {
    .kind = "sim",
    .init = sim_init,
    .read_energy_uj = sim_energy,
    .read_clocks = sim_clocks,
    .refresh_interval_us = sim_refresh,
    .name = sim_name,
    .read_rails = sim_rails,
};

/* A sampled sensor (a Jetson INA3221): one sample on every tick, the
 * first at 0, so the counter holds ticks + 1 samples; read with the
 * energy, at the same 10 us cost. */
static int sim_samples(power_source *ps, uint64_t *uj, uint64_t *samples, rl_error *err)
{
    const sim *s = ps->impl;
    *samples = s->t_ns / s->tick_ns + 1;
    return sim_energy(ps, uj, err);
}

static const power_source_ops SIM_SAMPLED_OPS = {
    .kind = "sim",
    .init = sim_init,
    .read_energy_uj = sim_energy,
    .read_energy_samples = sim_samples,
    .read_clocks = sim_clocks,
    .refresh_interval_us = sim_refresh,
    .name = sim_name,
};

static uint64_t sim_now(void *ctx)
{
    return ((sim *)ctx)->t_ns;
}

static int one_ms_call(void *state, long *calls, rl_error *err)
{
    (void)err;
    sim *s = state;
    s->t_ns += 1000000;
    s->work_calls++;
    (*calls)++;
    return 0;
}

static energy_plan sim_plan(sim *s, double min_ms)
{
    energy_plan p = energy_plan_default();
    p.min_ms = min_ms;
    p.poll_us = 0;
    p.clock = sim_now;
    p.clock_ctx = s;
    return p;
}

/* Start at 5 ms, off a tick. The meter polls to the 100 ms tick (read at
 * 100.00 ms, t0 = 100.01 ms), runs 250 calls to 350.01 ms, reads the counter
 * (3 J, done at 350.02 ms), then runs calls of 1.01 ms (call + read) whose
 * k-th read is at 350.01 + 1.01 k ms: k = 50 reads 4 J at 400.51 ms, t1 =
 * 400.52 ms. So 300 calls, 3 J over 300.51 ms: 10000 uJ per call (10 W *
 * 1 ms) and 9.983 W. Timing from the first read
 * instead (5 ms, 0 J, to 255 ms, 2 J) would give 8 W. */
static void loop_between_ticks(void **state)
{
    (void)state;
    sim s = {.t_ns = 5000000, .tick_ns = 100000000, .watts = 10};
    power_source ps = {&SIM_OPS, &s};
    energy_plan plan = sim_plan(&s, 250);
    energy_result r;
    rl_error err = {{0}};
    assert_int_equal(energy_measure(&ps, one_ms_call, &s, &plan, &r, &err), 0);
    assert_true(r.valid && r.start_on_tick && r.end_on_tick);
    assert_false(r.counter_stalled);
    assert_int_equal(r.calls, 300);
    assert_int_equal(r.energy_uj, 3000000);
    assert_float_equal(r.elapsed_ms, 300.51, 1e-9);
    assert_float_equal(r.energy_uj_per_call, 10000.0, 1e-9);
    assert_float_equal(r.power_w_avg, 3.0 / 0.30051, 1e-9);
    assert_true(r.clocks.sm_mhz.valid);
    assert_float_equal(r.clocks.sm_mhz.value, 1410, 0);
    assert_false(r.clocks.mem_mhz.valid);
    assert_int_equal(r.nrails, 0); /* a source without rails (NVML) */
}

/* The same loop on a source with rails: each rail's average runs between
 * its own samples nearest the two ticks, 100 and 400 ms: VDD_IN 3 J over
 * 300 ms is 10 W exactly (the counter's own average, 9.983 W, runs over
 * 300.51 ms of reads), VDD_SOC 0.9 J over 300 ms 3 W. */
static void rails_over_the_loop(void **state)
{
    (void)state;
    sim s = {.t_ns = 5000000, .tick_ns = 100000000, .watts = 10};
    power_source ps = {&SIM_RAILS_OPS, &s};
    energy_plan plan = sim_plan(&s, 250);
    energy_result r;
    rl_error err = {{0}};
    assert_int_equal(energy_measure(&ps, one_ms_call, &s, &plan, &r, &err), 0);
    assert_int_equal(r.calls, 300); /* the rails change nothing else */
    assert_float_equal(r.power_w_avg, 3.0 / 0.30051, 1e-9);
    assert_int_equal(r.nrails, 2);
    assert_string_equal(r.rails[0].name, "VDD_IN");
    assert_float_equal(r.rails[0].watts, 10.0, 1e-12);
    assert_string_equal(r.rails[1].name, "VDD_SOC");
    assert_float_equal(r.rails[1].watts, 3.0, 1e-12);
}

/* A sensor sampled 50 times a second (20 ms ticks, 10 W) and the default
 * 50 samples. Start at 5 ms: the start tick is read at 20.00 ms (t0 =
 * 20.01 ms, 2 samples). After 500 calls (520.01 ms) the counter holds 27
 * samples, 25 of them new: too few, so calls of 1.01 ms (call + read) go
 * on; the 496th reads at 521.02 + 495 x 1.01 = 1020.97 ms, 52 samples =
 * 2 + 50. Then to the next tick: reads at 1021.99 + 1.01 m ms, m = 18
 * reads 1040.17 ms, 53 samples, t1 = 1040.18 ms. So 51 samples in
 * 1020.17 ms: 49.99 per second; 500 + 496 + 19 = 1015 calls; 51 ticks of
 * 200000 uJ. Without the minimum the loop ended at 520 ms with 25. */
static void loop_runs_to_min_samples(void **state)
{
    (void)state;
    sim s = {.t_ns = 5000000, .tick_ns = 20000000, .watts = 10};
    power_source ps = {&SIM_SAMPLED_OPS, &s};
    energy_plan plan = sim_plan(&s, 500);
    assert_int_equal(plan.min_samples, 50); /* the default */
    energy_result r;
    rl_error err = {{0}};
    assert_int_equal(energy_measure(&ps, one_ms_call, &s, &plan, &r, &err), 0);
    assert_true(r.valid && r.start_on_tick && r.end_on_tick);
    assert_true(r.samples_counted);
    assert_int_equal(r.samples, 51);
    assert_float_equal(r.elapsed_ms, 1020.17, 1e-9);
    assert_float_equal(r.sample_rate_hz, 51 / 1.02017, 1e-9);
    assert_int_equal(r.calls, 1015);
    assert_int_equal(r.energy_uj, 51 * 200000);
    assert_int_equal(r.start_ns, 20010000);
    assert_int_equal(r.end_ns, 1040180000);
}

/* A sensor sampled once a second cannot give 50 samples: the loop stops
 * waiting at max_ms (1.5 s after the start tick at 1000.01 ms, so at
 * 2500 ms) and ends on the next tick, 3000 ms: 2 samples in about 2000 ms;
 * the result says so.
 * A source that does not count samples (NVML) leaves them uncounted. */
static void min_samples_capped(void **state)
{
    (void)state;
    sim s = {.t_ns = 5000000, .tick_ns = 1000000000, .watts = 10};
    power_source ps = {&SIM_SAMPLED_OPS, &s};
    energy_plan plan = sim_plan(&s, 500);
    plan.max_ms = 1500;
    energy_result r;
    rl_error err = {{0}};
    assert_int_equal(energy_measure(&ps, one_ms_call, &s, &plan, &r, &err), 0);
    assert_true(r.valid && r.samples_counted);
    assert_int_equal(r.samples, 2);
    assert_true(r.elapsed_ms > 1999.9 && r.elapsed_ms < 2001.0);
    s = (sim){.t_ns = 5000000, .tick_ns = 100000000, .watts = 10};
    ps = (power_source){&SIM_OPS, &s};
    plan = sim_plan(&s, 250);
    assert_int_equal(energy_measure(&ps, one_ms_call, &s, &plan, &r, &err), 0);
    assert_false(r.samples_counted);
    assert_int_equal(r.samples, 0);
    assert_float_equal(r.sample_rate_hz, 0, 0);
    assert_int_equal(r.calls, 300); /* as loop_between_ticks: no minimum applies */
}

/* energy_rails_average by hand: 6000 uJ over 1 ms of samples is 6 W. */
static void rails_average_by_hand(void **state)
{
    (void)state;
    power_rails a = {4,
                     {{"VDD_IN", 1, 2, 1000000, 1000.0},
                      {"VDD_SOC", 1, 2, 1000000, 500.0},
                      {"VDD_CPU_GPU_CV", 1, 2, 1000000, 100.0},
                      {"STUCK", 1, 2, 1000000, 100.0}}};
    power_rails b = {5,
                     {{"VDD_IN", 1, 3, 2000000, 7000.0},
                      {"VDD_SOC", 1, 4, 3000000, 4500.0},     /* 4000 uJ over 2 ms: 2 W */
                      {"VDD_CPU_GPU_CV", 0, 3, 2000000, 900.0}, /* stopped reading: out */
                      {"STUCK", 1, 2, 1000000, 100.0},          /* no new sample: out */
                      {"NEW", 1, 3, 2000000, 50.0}}};           /* not in a: out */
    rail_watts w[POWER_RAILS_MAX];
    assert_int_equal(energy_rails_average(&a, &b, w), 2);
    assert_string_equal(w[0].name, "VDD_IN");
    assert_float_equal(w[0].watts, 6.0, 1e-12);
    assert_string_equal(w[1].name, "VDD_SOC");
    assert_float_equal(w[1].watts, 2.0, 1e-12);
    char cell[256];
    assert_int_equal(rail_cell_format(w, 2, cell, sizeof cell), 0);
    assert_string_equal(cell, "VDD_IN=6.000;VDD_SOC=2.000");
}

/* 0 W: the counter never moves. The meter waits 4 ticks + 50 ms (450 ms)
 * for a start tick, runs its 100 ms, waits 450 ms more, and says stalled. */
static void stalled_counter(void **state)
{
    (void)state;
    sim s = {.t_ns = 5000000, .tick_ns = 100000000, .watts = 0};
    power_source ps = {&SIM_OPS, &s};
    energy_plan plan = sim_plan(&s, 100);
    energy_result r;
    rl_error err = {{0}};
    assert_int_equal(energy_measure(&ps, one_ms_call, &s, &plan, &r, &err), 0);
    assert_false(r.valid);
    assert_true(r.counter_stalled);
    assert_false(r.start_on_tick);
    assert_false(r.end_on_tick);
    assert_true(r.calls >= 100 + 440); /* ran through both waits */
    assert_float_equal(r.power_w_avg, 0, 0); /* not a number to write */
}

static void no_sensor_runs_nothing(void **state)
{
    (void)state;
    sim s = {.tick_ns = 1};
    power_source ps;
    power_config c;
    power_config_default(&c);
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "none", &c, &err), 0);
    energy_plan plan = sim_plan(&s, 100);
    energy_result r;
    assert_int_equal(energy_measure(&ps, one_ms_call, &s, &plan, &r, &err), 0);
    assert_true(r.no_sensor);
    assert_false(r.valid);
    assert_int_equal(s.work_calls, 0);
    power_source_close(&ps);
}

static int failing_call(void *state, long *calls, rl_error *err)
{
    (void)state;
    (void)calls;
    return rl_error_set(err, "kernel launch failed");
}

static int idle_call(void *state, long *calls, rl_error *err)
{
    (void)calls;
    (void)err;
    ((sim *)state)->t_ns += 1000000;
    return 0;
}

static void workload_errors(void **state)
{
    (void)state;
    sim s = {.t_ns = 0, .tick_ns = 1000000, .watts = 10};
    power_source ps = {&SIM_OPS, &s};
    energy_plan plan = sim_plan(&s, 10);
    energy_result r;
    rl_error err = {{0}};
    assert_int_equal(energy_measure(&ps, failing_call, &s, &plan, &r, &err), -1);
    assert_string_equal(err.text, "kernel launch failed");
    assert_int_equal(energy_measure(&ps, idle_call, &s, &plan, &r, &err), -1);
    assert_string_equal(err.text, "energy workload ran no calls");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loop_between_ticks),
        cmocka_unit_test(rails_over_the_loop),
        cmocka_unit_test(loop_runs_to_min_samples),
        cmocka_unit_test(min_samples_capped),
        cmocka_unit_test(rails_average_by_hand),
        cmocka_unit_test(stalled_counter),
        cmocka_unit_test(no_sensor_runs_nothing),
        cmocka_unit_test(workload_errors),
    };
    return cmocka_run_group_tests_name("power_meter", tests, NULL, NULL);
}
