#include "case_list.h"

#include <stdio.h>
#include <string.h>

#include "case_decode.h"
#include "case_gemm_int8.h"
#include "case_gemv.h"
#include "case_intensity.h"
#include "case_peak.h"
#include "case_stream.h"
#include "case_stream_rw.h"
#include "formats.h"
#include "quant.h"

static const struct {
    const char *kernel;
    case_run_fn run;
} runners[] = {
    {"stream_read", case_stream_run},
    {"stream_read_l2", case_stream_run},
    {"gemm_int8_cublas", case_gemm_int8_run},
    {"gemv", case_gemv_run},
    {"gemv_issue", case_gemv_run},
    {"gemv_cublas", case_gemv_run},
    {"gemm_cublas", case_gemv_run},
    {"stream_copy", case_stream_rw_run},
    {"stream_triad", case_stream_rw_run},
    {"fma_fp32", case_peak_run},
    {"hfma2_fp16", case_peak_run},
    {"dp4a_int8", case_peak_run},
    {"intensity_sweep", case_intensity_run},
    {"decode_step", case_decode_run},
};

/* GEMV shapes (n output rows x k): squares across the sizes where launch
 * cost gives way to bandwidth, then the projections of Llama-2-7B
 * (4096/11008), Llama-3-8B and Mistral-7B (4096/14336) and TinyLlama
 * (2048/5632), then shapes no kernel was tuned on (issue 15's held-out
 * set, full runs only): 13B-class MLPs (5120/13824), a 6144 square and a
 * 3072x8192. */
static const struct {
    unsigned n, k;
    int quick;
} gemv_shapes[] = {
    {2048, 2048, 0},  {4096, 4096, 1},  {8192, 8192, 1},  {16384, 16384, 0}, {11008, 4096, 0},
    {4096, 11008, 0}, {14336, 4096, 0}, {4096, 14336, 0}, {5632, 2048, 0},   {2048, 5632, 0},
    {5120, 13824, 0}, {13824, 5120, 0}, {6144, 6144, 0},  {3072, 8192, 0},
};

/* The headline formats: one per width (and w8a8). The batch sweep runs on
 * one shape and these; --quick runs only these at its shapes. */
static const unsigned batch_sweep[] = {2, 4, 8, 16};
static const unsigned batch_shape_n = 8192, batch_shape_k = 8192;
static const char *const headline_formats[] = {"fp16", "w8a16", "w8a8", "w4a16_g128", "w2a16_g64"};

case_run_fn case_list_runner(const char *kernel)
{
    for (size_t i = 0; i < sizeof runners / sizeof runners[0]; i++)
        if (strcmp(runners[i].kernel, kernel) == 0)
            return runners[i].run;
    return NULL;
}

typedef struct case_sink {
    case_shape *shapes;
    size_t count, max;
} case_sink;

static void add(case_sink *s, const char *kernel, const char *format, uint64_t n, uint64_t k, uint64_t batch)
{
    if (s->count < s->max)
        s->shapes[s->count++] = (case_shape){kernel, format, n, k, batch, NULL, 0};
}

static void add_decode(case_sink *s, const llm_config *m, const char *format, uint64_t layers, uint64_t batch,
                       decode_scheme_id scheme)
{
    if (s->count < s->max)
        s->shapes[s->count++] = (case_shape){"decode_step", format, layers, m->hidden, batch, m, (int)scheme};
}

/* The decode step's formats: the headline ones with fp16 activations (w8a8
 * would need a kernel that quantizes each stage's output; none yet). */
static int decode_format(const char *name)
{
    const weight_format *f = weight_format_find(name);
    return f != NULL && f->act_bits == 16;
}

/* Decode steps (case_decode.h). Full run: every model at batch 1 in every
 * scheme (what each cure of the per-launch cost is worth) and at batch 4
 * and 16 on the tensor cores in the default scheme; model measures each
 * launch's cost on the smallest model and predicts the others with it.
 * Quick: batch 1, default scheme. Check: two layers of the smallest model,
 * batch 1 and 4, fused and unfused, and the zero-point format. */
/* Weights of a model, as a count of parameters. */
static double llm_params(const llm_config *m)
{
    double p = (double)m->lm_head_n * (double)m->lm_head_k;
    for (size_t i = 0; i < m->ngemvs; i++)
        p += (double)m->layers * (double)m->gemvs[i].n * (double)m->gemvs[i].k;
    return p;
}

