/* workloads: what each measured kernel counts, in one table.
 *
 * The counting rules (DESIGN.md "Counting"), stated once:
 *   gemv, gemv_cublas  y[n x batch] = W[n x k] x[k x batch], fp16 activations
 *                      and outputs: bytes = matrix bytes of the format
 *                      + 2*k*batch + 2*n*batch; flop = 2*n*k*batch.
 *   stream_read        reads n fp32 elements and sums them: bytes = 4n,
 *                      flop = n (one add each). Bytes read plus bytes
 *                      written, no write-allocate (the BabelStream rule).
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
    X("stream_read", "cuda_fp32", workload_count_stream_read, "read-only stream: the measured DRAM ceiling")
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

/* The row named name, or NULL. */
const workload *workload_find(const char *name);

/* Fills out for a case; -1 for an unknown kernel or format or a bad shape. */
int workload_count_case(const char *kernel, const char *format, uint64_t n, uint64_t k,
                        uint64_t batch, workload_count *out);

#endif
