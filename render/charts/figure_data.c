#include "figure_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "pick.h"
#include "summary_data.h"

static int text_is(const csv_table *t, size_t r, int col, const char *s)
{
    const char *v = csv_table_text(t, r, col);
    return v != NULL && s != NULL && strcmp(v, s) == 0;
}

static uint64_t count_of(const csv_table *t, size_t r, int col)
{
    uint64_t v = 0;
    return csv_table_count(t, r, col, &v) == 0 ? v : 0;
}

static double real_of(const csv_table *t, size_t r, int col)
{
    double v;
    return csv_table_real(t, r, col, &v) == 0 ? v : NAN;
}

/* Row r is of the run (run_id, device) a pick shows: with several runs in
 * the CSV, each single-run chart and section shows one run, and says which. */
static int of_run(const csv_table *t, size_t r, const char *device, const char *run)
{
    const char *id = csv_table_text(t, r, RAW_COL_run_id);
    return text_is(t, r, RAW_COL_device, device) && (id == NULL || run == NULL ? id == run : strcmp(id, run) == 0);
}

/* The first row of the run with this kernel, format and shape. */
static int find_case(const csv_table *t, const char *device, const char *run, const char *kernel,
                     const char *format, uint64_t n, uint64_t k, uint64_t batch, size_t *row)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (of_run(t, r, device, run) && text_is(t, r, RAW_COL_kernel, kernel) &&
            text_is(t, r, RAW_COL_format, format) && count_of(t, r, RAW_COL_n) == n &&
            count_of(t, r, RAW_COL_k) == k && count_of(t, r, RAW_COL_batch) == batch) {
            *row = r;
            return 1;
        }
    return 0;
}

/* The prediction the report trusts most: measured ceilings, else datasheet. */
static double predicted_us(const csv_table *t, size_t r)
{
    double p = real_of(t, r, MODEL_COL_time_us_pred_measured);
    return isnan(p) ? real_of(t, r, MODEL_COL_time_us_pred_datasheet) : p;
}

static void fill_case(const csv_table *t, size_t r, cmp_case *c)
{
    c->have = 1;
    c->row = r;
    c->time_us = real_of(t, r, RAW_COL_time_us_median);
    c->pred_us = predicted_us(t, r);
    c->energy_uj = real_of(t, r, RAW_COL_energy_uj);
    c->power_w = real_of(t, r, RAW_COL_power_w_avg);
    c->flop = (double)count_of(t, r, RAW_COL_flop);
    c->bytes = (double)count_of(t, r, RAW_COL_bytes);
    c->bw_fraction = real_of(t, r, MODEL_COL_bw_fraction_of_measured);
}

static int is_fp16_baseline(const csv_table *t, size_t r)
{
    return text_is(t, r, RAW_COL_kernel, "gemv") && text_is(t, r, RAW_COL_format, "fp16") &&
           count_of(t, r, RAW_COL_batch) == 1 &&
           count_of(t, r, RAW_COL_n) == count_of(t, r, RAW_COL_k);
}

/* 1 when device has a batch-1 case other than our fp16 at n x n: a
 * shape where the baseline has something to be compared with. */
static int has_rival(const csv_table *t, const char *device, const char *run, uint64_t n)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (of_run(t, r, device, run) && !is_fp16_baseline(t, r) &&
            count_of(t, r, RAW_COL_batch) == 1 && count_of(t, r, RAW_COL_n) == n &&
            count_of(t, r, RAW_COL_k) == n &&
            (text_is(t, r, RAW_COL_kernel, "gemv") || text_is(t, r, RAW_COL_kernel, "gemv_cublas")))
            return 1;
    return 0;
}

/* The two largest square shapes of the baseline on d->device that have
 * something to compare with, ascending. */
static void pick_shapes(const csv_table *t, compare_data *d)
{
    uint64_t best[2] = {0, 0}; /* best[0] largest */
    for (size_t r = 0; r < t->nrows; r++) {
        if (!of_run(t, r, d->device, d->run_id) || !is_fp16_baseline(t, r))
            continue;
        uint64_t n = count_of(t, r, RAW_COL_n);
        if (n == best[0] || n == best[1] || !has_rival(t, d->device, d->run_id, n))
            continue;
        if (n > best[0]) {
            best[1] = best[0];
            best[0] = n;
        } else if (n > best[1]) {
            best[1] = n;
        }
    }
    d->nshapes = 0;
    for (int i = 1; i >= 0; i--)
        if (best[i] > 0) {
            d->n[d->nshapes] = d->k[d->nshapes] = best[i];
            d->nshapes++;
        }
}

