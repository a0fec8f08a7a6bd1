/* kernels: host launchers of the measured CUDA kernels.
 *
 * Each kernel is static inside its .cu file; each exports one launcher that
 * checks its shape and alignment preconditions, launches on the stream given
 * last, and returns 0, or -1 with err set (a rejected shape is an error, not
 * a silent fallback). Launchers never synchronise.
 *
 * fp16 values cross this C interface as uint16_t bit patterns (common/half.h).
 */
#ifndef KERNELS_H
#define KERNELS_H

#include <stddef.h>
#include <stdint.h>

#include <cuda_runtime_api.h>

#include "rl_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads count floats of a (16-byte aligned, count a multiple of 4) and writes
 * one partial sum per block into sums[blocks]: a read-only stream, the
 * measured DRAM ceiling. blocks comes from stream_read_blocks(). */
int stream_read_launch(const float *a, size_t count, float *sums, int blocks, cudaStream_t stream,
                       rl_error *err);

/* Blocks that fill the device for stream_read (enough warps in flight). */
int stream_read_blocks(int sm_count);

/* The L2-resident read: reads count floats of a (16-byte aligned, count a
 * multiple of 4) passes times over within one launch, through L2 only
 * (never L1), and writes one partial sum per block into sums[blocks]; their
 * total is passes x sum(a). blocks comes from stream_read_blocks(). */
int stream_read_l2_launch(const float *a, size_t count, unsigned passes, float *sums, int blocks,
                          cudaStream_t stream, rl_error *err);

/* BabelStream's copy (c = a) and triad (a = b + scalar * c), in double. */
int stream_copy_launch(const double *a, double *c, size_t n, cudaStream_t stream, rl_error *err);
int stream_triad_launch(double *a, const double *b, const double *c, double scalar, size_t n,
                        cudaStream_t stream, rl_error *err);

/* Synthetic data (synth_fill.cu): bytes random bytes at p (8-byte aligned,
 * a multiple of 8); count fp16 values uniform in [lo, hi]. The same seed
 * gives the same values. */
int synth_fill_bytes(void *p, size_t bytes, uint64_t seed, cudaStream_t stream, rl_error *err);
int synth_fill_half(uint16_t *p, size_t count, float lo, float hi, uint64_t seed, cudaStream_t stream,
                    rl_error *err);

/* Busies one thread of the GPU for about microseconds (see gpu_sleep.cu). */
int gpu_sleep_launch(double microseconds, cudaStream_t stream, rl_error *err);

#ifdef __cplusplus
}
#endif

#endif
