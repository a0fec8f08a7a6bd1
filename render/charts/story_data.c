#include "story_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell_read.h"
#include "formats.h"
#include "inputs.h"
#include "pick.h"
#include "stats.h"
#include "summary_data.h"

#define MAX_SHAPES 256 /* batch-1 gemv shapes of a run kept for the claims */

const char *story_class_name(enum story_class c)
{
    static const char *const names[CLASS_COUNT] = {"the largest square", "LLM layer shapes",
                                                   "a whole decode token"};
    return names[c];
}

const char *story_pred_name(enum story_pred p)
{
    static const char *const names[PRED_COUNT] = {"bytes-only roofline", "roofline + launch floor"};
    return names[p];
}

static int is_yes(const csv_table *t, size_t r, int col)
{
    return text_same(csv_table_text(t, r, col), "yes");
}

/* In model's error statistics: its in_error_stats, or for a CSV from
 * before that column, a right case that is not the ceiling's read stream. */
int story_counted(const csv_table *t, size_t r)
{
    const char *v = csv_table_text(t, r, MODEL_COL_in_error_stats);
    if (v != NULL)
        return strcmp(v, "yes") == 0;
    return text_same(csv_table_text(t, r, RAW_COL_check), "ok") &&
           !text_same(csv_table_text(t, r, RAW_COL_kernel), "stream_read") &&
           !text_same(csv_table_text(t, r, MODEL_COL_memory_level), "l2") &&
           !text_same(csv_table_text(t, r, RAW_COL_kernel), "decode_step");
}

/* A counted batch-1 `gemv`: what the claims are judged on. */
static int judged(const csv_table *t, size_t r)
{
    return text_same(csv_table_text(t, r, RAW_COL_kernel), "gemv") && count_of(t, r, RAW_COL_batch) == 1 &&
           story_counted(t, r);
}

/* --- the LLM shapes */

static void add_llm_shape(story_data *d, uint64_t n, uint64_t k)
{
    if (story_llm_shape(d, n, k) || d->nllm_shapes == STORY_MAX_LLM_SHAPES)
        return;
    d->llm_n[d->nllm_shapes] = n;
    d->llm_k[d->nllm_shapes++] = k;
}

static void collect_llm_shapes(story_data *d, const llm_configs *llms)
{
    d->llms = llms;
    for (size_t m = 0; llms != NULL && m < llms->count; m++)
        for (size_t g = 0; g < llms->models[m].ngemvs; g++)
            add_llm_shape(d, llms->models[m].gemvs[g].n, llms->models[m].gemvs[g].k);
}

int story_llm_shape(const story_data *d, uint64_t n, uint64_t k)
{
    for (size_t i = 0; i < d->nllm_shapes; i++)
        if (d->llm_n[i] == n && d->llm_k[i] == k)
            return 1;
    return 0;
}

/* --- runs */

static size_t run_index(const story_data *d, const csv_table *t, size_t r)
{
    const char *run = csv_table_text(t, r, RAW_COL_run_id), *dev = csv_table_text(t, r, RAW_COL_device);
    for (size_t i = 0; i < d->nruns; i++)
        if (text_same(d->runs[i].run_id, run) && text_same(d->runs[i].device, dev))
            return i;
    return d->nruns;
}

const run_story *story_run_of(const story_data *d, const csv_table *t, size_t r)
{
    size_t i = run_index(d, t, r);
    return i < d->nruns ? &d->runs[i] : NULL;
}

static void run_init(run_story *s, const csv_table *t, size_t r)
{
    memset(s, 0, sizeof *s);
    s->run_id = csv_table_text(t, r, RAW_COL_run_id);
    s->device = csv_table_text(t, r, RAW_COL_device);
    s->spec_id = csv_table_text(t, r, MODEL_COL_spec_id);
    s->spec_mode = csv_table_text(t, r, MODEL_COL_spec_mode);
    s->power_mode = csv_table_text(t, r, RAW_COL_power_mode);
    s->timestamp = csv_table_text(t, r, RAW_COL_timestamp_utc);
    s->commit = csv_table_text(t, r, RAW_COL_git_commit);
    s->first_row = r;
    s->bw_measured = s->floor_us = s->full_clock_mhz = s->gflops_per_w_fp16 = NAN;
    for (size_t c = 0; c < STORY_NCLAIMS; c++)
        s->gflops_per_w[c] = NAN;
}

