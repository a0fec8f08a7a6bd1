#include "gemv_data.h"

#include <stdlib.h>
#include <string.h>

#include "act_quant.h"
#include "half.h"
#include "rng.h"

static int make_fp16(gemv_data *d, uint64_t seed)
{
    d->w16 = malloc((size_t)d->n * d->k * sizeof *d->w16);
    if (d->w16 == NULL)
        return -1;
#pragma omp parallel for schedule(static)
    for (int i = 0; i < d->n; i++) {
        rng r;
        rng_seed_stream(&r, seed, (uint64_t)i); /* row i's own stream */
        for (int j = 0; j < d->k; j++)
            d->w16[(size_t)i * d->k + j] = half_from_float(rng_uniform(&r, -1.0f, 1.0f));
    }
    return 0;
}

static int make_quantized(gemv_data *d, uint64_t seed)
{
    if (quant_matrix_alloc(&d->q, d->format, (uint64_t)d->n, (uint64_t)d->k) != 0)
        return -1;
    float *w = malloc((size_t)d->n * d->k * sizeof *w);
    if (w == NULL)
        return -1;
#pragma omp parallel for schedule(static)
    for (int i = 0; i < d->n; i++) {
        rng r;
        rng_seed_stream(&r, seed, (uint64_t)i); /* row i's own stream */
        for (int j = 0; j < d->k; j++)
            w[(size_t)i * d->k + j] = rng_uniform(&r, -1.0f, 1.0f);
        quant_quantize_rows(w, &d->q, (uint64_t)i, (uint64_t)i + 1);
    }
    free(w);
    return 0;
}

/* One row of weights as floats, as the GPU sees them. */
static void weight_row(const gemv_data *d, int i, float *out)
{
    if (d->w16 != NULL)
        for (int j = 0; j < d->k; j++)
            out[j] = half_to_float(d->w16[(size_t)i * d->k + j]);
    else
        quant_dequant_row(&d->q, (uint64_t)i, out);
}

/* Which batch columns get a reference: all of a GEMV batch, a spread
 * sample (first and last included) of a GEMM-sized one. */
static int pick_columns(gemv_data *d)
{
    d->ncols = d->batch <= GEMV_DATA_FULL_CHECK_BATCH ? d->batch : GEMV_DATA_SAMPLED_COLS;
    d->cols = malloc((size_t)d->ncols * sizeof *d->cols);
    if (d->cols == NULL)
        return -1;
    for (int c = 0; c < d->ncols; c++)
        d->cols[c] = d->ncols == d->batch ? c : (int)((int64_t)c * (d->batch - 1) / (d->ncols - 1));
    return 0;
}

/* The fp16 activations quantized column by column, as the w8a8 kernel
 * takes them. */
static int make_int8_activations(gemv_data *d)
{
    d->x8 = malloc((size_t)d->k * d->batch);
    d->x_scales = malloc((size_t)d->batch * sizeof *d->x_scales);
    if (d->x8 == NULL || d->x_scales == NULL)
        return -1;
#pragma omp parallel for schedule(static)
    for (int b = 0; b < d->batch; b++)
        act_quant_column(d->x + (size_t)b * d->k, (uint64_t)d->k, d->x8 + (size_t)b * d->k, &d->x_scales[b]);
    return 0;
}

static int make_reference(gemv_data *d)
{
    if (pick_columns(d) != 0)
        return -1;
    size_t outs = (size_t)d->n * d->ncols;
    float *xf = malloc((size_t)d->k * d->ncols * sizeof *xf);
    d->ref = malloc(outs * sizeof *d->ref);
    d->scale = malloc(outs * sizeof *d->scale);
    if (xf == NULL || d->ref == NULL || d->scale == NULL) {
        free(xf);
        return -1;
    }
    for (int c = 0; c < d->ncols; c++) {
        const size_t col = (size_t)d->cols[c];
        for (int j = 0; j < d->k; j++)
            xf[(size_t)c * d->k + j] = d->x8 != NULL
                                           ? act_quant_value(d->x8 + col * d->k, d->x_scales[col], (uint64_t)j)
                                           : half_to_float(d->x[col * d->k + j]);
    }
    int failed = 0;
#pragma omp parallel
    {
        float *row = malloc((size_t)d->k * sizeof *row);
        if (row == NULL)
            failed = 1;
#pragma omp for schedule(static)
        for (int i = 0; i < d->n; i++) {
            if (row == NULL)
                continue;
            weight_row(d, i, row);
            for (int c = 0; c < d->ncols; c++) {
                const float *xc = xf + (size_t)c * d->k;
                double acc = 0.0, mag = 0.0;
                for (int j = 0; j < d->k; j++) {
                    double p = (double)row[j] * xc[j];
                    acc += p;
                    mag += p < 0 ? -p : p;
                }
                d->ref[(size_t)c * d->n + i] = acc;
                d->scale[(size_t)c * d->n + i] = mag;
            }
        }
        free(row);
    }
    free(xf);
    return failed ? -1 : 0;
}

int gemv_data_make(gemv_data *d, const weight_format *f, int n, int k, int batch, uint64_t seed, rl_error *err)
{
    memset(d, 0, sizeof *d);
    *d = (gemv_data){.format = f, .n = n, .k = k, .batch = batch};
    d->x = malloc((size_t)k * batch * sizeof *d->x);
    if (d->x == NULL)
        return rl_error_set(err, "out of host memory for a %dx%d gemv", n, k);
    /* Activations row by row in parallel: a GEMM-sized batch is 64M values. */
#pragma omp parallel for schedule(static)
    for (int b = 0; b < batch; b++) {
        rng rb;
        rng_seed_stream(&rb, seed ^ 0x5851f42d4c957f2dull, (uint64_t)b);
        for (int j = 0; j < k; j++)
            d->x[(size_t)b * k + j] = half_from_float(rng_uniform(&rb, -1.0f, 1.0f));
    }
    int rc = f->scales == SCALE_NONE ? make_fp16(d, seed) : make_quantized(d, seed);
    if (rc == 0 && f->act_bits == 8)
        rc = make_int8_activations(d);
    if (rc == 0)
        rc = make_reference(d);
    if (rc != 0)
        return rl_error_set(err, "out of host memory for a %dx%d %s gemv", n, k, f->name);
    return 0;
}

void gemv_data_free(gemv_data *d)
{
    free(d->w16);
    quant_matrix_free(&d->q);
    free(d->x);
    free(d->x8);
    free(d->x_scales);
    free(d->ref);
    free(d->scale);
    free(d->cols);
    memset(d, 0, sizeof *d);
}

uint64_t gemv_data_weight_bytes(const gemv_data *d)
{
    return weight_format_matrix_bytes(d->format, (uint64_t)d->n, (uint64_t)d->k);
}
