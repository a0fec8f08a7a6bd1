#include "error_stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
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

/* The groups of one run, collected in one pass over its cases: each case
 * of the statistics goes to "all", its bound's group and, when memory-bound,
 * its format's and its kernel's. A scan of every case for every group and
 * prediction was a tenth of model's time at a million rows (issue 18). */
enum { FIXED_GROUPS = 3 }; /* all, bound=memory, bound=compute */

typedef struct group_build {
    const char *name; /* the format or kernel; NULL for the fixed groups */
    size_t *rows;     /* the cases in it, in order */
    size_t n, cap;
} group_build;

typedef struct groups_build {
    group_build *v;
    size_t n, cap;
} groups_build;

static int push_row(group_build *g, size_t i)
{
    if (g->n == g->cap) {
        size_t *rows = grow_array(g->rows, &g->cap, sizeof *rows, 64);
        if (rows == NULL)
            return -1;
        g->rows = rows;
    }
    g->rows[g->n++] = i;
    return 0;
}

/* The group of name among list[0..n) (a few formats or kernels: the cases'
 * strings are interned, so a pointer compare finds most), added when new. */
static group_build *named(groups_build *b, size_t from, const char *name)
{
    for (size_t i = from; i < b->n; i++)
        if (b->v[i].name == name || strcmp(b->v[i].name, name) == 0)
            return &b->v[i];
    if (b->n == b->cap) {
        group_build *v = grow_array(b->v, &b->cap, sizeof *v, 16);
        if (v == NULL)
            return NULL;
        b->v = v;
    }
    b->v[b->n] = (group_build){name, NULL, 0, 0};
    return &b->v[b->n++];
}

static void builds_free(groups_build *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->v[i].rows);
    free(b->v);
}

/* Fixed groups, then formats, then kernels (each in order of first show). */
static int sort_rows(const model_case *cases, size_t n, const run_fit *f, groups_build *fixed, groups_build *formats,
                     groups_build *kernels)
{
    for (size_t i = 0; i < n; i++) {
        const model_case *c = &cases[i];
        if (!run_fit_has(f, c) || !model_case_in_error_stats(c))
            continue;
        int memory = c->bound == ROOFLINE_MEMORY;
        if (push_row(&fixed->v[0], i) != 0 || push_row(&fixed->v[memory ? 1 : 2], i) != 0)
            return -1;
        if (!memory)
            continue;
        group_build *fg = named(formats, 0, c->format), *kg = named(kernels, 0, c->kernel);
        if (fg == NULL || kg == NULL || push_row(fg, i) != 0 || push_row(kg, i) != 0)
            return -1;
    }
    return 0;
}

static int add_built(err_groups *g, const group_build *b, const char *subject, const model_case *cases,
                     const run_fit *f, double *scratch)
{
    if (b->n == 0)
        return 0;
    err_group grp = {{0}, b->n, {{0, NAN, NAN}}};
    snprintf(grp.subject, sizeof grp.subject, "%s", subject);
    if (err_groups_find(g, grp.subject) != NULL)
        return 0; /* a subject cut to the same 63 bytes: the first stands */
    for (int p = 0; p < ERR_PRED_COUNT; p++) {
        for (size_t k = 0; k < b->n; k++)
            scratch[k] = case_err(&cases[b->rows[k]], f, (enum err_pred)p);
        abs_err_stat_of(scratch, b->n, &grp.stat[p]);
    }
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
    group_build fixed_v[FIXED_GROUPS] = {{NULL, NULL, 0, 0}};
    groups_build fixed = {fixed_v, FIXED_GROUPS, FIXED_GROUPS}, formats = {0}, kernels = {0};
    double *scratch = malloc((n + 1) * sizeof *scratch);
    int rc = scratch == NULL ? -1 : sort_rows(cases, n, f, &fixed, &formats, &kernels);
    static const char *const fixed_names[FIXED_GROUPS] = {"all", "bound=memory", "bound=compute"};
    for (size_t i = 0; rc == 0 && i < FIXED_GROUPS; i++)
        rc = add_built(g, &fixed.v[i], fixed_names[i], cases, f, scratch);
    char subject[64];
    for (size_t i = 0; rc == 0 && i < formats.n; i++) {
        snprintf(subject, sizeof subject, "format=%s", formats.v[i].name);
        rc = add_built(g, &formats.v[i], subject, cases, f, scratch);
    }
    for (size_t i = 0; rc == 0 && i < kernels.n; i++) {
        snprintf(subject, sizeof subject, "kernel=%s", kernels.v[i].name);
        rc = add_built(g, &kernels.v[i], subject, cases, f, scratch);
    }
    for (size_t i = 0; i < FIXED_GROUPS; i++)
        free(fixed_v[i].rows);
    builds_free(&formats);
    builds_free(&kernels);
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
