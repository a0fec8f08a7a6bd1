/* The fleet's cards against their kind (see fleet_data.h): one sort of the
 * rows by card, pass and run, then one walk over it. */
#include "fleet_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

/* One row of a card, with the cells it is sorted by. */
typedef struct keyed_row {
    const char *host, *id, *load, *device, *mode, *run;
    size_t row;
} keyed_row;

/* NULL (an empty cell) sorts first and equals only NULL. */
static int cmp_text(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int same_text(const char *a, const char *b)
{
    return cmp_text(a, b) == 0;
}

static int cmp_keyed(const void *pa, const void *pb)
{
    const keyed_row *a = pa, *b = pb;
    int c;
    if ((c = cmp_text(a->host, b->host)) != 0 || (c = cmp_text(a->id, b->id)) != 0 ||
        (c = cmp_text(a->load, b->load)) != 0 || (c = cmp_text(a->device, b->device)) != 0 ||
        (c = cmp_text(a->mode, b->mode)) != 0 || (c = cmp_text(a->run, b->run)) != 0)
        return c;
    return (a->row > b->row) - (a->row < b->row);
}

static int same_entry(const keyed_row *a, const keyed_row *b)
{
    return same_text(a->host, b->host) && same_text(a->id, b->id) && same_text(a->load, b->load) &&
           same_text(a->device, b->device) && same_text(a->mode, b->mode);
}

static int is_text(const csv_table *t, size_t r, int col, const char *want)
{
    const char *s = csv_table_text(t, r, col);
    return s != NULL && strcmp(s, want) == 0;
}

static double cell(const csv_table *t, size_t r, int col)
{
    double v;
    return csv_table_real(t, r, col, &v) == 0 ? v : NAN;
}

/* A checked batch-1 GEMV of format at n x k. */
static int is_gemv(const csv_table *t, size_t r, const char *format, uint64_t n, uint64_t k)
{
    uint64_t rn, rk, b;
    return is_text(t, r, RAW_COL_kernel, "gemv") && is_text(t, r, RAW_COL_format, format) &&
           is_text(t, r, RAW_COL_check, "ok") && csv_table_count(t, r, RAW_COL_batch, &b) == 0 && b == 1 &&
           csv_table_count(t, r, RAW_COL_n, &rn) == 0 && csv_table_count(t, r, RAW_COL_k, &rk) == 0 &&
           (n == 0 || (rn == n && rk == k));
}

/* The largest n x k of a checked fp16 GEMV at batch 1: the fleet's shape. */
static void pick_shape(const csv_table *t, fleet_data *d)
{
    for (size_t r = 0; r < t->nrows; r++) {
        uint64_t n, k;
        if (is_gemv(t, r, "fp16", 0, 0) && csv_table_count(t, r, RAW_COL_n, &n) == 0 &&
            csv_table_count(t, r, RAW_COL_k, &k) == 0 && (double)n * (double)k > (double)d->gemv_n * (double)d->gemv_k) {
            d->gemv_n = n;
            d->gemv_k = k;
        }
    }
}

/* What one run of an entry measured. */
typedef struct run_values {
    double v[FLEET_METRICS];
    double fp16_us, w4_us, fp16_err, power_w;
} run_values;

static void run_read(const csv_table *t, const fleet_data *d, const keyed_row *k, size_t n, run_values *out)
{
    for (int m = 0; m < FLEET_METRICS; m++)
        out->v[m] = NAN;
    out->fp16_us = out->w4_us = out->fp16_err = out->power_w = NAN;
    for (size_t i = 0; i < n; i++) {
        size_t r = k[i].row;
        if (isnan(out->v[FLEET_READ]))
            out->v[FLEET_READ] = cell(t, r, MODEL_COL_bw_measured_gbs);
        if (isnan(out->v[FLEET_L2]))
            out->v[FLEET_L2] = cell(t, r, MODEL_COL_bw_l2_measured_gbs);
        double gbs = cell(t, r, MODEL_COL_achieved_gbs);
        if (d->gemv_n > 0 && is_gemv(t, r, "fp16", d->gemv_n, d->gemv_k) && !(gbs <= out->v[FLEET_FP16])) {
            out->v[FLEET_FP16] = gbs;
            out->v[FLEET_CLOCK] = cell(t, r, RAW_COL_sm_clock_mhz);
            out->fp16_us = cell(t, r, RAW_COL_time_us_median);
            out->fp16_err = cell(t, r, MODEL_COL_err_pct_measured);
            out->power_w = cell(t, r, RAW_COL_power_w_avg);
        } else if (d->gemv_n > 0 && is_gemv(t, r, FLEET_W4_FORMAT, d->gemv_n, d->gemv_k) &&
                   !(gbs <= out->v[FLEET_W4])) {
            out->v[FLEET_W4] = gbs;
            out->w4_us = cell(t, r, RAW_COL_time_us_median);
        }
    }
}

/* The median of the finite values among v[0..n) (reordered); NAN if none. */
static double median_of(double *v, size_t n, double *spread_pct)
{
    size_t m = 0;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i])) {
            lo = fmin(lo, v[i]);
            hi = fmax(hi, v[i]);
            v[m++] = v[i];
        }
    double med = m > 0 ? stats_median(v, m) : NAN;
    if (spread_pct != NULL)
        *spread_pct = m >= 2 && med > 0.0 ? 100.0 * (hi - lo) / med : NAN;
    return med;
}

