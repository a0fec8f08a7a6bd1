#include "decode_dev.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cuda_check.h"
#include "kernels.h"
#include "quant.h"

enum { FP16_BYTES = 2 };

size_t decode_row_code_bytes(const weight_format *f, uint64_t k)
{
    return f->scales == SCALE_NONE ? (size_t)k * FP16_BYTES : (size_t)quant_codes_bytes(f, 1, k);
}

size_t decode_row_scale_count(const weight_format *f, uint64_t k)
{
    return f->scales == SCALE_NONE ? 0 : (size_t)quant_groups_per_row(f, k);
}

/* Offsets 256-byte aligned, so every matrix starts as cudaMalloc would. */
static size_t align256(size_t v)
{
    return (v + 255) & ~(size_t)255;
}

static int layout(decode_dev *d, rl_error *err)
{
    const decode_plan *p = d->plan;
    d->w_off = calloc(p->nmatrices, sizeof *d->w_off);
    d->s_off = calloc(p->nmatrices, sizeof *d->s_off);
    d->y_off = calloc(p->nlaunches, sizeof *d->y_off);
    if (d->w_off == NULL || d->s_off == NULL || d->y_off == NULL)
        return rl_error_set(err, "out of host memory for the decode step's layout");
    for (size_t m = 0; m < p->nmatrices; m++) {
        const decode_matrix *mx = &p->matrices[m];
        d->w_off[m] = d->w_copy;
        d->s_off[m] = d->s_copy;
        d->w_copy = align256(d->w_copy + mx->n * decode_row_code_bytes(d->format, mx->k));
        d->s_copy = align256(d->s_copy + mx->n * decode_row_scale_count(d->format, mx->k) * FP16_BYTES);
    }
    for (size_t l = 0; l < p->nlaunches; l++) {
        d->y_off[l] = d->y_elems;
        d->y_elems += (align256(p->launches[l].n * p->batch * FP16_BYTES)) / FP16_BYTES;
    }
    return 0;
}

/* The scale s0 that gives a row of K weights s0 * (u - z) unit gain:
 * K * s0^2 * var(u - z) = 1, codes uniform over 2^b values. */
static float unit_gain_scale(unsigned bits, uint64_t k)
{
    const double levels = (double)(1u << bits);
    return (float)(1.0 / sqrt((double)k * (levels * levels - 1.0) / 12.0));
}

static int fill(decode_dev *d, uint64_t seed, cudaStream_t stream, rl_error *err)
{
    const decode_plan *p = d->plan;
    const weight_format *f = d->format;
    uint64_t stream_id = seed * 1000003u;
    for (uint64_t c = 0; c < d->copies; c++)
        for (size_t m = 0; m < p->nmatrices; m++) {
            const decode_matrix *mx = &p->matrices[m];
            uint8_t *w = d->w + c * d->w_copy + d->w_off[m];
            if (f->scales == SCALE_NONE) {
                const float a = (float)sqrt(3.0 / (double)mx->k);
                if (synth_fill_half((uint16_t *)w, mx->n * mx->k, -a, a, ++stream_id, stream, err) != 0)
                    return -1;
                continue;
            }
            const size_t groups = mx->n * decode_row_scale_count(f, mx->k);
            const size_t code_bytes = mx->n * decode_row_code_bytes(f, mx->k);
            const float s0 = unit_gain_scale(f->weight_bits, mx->k);
            uint16_t *s = (uint16_t *)((uint8_t *)d->scales + c * d->s_copy + d->s_off[m]);
            if (synth_fill_bytes(w, code_bytes, ++stream_id, stream, err) != 0 ||
                synth_fill_half(s, groups, 0.5f * s0, 1.5f * s0, ++stream_id, stream, err) != 0)
                return -1;
            if (d->zeros != NULL) {
                uint16_t *z = (uint16_t *)((uint8_t *)d->zeros + c * d->s_copy + d->s_off[m]);
                if (synth_fill_half(z, groups, 0.0f, (float)((1u << f->weight_bits) - 1), ++stream_id, stream,
                                    err) != 0)
                    return -1;
            }
        }
    const float x_max = (float)sqrt(3.0);
    return synth_fill_half(d->x0, p->input_k * p->batch, -x_max, x_max, ++stream_id, stream, err);
}

