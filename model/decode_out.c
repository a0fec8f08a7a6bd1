#include "decode_out.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csv_row.h"
#include "decode.h"
#include "decode_plan.h"
#include "predict.h"
#include "decode_schema.h"
#include "workloads.h"

/* What the rows of one LLM, spec, mode and format share. */
typedef struct decode_case {
    const llm_config *llm;
    const hw_spec *spec;
    const hw_mode *mode;
    const weight_format *format;
    uint64_t context;
    decode_counts counts;
    const char *unit; /* compute unit of the GEMV kernel */
} decode_case;

typedef struct decode_sink {
    csv_writer w;
    csv_row row;
    size_t rows;
    const model_case *cases;
    size_t ncases;
    rl_error *err;
} decode_sink;

static int set_known(csv_row *row, int col, double value)
{
    return isfinite(value) ? csv_row_set_real(row, col, value) : 0;
}

static int set_shared(csv_row *row, const decode_case *d, double t_ds)
{
    const decode_counts *k = &d->counts;
    uint64_t need = k->weight_bytes + k->kv_cache_bytes;
    int rc = csv_row_set_text(row, DEC_COL_llm, d->llm->id);
    rc |= csv_row_set_text(row, DEC_COL_llm_name, d->llm->name);
    rc |= csv_row_set_text(row, DEC_COL_spec_id, d->spec->id);
    rc |= csv_row_set_text(row, DEC_COL_spec_mode, d->mode->name);
    rc |= csv_row_set_text(row, DEC_COL_format, d->format->name);
    rc |= csv_row_set_count(row, DEC_COL_context_tokens, d->context);
    rc |= csv_row_set_count(row, DEC_COL_kv_tokens, k->kv_tokens);
    rc |= csv_row_set_count(row, DEC_COL_calls_per_token, k->calls);
    rc |= csv_row_set_count(row, DEC_COL_weight_bytes, k->weight_bytes);
    rc |= csv_row_set_count(row, DEC_COL_kv_cache_bytes, k->kv_cache_bytes);
    rc |= csv_row_set_count(row, DEC_COL_memory_need_bytes, need);
    rc |= csv_row_set_count(row, DEC_COL_memory_bytes, d->spec->memory_bytes);
    if (d->spec->memory_reserve_bytes != 0) {
        uint64_t reserve = d->spec->memory_reserve_bytes;
        int fits = reserve < d->spec->memory_bytes && need <= d->spec->memory_bytes - reserve;
        rc |= csv_row_set_count(row, DEC_COL_memory_reserve_bytes, reserve);
        rc |= csv_row_set_text(row, DEC_COL_memory_fits, fits ? "yes" : "no");
    }
    rc |= csv_row_set_count(row, DEC_COL_bytes_per_token, k->bytes_per_token);
    rc |= csv_row_set_count(row, DEC_COL_flop_per_token, k->flop_per_token);
    rc |= csv_row_set_real(row, DEC_COL_time_us_per_token_datasheet, t_ds);
    rc |= csv_row_set_real(row, DEC_COL_tokens_per_s_datasheet, 1e6 / t_ds);
    return rc;
}

/* The columns of one run: its ceiling, floor and energy fit. */
static int set_run(csv_row *row, const decode_case *d, const run_fit *f, double peak)
{
    decode_ceilings c = {f->bw_measured_gbs, peak, NAN};
    double t = decode_time_us(d->llm, d->format, d->context, &c);
    c.floor_us = f->floor_us;
    double t_floor = decode_time_us(d->llm, d->format, d->context, &c);
    int rc = csv_row_set_text(row, DEC_COL_run_id, f->run_id);
    rc |= set_known(row, DEC_COL_bw_measured_gbs, f->bw_measured_gbs);
    rc |= set_known(row, DEC_COL_time_us_per_token_measured, t);
    rc |= set_known(row, DEC_COL_tokens_per_s_measured, 1e6 / t);
    rc |= set_known(row, DEC_COL_launch_floor_us, f->floor_us);
    rc |= set_known(row, DEC_COL_time_us_per_token_measured_floor, t_floor);
    rc |= set_known(row, DEC_COL_tokens_per_s_measured_floor, 1e6 / t_floor);
    double e = run_fit_energy_uj(f, d->unit, (double)d->counts.flop_per_token,
                                 (double)d->counts.bytes_per_token, isnan(t_floor) ? t : t_floor);
    rc |= set_known(row, DEC_COL_energy_uj_per_token, e); /* NaN: no fit for the GEMV's unit */
    rc |= set_known(row, DEC_COL_tokens_per_j, e > 0.0 ? 1e6 / e : NAN);
    return rc;
}

/* The run's fastest right decode step of d's model and format at batch 1,
 * or NULL. */
static const model_case *fastest_step(const decode_sink *s, const decode_case *d, const run_fit *f)
{
    const model_case *best = NULL;
    for (size_t i = f->first; i < f->first + f->span && i < s->ncases; i++) { /* the run's cases only */
        const model_case *c = &s->cases[i];
        if (c->decode_step && c->check_ok && c->batch == 1 && c->scheme != NULL && c->tokens_per_s > 0.0 &&
            run_fit_has(f, c) && strcmp(c->llm, d->llm->id) == 0 && strcmp(c->format, d->format->name) == 0 &&
            (best == NULL || c->tokens_per_s > best->tokens_per_s))
            best = c;
    }
    return best;
}

/* The measured step beside its prediction for the whole model: its bytes
 * from the plan of every layer, at the run's ceiling, plus a cost per launch. */
