#include "modes_out.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csv_row.h"
#include "formats.h"
#include "modes_schema.h"
#include "workloads.h"

/* 1 GB/s moves 1e3 bytes per us (predict.c). */
static const double BYTES_PER_US_PER_GBS = 1e3;

int modes_predict(const hw_spec *spec, const hw_mode *mode, const char *format, double rate, uint64_t n, uint64_t k,
                  mode_pred *out)
{
    workload_count count;
    if (!(rate > 0.0) || n > MODES_MAX_DIM || k > MODES_MAX_DIM || workload_count_gemv(format, n, k, 1, &count) != 0)
        return -1;
    memset(out, 0, sizeof *out);
    out->sm_count = hw_mode_sm_count(spec, mode);
    out->bytes = count.bytes;
    out->weights = n * k;
    out->t_memory_us = (double)count.bytes / (mode->dram_bw_gbs * BYTES_PER_US_PER_GBS);
    out->t_issue_us = issue_time_us((double)out->weights, rate, (double)out->sm_count, mode->sm_clock_mhz);
    out->issue_bound = out->t_issue_us > out->t_memory_us;
    out->t_pred_us = out->issue_bound ? out->t_issue_us : out->t_memory_us;
    out->energy_uj_budget = mode->power_budget_w > 0.0 ? mode->power_budget_w * out->t_pred_us : NAN; /* W x us = uJ */
    return 0;
}

const hw_mode *modes_ref_mode(const hw_spec *spec)
{
    const hw_mode *m = hw_spec_find_mode(spec, "15W");
    return m != NULL ? m : spec->default_mode;
}

/* The formats of the rate run that suit the shape, in the formats
 * table's order. */
typedef struct modes_formats {
    const issue_rate *rates[WEIGHT_FORMAT_COUNT];
    size_t n;
} modes_formats;

static void pick_formats(modes_formats *fm, const issue_rates *rates, const issue_rate *src, uint64_t n, uint64_t k)
{
    fm->n = 0;
    for (size_t fi = 0; fi < WEIGHT_FORMAT_COUNT; fi++) {
        const weight_format *f = &WEIGHT_FORMAT_TABLE[fi];
        const issue_rate *rate = issue_rates_find(rates, src->run_id, src->device, f->name);
        workload_count count;
        if (rate == NULL)
            continue;
        if (workload_count_gemv(f->name, n, k, 1, &count) != 0) {
            fprintf(stderr, "model: --modes: %s does not suit the shape %llux%llu (--modes-shape); skipped\n",
                    f->name, (unsigned long long)n, (unsigned long long)k);
            continue;
        }
        fm->rates[fm->n++] = rate;
    }
}

/* What one row needs beside its prediction. */
typedef struct modes_case {
    const hw_spec *spec;
    const hw_mode *mode, *ref;
    const issue_rate *rate;
    uint64_t n, k;
    int extrapolated;
} modes_case;

static int set_known(csv_row *row, int col, double value)
{
    return isfinite(value) ? csv_row_set_real(row, col, value) : 0;
}

static int fill_row(csv_row *row, const modes_case *c, const mode_pred *p, const mode_pred *ref)
{
    const hw_mode *mode = c->mode;
    csv_row_clear(row);
    int rc = csv_row_set_text(row, MODES_COL_spec_id, c->spec->id);
    rc |= csv_row_set_text(row, MODES_COL_spec_mode, mode->name);
    rc |= csv_row_set_text(row, MODES_COL_format, c->rate->format);
    rc |= csv_row_set_count(row, MODES_COL_n, c->n);
    rc |= csv_row_set_count(row, MODES_COL_k, c->k);
    rc |= csv_row_set_count(row, MODES_COL_sm_count, p->sm_count);
    rc |= csv_row_set_real(row, MODES_COL_sm_clock_mhz, mode->sm_clock_mhz);
    rc |= csv_row_set_real(row, MODES_COL_dram_bw_gbs, mode->dram_bw_gbs);
    rc |= csv_row_set_count(row, MODES_COL_bytes, p->bytes);
    rc |= csv_row_set_count(row, MODES_COL_weights, p->weights);
    rc |= csv_row_set_real(row, MODES_COL_issue_rate_weights_per_sm_cycle, c->rate->weights_per_sm_cycle);
    rc |= csv_row_set_text(row, MODES_COL_issue_rate_run_id, c->rate->run_id);
    rc |= csv_row_set_text(row, MODES_COL_issue_rate_device, c->rate->device);
    rc |= csv_row_set_text(row, MODES_COL_issue_rate_extrapolated, c->extrapolated ? "yes" : "no");
    rc |= csv_row_set_real(row, MODES_COL_time_us_memory, p->t_memory_us);
    rc |= csv_row_set_real(row, MODES_COL_time_us_issue, p->t_issue_us);
    rc |= csv_row_set_real(row, MODES_COL_time_us_pred, p->t_pred_us);
    rc |= csv_row_set_text(row, MODES_COL_bound, p->issue_bound ? issue_rate_roof_name(c->rate) : "memory");
    rc |= csv_row_set_text(row, MODES_COL_ref_mode, c->ref->name);
    rc |= csv_row_set_real(row, MODES_COL_ratio_to_ref_mode, p->t_pred_us / ref->t_pred_us);
    if (mode->power_budget_w > 0.0)
        rc |= csv_row_set_real(row, MODES_COL_power_budget_w, mode->power_budget_w);
    rc |= set_known(row, MODES_COL_energy_uj_budget, p->energy_uj_budget);
    return rc;
}

