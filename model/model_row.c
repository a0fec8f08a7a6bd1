#include "model_row.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "predict.h"
#include "run_fit.h"

typedef struct row_where {
    char text[300]; /* "file:line" */
} row_where;

static row_where where_of(const csv_table *t, size_t r)
{
    row_where w;
    snprintf(w.text, sizeof w.text, "%s:%ld", t->path, t->lines[r]);
    return w;
}

int model_row_spec(const model_ctx *ctx, const csv_table *t, size_t r, const hw_spec **out,
                   rl_error *err)
{
    if (ctx->forced != NULL) {
        *out = ctx->forced;
        return 0;
    }
    hw_device_facts d = {.name = csv_table_text(t, r, RAW_COL_device),
                         .power_mode = csv_table_text(t, r, RAW_COL_power_mode),
                         .nvpmodel_conf = csv_table_text(t, r, RAW_COL_nvpmodel_conf),
                         .l4t_release = csv_table_text(t, r, RAW_COL_l4t_release)};
    if (csv_table_count(t, r, RAW_COL_sm_count, &d.sm_count) != 0)
        d.sm_count = 0;
    if (csv_table_count(t, r, RAW_COL_memory_bytes, &d.memory_bytes) != 0)
        d.memory_bytes = 0;
    if (!(d.power_mode != NULL && d.power_mode[0] != '\0'))
        d.power_mode = ctx->power_mode;
    model_spec_memo *m = ctx->memo;
    if (m != NULL && m->spec != NULL && m->t == t && m->name == d.name && m->power_mode == d.power_mode &&
        m->nvpmodel_conf == d.nvpmodel_conf && m->l4t_release == d.l4t_release && m->sm_count == d.sm_count &&
        m->memory_bytes == d.memory_bytes) {
        *out = m->spec;
        return 0;
    }
    if (hw_spec_set_pick(ctx->specs, &d, out, err) == 0) {
        if (m != NULL)
            *m = (model_spec_memo){t, d.name, d.power_mode, d.nvpmodel_conf, d.l4t_release, d.sm_count,
                                   d.memory_bytes, *out};
        return 0;
    }
    if (err != NULL) {
        rl_error why = *err;
        row_where w = where_of(t, r);
        rl_error_set(err, "%s (%s)", why.text, w.text);
    }
    return -1;
}

int model_row_mode(const model_ctx *ctx, const csv_table *t, size_t r, const hw_spec *spec, const hw_mode **out,
                   rl_error *err)
{
    row_where w = where_of(t, r);
    const char *power_mode = csv_table_text(t, r, RAW_COL_power_mode);
    if ((power_mode == NULL || power_mode[0] == '\0') && ctx->power_mode != NULL) {
        power_mode = ctx->power_mode;
        size_t used = strlen(w.text);
        snprintf(w.text + used, sizeof w.text - used, ", mode from --power-mode");
    }
    return hw_spec_pick_mode(spec, power_mode, w.text, out, err);
}

/* The ceilings of row r: its spec, mode, the peak of its kernel's unit and
 * the memory level whose bandwidth bounds it. */
typedef struct row_ceilings {
    const hw_spec *spec;
    const hw_mode *mode;
    const char *unit;
    double peak_gflops;
    int l2; /* memory level l2 (workloads.h) */
} row_ceilings;

static int row_ceilings_find(const model_ctx *ctx, const csv_table *t, size_t r, row_ceilings *c,
                             rl_error *err)
{
    row_where w = where_of(t, r);
    const char *kernel = csv_table_text(t, r, RAW_COL_kernel);
    const workload *wl = workload_find(kernel);
    if (wl == NULL)
        return rl_error_set(err, "unknown kernel '%.60s': not in the workloads table (%s)", kernel,
                            w.text);
    /* measure names the unit where it chose one per case (the GEMV's CUDA-
     * or tensor-core path); older runs leave it empty */
    const char *ran_on = csv_table_text(t, r, RAW_COL_kernel_unit);
    c->unit = ran_on != NULL && ran_on[0] != '\0' ? ran_on : wl->compute_unit;
    c->l2 = wl->memory == WORKLOAD_L2;
    if (model_row_spec(ctx, t, r, &c->spec, err) != 0)
        return -1;
    if (model_row_mode(ctx, t, r, c->spec, &c->mode, err) != 0)
        return -1;
    if (hw_mode_peak(c->mode, c->unit, &c->peak_gflops) != 0)
        return rl_error_set(err, "spec %s mode %s has no %.40s_gflops peak (%s) for %s '%.40s' (%s)",
                            c->spec->id, c->mode->name, c->unit, c->spec->path,
                            c->unit == ran_on ? "kernel_unit" : "the unit of kernel", c->unit == ran_on ? c->unit : kernel,
                            w.text);
    return 0;
}

