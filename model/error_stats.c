#include "error_stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

const char *err_pred_name(enum err_pred p)
{
    static const char *const names[ERR_PRED_COUNT] = {"datasheet", "measured", "measured_floor"};
    return names[p];
}

void abs_err_stat_of(double *errs, size_t n, abs_err_stat *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(errs[i]))
            errs[k++] = fabs(errs[i]);
    out->n = k;
    out->median = stats_median(errs, k); /* sorts errs */
    out->max = k > 0 ? errs[k - 1] : NAN;
}

static double case_err(const model_case *c, const run_fit *f, enum err_pred p)
{
    switch (p) {
    case ERR_DATASHEET: return model_case_err_datasheet(c);
    case ERR_MEASURED: return model_case_err_measured(c);
    default: return model_case_err_floor(c, f);
    }
}

/* Which rows a group takes: its key column and the value it wants. */
typedef enum group_key { KEY_ALL, KEY_BOUND, KEY_FORMAT, KEY_KERNEL } group_key;

static int in_group(const model_case *c, const run_fit *f, group_key key, const char *want)
{
    if (!run_fit_has(f, c) || !model_case_in_error_stats(c))
        return 0;
    switch (key) {
    case KEY_ALL: return 1;
    case KEY_BOUND: return strcmp(roofline_bound_name(c->bound), want) == 0;
    case KEY_FORMAT: return c->bound == ROOFLINE_MEMORY && strcmp(c->format, want) == 0;
    default: return c->bound == ROOFLINE_MEMORY && strcmp(c->kernel, want) == 0;
    }
}

static int add_group(err_groups *g, const model_case *cases, size_t n, const run_fit *f, group_key key,
                     const char *want, double *scratch)
{
    static const char *const prefix[] = {"", "bound=", "format=", "kernel="};
    char subject[64];
    snprintf(subject, sizeof subject, "%s%s", prefix[key], key == KEY_ALL ? "all" : want);
    if (err_groups_find(g, subject) != NULL)
        return 0;
    err_group grp = {{0}, 0, {{0, NAN, NAN}}};
    snprintf(grp.subject, sizeof grp.subject, "%s", subject);
    for (int p = 0; p < ERR_PRED_COUNT; p++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (in_group(&cases[i], f, key, want))
                scratch[k++] = case_err(&cases[i], f, (enum err_pred)p);
        grp.rows = k;
        abs_err_stat_of(scratch, k, &grp.stat[p]);
    }
    if (grp.rows == 0)
        return 0;
    err_group *grown = realloc(g->groups, (g->count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    g->groups = grown;
    g->groups[g->count++] = grp;
    return 0;
}

int err_groups_collect(err_groups *g, const model_case *cases, size_t n, const run_fit *f)
{
    memset(g, 0, sizeof *g);
    double *scratch = malloc((n + 1) * sizeof *scratch);
    int rc = scratch == NULL ? -1 : 0;
    if (rc == 0)
        rc = add_group(g, cases, n, f, KEY_ALL, "", scratch);
    if (rc == 0)
        rc = add_group(g, cases, n, f, KEY_BOUND, "memory", scratch);
    if (rc == 0)
        rc = add_group(g, cases, n, f, KEY_BOUND, "compute", scratch);
    for (size_t i = 0; rc == 0 && i < n; i++) /* the row's own group, so each is built once */
        if (in_group(&cases[i], f, KEY_FORMAT, cases[i].format))
            rc = add_group(g, cases, n, f, KEY_FORMAT, cases[i].format, scratch);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (in_group(&cases[i], f, KEY_KERNEL, cases[i].kernel))
            rc = add_group(g, cases, n, f, KEY_KERNEL, cases[i].kernel, scratch);
    free(scratch);
    if (rc != 0)
        err_groups_free(g);
    return rc;
}

void err_groups_free(err_groups *g)
{
    free(g->groups);
    memset(g, 0, sizeof *g);
}

const err_group *err_groups_find(const err_groups *g, const char *subject)
{
    for (size_t i = 0; i < g->count; i++)
        if (strcmp(g->groups[i].subject, subject) == 0)
            return &g->groups[i];
    return NULL;
}
