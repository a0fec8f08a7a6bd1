#include "case_gemv.h"

#include <stdlib.h>
#include <string.h>

#include "case_energy.h"
#include "cuda_check.h"
#include "gemv_cublas.h"
#include "gemv_data.h"
#include "gemv_launch.h"
#include "half.h"
#include "quant.h"

/* Tolerances on max |y - ref| / sum|w x| (see gemv_data.h). Every kernel
 * rounds y to fp16 (2^-11 relative to |y| <= sum|w x|). Formats whose
 * kernel accumulates in fp32 (fp16, int8, cuBLAS) add little more; int4
 * and int2 sum up to 64 products per chunk in fp16 pairs first. */
#define GEMV_TOL_FP32_ACC 2e-3
#define GEMV_TOL_FP16_PAIRS 4e-3

double gemv_tolerance(const weight_format *f)
{
    return f->weight_bits >= 8 ? GEMV_TOL_FP32_ACC : GEMV_TOL_FP16_PAIRS;
}

/* The device side: nbuf copies of the weights, rotated call by call. */
typedef struct gemv_dev {
    const gemv_data *h;
    int use_cublas, check_only;
    int broken; /* RL_TEST_BREAK_KERNEL names this case (case_result.h) */
    gemv_tuning tuning;
    cublas_ctx *blas;
    uint64_t nbuf;
    size_t w_bytes, s_bytes; /* one copy of the codes (or fp16 W), of the scales */
    uint8_t *w;
    uint16_t *scales, *zeros, *x, *y;
    int8_t *x8;          /* int8 activations (w8a8) */
    uint16_t *x_scales;  /* their per-column scales */
} gemv_dev;

static void gemv_dev_free(gemv_dev *d)
{
    cublas_ctx_destroy(d->blas);
    cudaFree(d->w);
    cudaFree(d->scales);
    cudaFree(d->zeros);
    cudaFree(d->x);
    cudaFree(d->x8);
    cudaFree(d->x_scales);
    cudaFree(d->y);
}

static int gemv_dev_upload(gemv_dev *d, const run_context *ctx, rl_error *err)
{
    const gemv_data *h = d->h;
    const weight_format *f = h->format;
    int quant = f->scales != SCALE_NONE;
    d->w_bytes = quant ? quant_codes_bytes(f, (uint64_t)h->n, (uint64_t)h->k) : (size_t)h->n * h->k * 2;
    d->s_bytes = quant ? (size_t)h->n * quant_groups_per_row(f, (uint64_t)h->k) * 2 : 0;
    /* Only timed calls need a cold L2; a check needs two copies to show
     * that the rotation's addressing is right. */
    d->nbuf = case_rotation_count(gemv_data_weight_bytes(h), d->check_only ? 0 : run_context_cold_bytes(ctx));
    CUDA_TRY(err, cudaMalloc((void **)&d->w, d->nbuf * d->w_bytes));
    CUDA_TRY(err, cudaMalloc((void **)&d->x, (size_t)h->k * h->batch * 2));
    CUDA_TRY(err, cudaMalloc((void **)&d->y, (size_t)h->n * h->batch * 2));
    CUDA_TRY(err, cudaMemcpy(d->x, h->x, (size_t)h->k * h->batch * 2, cudaMemcpyHostToDevice));
    if (h->x8 != NULL) {
        CUDA_TRY(err, cudaMalloc((void **)&d->x8, (size_t)h->k * h->batch));
        CUDA_TRY(err, cudaMalloc((void **)&d->x_scales, (size_t)h->batch * 2));
        CUDA_TRY(err, cudaMemcpy(d->x8, h->x8, (size_t)h->k * h->batch, cudaMemcpyHostToDevice));
        CUDA_TRY(err, cudaMemcpy(d->x_scales, h->x_scales, (size_t)h->batch * 2, cudaMemcpyHostToDevice));
    }
    if (quant) {
        CUDA_TRY(err, cudaMalloc((void **)&d->scales, d->nbuf * d->s_bytes));
        if (f->zero_point)
            CUDA_TRY(err, cudaMalloc((void **)&d->zeros, d->nbuf * d->s_bytes));
    }
    const void *w_host = quant ? (const void *)h->q.codes : (const void *)h->w16;
    for (uint64_t b = 0; b < d->nbuf; b++) {
        CUDA_TRY(err, cudaMemcpy(d->w + b * d->w_bytes, w_host, d->w_bytes, cudaMemcpyHostToDevice));
        if (quant)
            CUDA_TRY(err, cudaMemcpy((uint8_t *)d->scales + b * d->s_bytes, h->q.scales, d->s_bytes,
                                     cudaMemcpyHostToDevice));
        if (d->zeros != NULL)
            CUDA_TRY(err, cudaMemcpy((uint8_t *)d->zeros + b * d->s_bytes, h->q.zeros, d->s_bytes,
                                     cudaMemcpyHostToDevice));
    }
    if (d->use_cublas && (d->blas = cublas_ctx_create(ctx->stream, err)) == NULL)
        return -1;
    return 0;
}