/* The raw cells, unchanged: borrowed from the table, which outlives the
 * row (it is written before the next row is filled). */
static void copy_raw_cells(const csv_table *t, size_t r, csv_row *out, int *rc)
{
    (void)rc;
    for (int c = 0; c < RAW_COL_COUNT; c++)
        csv_row_set_borrowed(out, c, csv_table_text(t, r, c));
}

/* The bandwidths one row is judged by: DRAM's and L2's, from the datasheet
 * and from the run itself (NaN: not known), and the rooflines with the
 * ceilings of the row's level (have_*: 0 when its level has no such
 * ceiling). */
typedef struct row_rooflines {
    double bw_dram_ms, bw_l2_ds, bw_l2_ms;
    roofline ds, ms;
    int have_ds, have_ms;
    roofline_bound bound;
} row_rooflines;

static void row_rooflines_find(const model_ctx *ctx, const csv_table *t, size_t r, const row_ceilings *c,
                               double bytes, double flop, row_rooflines *rl)
{
    const char *run_id = csv_table_text(t, r, RAW_COL_run_id);
    const char *device = csv_table_text(t, r, RAW_COL_device);
    rl->bw_dram_ms = rl->bw_l2_ms = NAN;
    if (measured_bw_find(ctx->bw, run_id, device, &rl->bw_dram_ms) != 0)
        rl->bw_dram_ms = NAN;
    if (ctx->bw_l2 == NULL || measured_bw_find(ctx->bw_l2, run_id, device, &rl->bw_l2_ms) != 0)
        rl->bw_l2_ms = NAN;
    rl->bw_l2_ds = c->mode->l2_bw_gbs > 0.0 ? c->mode->l2_bw_gbs : NAN;
    double ds_bw = c->l2 ? rl->bw_l2_ds : c->mode->dram_bw_gbs;
    double ms_bw = c->l2 ? rl->bw_l2_ms : rl->bw_dram_ms;
    /* a NaN bandwidth (not known) makes roofline_predict refuse */
    rl->have_ds = roofline_predict(bytes, flop, ds_bw, c->peak_gflops, &rl->ds) == 0;
    rl->have_ms = roofline_predict(bytes, flop, ms_bw, c->peak_gflops, &rl->ms) == 0;
    /* an l2 row without an L2 datasheet bandwidth: bound by the run's L2
     * ceiling, else memory (a read stream at a quarter flop a byte) */
    rl->bound = rl->have_ds ? rl->ds.bound : rl->have_ms ? rl->ms.bound : ROOFLINE_MEMORY;
}