/* The index of the smallest model. */
static size_t llm_smallest(const llm_configs *llms)
{
    size_t best = 0;
    for (size_t i = 1; i < llms->count; i++)
        if (llm_params(&llms->models[i]) < llm_params(&llms->models[best]))
            best = i;
    return best;
}

static void add_decode_cases(case_sink *s, case_set set, const llm_configs *llms)
{
    if (llms == NULL || llms->count == 0)
        return;
    const decode_scheme_id def = decode_scheme_default();
    const size_t nformats = sizeof headline_formats / sizeof headline_formats[0];
    if (set == CASES_CHECK) {
        const llm_config *m = &llms->models[llm_smallest(llms)];
        const uint64_t layers = m->layers < 2 ? m->layers : 2;
        for (size_t f = 0; f < nformats; f++)
            for (uint64_t b = 1; b <= 4; b += 3)
                if (decode_format(headline_formats[f])) {
                    add_decode(s, m, headline_formats[f], layers, b, def);
                    add_decode(s, m, headline_formats[f], layers, b, DECODE_GRAPH);
                }
        add_decode(s, m, "w4a16_g128_zp", layers, 1, def);
        return;
    }
    for (size_t i = 0; i < llms->count; i++) {
        const llm_config *m = &llms->models[i];
        for (size_t f = 0; f < nformats; f++) {
            if (!decode_format(headline_formats[f]))
                continue;
            add_decode(s, m, headline_formats[f], m->layers, 1, def);
            if (set != CASES_FULL)
                continue;
            for (int sc = 0; sc < DECODE_SCHEME_COUNT; sc++)
                if (sc != (int)def && (!DECODE_SCHEME_TABLE[sc].pdl || def == DECODE_GRAPH_FUSED_PDL))
                    add_decode(s, m, headline_formats[f], m->layers, 1, (decode_scheme_id)sc);
            add_decode(s, m, headline_formats[f], m->layers, 4, def);
            add_decode(s, m, headline_formats[f], m->layers, 16, def);
        }
    }
}

/* cuBLAS fp16 and our kernel in every format, on one shape. */
static void add_all_formats(case_sink *s, uint64_t n, uint64_t k, uint64_t batch)
{
    add(s, "gemv_cublas", "fp16", n, k, batch);
    for (int f = 0; f < WEIGHT_FORMAT_COUNT; f++)
        if (weight_format_shape_ok(&WEIGHT_FORMAT_TABLE[f], n, k))
            add(s, "gemv", WEIGHT_FORMAT_TABLE[f].name, n, k, batch);
}

/* Small ragged shapes: odd row counts, an odd number of groups, batches
 * that are not a power of two. */
static void add_check_cases(case_sink *s)
{
    static const unsigned rows[] = {1000, 7};
    static const unsigned batches[] = {1, 3, 16};
    for (int f = 0; f < WEIGHT_FORMAT_COUNT; f++) {
        const weight_format *wf = &WEIGHT_FORMAT_TABLE[f];
        uint64_t unit = wf->scales == SCALE_NONE ? 8 : 128 / wf->weight_bits;
        uint64_t g = wf->scales == SCALE_PER_GROUP && wf->group_size > unit ? wf->group_size : unit;
        for (size_t r = 0; r < 2; r++)
            for (size_t b = 0; b < 3; b++)
                add(s, "gemv", wf->name, rows[r], 3 * g + (wf->scales == SCALE_NONE ? 1032 : 0), batches[b]);
    }
    add(s, "gemv_cublas", "fp16", 1000, 1032, 1);
    add(s, "gemv_cublas", "fp16", 4096, 4096, 3);
    add(s, "gemm_cublas", "fp16", 1000, 1032, 300); /* sampled columns */
}