gemv_args decode_dev_args(const decode_dev *d, size_t l, uint64_t copy, long input_override)
{
    const decode_plan *p = d->plan;
    const decode_launch *ln = &p->launches[l];
    const weight_format *f = d->format;
    const long input = input_override >= -1 ? input_override : ln->input;
    const size_t scale_row = decode_row_scale_count(f, ln->k) * FP16_BYTES;
    const uint8_t *w = d->w + copy * d->w_copy + d->w_off[ln->matrix] + ln->row0 * decode_row_code_bytes(f, ln->k);
    const size_t s_at = copy * d->s_copy + d->s_off[ln->matrix] + ln->row0 * scale_row;
    return (gemv_args){
        .format = f,
        .w = w,
        .scales = d->scales ? (const uint16_t *)((const uint8_t *)d->scales + s_at) : NULL,
        .zeros = d->zeros ? (const uint16_t *)((const uint8_t *)d->zeros + s_at) : NULL,
        .x = input < 0 ? d->x0 : d->y + d->y_off[input],
        .y = d->y + d->y_off[l],
        .n = (int)ln->n,
        .k = (int)ln->k,
        .batch = (int)p->batch,
        .group_size = (int)quant_group_size(f, ln->k),
        .pdl = d->pdl,
        .early_chunks = d->early_chunks,
        .split = d->split,
        .x_smem = d->x_smem,
    };
}

/* One graph that runs every launch of the plan on weight copy `copy`. */
static int capture(decode_dev *d, uint64_t copy, cudaStream_t stream, cudaGraphExec_t *out, rl_error *err)
{
    CUDA_TRY(err, cudaStreamBeginCapture(stream, cudaStreamCaptureModeThreadLocal));
    int rc = 0;
    for (size_t l = 0; rc == 0 && l < d->plan->nlaunches; l++) {
        const gemv_args a = decode_dev_args(d, l, copy, -2);
        rc = gemv_launch(&a, stream, err);
    }
    cudaGraph_t graph = NULL;
    const cudaError_t end = cudaStreamEndCapture(stream, &graph); /* always: the stream leaves capture mode */
    if (rc == 0 && end != cudaSuccess)
        rc = rl_error_set(err, "capturing the decode step failed: %s", cudaGetErrorString(end));
    if (rc == 0 && cudaGraphInstantiate(out, graph, 0) != cudaSuccess)
        rc = rl_error_set(err, "instantiating the decode step's graph failed: %s",
                          cudaGetErrorString(cudaGetLastError()));
    if (graph != NULL)
        cudaGraphDestroy(graph);
    return rc;
}

int decode_dev_make(decode_dev *d, const decode_plan *p, const weight_format *f, uint64_t copies, int pdl,
                    int early_chunks, int split, int x_smem, uint64_t seed, cudaStream_t stream, rl_error *err)
{
    memset(d, 0, sizeof *d);
    d->plan = p;
    d->format = f;
    d->copies = copies;
    d->pdl = pdl;
    d->early_chunks = early_chunks;
    d->split = split;
    d->x_smem = x_smem;
    if (layout(d, err) != 0)
        goto fail;
    const size_t w_all = copies * d->w_copy, s_all = copies * d->s_copy;
    if (cudaMalloc((void **)&d->w, w_all) != cudaSuccess ||
        (s_all > 0 && cudaMalloc((void **)&d->scales, s_all) != cudaSuccess) ||
        (f->zero_point && cudaMalloc((void **)&d->zeros, s_all) != cudaSuccess) ||
        cudaMalloc((void **)&d->x0, p->input_k * p->batch * FP16_BYTES) != cudaSuccess ||
        cudaMalloc((void **)&d->y, d->y_elems * FP16_BYTES) != cudaSuccess) {
        rl_error_set(err, "cannot allocate the decode step on the device (%.2f GB of weights): %s",
                     (double)(w_all + 2 * s_all) / 1e9, cudaGetErrorString(cudaGetLastError()));
        goto fail;
    }
    if (fill(d, seed, stream, err) != 0)
        goto fail;
    d->graphs = calloc(copies, sizeof *d->graphs);
    if (d->graphs == NULL) {
        rl_error_set(err, "out of host memory for the decode step's graphs");
        goto fail;
    }
    for (uint64_t c = 0; c < copies; c++)
        if (capture(d, c, stream, &d->graphs[c], err) != 0)
            goto fail;
    return 0;
fail:
    decode_dev_free(d);
    return -1;
}

void decode_dev_free(decode_dev *d)
{
    for (uint64_t c = 0; d->graphs != NULL && c < d->copies; c++)
        if (d->graphs[c] != NULL)
            cudaGraphExecDestroy(d->graphs[c]);
    free(d->graphs);
    cudaFree(d->w);
    cudaFree(d->scales);
    cudaFree(d->zeros);
    cudaFree(d->x0);
    cudaFree(d->y);
    free(d->w_off);
    free(d->s_off);
    free(d->y_off);
    memset(d, 0, sizeof *d);
}