/* What one run's build keeps beside its story: the distinct batch-1 gemv
 * formats and shapes, the fp16 baseline row of each judged shape, and per
 * claim and shape class the speedups found. */
typedef struct run_scratch {
    const char *formats[64];
    size_t nformats;
    uint64_t n[MAX_SHAPES], k[MAX_SHAPES];
    size_t nshapes;
    uint64_t base_n[MAX_SHAPES], base_k[MAX_SHAPES];
    size_t base_row[MAX_SHAPES], nbase;
    double v[STORY_NCLAIMS][CLASS_TOKEN][PRED_COUNT + 1][MAX_SHAPES]; /* measured, bytes-only, floor */
    uint64_t vn[STORY_NCLAIMS][CLASS_TOKEN][MAX_SHAPES], vk[STORY_NCLAIMS][CLASS_TOKEN][MAX_SHAPES];
    size_t nv[STORY_NCLAIMS][CLASS_TOKEN];
} run_scratch;

static void note_gemv(run_scratch *x, const csv_table *t, size_t r)
{
    const char *f = csv_table_text(t, r, RAW_COL_format);
    uint64_t n = count_of(t, r, RAW_COL_n), k = count_of(t, r, RAW_COL_k);
    size_t j = 0;
    while (j < x->nformats && !text_same(x->formats[j], f))
        j++;
    if (j == x->nformats && j < 64)
        x->formats[x->nformats++] = f;
    for (j = 0; j < x->nshapes && !(x->n[j] == n && x->k[j] == k); j++)
        ;
    if (j == x->nshapes && j < MAX_SHAPES) {
        x->n[j] = n;
        x->k[j] = k;
        x->nshapes++;
    }
    if (judged(t, r) && text_same(f, "fp16") && x->nbase < MAX_SHAPES) {
        for (j = 0; j < x->nbase && !(x->base_n[j] == n && x->base_k[j] == k); j++)
            ;
        if (j == x->nbase) { /* the first row of a shape stands, as in model */
            x->base_n[j] = n;
            x->base_k[j] = k;
            x->base_row[x->nbase++] = r;
        }
    }
}

/* Runs, their rows, ceilings, floors, full clocks and fp16 baselines. */
static void collect_runs(story_data *d, const csv_table *t, run_scratch *x)
{
    for (size_t r = 0; r < t->nrows; r++) {
        size_t i = run_index(d, t, r);
        if (i == d->nruns) {
            if (d->nruns == STORY_MAX_RUNS) {
                d->runs_left_out += r == 0 || !text_same(csv_table_text(t, r, RAW_COL_run_id),
                                                    csv_table_text(t, r - 1, RAW_COL_run_id));
                continue;
            }
            run_init(&d->runs[d->nruns++], t, r);
        }
        run_story *s = &d->runs[i];
        s->rows++;
        s->wrong += !text_same(csv_table_text(t, r, RAW_COL_check), "ok");
        if (isnan(s->bw_measured))
            s->bw_measured = real_of(t, r, MODEL_COL_bw_measured_gbs);
        if (isnan(s->floor_us))
            s->floor_us = real_of(t, r, MODEL_COL_launch_floor_us);
        double clock = real_of(t, r, RAW_COL_sm_clock_mhz);
        if (!is_yes(t, r, RAW_COL_throttled) && clock > 0.0 && !(clock <= s->full_clock_mhz))
            s->full_clock_mhz = clock;
        if (text_same(csv_table_text(t, r, RAW_COL_kernel), "gemv") && count_of(t, r, RAW_COL_batch) == 1)
            note_gemv(&x[i], t, r);
    }
    for (size_t i = 0; i < d->nruns; i++) {
        d->runs[i].gemv_formats = x[i].nformats;
        d->runs[i].gemv_shapes = x[i].nshapes;
    }
}

/* --- the claims */

static long baseline_of(const run_scratch *x, uint64_t n, uint64_t k)
{
    for (size_t j = 0; j < x->nbase; j++)
        if (x->base_n[j] == n && x->base_k[j] == k)
            return (long)x->base_row[j];
    return -1;
}

