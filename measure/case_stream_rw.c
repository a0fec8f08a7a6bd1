#include "case_stream_rw.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "case_energy.h"
#include "cuda_check.h"
#include "kernels.h"
#include "rng.h"

#define TRIAD_SCALAR 0.4
/* copy is exact; triad differs from the CPU's fma only if the compiler
 * did not contract b + s*c, by one rounding */
#define STREAM_RW_TOL 1e-15

typedef struct rw_case {
    int triad;
    uint64_t n;
    double *a, *b, *c; /* device */
} rw_case;

uint64_t case_stream_rw_elements(const run_context *ctx)
{
    uint64_t n = (uint64_t)1 << 28;
    while (n > 1024 && 3 * n * sizeof(double) > ctx->memory_bytes / 2)
        n /= 2;
    return n;
}

static int rw_call(void *state, long i, cudaStream_t stream, rl_error *err)
{
    (void)i; /* arrays of 2 GiB: far past L2, nothing to rotate */
    rw_case *p = state;
    return p->triad ? stream_triad_launch(p->a, p->b, p->c, TRIAD_SCALAR, p->n, stream, err)
                    : stream_copy_launch(p->a, p->c, p->n, stream, err);
}

static void fill(double *v, uint64_t n, uint64_t seed)
{
#pragma omp parallel for schedule(static)
    for (int64_t blk = 0; blk < (int64_t)((n + 65535) / 65536); blk++) {
        rng r;
        rng_seed_stream(&r, seed, (uint64_t)blk);
        for (uint64_t i = (uint64_t)blk * 65536; i < n && i < (uint64_t)(blk + 1) * 65536; i++)
            v[i] = rng_uniform(&r, -1.0f, 1.0f);
    }
}

/* Runs once on fresh random arrays and compares every element. */
static int rw_check(rw_case *p, const case_options *opt, cudaStream_t stream, case_result *res, rl_error *err)
{
    size_t bytes = p->n * sizeof(double);
    double *b = malloc(bytes), *c = malloc(bytes), *got = malloc(bytes);
    int rc = b && c && got ? 0 : rl_error_set(err, "out of host memory for %zu-byte arrays", bytes);
    /* copy reads a into c; triad reads b and c into a */
    double *in1 = p->triad ? p->b : p->a, *out = p->triad ? p->a : p->c;
    if (rc == 0) {
        fill(b, p->n, opt->seed ^ 1);
        fill(c, p->n, opt->seed ^ 2);
        if (cudaMemcpy(in1, b, bytes, cudaMemcpyHostToDevice) != cudaSuccess ||
            (p->triad && cudaMemcpy(p->c, c, bytes, cudaMemcpyHostToDevice) != cudaSuccess) ||
            cudaMemset(out, 0xff, bytes) != cudaSuccess) /* poison: all-ones is a NaN */
            rc = rl_error_set(err, "cannot upload the stream arrays");
    }
    if (rc == 0)
        rc = rw_call(p, 0, stream, err);
    if (rc == 0 && (cudaStreamSynchronize(stream) != cudaSuccess ||
                    cudaMemcpy(got, out, bytes, cudaMemcpyDeviceToHost) != cudaSuccess))
        rc = rl_error_set(err, "stream: %s", cudaGetErrorString(cudaGetLastError()));
    if (rc == 0) {
        double worst = 0.0;
        int finite = 1;
#pragma omp parallel for schedule(static) reduction(max : worst) reduction(&& : finite)
        for (int64_t i = 0; i < (int64_t)p->n; i++) {
            double want = p->triad ? fma(TRIAD_SCALAR, c[i], b[i]) : b[i];
            double e = fabs(got[i] - want) / fmax(fabs(want), 1e-300);
            finite = finite && isfinite(e);
            worst = fmax(worst, isfinite(e) ? e : 0.0);
        }
        res->error_finite = finite;
        res->max_rel_err = worst;
        res->check_ok = finite && worst <= STREAM_RW_TOL;
    }
    free(b);
    free(c);
    free(got);
    return rc;
}

int case_stream_rw_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                       case_result *res, rl_error *err)
{
    rw_case p = {.triad = strcmp(shape->kernel, "stream_triad") == 0, .n = shape->n};
    case_result_init(res);
    size_t bytes = p.n * sizeof(double);
    /* a, b, c allocated in that order, as BabelStream does, b even for
     * copy: the first H100 run, with c then a back to back (2 GiB apart),
     * gave copy 2736 GB/s against BabelStream's 2994. */
    int rc = 0;
    if (cudaMalloc((void **)&p.a, bytes) != cudaSuccess || cudaMalloc((void **)&p.b, bytes) != cudaSuccess ||
        cudaMalloc((void **)&p.c, bytes) != cudaSuccess)
        rc = rl_error_set(err, "cannot allocate three %zu-byte stream arrays", bytes);
    if (rc == 0)
        rc = rw_check(&p, opt, ctx->stream, res, err);
    res->working_set_bytes = (p.triad ? 3 : 2) * (uint64_t)bytes; /* what the kernel touches */
    if (rc == 0)
        rc = case_time_and_energy(ctx, opt, rw_call, &p, res, err);
    cudaFree(p.a);
    cudaFree(p.b);
    cudaFree(p.c);
    return rc;
}
