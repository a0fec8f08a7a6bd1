#include "quant_accuracy.h"

#include <math.h>
#include <stdlib.h>

#include "act_quant.h"
#include "half.h"
#include "quant.h"
#include "rng.h"

enum { OUTLIER_ROW_EVERY = 100, OUTLIER_WEIGHT_EVERY = 1000 };
#define WEIGHT_STD 0.02

static double normal(rng *r)
{
    /* Box-Muller; u1 in (0, 1] so the log is finite */
    double u1 = 1.0 - (double)(rng_next_u64(r) >> 11) * (1.0 / 9007199254740992.0);
    double u2 = (double)(rng_next_u64(r) >> 11) * (1.0 / 9007199254740992.0);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

/* Student-t, 3 degrees of freedom, scaled to unit variance (var = 3). */
static double student_t3(rng *r)
{
    double z = normal(r), chi2 = 0.0;
    for (int i = 0; i < 3; i++) {
        double g = normal(r);
        chi2 += g * g;
    }
    return z / sqrt(chi2 / 3.0) / sqrt(3.0);
}

void quant_accuracy_weights(float *w, int n, int k, quant_dist dist, uint64_t seed)
{
    rng r;
    rng_seed(&r, seed);
    for (int i = 0; i < n; i++) {
        double row_scale = dist == QUANT_DIST_OUTLIERS && i % OUTLIER_ROW_EVERY == 0 ? 8.0 : 1.0;
        for (int j = 0; j < k; j++) {
            double v = dist == QUANT_DIST_GAUSSIAN ? normal(&r) : student_t3(&r);
            if (dist == QUANT_DIST_OUTLIERS && rng_next_u64(&r) % OUTLIER_WEIGHT_EVERY == 0)
                v *= 20.0;
            /* stored as fp16, like the fp16 reference the error is against */
            w[(size_t)i * k + j] = half_to_float(half_from_float((float)(WEIGHT_STD * row_scale * v)));
        }
    }
}

/* || Q(W) Q(x) - W x ||^2 and || W x ||^2 over all rows, in double; xq is
 * x as the format takes it (x itself for fp16 activations). */
static int accumulate(const quant_matrix *q, const float *w, const float *x, const float *xq, double *diff2,
                      double *ref2)
{
    float *row = malloc((size_t)q->k * sizeof *row);
    if (row == NULL)
        return -1;
    *diff2 = *ref2 = 0.0;
    for (uint64_t i = 0; i < q->n; i++) {
        if (q->format->scales != SCALE_NONE)
            quant_dequant_row(q, i, row);
        double yq = 0.0, yr = 0.0;
        for (uint64_t j = 0; j < q->k; j++) {
            double wij = w[i * q->k + j];
            yr += wij * x[j];
            yq += (q->format->scales != SCALE_NONE ? (double)row[j] : wij) * xq[j];
        }
        *diff2 += (yq - yr) * (yq - yr);
        *ref2 += yr * yr;
    }
    free(row);
    return 0;
}

int quant_accuracy_error(const weight_format *f, int n, int k, quant_dist dist, uint64_t seed, double *err)
{
    if (n <= 0 || k <= 0 || (f->scales != SCALE_NONE && !quant_shape_ok(f, (uint64_t)n, (uint64_t)k)))
        return -1;
    float *w = malloc((size_t)n * k * sizeof *w), *x = malloc((size_t)k * sizeof *x);
    float *xq = malloc((size_t)k * sizeof *xq);
    uint16_t *x16 = malloc((size_t)k * sizeof *x16);
    int8_t *x8 = malloc((size_t)k);
    quant_matrix q = {.format = f, .n = (uint64_t)n, .k = (uint64_t)k};
    int rc = w && x && xq && x16 && x8 ? 0 : -1;
    if (rc == 0 && f->scales != SCALE_NONE)
        rc = quant_matrix_alloc(&q, f, (uint64_t)n, (uint64_t)k);
    if (rc == 0) {
        quant_accuracy_weights(w, n, k, dist, seed);
        rng r;
        rng_seed(&r, seed ^ 0xa5a5a5a5a5a5a5a5ull);
        for (int j = 0; j < k; j++) {
            x16[j] = half_from_float((float)normal(&r));
            x[j] = xq[j] = half_to_float(x16[j]);
        }
        if (f->act_bits == 8) {
            uint16_t s;
            act_quant_column(x16, (uint64_t)k, x8, &s);
            for (int j = 0; j < k; j++)
                xq[j] = act_quant_value(x8, s, (uint64_t)j);
        }
        if (f->scales != SCALE_NONE)
            quant_quantize(w, &q);
        double diff2, ref2;
        rc = accumulate(&q, w, x, xq, &diff2, &ref2);
        if (rc == 0)
            *err = ref2 > 0.0 ? sqrt(diff2 / ref2) : 0.0;
    }
    if (f->scales != SCALE_NONE)
        quant_matrix_free(&q);
    free(w);
    free(x);
    free(xq);
    free(x16);
    free(x8);
    return rc;
}
