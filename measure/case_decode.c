#include "case_decode.h"

#include <stdio.h>
#include <string.h>

#include "case_energy.h"
#include "case_gemv.h"
#include "cuda_check.h"
#include "decode_check.h"
#include "decode_dev.h"
#include "gemv_launch.h"
#include "llm_config.h"

decode_scheme_id decode_scheme_default(void)
{
    return gemv_pdl_supported() ? DECODE_GRAPH_FUSED_PDL : DECODE_GRAPH_FUSED;
}

/* What the step may take: the caller's cap, and never more than the
 * device has free less a margin for the CUDA context, cuBLAS and the
 * driver (5% of the memory, at least 512 MiB). */
static int memory_budget(const case_options *opt, uint64_t *out, rl_error *err)
{
    size_t free_b = 0, total_b = 0;
    CUDA_TRY(err, cudaMemGetInfo(&free_b, &total_b));
    uint64_t margin = total_b / 20 > (512ull << 20) ? total_b / 20 : (512ull << 20);
    uint64_t budget = free_b > margin ? free_b - margin : 0;
    if (opt->decode_memory_bytes > 0 && opt->decode_memory_bytes < budget)
        budget = opt->decode_memory_bytes;
    *out = budget;
    return 0;
}

/* Weight copies that keep L2 cold: one when the step's weights alone are
 * 4x L2 or more (nearly always), else enough of them. */
static uint64_t cold_copies(const run_context *ctx, const decode_plan *p, int check_only)
{
    const uint64_t cold = run_context_cold_bytes(ctx);
    if (check_only || p->weight_bytes >= cold)
        return 1;
    return (cold + p->weight_bytes - 1) / p->weight_bytes;
}

/* The plan of the most layers (up to shape->n) that fit, and its copies. */
static int plan_that_fits(const run_context *ctx, const case_shape *shape, const weight_format *f, int fused,
                          const case_options *opt, decode_plan *p, uint64_t *copies, rl_error *err)
{
    const llm_config *m = shape->llm;
    uint64_t budget = 0;
    if (memory_budget(opt, &budget, err) != 0 ||
        decode_plan_build(p, m, f, shape->batch, shape->n, fused, err) != 0)
        return -1;
    *copies = cold_copies(ctx, p, opt->check_only);
    uint64_t layers = decode_layers_that_fit(m, f, shape->batch, fused, *copies, budget);
    if (layers >= shape->n)
        return 0;
    decode_plan_free(p);
    if (layers == 0)
        return rl_error_set(err, "decode step of %s in %s: not even one layer and the LM head fit in %.2f GB",
                            m->id, f->name, (double)budget / 1e9);
    if (decode_plan_build(p, m, f, shape->batch, layers, fused, err) != 0)
        return -1;
    /* fewer layers may need more copies to stay cold; then fewer layers again */
    *copies = cold_copies(ctx, p, opt->check_only);
    layers = decode_layers_that_fit(m, f, shape->batch, fused, *copies, budget);
    if (layers < p->layers_run) {
        decode_plan_free(p);
        if (layers == 0 || decode_plan_build(p, m, f, shape->batch, layers, fused, err) != 0)
            return layers == 0 ? rl_error_set(err, "decode step of %s in %s: no layer fits", m->id, f->name) : -1;
    }
    fprintf(stderr, "measure: %s in %s: %llu of %llu layers fit in %.2f GB; its row scales to the whole model by bytes\n",
            m->id, f->name, (unsigned long long)p->layers_run, (unsigned long long)m->layers, (double)budget / 1e9);
    return 0;
}

typedef struct graph_state {
    const decode_dev *d;
} graph_state;

static int graph_call(void *state, long i, cudaStream_t stream, rl_error *err)
{
    const decode_dev *d = ((const graph_state *)state)->d;
    CUDA_TRY(err, cudaGraphLaunch(d->graphs[(uint64_t)i % d->copies], stream));
    return 0;
}

/* Every copy checked; the first with the broken stage when a test asks. */
static int check_all(const decode_dev *d, const case_shape *shape, const weight_format *f, cudaStream_t stream,
                     case_result *res, rl_error *err)
{
    const int full = d->plan->weight_bytes <= DECODE_FULL_CHECK_BYTES;
    const long broken = case_break_requested(shape) ? (long)d->plan->nlaunches / 2 : -1;
    res->check_ok = 1;
    for (uint64_t c = 0; c < d->copies; c++) {
        decode_check_result cr;
        if (decode_check_run(d, c, full, c == 0 ? broken : -1, gemv_tolerance(f), stream, &cr, err) != 0)
            return -1;
        res->check_ok = res->check_ok && cr.ok;
        res->error_finite = res->error_finite && cr.finite;
        if (cr.max_rel_err > res->max_rel_err)
            res->max_rel_err = cr.max_rel_err;
        if (cr.chain_checked && !cr.ok)
            fprintf(stderr, "measure: decode step of %s in %s: chain error %.3g, per-launch error %.3g\n",
                    shape->llm->id, f->name, cr.chain_rel_err, cr.max_rel_err);
    }
    return 0;
}

static void fill_result(const decode_plan *p, const decode_plan *whole, const case_shape *shape,
                        const weight_format *f, uint64_t copies, case_result *res)
{
    res->counted = 1;
    res->bytes = p->bytes;
    res->flop = p->flop;
    res->working_set_bytes = copies * p->weight_bytes;
    res->kernel_unit = gemv_compute_unit(f, (int)shape->batch, 0);
    res->decode = (decode_info){shape->llm->id, shape->llm->layers, p->nlaunches,
                                DECODE_SCHEME_TABLE[shape->scheme].name, (double)whole->bytes / (double)p->bytes};
}

int case_decode_run(const run_context *ctx, const case_shape *shape, const case_options *opt, case_result *res,
                    rl_error *err)
{
    const weight_format *f = weight_format_find(shape->format);
    const decode_scheme *scheme = &DECODE_SCHEME_TABLE[shape->scheme];
    if (shape->llm == NULL || f == NULL || f->act_bits != 16)
        return rl_error_set(err, "decode_step: needs an LLM and a format with fp16 activations (got %s)",
                            shape->format);
    if (scheme->pdl && !gemv_pdl_supported())
        return rl_error_set(err, "decode_step: %s needs compute capability 9.0 or later", scheme->name);
    case_result_init(res);
    decode_plan p, whole;
    uint64_t copies = 1;
    if (plan_that_fits(ctx, shape, f, scheme->fused, opt, &p, &copies, err) != 0)
        return -1;
    if (decode_plan_build(&whole, shape->llm, f, shape->batch, shape->n, scheme->fused, err) != 0) {
        decode_plan_free(&p);
        return -1;
    }
    decode_dev d;
    int rc = decode_dev_make(&d, &p, f, copies, scheme->pdl, opt->decode_early_chunks, opt->gemv.split,
                             opt->gemv.x_smem, opt->seed, ctx->stream, err);
    if (rc == 0)
        rc = check_all(&d, shape, f, ctx->stream, res, err);
    if (rc == 0) {
        fill_result(&p, &whole, shape, f, copies, res);
        graph_state gs = {&d};
        rc = case_time_and_energy(ctx, opt, graph_call, &gs, res, err);
    }
    decode_dev_free(&d); /* a failed make left it empty */
    decode_plan_free(&p);
    decode_plan_free(&whole);
    return rc;
}
