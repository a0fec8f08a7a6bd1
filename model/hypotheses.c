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

/* The baseline row of the same run and shape as c, or NULL. */
static const model_case *baseline_of(const model_case *c, const model_case *cases, size_t n,
                                     const run_fit *f)
{
    for (size_t i = 0; i < n; i++)
        if (judged_row(&cases[i], f, HYPOTHESIS_BASELINE) && cases[i].n == c->n && cases[i].k == c->k)
            return &cases[i];
    return NULL;
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
    if (speedups == NULL)
        return -1;
    double largest = -1.0;
    for (size_t i = 0; i < n; i++) {
        const model_case *q = &cases[i];
        const model_case *base = judged_row(q, f, h->format) ? baseline_of(q, cases, n, f) : NULL;
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
    return 0;
}
