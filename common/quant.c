#include "quant.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "half.h"

uint64_t quant_group_size(const weight_format *f, uint64_t k)
{
    return f->scales == SCALE_PER_GROUP ? f->group_size : k;
}

uint64_t quant_groups_per_row(const weight_format *f, uint64_t k)
{
    return k / quant_group_size(f, k);
}

uint64_t quant_codes_bytes(const weight_format *f, uint64_t n, uint64_t k)
{
    return n * k * f->weight_bits / 8;
}

double quant_symmetric_zero(unsigned bits)
{
    return ((double)(1u << bits) - 1.0) / 2.0;
}

int quant_shape_ok(const weight_format *f, uint64_t n, uint64_t k)
{
    if (f->scales == SCALE_NONE || n == 0 || k == 0)
        return 0;
    uint64_t per_16_bytes = 128 / f->weight_bits;
    return k % per_16_bytes == 0 && k % quant_group_size(f, k) == 0;
}

int quant_matrix_alloc(quant_matrix *q, const weight_format *f, uint64_t n, uint64_t k)
{
    memset(q, 0, sizeof *q);
    if (!quant_shape_ok(f, n, k))
        return -1;
    q->format = f;
    q->n = n;
    q->k = k;
    uint64_t nscales = n * quant_groups_per_row(f, k);
    q->codes = calloc(quant_codes_bytes(f, n, k), 1);
    q->scales = calloc(nscales, sizeof *q->scales);
    q->zeros = f->zero_point ? calloc(nscales, sizeof *q->zeros) : NULL;
    if (q->codes == NULL || q->scales == NULL || (f->zero_point && q->zeros == NULL)) {
        quant_matrix_free(q);
        return -1;
    }
    return 0;
}

void quant_matrix_free(quant_matrix *q)
{
    free(q->codes);
    free(q->scales);
    free(q->zeros);
    memset(q, 0, sizeof *q);
}

/* Word and bit of a code inside a row (see the layout in quant.h). */
static void code_position(unsigned bits, uint64_t col, uint64_t *word, unsigned *shift)
{
    unsigned per_word = 32 / bits;
    unsigned j = (unsigned)(col % per_word);
    *word = col / per_word;
    *shift = (j % 2 ? 16u : 0u) + bits * (j / 2);
}

static uint32_t *row_words(const quant_matrix *q, uint64_t row)
{
    return (uint32_t *)(q->codes + row * (q->k * q->format->weight_bits / 8));
}

uint32_t quant_code_get(const quant_matrix *q, uint64_t row, uint64_t col)
{
    uint64_t word;
    unsigned shift, bits = q->format->weight_bits;
    code_position(bits, col, &word, &shift);
    return (row_words(q, row)[word] >> shift) & ((1u << bits) - 1u);
}

void quant_code_set(quant_matrix *q, uint64_t row, uint64_t col, uint32_t code)
{
    uint64_t word;
    unsigned shift, bits = q->format->weight_bits;
    code_position(bits, col, &word, &shift);
    uint32_t mask = ((1u << bits) - 1u) << shift;
    uint32_t *w = &row_words(q, row)[word];
    *w = (*w & ~mask) | ((code << shift) & mask);
}

/* Scale and zero of one group, rounded to fp16 as stored. */
static void group_params(const quant_matrix *q, const float *w, uint64_t len, uint16_t *s_bits,
                         uint16_t *z_bits, double *s, double *z)
{
    unsigned bits = q->format->weight_bits;
    float lo = w[0], hi = w[0];
    for (uint64_t j = 1; j < len; j++) {
        lo = w[j] < lo ? w[j] : lo;
        hi = w[j] > hi ? w[j] : hi;
    }
    double levels = (double)((1u << bits) - 1u);
    double zero = quant_symmetric_zero(bits), scale;
    if (q->format->zero_point) {
        scale = (hi - lo) / levels;
        zero = scale > 0.0 ? -lo / scale : 0.0;
    } else {
        double amax = fmax(fabs(lo), fabs(hi));
        scale = amax / zero;
    }
    /* An all-zero group gets s = 0: it dequantizes to exact zeros. */
    *s_bits = half_from_float((float)scale);
    *z_bits = half_from_float((float)zero);
    *s = half_to_float(*s_bits);
    *z = q->format->zero_point ? half_to_float(*z_bits) : quant_symmetric_zero(bits);
}

void quant_quantize(const float *w, quant_matrix *q)
{
    quant_quantize_rows(w, q, 0, q->n);
}

void quant_quantize_rows(const float *w, quant_matrix *q, uint64_t first, uint64_t last)
{
    uint64_t g = quant_group_size(q->format, q->k), groups = q->k / g;
    double top = (double)((1u << q->format->weight_bits) - 1u);
    for (uint64_t r = first; r < last; r++)
        for (uint64_t gi = 0; gi < groups; gi++) {
            const float *src = w + r * q->k + gi * g;
            uint16_t s_bits, z_bits;
            double s, z;
            group_params(q, src, g, &s_bits, &z_bits, &s, &z);
            q->scales[r * groups + gi] = s_bits;
            if (q->zeros != NULL)
                q->zeros[r * groups + gi] = z_bits;
            for (uint64_t j = 0; j < g; j++) {
                double u = nearbyint(s > 0.0 ? src[j] / s + z : z);
                u = u < 0.0 ? 0.0 : (u > top ? top : u);
                quant_code_set(q, r, gi * g + j, (uint32_t)u);
            }
        }
}

void quant_dequant_row(const quant_matrix *q, uint64_t row, float *out)
{
    uint64_t g = quant_group_size(q->format, q->k), groups = q->k / g;
    double zsym = quant_symmetric_zero(q->format->weight_bits);
    for (uint64_t gi = 0; gi < groups; gi++) {
        double s = half_to_float(q->scales[row * groups + gi]);
        double z = q->zeros != NULL ? half_to_float(q->zeros[row * groups + gi]) : zsym;
        for (uint64_t j = 0; j < g; j++)
            out[gi * g + j] = (float)(s * ((double)quant_code_get(q, row, gi * g + j) - z));
    }
}
