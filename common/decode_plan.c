#include "decode_plan.h"

#include <stdlib.h>
#include <string.h>

#include "workloads.h"

enum { FP16_BYTES = 2, DECODE_MAX_BATCH = 16 };

#define DECODE_SCHEME_ROW(id, name, fused, pdl) {name, fused, pdl},
const decode_scheme DECODE_SCHEME_TABLE[DECODE_SCHEME_COUNT] = {DECODE_SCHEMES(DECODE_SCHEME_ROW)};
#undef DECODE_SCHEME_ROW

const decode_scheme *decode_scheme_find(const char *name)
{
    for (int i = 0; name != NULL && i < DECODE_SCHEME_COUNT; i++)
        if (strcmp(DECODE_SCHEME_TABLE[i].name, name) == 0)
            return &DECODE_SCHEME_TABLE[i];
    return NULL;
}

/* Below 2^64 with room for the rounding of doubles. */
#define COUNT_LIMIT 1.8e19

/* GEMVs of the layer list that group g starting at gemv i holds. */
static size_t group_members(const llm_config *m, size_t i)
{
    size_t j = i + 1;
    while (j < m->ngemvs && m->gemvs[j].same_input_as_prev)
        j++;
    return j - i;
}

/* Matrices per layer: one per shared_input group or lone GEMV. */
static size_t matrices_per_layer(const llm_config *m)
{
    size_t count = 0;
    for (size_t i = 0; i < m->ngemvs; i += group_members(m, i))
        count++;
    return count;
}

/* 1 when a whole step of m (every layer and the LM head) at this batch
 * would count past 2^64 - 1, bounded by fp16's 2 bytes a weight. */
static int plan_overflows(const llm_config *m, uint64_t layers, uint64_t batch)
{
    double total = 0.0, b = (double)batch;
    for (size_t i = 0; i <= m->ngemvs; i++) {
        int head = i == m->ngemvs;
        double n = (double)(head ? m->lm_head_n : m->gemvs[i].n), k = (double)(head ? m->lm_head_k : m->gemvs[i].k);
        total += (head ? 1.0 : (double)layers) * 2.0 * (n * k + n * b + k * b) * b;
    }
    return total > COUNT_LIMIT;
}

typedef struct plan_sink {
    decode_plan *p;
    const weight_format *f;
} plan_sink;

static int add_matrix(plan_sink *s, uint64_t layer, size_t gemv, size_t members, uint64_t n, uint64_t k)
{
    decode_plan *p = s->p;
    if (!weight_format_shape_ok(s->f, n, k))
        return -1;
    p->matrices[p->nmatrices++] = (decode_matrix){layer, gemv, members, n, k};
    p->weight_bytes += weight_format_matrix_bytes(s->f, n, k);
    return 0;
}

/* The launch whose output a group starting at launch `first` reads (the
 * rule in decode_plan.h), or -1 for x0. */
static long input_for(const decode_plan *p, size_t first, uint64_t k)
{
    for (size_t l = first; l-- > 0;)
        if (p->launches[l].n >= k)
            return (long)l;
    return -1;
}

static int add_launch(plan_sink *s, size_t matrix, uint64_t row0, uint64_t n, uint64_t k, long input)
{
    decode_plan *p = s->p;
    workload_count c;
    if (workload_count_gemv(s->f->name, n, k, p->batch, &c) != 0)
        return -1;
    p->launches[p->nlaunches++] = (decode_launch){matrix, row0, n, k, input};
    p->bytes += c.bytes;
    p->flop += c.flop;
    if (input < 0 && k > p->input_k)
        p->input_k = k;
    return 0;
}

/* One matrix's launches: the whole matrix, or one per member GEMV. */
static int add_launches(plan_sink *s, const llm_config *m, size_t matrix)
{
    const decode_plan *p = s->p;
    const decode_matrix *mx = &p->matrices[matrix];
    const long input = input_for(p, p->nlaunches, mx->k);
    if (p->fused || mx->members == 1)
        return add_launch(s, matrix, 0, mx->n, mx->k, input);
    uint64_t row0 = 0;
    for (size_t i = mx->gemv; i < mx->gemv + mx->members; i++) {
        if (add_launch(s, matrix, row0, m->gemvs[i].n, mx->k, input) != 0)
            return -1;
        row0 += m->gemvs[i].n;
    }
    return 0;
}