/* The columns that need only the datasheet and the measured time. */
static void set_datasheet(csv_row *out, const model_case *c, int *rc)
{
    *rc |= csv_row_set_text(out, MODEL_COL_spec_id, c->spec->id);
    *rc |= csv_row_set_text(out, MODEL_COL_spec_mode, c->mode->name);
    *rc |= csv_row_set_text(out, MODEL_COL_compute_unit, c->unit);
    *rc |= csv_row_set_real(out, MODEL_COL_intensity_flop_per_byte, c->flop / c->bytes);
    *rc |= csv_row_set_text(out, MODEL_COL_bound, roofline_bound_name(c->bound));
    *rc |= csv_row_set_real(out, MODEL_COL_bw_datasheet_gbs, c->mode->dram_bw_gbs);
    *rc |= csv_row_set_real(out, MODEL_COL_peak_datasheet_gflops, c->peak_gflops);
    if (!isnan(c->t_pred_datasheet_us)) {
        *rc |= csv_row_set_real(out, MODEL_COL_time_us_pred_datasheet, c->t_pred_datasheet_us);
        *rc |= csv_row_set_real(out, MODEL_COL_err_pct_datasheet, roofline_err_pct(c->t_pred_datasheet_us, c->time_us));
    }
    *rc |= csv_row_set_real(out, MODEL_COL_achieved_gbs, roofline_rate_gbs(c->bytes, c->time_us));
    *rc |= csv_row_set_real(out, MODEL_COL_achieved_gflops, roofline_rate_gflops(c->flop, c->time_us));
    *rc |= csv_row_set_text(out, MODEL_COL_memory_level, c->l2_resident ? "l2" : "dram");
    if (c->mode->l2_bw_gbs > 0.0)
        *rc |= csv_row_set_real(out, MODEL_COL_bw_l2_datasheet_gbs, c->mode->l2_bw_gbs);
}

/* The columns that need the run's own read-stream bandwidths: DRAM's on
 * every row, L2's on every row, and the prediction with the ceiling of the
 * row's level. */
static void set_measured(csv_row *out, const model_case *c, int *rc)
{
    if (!isnan(c->bw_measured_gbs))
        *rc |= csv_row_set_real(out, MODEL_COL_bw_measured_gbs, c->bw_measured_gbs);
    if (!isnan(c->bw_l2_measured_gbs))
        *rc |= csv_row_set_real(out, MODEL_COL_bw_l2_measured_gbs, c->bw_l2_measured_gbs);
    if (isnan(c->t_pred_measured_us))
        return;
    double bw = c->l2_resident ? c->bw_l2_measured_gbs : c->bw_measured_gbs;
    *rc |= csv_row_set_real(out, MODEL_COL_time_us_pred_measured, c->t_pred_measured_us);
    *rc |= csv_row_set_real(out, MODEL_COL_err_pct_measured, roofline_err_pct(c->t_pred_measured_us, c->time_us));
    *rc |= csv_row_set_real(out, MODEL_COL_bw_fraction_of_measured, roofline_rate_gbs(c->bytes, c->time_us) / bw);
}

/* The issue roof's columns that need no fit (model_row.h). */
static void set_issue(csv_row *out, const model_case *c, int *rc)
{
    if (isnan(c->t_issue_us))
        return;
    *rc |= csv_row_set_real(out, MODEL_COL_issue_rate_weights_per_sm_cycle, c->issue_rate);
    *rc |= csv_row_set_real(out, MODEL_COL_time_us_issue, c->t_issue_us);
    *rc |= csv_row_set_text(out, MODEL_COL_bound_issue_roof,
                            model_case_issue_bound(c) ? c->issue_roof : roofline_bound_name(c->bound));
}

int model_row_cells(csv_row *out, const csv_table *t, size_t r, const model_case *c, rl_error *err)
{
    int rc = 0;
    csv_row_clear(out);
    copy_raw_cells(t, r, out, &rc);
    set_datasheet(out, c, &rc);
    set_measured(out, c, &rc);
    set_issue(out, c, &rc);
    if (rc != 0) {
        row_where w = where_of(t, r);
        return rl_error_set(err, "cannot fill the model row: out of memory or a non-finite value (%s)", w.text);
    }
    return 0;
}

/* A cell as a number, NaN when empty. */
static double real_or_nan(const csv_table *t, size_t r, int col)
{
    double v;
    return csv_table_real(t, r, col, &v) == 0 ? v : NAN;
}

/* Row r's issue roof (issue_rate.h): its run's rate of its format, on the
 * row's SMs and SM clock, else its spec mode's. */
