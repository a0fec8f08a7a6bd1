#include "floor_score.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "launch_floor.h"
#include "stats.h"

const char *floor_scheme_name(enum floor_scheme s)
{
    static const char *const names[FLOOR_SCHEME_COUNT] = {"in_sample", "leave_one_shape_out", "half_shapes"};
    return names[s];
}

typedef struct shape {
    uint64_t n, k;
} shape;

static int shape_order(const void *a, const void *b)
{
    const shape *x = a, *y = b;
    double sx = (double)x->n * (double)x->k, sy = (double)y->n * (double)y->k;
    if (sx != sy)
        return sx < sy ? -1 : 1;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

/* The run's floor rows, and the index of each one's shape in the sorted,
 * distinct shapes. */
typedef struct floor_rows {
    const model_case **c;
    size_t *shape_of;
    size_t n;
    shape *shapes;
    size_t nshapes;
} floor_rows;

static void floor_rows_free(floor_rows *r)
{
    free(r->c);
    free(r->shape_of);
    free(r->shapes);
}

static int floor_rows_collect(floor_rows *r, const model_case *cases, size_t n, const run_fit *f)
{
    memset(r, 0, sizeof *r);
    r->c = malloc((n + 1) * sizeof *r->c);
    r->shape_of = malloc((n + 1) * sizeof *r->shape_of);
    r->shapes = malloc((n + 1) * sizeof *r->shapes);
    if (r->c == NULL || r->shape_of == NULL || r->shapes == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (run_fit_has(f, &cases[i]) && run_fit_floor_row(&cases[i])) {
            r->c[r->n] = &cases[i];
            r->shapes[r->n++] = (shape){cases[i].n, cases[i].k};
        }
    qsort(r->shapes, r->n, sizeof *r->shapes, shape_order);
    for (size_t i = 0; i < r->n; i++) /* distinct */
        if (r->nshapes == 0 || shape_order(&r->shapes[r->nshapes - 1], &r->shapes[i]) != 0)
            r->shapes[r->nshapes++] = r->shapes[i];
    for (size_t i = 0; i < r->n; i++) {
        shape want = {r->c[i]->n, r->c[i]->k};
        const shape *s = bsearch(&want, r->shapes, r->nshapes, sizeof *r->shapes, shape_order);
        r->shape_of[i] = (size_t)(s - r->shapes);
    }
    return 0;
}

/* The fold of shape index s under scheme; in_sample: every shape in fold 0. */
static size_t fold_of(enum floor_scheme scheme, size_t s)
{
    switch (scheme) {
    case FLOOR_LEAVE_ONE_SHAPE_OUT: return s;
    case FLOOR_HALF_SHAPES: return s % 2;
    default: return 0;
    }
}

static size_t fold_count(enum floor_scheme scheme, size_t nshapes)
{
    switch (scheme) {
    case FLOOR_LEAVE_ONE_SHAPE_OUT: return nshapes;
    case FLOOR_HALF_SHAPES: return nshapes < 2 ? nshapes : 2;
    default: return nshapes > 0;
    }
}

/* Fits fold's floor on the rows outside it (in_sample: on every row) and
 * appends the |err_pct| of the fold's rows to errs. */
static void score_fold(const floor_rows *r, enum floor_scheme scheme, size_t fold, double *t, double *m,
                       double *errs, floor_score *out)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++)
        if (scheme == FLOOR_IN_SAMPLE || fold_of(scheme, r->shape_of[i]) != fold) {
            t[k] = r->c[i]->time_us;
            m[k++] = r->c[i]->t_pred_measured_us;
        }
    double floor_us;
    if (launch_floor_fit(t, m, k, &floor_us) != 0)
        return;
    out->folds++;
    out->floor_min_us = isnan(out->floor_min_us) ? floor_us : fmin(out->floor_min_us, floor_us);
    out->floor_max_us = isnan(out->floor_max_us) ? floor_us : fmax(out->floor_max_us, floor_us);
    for (size_t i = 0; i < r->n; i++) {
        const model_case *c = r->c[i];
        if (fold_of(scheme, r->shape_of[i]) != fold)
            continue;
        double pred = (double)c->launches * floor_us + c->t_pred_measured_us;
        errs[out->rows++] = fabs(roofline_err_pct(pred, c->time_us));
    }
}

int floor_score_run(const model_case *cases, size_t n, const run_fit *f, enum floor_scheme s, floor_score *out)
{
    memset(out, 0, sizeof *out);
    out->median = out->p90 = out->max = out->floor_min_us = out->floor_max_us = NAN;
    floor_rows r;
    double *scratch = malloc(3 * (n + 1) * sizeof *scratch);
    int rc = scratch != NULL && floor_rows_collect(&r, cases, n, f) == 0 ? 0 : -1;
    if (rc == 0) {
        out->shapes = r.nshapes;
        double *t = scratch, *m = scratch + n + 1, *errs = scratch + 2 * (n + 1);
        for (size_t fold = 0; fold < fold_count(s, r.nshapes); fold++)
            score_fold(&r, s, fold, t, m, errs, out);
        out->median = stats_median(errs, out->rows); /* sorts errs */
        if (out->rows > 0) {
            out->p90 = stats_percentile_sorted(errs, out->rows, 90.0);
            out->max = errs[out->rows - 1];
        }
    }
    if (scratch != NULL)
        floor_rows_free(&r);
    free(scratch);
    return rc;
}
