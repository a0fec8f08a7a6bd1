#include "gemv_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pick.h"
#include "str_index.h"
#include "stats.h"

static int text_is(const csv_table *t, size_t r, int col, const char *s)
{
    const char *v = csv_table_text(t, r, col);
    return v != NULL && s != NULL && strcmp(v, s) == 0;
}

static uint64_t count_of(const csv_table *t, size_t r, int col)
{
    uint64_t v = 0;
    return csv_table_count(t, r, col, &v) == 0 ? v : 0;
}

static double real_of(const csv_table *t, size_t r, int col)
{
    double v;
    return csv_table_real(t, r, col, &v) == 0 ? v : NAN;
}

/* A GEMV case that can be drawn: our kernel or cuBLAS's, checked, with an
 * intensity and a rate. */
static int drawable(const csv_table *t, size_t r)
{
    return (text_is(t, r, RAW_COL_kernel, "gemv") || text_is(t, r, RAW_COL_kernel, "gemv_cublas")) &&
           text_is(t, r, RAW_COL_check, "ok") && real_of(t, r, MODEL_COL_intensity_flop_per_byte) > 0.0 &&
           real_of(t, r, MODEL_COL_achieved_gflops) > 0.0;
}

/* The largest square at batch 1, and the shape with the most cases at
 * batch > 1 (ties: the first), over the group's rows. */
static void pick_shapes(const csv_table *t, const size_t *rows, size_t n, gemv_group *g)
{
    uint64_t *sn = malloc((n + 1) * sizeof *sn), *sk = malloc((n + 1) * sizeof *sk);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t rn = count_of(t, rows[i], RAW_COL_n), rk = count_of(t, rows[i], RAW_COL_k);
        uint64_t b = count_of(t, rows[i], RAW_COL_batch);
        if (b == 1 && rn == rk && rn > g->largest)
            g->largest = rn;
        if (b >= 2 && sn != NULL && sk != NULL) {
            sn[m] = rn;
            sk[m++] = rk;
        }
    }
    if (sn != NULL && sk != NULL) /* the batch shape: sorted once and counted (pick_common_shape) */
        pick_common_shape(sn, sk, m, &g->batch_n, &g->batch_k);
    free(sn);
    free(sk);
}

static int mark_rank(const gemv_mark *m)
{
    int k = strcmp(m->kernel, "gemv_cublas") == 0 ? 0 : 1;
    return ((format_rank(m->format) * 2 + k) * 3 + (int)m->cls) * 64 + (int)(m->batch < 63 ? m->batch : 63);
}

/* The mark of row r in g (added in sort order when new), or NULL when the
 * row is in no class or g is full. */
static gemv_mark *mark_for(const csv_table *t, size_t r, gemv_group *g)
{
    uint64_t n = count_of(t, r, RAW_COL_n), k = count_of(t, r, RAW_COL_k);
    uint64_t b = count_of(t, r, RAW_COL_batch);
    gemv_mark key = {csv_table_text(t, r, RAW_COL_kernel), csv_table_text(t, r, RAW_COL_format),
                     csv_table_text(t, r, MODEL_COL_compute_unit), GEMV_OTHER, b, NAN, NAN, NAN, NAN, 0, 0};
    if (b == 1)
        key.cls = n == k && n == g->largest ? GEMV_LARGEST : GEMV_OTHER;
    else if (n == g->batch_n && k == g->batch_k)
        key.cls = GEMV_BATCH;
    else
        return NULL; /* a batch > 1 away from the sweep's shape: none so far */
    for (size_t i = 0; i < g->nmarks; i++) {
        gemv_mark *m = &g->mark[i];
        if (m->cls == key.cls && m->batch == key.batch && strcmp(m->kernel, key.kernel) == 0 &&
            strcmp(m->format, key.format) == 0)
            return m;
    }
    if (g->nmarks == GEMV_MAX_MARKS)
        return NULL;
    size_t i = g->nmarks++;
    while (i > 0 && mark_rank(&g->mark[i - 1]) > mark_rank(&key)) {
        g->mark[i] = g->mark[i - 1];
        i--;
    }
    g->mark[i] = key;
    return &g->mark[i];
}

static void add_roof(const csv_table *t, size_t r, gemv_group *g)
{
    const char *unit = csv_table_text(t, r, MODEL_COL_compute_unit);
    double peak = real_of(t, r, MODEL_COL_peak_datasheet_gflops) / 1e3;
    if (unit == NULL || !(peak > 0.0))
        return;
    for (size_t i = 0; i < g->nroofs; i++)
        if (strcmp(g->roof[i].unit, unit) == 0)
            return;
    if (g->nroofs == GEMV_MAX_ROOFS)
        return;
    size_t i = g->nroofs++;
    while (i > 0 && g->roof[i - 1].peak_tflops > peak) {
        g->roof[i] = g->roof[i - 1];
        i--;
    }
    g->roof[i] = (gemv_roof){unit, peak};
}