static void case_issue(model_case *mc, const model_ctx *ctx, const csv_table *t, size_t r)
{
    mc->issue_rate = mc->t_issue_us = NAN;
    if (!issue_rate_applies(mc->kernel, mc->batch, mc->unit))
        return;
    const issue_rate *rate = issue_rates_find(ctx->issue, mc->run_id, mc->device, mc->format);
    if (rate == NULL)
        return;
    double clock_mhz = real_or_nan(t, r, RAW_COL_sm_clock_mhz);
    if (!(clock_mhz > 0.0))
        clock_mhz = mc->mode->sm_clock_mhz;
    uint64_t sms;
    if (csv_table_count(t, r, RAW_COL_sm_count, &sms) != 0 || sms == 0)
        sms = hw_mode_sm_count(mc->spec, mc->mode);
    mc->issue_rate = rate->weights_per_sm_cycle;
    mc->issue_roof = issue_rate_roof_name(rate);
    mc->t_issue_us = issue_time_us((double)mc->n * (double)mc->k, rate->weights_per_sm_cycle, (double)sms, clock_mhz);
}

static void case_fill(model_case *mc, const model_ctx *ctx, const csv_table *t, size_t r, const row_ceilings *c,
                      const row_rooflines *rl)
{
    memset(mc, 0, sizeof *mc);
    mc->run_id = csv_table_text(t, r, RAW_COL_run_id);
    mc->device = csv_table_text(t, r, RAW_COL_device);
    mc->kernel = csv_table_text(t, r, RAW_COL_kernel);
    mc->format = csv_table_text(t, r, RAW_COL_format);
    mc->spec = c->spec;
    mc->mode = c->mode;
    mc->unit = c->unit;
    mc->peak_gflops = c->peak_gflops;
    csv_table_count(t, r, RAW_COL_n, &mc->n);
    csv_table_count(t, r, RAW_COL_k, &mc->k);
    csv_table_count(t, r, RAW_COL_batch, &mc->batch);
    mc->bytes = real_or_nan(t, r, RAW_COL_bytes);
    mc->flop = real_or_nan(t, r, RAW_COL_flop);
    mc->time_us = real_or_nan(t, r, RAW_COL_time_us_median);
    mc->energy_uj = real_or_nan(t, r, RAW_COL_energy_uj);
    mc->working_set_bytes = real_or_nan(t, r, RAW_COL_working_set_bytes);
    mc->l2_bytes = real_or_nan(t, r, RAW_COL_l2_bytes);
    if (isnan(mc->l2_bytes))
        mc->l2_bytes = (double)c->spec->l2_bytes;
    mc->check_ok = strcmp(csv_table_text(t, r, RAW_COL_check), "ok") == 0;
    mc->sets_ceiling = strcmp(mc->kernel, MEASURED_BW_KERNEL) == 0;
    mc->l2_resident = c->l2;
    mc->sets_l2_ceiling = strcmp(mc->kernel, MEASURED_BW_L2_KERNEL) == 0;
    mc->bound = rl->bound;
    mc->t_pred_datasheet_us = rl->have_ds ? rl->ds.time_us : NAN;
    mc->bw_measured_gbs = rl->bw_dram_ms;
    mc->bw_l2_measured_gbs = rl->bw_l2_ms;
    mc->t_pred_measured_us = rl->have_ms ? rl->ms.time_us : NAN;
    mc->decode_step = strcmp(mc->kernel, "decode_step") == 0;
    if (csv_table_count(t, r, RAW_COL_launches, &mc->launches) != 0 || mc->launches == 0)
        mc->launches = 1;
    mc->scheme = decode_scheme_find(csv_table_text(t, r, RAW_COL_launch_scheme));
    mc->llm = csv_table_text(t, r, RAW_COL_llm);
    mc->tokens_per_s = real_or_nan(t, r, RAW_COL_tokens_per_s);
    mc->energy_uj_per_token = real_or_nan(t, r, RAW_COL_energy_uj_per_token);
    case_issue(mc, ctx, t, r);
}

