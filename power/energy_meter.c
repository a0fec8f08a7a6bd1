#include "energy_meter.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

energy_plan energy_plan_default(void)
{
    energy_plan p = {.min_ms = 500, .min_samples = 50, .max_ms = 10000, .tick_timeout_ms = 0, .poll_us = 200};
    return p;
}

typedef struct meter {
    power_source *ps;
    const energy_plan *plan;
    uint64_t timeout_ns;
    int counted;      /* the source counts its samples */
    uint64_t samples; /* its count at the last read */
} meter;

static uint64_t now_ns(const meter *m)
{
    if (m->plan->clock != NULL)
        return m->plan->clock(m->plan->clock_ctx);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void pause_us(unsigned us)
{
    if (us == 0)
        return;
    struct timespec ts = {.tv_sec = us / 1000000u, .tv_nsec = (long)(us % 1000000u) * 1000};
    nanosleep(&ts, NULL);
}

/* Reads the counter, and the samples behind it into m->samples. */
static int read_counter(meter *m, uint64_t *e, rl_error *err)
{
    return power_source_read_energy_samples(m->ps, e, &m->samples, &m->counted, err);
}

/* Idle-polls until the counter moves: 1 on a tick, 0 on timeout; *e and *t
 * are the value and time of the last read. */
static int wait_tick(meter *m, uint64_t *e, uint64_t *t, rl_error *err)
{
    uint64_t first = 0;
    if (read_counter(m, &first, err) != 0)
        return -1;
    uint64_t deadline = now_ns(m) + m->timeout_ns;
    for (;;) {
        if (read_counter(m, e, err) != 0)
            return -1;
        *t = now_ns(m);
        if (*e != first)
            return 1;
        if (*t >= deadline)
            return 0;
        pause_us(m->plan->poll_us);
    }
}

static int run_once(energy_work_fn work, void *state, long *calls, rl_error *err)
{
    long before = *calls;
    if (work(state, calls, err) != 0)
        return -1;
    if (*calls <= before)
        return rl_error_set(err, "energy workload ran no calls");
    return 0;
}

/* Runs work until the counter moves after the last read: 1 on a tick, 0 on
 * timeout. The tick fell inside the last callback. */
static int run_to_tick(meter *m, energy_work_fn work, void *state, long *calls,
                       uint64_t *e, uint64_t *t, rl_error *err)
{
    uint64_t last = 0;
    if (read_counter(m, &last, err) != 0)
        return -1;
    uint64_t deadline = now_ns(m) + m->timeout_ns;
    for (;;) {
        if (run_once(work, state, calls, err) != 0 || read_counter(m, e, err) != 0)
            return -1;
        *t = now_ns(m);
        if (*e != last)
            return 1;
        if (*t >= deadline)
            return 0;
    }
}

_Static_assert(POWER_RAILS_MAX <= RAIL_CELL_MAX, "every rail fits in the rails cell");
_Static_assert(POWER_RAIL_NAME_MAX <= RAIL_CELL_NAME_MAX, "every rail name fits in the rails cell");

size_t energy_rails_average(const power_rails *a, const power_rails *b, rail_watts *out)
{
    size_t n = 0;
    for (size_t i = 0; i < b->count; i++) {
        const power_rail_energy *y = &b->rail[i], *x = NULL;
        for (size_t j = 0; j < a->count && x == NULL; j++)
            if (strcmp(a->rail[j].name, y->name) == 0)
                x = &a->rail[j];
        if (x == NULL || !y->valid || y->samples <= x->samples || y->last_ns <= x->last_ns ||
            y->uj < x->uj)
            continue;
        snprintf(out[n].name, sizeof out[n].name, "%s", y->name);
        out[n].watts = (y->uj - x->uj) / ((double)(y->last_ns - x->last_ns) / 1e3);
        n++;
    }
    return n;
}

/* Runs work for at least min_ms after t0 and, on a source that counts its
 * samples, until the counter holds min_samples more than n0 (or max_ms
 * passed). */
static int run_min(meter *m, energy_work_fn work, void *state, long *calls, uint64_t t0, uint64_t n0,
                   rl_error *err)
{
    uint64_t min_ns = (uint64_t)(m->plan->min_ms * 1e6);
    uint64_t max_ns = (uint64_t)(m->plan->max_ms * 1e6);
    for (;;) {
        if (run_once(work, state, calls, err) != 0)
            return -1;
        uint64_t ran = now_ns(m) - t0;
        if (ran < min_ns)
            continue;
        if (!m->counted || m->plan->min_samples == 0 || ran >= max_ns)
            return 0;
        uint64_t e = 0;
        if (read_counter(m, &e, err) != 0)
            return -1;
        if (m->samples >= n0 + m->plan->min_samples)
            return 0;
    }
}

static void finish_result(energy_result *out, uint64_t e0, uint64_t t0, uint64_t e1,
                          uint64_t t1)
{
    out->start_ns = t0;
    out->end_ns = t1;
    out->elapsed_ms = (double)(t1 - t0) / 1e6;
    if (out->samples_counted && t1 > t0)
        out->sample_rate_hz = (double)out->samples / ((double)(t1 - t0) / 1e9);
    out->counter_stalled = e1 == e0;
    if (out->counter_stalled || t1 <= t0)
        return;
    out->valid = 1;
    out->energy_uj = e1 - e0;
    out->energy_uj_per_call = (double)out->energy_uj / (double)out->calls;
    out->power_w_avg = (double)out->energy_uj / ((double)(t1 - t0) / 1e3); /* uJ/us = W */
}

int energy_measure(power_source *ps, energy_work_fn work, void *state, const energy_plan *plan,
                   energy_result *out, rl_error *err)
{
    memset(out, 0, sizeof *out);
    if (!power_source_has_energy(ps)) {
        out->no_sensor = 1;
        return 0;
    }
    meter m = {.ps = ps, .plan = plan};
    m.timeout_ns = plan->tick_timeout_ms > 0
                       ? (uint64_t)(plan->tick_timeout_ms * 1e6)
                       : 4 * power_source_refresh_interval_us(ps) * 1000u + 50000000u;
    uint64_t e0 = 0, t0 = 0, e1 = 0, t1 = 0;
    int tick = wait_tick(&m, &e0, &t0, err);
    if (tick < 0)
        return -1;
    out->start_on_tick = tick;
    uint64_t n0 = m.samples;
    power_rails r0, r1;
    if (power_source_read_rails(ps, &r0, err) != 0)
        return -1;
    if (run_min(&m, work, state, &out->calls, t0, n0, err) != 0)
        return -1;
    if (power_source_read_clocks(ps, &out->clocks, err) != 0)
        return -1;
    tick = run_to_tick(&m, work, state, &out->calls, &e1, &t1, err);
    if (tick < 0)
        return -1;
    out->end_on_tick = tick;
    out->samples_counted = m.counted;
    out->samples = m.counted && m.samples >= n0 ? m.samples - n0 : 0;
    if (power_source_read_rails(ps, &r1, err) != 0)
        return -1;
    out->nrails = energy_rails_average(&r0, &r1, out->rails);
    if (e1 < e0)
        return rl_error_set(err, "energy counter of %s went backwards (%llu to %llu uJ)",
                            power_source_name(ps), (unsigned long long)e0,
                            (unsigned long long)e1);
    finish_result(out, e0, t0, e1, t1);
    return 0;
}
