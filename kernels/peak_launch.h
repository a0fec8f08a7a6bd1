/* peak_launch: CUDA-core compute peak kernels (kernels/peak.cu) and the
 * constants a CPU needs to replay a thread exactly. */
#ifndef PEAK_LAUNCH_H
#define PEAK_LAUNCH_H

#include <cuda_runtime_api.h>

#include "rl_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum peak_kind { PEAK_FMA_FP32, PEAK_HFMA2, PEAK_DP4A } peak_kind;

enum { PEAK_CHAINS = 8 };
#define PEAK_B 0.9990234375f /* 1 - 2^-10: exact in fp16 and fp32 */
#define PEAK_C 0.0009765625f /* 2^-10 */
#define PEAK_DP4A_B 0x01ff01ff /* bytes 1, -1, 1, -1 as int8 */

/* The start value of chain i of thread tid, shared by GPU and CPU. */
#ifdef __CUDACC__
__host__ __device__
#endif
static inline float peak_fp32_start(int tid, int i)
{
    return (float)((tid * 7 + i * 13) % 1024) * (1.0f / 1024.0f);
}

#ifdef __CUDACC__
__host__ __device__
#endif
static inline float peak_fp16_start(int tid, int i, int lane)
{
    return (float)((tid * 5 + i * 3 + lane * 11) % 256) * (1.0f / 256.0f);
}

#ifdef __CUDACC__
__host__ __device__
#endif
static inline int peak_int_start(int tid, int i)
{
    return tid * 31 + i * 1021;
}

int peak_threads_per_block(void);

/* out: one 4-byte result per thread (blocks * peak_threads_per_block()). */
int peak_launch(peak_kind kind, void *out, int blocks, int iters, cudaStream_t stream, rl_error *err);

#ifdef __cplusplus
}
#endif

#endif
