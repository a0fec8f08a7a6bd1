#include "hypotheses.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

#define HYPOTHESIS_ROW(name, format, low, high, claim) {name, format, low, high, claim},
const hypothesis SEED_HYPOTHESIS_TABLE[] = {SEED_HYPOTHESES(HYPOTHESIS_ROW)};
#undef HYPOTHESIS_ROW
const size_t SEED_HYPOTHESIS_COUNT = sizeof SEED_HYPOTHESIS_TABLE / sizeof SEED_HYPOTHESIS_TABLE[0];

const char *hypothesis_verdict(const hypothesis *h, double speedup)
{
    return hypothesis_range_verdict(h->low, h->high, speedup);
}

static int judged_row(const model_case *c, const run_fit *f, const char *format)
{
    return run_fit_has(f, c) && strcmp(c->kernel, HYPOTHESIS_KERNEL) == 0 && c->batch == 1 &&
           strcmp(c->format, format) == 0 && model_case_in_error_stats(c);
}

/* The run's baseline rows, sorted by shape and, within one shape, by their
 * place among the cases: the first of a shape is its baseline, found by a
 * binary search rather than a scan of every case for every case. */
typedef struct baselines {
    const model_case **v;
    size_t n;
} baselines;

static int shape_then_place(const void *a, const void *b)
{
    const model_case *x = *(const model_case *const *)a, *y = *(const model_case *const *)b;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    if (x->k != y->k)
        return x->k < y->k ? -1 : 1;
    return (x > y) - (x < y);
}

static int baselines_collect(baselines *b, const model_case *cases, size_t n, const run_fit *f)
{
    b->n = 0;
    b->v = malloc((n + 1) * sizeof *b->v);
    if (b->v == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (judged_row(&cases[i], f, HYPOTHESIS_BASELINE))
            b->v[b->n++] = &cases[i];
    qsort(b->v, b->n, sizeof *b->v, shape_then_place);
    return 0;
}

/* The baseline row of the same run and shape as c, or NULL. */
static const model_case *baseline_of(const model_case *c, const baselines *b)
{
    size_t lo = 0, hi = b->n; /* the first whose shape is not below c's */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const model_case *m = b->v[mid];
        if (m->n < c->n || (m->n == c->n && m->k < c->k))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < b->n && b->v[lo]->n == c->n && b->v[lo]->k == c->k ? b->v[lo] : NULL;
}

static void judge_largest(hypothesis_result *out, const model_case *base, const model_case *q,
                          const run_fit *f)
{
    out->n = q->n;
    out->k = q->k;
    out->speedup_measured = base->time_us / q->time_us;
    out->speedup_bytes = base->bytes / q->bytes;
    out->speedup_pred_floor = model_case_pred_floor_us(base, f) / model_case_pred_floor_us(q, f);
    out->verdict = hypothesis_verdict(out->h, out->speedup_measured);
}

int hypothesis_judge(const hypothesis *h, const model_case *cases, size_t n, const run_fit *f,
                     hypothesis_result *out)
{
    memset(out, 0, sizeof *out);
    out->h = h;
    out->speedup_measured = out->speedup_median = out->speedup_bytes = out->speedup_pred_floor = NAN;
    double *speedups = malloc((n + 1) * sizeof *speedups);
    baselines b;
    if (speedups == NULL || baselines_collect(&b, cases, n, f) != 0) {
        free(speedups);
        return -1;
    }
    double largest = -1.0;
    for (size_t i = 0; i < n; i++) {
        const model_case *q = &cases[i];
        const model_case *base = judged_row(q, f, h->format) ? baseline_of(q, &b) : NULL;
        if (base == NULL)
            continue;
        speedups[out->shapes++] = base->time_us / q->time_us;
        double size = (double)q->n * (double)q->k;
        if (size > largest) {
            largest = size;
            judge_largest(out, base, q, f);
        }
    }
    out->speedup_median = stats_median(speedups, out->shapes); /* NaN: no shape */
    free(speedups);
    free(b.v);
    return 0;
}
