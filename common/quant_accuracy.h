/* quant_accuracy: how much a weight format's quantization moves y = W x.
 *
 * For a synthetic n x k matrix W (fp16) and fp16 activations x ~ N(0, 1):
 *     err = || Q(W) Q(x) - W x ||_2 / || W x ||_2
 * with Q the format's reference quantizers (weights: common/quant.h,
 * activations: common/act_quant.h for int8, none for fp16; what the GPU
 * kernels read, bit for bit), both products in double from fp16/dequantized
 * values, i.e. against an fp16 reference with exact (better than fp32)
 * accumulation. fp16 itself gives exactly 0.
 *
 * Two weight distributions, both with standard deviation 0.02 (typical of
 * LLM projection weights):
 *   QUANT_DIST_GAUSSIAN  i.i.d. normal;
 *   QUANT_DIST_OUTLIERS  Student-t with 3 degrees of freedom (heavy tails),
 *                        1% of rows scaled by 8 (outlier channels) and one
 *                        weight in 1000 scaled by 20 (outlier weights),
 *                        the case that hurts large groups and per-row scales.
 */
#ifndef QUANT_ACCURACY_H
#define QUANT_ACCURACY_H

#include <stdint.h>

#include "formats.h"

typedef enum quant_dist { QUANT_DIST_GAUSSIAN, QUANT_DIST_OUTLIERS } quant_dist;

/* The draw measure records: the error describes the format, not the run,
 * so every run of the same code records the same numbers (measure's --seed
 * moves only the check data). Draws differ, the outlier one most: with
 * clock seeds, two H100 runs recorded w8a16 at 8.2% and 5.8%. */
enum { QUANT_ACCURACY_SEED = 1 };

/* Fills w (n x k, row-major) with the distribution, from seed. */
void quant_accuracy_weights(float *w, int n, int k, quant_dist dist, uint64_t seed);

/* err as above for format f on an n x k matrix; -1 when the shape does
 * not suit the format or memory runs out. */
int quant_accuracy_error(const weight_format *f, int n, int k, quant_dist dist, uint64_t seed, double *err);

#endif
