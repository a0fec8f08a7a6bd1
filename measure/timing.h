/* timing: per-call times of back-to-back launches, from CUDA events.
 *
 * Calls are queued in batches behind a blocking kernel (gpu_sleep), with an
 * event between consecutive calls, so each interval is one call's device
 * time without host launch gaps. The warm-up calls are dropped. */
#ifndef TIMING_H
#define TIMING_H

#include <cuda_runtime_api.h>

#include "rl_error.h"
#include "stats.h"

/* Launches call number i (0-based; the case rotates its buffers with it). */
typedef int (*timed_launch_fn)(void *state, long i, cudaStream_t stream, rl_error *err);

typedef struct timing_plan {
    long warmup_calls;
    long min_reps, max_reps;
    double target_ms; /* total timed device time wanted */
} timing_plan;

/* Full run: about a quarter second of timed calls per case; quick: less. */
timing_plan timing_plan_default(int quick);

int time_calls(timed_launch_fn launch, void *state, const timing_plan *plan, cudaStream_t stream,
               time_stats *out, rl_error *err);

#endif
