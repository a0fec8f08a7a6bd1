#include "case_gemm_int8.h"

#include <stdlib.h>
#include <string.h>

#include "case_energy.h"
#include "cuda_check.h"
#include "gemm_int8_cublas.h"
#include "rng.h"

/* Whole columns and whole rows of y checked: every row and every column of
 * y has checked elements, at a CPU cost of CHECK_LINES * 2 * n * k
 * multiply-adds (2.1e9 at 16384, well under a second on every core). */
enum { CHECK_LINES = 4 };

/* 0x80 in every byte: y = -2139062144, which no product of int8 values
 * over k < 131072 terms can reach (|y| <= k * 2^14 < 2^31), so an element
 * the GEMM did not write fails the check. */
#define Y_POISON_BYTE 0x80

typedef struct gemm_int8_case {
    int n, k, batch;
    int8_t *w, *x; /* host: W[n][k], x[batch][k] */
    int8_t *w_dev, *x_dev;
    int32_t *y_dev;
    cublas_ctx *blas;
} gemm_int8_case;

case_shape case_gemm_int8_shape(const run_context *ctx)
{
    /* The int8 tensor peak grows with the SMs: 16384^3 x 2 ops is ~4.5 ms at
     * an H100 SXM's 1979 TOPS; 8192 (1.1e12 ops) and 4096 (1.4e11) keep
     * an L4 or an Orin Nano (~20 TOPS) in the milliseconds too. y (4
     * bytes an element) dominates the 6 * side^2 bytes; keep it all under a
     * quarter of device memory. */
    uint64_t side = ctx->sm_count >= 64 ? 16384 : ctx->sm_count >= 16 ? 8192 : 4096;
    while (side > 256 && 6 * side * side > ctx->memory_bytes / 4)
        side /= 2;
    return (case_shape){"gemm_int8_cublas", "int8", side, side, side, NULL, 0};
}

/* Random int8 in [-128, 127], each 64 KiB block from its own seed so the
 * blocks fill in parallel and the data stays reproducible from seed. */
static void fill_int8(int8_t *v, uint64_t count, uint64_t seed)
{
    enum { BLOCK = 65536 };
    int64_t blocks = (int64_t)((count + BLOCK - 1) / BLOCK);
#pragma omp parallel for schedule(static)
    for (int64_t blk = 0; blk < blocks; blk++) {
        rng r;
        rng_seed_stream(&r, seed, (uint64_t)blk);
        uint64_t end = (uint64_t)(blk + 1) * BLOCK < count ? (uint64_t)(blk + 1) * BLOCK : count;
        uint64_t bits = 0;
        for (uint64_t i = (uint64_t)blk * BLOCK, used = 8; i < end; i++, used++) {
            if (used == 8) {
                bits = rng_next_u64(&r);
                used = 0;
            }
            v[i] = (int8_t)(uint8_t)(bits >> (8 * used));
        }
    }
}

/* sum_j W[row][j] x[col][j] exactly, and sum_j |W x| (the yardstick). */
static int64_t dot_int8(const int8_t *a, const int8_t *b, int k, int64_t *mag)
{
    int64_t s = 0, m = 0;
    for (int j = 0; j < k; j++) {
        int32_t p = (int32_t)a[j] * (int32_t)b[j];
        s += p;
        m += p < 0 ? -p : p;
    }
    *mag = m;
    return s;
}

/* The lines checked: CHECK_LINES indices spread over [0, len), first and
 * last among them; fewer when len is small. Returns how many. */
static int pick_lines(int len, int *out)
{
    int n = 0;
    for (int i = 0; i < CHECK_LINES; i++) {
        int v = (int)((int64_t)i * (len - 1) / (CHECK_LINES - 1));
        if (n == 0 || out[n - 1] != v)
            out[n++] = v;
    }
    return n;
}

/* got[i] (i < count) against the CPU at (row(i), col(i)): a column when
 * is_col (rows 0..n-1 of column line), else a row (columns 0..batch-1 of
 * row line). Exact: any difference is wrong. */
static void compare_line(const gemm_int8_case *g, int is_col, int line, const int32_t *got, case_result *res)
{
    int count = is_col ? g->n : g->batch;
    double worst = 0.0;
#pragma omp parallel for schedule(static) reduction(max : worst)
    for (int i = 0; i < count; i++) {
        int row = is_col ? i : line, col = is_col ? line : i;
        int64_t mag;
        int64_t want = dot_int8(g->w + (size_t)row * g->k, g->x + (size_t)col * g->k, g->k, &mag);
        double e = (double)((int64_t)got[i] - want);
        e = (e < 0 ? -e : e) / (mag > 0 ? (double)mag : 1.0);
        worst = e > worst ? e : worst;
    }
    case_result_add_error(res, worst, 0.0, 1.0); /* folds the line's worst |y - ref| / sum|w x| in */
}

