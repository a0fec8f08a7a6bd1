#include "timing.h"

#include <stdlib.h>

#include "cuda_check.h"
#include "kernels.h"

enum { TIMING_BATCH = 256 };

timing_plan timing_plan_default(int quick)
{
    timing_plan p = {.warmup_calls = 5, .min_reps = 30, .max_reps = 4000, .target_ms = 250.0};
    if (quick) {
        p.max_reps = 500;
        p.target_ms = 40.0;
    }
    return p;
}

/* Times one batch of calls [first, first+count) into times_us. */
static int time_batch(timed_launch_fn launch, void *state, long first, int count, cudaEvent_t *ev,
                      cudaStream_t stream, double *times_us, rl_error *err)
{
    /* Long enough for the host to queue the whole batch behind it. */
    if (gpu_sleep_launch(1000.0 + 10.0 * count, stream, err) != 0)
        return -1;
    CUDA_TRY(err, cudaEventRecord(ev[0], stream));
    for (int j = 0; j < count; j++) {
        if (launch(state, first + j, stream, err) != 0)
            return -1;
        CUDA_TRY(err, cudaEventRecord(ev[j + 1], stream));
    }
    CUDA_TRY(err, cudaEventSynchronize(ev[count]));
    for (int j = 0; j < count; j++) {
        float ms = 0.0f;
        CUDA_TRY(err, cudaEventElapsedTime(&ms, ev[j], ev[j + 1]));
        times_us[j] = 1000.0 * ms;
    }
    return 0;
}

static long plan_reps(const timing_plan *plan, double warm_us)
{
    long reps = warm_us > 0.0 ? (long)(plan->target_ms * 1000.0 / warm_us) : plan->max_reps;
    if (reps < plan->min_reps)
        reps = plan->min_reps;
    if (reps > plan->max_reps)
        reps = plan->max_reps;
    return reps;
}

static int time_all(timed_launch_fn launch, void *state, const timing_plan *plan, cudaStream_t stream,
                    cudaEvent_t *ev, double *times_us, time_stats *out, rl_error *err)
{
    long warm = plan->warmup_calls < TIMING_BATCH ? plan->warmup_calls : TIMING_BATCH;
    if (time_batch(launch, state, 0, (int)warm, ev, stream, times_us, err) != 0)
        return -1;
    double warm_us = warm > 0 ? times_us[warm - 1] : 0.0;
    long reps = plan_reps(plan, warm_us);
    double *all = malloc((size_t)reps * sizeof *all);
    if (all == NULL)
        return rl_error_set(err, "out of memory for %ld timings", reps);
    long done = 0;
    int rc = 0;
    while (rc == 0 && done < reps) {
        int count = reps - done < TIMING_BATCH ? (int)(reps - done) : TIMING_BATCH;
        rc = time_batch(launch, state, warm + done, count, ev, stream, all + done, err);
        done += count;
    }
    if (rc == 0)
        rc = time_stats_compute(all, (size_t)reps, out);
    free(all);
    return rc;
}

int time_calls(timed_launch_fn launch, void *state, const timing_plan *plan, cudaStream_t stream,
               time_stats *out, rl_error *err)
{
    cudaEvent_t ev[TIMING_BATCH + 1] = {0};
    double times_us[TIMING_BATCH];
    int made = 0, rc = 0;
    for (; made <= TIMING_BATCH && rc == 0; made++)
        if (cudaEventCreate(&ev[made]) != cudaSuccess)
            rc = rl_error_set(err, "cannot create CUDA events");
    if (rc == 0)
        rc = time_all(launch, state, plan, stream, ev, times_us, out, err);
    for (int i = 0; i < made; i++)
        if (ev[i] != NULL)
            cudaEventDestroy(ev[i]);
    return rc;
}
