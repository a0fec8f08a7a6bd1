#include "summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hypotheses.h"

/* Checked rows of run f that set its measured DRAM ceiling (l2: 0), or
 * its L2 ceiling (l2: 1). */
static size_t ceiling_rows(const model_case *cases, size_t n, const run_fit *f, int l2)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += (l2 ? cases[i].sets_l2_ceiling : cases[i].sets_ceiling) && cases[i].check_ok &&
             run_fit_has(f, &cases[i]);
    return k;
}

/* |err_pct_energy_fit| over the run's rows with an energy (scratch: n values). */
static void energy_errors(const model_case *cases, size_t n, const run_fit *f, double *scratch, abs_err_stat *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const model_case *c = &cases[i];
        if (!run_fit_has(f, c) || !c->check_ok || !(c->energy_uj > 0.0))
            continue;
        scratch[k++] = 100.0 * (model_case_energy_fit_uj(c, f) - c->energy_uj) / c->energy_uj;
    }
    abs_err_stat_of(scratch, k, out);
}

/* The run's issue roofs, and per format |err_pct_issue_roof| over its
 * batch-1 gemv rows in the statistics (the rows with a time_us_issue;
 * scratch: n values). A few formats a run: a pass over its cases each. */
static int issue_errors(run_summary *s, const model_case *cases, size_t n, const run_fit *f,
                        const issue_rates *rates, double *scratch)
{
    size_t k;
    const issue_rate *const *of = issue_rates_of_run(rates, f->run_id, f->device, &k);
    if (k == 0)
        return 0;
    s->issue = calloc(k, sizeof *s->issue);
    if (s->issue == NULL)
        return -1;
    s->nissue = k;
    for (size_t i = 0; i < k; i++) {
        size_t m = 0;
        for (size_t j = 0; j < n; j++) {
            const model_case *c = &cases[j];
            if (!isnan(c->t_issue_us) && run_fit_has(f, c) && model_case_in_error_stats(c) &&
                strcmp(c->format, of[i]->format) == 0)
                scratch[m++] = model_case_err_issue_roof(c, f);
        }
        s->issue[i].rate = of[i];
        abs_err_stat_of(scratch, m, &s->issue[i].err);
    }
    return 0;
}

static int run_summary_build(run_summary *s, const model_case *cases, size_t n, const run_fit *f,
                             const issue_rates *rates, double *scratch)
{
    s->f = f;
    s->ceiling_rows = ceiling_rows(cases, n, f, 0);
    s->l2_ceiling_rows = ceiling_rows(cases, n, f, 1);
    energy_errors(cases, n, f, scratch, &s->energy);
    if (issue_errors(s, cases, n, f, rates, scratch) != 0)
        return -1;
    s->hypotheses = calloc(SEED_HYPOTHESIS_COUNT, sizeof *s->hypotheses);
    if (s->hypotheses == NULL || err_groups_collect(&s->errors, cases, n, f) != 0)
        return -1;
    for (size_t h = 0; h < SEED_HYPOTHESIS_COUNT; h++)
        if (hypothesis_judge(&SEED_HYPOTHESIS_TABLE[h], cases, n, f, &s->hypotheses[h]) != 0)
            return -1;
    for (int p = 0; p < FLOOR_SCHEME_COUNT; p++)
        if (floor_score_run(cases, n, f, (enum floor_scheme)p, &s->floor[p]) != 0)
            return -1;
    return 0;
}

int run_summaries_build(run_summaries *s, const model_case *cases, size_t n, const run_fits *fits,
                        const issue_rates *rates, rl_error *err)
{
    s->count = 0;
    s->runs = calloc(fits->count ? fits->count : 1, sizeof *s->runs);
    double *scratch = malloc((n + 1) * sizeof *scratch);
    int rc = s->runs != NULL && scratch != NULL ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < fits->count; i++) {
        const run_fit *f = &fits->runs[i];
        s->count = i + 1; /* freed whole or in part */
        rc = run_summary_build(&s->runs[i], cases + f->first, f->span, f, rates, scratch); /* the run's cases only */
    }
    free(scratch);
    if (rc != 0) {
        run_summaries_free(s);
        return rl_error_set(err, "out of memory summarising the runs");
    }
    return 0;
}

void run_summaries_free(run_summaries *s)
{
    for (size_t i = 0; s->runs != NULL && i < s->count; i++) {
        err_groups_free(&s->runs[i].errors);
        free(s->runs[i].hypotheses);
        free(s->runs[i].issue);
    }
    free(s->runs);
    s->runs = NULL;
    s->count = 0;
}
