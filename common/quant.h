/* quant: CPU reference quantizer, packer and dequantizer for every integer
 * weight format of common/formats.h. The GPU kernels read exactly this
 * layout; the tests round-trip it; measure checks the kernels against
 * quant_dequant().
 *
 * Values. A weight is w = s * (u - z): u an unsigned b-bit code, s the fp16
 * scale of its group (or row), z its zero point. Symmetric formats use the
 * mid-rise zero z = (2^b - 1) / 2 (7.5 for int4, 1.5 for int2, 127.5 for
 * int8) and s = max|w| / z, so the 2^b levels sit symmetrically around 0
 * and all are used. Zero-point formats store z per group as fp16 and use
 * s = (max - min) / (2^b - 1), z = -min / s. Codes are computed from the
 * fp16-rounded s and z, so the dequantized value is exactly what a GPU
 * kernel sees.
 *
 * Layout (all little-endian).
 *   codes   row-major, each row k*b/8 bytes, rows start 16-byte aligned
 *           (k a multiple of 128/b). A row is a run of 32-bit words; word m
 *           holds the P = 32/b weights k = m*P .. m*P + P-1 as pairs:
 *           weight m*P + 2i at bit b*i, weight m*P + 2i+1 at bit 16 + b*i
 *           (i = 0 .. P/2-1). So ((word >> b*i) & mask) leaves two codes
 *           16 bits apart: one OR with 0x6400 per half turns them into the
 *           fp16 pair (1024 + u_even, 1024 + u_odd) that multiplies the
 *           activation pair (x[2i], x[2i+1]) directly.
 *   scales  fp16, row-major [n][k/G] (per-row formats: [n]).
 *   zeros   fp16, same shape as scales, zero-point formats only.
 */
#ifndef QUANT_H
#define QUANT_H

#include <stddef.h>
#include <stdint.h>

#include "formats.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct quant_matrix {
    const weight_format *format;
    uint64_t n, k;
    uint8_t *codes;    /* packed codes, quant_codes_bytes() */
    uint16_t *scales;  /* fp16 bits, quant_groups_per_row() per row */
    uint16_t *zeros;   /* fp16 bits, or NULL for symmetric formats */
} quant_matrix;

/* Weights per row that share one scale (k for per-row formats). */
uint64_t quant_group_size(const weight_format *f, uint64_t k);
uint64_t quant_groups_per_row(const weight_format *f, uint64_t k);
uint64_t quant_codes_bytes(const weight_format *f, uint64_t n, uint64_t k);

/* The mid-rise zero of a symmetric b-bit format: (2^b - 1) / 2. */
double quant_symmetric_zero(unsigned bits);

/* 1 when the layout holds: integer format, k a multiple of 128/b (16-byte
 * rows) and of the group size, n > 0. */
int quant_shape_ok(const weight_format *f, uint64_t n, uint64_t k);

/* Allocates codes/scales/zeros for an n x k matrix; -1 on a bad shape or
 * out of memory. quant_matrix_free() releases it. */
int quant_matrix_alloc(quant_matrix *q, const weight_format *f, uint64_t n, uint64_t k);
void quant_matrix_free(quant_matrix *q);

/* Quantizes w (row-major n x k floats) into q. */
void quant_quantize(const float *w, quant_matrix *q);

/* The same for rows [first, last) only: w still points at row 0. Disjoint
 * row ranges may run in parallel. */
void quant_quantize_rows(const float *w, quant_matrix *q, uint64_t first, uint64_t last);

uint32_t quant_code_get(const quant_matrix *q, uint64_t row, uint64_t col);
void quant_code_set(quant_matrix *q, uint64_t row, uint64_t col, uint32_t code);

/* The dequantized weights of one row, s * (u - z), in float. */
void quant_dequant_row(const quant_matrix *q, uint64_t row, float *out);

#ifdef __cplusplus
}
#endif

#endif