static double ratio(const csv_table *t, size_t base, size_t q, int col)
{
    double b = real_of(t, base, col), v = real_of(t, q, col);
    return v > 0.0 && b > 0.0 ? b / v : NAN;
}

static void push(run_scratch *x, size_t c, int cls, const csv_table *t, size_t base, size_t q)
{
    size_t i = x->nv[c][cls];
    if (i == MAX_SHAPES)
        return;
    x->v[c][cls][0][i] = ratio(t, base, q, RAW_COL_time_us_median);
    x->v[c][cls][1 + PRED_BYTES][i] = ratio(t, base, q, MODEL_COL_time_us_pred_measured);
    x->v[c][cls][1 + PRED_FLOOR][i] = ratio(t, base, q, MODEL_COL_time_us_pred_measured_floor);
    x->vn[c][cls][i] = count_of(t, q, RAW_COL_n);
    x->vk[c][cls][i] = count_of(t, q, RAW_COL_k);
    x->nv[c][cls]++;
}

/* The largest square: kept alone in its slot, replaced by a larger one. */
static void push_square(run_scratch *x, size_t c, const csv_table *t, size_t base, size_t q)
{
    uint64_t n = count_of(t, q, RAW_COL_n);
    if (x->nv[c][CLASS_SQUARE] > 0 && x->vn[c][CLASS_SQUARE][0] >= n)
        return;
    x->nv[c][CLASS_SQUARE] = 0;
    push(x, c, CLASS_SQUARE, t, base, q);
}


typedef struct claim_def {
    const char *name, *format;
    double low, high;
    const char *claim;
} claim_def;

#define CLAIM_ROW(name, format, low, high, claim) {name, format, low, high, claim},
static const claim_def CLAIMS[STORY_NCLAIMS] = {SEED_HYPOTHESES(CLAIM_ROW)};
#undef CLAIM_ROW

const char *story_claim_format(size_t c)
{
    return c < STORY_NCLAIMS ? CLAIMS[c].format : NULL;
}

static void collect_claim_rows(story_data *d, const csv_table *t, run_scratch *x)
{
    for (size_t r = 0; r < t->nrows; r++) {
        size_t i = run_index(d, t, r);
        if (i == d->nruns || !judged(t, r))
            continue;
        const char *f = csv_table_text(t, r, RAW_COL_format);
        uint64_t n = count_of(t, r, RAW_COL_n), k = count_of(t, r, RAW_COL_k);
        for (size_t c = 0; c < STORY_NCLAIMS; c++) {
            long base = text_same(f, CLAIMS[c].format) ? baseline_of(&x[i], n, k) : -1;
            if (base < 0)
                continue;
            if (n == k)
                push_square(&x[i], c, t, (size_t)base, r);
            if (story_llm_shape(d, n, k))
                push(&x[i], c, CLASS_LLM, t, (size_t)base, r);
        }
    }
}

/* Median, range and verdict of n measured speedups and their predictions. */
static void summarise(class_result *out, const claim_def *def, double v[PRED_COUNT + 1][MAX_SHAPES],
                      const uint64_t *vn, const uint64_t *vk, const char *const *llm, size_t n)
{
    double tmp[MAX_SHAPES];
    memset(out, 0, sizeof *out);
    out->median = out->lo = out->hi = out->pred_bytes = out->pred_floor = NAN;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[0][i]))
            continue;
        tmp[m++] = v[0][i];
        if (isnan(out->lo) || v[0][i] < out->lo) {
            out->lo = v[0][i];
            out->lo_n = vn != NULL ? vn[i] : 0;
            out->lo_k = vk != NULL ? vk[i] : 0;
            out->lo_llm = llm != NULL ? llm[i] : NULL;
        }
        if (isnan(out->hi) || v[0][i] > out->hi) {
            out->hi = v[0][i];
            out->hi_n = vn != NULL ? vn[i] : 0;
            out->hi_k = vk != NULL ? vk[i] : 0;
            out->hi_llm = llm != NULL ? llm[i] : NULL;
        }
    }
    out->n = m;
    if (m == 0)
        return;
    out->median = stats_median(tmp, m);
    for (int p = 0; p < PRED_COUNT; p++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(v[0][i]) && !isnan(v[1 + p][i]))
                tmp[k++] = v[1 + p][i];
        double med = stats_median(tmp, k);
        if (p == PRED_BYTES)
            out->pred_bytes = med;
        else
            out->pred_floor = med;
    }
    out->verdict = hypothesis_range_verdict(def->low, def->high, out->median);
}