/* Each mark's medians and range over its rows (which[i] is row i's mark). */
static void summarise(const csv_table *t, const size_t *rows, gemv_mark *const *which, size_t n,
                      gemv_group *g, double *xs, double *ys)
{
    for (size_t m = 0; m < g->nmarks; m++) {
        gemv_mark *mk = &g->mark[m];
        size_t c = 0;
        mk->tflops_min = INFINITY;
        mk->tflops_max = 0.0;
        for (size_t i = 0; i < n; i++) {
            if (which[i] != mk)
                continue;
            xs[c] = real_of(t, rows[i], MODEL_COL_intensity_flop_per_byte);
            ys[c] = real_of(t, rows[i], MODEL_COL_achieved_gflops) / 1e3;
            mk->tflops_min = fmin(mk->tflops_min, ys[c]);
            mk->tflops_max = fmax(mk->tflops_max, ys[c]);
            mk->throttled |= text_is(t, rows[i], RAW_COL_throttled, "yes") ||
                             text_is(t, rows[i], RAW_COL_clocks_changed, "yes");
            c++;
        }
        mk->ncases = c;
        mk->intensity = stats_median(xs, c);
        mk->tflops = stats_median(ys, c);
    }
}

/* Distinct (n, k) among the rows of GEMV_OTHER marks. */
static size_t count_other_shapes(const csv_table *t, const size_t *rows, gemv_mark *const *which, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (which[i] == NULL || which[i]->cls != GEMV_OTHER)
            continue;
        uint64_t rn = count_of(t, rows[i], RAW_COL_n), rk = count_of(t, rows[i], RAW_COL_k);
        size_t j = 0;
        while (j < i && !(which[j] != NULL && which[j]->cls == GEMV_OTHER &&
                          count_of(t, rows[j], RAW_COL_n) == rn && count_of(t, rows[j], RAW_COL_k) == rk))
            j++;
        count += j == i;
    }
    return count;
}

static void fill_group(const csv_table *t, const size_t *rows, size_t n, gemv_group *g, gemv_mark **which,
                       double *xs, double *ys)
{
    pick_shapes(t, rows, n, g);
    for (size_t i = 0; i < n; i++) {
        which[i] = mark_for(t, rows[i], g);
        if (which[i] != NULL)
            add_roof(t, rows[i], g);
    }
    /* mark_for inserts in order, moving marks: find each row's mark again */
    for (size_t i = 0; i < n; i++)
        which[i] = mark_for(t, rows[i], g);
    summarise(t, rows, which, n, g, xs, ys);
    g->nother = count_other_shapes(t, rows, which, n);
}

void gemv_roof_data_from_table(const csv_table *t, const chart_data *all, gemv_roof_data *d)
{
    memset(d, 0, sizeof *d);
    size_t n = t->nrows ? t->nrows : 1;
    size_t *rows = calloc(n, sizeof *rows);
    gemv_mark **which = calloc(n, sizeof *which);
    double *xs = calloc(n, sizeof *xs), *ys = calloc(n, sizeof *ys);
    /* The drawable rows by (device, spec mode, run), once: a scan of every
     * row for each panel was O(rows x runs) on a fleet. */
    size_t ndraw = 0;
    for (size_t r = 0; rows != NULL && r < t->nrows; r++)
        if (drawable(t, r))
            rows[ndraw++] = r;
    const int key[] = {RAW_COL_device, MODEL_COL_spec_mode, RAW_COL_run_id};
    pick_part part = {0};
    str_index ix;
    str_index_init(&ix, 3);
    int ok = rows != NULL && which != NULL && xs != NULL && ys != NULL &&
             pick_partition(t, key, 3, rows, ndraw, &part) == 0;
    for (size_t g = 0; ok && g < part.n; g++) {
        const char *k[3] = {csv_table_text(t, part.rep[g], RAW_COL_device),
                            csv_table_text(t, part.rep[g], MODEL_COL_spec_mode),
                            csv_table_text(t, part.rep[g], RAW_COL_run_id)};
        ok = str_index_put(&ix, k) == g;
    }
    for (size_t gi = 0; ok && gi < all->ngroups; gi++) {
        const chart_group *cg = &all->groups[gi];
        const char *k[3] = {cg->device, cg->mode, cg->run_id};
        size_t pg = cg->device != NULL && cg->mode != NULL ? str_index_get(&ix, k) : STR_INDEX_NONE;
        size_t m = pg == STR_INDEX_NONE ? 0 : part.start[pg + 1] - part.start[pg];
        if (m == 0)
            continue;
        memcpy(rows, part.member + part.start[pg], m * sizeof *rows);
        if (d->ngroups == GEMV_MAX_GROUPS) {
            d->more_groups++;
            continue;
        }
        gemv_group *g = &d->g[d->ngroups++];
        g->device = cg->device;
        g->mode = cg->mode;
        chart_group_name(all, gi, g->name, sizeof g->name);
        g->bw_datasheet = cg->bw_datasheet;
        g->bw_measured = cg->bw_measured;
        fill_group(t, rows, m, g, which, xs, ys);
        for (size_t i = 0; i < all->nissue && g->nissue < GEMV_MAX_ISSUE; i++)
            if (all->issue[i].group == gi)
                g->issue[g->nissue++] = (gemv_issue){all->issue[i].format, all->issue[i].gflops / 1e3};
    }
    pick_part_free(&part);
    str_index_free(&ix);
    free(rows);
    free(which);
    free(xs);
    free(ys);
}