static void add_category(const csv_table *t, compare_data *d, const char *kernel,
                         const char *format, const char *label, double ideal)
{
    if (d->ncats == CMP_MAX_CATS)
        return;
    cmp_category *c = &d->cat[d->ncats];
    int any = 0;
    for (size_t s = 0; s < d->nshapes; s++) {
        size_t r;
        if (find_case(t, d->device, d->run_id, kernel, format, d->n[s], d->k[s], 1, &r)) {
            fill_case(t, r, &d->cell[d->ncats][s]);
            any = 1;
        }
    }
    if (!any)
        return;
    c->kernel = kernel;
    c->format = format;
    snprintf(c->label, sizeof c->label, "%s", label);
    c->ideal = ideal;
    c->is_baseline = strcmp(kernel, "gemv") == 0 && strcmp(format, "fp16") == 0;
    if (c->is_baseline)
        d->base = d->ncats;
    d->ncats++;
}

/* gemv formats not in the format table, in order of appearance. */
static void add_unknown_formats(const csv_table *t, compare_data *d)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const char *f = csv_table_text(t, r, RAW_COL_format);
        if (!of_run(t, r, d->device, d->run_id) || !text_is(t, r, RAW_COL_kernel, "gemv") ||
            weight_format_find(f) != NULL)
            continue;
        size_t c = 0;
        while (c < d->ncats &&
               !(strcmp(d->cat[c].format, f) == 0 && strcmp(d->cat[c].kernel, "gemv") == 0))
            c++;
        if (c == d->ncats)
            add_category(t, d, "gemv", f, f, NAN);
    }
}

void compare_data_from_table(const csv_table *t, compare_data *d)
{
    memset(d, 0, sizeof *d);
    for (size_t r = 0; r < t->nrows && d->device == NULL; r++)
        if (is_fp16_baseline(t, r)) {
            d->device = csv_table_text(t, r, RAW_COL_device);
            d->run_id = csv_table_text(t, r, RAW_COL_run_id);
        }
    if (d->device == NULL)
        return;
    pick_shapes(t, d);
    if (d->nshapes == 0) {
        d->device = NULL; /* an fp16 baseline with nothing to compare it with */
        return;
    }
    for (size_t c = 0; c < CMP_MAX_CATS; c++)
        for (size_t s = 0; s < CMP_MAX_SHAPES; s++)
            d->cell[c][s] = (cmp_case){0, 0, NAN, NAN, NAN, NAN, NAN, NAN, NAN};
    add_category(t, d, "gemv_cublas", "fp16", "cuBLAS fp16", 1.0);
    add_category(t, d, "gemv", "fp16", "fp16 (ours)", 1.0);
    for (int f = 0; f < WEIGHT_FORMAT_COUNT; f++) {
        const weight_format *wf = &WEIGHT_FORMAT_TABLE[f];
        if (strcmp(wf->name, "fp16") != 0)
            add_category(t, d, "gemv", wf->name, wf->name,
                         16.0 / weight_format_bits_per_weight(wf));
    }
    add_unknown_formats(t, d);
}

double compare_speedup(const compare_data *d, size_t c, size_t s)
{
    const cmp_case *b = &d->cell[d->base][s], *x = &d->cell[c][s];
    if (!b->have || !x->have || !(x->time_us > 0.0))
        return NAN;
    return b->time_us / x->time_us;
}

double compare_pred_speedup(const compare_data *d, size_t c, size_t s)
{
    const cmp_case *b = &d->cell[d->base][s], *x = &d->cell[c][s];
    if (!b->have || !x->have || !(x->pred_us > 0.0))
        return NAN;
    return b->pred_us / x->pred_us;
}

double cmp_case_gflops_per_w(const cmp_case *x)
{
    if (!x->have || !(x->energy_uj > 0.0))
        return NAN;
    /* flop per uJ is 1e6 flop per J; GFLOP/s per W is GFLOP per J. */
    return x->flop / x->energy_uj / 1e3;
}

