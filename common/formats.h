/* formats: the one table of weight formats.
 *
 * Each row says how a format stores weights: bits per weight, how many
 * weights share one fp16 scale, and whether a zero point is stored; and
 * how it takes activations: fp16, or int8 with one fp16 scale per batch
 * column (common/act_quant.h). The byte
 * counts in measure and model, the kernels' dispatch and the report's labels
 * all read this table. Adding a format means adding one row here and one
 * kernel in kernels/.
 *
 * Usable from C and CUDA (no CUDA types here).
 */
#ifndef FORMATS_H
#define FORMATS_H

#include <stdint.h>

typedef enum scale_layout {
    SCALE_NONE,      /* weights are fp16 themselves */
    SCALE_PER_ROW,   /* one fp16 scale per output row */
    SCALE_PER_GROUP, /* one fp16 scale per group_size consecutive weights of a row */
} scale_layout;

/* clang-format off */
/* X(id, name, weight_bits, scale_layout, group_size, zero_point, act_bits, label) */
#define WEIGHT_FORMATS(X) \
    X(FP16,          "fp16",          16, SCALE_NONE,      0,   0, 16, "FP16 weights") \
    X(W8A16,         "w8a16",          8, SCALE_PER_ROW,   0,   0, 16, "INT8, fp16 scale per row") \
    X(W8A8,          "w8a8",           8, SCALE_PER_ROW,   0,   0,  8, "INT8 weights and activations (dp4a)") \
    X(W4A16_G128,    "w4a16_g128",     4, SCALE_PER_GROUP, 128, 0, 16, "INT4, scale per 128") \
    X(W4A16_G64,     "w4a16_g64",      4, SCALE_PER_GROUP, 64,  0, 16, "INT4, scale per 64") \
    X(W4A16_G32,     "w4a16_g32",      4, SCALE_PER_GROUP, 32,  0, 16, "INT4, scale per 32") \
    X(W4A16_G128_ZP, "w4a16_g128_zp",  4, SCALE_PER_GROUP, 128, 1, 16, "INT4, scale and zero point per 128") \
    X(W2A16_G64,     "w2a16_g64",      2, SCALE_PER_GROUP, 64,  0, 16, "INT2, scale per 64") \
    X(W2A16_G128,    "w2a16_g128",     2, SCALE_PER_GROUP, 128, 0, 16, "INT2, scale per 128")
/* clang-format on */

#define FORMAT_X_ENUM(id, name, bits, layout, group, zero, act, label) WEIGHT_FORMAT_##id,
typedef enum weight_format_id { WEIGHT_FORMATS(FORMAT_X_ENUM) WEIGHT_FORMAT_COUNT } weight_format_id;
#undef FORMAT_X_ENUM

typedef struct weight_format {
    const char *name; /* as in the CSV's format column */
    unsigned weight_bits;
    scale_layout scales;
    unsigned group_size; /* weights per scale for SCALE_PER_GROUP, else 0 */
    int zero_point;      /* 1: an fp16 zero point beside each scale */
    unsigned act_bits;   /* 16: fp16 activations; 8: int8, one fp16 scale per batch column */
    const char *label;   /* for the report */
} weight_format;

#ifdef __cplusplus
extern "C" {
#endif

extern const weight_format WEIGHT_FORMAT_TABLE[WEIGHT_FORMAT_COUNT];

/* The row named name, or NULL. */
const weight_format *weight_format_find(const char *name);

/* Bytes of the stored weight matrix (n x k): packed weights, scales and
 * zero points. Shapes must already be valid (weight_format_shape_ok). */
uint64_t weight_format_matrix_bytes(const weight_format *f, uint64_t n, uint64_t k);

/* Bytes of the activations of a batch: k values per column at act_bits,
 * plus one fp16 scale per column for int8 activations. */
uint64_t weight_format_activation_bytes(const weight_format *f, uint64_t k, uint64_t batch);

/* The compute unit (the spec files' name) our GEMV multiplies a format on
 * at batch 1, the decode case: dp4a for int8 activations, else fp32 FMA on
 * the CUDA cores. kernels/gemv.cu adds the tensor cores for larger batches. */
const char *weight_format_batch1_unit(const weight_format *f);

/* Average storage bits per weight, scales included (w4a16_g128: 4.125). */
double weight_format_bits_per_weight(const weight_format *f);

/* 1 when k is a positive multiple of the group size (and n, k > 0). */
int weight_format_shape_ok(const weight_format *f, uint64_t n, uint64_t k);

#ifdef __cplusplus
}
#endif

#endif
