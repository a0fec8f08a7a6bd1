#include "case_gemv.h"

#include <stdlib.h>
#include <string.h>

#include "cuda_check.h"
#include "half.h"
#include "kernels.h"
#include "rng.h"

/* fp16 output rounding (2^-11 relative) plus fp32 accumulation over k terms,
 * both measured against sum|w*x|, which bounds |y|. */
#define GEMV_FP16_TOLERANCE 2e-3

typedef struct gemv_data {
    int n, k;
    uint64_t nbuf;
    uint16_t *w_host, *x_host, *y_host;
    double *ref, *scale; /* exact dot product and sum|w*x| per row */
    uint16_t *w_dev, *x_dev, *y_dev;
} gemv_data;

static void gemv_data_free(gemv_data *d)
{
    free(d->w_host);
    free(d->x_host);
    free(d->y_host);
    free(d->ref);
    free(d->scale);
    cudaFree(d->w_dev);
    cudaFree(d->x_dev);
    cudaFree(d->y_dev);
}

static void fill_random_half(uint16_t *v, size_t count, rng *r)
{
    for (size_t i = 0; i < count; i++)
        v[i] = half_from_float(rng_uniform(r, -1.0f, 1.0f));
}

/* The reference in double from the same fp16 values the GPU reads. */
static void gemv_reference(gemv_data *d)
{
    float *xf = malloc((size_t)d->k * sizeof *xf);
    for (int j = 0; j < d->k; j++)
        xf[j] = half_to_float(d->x_host[j]);
    for (int i = 0; i < d->n; i++) {
        const uint16_t *row = d->w_host + (size_t)i * d->k;
        double acc = 0.0, mag = 0.0;
        for (int j = 0; j < d->k; j++) {
            double p = (double)half_to_float(row[j]) * xf[j];
            acc += p;
            mag += p < 0 ? -p : p;
        }
        d->ref[i] = acc;
        d->scale[i] = mag;
    }
    free(xf);
}

static int gemv_prepare(gemv_data *d, const run_context *ctx, uint64_t seed, rl_error *err)
{
    size_t wcount = (size_t)d->n * d->k;
    d->w_host = malloc(wcount * sizeof *d->w_host);
    d->x_host = malloc((size_t)d->k * sizeof *d->x_host);
    d->y_host = malloc((size_t)d->n * sizeof *d->y_host);
    d->ref = malloc((size_t)d->n * sizeof *d->ref);
    d->scale = malloc((size_t)d->n * sizeof *d->scale);
    if (!d->w_host || !d->x_host || !d->y_host || !d->ref || !d->scale)
        return rl_error_set(err, "out of host memory for a %dx%d gemv", d->n, d->k);
    rng r;
    rng_seed(&r, seed ^ ((uint64_t)d->n << 32) ^ (uint64_t)d->k);
    fill_random_half(d->w_host, wcount, &r);
    fill_random_half(d->x_host, (size_t)d->k, &r);
    gemv_reference(d);

    size_t wbytes = wcount * sizeof(uint16_t);
    d->nbuf = case_rotation_count(wbytes, run_context_cold_bytes(ctx));
    CUDA_TRY(err, cudaMalloc((void **)&d->w_dev, d->nbuf * wbytes));
    CUDA_TRY(err, cudaMalloc((void **)&d->x_dev, (size_t)d->k * sizeof(uint16_t)));
    CUDA_TRY(err, cudaMalloc((void **)&d->y_dev, (size_t)d->n * sizeof(uint16_t)));
    for (uint64_t b = 0; b < d->nbuf; b++)
        CUDA_TRY(err, cudaMemcpy(d->w_dev + b * wcount, d->w_host, wbytes, cudaMemcpyHostToDevice));
    CUDA_TRY(err, cudaMemcpy(d->x_dev, d->x_host, (size_t)d->k * sizeof(uint16_t), cudaMemcpyHostToDevice));
    return 0;
}

static int gemv_launch(void *state, long i, cudaStream_t stream, rl_error *err)
{
    gemv_data *d = state;
    const uint16_t *w = d->w_dev + (size_t)((uint64_t)i % d->nbuf) * d->n * d->k;
    return gemv_fp16_launch(w, d->x_dev, d->y_dev, d->n, d->k, stream, err);
}

/* Runs once on every rotated buffer, with the output poisoned (0xffff is a
 * NaN) before each call so an unwritten element fails the check. */
static int gemv_check(gemv_data *d, cudaStream_t stream, case_result *res, rl_error *err)
{
    size_t ybytes = (size_t)d->n * sizeof(uint16_t);
    for (uint64_t b = 0; b < d->nbuf; b++) {
        CUDA_TRY(err, cudaMemsetAsync(d->y_dev, 0xff, ybytes, stream));
        if (gemv_launch(d, (long)b, stream, err) != 0)
            return -1;
        CUDA_TRY(err, cudaMemcpyAsync(d->y_host, d->y_dev, ybytes, cudaMemcpyDeviceToHost, stream));
        CUDA_TRY(err, cudaStreamSynchronize(stream));
        for (int i = 0; i < d->n; i++)
            case_result_add_error(res, half_to_float(d->y_host[i]), d->ref[i], d->scale[i]);
    }
    res->check_ok = res->error_finite && res->max_rel_err <= GEMV_FP16_TOLERANCE;
    return 0;
}

int case_gemv_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                  case_result *res, rl_error *err)
{
    if (strcmp(shape->format, "fp16") != 0 || shape->batch != 1)
        return rl_error_set(err, "gemv: only fp16 at batch 1 is implemented (asked %s batch %llu)",
                            shape->format, (unsigned long long)shape->batch);
    gemv_data d = {.n = (int)shape->n, .k = (int)shape->k};
    case_result_init(res);
    int rc = gemv_prepare(&d, ctx, opt->seed, err);
    if (rc == 0)
        rc = gemv_check(&d, ctx->stream, res, err);
    res->working_set_bytes = d.nbuf * (uint64_t)d.n * d.k * sizeof(uint16_t);
    if (rc == 0 && !opt->check_only)
        rc = time_calls(gemv_launch, &d, &opt->plan, ctx->stream, &res->times, err);
    gemv_data_free(&d);
    return rc;
}
