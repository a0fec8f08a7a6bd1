/* gemv_mma: the tensor-core GEMV (kernels/gemv_mma.cu), reached through
 * gemv_launch() (gemv_launch.h), which checks the arguments first. CUDA
 * only. Returns -1 for a weight width it has no kernel for. */
#ifndef GEMV_MMA_H
#define GEMV_MMA_H

#include "gemv_launch.h"

int gemv_mma_launch(const gemv_args *a, cudaStream_t stream);

#endif