size_t case_list_build(case_set set, const run_context *ctx, const llm_configs *llms, case_shape *shapes,
                       size_t max)
{
    case_sink s = {shapes, 0, max};
    uint64_t stream_n = set == CASES_CHECK ? (1u << 24) : case_stream_elements(ctx);
    add(&s, "stream_read", "fp32", stream_n, 1, 1);
    /* the other ceilings: BabelStream's copy and triad, and the compute
     * peaks of the CUDA cores */
    uint64_t rw_n = set == CASES_CHECK ? (1u << 22) : case_stream_rw_elements(ctx);
    add(&s, "stream_copy", "fp64", rw_n, 1, 1);
    add(&s, "stream_triad", "fp64", rw_n, 1, 1);
    /* the second, higher memory roof: a buffer that stays in L2, read over
     * and over (case_stream.h); 3 passes are enough to check it */
    uint64_t l2_n = case_stream_l2_elements(ctx);
    add(&s, "stream_read_l2", "fp32", l2_n, set == CASES_CHECK ? 3 : case_stream_l2_passes(l2_n), 1);
    /* the third roof: each format's batch-1 GEMV with its weights in L2,
     * the rate at which the SMs issue its dequantization (case_gemv.h) */
    if (set != CASES_QUICK)
        for (int f = 0; f < WEIGHT_FORMAT_COUNT; f++)
            if (s.count < s.max)
                s.shapes[s.count++] = case_gemv_issue_shape(ctx, WEIGHT_FORMAT_TABLE[f].name, set == CASES_CHECK);
    static const char *const peaks[] = {"fma_fp32", "hfma2_fp16", "dp4a_int8"};
    for (size_t i = 0; i < sizeof peaks / sizeof peaks[0]; i++) {
        case_shape p = case_peak_shape(ctx, peaks[i]);
        if (s.count < s.max)
            s.shapes[s.count++] = p;
    }
    /* the int8 tensor-core peak: a big square cuBLAS int8 GEMM (a ragged
     * small one when only checking). Not in --quick, like the fp16 GEMMs:
     * its data and CPU reference take seconds, and --quick must stay under
     * 30 s on an H100 (31 s with it). */
    if (set == CASES_CHECK)
        add(&s, "gemm_int8_cublas", "int8", 1000, 1032, 300);
    else if (set == CASES_FULL && s.count < s.max)
        s.shapes[s.count++] = case_gemm_int8_shape(ctx);
    /* fp32 FMAs per streamed float: intensity 0.5 to 128 flop/byte, across
     * the ridge of the CUDA cores (about 22 on an H100) */
    for (unsigned steps = 1; steps <= 256; steps *= (set == CASES_FULL ? 2 : 16))
        add(&s, "intensity_sweep", "fp32", set == CASES_CHECK ? (1u << 20) : case_intensity_elements(ctx), steps, 1);
    if (set == CASES_CHECK) {
        add_check_cases(&s);
        add_decode_cases(&s, set, llms);
        return s.count;
    }
    /* --quick: the headline formats only, so that it stays under 30 s on
     * an H100 (every format took 29-31 s) */
    for (size_t i = 0; i < sizeof gemv_shapes / sizeof gemv_shapes[0]; i++)
        if (set == CASES_FULL)
            add_all_formats(&s, gemv_shapes[i].n, gemv_shapes[i].k, 1);
        else if (gemv_shapes[i].quick) {
            add(&s, "gemv_cublas", "fp16", gemv_shapes[i].n, gemv_shapes[i].k, 1);
            for (size_t f = 0; f < sizeof headline_formats / sizeof headline_formats[0]; f++)
                add(&s, "gemv", headline_formats[f], gemv_shapes[i].n, gemv_shapes[i].k, 1);
        }
    if (set == CASES_QUICK) {
        add_decode_cases(&s, set, llms);
        return s.count;
    }
    for (size_t b = 0; b < sizeof batch_sweep / sizeof batch_sweep[0]; b++) {
        add(&s, "gemv_cublas", "fp16", batch_shape_n, batch_shape_k, batch_sweep[b]);
        for (size_t f = 0; f < sizeof headline_formats / sizeof headline_formats[0]; f++)
            add(&s, "gemv", headline_formats[f], batch_shape_n, batch_shape_k, batch_sweep[b]);
    }
    /* Across the knee: one fp16 GEMM shape, batch 1 to 8192, on the tensor
     * cores (intensity from ~1 to ~2700 flop/byte). */
    for (unsigned b = 1; b <= 8192; b *= 2)
        add(&s, "gemm_cublas", "fp16", batch_shape_n, batch_shape_k, b);
    add_decode_cases(&s, set, llms);
    /* the ceiling again at the end: a drift in clocks or thermals shows */
    add(&s, "stream_read", "fp32", stream_n, 1, 1);
    return s.count;
}

void case_shape_label(const case_shape *shape, char *out, size_t len)
{
    if (shape->llm != NULL) {
        snprintf(out, len, "%s/%s/%s/%lluL/b%llu/%s", shape->kernel, shape->format, shape->llm->id,
                 (unsigned long long)shape->n, (unsigned long long)shape->batch,
                 DECODE_SCHEME_TABLE[shape->scheme].name);
        return;
    }
    snprintf(out, len, "%s/%s/%llux%llu/b%llu", shape->kernel, shape->format, (unsigned long long)shape->n,
             (unsigned long long)shape->k, (unsigned long long)shape->batch);
}
