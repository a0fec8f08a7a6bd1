#include "decode.h"

#include <math.h>

#include "predict.h"
#include "workloads.h"

enum { FP16_BYTES = 2 };

static uint64_t kv_tokens(const llm_config *m, uint64_t context)
{
    return m->kv_window != 0 && m->kv_window < context ? m->kv_window : context;
}

/* The embedding table, fp16; none of its own when the LM head is the table
 * (tied embeddings: the head's matrix, counted with the GEMVs, serves both). */
static uint64_t embedding_bytes(const llm_config *m)
{
    return m->tied_embeddings ? 0 : m->vocab * m->hidden * FP16_BYTES;
}

/* One layer's attention over the KV cache. */
static workload_count attention_count(const llm_config *m, uint64_t kv)
{
    workload_count a;
    a.bytes = 2 * kv * m->kv_dim * FP16_BYTES + 2 * m->q_dim * FP16_BYTES; /* K, V; q in, out */
    a.flop = 4 * kv * m->q_dim;
    return a;
}

/* Below 2^64 with room for the rounding of doubles. */
#define COUNT_LIMIT 1.8e19

/* 1 when a count of one token would pass 2^64 - 1: the same sums in double,
 * each GEMV bounded by fp16's 2 bytes a weight (no format stores more). The
 * uint64 sums below would wrap around silently (layers = 2^64 - 1 once gave
 * a small, wrong byte count). */
static int counts_overflow(const llm_config *m, uint64_t kv)
{
    double layers = (double)m->layers, kv_d = (double)kv;
    double kv_cache = 2.0 * layers * kv_d * (double)m->kv_dim * FP16_BYTES;
    double bytes = layers * (2.0 * kv_d * (double)m->kv_dim + 2.0 * (double)m->q_dim) * FP16_BYTES;
    double flop = layers * 4.0 * kv_d * (double)m->q_dim;
    double weights = m->tied_embeddings ? 0.0 : (double)m->vocab * (double)m->hidden * FP16_BYTES;
    for (size_t i = 0; i <= m->ngemvs; i++) {
        int head = i == m->ngemvs;
        double n = (double)(head ? m->lm_head_n : m->gemvs[i].n), k = (double)(head ? m->lm_head_k : m->gemvs[i].k);
        double times = head ? 1.0 : layers;
        weights += times * 2.0 * n * k;
        bytes += times * 2.0 * (n * k + n + k);
        flop += times * 2.0 * n * k;
    }
    return kv_cache > COUNT_LIMIT || bytes > COUNT_LIMIT || flop > COUNT_LIMIT || weights > COUNT_LIMIT ||
           layers * (double)m->ngemvs + 2.0 * layers + 1.0 > COUNT_LIMIT;
}

/* The attention calls of a token: none at context 0 (no KV cache to read:
 * the weights-only step that measure's decode_step times), else one a layer. */
static uint64_t attention_calls(const llm_config *m, uint64_t context)
{
    return context == 0 ? 0 : m->layers;
}

int decode_count(const llm_config *m, const weight_format *f, uint64_t context, decode_counts *out)
{
    uint64_t kv = kv_tokens(m, context);
    if (counts_overflow(m, kv))
        return -2;
    workload_count g, a = attention_count(m, kv);
    out->gemv_calls = m->layers * m->ngemvs + 1;
    out->calls = out->gemv_calls + attention_calls(m, context);
    out->kv_tokens = kv;
    out->weight_bytes = embedding_bytes(m);
    out->kv_cache_bytes = 2 * m->layers * kv * m->kv_dim * FP16_BYTES;
    out->bytes_per_token = attention_calls(m, context) * a.bytes;
    out->flop_per_token = attention_calls(m, context) * a.flop;
    for (size_t i = 0; i <= m->ngemvs; i++) {
        int head = i == m->ngemvs; /* the LM head, once; the layer's GEMVs, layers times */
        uint64_t n = head ? m->lm_head_n : m->gemvs[i].n, k = head ? m->lm_head_k : m->gemvs[i].k;
        uint64_t times = head ? 1 : m->layers;
        if (workload_count_gemv(f->name, n, k, 1, &g) != 0)
            return -1;
        out->weight_bytes += times * weight_format_matrix_bytes(f, n, k);
        out->bytes_per_token += times * g.bytes;
        out->flop_per_token += times * g.flop;
    }
    return 0;
}

static double call_us(const workload_count *w, const decode_ceilings *c)
{
    roofline r;
    if (roofline_predict((double)w->bytes, (double)w->flop, c->bw_gbs, c->peak_gflops, &r) != 0)
        return NAN;
    return r.time_us + (isnan(c->floor_us) ? 0.0 : c->floor_us);
}

double decode_time_us(const llm_config *m, const weight_format *f, uint64_t context, const decode_ceilings *c)
{
    workload_count g, a = attention_count(m, kv_tokens(m, context));
    double t = context == 0 ? 0.0 : (double)attention_calls(m, context) * call_us(&a, c);
    for (size_t i = 0; i <= m->ngemvs; i++) {
        int head = i == m->ngemvs;
        uint64_t n = head ? m->lm_head_n : m->gemvs[i].n, k = head ? m->lm_head_k : m->gemvs[i].k;
        if (workload_count_gemv(f->name, n, k, 1, &g) != 0)
            return NAN;
        t += (double)(head ? 1 : m->layers) * call_us(&g, c);
    }
    return t;
}
