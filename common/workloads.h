/* workloads: what each measured kernel counts, in one table.
 *
 * The counting rules (DESIGN.md "Counting"), stated once:
 *   gemv, gemv_cublas, gemm_cublas
 *                      y[n x batch] = W[n x k] x[k x batch], fp16 activations
 *                      and outputs: bytes = matrix bytes of the format
 *                      + 2*k*batch + 2*n*batch; flop = 2*n*k*batch.
 *   stream_read        reads n fp32 elements and sums them: bytes = 4n,
 *                      flop = n (one add each). Bytes read plus bytes
 *                      written, no write-allocate (the BabelStream rule).
 *   stream_copy        c = a over n doubles: bytes = 16n, flop = 0.
 *   stream_triad       a = b + s*c over n doubles: bytes = 24n, flop = 2n.
 *   intensity_sweep    streams n floats, k fp32 FMAs on each: bytes = 4n,
 *                      flop = 2nk (intensity k/2 flop/byte).
 *   fma_fp32, hfma2_fp16, dp4a_int8
 *                      compute peaks: n threads, k dependent steps each
 *                      (fma: 2 flop; hfma2: 4; dp4a: 4 multiply-adds = 8
 *                      ops); each thread writes 4 bytes: bytes = 4n.
 * The compute unit is the one whose peak bounds the kernel, by the name the
 * hardware spec files use for it.
 */
#ifndef WORKLOADS_H
#define WORKLOADS_H

#include <stdint.h>

#include "formats.h"

typedef struct workload_count {
    uint64_t bytes;
    uint64_t flop;
} workload_count;

typedef int (*workload_count_fn)(const char *format, uint64_t n, uint64_t k, uint64_t batch,
                                 workload_count *out);

/* clang-format off */
/* X(name, compute_unit, count_fn, what) */
#define WORKLOADS(X) \
    X("gemv",        "cuda_fp32", workload_count_gemv,        "our GEMV: weights dequantized in registers, fp32 FMA") \
    X("gemv_cublas", "cuda_fp32", workload_count_gemv,        "cuBLAS fp16 GEMV baseline") \
    X("gemm_cublas", "tensor_fp16", workload_count_gemv,      "cuBLAS fp16 GEMM across the knee: batch 1 to 8192") \
    X("stream_read", "cuda_fp32", workload_count_stream_read, "read-only stream: the measured DRAM ceiling") \
    X("stream_copy", "cuda_fp32", workload_count_stream_copy, "BabelStream copy, double") \
    X("stream_triad", "cuda_fp32", workload_count_stream_triad, "BabelStream triad, double") \
    X("intensity_sweep", "cuda_fp32", workload_count_intensity, "read stream with k FMAs an element") \
    X("fma_fp32",    "cuda_fp32",   workload_count_fma_fp32,   "fp32 FMA peak of the CUDA cores") \
    X("hfma2_fp16",  "cuda_fp16x2", workload_count_hfma2,      "fp16x2 FMA peak of the CUDA cores") \
    X("dp4a_int8",   "cuda_dp4a",   workload_count_dp4a,       "int8 dp4a peak of the CUDA cores")
/* clang-format on */

typedef struct workload {
    const char *name;         /* as in the CSV's kernel column */
    const char *compute_unit; /* as the spec files name it */
    workload_count_fn count;
    const char *what;
} workload;

int workload_count_gemv(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);
int workload_count_stream_read(const char *format, uint64_t n, uint64_t k, uint64_t batch,
                               workload_count *out);

int workload_count_stream_copy(const char *format, uint64_t n, uint64_t k, uint64_t batch,
                               workload_count *out);
int workload_count_stream_triad(const char *format, uint64_t n, uint64_t k, uint64_t batch,
                                workload_count *out);
int workload_count_intensity(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);
int workload_count_fma_fp32(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);
int workload_count_hfma2(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);
int workload_count_dp4a(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);

/* The row named name, or NULL. */
const workload *workload_find(const char *name);

/* Fills out for a case; -1 for an unknown kernel or format or a bad shape. */
int workload_count_case(const char *kernel, const char *format, uint64_t n, uint64_t k,
                        uint64_t batch, workload_count *out);

#endif
