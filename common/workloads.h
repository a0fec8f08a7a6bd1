/* workloads: what each measured kernel counts, in one table.
 *
 * The counting rules (DESIGN.md "Counting"), stated once:
 *   gemv, gemv_cublas, gemm_cublas
 *                      y[n x batch] = W[n x k] x[k x batch], fp16 outputs:
 *                      bytes = matrix bytes of the format + activation
 *                      bytes (fp16: 2*k*batch; int8, w8a8: k*batch + 2*batch
 *                      for the column scales) + 2*n*batch; flop = 2*n*k*batch.
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
 *   gemv_issue         the gemv rule over n rows of which only the first
 *                      working_set_bytes are stored: row r reads the
 *                      weights of row r mod rows_stored (a quarter of the
 *                      L2), so its bytes come from L2 and the SMs' issue
 *                      rate limits it, not DRAM.
 *   stream_read_l2     reads a buffer of n fp32 elements (a quarter of the
 *                      L2, so it stays there) k times in one launch and sums
 *                      it: bytes = 4nk read (from L2, not DRAM), flop = nk
 *                      (one add each), as stream_read with k passes.
 *   decode_step        one token of an LLM at batch B: the sum of the GEMV
 *                      rule over every launch of the step (common/
 *                      decode_plan.h); n and k (layers, hidden size) cannot
 *                      give it, so the row's bytes and flop are the count.
 *   gemm_int8_cublas   y[n x batch] = W[n x k] x[k x batch] with int8 W and
 *                      x and int32 y (cuBLAS, int32 accumulate): bytes =
 *                      n*k + k*batch + 4*n*batch; flop = 2*n*k*batch
 *                      (integer multiply-adds, 2 ops each).
 * The compute unit is the one whose peak bounds the kernel, by the name the
 * hardware spec files use for it. The memory level is where the counted
 * bytes come from: WORKLOAD_DRAM for every kernel that streams a working set
 * of at least 4x L2 (or writes a few bytes), WORKLOAD_L2 for the one that
 * reads an L2-resident buffer on purpose; the model predicts each against
 * the bandwidth of its level.
 */
#ifndef WORKLOADS_H
#define WORKLOADS_H

#include <stdint.h>

#include "formats.h"

typedef struct workload_count {
    uint64_t bytes;
    uint64_t flop;
} workload_count;

/* Where a kernel's counted bytes come from. */
typedef enum workload_memory { WORKLOAD_DRAM, WORKLOAD_L2 } workload_memory;

/* "dram" or "l2": the model CSV's memory_level. */
const char *workload_memory_name(workload_memory m);

typedef int (*workload_count_fn)(const char *format, uint64_t n, uint64_t k, uint64_t batch,
                                 workload_count *out);

/* clang-format off */
/* X(name, compute_unit, memory level, count_fn, what) */
#define WORKLOADS(X) \
    X("gemv",        "cuda_fp32", WORKLOAD_DRAM, workload_count_gemv,        "our GEMV: weights dequantized in registers, fp32 FMA") \
    X("gemv_cublas", "cuda_fp32", WORKLOAD_DRAM, workload_count_gemv,        "cuBLAS fp16 GEMV baseline") \
    X("gemm_cublas", "tensor_fp16", WORKLOAD_DRAM, workload_count_gemv,      "cuBLAS fp16 GEMM across the knee: batch 1 to 8192") \
    X("gemm_int8_cublas", "tensor_int8", WORKLOAD_DRAM, workload_count_gemm_int8, "cuBLAS int8 GEMM, int32 accumulate: the int8 tensor-core peak") \
    X("stream_read", "cuda_fp32", WORKLOAD_DRAM, workload_count_stream_read, "read-only stream: the measured DRAM ceiling") \
    X("stream_read_l2", "cuda_fp32", WORKLOAD_L2, workload_count_stream_read_l2, "read-only stream over an L2-resident buffer: the measured L2 ceiling") \
    X("gemv_issue",  "cuda_fp32",   WORKLOAD_L2,   workload_count_gemv,       "our batch-1 GEMV with its weights resident in L2 (rows wrap onto a block of a quarter of L2): the format's issue roof") \
    X("stream_copy", "cuda_fp32", WORKLOAD_DRAM, workload_count_stream_copy, "BabelStream copy, double") \
    X("stream_triad", "cuda_fp32", WORKLOAD_DRAM, workload_count_stream_triad, "BabelStream triad, double") \
    X("intensity_sweep", "cuda_fp32", WORKLOAD_DRAM, workload_count_intensity, "read stream with k FMAs an element") \
    X("fma_fp32",    "cuda_fp32",   WORKLOAD_DRAM, workload_count_fma_fp32,   "fp32 FMA peak of the CUDA cores") \
    X("hfma2_fp16",  "cuda_fp16x2", WORKLOAD_DRAM, workload_count_hfma2,      "fp16x2 FMA peak of the CUDA cores") \
    X("dp4a_int8",   "cuda_dp4a",   WORKLOAD_DRAM, workload_count_dp4a,       "int8 dp4a peak of the CUDA cores") \
    X("decode_step", "cuda_fp32",   WORKLOAD_DRAM, workload_count_decode_step, "one decode step of an LLM: every GEMV of every layer and the LM head (common/decode_plan.h)")
/* clang-format on */

typedef struct workload {
    const char *name;         /* as in the CSV's kernel column */
    const char *compute_unit; /* as the spec files name it */
    workload_memory memory;   /* where its bytes come from */
    workload_count_fn count;
    const char *what;
} workload;

int workload_count_gemv(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);
int workload_count_stream_read(const char *format, uint64_t n, uint64_t k, uint64_t batch,
                               workload_count *out);

int workload_count_stream_read_l2(const char *format, uint64_t n, uint64_t k, uint64_t batch,
                                  workload_count *out);
int workload_count_gemm_int8(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);

int workload_count_stream_copy(const char *format, uint64_t n, uint64_t k, uint64_t batch,
                               workload_count *out);
int workload_count_stream_triad(const char *format, uint64_t n, uint64_t k, uint64_t batch,
                                workload_count *out);
int workload_count_intensity(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);
int workload_count_fma_fp32(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);
int workload_count_hfma2(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);
int workload_count_dp4a(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);
/* Always -1: a step's counts come from its LLM's shapes (decode_plan.h),
 * which n and k do not hold; its rows carry them in bytes and flop. */
int workload_count_decode_step(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out);

/* The row named name, or NULL. */
const workload *workload_find(const char *name);

/* 1 when the kernel named name reads an L2-resident buffer on purpose
 * (WORKLOAD_L2), 0 otherwise (an unknown kernel included). */
int workload_is_l2(const char *name);

/* Fills out for a case; -1 for an unknown kernel or format or a bad shape. */
int workload_count_case(const char *kernel, const char *format, uint64_t n, uint64_t k,
                        uint64_t batch, workload_count *out);

#endif
