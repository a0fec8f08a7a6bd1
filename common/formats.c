#include "formats.h"

#include <string.h>

#define FORMAT_X_ROW(id, name, bits, layout, group, zero, act, label) {name, bits, layout, group, zero, act, label},
const weight_format WEIGHT_FORMAT_TABLE[WEIGHT_FORMAT_COUNT] = {WEIGHT_FORMATS(FORMAT_X_ROW)};
#undef FORMAT_X_ROW

const weight_format *weight_format_find(const char *name)
{
    for (int i = 0; i < WEIGHT_FORMAT_COUNT; i++)
        if (strcmp(WEIGHT_FORMAT_TABLE[i].name, name) == 0)
            return &WEIGHT_FORMAT_TABLE[i];
    return NULL;
}

static uint64_t scale_count(const weight_format *f, uint64_t n, uint64_t k)
{
    switch (f->scales) {
    case SCALE_PER_ROW:
        return n;
    case SCALE_PER_GROUP:
        return n * (k / f->group_size);
    case SCALE_NONE:
        break;
    }
    return 0;
}

uint64_t weight_format_matrix_bytes(const weight_format *f, uint64_t n, uint64_t k)
{
    uint64_t packed = n * k * f->weight_bits / 8;
    uint64_t scales = scale_count(f, n, k);
    uint64_t per_scale = 2u + (f->zero_point ? 2u : 0u); /* fp16 scale (+ fp16 zero) */
    return packed + scales * per_scale;
}

uint64_t weight_format_activation_bytes(const weight_format *f, uint64_t k, uint64_t batch)
{
    return k * batch * f->act_bits / 8 + (f->act_bits < 16 ? 2u * batch : 0u);
}

const char *weight_format_batch1_unit(const weight_format *f)
{
    return f->act_bits == 8 ? "cuda_dp4a" : "cuda_fp32";
}

double weight_format_bits_per_weight(const weight_format *f)
{
    double bits = f->weight_bits;
    double per_scale_bits = 16.0 * (f->zero_point ? 2 : 1);
    if (f->scales == SCALE_PER_GROUP)
        bits += per_scale_bits / f->group_size;
    return bits;
}

int weight_format_shape_ok(const weight_format *f, uint64_t n, uint64_t k)
{
    if (n == 0 || k == 0)
        return 0;
    /* Packed rows must end on a whole byte. */
    if ((k * f->weight_bits) % 8 != 0)
        return 0;
    return f->scales != SCALE_PER_GROUP || k % f->group_size == 0;
}
