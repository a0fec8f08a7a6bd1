#include "case_peak.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "case_energy.h"
#include "cuda_check.h"
#include "half.h"
#include "peak_launch.h"

enum { PEAK_BLOCKS_PER_SM = 8, PEAK_OPS_PER_THREAD = 65536, PEAK_CHECKED_THREADS = 4096 };

/* fp32 and dp4a replay exactly; fp16x2 may differ by a double rounding
 * (double -> float -> half) at a tie, damped by the converging chain. */
#define PEAK_TOL_EXACT 0.0
#define PEAK_TOL_FP16 1e-2

typedef struct peak_case {
    peak_kind kind;
    int blocks, iters;
    void *out_dev;
} peak_case;

static int kind_of(const char *kernel, peak_kind *kind)
{
    static const struct {
        const char *name;
        peak_kind kind;
    } kinds[] = {{"fma_fp32", PEAK_FMA_FP32}, {"hfma2_fp16", PEAK_HFMA2}, {"dp4a_int8", PEAK_DP4A}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].name, kernel) == 0) {
            *kind = kinds[i].kind;
            return 0;
        }
    return -1;
}

case_shape case_peak_shape(const run_context *ctx, const char *kernel)
{
    static const struct {
        const char *kernel, *format;
    } formats[] = {{"fma_fp32", "fp32"}, {"hfma2_fp16", "fp16"}, {"dp4a_int8", "int8"}};
    const char *format = "fp32";
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].kernel, kernel) == 0)
            format = formats[i].format;
    uint64_t threads = (uint64_t)ctx->sm_count * PEAK_BLOCKS_PER_SM * (uint64_t)peak_threads_per_block();
    return (case_shape){kernel, format, threads, PEAK_OPS_PER_THREAD, 1, NULL, 0};
}

static float replay_fp32(int tid, int iters)
{
    float s = 0.0f;
    for (int i = 0; i < PEAK_CHAINS; i++) {
        float x = peak_fp32_start(tid, i);
        for (int it = 0; it < iters; it++)
            x = fmaf(x, PEAK_B, PEAK_C);
        s += x;
    }
    return s;
}

static float round_half(double v)
{
    return half_to_float(half_from_float((float)v));
}

/* One lane of the fp16x2 chains, each step rounded to fp16 once. */
static float replay_fp16(int tid, int lane, int iters)
{
    float s = 0.0f;
    for (int i = 0; i < PEAK_CHAINS; i++) {
        float x = round_half(peak_fp16_start(tid, i, lane));
        for (int it = 0; it < iters; it++)
            x = round_half((double)x * PEAK_B + PEAK_C);
        s = round_half((double)s + x);
    }
    return s;
}

static uint32_t replay_dp4a(int tid, int iters)
{
    uint32_t s = 0;
    for (int i = 0; i < PEAK_CHAINS; i++) {
        uint32_t x = (uint32_t)peak_int_start(tid, i);
        for (int it = 0; it < iters; it++) {
            int32_t dot = 0;
            for (int byte = 0; byte < 4; byte++)
                dot += (int8_t)(x >> (8 * byte)) * (int8_t)((uint32_t)PEAK_DP4A_B >> (8 * byte));
            x += (uint32_t)dot;
        }
        s += x;
    }
    return s;
}

/* Replays a spread sample of threads on the CPU and compares. */
static void peak_compare(const peak_case *p, const uint32_t *out, case_result *res)
{
    int threads = p->blocks * peak_threads_per_block();
    int step = threads / PEAK_CHECKED_THREADS > 0 ? threads / PEAK_CHECKED_THREADS : 1;
    double worst = 0.0;
    int finite = 1;
#pragma omp parallel for schedule(dynamic) reduction(max : worst) reduction(&& : finite)
    for (int tid = 0; tid < threads; tid += step) {
        double e = 0.0;
        if (p->kind == PEAK_FMA_FP32) {
            float got, want = replay_fp32(tid, p->iters);
            memcpy(&got, &out[tid], sizeof got);
            e = fabs((double)got - want) / fmax(fabs(want), 1e-30);
        } else if (p->kind == PEAK_HFMA2) {
            for (int lane = 0; lane < 2; lane++) {
                float got = half_to_float((uint16_t)(out[tid] >> (16 * lane)));
                float want = replay_fp16(tid, lane, p->iters);
                e = fmax(e, fabs((double)got - want) / fmax(fabs(want), 1e-30));
            }
        } else {
            e = out[tid] == replay_dp4a(tid, p->iters) ? 0.0 : 1.0;
        }
        finite = finite && isfinite(e);
        worst = fmax(worst, isfinite(e) ? e : 0.0);
    }
    res->error_finite = finite;
    res->max_rel_err = worst;
    res->check_ok = finite && worst <= (p->kind == PEAK_HFMA2 ? PEAK_TOL_FP16 : PEAK_TOL_EXACT);
}

static int peak_call(void *state, long i, cudaStream_t stream, rl_error *err)
{
    (void)i; /* compute-bound: no buffers to rotate */
    peak_case *p = state;
    return peak_launch(p->kind, p->out_dev, p->blocks, p->iters, stream, err);
}

static int peak_check(peak_case *p, cudaStream_t stream, case_result *res, rl_error *err)
{
    size_t bytes = (size_t)p->blocks * peak_threads_per_block() * 4;
    uint32_t *out = malloc(bytes);
    if (out == NULL)
        return rl_error_set(err, "out of host memory");
    int rc = 0;
    if (cudaMemsetAsync(p->out_dev, 0xff, bytes, stream) != cudaSuccess || peak_call(p, 0, stream, err) != 0 ||
        cudaMemcpyAsync(out, p->out_dev, bytes, cudaMemcpyDeviceToHost, stream) != cudaSuccess ||
        cudaStreamSynchronize(stream) != cudaSuccess)
        rc = err->text[0] ? -1 : rl_error_set(err, "peak: %s", cudaGetErrorString(cudaGetLastError()));
    if (rc == 0)
        peak_compare(p, out, res);
    free(out);
    return rc;
}

int case_peak_run(const run_context *ctx, const case_shape *shape, const case_options *opt, case_result *res,
                  rl_error *err)
{
    peak_case p = {.blocks = (int)(shape->n / (uint64_t)peak_threads_per_block()),
                   .iters = (int)(shape->k / PEAK_CHAINS)};
    if (kind_of(shape->kernel, &p.kind) != 0 || shape->n % (uint64_t)peak_threads_per_block() != 0 ||
        shape->k % PEAK_CHAINS != 0)
        return rl_error_set(err, "%s: no such peak kernel or shape", shape->kernel);
    case_result_init(res);
    err->text[0] = '\0';
    CUDA_TRY(err, cudaMalloc(&p.out_dev, shape->n * 4));
    int rc = peak_check(&p, ctx->stream, res, err);
    res->working_set_bytes = shape->n * 4;
    if (rc == 0)
        rc = case_time_and_energy(ctx, opt, peak_call, &p, res, err);
    cudaFree(p.out_dev);
    return rc;
}