/* A whole token per LLM of the run's decode steps. */
static void token_class(class_result *out, const claim_def *def, const run_story *s, const step_data *steps)
{
    double v[PRED_COUNT + 1][MAX_SHAPES];
    const char *llm[MAX_SHAPES];
    size_t n = 0;
    for (size_t i = 0; steps != NULL && i < steps->nbest && n < MAX_SHAPES; i++) {
        const step_row *q = &steps->rows[steps->best[i]];
        if (!text_same(q->run_id, s->run_id) || !text_same(q->device, s->device) ||
            !text_same(q->format, def->format))
            continue;
        const step_row *b = step_best(steps, s->run_id, q->llm, "fp16");
        if (b == NULL)
            continue;
        llm[n] = q->llm;
        v[0][n] = q->tokens_per_s / b->tokens_per_s;
        v[1 + PRED_BYTES][n] = q->bytes_only_tokens_per_s / b->bytes_only_tokens_per_s;
        v[1 + PRED_FLOOR][n] = q->pred_tokens_per_s / b->pred_tokens_per_s;
        n++;
    }
    summarise(out, def, v, NULL, NULL, llm, n);
}

static void judge_claims(story_data *d, run_scratch *x, const step_data *steps)
{
    for (size_t i = 0; i < d->nruns; i++)
        for (size_t c = 0; c < STORY_NCLAIMS; c++) {
            claim_result *cr = &d->runs[i].claims[c];
            const claim_def *def = &CLAIMS[c];
            const weight_format *wf = weight_format_find(def->format);
            cr->name = def->name;
            cr->format = def->format;
            cr->claim = def->claim;
            cr->low = def->low;
            cr->high = def->high;
            cr->ideal = wf != NULL ? 16.0 / weight_format_bits_per_weight(wf) : NAN;
            for (int cls = 0; cls < CLASS_TOKEN; cls++)
                summarise(&cr->cls[cls], def, x[i].v[c][cls], x[i].vn[c][cls], x[i].vk[c][cls], NULL,
                          x[i].nv[c][cls]);
            token_class(&cr->cls[CLASS_TOKEN], def, &d->runs[i], steps);
        }
}

/* --- the error criterion and the large errors */

static void criterion_stats(error_criterion *e, int p, double *errs, size_t n)
{
    e->n[p] = n;
    e->within[p] = 0;
    for (size_t i = 0; i < n; i++)
        e->within[p] += errs[i] < STORY_CRITERION_PCT;
    e->median[p] = stats_median(errs, n); /* sorts */
    e->p90[p] = n > 0 ? stats_percentile_sorted(errs, n, 90.0) : NAN;
    e->max[p] = n > 0 ? errs[n - 1] : NAN;
}

/* Run i's counted rows: the criterion over the memory-bound ones, the large
 * errors over all. errs: 2 x t->nrows scratch. */
static void collect_errors(story_data *d, const csv_table *t, size_t i, double *errs)
{
    error_criterion *e = &d->runs[i].err;
    size_t m[PRED_COUNT] = {0};
    for (size_t r = d->runs[i].first_row; r < t->nrows; r++) {
        if (run_index(d, t, r) != i || !story_counted(t, r))
            continue;
        double eb = fabs(real_of(t, r, MODEL_COL_err_pct_measured));
        double ef = fabs(real_of(t, r, MODEL_COL_err_pct_measured_floor));
        if (eb > STORY_LARGE_ERROR_PCT) {
            e->over_bytes++;
            e->fixed_cost += ef <= STORY_LARGE_ERROR_PCT;
        }
        if (ef > STORY_LARGE_ERROR_PCT) {
            char why[256];
            e->over_floor++;
            e->unexplained += !story_explain(t, r, &d->runs[i], why, sizeof why);
        }
        if (!text_same(csv_table_text(t, r, MODEL_COL_bound), "memory"))
            continue;
        e->rows++;
        const double v[PRED_COUNT] = {eb, ef};
        for (int p = 0; p < PRED_COUNT; p++)
            if (!isnan(v[p]))
                errs[p * t->nrows + m[p]++] = v[p];
    }
    for (int p = 0; p < PRED_COUNT; p++)
        criterion_stats(e, p, errs + p * t->nrows, m[p]);
}

