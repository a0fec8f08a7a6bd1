#include "case_gemv.h"

#include <stdlib.h>
#include <string.h>

#include "case_energy.h"
#include "case_stream.h"
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
    int n_call;      /* rows each call computes: h->n, or more for gemv_issue */
    int rows_stored; /* gemv_issue: h->n, the rows the weights hold; else 0 */
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
    d->nbuf = d->rows_stored > 0 ? 1
                                 : case_rotation_count(gemv_data_weight_bytes(h),
                                                       d->check_only ? 0 : run_context_cold_bytes(ctx));
    CUDA_TRY(err, cudaMalloc((void **)&d->w, d->nbuf * d->w_bytes));
    CUDA_TRY(err, cudaMalloc((void **)&d->x, (size_t)h->k * h->batch * 2));
    CUDA_TRY(err, cudaMalloc((void **)&d->y, (size_t)d->n_call * h->batch * 2));
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
        .n = d->n_call,
        .k = h->k,
        .batch = h->batch,
        .group_size = (int)quant_group_size(h->format, (uint64_t)h->k),
        .split = d->tuning.split,
        .tight = d->tuning.tight,
        .rows = d->tuning.rows,
        .path = d->tuning.path,
        .x_smem = d->tuning.x_smem,
        .rows_stored = d->rows_stored,
    };
    return gemv_launch(&a, stream, err);
}

/* Runs once on every rotated buffer with the output poisoned (0xffff is
 * an fp16 NaN) before each call, so an unwritten element fails. */
static int gemv_check(gemv_dev *d, uint16_t *y_host, cudaStream_t stream, case_result *res, rl_error *err)
{
    const gemv_data *h = d->h;
    size_t outs = (size_t)d->n_call * h->batch;
    for (uint64_t b = 0; b < d->nbuf; b++) {
        CUDA_TRY(err, cudaMemsetAsync(d->y, 0xff, outs * 2, stream));
        if (gemv_call(d, (long)b, stream, err) != 0)
            return -1;
        CUDA_TRY(err, cudaMemcpyAsync(y_host, d->y, outs * 2, cudaMemcpyDeviceToHost, stream));
        CUDA_TRY(err, cudaStreamSynchronize(stream));
        if (d->broken) /* test only: one output off by half its yardstick */
            y_host[(size_t)h->cols[0] * d->n_call] = half_from_float((float)(h->ref[0] + 0.5 * h->scale[0]));
        for (int c = 0; c < h->ncols; c++) {
            const uint16_t *yc = y_host + (size_t)h->cols[c] * d->n_call;
            for (int i = 0; i < d->n_call; i++) { /* gemv_issue: row i is stored row i mod h->n */
                const size_t at = (size_t)c * h->n + (size_t)(i % h->n);
                case_result_add_error(res, half_to_float(yc[i]), h->ref[at], h->scale[at]);
            }
        }
    }
    res->check_ok = res->error_finite && res->max_rel_err <= gemv_tolerance(h->format);
    return 0;
}

uint64_t case_gemv_issue_rows_stored(const run_context *ctx, const weight_format *f, uint64_t k)
{
    const uint64_t row_bytes = weight_format_matrix_bytes(f, 1, k);
    const uint64_t bytes = case_stream_l2_elements(ctx) * sizeof(float); /* a quarter of the L2 */
    const uint64_t rows = row_bytes > 0 ? bytes / row_bytes / 64 * 64 : 0;
    return rows < 64 ? 64 : rows;
}

case_shape case_gemv_issue_shape(const run_context *ctx, const char *format, int check)
{
    const weight_format *f = weight_format_find(format);
    const uint64_t stored = f != NULL ? case_gemv_issue_rows_stored(ctx, f, GEMV_ISSUE_K) : 64;
    uint64_t passes = (GEMV_ISSUE_WEIGHTS / GEMV_ISSUE_K + stored - 1) / stored;
    uint64_t n = check ? 3 * stored + 5 : (passes < 2 ? 2 : passes) * stored;
    if (n > INT32_MAX / 2)
        n = INT32_MAX / 2 / stored * stored;
    return (case_shape){"gemv_issue", format, n, GEMV_ISSUE_K, 1, NULL, 0};
}

int case_gemv_run(const run_context *ctx, const case_shape *shape, const case_options *opt, case_result *res,
                  rl_error *err)
{
    const weight_format *f = weight_format_find(shape->format);
    int use_cublas = strcmp(shape->kernel, "gemv_cublas") == 0 || strcmp(shape->kernel, "gemm_cublas") == 0;
    int issue = strcmp(shape->kernel, "gemv_issue") == 0;
    if (f == NULL || (use_cublas && f->scales != SCALE_NONE))
        return rl_error_set(err, "%s: no kernel for format %s", shape->kernel, shape->format);
    if (issue && shape->batch != 1)
        return rl_error_set(err, "gemv_issue: batch 1 only (got %llu)", (unsigned long long)shape->batch);
    case_result_init(res);
    /* gemv_issue: the data (and its CPU reference) hold the stored rows only */
    uint64_t stored = issue ? case_gemv_issue_rows_stored(ctx, f, shape->k) : shape->n;
    if (stored > shape->n)
        stored = shape->n;
    gemv_data h;
    if (gemv_data_make(&h, f, (int)stored, (int)shape->k, (int)shape->batch, opt->seed, err) != 0)
        return -1;
    gemv_dev d = {.h = &h, .use_cublas = use_cublas, .check_only = opt->check_only, .tuning = opt->gemv,
                  .broken = case_break_requested(shape), .n_call = (int)shape->n,
                  .rows_stored = issue ? (int)stored : 0};
    uint16_t *y_host = malloc((size_t)d.n_call * h.batch * 2);
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
