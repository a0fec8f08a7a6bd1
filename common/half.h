/* half: IEEE 754 binary16 on the host, stored as uint16_t bits.
 * Conversions round to nearest even, keep signed zeros, subnormals, inf and
 * NaN, so CPU references see exactly the values the GPU sees. */
#ifndef HALF_H
#define HALF_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

uint16_t half_from_float(float f);
float half_to_float(uint16_t h);

#ifdef __cplusplus
}
#endif

#endif
