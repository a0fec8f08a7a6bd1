#include "pick.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "str_index.h"

static int same_cell(const char *a, const char *b)
{
    if (a == b) /* one interned text (csv_table.h), or both empty */
        return 1;
    if (a == NULL || b == NULL)
        return 0;
    return strcmp(a, b) == 0;
}

static int same_group(const csv_table *t, size_t r1, size_t r2, const int *cols, size_t ncols)
{
    for (size_t c = 0; c < ncols; c++)
        if (!same_cell(csv_table_text(t, r1, cols[c]), csv_table_text(t, r2, cols[c])))
            return 0;
    return 1;
}

enum { PICK_MAX_COLS = 8 };

/* The group of row r in ix (keys: the cells of cols), or STR_INDEX_NONE. */
static size_t group_of(str_index *ix, const csv_table *t, size_t r, const int *cols, size_t ncols)
{
    const char *key[PICK_MAX_COLS];
    for (size_t c = 0; c < ncols; c++)
        key[c] = csv_table_text(t, r, cols[c]);
    return str_index_put(ix, key);
}

/* One pass, the groups by hashing: comparing each row with every group so
 * far was O(rows x groups), a fleet's 2,000 runs by 1M rows (issue 18). */
size_t pick_groups(const csv_table *t, const int *cols, size_t ncols, const size_t *rows,
                     size_t nrows, size_t *reps)
{
    str_index ix;
    str_index_init(&ix, ncols);
    size_t ngroups = 0;
    for (size_t i = 0; i < nrows; i++) {
        size_t r = rows != NULL ? rows[i] : i;
        size_t g = ncols <= PICK_MAX_COLS ? group_of(&ix, t, r, cols, ncols) : STR_INDEX_NONE;
        if (g == STR_INDEX_NONE) { /* out of memory (or too many columns): compare, as before */
            g = 0;
            while (g < ngroups && !same_group(t, reps[g], r, cols, ncols))
                g++;
        }
        if (g == ngroups)
            reps[ngroups++] = r;
    }
    str_index_free(&ix);
    return ngroups;
}

int pick_partition(const csv_table *t, const int *cols, size_t ncols, const size_t *rows, size_t nrows,
                   pick_part *p)
{
    memset(p, 0, sizeof *p);
    size_t *of = malloc((nrows + 1) * sizeof *of); /* each row's group */
    p->rep = malloc((nrows + 1) * sizeof *p->rep);
    p->start = calloc(nrows + 2, sizeof *p->start);
    p->member = malloc((nrows + 1) * sizeof *p->member);
    str_index ix;
    str_index_init(&ix, ncols);
    int rc = of == NULL || p->rep == NULL || p->start == NULL || p->member == NULL || ncols > PICK_MAX_COLS ? -1 : 0;
    for (size_t i = 0; rc == 0 && i < nrows; i++) {
        size_t r = rows != NULL ? rows[i] : i;
        of[i] = group_of(&ix, t, r, cols, ncols);
        if (of[i] == STR_INDEX_NONE)
            rc = -1;
        else if (of[i] == p->n)
            p->rep[p->n++] = r;
    }
    if (rc == 0) { /* counts, then where each group starts, then the rows in place */
        for (size_t i = 0; i < nrows; i++)
            p->start[of[i] + 2]++;
        for (size_t g = 1; g <= p->n; g++)
            p->start[g + 1] += p->start[g];
        for (size_t i = 0; i < nrows; i++) /* start[g + 1] is group g's next slot */
            p->member[p->start[of[i] + 1]++] = rows != NULL ? rows[i] : i;
    }
    str_index_free(&ix);
    free(of);
    if (rc != 0)
        pick_part_free(p);
    return rc;
}

void pick_part_free(pick_part *p)
{
    free(p->rep);
    free(p->start);
    free(p->member);
    memset(p, 0, sizeof *p);
}

typedef struct ranked {
    size_t rank, at, row;
} ranked;

static int by_rank(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

/* Each device's first row, found in one pass by hashing; then one stable
 * sort. An insertion sort that scanned the table at each comparison was
 * cubic on the data appendix, which orders every row. */
void pick_order_by_device(const csv_table *t, size_t *reps, size_t n)
{
    str_index ix;
    str_index_init(&ix, 1);
    size_t *first = malloc((t->nrows + 1) * sizeof *first);
    ranked *v = malloc((n + 1) * sizeof *v);
    int ok = first != NULL && v != NULL;
    for (size_t r = 0; ok && r < t->nrows; r++) {
        const char *dev = csv_table_text(t, r, RAW_COL_device);
        size_t before = ix.count, d = str_index_put(&ix, &dev);
        if (d == STR_INDEX_NONE)
            ok = 0;
        else if (ix.count > before)
            first[d] = r;
    }
    for (size_t i = 0; ok && i < n; i++) {
        const char *dev = csv_table_text(t, reps[i], RAW_COL_device);
        v[i] = (ranked){first[str_index_get(&ix, &dev)], i, reps[i]};
    }
    if (ok) {
        qsort(v, n, sizeof *v, by_rank);
        for (size_t i = 0; i < n; i++)
            reps[i] = v[i].row;
    }
    free(first);
    free(v);
    str_index_free(&ix);
}

size_t pick_matching(const csv_table *t, size_t rep, const int *cols, size_t ncols,
                       const size_t *rows, size_t nrows, size_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < nrows; i++) {
        size_t r = rows != NULL ? rows[i] : i;
        if (same_group(t, rep, r, cols, ncols))
            out[n++] = r;
    }
    return n;
}

