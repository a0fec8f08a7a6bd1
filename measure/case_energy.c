#include "case_energy.h"

#include <string.h>

#include "cuda_check.h"
#include "energy_meter.h"

/* One batch of the loop: a few ms of calls, then wait for the device, so
 * the meter's tick checks never fall far behind the work. */
typedef struct energy_work {
    timed_launch_fn launch;
    void *state;
    cudaStream_t stream;
    long next_call, per_batch;
    power_source *power;
    clock_watch *watch; /* fed while the device is busy */
} energy_work;

static int run_batch(void *st, long *calls, rl_error *err)
{
    energy_work *w = st;
    for (long i = 0; i < w->per_batch; i++)
        if (w->launch(w->state, w->next_call++, w->stream, err) != 0)
            return -1;
    /* read while the batch runs: after the sync the card is idle */
    power_limits lim = {0};
    power_clocks clk = {0};
    rl_error ignored;
    int lim_ok = power_source_read_limits(w->power, &lim, &ignored) == 0;
    int clk_ok = power_source_read_clocks(w->power, &clk, &ignored) == 0;
    clock_watch_add(w->watch, clk_ok ? clk.sm_mhz : (power_reading){0, 0.0}, lim_ok && lim.reasons_valid,
                    lim.event_reasons);
    CUDA_TRY(err, cudaStreamSynchronize(w->stream));
    *calls += w->per_batch;
    return 0;
}

int case_energy_measure(const run_context *ctx, timed_launch_fn launch, void *state, double call_us,
                        double min_ms, case_result *res, rl_error *err)
{
    if (!power_source_has_energy(ctx->power))
        return 0;
    const double batch_us = 5000.0;
    energy_work w = {launch, state, ctx->stream, 0, call_us > 0 ? (long)(batch_us / call_us) + 1 : 1, ctx->power,
                     &res->watch};
    energy_plan plan = energy_plan_default();
    if (min_ms > 0.0)
        plan.min_ms = min_ms;
    energy_result er;
    if (energy_measure(ctx->power, run_batch, &w, &plan, &er, err) != 0)
        return -1;
    res->clocks = er.clocks;
    res->energy_valid = er.valid;
    if (er.valid) {
        res->energy_uj = er.energy_uj_per_call;
        res->power_w = er.power_w_avg;
        res->nrails = er.nrails;
        res->samples_counted = er.samples_counted;
        res->energy_samples = er.samples;
        res->energy_sample_rate_hz = er.sample_rate_hz;
        memcpy(res->rails, er.rails, er.nrails * sizeof er.rails[0]);
    }
    return 0;
}

int case_time_and_energy(const run_context *ctx, const case_options *opt, timed_launch_fn launch, void *state,
                         case_result *res, rl_error *err)
{
    if (opt->check_only)
        return 0;
    if (time_calls(launch, state, &opt->plan, ctx->stream, &res->times, err) != 0)
        return -1;
    return opt->energy ? case_energy_measure(ctx, launch, state, res->times.median_us, opt->energy_min_ms, res, err)
                       : 0;
}