/* A floor_score value of run from the summary; NAN without one. */
static double score(const csv_table *summary, const char *run, const char *subject, const char *quantity)
{
    return summary != NULL ? summary_value(summary, run, "floor_score", subject, quantity) : NAN;
}

static size_t score_rows(const csv_table *summary, const char *run, const char *subject)
{
    long row = summary != NULL ? summary_row(summary, run, "floor_score", subject, "median_abs_err_pct") : -1;
    uint64_t n = 0;
    return row >= 0 && csv_table_count(summary, (size_t)row, SUM_COL_rows, &n) == 0 ? (size_t)n : 0;
}

static void out_of_sample(story_data *d, const csv_table *summary)
{
    static const char loso[] = "leave_one_shape_out", half[] = "half_shapes";
    for (size_t i = 0; i < d->nruns; i++) {
        error_criterion *e = &d->runs[i].err;
        const char *run = d->runs[i].run_id;
        e->oos_median = score(summary, run, loso, "median_abs_err_pct");
        e->oos_p90 = score(summary, run, loso, "p90_abs_err_pct");
        e->oos_max = score(summary, run, loso, "max_abs_err_pct");
        e->oos_floor_lo = score(summary, run, loso, "floor_us_min");
        e->oos_floor_hi = score(summary, run, loso, "floor_us_max");
        e->oos_rows = score_rows(summary, run, loso);
        e->half_median = score(summary, run, half, "median_abs_err_pct");
        e->half_p90 = score(summary, run, half, "p90_abs_err_pct");
        e->half_max = score(summary, run, half, "max_abs_err_pct");
        e->half_rows = score_rows(summary, run, half);
    }
}

/* GFLOP/s per W at the largest square of each claim, and of fp16 there. */
static void efficiency(story_data *d, const csv_table *t)
{
    for (size_t i = 0; i < d->nruns; i++) {
        run_story *s = &d->runs[i];
        uint64_t n = s->claims[0].cls[CLASS_SQUARE].hi_n;
        for (size_t r = s->first_row; n > 0 && r < t->nrows; r++) {
            if (run_index(d, t, r) != i || !judged(t, r) || count_of(t, r, RAW_COL_n) != n ||
                count_of(t, r, RAW_COL_k) != n)
                continue;
            double e = real_of(t, r, RAW_COL_energy_uj), g = (double)count_of(t, r, RAW_COL_flop) / e / 1e3;
            const char *f = csv_table_text(t, r, RAW_COL_format);
            if (!(e > 0.0))
                continue;
            if (text_same(f, "fp16") && isnan(s->gflops_per_w_fp16))
                s->gflops_per_w_fp16 = g;
            for (size_t c = 0; c < STORY_NCLAIMS; c++)
                if (text_same(f, CLAIMS[c].format) && isnan(s->gflops_per_w[c]))
                    s->gflops_per_w[c] = g;
        }
    }
}

int story_data_from_tables(const csv_table *t, const csv_table *summary, const llm_configs *llms,
                           const step_data *steps, story_data *d)
{
    memset(d, 0, sizeof *d);
    collect_llm_shapes(d, llms);
    run_scratch *x = calloc(STORY_MAX_RUNS, sizeof *x);
    if (x == NULL)
        return -1;
    collect_runs(d, t, x);
    collect_claim_rows(d, t, x);
    judge_claims(d, x, steps);
    free(x);
    double *errs = malloc((2 * t->nrows + 1) * sizeof *errs);
    if (errs == NULL)
        return -1;
    for (size_t i = 0; i < d->nruns; i++)
        collect_errors(d, t, i, errs);
    free(errs);
    out_of_sample(d, summary);
    efficiency(d, t);
    for (size_t i = 0; steps != NULL && i < steps->n; i++)
        for (size_t j = 0; j < d->nruns; j++)
            d->runs[j].steps += text_same(steps->rows[i].run_id, d->runs[j].run_id) &&
                                text_same(steps->rows[i].device, d->runs[j].device);
    return 0;
}