/* Where a series sorts: cuBLAS first, then our kernel in the format
 * table's order, then anything else. */
static int series_rank(const char *kernel, const char *format)
{
    int f = format_rank(format);
    int k = strcmp(kernel, "gemv_cublas") == 0 ? 0 : strcmp(kernel, "gemv") == 0 ? 1 : 2;
    return k * 100 + f;
}

/* The shape of the run with the most cases at batch > 1; of shapes with as
 * many, the one whose first case comes first (pick_common_shape). */
static void pick_batch_shape(const csv_table *t, batch_data *d)
{
    uint64_t *n = malloc((t->nrows + 1) * sizeof *n), *k = malloc((t->nrows + 1) * sizeof *k);
    size_t m = 0;
    for (size_t r = 0; n != NULL && k != NULL && r < t->nrows; r++)
        if (of_run(t, r, d->device, d->run_id) && count_of(t, r, RAW_COL_batch) >= 2) {
            n[m] = count_of(t, r, RAW_COL_n);
            k[m++] = count_of(t, r, RAW_COL_k);
        }
    if (n != NULL && k != NULL)
        pick_common_shape(n, k, m, &d->n, &d->k); /* out of memory: no batch chart */
    free(n);
    free(k);
}

static void add_point(batch_series *s, double batch, double time_us, double pred_us, double floor_us)
{
    size_t i = s->n;
    for (size_t j = 0; j < s->n; j++)
        if (s->batch[j] == batch)
            return; /* a repeated case: the first one stands */
    if (s->n == BATCH_MAX_POINTS)
        return;
    while (i > 0 && s->batch[i - 1] > batch) {
        s->batch[i] = s->batch[i - 1];
        s->time_us[i] = s->time_us[i - 1];
        s->pred_us[i] = s->pred_us[i - 1];
        s->floor_us[i] = s->floor_us[i - 1];
        i--;
    }
    s->batch[i] = batch;
    s->time_us[i] = time_us;
    s->pred_us[i] = pred_us;
    s->floor_us[i] = floor_us;
    s->n++;
}

static batch_series *series_for(batch_data *d, const char *kernel, const char *format)
{
    for (size_t i = 0; i < d->nseries; i++)
        if (strcmp(d->s[i].kernel, kernel) == 0 && strcmp(d->s[i].format, format) == 0)
            return &d->s[i];
    if (d->nseries == BATCH_MAX_SERIES)
        return NULL;
    /* Insert at its rank, keeping the series sorted. */
    size_t i = d->nseries++;
    while (i > 0 &&
           series_rank(d->s[i - 1].kernel, d->s[i - 1].format) > series_rank(kernel, format)) {
        d->s[i] = d->s[i - 1];
        i--;
    }
    memset(&d->s[i], 0, sizeof d->s[i]);
    d->s[i].kernel = kernel;
    d->s[i].format = format;
    return &d->s[i];
}

static void collect_batches(batch_data *d)
{
    for (size_t i = 0; i < d->nseries; i++)
        for (size_t j = 0; j < d->s[i].n; j++) {
            double b = d->s[i].batch[j];
            size_t p = 0;
            while (p < d->nbatches && d->batches[p] < b)
                p++;
            if ((p < d->nbatches && d->batches[p] == b) || d->nbatches == BATCH_MAX_POINTS)
                continue;
            memmove(&d->batches[p + 1], &d->batches[p], (d->nbatches - p) * sizeof d->batches[0]);
            d->batches[p] = b;
            d->nbatches++;
        }
}

const char *batch_series_name(const batch_series *s, char *buf, size_t size)
{
    if (strcmp(s->kernel, "gemv") == 0)
        snprintf(buf, size, "%s", s->format);
    else if (strcmp(s->kernel, "gemv_cublas") == 0)
        snprintf(buf, size, "cuBLAS %s", s->format);
    else
        snprintf(buf, size, "%s %s", s->kernel, s->format);
    return buf;
}

