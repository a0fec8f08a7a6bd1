#include "decode_check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cuda_check.h"
#include "half.h"
#include "quant.h"

enum { FP16_BYTES = 2 };

double decode_chain_tolerance(const weight_format *f)
{
    return f->weight_bits >= 8 ? 0.02 : 0.1;
}

/* Rows [first, first + count) of launch l's weights, copied to the host. */
typedef struct host_rows {
    size_t code_bytes, scale_count; /* per row */
    uint8_t *codes;
    uint16_t *scales, *zeros;
} host_rows;

static void host_rows_free(host_rows *h)
{
    free(h->codes);
    free(h->scales);
    free(h->zeros);
}

static int host_rows_fetch(const decode_dev *d, uint64_t copy, size_t l, uint64_t first, uint64_t count,
                           host_rows *h, rl_error *err)
{
    const decode_launch *ln = &d->plan->launches[l];
    const weight_format *f = d->format;
    memset(h, 0, sizeof *h);
    h->code_bytes = decode_row_code_bytes(f, ln->k);
    h->scale_count = decode_row_scale_count(f, ln->k);
    h->codes = malloc(count * h->code_bytes);
    h->scales = h->scale_count ? malloc(count * h->scale_count * FP16_BYTES) : NULL;
    h->zeros = h->scale_count && d->zeros ? malloc(count * h->scale_count * FP16_BYTES) : NULL;
    if (h->codes == NULL || (h->scale_count && h->scales == NULL) || (h->scale_count && d->zeros && h->zeros == NULL))
        return rl_error_set(err, "out of host memory checking the decode step");
    const uint64_t row = ln->row0 + first;
    CUDA_TRY(err, cudaMemcpy(h->codes, d->w + copy * d->w_copy + d->w_off[ln->matrix] + row * h->code_bytes,
                             count * h->code_bytes, cudaMemcpyDeviceToHost));
    const size_t s_at = copy * d->s_copy + d->s_off[ln->matrix] + row * h->scale_count * FP16_BYTES;
    if (h->scales != NULL)
        CUDA_TRY(err, cudaMemcpy(h->scales, (const uint8_t *)d->scales + s_at, count * h->scale_count * FP16_BYTES,
                                 cudaMemcpyDeviceToHost));
    if (h->zeros != NULL)
        CUDA_TRY(err, cudaMemcpy(h->zeros, (const uint8_t *)d->zeros + s_at, count * h->scale_count * FP16_BYTES,
                                 cudaMemcpyDeviceToHost));
    return 0;
}

/* Row i of h as floats: exactly the weights the GPU multiplies. */
static void dequant_row(const weight_format *f, uint64_t k, const host_rows *h, uint64_t i, float *out)
{
    const uint8_t *codes = h->codes + i * h->code_bytes;
    if (f->scales == SCALE_NONE) {
        for (uint64_t j = 0; j < k; j++) {
            uint16_t bits;
            memcpy(&bits, codes + j * FP16_BYTES, sizeof bits);
            out[j] = half_to_float(bits);
        }
        return;
    }
    quant_matrix q = {f, 1, k, (uint8_t *)codes, h->scales + i * h->scale_count,
                      h->zeros ? h->zeros + i * h->scale_count : NULL};
    quant_dequant_row(&q, 0, out);
}

/* The host copies: the GPU's outputs and input, and the CPU's chain. */
typedef struct check_state {
    const decode_dev *d;
    uint64_t copy;
    int full;
    uint16_t *y, *x0;       /* the GPU's */
    uint16_t *chain;        /* the CPU's outputs, y's layout (full only) */
    double max_rel_err;
    int finite;
} check_state;

static const uint16_t *input_of(const check_state *s, const uint16_t *outputs, size_t l)
{
    const long in = s->d->plan->launches[l].input;
    return in < 0 ? s->x0 : outputs + s->d->y_off[in];
}

/* Rows of launch l: each against the GPU's input, and (full) the chain's
 * output from the chain's input. */
