/* gemv_paths: the kernels behind gemv_launch() (gemv_launch.h), which
 * checks the arguments and picks one. CUDA only.
 *   gemv.cu       fp16 activations on the CUDA cores (batch 1; fp16 1-2)
 *   gemv_mma.cu   fp16 activations on the tensor cores (batch 2-16)
 *   gemv_w8a8.cu  int8 weights and activations, dp4a on the CUDA cores
 * The launchers return -1 for a format they have no kernel for. */
#ifndef GEMV_PATHS_H
#define GEMV_PATHS_H

#include "gemv_launch.h"

int gemv_mma_launch(const gemv_args *a, cudaStream_t stream);
int gemv_w8a8_launch(const gemv_args *a, cudaStream_t stream);

/* Warps of a block that share one group of rows_per_warp rows on the CUDA
 * cores, splitting k (gemv.cu says how it was chosen). */
int gemv_split_for(int bits, int row_groups, int chunks);

#endif