void batch_data_from_table(const csv_table *t, batch_data *d)
{
    memset(d, 0, sizeof *d);
    if (t->nrows == 0)
        return;
    d->device = csv_table_text(t, 0, RAW_COL_device);
    d->run_id = csv_table_text(t, 0, RAW_COL_run_id);
    pick_batch_shape(t, d);
    for (size_t r = 0; d->n > 0 && r < t->nrows; r++) {
        if (!of_run(t, r, d->device, d->run_id) || count_of(t, r, RAW_COL_n) != d->n ||
            count_of(t, r, RAW_COL_k) != d->k)
            continue;
        batch_series *s = series_for(d, csv_table_text(t, r, RAW_COL_kernel),
                                     csv_table_text(t, r, RAW_COL_format));
        if (s != NULL)
            add_point(s, (double)count_of(t, r, RAW_COL_batch), real_of(t, r, RAW_COL_time_us_median),
                      predicted_us(t, r), real_of(t, r, MODEL_COL_time_us_pred_measured_floor));
    }
    size_t kept = 0; /* a series with one batch size is no sweep */
    for (size_t i = 0; i < d->nseries; i++)
        if (d->s[i].n >= 2)
            d->s[kept++] = d->s[i];
    d->nseries = kept;
    if (kept == 0)
        d->device = NULL;
    collect_batches(d);
}

static void add_name(const char **list, size_t *n, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(list[i], name) == 0)
            return;
    list[(*n)++] = name;
}

int scatter_data_from_table(const csv_table *t, scatter_data *d, rl_error *err)
{
    memset(d, 0, sizeof *d);
    size_t n = t->nrows ? t->nrows : 1;
    d->p = calloc(n, sizeof *d->p);
    d->formats = calloc(n + WEIGHT_FORMAT_COUNT, sizeof *d->formats);
    d->kernels = calloc(n, sizeof *d->kernels);
    if (d->p == NULL || d->formats == NULL || d->kernels == NULL) {
        scatter_data_free(d);
        return rl_error_set(err, "out of memory preparing the predicted-against-measured chart");
    }
    int measured = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        scatter_point p = {predicted_us(t, r), real_of(t, r, RAW_COL_time_us_median),
                           real_of(t, r, MODEL_COL_time_us_pred_measured_floor),
                           csv_table_text(t, r, RAW_COL_kernel),
                           csv_table_text(t, r, RAW_COL_format),
                           !text_is(t, r, RAW_COL_check, "ok"),
                           real_of(t, r, MODEL_COL_time_us_pred_issue_roof)};
        if (!(p.pred_us > 0.0) || !(p.time_us > 0.0))
            continue;
        d->has_issue |= p.issue_us > 0.0;
        measured |= !isnan(real_of(t, r, MODEL_COL_time_us_pred_measured));
        d->has_floor |= p.floor_us > 0.0;
        add_name(d->formats, &d->nformats, p.format);
        add_name(d->kernels, &d->nkernels, p.kernel);
        d->p[d->n++] = p;
    }
    d->datasheet_only = !measured;
    sort_formats(d->formats, d->nformats);
    return 0;
}

void scatter_data_free(scatter_data *d)
{
    free(d->p);
    free(d->formats);
    free(d->kernels);
    memset(d, 0, sizeof *d);
}

/* The first row with flop and energy: whose device and run the chart is. */
static long first_energy_row(const csv_table *t)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (count_of(t, r, RAW_COL_flop) > 0 && real_of(t, r, RAW_COL_energy_uj) > 0.0 &&
            real_of(t, r, MODEL_COL_intensity_flop_per_byte) > 0.0)
            return (long)r;
    return -1;
}

/* The run's DRAM ceiling: the summary's measured one, else the model
 * CSV's measured, else its datasheet bandwidth. */
static double run_bandwidth(const csv_table *t, const csv_table *summary, const char *run)
{
    double bw = summary_value(summary, run, "ceiling", "bw_measured", "value");
    for (size_t r = 0; isnan(bw) && r < t->nrows; r++)
        if (text_is(t, r, RAW_COL_run_id, run))
            bw = real_of(t, r, MODEL_COL_bw_measured_gbs);
    for (size_t r = 0; isnan(bw) && r < t->nrows; r++)
        if (text_is(t, r, RAW_COL_run_id, run))
            bw = real_of(t, r, MODEL_COL_bw_datasheet_gbs);
    return bw;
}

