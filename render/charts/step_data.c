#include "step_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cell_read.h"
#include "pick.h"
#include "str_index.h"

/* batch x 1e6 over a time of what ran scaled to the whole model; NAN. */
static double per_s(double batch, double us, double scale)
{
    return us > 0.0 ? batch * 1e6 / (us * scale) : NAN;
}

/* 0 and *s filled for a right decode step with tokens/s, else -1. */
static int step_of(const csv_table *t, size_t r, step_row *s)
{
    if (!text_same(csv_table_text(t, r, RAW_COL_kernel), "decode_step") ||
        !text_same(csv_table_text(t, r, RAW_COL_check), "ok"))
        return -1;
    memset(s, 0, sizeof *s);
    s->row = r;
    s->run_id = csv_table_text(t, r, RAW_COL_run_id);
    s->device = csv_table_text(t, r, RAW_COL_device);
    s->spec_id = csv_table_text(t, r, MODEL_COL_spec_id);
    s->spec_mode = csv_table_text(t, r, MODEL_COL_spec_mode);
    s->llm = csv_table_text(t, r, RAW_COL_llm);
    s->format = csv_table_text(t, r, RAW_COL_format);
    s->scheme = csv_table_text(t, r, RAW_COL_launch_scheme);
    s->batch = count_of(t, r, RAW_COL_batch);
    s->layers_run = count_of(t, r, RAW_COL_n);
    s->llm_layers = count_of(t, r, RAW_COL_llm_layers);
    s->launches = count_of(t, r, RAW_COL_launches);
    s->time_us = real_of(t, r, RAW_COL_time_us_median);
    s->tokens_per_s = real_of(t, r, RAW_COL_tokens_per_s);
    if (s->llm == NULL || s->scheme == NULL || !(s->tokens_per_s > 0.0) || !(s->time_us > 0.0) ||
        s->batch == 0)
        return -1;
    const double b = (double)s->batch;
    s->scaled = s->llm_layers > s->layers_run;
    s->scale = b * 1e6 / s->tokens_per_s / s->time_us;
    s->pred_tokens_per_s = per_s(b, real_of(t, r, MODEL_COL_time_us_pred_measured_floor), s->scale);
    s->bytes_only_tokens_per_s = per_s(b, real_of(t, r, MODEL_COL_time_us_pred_measured), s->scale);
    s->err_pct = real_of(t, r, MODEL_COL_err_pct_measured_floor);
    s->j_per_token = real_of(t, r, RAW_COL_energy_uj_per_token) / 1e6;
    s->pred_j_per_token = real_of(t, r, MODEL_COL_energy_uj_fit) * s->scale / b / 1e6;
    s->stream_share = real_of(t, r, MODEL_COL_bw_fraction_of_measured);
    return 0;
}

/* Where a best step sorts: its run's, then its LLM's first appearance
 * among the rows, then the format table's order. */
typedef struct best_key {
    size_t run, llm;
    int format;
    size_t index;
} best_key;

static int best_order(const void *a, const void *b)
{
    const best_key *x = a, *y = b;
    if (x->run != y->run)
        return x->run < y->run ? -1 : 1;
    if (x->llm != y->llm)
        return x->llm < y->llm ? -1 : 1;
    return (x->format > y->format) - (x->format < y->format);
}

/* Each step's first row of its run, and of its run and LLM, and the
 * fastest batch-1 step of its run, LLM and format: found by hashing, once
 * per step. (A scan of the steps before each step, and of every step for
 * each, was quadratic: a run of 100k rows has 20k steps.) */
typedef struct step_index {
    str_index run, run_llm, best_of;
    size_t *first_run, *first_llm, *fastest;
} step_index;

static void step_index_free(step_index *x)
{
    str_index_free(&x->run);
    str_index_free(&x->run_llm);
    str_index_free(&x->best_of);
    free(x->first_run);
    free(x->first_llm);
    free(x->fastest);
}

/* key's slot in ix; *fresh: 1 when it was new; STR_INDEX_NONE out of memory. */
static size_t put(str_index *ix, const char *const *key, int *fresh)
{
    size_t before = ix->count, k = str_index_put(ix, key);
    *fresh = ix->count > before;
    return k;
}

static int step_index_build(step_index *x, const step_data *d, size_t *run_first, size_t *llm_first)
{
    memset(x, 0, sizeof *x);
    str_index_init(&x->run, 1);
    str_index_init(&x->run_llm, 2);
    str_index_init(&x->best_of, 3);
    x->first_run = malloc((d->n + 1) * sizeof *x->first_run);
    x->first_llm = malloc((d->n + 1) * sizeof *x->first_llm);
    x->fastest = malloc((d->n + 1) * sizeof *x->fastest);
    if (x->first_run == NULL || x->first_llm == NULL || x->fastest == NULL)
        return -1;
    for (size_t i = 0; i < d->n; i++) {
        const step_row *s = &d->rows[i];
        const char *k1[1] = {s->run_id}, *k2[2] = {s->run_id, s->llm};
        int fresh;
        size_t a = put(&x->run, k1, &fresh);
        if (a == STR_INDEX_NONE)
            return -1;
        if (fresh)
            x->first_run[a] = i;
        run_first[i] = x->first_run[a];
        size_t b = put(&x->run_llm, k2, &fresh);
        if (b == STR_INDEX_NONE)
            return -1;
        if (fresh)
            x->first_llm[b] = i;
        llm_first[i] = x->first_llm[b];
        if (s->batch != 1)
            continue;
        const char *k3[3] = {s->run_id, s->llm, s->format};
        size_t c = put(&x->best_of, k3, &fresh);
        if (c == STR_INDEX_NONE)
            return -1;
        if (fresh || s->tokens_per_s > d->rows[x->fastest[c]].tokens_per_s) /* the first of the fastest */
            x->fastest[c] = i;
    }
    return 0;
}