typedef struct shape_at {
    uint64_t n, k;
    size_t at;
} shape_at;

static int by_shape(const void *a, const void *b)
{
    const shape_at *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    if (x->k != y->k)
        return x->k < y->k ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

int pick_common_shape(const uint64_t *n, const uint64_t *k, size_t m, uint64_t *out_n, uint64_t *out_k)
{
    if (m == 0)
        return 0;
    shape_at *v = malloc(m * sizeof *v);
    if (v == NULL)
        return -1;
    for (size_t i = 0; i < m; i++)
        v[i] = (shape_at){n[i], k[i], i};
    qsort(v, m, sizeof *v, by_shape);
    size_t best = 0, best_at = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && v[j].n == v[i].n && v[j].k == v[i].k)
            j++;
        if (j - i > best || (j - i == best && v[i].at < best_at)) { /* v[i]: the shape's first */
            best = j - i;
            best_at = v[i].at;
            *out_n = v[i].n;
            *out_k = v[i].k;
        }
        i = j;
    }
    free(v);
    return 0;
}

void fmt_sig3(char *buf, size_t size, double v)
{
    double a = fabs(v);
    if (!isfinite(v)) /* never from checked inputs (csv_ranges.h); never "inf" in a report */
        snprintf(buf, size, "\u2013");
    else if (a >= 1e15) /* %.0f would print 300 digits of 1e300, cut at the buffer */
        snprintf(buf, size, "%.3g", v);
    else if (a >= 100.0 || a == 0.0)
        snprintf(buf, size, "%.0f", v);
    else if (a >= 10.0)
        snprintf(buf, size, "%.1f", v);
    else if (a >= 1.0)
        snprintf(buf, size, "%.2f", v);
    else
        snprintf(buf, size, "%.3g", v);
}

void fmt_pct(char *buf, size_t size, double v)
{
    /* Round first so -0.04 prints as "0.0", not "−0.0". */
    double r = round(v * 10.0) / 10.0;
    if (!isfinite(r))
        snprintf(buf, size, "\u2013");
    else if (fabs(r) >= 1e15)
        snprintf(buf, size, "%+.3g", r);
    else if (r < 0.0)
        snprintf(buf, size, "\u2212%.1f", -r);
    else if (r > 0.0)
        snprintf(buf, size, "+%.1f", r);
    else
        snprintf(buf, size, "0.0");
}

const char *fmt_cell(const csv_table *t, size_t row, int col, void (*fmt)(char *, size_t, double),
                     char *buf, size_t size)
{
    double v;
    if (csv_table_real(t, row, col, &v) != 0)
        return NULL;
    fmt(buf, size, v);
    return buf;
}

void fmt_bytes_binary(char *buf, size_t size, double bytes)
{
    const double mib = 1024.0 * 1024.0;
    if (bytes >= mib)
        snprintf(buf, size, "%.4g MiB", bytes / mib);
    else
        snprintf(buf, size, "%.4g KiB", bytes / 1024.0);
}

void fmt_times(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.2f×", v);
}

const char *sig3_cell(double v, char *buf, size_t size)
{
    if (isnan(v))
        return NULL;
    fmt_sig3(buf, size, v);
    return buf;
}

const char *times_cell(double v, char *buf, size_t size)
{
    if (isnan(v))
        return NULL;
    fmt_times(buf, size, v);
    return buf;
}

int format_rank(const char *name)
{
    const weight_format *f = weight_format_find(name);
    return f != NULL ? (int)(f - WEIGHT_FORMAT_TABLE) : WEIGHT_FORMAT_COUNT;
}

void sort_formats(const char **names, size_t n)
{
    for (size_t i = 1; i < n; i++) { /* insertion: stable, and n is a handful */
        const char *x = names[i];
        int rank = format_rank(x);
        size_t j = i;
        for (; j > 0 && format_rank(names[j - 1]) > rank; j--)
            names[j] = names[j - 1];
        names[j] = x;
    }
}