int model_row_fill(const model_ctx *ctx, const csv_table *t, size_t r, csv_row *out, model_case *mc,
                   rl_error *err)
{
    row_ceilings c;
    if (row_ceilings_find(ctx, t, r, &c, err) != 0)
        return -1;
    row_where w = where_of(t, r);
    uint64_t bytes_n, flop_n;
    double time_us;
    /* The table was validated on load: these cells are present and parse. */
    csv_table_count(t, r, RAW_COL_bytes, &bytes_n);
    csv_table_count(t, r, RAW_COL_flop, &flop_n);
    csv_table_real(t, r, RAW_COL_time_us_median, &time_us);
    double bytes = (double)bytes_n, flop = (double)flop_n;
    if (!(time_us > 0.0))
        return rl_error_set(err, "time_us_median is 0: no rate or error can follow from it (%s)", w.text);
    if (!(bytes > 0.0))
        return rl_error_set(err, "bytes is 0: a case that moves no memory has no roofline (%s)", w.text);
    row_rooflines rl;
    row_rooflines_find(ctx, t, r, &c, bytes, flop, &rl);
    if (!rl.have_ds && !c.l2) /* every DRAM ceiling and peak is > 0 (spec.h) */
        return rl_error_set(err, "no datasheet roofline for this row (%s)", w.text);
    model_case own;
    if (mc == NULL)
        mc = &own;
    case_fill(mc, ctx, t, r, &c, &rl);
    return out != NULL ? model_row_cells(out, t, r, mc, err) : 0;
}

int model_row_counts_agree(const csv_table *t, size_t r, workload_count *expected)
{
    uint64_t n, k, batch, bytes, flop;
    if (csv_table_count(t, r, RAW_COL_n, &n) != 0 || csv_table_count(t, r, RAW_COL_k, &k) != 0 ||
        csv_table_count(t, r, RAW_COL_batch, &batch) != 0 ||
        csv_table_count(t, r, RAW_COL_bytes, &bytes) != 0 ||
        csv_table_count(t, r, RAW_COL_flop, &flop) != 0)
        return -1;
    if (workload_count_case(csv_table_text(t, r, RAW_COL_kernel), csv_table_text(t, r, RAW_COL_format),
                            n, k, batch, expected) != 0)
        return -1;
    return expected->bytes == bytes && expected->flop == flop;
}

/* A real cell when the value is known (finite); left empty otherwise. */
static int set_known(csv_row *out, int col, double value)
{
    return isfinite(value) ? csv_row_set_real(out, col, value) : 0;
}

/* GFLOP/s per W from flop and uJ per call: flop / (uJ * 1e-6) / 1e9. */
static double gflops_per_w(double flop, double energy_uj)
{
    return energy_uj > 0.0 ? flop / energy_uj / 1e3 : NAN;
}

int model_row_set_fit(csv_row *out, const model_case *c, const struct run_fit *f)
{
    int rc = csv_row_set_text(out, MODEL_COL_in_error_stats, model_case_in_error_stats(c) ? "yes" : "no");
    rc |= set_known(out, MODEL_COL_gflops_per_w, gflops_per_w(c->flop, c->energy_uj));
    if (f == NULL)
        return rc;
    double floor_pred = model_case_pred_floor_us(c, f);
    if (!isnan(floor_pred)) /* a decode step: the cost of each of its launches */
        rc |= set_known(out, MODEL_COL_launch_floor_us,
                        c->decode_step ? (floor_pred - c->t_pred_measured_us) / (double)c->launches
                                       : f->floor_us);
    rc |= set_known(out, MODEL_COL_time_us_pred_measured_floor, floor_pred);
    rc |= set_known(out, MODEL_COL_err_pct_measured_floor, model_case_err_floor(c, f));
    double e_fit = model_case_energy_fit_uj(c, f);
    rc |= set_known(out, MODEL_COL_energy_uj_fit, e_fit);
    if (c->energy_uj > 0.0)
        rc |= set_known(out, MODEL_COL_err_pct_energy_fit, 100.0 * (e_fit - c->energy_uj) / c->energy_uj);
    rc |= set_known(out, MODEL_COL_gflops_per_w_fit, gflops_per_w(c->flop, e_fit));
    rc |= set_known(out, MODEL_COL_time_us_pred_issue_roof, model_case_pred_issue_roof_us(c, f));
    rc |= set_known(out, MODEL_COL_err_pct_issue_roof, model_case_err_issue_roof(c, f));
    return rc;
}
