#include "issue_rate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "predict.h"
#include "stats.h"

/* One gemv_issue row's numbers, for its (run_id, device, format). */
typedef struct issue_obs {
    size_t key;
    double per_sm_cycle, per_s, gbs; /* gbs: bytes / time, NaN when not known */
} issue_obs;

typedef struct issue_build {
    issue_obs *obs;
    size_t nobs, cap;
    size_t *run_of; /* rate -> run number */
} issue_build;

int issue_rate_applies(const char *kernel, uint64_t batch, const char *unit)
{
    return batch == 1 && kernel != NULL && unit != NULL && strcmp(kernel, ISSUE_RATE_GEMV_KERNEL) == 0 &&
           (strcmp(unit, "cuda_fp32") == 0 || strcmp(unit, "cuda_dp4a") == 0);
}

double issue_time_us(double weights, double rate, double sm_count, double clock_mhz)
{
    if (!(weights > 0.0 && rate > 0.0 && sm_count > 0.0 && clock_mhz > 0.0))
        return NAN;
    return weights / (rate * sm_count * clock_mhz); /* clock in MHz: cycles per us */
}

static int grow_obs(issue_build *b)
{
    if (b->nobs < b->cap)
        return 0;
    issue_obs *v = grow_array(b->obs, &b->cap, sizeof *v, 32);
    if (v == NULL)
        return -1;
    b->obs = v;
    return 0;
}

/* A new key's rate (its medians come later) and its run. */
static int add_rate(issue_rates *r, issue_build *b, const csv_table *t, size_t row, const char *const *key)
{
    const char *run_key[2] = {key[0], key[1]};
    size_t run = str_index_put(&r->runs, run_key);
    issue_rate *v = realloc(r->rates, (r->count + 1) * sizeof *v);
    size_t *run_of = v == NULL ? NULL : realloc(b->run_of, (r->count + 1) * sizeof *run_of);
    if (v != NULL)
        r->rates = v;
    if (run_of != NULL)
        b->run_of = run_of;
    if (run == STR_INDEX_NONE || v == NULL || run_of == NULL)
        return -1;
    r->rates[r->count] = (issue_rate){key[0], key[1], key[2], csv_table_text(t, row, RAW_COL_timestamp_utc), NAN,
                                      NAN, 0, 0};
    b->run_of[r->count++] = run;
    return 0;
}

const char *issue_rate_roof_name(const issue_rate *r)
{
    return r != NULL && r->l2_bound ? "l2" : "issue";
}

/* bytes / time_us_median of row, in GB/s; NaN when either is missing. */
static double row_gbs(const csv_table *t, size_t row)
{
    double bytes, us;
    if (csv_table_real(t, row, RAW_COL_bytes, &bytes) != 0 || csv_table_real(t, row, RAW_COL_time_us_median, &us) != 0 ||
        !(us > 0.0))
        return NAN;
    return roofline_rate_gbs(bytes, us); /* as measured_bw's, which l2_bound compares with */
}

static int add_row(issue_rates *r, issue_build *b, const csv_table *t, size_t row)
{
    const char *kernel = csv_table_text(t, row, RAW_COL_kernel);
    const char *check = csv_table_text(t, row, RAW_COL_check);
    double per_cycle, per_s;
    if (strcmp(kernel, ISSUE_RATE_KERNEL) != 0 || strcmp(check, "ok") != 0 ||
        csv_table_real(t, row, RAW_COL_weights_per_sm_cycle, &per_cycle) != 0 || !(per_cycle > 0.0))
        return 0;
    if (csv_table_real(t, row, RAW_COL_weights_per_s, &per_s) != 0 || !(per_s > 0.0))
        per_s = NAN;
    const char *key[3] = {csv_table_text(t, row, RAW_COL_run_id), csv_table_text(t, row, RAW_COL_device),
                          csv_table_text(t, row, RAW_COL_format)};
    size_t k = str_index_put(&r->index, key);
    if (k == STR_INDEX_NONE || (k == r->count && add_rate(r, b, t, row, key) != 0) || grow_obs(b) != 0)
        return -1;
    b->obs[b->nobs++] = (issue_obs){k, per_cycle, per_s, row_gbs(t, row)};
    return 0;
}

