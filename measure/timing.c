#include "timing.h"

#include <math.h>
#include <stdlib.h>

#include "cuda_check.h"
#include "kernels.h"

enum { TIMING_MAX_GROUPS = 128, TIMING_MAX_LAUNCHES = 1024 };

timing_plan timing_plan_default(int quick)
{
    timing_plan p = {.warmup_calls = 5, .min_samples = 30, .max_samples = 1000, .target_ms = 250.0,
                     .group_us = 200.0};
    if (quick) {
        p.max_samples = 200;
        p.target_ms = 40.0;
    }
    return p;
}

long timing_group_calls(const timing_plan *plan, double call_us)
{
    long g = call_us > 0.0 ? (long)ceil(plan->group_us / call_us) : 1;
    if (g < 1)
        g = 1;
    if (g > TIMING_MAX_LAUNCHES)
        g = TIMING_MAX_LAUNCHES;
    return g;
}

/* Times `groups` groups of `per_group` calls starting at call `first`. */
static int time_batch(timed_launch_fn launch, void *state, long first, int groups, long per_group,
                      cudaEvent_t *ev, cudaStream_t stream, double *times_us, rl_error *err)
{
    /* Long enough for the host to queue the whole batch behind it. */
    if (gpu_sleep_launch(1000.0 + 10.0 * (double)groups * (double)per_group, stream, err) != 0)
        return -1;
    CUDA_TRY(err, cudaEventRecord(ev[0], stream));
    long call = first;
    for (int g = 0; g < groups; g++) {
        for (long j = 0; j < per_group; j++)
            if (launch(state, call++, stream, err) != 0)
                return -1;
        CUDA_TRY(err, cudaEventRecord(ev[g + 1], stream));
    }
    CUDA_TRY(err, cudaEventSynchronize(ev[groups]));
    for (int g = 0; g < groups; g++) {
        float ms = 0.0f;
        CUDA_TRY(err, cudaEventElapsedTime(&ms, ev[g], ev[g + 1]));
        times_us[g] = 1000.0 * ms / (double)per_group;
    }
    return 0;
}

static long plan_samples(const timing_plan *plan, double group_us)
{
    long n = group_us > 0.0 ? (long)(plan->target_ms * 1000.0 / group_us) : plan->max_samples;
    if (n < plan->min_samples)
        n = plan->min_samples;
    if (n > plan->max_samples)
        n = plan->max_samples;
    return n;
}

static int time_all(timed_launch_fn launch, void *state, const timing_plan *plan, cudaStream_t stream,
                    cudaEvent_t *ev, time_stats *out, rl_error *err)
{
    double warm_us = 0.0;
    if (time_batch(launch, state, 0, 1, plan->warmup_calls, ev, stream, &warm_us, err) != 0)
        return -1;
    long per_group = timing_group_calls(plan, warm_us);
    long samples = plan_samples(plan, warm_us * (double)per_group);
    double *all = malloc((size_t)samples * sizeof *all);
    if (all == NULL)
        return rl_error_set(err, "out of memory for %ld timings", samples);
    long done = 0, call = plan->warmup_calls;
    long groups_per_batch = TIMING_MAX_LAUNCHES / per_group;
    if (groups_per_batch > TIMING_MAX_GROUPS)
        groups_per_batch = TIMING_MAX_GROUPS;
    int rc = 0;
    while (rc == 0 && done < samples) {
        int groups = (int)(samples - done < groups_per_batch ? samples - done : groups_per_batch);
        rc = time_batch(launch, state, call, groups, per_group, ev, stream, all + done, err);
        done += groups;
        call += groups * per_group;
    }
    if (rc == 0)
        rc = time_stats_compute(all, (size_t)samples, out);
    out->reps = (size_t)(samples * per_group);
    free(all);
    return rc;
}

int time_calls(timed_launch_fn launch, void *state, const timing_plan *plan, cudaStream_t stream,
               time_stats *out, rl_error *err)
{
    cudaEvent_t ev[TIMING_MAX_GROUPS + 1] = {0};
    int made = 0, rc = 0;
    for (; made <= TIMING_MAX_GROUPS && rc == 0; made++)
        if (cudaEventCreate(&ev[made]) != cudaSuccess)
            rc = rl_error_set(err, "cannot create CUDA events");
    if (rc == 0)
        rc = time_all(launch, state, plan, stream, ev, out, err);
    for (int i = 0; i < made; i++)
        if (ev[i] != NULL)
            cudaEventDestroy(ev[i]);
    return rc;
}