static void entry_from_runs(fleet_entry *e, run_values *runs, size_t n, double *scratch)
{
    e->runs = n;
    for (int m = 0; m < FLEET_METRICS; m++) {
        for (size_t i = 0; i < n; i++)
            scratch[i] = runs[i].v[m];
        e->value[m] = median_of(scratch, n, &e->noise[m]);
    }
    double *field[4] = {&e->fp16_us, &e->w4_us, &e->fp16_err_pct, &e->power_w};
    for (int f = 0; f < 4; f++) {
        for (size_t i = 0; i < n; i++)
            scratch[i] = f == 0 ? runs[i].fp16_us : f == 1 ? runs[i].w4_us : f == 2 ? runs[i].fp16_err : runs[i].power_w;
        *field[f] = median_of(scratch, n, NULL);
    }
}

static size_t group_of(fleet_data *d, const csv_table *t, const fleet_entry *e, size_t row)
{
    for (size_t g = 0; g < d->ngroups; g++)
        if (same_text(d->groups[g].device, e->device) && same_text(d->groups[g].spec_mode, e->spec_mode) &&
            same_text(d->groups[g].load, e->load))
            return g;
    fleet_group *g = &d->groups[d->ngroups];
    memset(g, 0, sizeof *g);
    g->device = e->device;
    g->spec_mode = e->spec_mode;
    g->load = e->load;
    double ds = cell(t, row, MODEL_COL_bw_datasheet_gbs);
    g->datasheet[FLEET_READ] = g->datasheet[FLEET_FP16] = g->datasheet[FLEET_W4] = ds;
    g->datasheet[FLEET_L2] = cell(t, row, MODEL_COL_bw_l2_datasheet_gbs);
    g->datasheet[FLEET_CLOCK] = NAN;
    return d->ngroups++;
}

/* One entry per block of rows sharing card, pass, device and mode. */
static void walk(const csv_table *t, fleet_data *d, const keyed_row *k, size_t nk, run_values *runs, double *scratch)
{
    for (size_t i = 0; i < nk;) {
        size_t j = i, nruns = 0;
        while (j < nk && same_entry(&k[i], &k[j]))
            j++;
        for (size_t a = i; a < j;) {
            size_t b = a;
            while (b < j && same_text(k[a].run, k[b].run))
                b++;
            run_read(t, d, &k[a], b - a, &runs[nruns++]);
            a = b;
        }
        fleet_entry *e = &d->entries[d->nentries++];
        memset(e, 0, sizeof *e);
        size_t r = k[i].row;
        e->host = k[i].host;
        e->uuid = csv_table_text(t, r, RAW_COL_gpu_uuid);
        e->serial = csv_table_text(t, r, RAW_COL_gpu_serial);
        e->gpu_index = csv_table_text(t, r, RAW_COL_gpu_index);
        e->device = k[i].device;
        e->spec_mode = k[i].mode;
        e->load = k[i].load;
        entry_from_runs(e, runs, nruns, scratch);
        e->group = group_of(d, t, e, r);
        if (i == 0 || !same_text(k[i].host, k[i - 1].host) || !same_text(k[i].id, k[i - 1].id))
            d->ncards++;
        if (i == 0 || !same_text(k[i].host, k[i - 1].host))
            d->nhosts++;
        i = j;
    }
}

