#include "run_fit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "launch_floor.h"

int run_fit_has(const run_fit *f, const model_case *c)
{
    return strcmp(c->run_id, f->run_id) == 0 && strcmp(c->device, f->device) == 0;
}

const run_fit *run_fits_find(const run_fits *f, const char *run_id, const char *device)
{
    const char *key[2] = {run_id, device};
    size_t i = str_index_get(&f->index, key);
    return i == STR_INDEX_NONE ? NULL : &f->runs[i];
}

int run_fit_floor_row(const model_case *c)
{
    return model_case_in_error_stats(c) && c->bound == ROOFLINE_MEMORY && c->t_pred_measured_us > 0.0;
}

static const decode_launch_cost *find_cost(const run_fit *f, const char *format, const decode_scheme *scheme,
                                           uint64_t batch)
{
    for (size_t i = 0; i < f->ndecode_costs; i++) {
        const decode_launch_cost *d = &f->decode_costs[i];
        if (d->scheme == scheme && d->batch == batch && strcmp(d->format, format) == 0)
            return d;
    }
    return NULL;
}

double run_fit_decode_cost_us(const run_fit *f, const char *format, const decode_scheme *scheme, uint64_t batch,
                              const char *llm)
{
    const decode_launch_cost *d = find_cost(f, format, scheme, batch);
    if (d == NULL)
        return f->floor_us;
    return strcmp(d->llm, llm) == 0 ? NAN : d->cost_us;
}

double model_case_pred_floor_us(const model_case *c, const run_fit *f)
{
    if (f == NULL)
        return NAN;
    const double per_launch =
        c->decode_step ? run_fit_decode_cost_us(f, c->format, c->scheme, c->batch, c->llm) : f->floor_us;
    const double launches = c->launches > 0 ? (double)c->launches : 1.0; /* 0: not recorded, one call */
    return launches * per_launch + c->t_pred_measured_us;                  /* NaN stays NaN */
}

/* A step the run's launch costs may be measured on. */
static int decode_cost_row(const model_case *c)
{
    return c->decode_step && c->check_ok && c->scheme != NULL && c->t_pred_measured_us > 0.0 && c->launches > 0;
}

/* Per format, scheme and batch, the cost per launch of the run's smallest step. */
static int fit_decode_costs(run_fit *f, const model_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const model_case *c = &cases[i];
        if (!run_fit_has(f, c) || !decode_cost_row(c))
            continue;
        decode_launch_cost *d = (decode_launch_cost *)find_cost(f, c->format, c->scheme, c->batch);
        if (d == NULL) {
            decode_launch_cost *grown = realloc(f->decode_costs, (f->ndecode_costs + 1) * sizeof *grown);
            if (grown == NULL)
                return -1;
            f->decode_costs = grown;
            d = &f->decode_costs[f->ndecode_costs++];
        } else if (c->bytes >= d->bytes) {
            continue;
        }
        const double cost = (c->time_us - c->t_pred_measured_us) / (double)c->launches;
        *d = (decode_launch_cost){c->format, c->llm, c->scheme, c->batch, c->bytes, cost > 0.0 ? cost : 0.0};
    }
    return 0;
}

double model_case_err_floor(const model_case *c, const run_fit *f)
{
    double t = model_case_pred_floor_us(c, f);
    return isnan(t) ? NAN : roofline_err_pct(t, c->time_us);
}

double model_case_pred_issue_roof_us(const model_case *c, const run_fit *f)
{
    if (f == NULL || c->decode_step || isnan(c->t_issue_us) || isnan(c->t_pred_measured_us) || isnan(f->floor_us))
        return NAN;
    return (c->t_issue_us > c->t_pred_measured_us ? c->t_issue_us : c->t_pred_measured_us) + f->floor_us;
}

double model_case_err_issue_roof(const model_case *c, const run_fit *f)
{
    double t = model_case_pred_issue_roof_us(c, f);
    return isnan(t) ? NAN : roofline_err_pct(t, c->time_us);
}

static int unit_index(const run_fit *f, const char *unit)
{
    for (size_t u = 0; u < f->energy.nunits; u++)
        if (strcmp(f->energy.units[u], unit) == 0)
            return (int)u;
    return -1;
}

double run_fit_energy_uj(const run_fit *f, const char *unit, double flop, double bytes, double time_us)
{
    int u = f->energy_ok ? unit_index(f, unit) : -1;
    return u < 0 ? NAN : energy_fit_predict_uj(&f->energy, (size_t)u, flop, bytes, time_us);
}

double model_case_energy_fit_uj(const model_case *c, const run_fit *f)
{
    /* the fit's e_byte is per DRAM byte: it says nothing of an L2 row's bytes */
    return f == NULL || c->l2_resident ? NAN : run_fit_energy_uj(f, c->unit, c->flop, c->bytes, c->time_us);
}

