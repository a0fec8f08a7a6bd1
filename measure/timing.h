/* timing: time per call from CUDA events around groups of back-to-back
 * launches.
 *
 * An event recorded between every two launches costs several microseconds
 * of device time on an H100 (seen: a near-constant ~5.6 us added to every
 * GEMV shape), so events go around groups of calls instead and each sample
 * is the group's time divided by its calls. Groups are sized to last at
 * least TIMING_GROUP_US; reps counts every timed call. Batches of groups are
 * queued behind a blocking kernel (gpu_sleep) so host launch gaps stay out.
 * The warm-up calls are dropped. */
#ifndef TIMING_H
#define TIMING_H

#include <cuda_runtime_api.h>

#include "rl_error.h"
#include "stats.h"

/* Launches call number i (0-based; the case rotates its buffers with it). */
typedef int (*timed_launch_fn)(void *state, long i, cudaStream_t stream, rl_error *err);

typedef struct timing_plan {
    long warmup_calls;
    long min_samples, max_samples;
    double target_ms;     /* total timed device time wanted */
    double group_us;      /* shortest group of back-to-back calls per sample */
} timing_plan;

/* Full run: about a quarter second of timed calls per case; quick: less. */
timing_plan timing_plan_default(int quick);

/* Calls per group for a call of about call_us (>= 1). */
long timing_group_calls(const timing_plan *plan, double call_us);

int time_calls(timed_launch_fn launch, void *state, const timing_plan *plan, cudaStream_t stream,
               time_stats *out, rl_error *err);

#endif
