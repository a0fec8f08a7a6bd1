/* energy_meter: the energy of one workload call, measured honestly over a
 * sustained loop.
 *
 * NVML's total-energy counter moves only every 10-100 ms, so a loop is timed
 * between two counter ticks, not between two arbitrary reads: the meter
 * polls until the counter changes (the loop starts on a tick), runs the
 * workload for at least min_ms, then keeps it running until the counter
 * changes again (the loop ends on a tick). The energy between the two ticks
 * over the time between them is the average power; divided by the calls
 * made, the energy per call. The remaining error is at most one callback at
 * each end, so callbacks should last a few ms, not the whole loop.
 *
 * A source that samples a sensor itself (a Jetson INA3221: each read waits
 * for a conversion, tens of samples a second) also says how many samples
 * its counter holds; the loop then runs past min_ms until it spans at
 * least min_samples of them (up to max_ms), and the result says how many
 * it got and at what rate.
 *
 * Pure C over power_source.h: tests drive it with a fake source and clock. */
#ifndef ENERGY_METER_H
#define ENERGY_METER_H

#include <stdint.h>

#include "power_source.h"
#include "rail_cell.h"
#include "rl_error.h"

/* Runs some calls of the workload, waits until the device has finished
 * them, and adds their number to *calls. */
typedef int (*energy_work_fn)(void *state, long *calls, rl_error *err);

/* A monotonic clock in ns; tests pass a simulated one. */
typedef uint64_t (*energy_clock_fn)(void *ctx);

typedef struct energy_plan {
    double min_ms;          /* shortest loop; several hundred ms for NVML */
    unsigned min_samples;   /* sampled sources: fewest samples in the loop; 0: no minimum */
    double max_ms;          /* the loop stops waiting for min_samples after this long */
    double tick_timeout_ms; /* longest wait for a tick; 0: 4 refresh intervals + 50 ms */
    unsigned poll_us;       /* sleep between idle polls of the counter; 0: spin */
    energy_clock_fn clock;  /* NULL: CLOCK_MONOTONIC */
    void *clock_ctx;
} energy_plan;

typedef struct energy_result {
    int valid;           /* 1: the counter moved; the numbers below hold */
    int no_sensor;       /* the source has no energy counter: nothing was run */
    int counter_stalled; /* the counter did not move over the whole loop */
    int start_on_tick;   /* 0: no tick came before the loop within the timeout */
    int end_on_tick;     /* 0: no tick came after min_ms within the timeout */
    long calls;
    double elapsed_ms;   /* from the start tick to the end tick */
    uint64_t energy_uj;  /* the whole loop */
    double energy_uj_per_call;
    double power_w_avg;
    power_clocks clocks; /* read after min_ms, with the device still busy */
    uint64_t start_ns, end_ns; /* the start and end ticks, on the plan's clock */
    /* Sampled sources (power_source_read_energy_samples): the samples the
     * counter gained from the start tick to the end tick, and per second
     * of that span. samples_counted 0: the source does not count them. */
    int samples_counted;
    uint64_t samples;
    double sample_rate_hz;
    /* Every rail of the source (power_source_read_rails) that read through
     * the loop: its average power between its own samples nearest the start
     * and the end tick. nrails 0 for a source without rails (NVML). */
    size_t nrails;
    rail_watts rails[POWER_RAILS_MAX];
} energy_result;

/* The average power of each rail of b between the reads a and b, in b's
 * order: (b.uj - a.uj) / (b.last_ns - a.last_ns), uJ per us = W. A rail
 * not in a, invalid in b, or without a new sample since a is left out.
 * Returns how many were written into out (POWER_RAILS_MAX entries). */
size_t energy_rails_average(const power_rails *a, const power_rails *b, rail_watts *out);

/* 500 ms loops, at least 50 samples (sampled sources; at most 10 s), ticks
 * awaited for 4 refresh intervals + 50 ms, 200 us polls. */
energy_plan energy_plan_default(void);

/* Measures work on ps. A source without energy gives no_sensor = 1 and
 * returns 0 without running work; a counter that never moves gives
 * counter_stalled = 1 and valid = 0. Fails when work or a read fails. */
int energy_measure(power_source *ps, energy_work_fn work, void *state, const energy_plan *plan,
                   energy_result *out, rl_error *err);

#endif
