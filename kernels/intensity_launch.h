/* intensity_launch: the intensity-sweep kernel (kernels/intensity.cu). */
#ifndef INTENSITY_LAUNCH_H
#define INTENSITY_LAUNCH_H

#include <stddef.h>

#include <cuda_runtime_api.h>

#include "rl_error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INTENSITY_B 0.99951171875f /* 1 - 2^-11 */
#define INTENSITY_C 0.00048828125f /* 2^-11 */

int intensity_threads_per_block(void);

/* sums: one float per thread (blocks * intensity_threads_per_block()).
 * steps: FMAs per element, a power of two from 1 to 256. */
int intensity_launch(const float *a, size_t count, float *sums, int blocks, int steps, cudaStream_t stream,
                     rl_error *err);

#ifdef __cplusplus
}
#endif

#endif
