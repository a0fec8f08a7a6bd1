#include "act_quant.h"

#include <math.h>

#include "half.h"

uint64_t act_quant_byte_of(uint64_t j)
{
    const uint64_t w = j % 4; /* weight 2i at byte i, 2i+1 at byte 2+i (quant.h, 8 bits) */
    return j - w + (w % 2) * 2 + w / 2;
}

void act_quant_column(const uint16_t *x_fp16, uint64_t k, int8_t *codes, uint16_t *scale_fp16)
{
    float amax = 0.0f;
    for (uint64_t j = 0; j < k; j++) {
        float v = fabsf(half_to_float(x_fp16[j]));
        if (v > amax)
            amax = v;
    }
    *scale_fp16 = half_from_float(amax / 127.0f);
    const float s = half_to_float(*scale_fp16);
    for (uint64_t j = 0; j < k; j++) {
        float q = s > 0.0f ? roundf(half_to_float(x_fp16[j]) / s) : 0.0f;
        q = q > 127.0f ? 127.0f : q < -127.0f ? -127.0f : q;
        codes[act_quant_byte_of(j)] = (int8_t)q;
    }
}

float act_quant_value(const int8_t *codes, uint16_t scale_fp16, uint64_t j)
{
    return half_to_float(scale_fp16) * (float)codes[act_quant_byte_of(j)];
}
