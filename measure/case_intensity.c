#include "case_intensity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "case_energy.h"
#include "cuda_check.h"
#include "intensity_launch.h"
#include "rng.h"

enum { INTENSITY_BLOCKS_PER_SM = 8, INTENSITY_CHECKED_THREADS = 2048 };

typedef struct intensity_case {
    uint64_t n;
    int steps, blocks;
    float *a_dev, *sums_dev;
} intensity_case;

uint64_t case_intensity_elements(const run_context *ctx)
{
    uint64_t n = (uint64_t)1 << 26;
    while (n * 4 < 8 * (uint64_t)ctx->l2_bytes)
        n *= 2;
    return n;
}

static int intensity_call(void *state, long i, cudaStream_t stream, rl_error *err)
{
    (void)i; /* >= 8x L2: nothing to rotate */
    intensity_case *p = state;
    return intensity_launch(p->a_dev, p->n, p->sums_dev, p->blocks, p->steps, stream, err);
}

/* Thread tid's sum, replayed in the kernel's order: exact in fp32. */
static float replay(const float *a, uint64_t n, int steps, size_t tid, size_t threads)
{
    float acc = 0.0f;
    for (size_t i = tid; i < n / 4; i += threads) {
        float e[4];
        for (int l = 0; l < 4; l++) {
            e[l] = a[4 * i + l];
            for (int s = 0; s < steps; s++)
                e[l] = fmaf(e[l], INTENSITY_B, INTENSITY_C);
        }
        acc += (e[0] + e[1]) + (e[2] + e[3]);
    }
    return acc;
}

static int intensity_check(intensity_case *p, const case_options *opt, cudaStream_t stream, case_result *res,
                           rl_error *err)
{
    size_t threads = (size_t)p->blocks * intensity_threads_per_block();
    float *a = malloc(p->n * sizeof *a), *sums = malloc(threads * sizeof *sums);
    int rc = a && sums ? 0 : rl_error_set(err, "out of host memory");
    if (rc == 0) {
        rng r;
        rng_seed(&r, opt->seed ^ 0x1f2e3d4c5b6a7988ull);
        for (uint64_t i = 0; i < p->n; i++)
            a[i] = rng_uniform(&r, -1.0f, 1.0f);
        if (cudaMemcpy(p->a_dev, a, p->n * sizeof *a, cudaMemcpyHostToDevice) != cudaSuccess ||
            cudaMemset(p->sums_dev, 0xff, threads * sizeof *sums) != cudaSuccess)
            rc = rl_error_set(err, "cannot upload the intensity data");
    }
    if (rc == 0)
        rc = intensity_call(p, 0, stream, err);
    if (rc == 0 && (cudaStreamSynchronize(stream) != cudaSuccess ||
                    cudaMemcpy(sums, p->sums_dev, threads * sizeof *sums, cudaMemcpyDeviceToHost) != cudaSuccess))
        rc = rl_error_set(err, "intensity: %s", cudaGetErrorString(cudaGetLastError()));
    if (rc == 0) {
        size_t step = threads / INTENSITY_CHECKED_THREADS > 0 ? threads / INTENSITY_CHECKED_THREADS : 1;
        double worst = 0.0;
        int finite = 1;
#pragma omp parallel for schedule(dynamic) reduction(max : worst) reduction(&& : finite)
        for (int64_t t = 0; t < (int64_t)threads; t += (int64_t)step) {
            float want = replay(a, p->n, p->steps, (size_t)t, threads);
            double e = fabs((double)sums[t] - want) / fmax(fabs(want), 1e-30);
            finite = finite && isfinite(e);
            worst = fmax(worst, isfinite(e) ? e : 0.0);
        }
        res->error_finite = finite;
        res->max_rel_err = worst;
        res->check_ok = finite && worst == 0.0; /* same operations in the same order */
    }
    free(a);
    free(sums);
    return rc;
}

int case_intensity_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                       case_result *res, rl_error *err)
{
    intensity_case p = {.n = shape->n, .steps = (int)shape->k, .blocks = ctx->sm_count * INTENSITY_BLOCKS_PER_SM};
    case_result_init(res);
    size_t threads = (size_t)p.blocks * intensity_threads_per_block();
    CUDA_TRY(err, cudaMalloc((void **)&p.a_dev, p.n * sizeof(float)));
    int rc = cudaMalloc((void **)&p.sums_dev, threads * sizeof(float)) == cudaSuccess
                 ? 0
                 : rl_error_set(err, "cannot allocate the intensity sums");
    if (rc == 0)
        rc = intensity_check(&p, opt, ctx->stream, res, err);
    res->working_set_bytes = p.n * sizeof(float);
    if (rc == 0)
        rc = case_time_and_energy(ctx, opt, intensity_call, &p, res, err);
    cudaFree(p.a_dev);
    cudaFree(p.sums_dev);
    return rc;
}
