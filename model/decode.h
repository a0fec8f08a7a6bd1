/* decode: one generated token of an LLM (llm_config.h) at batch 1, as the
 * sum of the calls it makes, each predicted by the roofline.
 *
 * Per token, every GEMV of every layer and the LM head once (weights in the
 * format, counted by common/workloads.h as the measured gemv kernel), and
 * per layer one attention call that reads the KV cache: K and V, fp16,
 * kv_tokens x kv_dim each (kv_tokens = the context, or the sliding window
 * when shorter), 4 x kv_tokens x q_dim flop (q.K and p.V). Each call takes
 * max(bytes / bw, flop / peak); with a launch floor, each also pays the
 * floor. The token's time is the sum. Left out: norms, rotary embedding,
 * activations, residual adds, sampling (small next to the GEMVs), and any
 * overlap between calls.
 *
 * Memory: the weights as stored (every GEMV matrix of every layer and the
 * LM head in the format; the embedding table vocab x hidden in fp16, since
 * a lookup needs no GEMV kernel, unless the model ties it to the LM head)
 * plus the KV cache at kv_tokens.
 * Pure functions.
 */
#ifndef DECODE_H
#define DECODE_H

#include <stdint.h>

#include "formats.h"
#include "llm_config.h"

typedef struct decode_counts {
    uint64_t calls;      /* GEMVs (layers x per layer + LM head) + attention (one per layer) */
    uint64_t gemv_calls;
    uint64_t kv_tokens;
    uint64_t weight_bytes;
    uint64_t kv_cache_bytes;
    uint64_t bytes_per_token; /* GEMV matrices, activations and outputs, and the KV cache read */
    uint64_t flop_per_token;
} decode_counts;

/* -1 when a GEMV shape does not suit the format (K not a multiple of its
 * group size); -2 when a count of one token (KV cache, weights, bytes or
 * flop) would pass 2^64 - 1. Context 0 is the weights-only step: no KV
 * cache, no attention call (what measure's decode_step times). */
int decode_count(const llm_config *m, const weight_format *f, uint64_t context, decode_counts *out);

typedef struct decode_ceilings {
    double bw_gbs;      /* DRAM, GB/s */
    double peak_gflops; /* of the unit the GEMV kernel uses */
    double floor_us;    /* per call; NaN: none */
} decode_ceilings;

/* Time per token, us (context 0: the GEMVs alone); NaN when the shapes do
 * not suit the format or a ceiling is not > 0. */
double decode_time_us(const llm_config *m, const weight_format *f, uint64_t context, const decode_ceilings *c);

#endif