static void fit_floor(run_fit *f, const model_case *cases, size_t n, double *t, double *m)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (run_fit_has(f, &cases[i]) && run_fit_floor_row(&cases[i])) {
            t[k] = cases[i].time_us;
            m[k++] = cases[i].t_pred_measured_us;
        }
    f->floor_rows = k;
    if (launch_floor_fit(t, m, k, &f->floor_us) != 0) {
        f->floor_us = NAN;
        f->floor_rows = 0;
    }
}

/* Rows the energy fit is made from: right, with an energy, and with DRAM
 * bytes (an L2 row's bytes cost a fraction of a DRAM byte's energy; one
 * e_byte cannot describe both). */
static int energy_row(const model_case *c)
{
    return c->check_ok && !c->l2_resident && !c->decode_step && c->energy_uj >= 0.0; /* NaN: no sensor */
}

/* Gathers the run's energy rows, one unit index each; -1 on too many units. */
static int energy_rows(run_fit *f, const model_case *cases, size_t n, energy_obs *obs)
{
    f->energy.nunits = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const model_case *c = &cases[i];
        if (!run_fit_has(f, c) || !energy_row(c))
            continue;
        int u = unit_index(f, c->unit);
        if (u < 0) {
            if (f->energy.nunits == ENERGY_FIT_MAX_UNITS)
                return -1;
            u = (int)f->energy.nunits;
            f->energy.units[f->energy.nunits++] = c->unit;
        }
        obs[k++] = (energy_obs){(size_t)u, c->flop, c->bytes, c->time_us, c->energy_uj};
    }
    f->energy_rows = k;
    return 0;
}

static void fit_energy(run_fit *f, const model_case *cases, size_t n, energy_obs *obs)
{
    rl_error why = {{0}};
    if (energy_rows(f, cases, n, obs) != 0)
        rl_error_set(&why, "energy fit: more than %d compute units", ENERGY_FIT_MAX_UNITS);
    else if (f->energy_rows == 0)
        rl_error_set(&why, "no row has an energy (no power sensor)");
    else if (energy_fit_solve(&f->energy, obs, f->energy_rows, &why) == 0)
        f->energy_ok = 1;
    snprintf(f->energy_why, sizeof f->energy_why, "%s", f->energy_ok ? "" : why.text);
}

static run_fit *add_run(run_fits *f, const model_case *c, size_t *cap)
{
    if (f->count == *cap) {
        run_fit *grown = grow_array(f->runs, cap, sizeof *grown, 16);
        if (grown == NULL)
            return NULL;
        f->runs = grown;
    }
    run_fit *r = &f->runs[f->count++];
    memset(r, 0, sizeof *r);
    r->run_id = c->run_id;
    r->device = c->device;
    r->spec = c->spec;
    r->mode = c->mode;
    r->bw_measured_gbs = c->bw_measured_gbs;
    r->bw_l2_measured_gbs = c->bw_l2_measured_gbs; /* every row of a run carries the same */
    r->floor_us = NAN;
    return r;
}

/* Each case's run, by hashing; each run's span of cases. */
static int collect_runs(run_fits *f, const model_case *cases, size_t n)
{
    size_t cap = 0;
    for (size_t i = 0; i < n; i++) {
        const char *key[2] = {cases[i].run_id, cases[i].device};
        size_t k = str_index_put(&f->index, key);
        if (k == STR_INDEX_NONE || (k == f->count && add_run(f, &cases[i], &cap) == NULL))
            return -1;
        run_fit *r = &f->runs[k];
        if (r->rows == 0)
            r->first = i;
        r->rows++;
        r->span = i + 1 - r->first;
    }
    for (size_t k = 0; k < f->count; k++)
        if (f->runs[k].span != f->runs[k].rows) { /* not together: every case, filtered */
            f->runs[k].first = 0;
            f->runs[k].span = n;
        }
    return 0;
}

int run_fits_collect(run_fits *f, const model_case *cases, size_t n, rl_error *err)
{
    memset(f, 0, sizeof *f);
    str_index_init(&f->index, 2);
    if (collect_runs(f, cases, n) != 0) {
        run_fits_free(f);
        return rl_error_set(err, "out of memory collecting runs");
    }
    double *scratch = malloc(2 * (n + 1) * sizeof *scratch);
    energy_obs *obs = malloc((n + 1) * sizeof *obs);
    if (scratch == NULL || obs == NULL) {
        free(scratch);
        free(obs);
        run_fits_free(f);
        return rl_error_set(err, "out of memory fitting runs");
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < f->count; i++) {
        run_fit *r = &f->runs[i];
        fit_floor(r, cases + r->first, r->span, scratch, scratch + n + 1);
        fit_energy(r, cases + r->first, r->span, obs);
        rc = fit_decode_costs(r, cases + r->first, r->span);
    }
    free(scratch);
    free(obs);
    if (rc != 0) {
        run_fits_free(f);
        return rl_error_set(err, "out of memory fitting the decode steps' launch costs");
    }
    return 0;
}

void run_fits_free(run_fits *f)
{
    for (size_t i = 0; i < f->count; i++)
        free(f->runs[i].decode_costs);
    free(f->runs);
    str_index_free(&f->index);
    memset(f, 0, sizeof *f);
}