/* Passes in fleet.sh's order, then any other, then measure by itself. */
int fleet_load_rank(const char *load)
{
    static const char *const order[] = {"alone", "all", "array"};
    if (load == NULL)
        return 4;
    for (int i = 0; i < 3; i++)
        if (strcmp(load, order[i]) == 0)
            return i;
    return 3;
}

/* Groups by pass (alone, all, array), each pass's devices as they came:
 * the table and the chart read in the order the fleet ran. Returns -1
 * when out of memory. */
static int order_groups(fleet_data *d)
{
    size_t m = d->ngroups ? d->ngroups : 1;
    fleet_group *sorted = malloc(m * sizeof *sorted);
    size_t *map = malloc(m * sizeof *map);
    if (sorted == NULL || map == NULL) {
        free(sorted);
        free(map);
        return -1;
    }
    size_t n = 0;
    for (int rank = 0; rank <= 4; rank++) /* five ranks: a stable bucket pass each */
        for (size_t g = 0; g < d->ngroups; g++)
            if (fleet_load_rank(d->groups[g].load) == rank) {
                map[g] = n;
                sorted[n++] = d->groups[g];
            }
    memcpy(d->groups, sorted, n * sizeof *sorted);
    for (size_t i = 0; i < d->nentries; i++)
        d->entries[i].group = map[d->entries[i].group];
    free(sorted);
    free(map);
    return 0;
}

/* Each group's medians, then each entry against its group's. */
static void judge(fleet_data *d, double *scratch)
{
    for (size_t g = 0; g < d->ngroups; g++) {
        fleet_group *grp = &d->groups[g];
        for (int m = 0; m < FLEET_METRICS; m++) {
            size_t n = 0;
            for (size_t i = 0; i < d->nentries; i++)
                if (d->entries[i].group == g)
                    scratch[n++] = d->entries[i].value[m];
            grp->median[m] = median_of(scratch, n, NULL);
        }
    }
    for (size_t i = 0; i < d->nentries; i++) {
        fleet_entry *e = &d->entries[i];
        fleet_group *grp = &d->groups[e->group];
        grp->entries++;
        for (int m = 0; m < FLEET_METRICS; m++) {
            double med = grp->median[m];
            e->band[m] = isnan(e->noise[m]) ? FLEET_SHORT_PCT : fmax(FLEET_SHORT_PCT, e->noise[m]);
            e->below[m] = med > 0.0 && isfinite(e->value[m]) ? 100.0 * (med - e->value[m]) / med : NAN;
            e->short_of[m] = e->below[m] > e->band[m];
            e->falls_short |= e->short_of[m];
        }
        grp->short_entries += e->falls_short;
        d->nshort += e->falls_short;
    }
}

/* Cards (not passes) that fall short in any pass: entries come sorted by
 * host and card within a group, so count distinct (host, card) pairs. */
static size_t short_cards(const fleet_data *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nentries; i++) {
        const fleet_entry *e = &d->entries[i];
        if (!e->falls_short)
            continue;
        size_t j = 0;
        while (j < i && !(d->entries[j].falls_short && same_text(d->entries[j].host, e->host) &&
                          same_text(d->entries[j].uuid, e->uuid) && same_text(d->entries[j].serial, e->serial) &&
                          same_text(d->entries[j].gpu_index, e->gpu_index)))
            j++;
        n += j == i;
    }
    return n;
}