static int gemv_call(void *state, long i, cudaStream_t stream, rl_error *err)
{
    gemv_dev *d = state;
    const gemv_data *h = d->h;
    uint64_t b = (uint64_t)i % d->nbuf;
    const uint8_t *w = d->w + b * d->w_bytes;
    if (d->use_cublas)
        return gemv_cublas_launch(d->blas, (const uint16_t *)w, d->x, d->y, h->n, h->k, h->batch, err);
    gemv_args a = {
        .format = h->format,
        .w = w,
        .scales = d->scales ? (const uint16_t *)((const uint8_t *)d->scales + b * d->s_bytes) : NULL,
        .zeros = d->zeros ? (const uint16_t *)((const uint8_t *)d->zeros + b * d->s_bytes) : NULL,
        .x = d->x,
        .x8 = d->x8,
        .x_scales = d->x_scales,
        .y = d->y,
        .n = h->n,
        .k = h->k,
        .batch = h->batch,
        .group_size = (int)quant_group_size(h->format, (uint64_t)h->k),
        .split = d->tuning.split,
        .tight = d->tuning.tight,
        .rows = d->tuning.rows,
        .path = d->tuning.path,
        .x_smem = d->tuning.x_smem,
    };
    return gemv_launch(&a, stream, err);
}

/* Runs once on every rotated buffer with the output poisoned (0xffff is
 * an fp16 NaN) before each call, so an unwritten element fails. */
static int gemv_check(gemv_dev *d, uint16_t *y_host, cudaStream_t stream, case_result *res, rl_error *err)
{
    const gemv_data *h = d->h;
    size_t outs = (size_t)h->n * h->batch;
    for (uint64_t b = 0; b < d->nbuf; b++) {
        CUDA_TRY(err, cudaMemsetAsync(d->y, 0xff, outs * 2, stream));
        if (gemv_call(d, (long)b, stream, err) != 0)
            return -1;
        CUDA_TRY(err, cudaMemcpyAsync(y_host, d->y, outs * 2, cudaMemcpyDeviceToHost, stream));
        CUDA_TRY(err, cudaStreamSynchronize(stream));
        if (d->broken) /* test only: one output off by half its yardstick */
            y_host[(size_t)h->cols[0] * h->n] = half_from_float((float)(h->ref[0] + 0.5 * h->scale[0]));
        for (int c = 0; c < h->ncols; c++) {
            const uint16_t *yc = y_host + (size_t)h->cols[c] * h->n;
            for (int i = 0; i < h->n; i++)
                case_result_add_error(res, half_to_float(yc[i]), h->ref[(size_t)c * h->n + i],
                                      h->scale[(size_t)c * h->n + i]);
        }
    }
    res->check_ok = res->error_finite && res->max_rel_err <= gemv_tolerance(h->format);
    return 0;
}

int case_gemv_run(const run_context *ctx, const case_shape *shape, const case_options *opt, case_result *res,
                  rl_error *err)
{
    const weight_format *f = weight_format_find(shape->format);
    int use_cublas = strcmp(shape->kernel, "gemv_cublas") == 0 || strcmp(shape->kernel, "gemm_cublas") == 0;
    if (f == NULL || (use_cublas && f->scales != SCALE_NONE))
        return rl_error_set(err, "%s: no kernel for format %s", shape->kernel, shape->format);
    case_result_init(res);
    gemv_data h;
    if (gemv_data_make(&h, f, (int)shape->n, (int)shape->k, (int)shape->batch, opt->seed, err) != 0)
        return -1;
    gemv_dev d = {.h = &h, .use_cublas = use_cublas, .check_only = opt->check_only, .tuning = opt->gemv,
                  .broken = case_break_requested(shape)};
    uint16_t *y_host = malloc((size_t)h.n * h.batch * 2);
    int rc = y_host == NULL ? rl_error_set(err, "out of host memory") : gemv_dev_upload(&d, ctx, err);
    if (rc == 0)
        rc = gemv_check(&d, y_host, ctx->stream, res, err);
    res->working_set_bytes = d.nbuf * gemv_data_weight_bytes(&h);
    if (!use_cublas)
        res->kernel_unit = gemv_compute_unit(f, shape->batch > INT32_MAX ? INT32_MAX : (int)shape->batch,
                                             opt->gemv.path);
    if (rc == 0)
        rc = case_time_and_energy(ctx, opt, gemv_call, &d, res, err);
    free(y_host);
    gemv_dev_free(&d);
    gemv_data_free(&h);
    return rc;
}