static int build_layers(plan_sink *s, const llm_config *m)
{
    decode_plan *p = s->p;
    for (uint64_t layer = 0; layer < p->layers_run; layer++)
        for (size_t i = 0; i < m->ngemvs;) {
            const size_t members = group_members(m, i);
            uint64_t n = 0;
            for (size_t j = i; j < i + members; j++) {
                if (m->gemvs[j].k != m->gemvs[i].k)
                    return -1;
                n += m->gemvs[j].n;
            }
            if (add_matrix(s, layer, i, members, n, m->gemvs[i].k) != 0 || add_launches(s, m, p->nmatrices - 1) != 0)
                return -1;
            i += members;
        }
    if (add_matrix(s, p->layers_run, m->ngemvs, 1, m->lm_head_n, m->lm_head_k) != 0)
        return -1;
    return add_launches(s, m, p->nmatrices - 1);
}

int decode_plan_build(decode_plan *p, const llm_config *m, const weight_format *f, uint64_t batch,
                      uint64_t layers_run, int fused, rl_error *err)
{
    memset(p, 0, sizeof *p);
    if (batch < 1 || batch > DECODE_MAX_BATCH || layers_run < 1 || layers_run > m->layers || m->ngemvs == 0)
        return rl_error_set(err, "decode step of %s: needs batch 1..%d and 1..%llu layers (got batch %llu, %llu layers)",
                            m->id, DECODE_MAX_BATCH, (unsigned long long)m->layers, (unsigned long long)batch,
                            (unsigned long long)layers_run);
    if (plan_overflows(m, layers_run, batch))
        return rl_error_set(err, "decode step of %s: its byte count would pass 2^64", m->id);
    p->batch = batch;
    p->layers_run = layers_run;
    p->fused = fused;
    const size_t matrices = (size_t)layers_run * matrices_per_layer(m) + 1;
    const size_t launches = (size_t)layers_run * m->ngemvs + 1;
    p->matrices = calloc(matrices, sizeof *p->matrices);
    p->launches = calloc(launches, sizeof *p->launches);
    if (p->matrices == NULL || p->launches == NULL) {
        decode_plan_free(p);
        return rl_error_set(err, "out of memory for the decode plan of %s", m->id);
    }
    plan_sink s = {p, f};
    if (build_layers(&s, m) != 0) {
        decode_plan_free(p);
        return rl_error_set(err,
                            "decode step of %s in %s: a shape does not suit the format (K a multiple of %u and of "
                            "its group size; a shared_input group's GEMVs share K)",
                            m->id, f->name, 128 / f->weight_bits);
    }
    return 0;
}

void decode_plan_free(decode_plan *p)
{
    free(p->matrices);
    free(p->launches);
    memset(p, 0, sizeof *p);
}

uint64_t decode_plan_device_bytes(const decode_plan *p, uint64_t weight_copies)
{
    uint64_t act = p->input_k * p->batch * FP16_BYTES;
    for (size_t l = 0; l < p->nlaunches; l++)
        act += p->launches[l].n * p->batch * FP16_BYTES;
    return weight_copies * p->weight_bytes + act;
}

uint64_t decode_layers_that_fit(const llm_config *m, const weight_format *f, uint64_t batch, int fused,
                                uint64_t weight_copies, uint64_t budget_bytes)
{
    /* Bytes grow with layers: bisect for the largest plan that fits. */
    uint64_t lo = 0, hi = m->layers;
    while (lo < hi) {
        const uint64_t mid = lo + (hi - lo + 1) / 2;
        decode_plan p;
        rl_error ignored;
        if (decode_plan_build(&p, m, f, batch, mid, fused, &ignored) != 0)
            return 0;
        const int fits = decode_plan_device_bytes(&p, weight_copies) <= budget_bytes;
        decode_plan_free(&p);
        if (fits)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}