static int by_key(const void *a, const void *b)
{
    const issue_obs *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

/* Each rate's medians, from its observations (sorted by key here). */
static int set_medians(issue_rates *r, issue_build *b, const measured_bw *l2)
{
    if (b->nobs > 0) /* obs is NULL then: qsort must not see it (C11 7.22.5) */
        qsort(b->obs, b->nobs, sizeof *b->obs, by_key);
    double *v = malloc((b->nobs + 1) * 3 * sizeof *v);
    if (v == NULL)
        return -1;
    double *s = v + b->nobs + 1, *g = s + b->nobs + 1;
    for (size_t i = 0; i < b->nobs;) {
        size_t j = i, ns = 0, ng = 0;
        for (; j < b->nobs && b->obs[j].key == b->obs[i].key; j++) {
            v[j - i] = b->obs[j].per_sm_cycle;
            if (!isnan(b->obs[j].per_s))
                s[ns++] = b->obs[j].per_s;
            if (!isnan(b->obs[j].gbs))
                g[ng++] = b->obs[j].gbs;
        }
        issue_rate *rate = &r->rates[b->obs[i].key];
        rate->rows = j - i;
        rate->weights_per_sm_cycle = stats_median(v, j - i);
        rate->weights_per_s = ns > 0 ? stats_median(s, ns) : NAN;
        double l2_gbs;
        rate->l2_bound = ng > 0 && measured_bw_find(l2, rate->run_id, rate->device, &l2_gbs) == 0 &&
                         stats_median(g, ng) >= ISSUE_RATE_L2_SHARE * l2_gbs;
        i = j;
    }
    free(v);
    return 0;
}

/* by_run: the rates of each run together, in the order first seen. */
static int group_by_run(issue_rates *r, const issue_build *b)
{
    size_t nruns = r->runs.count;
    r->by_run = malloc((r->count + 1) * sizeof *r->by_run);
    r->run_first = calloc(nruns + 2, sizeof *r->run_first);
    size_t *next = calloc(nruns + 1, sizeof *next);
    if (r->by_run == NULL || r->run_first == NULL || next == NULL) {
        free(next);
        return -1;
    }
    for (size_t i = 0; i < r->count; i++)
        r->run_first[b->run_of[i] + 1]++;
    for (size_t k = 0; k < nruns; k++)
        r->run_first[k + 1] += r->run_first[k];
    for (size_t i = 0; i < r->count; i++) {
        size_t run = b->run_of[i];
        r->by_run[r->run_first[run] + next[run]++] = &r->rates[i];
    }
    free(next);
    return 0;
}

int issue_rates_collect(issue_rates *r, const csv_table *tables, size_t ntables, const measured_bw *l2,
                        rl_error *err)
{
    memset(r, 0, sizeof *r);
    str_index_init(&r->index, 3);
    str_index_init(&r->runs, 2);
    issue_build b = {0};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < ntables; i++)
        for (size_t row = 0; rc == 0 && row < tables[i].nrows; row++)
            rc = add_row(r, &b, &tables[i], row);
    if (rc == 0)
        rc = set_medians(r, &b, l2);
    if (rc == 0)
        rc = group_by_run(r, &b);
    free(b.obs);
    free(b.run_of);
    if (rc != 0) {
        issue_rates_free(r);
        return rl_error_set(err, "out of memory collecting the issue rates (gemv_issue rows)");
    }
    return 0;
}

void issue_rates_free(issue_rates *r)
{
    free(r->rates);
    free(r->by_run);
    free(r->run_first);
    str_index_free(&r->index);
    str_index_free(&r->runs);
    memset(r, 0, sizeof *r);
}

const issue_rate *issue_rates_find(const issue_rates *r, const char *run_id, const char *device, const char *format)
{
    if (r == NULL || r->count == 0)
        return NULL;
    const char *key[3] = {run_id, device, format};
    size_t i = str_index_get(&r->index, key);
    return i == STR_INDEX_NONE ? NULL : &r->rates[i];
}

const issue_rate *const *issue_rates_of_run(const issue_rates *r, const char *run_id, const char *device, size_t *n)
{
    *n = 0;
    if (r == NULL || r->count == 0)
        return NULL;
    const char *key[2] = {run_id, device};
    size_t run = str_index_get(&r->runs, key);
    if (run == STR_INDEX_NONE)
        return NULL;
    *n = r->run_first[run + 1] - r->run_first[run];
    return r->by_run + r->run_first[run];
}

const issue_rate *issue_rates_newest(const issue_rates *r)
{
    const issue_rate *best = NULL;
    for (size_t i = 0; r != NULL && i < r->count; i++) {
        const char *ts = r->rates[i].timestamp_utc;
        if (best == NULL || strcmp(ts != NULL ? ts : "", best->timestamp_utc != NULL ? best->timestamp_utc : "") > 0)
            best = &r->rates[i];
    }
    return best;
}