/* Entries by group, keeping the key order (host, card) within each. */
static int cmp_entry_group(const void *pa, const void *pb)
{
    const fleet_entry *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    int c = cmp_text(a->host, b->host);
    if (c != 0)
        return c;
    uint64_t ia = 0, ib = 0;
    int ha = a->gpu_index != NULL && csv_parse_count(a->gpu_index, &ia) == 0;
    int hb = b->gpu_index != NULL && csv_parse_count(b->gpu_index, &ib) == 0;
    if (ha != hb)
        return hb - ha;
    if (ia != ib)
        return ia < ib ? -1 : 1;
    c = cmp_text(a->uuid, b->uuid);
    return c != 0 ? c : cmp_text(a->serial, b->serial);
}

/* A card's name among its host's: its UUID, else serial, else index. */
static const char *card_id(const csv_table *t, size_t r)
{
    const char *id = csv_table_text(t, r, RAW_COL_gpu_uuid);
    if (id == NULL)
        id = csv_table_text(t, r, RAW_COL_gpu_serial);
    return id != NULL ? id : csv_table_text(t, r, RAW_COL_gpu_index);
}

int fleet_data_from_table(const csv_table *t, fleet_data *d, rl_error *err)
{
    memset(d, 0, sizeof *d);
    size_t n = t->nrows ? t->nrows : 1;
    keyed_row *k = malloc(n * sizeof *k);
    run_values *runs = malloc(n * sizeof *runs);
    double *scratch = malloc(n * sizeof *scratch);
    d->entries = malloc(n * sizeof *d->entries);
    d->groups = malloc(n * sizeof *d->groups);
    if (k == NULL || runs == NULL || scratch == NULL || d->entries == NULL || d->groups == NULL) {
        free(k);
        free(runs);
        free(scratch);
        fleet_data_free(d);
        return rl_error_set(err, "out of memory picking the fleet's cards");
    }
    pick_shape(t, d);
    size_t nk = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *host = csv_table_text(t, r, RAW_COL_host), *id = card_id(t, r);
        if (host == NULL || id == NULL)
            continue;
        k[nk++] = (keyed_row){host, id, csv_table_text(t, r, RAW_COL_node_load), csv_table_text(t, r, RAW_COL_device),
                              csv_table_text(t, r, MODEL_COL_spec_mode), csv_table_text(t, r, RAW_COL_run_id), r};
    }
    qsort(k, nk, sizeof *k, cmp_keyed);
    walk(t, d, k, nk, runs, scratch);
    if (order_groups(d) != 0) {
        free(k);
        free(runs);
        free(scratch);
        fleet_data_free(d);
        return rl_error_set(err, "out of memory picking the fleet's cards");
    }
    judge(d, scratch);
    qsort(d->entries, d->nentries, sizeof *d->entries, cmp_entry_group);
    d->nshort_cards = short_cards(d);
    free(k);
    free(runs);
    free(scratch);
    return 0;
}

void fleet_data_free(fleet_data *d)
{
    free(d->entries);
    free(d->groups);
    memset(d, 0, sizeof *d);
}

const char *fleet_metric_name(fleet_metric m)
{
    static const char *const names[FLEET_METRICS] = {"read stream", "L2 read", "fp16 GEMV", "w4a16 GEMV",
                                                     "SM clock"};
    return m < FLEET_METRICS ? names[m] : "?";
}

const char *fleet_metric_unit(fleet_metric m)
{
    return m == FLEET_CLOCK ? "MHz" : "GB/s";
}

void fleet_entry_name(const fleet_entry *e, char *buf, size_t size)
{
    if (e->gpu_index != NULL)
        snprintf(buf, size, "%s gpu%s", e->host, e->gpu_index);
    else
        snprintf(buf, size, "%s %.12s", e->host, e->uuid != NULL ? e->uuid : e->serial != NULL ? e->serial : "?");
}