static int pick_best(step_data *d)
{
    best_key *keys = malloc((d->n + 1) * sizeof *keys);
    size_t *run_first = malloc((d->n + 1) * sizeof *run_first), *llm_first = malloc((d->n + 1) * sizeof *llm_first);
    d->best = malloc((d->n + 1) * sizeof *d->best);
    step_index x;
    int rc = keys == NULL || run_first == NULL || llm_first == NULL || d->best == NULL ? -1
                                                                                       : step_index_build(&x, d, run_first, llm_first);
    size_t k = 0;
    for (size_t i = 0; rc == 0 && i < d->n; i++) {
        const step_row *s = &d->rows[i];
        if (s->batch != 1)
            continue;
        const char *k3[3] = {s->run_id, s->llm, s->format};
        if (x.fastest[str_index_get(&x.best_of, k3)] != i)
            continue;
        keys[k++] = (best_key){run_first[i], llm_first[i], format_rank(s->format), i};
    }
    if (rc == 0) {
        qsort(keys, k, sizeof *keys, best_order);
        for (size_t i = 0; i < k; i++)
            d->best[i] = keys[i].index;
        d->nbest = k;
    }
    if (keys != NULL && run_first != NULL && llm_first != NULL && d->best != NULL)
        step_index_free(&x);
    free(keys);
    free(run_first);
    free(llm_first);
    return rc;
}

int step_data_from_table(const csv_table *t, step_data *d, rl_error *err)
{
    memset(d, 0, sizeof *d);
    d->rows = malloc((t->nrows + 1) * sizeof *d->rows);
    if (d->rows == NULL)
        return rl_error_set(err, "out of memory picking the decode steps");
    for (size_t r = 0; r < t->nrows; r++)
        if (step_of(t, r, &d->rows[d->n]) == 0)
            d->n++;
    if (pick_best(d) != 0) {
        step_data_free(d);
        return rl_error_set(err, "out of memory picking the decode steps");
    }
    return 0;
}

void step_data_free(step_data *d)
{
    free(d->rows);
    free(d->best);
    memset(d, 0, sizeof *d);
}

const step_row *step_at_batch(const step_data *d, const char *run, const char *llm, const char *format,
                              uint64_t batch)
{
    const step_row *best = NULL;
    for (size_t i = 0; i < d->n; i++) {
        const step_row *s = &d->rows[i];
        if (s->batch == batch && text_same(s->run_id, run) && text_same(s->llm, llm) &&
            text_same(s->format, format) && (best == NULL || s->tokens_per_s > best->tokens_per_s))
            best = s;
    }
    return best;
}

const step_row *step_best(const step_data *d, const char *run, const char *llm, const char *format)
{
    return step_at_batch(d, run, llm, format, 1);
}

const step_row *step_with_scheme(const step_data *d, const char *run, const char *llm, const char *format,
                                 const char *scheme)
{
    for (size_t i = 0; i < d->n; i++) {
        const step_row *s = &d->rows[i];
        if (s->batch == 1 && text_same(s->run_id, run) && text_same(s->llm, llm) && text_same(s->format, format) &&
            text_same(s->scheme, scheme))
            return s;
    }
    return NULL;
}

const char *step_scheme_llm(const step_data *d, const char *run, size_t *nschemes)
{
    const char *schemes[16];
    size_t ns = 0;
    for (size_t i = 0; i < d->n; i++) { /* the run's schemes */
        const step_row *s = &d->rows[i];
        size_t j = 0;
        while (j < ns && !text_same(schemes[j], s->scheme))
            j++;
        if (text_same(s->run_id, run) && j == ns && ns < 16)
            schemes[ns++] = s->scheme;
    }
    *nschemes = ns;
    const step_row *heaviest = NULL; /* the largest model's slowest step: what users run */
    for (size_t i = 0; ns > 1 && i < d->n; i++) {
        const step_row *s = &d->rows[i];
        size_t have = 0;
        if (!text_same(s->run_id, run) || s->batch != 1)
            continue;
        for (size_t j = 0; j < ns; j++)
            have += step_with_scheme(d, run, s->llm, s->format, schemes[j]) != NULL;
        if (have == ns && (heaviest == NULL || s->time_us * s->scale > heaviest->time_us * heaviest->scale))
            heaviest = s;
    }
    return heaviest != NULL ? heaviest->llm : NULL;
}

double step_speedup(const step_data *d, const char *run, const char *llm, const char *format)
{
    const step_row *q = step_best(d, run, llm, format), *b = step_best(d, run, llm, "fp16");
    return q != NULL && b != NULL ? q->tokens_per_s / b->tokens_per_s : NAN;
}
