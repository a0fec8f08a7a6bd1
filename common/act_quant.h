/* act_quant: int8 activations for the formats with act_bits = 8 (w8a8).
 *
 * Each batch column (one token's k activations) gets one fp16 scale
 * s = max|x| / 127, rounded to fp16 first, and codes q = round(x / s) in
 * [-127, 127], two's complement bytes; x is then s * q. An all-zero column
 * gets s = 0 and q = 0.
 *
 * Layout: the int8 weight layout's byte order (quant.h), so that one dp4a
 * of a weight word and an activation word multiplies matching k. A column
 * is k bytes (k a multiple of 16, so rows start 16-byte aligned); word m
 * holds x[4m], x[4m+2], x[4m+1], x[4m+3] in bytes 0 to 3.
 */
#ifndef ACT_QUANT_H
#define ACT_QUANT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The byte (within a column) that holds activation j. */
uint64_t act_quant_byte_of(uint64_t j);

/* Quantizes one column of k fp16 activations into k code bytes and a scale. */
void act_quant_column(const uint16_t *x_fp16, uint64_t k, int8_t *codes, uint16_t *scale_fp16);

/* The value the kernel multiplies for activation j: s * q, in float. */
float act_quant_value(const int8_t *codes, uint16_t scale_fp16, uint64_t j);

#ifdef __cplusplus
}
#endif

#endif