static int check_launch(check_state *s, size_t l, rl_error *err)
{
    const decode_dev *d = s->d;
    const decode_launch *ln = &d->plan->launches[l];
    const uint64_t batch = d->plan->batch, n = ln->n, k = ln->k;
    const uint64_t rows = s->full ? n : (n < DECODE_CHECK_ROWS ? n : DECODE_CHECK_ROWS);
    double *errs = malloc(rows * batch * sizeof *errs);
    host_rows all = {0};
    int rc = errs == NULL ? rl_error_set(err, "out of host memory checking the decode step") : 0;
    if (rc == 0 && s->full)
        rc = host_rows_fetch(d, s->copy, l, 0, n, &all, err);
    const uint16_t *x_gpu = input_of(s, s->y, l);
    const uint16_t *x_cpu = s->full ? input_of(s, s->chain, l) : NULL;
#pragma omp parallel for schedule(dynamic, 16) if (s->full)
    for (uint64_t i = 0; i < rows; i++) {
        if (rc != 0)
            continue;
        const uint64_t r = s->full || rows == n ? i : i * (n - 1) / (rows - 1);
        host_rows one = {0};
        float *w = malloc(k * sizeof *w);
        rl_error row_err;
        int ok = w != NULL && (s->full || host_rows_fetch(d, s->copy, l, r, 1, &one, &row_err) == 0);
        if (ok) {
            dequant_row(d->format, k, s->full ? &all : &one, s->full ? r : 0, w);
            for (uint64_t j = 0; j < batch; j++) {
                double ref = 0.0, scale = 0.0, chain = 0.0;
                for (uint64_t c = 0; c < k; c++) {
                    const double wx = (double)w[c] * half_to_float(x_gpu[j * k + c]);
                    ref += wx;
                    scale += fabs(wx);
                    if (x_cpu != NULL)
                        chain += (double)w[c] * half_to_float(x_cpu[j * k + c]);
                }
                const double y = half_to_float(s->y[d->y_off[l] + j * n + r]);
                errs[i * batch + j] = fabs(y - ref) / (scale > 0.0 ? scale : 1.0);
                if (x_cpu != NULL)
                    s->chain[d->y_off[l] + j * n + r] = half_from_float((float)chain);
            }
        }
        host_rows_free(&one);
        free(w);
        if (!ok) {
#pragma omp critical
            rc = rl_error_set(err, "cannot read back launch %zu's weights to check the decode step", l);
        }
    }
    for (uint64_t i = 0; rc == 0 && i < rows * batch; i++) {
        if (!isfinite(errs[i]))
            s->finite = 0;
        else if (errs[i] > s->max_rel_err)
            s->max_rel_err = errs[i];
    }
    host_rows_free(&all);
    free(errs);
    return rc;
}

/* ||y - chain|| / ||chain|| over the last launch's outputs. */
static double chain_error(const check_state *s)
{
    const decode_plan *p = s->d->plan;
    const size_t last = p->nlaunches - 1, at = s->d->y_off[last];
    double diff = 0.0, norm = 0.0;
    for (uint64_t i = 0; i < p->launches[last].n * p->batch; i++) {
        const double y = half_to_float(s->y[at + i]), c = half_to_float(s->chain[at + i]);
        diff += (y - c) * (y - c);
        norm += c * c;
    }
    return norm > 0.0 ? sqrt(diff / norm) : INFINITY;
}

/* One run of the step, outputs poisoned first; the broken stage as
 * decode_check.h says. */
static int run_step(const decode_dev *d, uint64_t copy, long break_launch, cudaStream_t stream, rl_error *err)
{
    const decode_plan *p = d->plan;
    CUDA_TRY(err, cudaMemsetAsync(d->y, 0xff, d->y_elems * FP16_BYTES, stream));
    if (break_launch < 0) {
        CUDA_TRY(err, cudaGraphLaunch(d->graphs[copy], stream));
    } else {
        for (size_t l = 0; l < p->nlaunches; l++) {
            const int broken = (long)l == break_launch;
            if (broken && p->input_k < p->launches[l].k)
                continue; /* never run */
            const gemv_args a = decode_dev_args(d, l, copy, broken ? -1 : -2);
            if (gemv_launch(&a, stream, err) != 0)
                return -1;
        }
    }
    CUDA_TRY(err, cudaStreamSynchronize(stream));
    return 0;
}

int decode_check_run(const decode_dev *d, uint64_t copy, int full, long break_launch, double gemv_tol,
                     cudaStream_t stream, decode_check_result *out, rl_error *err)
{
    const decode_plan *p = d->plan;
    memset(out, 0, sizeof *out);
    check_state s = {.d = d, .copy = copy, .full = full, .finite = 1};
    const size_t x0_elems = p->input_k * p->batch;
    s.y = malloc(d->y_elems * FP16_BYTES);
    s.x0 = malloc(x0_elems * FP16_BYTES);
    s.chain = full ? malloc(d->y_elems * FP16_BYTES) : NULL;
    int rc = s.y == NULL || s.x0 == NULL || (full && s.chain == NULL)
                 ? rl_error_set(err, "out of host memory checking the decode step")
                 : run_step(d, copy, break_launch, stream, err);
    if (rc == 0 && (cudaMemcpy(s.y, d->y, d->y_elems * FP16_BYTES, cudaMemcpyDeviceToHost) != cudaSuccess ||
                    cudaMemcpy(s.x0, d->x0, x0_elems * FP16_BYTES, cudaMemcpyDeviceToHost) != cudaSuccess))
        rc = rl_error_set(err, "cannot copy the decode step's outputs back: %s", cudaGetErrorString(cudaGetLastError()));
    if (s.chain != NULL)
        memset(s.chain, 0xff, d->y_elems * FP16_BYTES);
    for (size_t l = 0; rc == 0 && l < p->nlaunches; l++)
        rc = check_launch(&s, l, err);
    if (rc == 0) {
        out->finite = s.finite;
        out->max_rel_err = s.max_rel_err;
        out->ok = s.finite && s.max_rel_err <= gemv_tol;
        if (full) {
            out->chain_checked = 1;
            out->chain_rel_err = chain_error(&s);
            out->ok = out->ok && out->chain_rel_err <= decode_chain_tolerance(d->format);
        }
    }
    free(s.y);
    free(s.x0);
    free(s.chain);
    return rc;
}
