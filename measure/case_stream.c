#include "case_stream.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "case_energy.h"
#include "cuda_check.h"
#include "kernels.h"
#include "rng.h"

/* fp32 partial sums of about a thousand terms each, against sum|a|. */
#define STREAM_READ_TOLERANCE 1e-4

/* What one stream_read_l2 call reads, all passes together: as much as one
 * stream_read call (1 GiB), so a call lasts about 100 us on an H100 and the
 * launch is about 1 % of it; each thread adds about a thousand terms, as in
 * stream_read, so the same tolerance holds. */
#define STREAM_L2_CALL_BYTES ((uint64_t)1 << 30)
/* The smallest L2 buffer, for a device that reports a tiny or no L2. */
#define STREAM_L2_MIN_BYTES ((uint64_t)64 << 10)

typedef struct stream_data {
    uint64_t count;
    unsigned passes; /* 0: stream_read (one pass, DRAM); else stream_read_l2 */
    int blocks;
    float *a_dev, *sums_dev;
    float *sums_host;
} stream_data;

uint64_t case_stream_elements(const run_context *ctx)
{
    uint64_t bytes = (uint64_t)1 << 30;
    if (bytes < 8 * (uint64_t)ctx->l2_bytes)
        bytes = 8 * (uint64_t)ctx->l2_bytes;
    if (bytes > ctx->memory_bytes / 4)
        bytes = ctx->memory_bytes / 4;
    return bytes / sizeof(float) / 4 * 4;
}

/* A quarter of the L2, so the buffer stays there between passes and calls.
 * Why not more: on A100 and H100 the L2 is two partitions, and lines read
 * by SMs on both sides are said to be kept in both (unconfirmed here; see
 * Chips and Cheese, "Nvidia's H100: Funny L2, and Tons of Bandwidth",
 * 2023), so a buffer of half the L2 could already spill to DRAM; a quarter
 * stays resident even duplicated. Why not much less: the buffer must still
 * spread over every L2 slice, and 12.5 MiB on an H100 does. */
uint64_t case_stream_l2_elements(const run_context *ctx)
{
    uint64_t bytes = (uint64_t)ctx->l2_bytes / 4;
    if (bytes < STREAM_L2_MIN_BYTES)
        bytes = STREAM_L2_MIN_BYTES;
    return bytes / sizeof(float) / 4 * 4;
}

uint64_t case_stream_l2_passes(uint64_t elements)
{
    uint64_t per_pass = elements * sizeof(float);
    uint64_t passes = per_pass > 0 ? (STREAM_L2_CALL_BYTES + per_pass - 1) / per_pass : 1;
    return passes < 1 ? 1 : passes > 1000000 ? 1000000 : passes;
}

static int stream_launch(void *state, long i, cudaStream_t stream, rl_error *err)
{
    (void)i; /* stream_read: one buffer of >= 8x L2, nothing to rotate; stream_read_l2: it must stay put */
    stream_data *d = state;
    if (d->passes > 0)
        return stream_read_l2_launch(d->a_dev, d->count, d->passes, d->sums_dev, d->blocks, stream, err);
    return stream_read_launch(d->a_dev, d->count, d->sums_dev, d->blocks, stream, err);
}

/* Fills a with random values, returns the exact sum and sum|a| in double. */
static int stream_fill(stream_data *d, uint64_t seed, double *sum, double *mag, rl_error *err)
{
    enum { CHUNK = 1 << 22 };
    float *chunk = malloc(CHUNK * sizeof *chunk);
    if (chunk == NULL)
        return rl_error_set(err, "out of host memory for the stream data");
    rng r;
    rng_seed(&r, seed);
    *sum = *mag = 0.0;
    int rc = 0;
    for (uint64_t done = 0; rc == 0 && done < d->count; done += CHUNK) {
        uint64_t m = d->count - done < CHUNK ? d->count - done : CHUNK;
        for (uint64_t i = 0; i < m; i++) {
            chunk[i] = rng_uniform(&r, -1.0f, 1.0f);
            *sum += chunk[i];
            *mag += fabs(chunk[i]);
        }
        if (cudaMemcpy(d->a_dev + done, chunk, m * sizeof *chunk, cudaMemcpyHostToDevice) != cudaSuccess)
            rc = rl_error_set(err, "cannot copy the stream data to the device");
    }
    free(chunk);
    return rc;
}

static int stream_check(stream_data *d, const run_context *ctx, uint64_t seed, case_result *res,
                        rl_error *err)
{
    double sum = 0.0, mag = 0.0;
    if (stream_fill(d, seed, &sum, &mag, err) != 0)
        return -1;
    CUDA_TRY(err, cudaMemsetAsync(d->sums_dev, 0xff, (size_t)d->blocks * sizeof(float), ctx->stream));
    if (stream_launch(d, 0, ctx->stream, err) != 0)
        return -1;
    CUDA_TRY(err, cudaMemcpyAsync(d->sums_host, d->sums_dev, (size_t)d->blocks * sizeof(float),
                                  cudaMemcpyDeviceToHost, ctx->stream));
    CUDA_TRY(err, cudaStreamSynchronize(ctx->stream));
    double got = 0.0;
    for (int b = 0; b < d->blocks; b++)
        got += d->sums_host[b];
    /* stream_read_l2 reads every element once per pass */
    double passes = d->passes > 0 ? (double)d->passes : 1.0;
    case_result_add_error(res, got, passes * sum, passes * mag);
    res->check_ok = res->error_finite && res->max_rel_err <= STREAM_READ_TOLERANCE;
    return 0;
}

int case_stream_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                    case_result *res, rl_error *err)
{
    stream_data d = {.count = shape->n, .blocks = stream_read_blocks(ctx->sm_count)};
    if (strcmp(shape->kernel, "stream_read_l2") == 0) {
        if (shape->k == 0 || shape->k > UINT_MAX)
            return rl_error_set(err, "stream_read_l2: passes (k) must be 1 to %u, not %llu", UINT_MAX,
                                (unsigned long long)shape->k);
        d.passes = (unsigned)shape->k;
    }
    case_result_init(res);
    res->working_set_bytes = d.count * sizeof(float);
    int rc = 0;
    d.sums_host = malloc((size_t)d.blocks * sizeof *d.sums_host);
    if (d.sums_host == NULL)
        rc = rl_error_set(err, "out of host memory");
    if (rc == 0 && cudaMalloc((void **)&d.a_dev, d.count * sizeof(float)) != cudaSuccess)
        rc = rl_error_set(err, "cannot allocate %llu bytes for %s", (unsigned long long)(d.count * sizeof(float)),
                          shape->kernel);
    if (rc == 0 && cudaMalloc((void **)&d.sums_dev, (size_t)d.blocks * sizeof(float)) != cudaSuccess)
        rc = rl_error_set(err, "cannot allocate the partial sums");
    if (rc == 0)
        rc = stream_check(&d, ctx, opt->seed, res, err);
    if (rc == 0)
        rc = case_time_and_energy(ctx, opt, stream_launch, &d, res, err);
    cudaFree(d.a_dev);
    cudaFree(d.sums_dev);
    free(d.sums_host);
    return rc;
}