static int set_step(csv_row *row, const decode_case *d, const run_fit *f, const model_case *c, double peak)
{
    decode_plan p;
    rl_error ignored;
    if (decode_plan_build(&p, d->llm, d->format, 1, d->llm->layers, c->scheme->fused, &ignored) != 0)
        return 0; /* the step's shapes no longer plan (an edited config): no prediction */
    roofline r;
    double pred = NAN;
    if (roofline_predict((double)p.bytes, (double)p.flop, f->bw_measured_gbs, peak, &r) == 0)
        pred = r.time_us + (double)p.nlaunches * run_fit_decode_cost_us(f, c->format, c->scheme, 1, c->llm);
    const double measured = 1e6 / c->tokens_per_s;
    int rc = csv_row_set_text(row, DEC_COL_step_launch_scheme, c->scheme->name);
    rc |= csv_row_set_count(row, DEC_COL_step_launches, p.nlaunches);
    rc |= set_known(row, DEC_COL_time_us_per_token_step, measured);
    rc |= set_known(row, DEC_COL_tokens_per_s_step, c->tokens_per_s);
    rc |= set_known(row, DEC_COL_time_us_per_token_step_pred, pred);
    rc |= set_known(row, DEC_COL_err_pct_step, roofline_err_pct(pred, measured));
    rc |= set_known(row, DEC_COL_energy_uj_per_token_step, c->energy_uj_per_token);
    decode_plan_free(&p);
    return rc;
}

static int emit(decode_sink *s, const decode_case *d, double t_ds, const run_fit *f, double peak)
{
    csv_row_clear(&s->row);
    int rc = set_shared(&s->row, d, t_ds);
    if (f != NULL)
        rc |= set_run(&s->row, d, f, peak);
    const model_case *step = f != NULL && d->context == 0 ? fastest_step(s, d, f) : NULL;
    if (step != NULL)
        rc |= set_step(&s->row, d, f, step, peak);
    if (rc != 0)
        return rl_error_set(s->err,
                            "cannot fill the decode row of model %s, %s on %s mode %s at --context %llu: "
                            "out of memory or a value that is not finite",
                            d->llm->id, d->format->name, d->spec->id, d->mode->name,
                            (unsigned long long)d->context);
    s->rows++;
    return csv_writer_row(&s->w, &s->row, s->err);
}

/* The datasheet row of d, then one row per run measured on its spec and mode. */
static int emit_case(decode_sink *s, const decode_case *d, const run_fits *fits)
{
    double peak;
    if (hw_mode_peak(d->mode, d->unit, &peak) != 0)
        return 0; /* the mode has no peak for the GEMV's unit: nothing to predict */
    decode_ceilings ds = {d->mode->dram_bw_gbs, peak, NAN};
    double t_ds = decode_time_us(d->llm, d->format, d->context, &ds);
    size_t runs = 0;
    for (size_t i = 0; i < fits->count; i++) {
        const run_fit *f = &fits->runs[i];
        if (f->spec != d->spec || f->mode != d->mode || isnan(f->bw_measured_gbs))
            continue;
        runs++;
        if (emit(s, d, t_ds, f, peak) != 0)
            return -1;
    }
    return runs == 0 ? emit(s, d, t_ds, NULL, peak) : 0;
}

static int emit_llm(decode_sink *s, const llm_config *m, const char *path, uint64_t context,
                    const hw_spec_set *specs, const run_fits *fits)
{
    for (size_t fi = 0; fi < WEIGHT_FORMAT_COUNT; fi++) {
        const weight_format *f = &WEIGHT_FORMAT_TABLE[fi];
        decode_case d = {m, NULL, NULL, f, context, {0}, weight_format_batch1_unit(f)};
        int counted = decode_count(m, d.format, context, &d.counts);
        if (counted == -2) {
            char line[32] = ""; /* a config.json has no line to name */
            if (m->line > 0)
                snprintf(line, sizeof line, ":%ld", m->line);
            return rl_error_set(s->err,
                                "decode: model %s at --context %llu: one token's KV cache, weights, bytes or "
                                "flop would pass %llu, the largest count; accepted: shapes and a context "
                                "whose counts stay below 2^64 (%s%s)",
                                m->id, (unsigned long long)context, (unsigned long long)UINT64_MAX, path, line);
        }
        if (counted != 0) {
            fprintf(stderr, "model: decode: %s does not suit %s's GEMV shapes; skipped\n", d.format->name,
                    m->id);
            continue;
        }
        for (size_t si = 0; si < specs->count; si++)
            for (size_t mi = 0; mi < specs->specs[si].nmodes; mi++) {
                d.spec = &specs->specs[si];
                d.mode = &specs->specs[si].modes[mi];
                if (emit_case(s, &d, fits) != 0)
                    return -1;
            }
    }
    return 0;
}

int decode_write(const char *path, const llm_configs *llms, const uint64_t *contexts, size_t ncontexts,
                 const hw_spec_set *specs, const run_fits *fits, const model_case *cases, size_t ncases,
                 size_t *rows, rl_error *err)
{
    decode_sink s = {.cases = cases, .ncases = ncases, .err = err};
    if (csv_row_init(&s.row, &DECODE_CSV_SCHEMA) != 0)
        return rl_error_set(err, "out of memory");
    int rc = csv_writer_open_buffered(&s.w, path, &DECODE_CSV_SCHEMA, err);
    if (rc == 0) {
        for (size_t i = 0; rc == 0 && i < llms->count; i++)
            for (size_t c = 0; rc == 0 && c < ncontexts; c++)
                rc = emit_llm(&s, &llms->models[i], llms->path, contexts[c], specs, fits);
        if (rc == 0)
            rc = csv_writer_commit(&s.w, err);
        else
            csv_writer_abort(&s.w);
    }
    csv_row_free(&s.row);
    *rows = s.rows;
    return rc;
}