typedef struct modes_sink {
    csv_writer w;
    csv_row row;
    modes_result *res;
    rl_error *err;
} modes_sink;

/* One row: c's mode against c's ref mode. */
static int emit(modes_sink *s, const modes_case *c)
{
    const double rate = c->rate->weights_per_sm_cycle;
    mode_pred p, ref;
    if (modes_predict(c->spec, c->mode, c->rate->format, rate, c->n, c->k, &p) != 0 ||
        modes_predict(c->spec, c->ref, c->rate->format, rate, c->n, c->k, &ref) != 0)
        return 0; /* pick_formats kept only the formats that suit the shape */
    if (fill_row(&s->row, c, &p, &ref) != 0)
        return rl_error_set(s->err,
                            "cannot fill the mode row of %s on %s mode %s: out of memory or a value that is not finite",
                            c->rate->format, c->spec->id, c->mode->name);
    if (csv_writer_row(&s->w, &s->row, s->err) != 0)
        return -1;
    s->res->rows++;
    return 0;
}

/* Every spec, every mode of it in the spec's order, every format. */
static int emit_all(modes_sink *s, const hw_spec_set *specs, const modes_formats *fm, uint64_t n, uint64_t k)
{
    for (size_t si = 0; si < specs->count; si++) {
        const hw_spec *spec = &specs->specs[si];
        modes_case c = {spec, NULL, modes_ref_mode(spec), NULL, n, k, 1};
        c.extrapolated = s->res->source_spec_id == NULL || strcmp(spec->id, s->res->source_spec_id) != 0;
        for (size_t mi = 0; mi < spec->nmodes; mi++)
            for (size_t fi = 0; fi < fm->n; fi++) {
                c.mode = &spec->modes[mi];
                c.rate = fm->rates[fi];
                if (emit(s, &c) != 0)
                    return -1;
            }
    }
    return 0;
}

int modes_write(const char *path, const hw_spec_set *specs, const issue_rates *rates, const run_fits *fits,
                uint64_t n, uint64_t k, modes_result *res, rl_error *err)
{
    memset(res, 0, sizeof *res);
    res->source = issue_rates_newest(rates);
    if (res->source != NULL) {
        const run_fit *f = run_fits_find(fits, res->source->run_id, res->source->device);
        res->source_spec_id = f != NULL && f->spec != NULL ? f->spec->id : NULL;
    }
    modes_sink s = {.res = res, .err = err};
    if (csv_row_init(&s.row, &MODES_CSV_SCHEMA) != 0)
        return rl_error_set(err, "out of memory");
    int rc = csv_writer_open_buffered(&s.w, path, &MODES_CSV_SCHEMA, err);
    if (rc == 0) {
        if (res->source != NULL) {
            modes_formats fm;
            pick_formats(&fm, rates, res->source, n, k);
            res->formats = fm.n;
            rc = emit_all(&s, specs, &fm, n, k);
        }
        if (rc == 0)
            rc = csv_writer_commit(&s.w, err);
        else
            csv_writer_abort(&s.w);
    }
    csv_row_free(&s.row);
    return rc;
}