/* One curve per unit the run's energy cases use and the fit has. */
static void fit_curves(const csv_table *t, const csv_table *summary, const char *run,
                       efficiency_data *d)
{
    energy_fit fit;
    if (summary == NULL || run == NULL || energy_fit_of_run(summary, run, &fit) != 0)
        return;
    d->bw_gbs = run_bandwidth(t, summary, run);
    if (!(d->bw_gbs > 0.0))
        return;
    d->fit_run = run;
    d->e_byte_pj = fit.e_byte_pj;
    d->p0_w = fit.p0_w;
    d->r_squared = fit.r_squared;
    for (size_t u = 0; u < fit.nunits && d->ncurves < EFF_MAX_CURVES; u++)
        for (size_t r = 0; r < t->nrows; r++) {
            double peak = real_of(t, r, MODEL_COL_peak_datasheet_gflops);
            if (!text_is(t, r, RAW_COL_run_id, run) ||
                !text_is(t, r, MODEL_COL_compute_unit, fit.unit[u]) ||
                !(real_of(t, r, RAW_COL_energy_uj) > 0.0) || !(peak > 0.0))
                continue;
            d->curve[d->ncurves++] = (efficiency_curve){fit.unit[u], fit.e_flop_pj[u], peak};
            break;
        }
}

int efficiency_data_from_table(const csv_table *t, const csv_table *summary, efficiency_data *d,
                               rl_error *err)
{
    memset(d, 0, sizeof *d);
    size_t n = t->nrows ? t->nrows : 1;
    d->p = calloc(n, sizeof *d->p);
    d->formats = calloc(n + WEIGHT_FORMAT_COUNT, sizeof *d->formats);
    d->kernels = calloc(n, sizeof *d->kernels);
    if (d->p == NULL || d->formats == NULL || d->kernels == NULL) {
        efficiency_data_free(d);
        return rl_error_set(err, "out of memory preparing the efficiency chart");
    }
    long first = first_energy_row(t);
    size_t pick = first >= 0 ? (size_t)first : 0;
    d->device = t->nrows ? csv_table_text(t, pick, RAW_COL_device) : NULL;
    d->run_id = t->nrows ? csv_table_text(t, pick, RAW_COL_run_id) : NULL;
    for (size_t r = 0; r < t->nrows; r++) {
        double flop = (double)count_of(t, r, RAW_COL_flop), e = real_of(t, r, RAW_COL_energy_uj);
        efficiency_point p = {real_of(t, r, MODEL_COL_intensity_flop_per_byte), flop / e / 1e3,
                              real_of(t, r, MODEL_COL_gflops_per_w_fit),
                              csv_table_text(t, r, RAW_COL_kernel),
                              csv_table_text(t, r, RAW_COL_format)};
        if (!(flop > 0.0) || !(e > 0.0) || !(p.intensity > 0.0) ||
            !of_run(t, r, d->device, d->run_id))
            continue;
        d->has_fit |= p.fit_gflops_per_w > 0.0;
        add_name(d->formats, &d->nformats, p.format);
        add_name(d->kernels, &d->nkernels, p.kernel);
        d->p[d->n++] = p;
    }
    sort_formats(d->formats, d->nformats);
    if (first >= 0)
        fit_curves(t, summary, csv_table_text(t, (size_t)first, RAW_COL_run_id), d);
    return 0;
}

double efficiency_curve_at(const efficiency_data *d, size_t i, double intensity)
{
    const efficiency_curve *c = &d->curve[i];
    /* pJ per byte: flop, bytes, and P0 for the roofline's time per byte. */
    double t_per_byte = fmax(1.0 / d->bw_gbs, intensity / c->peak_gflops);
    double pj = c->e_flop_pj * intensity + d->e_byte_pj + 1e3 * d->p0_w * t_per_byte;
    if (!(pj > 0.0) || !(intensity > 0.0))
        return NAN;
    return 1e3 * intensity / pj; /* flop per pJ is 1e3 GFLOP per J */
}

void efficiency_data_free(efficiency_data *d)
{
    free(d->p);
    free(d->formats);
    free(d->kernels);
    memset(d, 0, sizeof *d);
}