static int gemm_call(void *state, long i, cudaStream_t stream, rl_error *err)
{
    (void)i; /* W, x and y span 6 x side^2 bytes (1.6 GB at 16384): far past L2, and compute-bound anyway */
    (void)stream; /* the handle is bound to the run's stream */
    gemm_int8_case *g = state;
    return gemm_int8_cublas_launch(g->blas, g->w_dev, g->x_dev, g->y_dev, g->n, g->k, g->batch, err);
}

/* One call on poisoned y, then whole columns and rows against the CPU. */
static int gemm_check(gemm_int8_case *g, cudaStream_t stream, case_result *res, rl_error *err)
{
    size_t outs = (size_t)g->n * g->batch;
    CUDA_TRY(err, cudaMemsetAsync(g->y_dev, Y_POISON_BYTE, outs * sizeof(int32_t), stream));
    if (gemm_call(g, 0, stream, err) != 0)
        return -1;
    CUDA_TRY(err, cudaStreamSynchronize(stream));
    int longest = g->n > g->batch ? g->n : g->batch;
    int32_t *got = malloc((size_t)longest * sizeof *got);
    if (got == NULL)
        return rl_error_set(err, "out of host memory");
    int lines[CHECK_LINES] = {0}, rc = 0;
    int ncols = pick_lines(g->batch, lines);
    for (int c = 0; rc == 0 && c < ncols; c++) {
        if (cudaMemcpy(got, g->y_dev + (size_t)lines[c] * g->n, (size_t)g->n * sizeof *got,
                       cudaMemcpyDeviceToHost) != cudaSuccess)
            rc = rl_error_set(err, "cannot copy y back: %s", cudaGetErrorString(cudaGetLastError()));
        else
            compare_line(g, 1, lines[c], got, res);
    }
    int nrows = pick_lines(g->n, lines);
    for (int r = 0; rc == 0 && r < nrows; r++) {
        /* row r of y: one int32 per column, n apart */
        if (cudaMemcpy2D(got, sizeof *got, g->y_dev + lines[r], (size_t)g->n * sizeof *got, sizeof *got,
                         (size_t)g->batch, cudaMemcpyDeviceToHost) != cudaSuccess)
            rc = rl_error_set(err, "cannot copy y back: %s", cudaGetErrorString(cudaGetLastError()));
        else
            compare_line(g, 0, lines[r], got, res);
    }
    free(got);
    res->check_ok = res->error_finite && res->max_rel_err == 0.0; /* int32 is exact */
    return rc;
}

static int gemm_setup(gemm_int8_case *g, const run_context *ctx, uint64_t seed, rl_error *err)
{
    size_t wb = (size_t)g->n * g->k, xb = (size_t)g->batch * g->k;
    size_t yb = (size_t)g->n * g->batch * sizeof(int32_t);
    g->w = malloc(wb);
    g->x = malloc(xb);
    if (g->w == NULL || g->x == NULL)
        return rl_error_set(err, "out of host memory for the int8 GEMM data (%zu bytes)", wb + xb);
    fill_int8(g->w, wb, seed ^ 0x1);
    fill_int8(g->x, xb, seed ^ 0x2);
    if (cudaMalloc((void **)&g->w_dev, wb) != cudaSuccess || cudaMalloc((void **)&g->x_dev, xb) != cudaSuccess ||
        cudaMalloc((void **)&g->y_dev, yb) != cudaSuccess)
        return rl_error_set(err, "cannot allocate %zu bytes for the int8 GEMM", wb + xb + yb);
    CUDA_TRY(err, cudaMemcpy(g->w_dev, g->w, wb, cudaMemcpyHostToDevice));
    CUDA_TRY(err, cudaMemcpy(g->x_dev, g->x, xb, cudaMemcpyHostToDevice));
    g->blas = cublas_ctx_create(ctx->stream, err);
    return g->blas == NULL ? -1 : 0;
}

static void gemm_free(gemm_int8_case *g)
{
    cublas_ctx_destroy(g->blas);
    cudaFree(g->w_dev);
    cudaFree(g->x_dev);
    cudaFree(g->y_dev);
    free(g->w);
    free(g->x);
}

int case_gemm_int8_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                       case_result *res, rl_error *err)
{
    if (strcmp(shape->format, "int8") != 0 || shape->n == 0 || shape->k == 0 || shape->batch == 0 ||
        shape->n % 4 != 0 || shape->k % 4 != 0 || shape->n > 65536 || shape->k > 65536 || shape->batch > 65536)
        return rl_error_set(err, "%s: format int8, n and k multiples of 4, every side 1 to 65536", shape->kernel);
    gemm_int8_case g = {.n = (int)shape->n, .k = (int)shape->k, .batch = (int)shape->batch};
    case_result_init(res);
    res->working_set_bytes = shape->n * shape->k + shape->k * shape->batch + 4 * shape->n * shape->batch;
    int rc = gemm_setup(&g, ctx, opt->seed, err);
    if (rc == 0)
        rc = gemm_check(&g, ctx->stream, res, err);
    if (rc == 0)
        rc = case_time_and_energy(ctx, opt, gemm_call, &g, res, err);
    gemm_free(&g);
    return rc;
}