/* --- explaining a large error */

double story_pred_at_clock(const csv_table *t, size_t r, double full_mhz)
{
    double bw = real_of(t, r, MODEL_COL_bw_measured_gbs), peak = real_of(t, r, MODEL_COL_peak_datasheet_gflops);
    double clock = real_of(t, r, RAW_COL_sm_clock_mhz), floor_us = real_of(t, r, MODEL_COL_launch_floor_us);
    double bytes = (double)count_of(t, r, RAW_COL_bytes), flop = (double)count_of(t, r, RAW_COL_flop);
    uint64_t launches = count_of(t, r, RAW_COL_launches);
    if (!(bw > 0.0) || !(peak > 0.0) || !(clock > 0.0) || !(full_mhz > 0.0) ||
        text_same(csv_table_text(t, r, MODEL_COL_memory_level), "l2"))
        return NAN;
    double at = peak * fmin(1.0, clock / full_mhz);
    double t_roof = fmax(bytes / (bw * 1e3), flop / (at * 1e3)); /* GB/s and GFLOP/s: 1e3 per us */
    return t_roof + (double)(launches ? launches : 1) * (isnan(floor_us) ? 0.0 : floor_us);
}

double story_err_at_clock(const csv_table *t, size_t r, double full_mhz)
{
    double p = story_pred_at_clock(t, r, full_mhz), m = real_of(t, r, RAW_COL_time_us_median);
    return p > 0.0 && m > 0.0 ? 100.0 * (p - m) / m : NAN;
}

enum story_clock story_clock_effect(const csv_table *t, size_t r, double full_mhz)
{
    double e = real_of(t, r, MODEL_COL_err_pct_measured_floor), at = story_err_at_clock(t, r, full_mhz);
    if (isnan(e))
        e = real_of(t, r, MODEL_COL_err_pct_measured);
    if (isnan(e) || isnan(at))
        return CLOCK_UNKNOWN;
    if (fabs(at - e) < 0.5)
        return CLOCK_NO_EFFECT;
    if (fabs(at) < fabs(e))
        return fabs(at) <= STORY_LARGE_ERROR_PCT ? CLOCK_EXPLAINS : CLOCK_IN_PART;
    return CLOCK_OVERSHOOTS;
}

int story_explain(const csv_table *t, size_t r, const run_story *s, char *buf, size_t size)
{
    const char *unit = csv_table_text(t, r, RAW_COL_kernel_unit);
    const weight_format *wf = weight_format_find(csv_table_text(t, r, RAW_COL_format));
    double share = real_of(t, r, MODEL_COL_bw_fraction_of_measured);
    buf[0] = '\0';
    if (is_yes(t, r, RAW_COL_throttled) || is_yes(t, r, RAW_COL_clocks_changed)) {
        double at = story_err_at_clock(t, r, s->full_clock_mhz), clock = real_of(t, r, RAW_COL_sm_clock_mhz);
        if (story_clock_effect(t, r, s->full_clock_mhz) == CLOCK_EXPLAINS) {
            char e[32];
            fmt_pct(e, sizeof e, at);
            snprintf(buf, size, "its clock was held down to %.0f %% of the run's full clock; with every "
                                "compute peak scaled to it the roofline + launch floor misses by %s %%",
                     100.0 * clock / s->full_clock_mhz, e);
            return 1;
        }
    }
    if (wf != NULL && wf->act_bits == 8 && count_of(t, r, RAW_COL_batch) > 1 && text_same(unit, "cuda_dp4a")) {
        snprintf(buf, size, "w8a8 runs dp4a on the CUDA cores, where its work grows with the batch, while "
                            "the roofline takes the dp4a peak as reachable (docs/bench-log.md)");
        return 1;
    }
    if (wf != NULL && wf->weight_bits == 2 && text_same(unit, "cuda_fp32") && share < 0.80) {
        snprintf(buf, size, "INT2 on the CUDA cores pays more than the model counts, per byte (dequantizing: "
                            "its schedulers issue on 63 %% of cycles, ncu) and per call (32 KiB of x staged "
                            "per block): 2.66 TB/s + 4.5 µs against fp16's 3.1 TB/s + 3.4 µs "
                            "(docs/bench-log.md)");
        return 1;
    }
    return 0;
}
