/* The report's sections built on figure_data.h: the verdicts of the
 * summary, the power and energy section, the batch sweep; and the clocks
 * table and the data appendix (see report_tables.h). The numbers are the
 * charts' own picks, built once by figure_set_build, so a sentence never
 * contradicts the figure above it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts/charts.h"
#include "doc/doc.h"
#include "formats.h"
#include "report_tables.h"
#include "str_index.h"

#define NCOLS(a) (sizeof(a) / sizeof(a)[0])

/* The verdict thresholds, stated in the report beside the table. */
#define VERDICT_CLOSE 0.90 /* of the ideal speedup */
#define VERDICT_SHORT 0.75
#define BW_BOUND 0.80 /* of the measured stream bandwidth */

static void shape_text(uint64_t n, uint64_t k, char *buf, size_t size)
{
    snprintf(buf, size, "%llu×%llu", (unsigned long long)n, (unsigned long long)k);
}

static const char *pct_cell(double v, char *buf, size_t size)
{
    if (isnan(v))
        return NULL;
    snprintf(buf, size, "%.0f %%", 100.0 * v);
    return buf;
}

static const char *verdict(double of_ideal, double bw_fraction)
{
    if (isnan(of_ideal))
        return NULL;
    if (of_ideal >= VERDICT_CLOSE)
        return "close to ideal";
    const char *s = of_ideal >= VERDICT_SHORT ? "short of ideal" : "far short of ideal";
    if (!isnan(bw_fraction) && bw_fraction < BW_BOUND)
        return of_ideal >= VERDICT_SHORT ? "short of ideal: not bandwidth-bound"
                                         : "far short of ideal: not bandwidth-bound";
    return s;
}

static void verdict_row(const compare_data *d, size_t c, size_t s, sbuf *out)
{
    const cmp_category *k = &d->cat[c];
    const weight_format *f = weight_format_find(k->format);
    char bits[32], ideal[32], pred[32], meas[32], of[32], bw[32];
    double v = compare_speedup(d, c, s), of_ideal = isnan(k->ideal) ? NAN : v / k->ideal;
    const cmp_case *x = &d->cell[c][s];
    if (f != NULL && strcmp(k->kernel, "gemv") == 0)
        snprintf(bits, sizeof bits, "%.4g", weight_format_bits_per_weight(f));
    const char *cells[] = {
        k->label,
        f != NULL && strcmp(k->kernel, "gemv") == 0 ? bits : NULL,
        times_cell(k->ideal, ideal, sizeof ideal),
        times_cell(compare_pred_speedup(d, c, s), pred, sizeof pred),
        times_cell(v, meas, sizeof meas),
        pct_cell(of_ideal, of, sizeof of),
        pct_cell(x->bw_fraction, bw, sizeof bw),
        strcmp(k->kernel, "gemv") != 0
            ? (v < 1.0 ? "the baseline is faster" : "faster than the baseline")
            : verdict(of_ideal, x->bw_fraction),
    };
    md_table_row_strong(out, NCOLS(cells), cells, MD_STRONG(NCOLS(cells) - 1)); /* the verdict */
}

/* The fastest case: the category with the largest measured speedup. */
static size_t fastest(const compare_data *d, size_t s)
{
    size_t best = d->base;
    for (size_t c = 0; c < d->ncats; c++)
        if (compare_speedup(d, c, s) > compare_speedup(d, best, s))
            best = c;
    return best;
}

/* The fastest format's cost in accuracy (accuracy_data.h), after its
 * speedup, so the report never calls a format fastest without it. */
static void fastest_accuracy(const accuracy_data *a, const char *format, sbuf *out)
{
    for (size_t i = 0; i < a->nformats; i++)
        if (strcmp(a->f[i].format, format) == 0 && !isnan(a->f[i].err_gaussian)) {
            sbuf_printf(out, " It pays in accuracy: its weights move a GEMV's output by %.0f %% on Gaussian "
                             "weights and %.0f %% with outliers (Quantization accuracy).",
                        100.0 * a->f[i].err_gaussian, 100.0 * a->f[i].err_outliers);
            return;
        }
}

void report_verdicts(const compare_data *d, const accuracy_data *a, sbuf *out)
{
    static const char *const head[] = {
        "format",   "bits per weight", "ideal (16 / bits)", "bytes-only roofline",
        "measured", "of ideal",        "of stream BW",      "verdict"};
    static const md_align align[] = {MD_LEFT,  MD_RIGHT, MD_RIGHT, MD_RIGHT,
                                     MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_LEFT};
    if (d->device == NULL || d->nshapes == 0) {
        sbuf_puts(out, "No batch-1 fp16 `gemv` at a square shape was measured, so there is no "
                       "baseline to judge the narrower formats against.\n");
        return;
    }
    size_t s = d->nshapes - 1;
    const cmp_case *b = &d->cell[d->base][s];
    char shape[64], tb[32];
    shape_text(d->n[s], d->k[s], shape, sizeof shape);
    fmt_sig3(tb, sizeof tb, b->time_us);
    sbuf_printf(out, "**Every format at %s, batch 1** (run ", shape);
    md_escape(out, report_text(d->run_id));
    sbuf_puts(out, " on ");
    md_escape(out, report_text(d->device));
    sbuf_printf(out, "). Speedups are over our fp16 GEMV, which took %s µs", tb);
    if (!isnan(b->bw_fraction))
        sbuf_printf(out, " and moved its bytes at %.1f %% of the measured stream bandwidth",
                    100.0 * b->bw_fraction);
    sbuf_printf(out,
                ". A format is *close to ideal* at ≥ %.0f %% of its ideal speedup, *short* at "
                "≥ %.0f %%, *far short* below; *not bandwidth-bound* when it moved its bytes "
                "at under %.0f %% of the stream bandwidth, so something other than DRAM "
                "limits it.\n\n",
                100.0 * VERDICT_CLOSE, 100.0 * VERDICT_SHORT, 100.0 * BW_BOUND);
    md_table_header(out, NCOLS(head), head, align);
    for (size_t c = 0; c < d->ncats; c++)
        if (!d->cat[c].is_baseline && d->cell[c][s].have)
            verdict_row(d, c, s, out);
    size_t best = fastest(d, s);
    if (best != d->base) {
        char v[32];
        snprintf(v, sizeof v, "%.2f×", compare_speedup(d, best, s));
        sbuf_puts(out, "\nThe fastest format here is ");
        md_escape(out, d->cat[best].label);
        sbuf_printf(out, ", at %s over fp16 against an ideal of %.2f×.", v, d->cat[best].ideal);
        fastest_accuracy(a, d->cat[best].format, out);
        sbuf_puts(out, "\n");
    }
}

static void energy_row(const compare_data *d, size_t c, size_t s, sbuf *out)
{
    const cmp_case *x = &d->cell[c][s], *b = &d->cell[d->base][s];
    char t[32], e[32], p[32], g[32], pj[32], rel[32];
    double pj_per_byte = x->bytes > 0.0 ? x->energy_uj * 1e6 / x->bytes : NAN;
    const char *cells[] = {
        d->cat[c].label,
        sig3_cell(x->time_us, t, sizeof t),
        sig3_cell(x->energy_uj, e, sizeof e),
        sig3_cell(x->power_w, p, sizeof p),
        sig3_cell(cmp_case_gflops_per_w(x), g, sizeof g),
        sig3_cell(pj_per_byte, pj, sizeof pj),
        times_cell(b->have ? x->energy_uj / b->energy_uj : NAN, rel, sizeof rel),
    };
    md_table_row(out, NCOLS(cells), cells);
}

/* The read stream's energy per byte: what moving DRAM data costs alone. */
static void stream_energy(const csv_table *t, const char *device, sbuf *out)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const char *k = csv_table_text(t, r, RAW_COL_kernel);
        double e, w;
        uint64_t bytes;
        if (strcmp(csv_table_text(t, r, RAW_COL_device), device) != 0 ||
            strcmp(k, "stream_read") != 0 || csv_table_real(t, r, RAW_COL_energy_uj, &e) != 0 ||
            csv_table_count(t, r, RAW_COL_bytes, &bytes) != 0 || bytes == 0)
            continue;
        char pj[32], pw[32] = "–";
        fmt_sig3(pj, sizeof pj, e * 1e6 / (double)bytes);
        if (csv_table_real(t, r, RAW_COL_power_w_avg, &w) == 0)
            fmt_sig3(pw, sizeof pw, w);
        sbuf_printf(out,
                    "\nFor comparison, the read stream spent %s pJ per byte at %s W: the cost "
                    "of moving DRAM data with nothing else to do.\n",
                    pj, pw);
        return;
    }
}

void report_energy(const csv_table *t, const compare_data *d, sbuf *out)
{
    static const char *const head[] = {"format",        "median µs",   "µJ per call",   "average W",
                                       "GFLOP/s per W", "pJ per byte", "energy vs fp16"};
    static const md_align align[] = {MD_LEFT,  MD_RIGHT, MD_RIGHT, MD_RIGHT,
                                     MD_RIGHT, MD_RIGHT, MD_RIGHT};
    size_t s = d->nshapes ? d->nshapes - 1 : 0;
    if (d->device == NULL || isnan(d->cell[d->base][s].energy_uj)) {
        sbuf_puts(out, "No energy was measured for the fp16 baseline (no power sensor, or "
                       "`power_source` none), so there is nothing to compare.\n");
        return;
    }
    char shape[64];
    shape_text(d->n[s], d->k[s], shape, sizeof shape);
    const char *src = csv_table_text(t, d->cell[d->base][s].row, RAW_COL_power_source);
    sbuf_printf(out, "At %s, batch 1, run ", shape);
    md_escape(out, report_text(d->run_id));
    sbuf_puts(out, " on ");
    md_escape(out, report_text(d->device));
    sbuf_puts(out, " (power source: ");
    md_escape(out, src != NULL ? src : "unknown");
    sbuf_puts(out, "). *pJ per byte* is the energy per call over the bytes the call must move; "
                   "*GFLOP/s per W* equals GFLOP per joule.\n\n");
    md_table_header(out, NCOLS(head), head, align);
    size_t least = d->base;
    for (size_t c = 0; c < d->ncats; c++)
        if (d->cell[c][s].have) {
            energy_row(d, c, s, out);
            if (d->cell[c][s].energy_uj < d->cell[least][s].energy_uj)
                least = c;
        }
    const cmp_case *lo = &d->cell[least][s], *b = &d->cell[d->base][s];
    if (least != d->base) {
        char e[32], pw[32], pb[32];
        fmt_sig3(e, sizeof e, lo->energy_uj);
        fmt_sig3(pw, sizeof pw, lo->power_w);
        fmt_sig3(pb, sizeof pb, b->power_w);
        sbuf_puts(out, "\nThe least energy per call: ");
        md_escape(out, d->cat[least].label);
        sbuf_printf(out,
                    ", %s µJ, %.2f× the energy of fp16, drawing %s W on average against "
                    "fp16's %s W: a shorter call at %s power.\n",
                    e, lo->energy_uj / b->energy_uj, pw, pb,
                    lo->power_w > b->power_w ? "higher" : "lower");
    }
    stream_energy(t, d->device, out);
}

/* The measured time of series s at batch b, or NAN. */
static double time_at(const batch_series *s, double b)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->batch[i] == b)
            return s->time_us[i];
    return NAN;
}

static void batch_sentence(const batch_data *d, sbuf *out)
{
    const batch_series *cublas = NULL, *ours = NULL;
    for (size_t i = 0; i < d->nseries; i++) {
        if (strcmp(d->s[i].format, "fp16") != 0)
            continue;
        if (strcmp(d->s[i].kernel, "gemv_cublas") == 0)
            cublas = &d->s[i];
        else if (strcmp(d->s[i].kernel, "gemv") == 0)
            ours = &d->s[i];
    }
    if (cublas == NULL || ours == NULL)
        return;
    /* The largest batch both were measured at (a GEMM may go further). */
    double bmax = NAN;
    for (size_t j = d->nbatches; j-- > 0 && isnan(bmax);)
        if (!isnan(time_at(cublas, d->batches[j])) && !isnan(time_at(ours, d->batches[j])))
            bmax = d->batches[j];
    if (isnan(bmax))
        return;
    double tc = time_at(cublas, bmax), to = time_at(ours, bmax);
    char a[32], b[32];
    fmt_sig3(a, sizeof a, tc);
    fmt_sig3(b, sizeof b, to);
    sbuf_printf(out, "\nAt batch %g, cuBLAS fp16 took %s µs and our fp16 kernel %s µs (%.1f× %s). ",
                bmax, a, b, to > tc ? to / tc : tc / to, to > tc ? "slower" : "faster");
    size_t beat = 0;
    for (size_t i = 0; i < d->nseries; i++)
        beat += strcmp(d->s[i].kernel, "gemv") == 0 && time_at(&d->s[i], bmax) < tc;
    sbuf_printf(out, "%zu of our formats %s faster than cuBLAS fp16 there.", beat,
                beat == 1 ? "is" : "are");
    double b0 = ours->batch[0], p0 = ours->pred_us[0], p1 = NAN;
    for (size_t j = 0; j < ours->n; j++)
        if (ours->batch[j] == bmax)
            p1 = ours->pred_us[j];
    double grew = to / ours->time_us[0];
    if (!isnan(p0) && !isnan(p1) && p0 > 0.0) {
        char q0[32], q1[32];
        fmt_sig3(q0, sizeof q0, p0);
        fmt_sig3(q1, sizeof q1, p1);
        sbuf_printf(out,
                    " For our fp16 kernel the roofline predicts %s µs at batch %g and %s µs at "
                    "batch %g; the measured time grew %.1f×",
                    q0, b0, q1, bmax, grew);
        /* Bytes barely grow with the batch: a time that does grows with work. */
        if (p1 / p0 < 1.2 && grew > 2.0)
            sbuf_puts(out, ", so the work per activation column, not DRAM traffic, sets its time "
                           "at large batches");
        sbuf_puts(out, ".");
    }
    sbuf_puts(out, "\n");
}

void report_batch(const batch_data *d, sbuf *out)
{
    if (d->device == NULL) {
        sbuf_puts(out, "No shape was measured at two or more batch sizes.\n");
        return;
    }
    const char *head[2 + BATCH_MAX_POINTS];
    md_align align[2 + BATCH_MAX_POINTS];
    char names[BATCH_MAX_POINTS][32];
    head[0] = "kernel and format";
    align[0] = MD_LEFT;
    for (size_t j = 0; j < d->nbatches; j++) {
        snprintf(names[j], sizeof names[j], "batch %g, µs", d->batches[j]);
        head[1 + j] = names[j];
        align[1 + j] = MD_RIGHT;
    }
    char shape[64];
    shape_text(d->n, d->k, shape, sizeof shape);
    sbuf_printf(out, "Median time per call at %s, run ", shape);
    md_escape(out, report_text(d->run_id));
    sbuf_puts(out, " on ");
    md_escape(out, report_text(d->device));
    sbuf_puts(out, ", by the number of activation columns (batch 1 is a GEMV).\n\n");
    md_table_header(out, 1 + d->nbatches, head, align);
    for (size_t i = 0; i < d->nseries; i++) {
        const char *cells[1 + BATCH_MAX_POINTS];
        char label[96], v[BATCH_MAX_POINTS][32];
        cells[0] = batch_series_name(&d->s[i], label, sizeof label);
        for (size_t j = 0; j < d->nbatches; j++)
            cells[1 + j] = sig3_cell(time_at(&d->s[i], d->batches[j]), v[j], sizeof v[j]);
        md_table_row(out, 1 + d->nbatches, cells);
    }
    batch_sentence(d, out);
}

/* "1965–1980", or one value when all agree; NULL when none is known. */
static const char *range_cell(const csv_table *t, const size_t *rows, size_t n, int col, char *buf,
                              size_t size)
{
    double lo = INFINITY, hi = -INFINITY, v;
    for (size_t i = 0; i < n; i++)
        if (csv_table_real(t, rows[i], col, &v) == 0) {
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
    if (!isfinite(lo))
        return NULL;
    char a[32], b[32];
    fmt_sig3(a, sizeof a, lo);
    fmt_sig3(b, sizeof b, hi);
    if (strcmp(a, b) == 0)
        snprintf(buf, size, "%s", a);
    else
        snprintf(buf, size, "%s–%s", a, b);
    return buf;
}

void report_clocks_table(const csv_table *t, size_t *rows, sbuf *out)
{
    static const char *const head[] = {"run", "SM clock MHz", "memory clock MHz", "power source",
                                       "average W per case"};
    static const md_align align[] = {MD_LEFT, MD_RIGHT, MD_RIGHT, MD_LEFT, MD_RIGHT};
    size_t *run_rows = malloc((t->nrows + 1) * sizeof *run_rows);
    if (run_rows == NULL) {
        out->failed = 1;
        return;
    }
    const int key[] = {RAW_COL_run_id};
    pick_part runs; /* each run's rows, in one pass */
    if (pick_partition(t, key, 1, NULL, t->nrows, &runs) != 0) {
        free(run_rows);
        out->failed = 1;
        return;
    }
    size_t n = runs.n;
    for (size_t g = 0; g < n; g++) { /* run_rows[rep]: its group */
        rows[g] = runs.rep[g];
        run_rows[runs.rep[g]] = g;
    }
    pick_order_by_device(t, rows, n);
    md_table_header(out, NCOLS(head), head, align);
    for (size_t i = 0; i < n; i++) {
        size_t g = run_rows[rows[i]], m = runs.start[g + 1] - runs.start[g];
        const size_t *members = runs.member + runs.start[g];
        char sm[80], mem[80], w[80];
        const char *cells[] = {
            csv_table_text(t, rows[i], RAW_COL_run_id),
            range_cell(t, members, m, RAW_COL_sm_clock_mhz, sm, sizeof sm),
            range_cell(t, members, m, RAW_COL_mem_clock_mhz, mem, sizeof mem),
            csv_table_text(t, rows[i], RAW_COL_power_source),
            range_cell(t, members, m, RAW_COL_power_w_avg, w, sizeof w),
        };
        md_table_row(out, NCOLS(cells), cells);
    }
    pick_part_free(&runs);
    free(run_rows);
}

static const char *scaled_cell(const csv_table *t, size_t r, int col, double scale, char *buf,
                               size_t size)
{
    uint64_t v;
    if (csv_table_count(t, r, col, &v) != 0)
        return NULL;
    fmt_sig3(buf, size, (double)v / scale);
    return buf;
}

/* One case: its measurement beside both predictions, the one table that
 * lists every case (the validation section sums it up by format). */
static void appendix_row(const csv_table *t, size_t r, int floor, sbuf *out)
{
    char mb[32], med[32], p90[32], e[32], pm[32], em[32], pf[32], ef[32];
    const char *cells[14];
    size_t n = 0;
    cells[n++] = csv_table_text(t, r, RAW_COL_kernel);
    cells[n++] = csv_table_text(t, r, RAW_COL_format);
    cells[n++] = csv_table_text(t, r, RAW_COL_n);
    cells[n++] = csv_table_text(t, r, RAW_COL_k);
    cells[n++] = csv_table_text(t, r, RAW_COL_batch);
    cells[n++] = scaled_cell(t, r, RAW_COL_bytes, 1e6, mb, sizeof mb);
    cells[n++] = fmt_cell(t, r, RAW_COL_time_us_median, fmt_sig3, med, sizeof med);
    cells[n++] = fmt_cell(t, r, RAW_COL_time_us_p90, fmt_sig3, p90, sizeof p90);
    cells[n++] = fmt_cell(t, r, RAW_COL_energy_uj, fmt_sig3, e, sizeof e);
    cells[n++] = fmt_cell(t, r, MODEL_COL_time_us_pred_measured, fmt_sig3, pm, sizeof pm);
    cells[n++] = fmt_cell(t, r, MODEL_COL_err_pct_measured, fmt_pct, em, sizeof em);
    if (floor) {
        cells[n++] = fmt_cell(t, r, MODEL_COL_time_us_pred_measured_floor, fmt_sig3, pf, sizeof pf);
        cells[n++] = fmt_cell(t, r, MODEL_COL_err_pct_measured_floor, fmt_pct, ef, sizeof ef);
    }
    cells[n++] = csv_table_text(t, r, RAW_COL_check);
    md_table_row(out, n, cells);
}

static int same_text(const char *a, const char *b)
{
    return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* For each row, whether its device has several runs: each device's first
 * run and whether another follows, in one pass (a scan of every row for
 * each table of the appendix was quadratic in the runs). NULL: out of
 * memory. */
static unsigned char *devices_with_runs(const csv_table *t)
{
    str_index ix;
    str_index_init(&ix, 1);
    size_t *dev = malloc((t->nrows + 1) * sizeof *dev);
    const char **first = malloc((t->nrows + 1) * sizeof *first);
    unsigned char *several = calloc(t->nrows + 1, 1), *out = calloc(t->nrows + 1, 1);
    int ok = dev != NULL && first != NULL && several != NULL && out != NULL;
    for (size_t r = 0; ok && r < t->nrows; r++) {
        const char *d = csv_table_text(t, r, RAW_COL_device), *id = csv_table_text(t, r, RAW_COL_run_id);
        size_t before = ix.count;
        dev[r] = str_index_put(&ix, &d);
        if (dev[r] == STR_INDEX_NONE)
            ok = 0;
        else if (ix.count > before)
            first[dev[r]] = id;
        else if (!same_text(first[dev[r]], id))
            several[dev[r]] = 1;
    }
    for (size_t r = 0; ok && r < t->nrows; r++)
        out[r] = several[dev[r]];
    str_index_free(&ix);
    free(dev);
    free(first);
    free(several);
    if (!ok) {
        free(out);
        return NULL;
    }
    return out;
}

void report_data_appendix(const csv_table *t, size_t *rows, sbuf *out)
{
    static const char *const head[] = {"kernel",         "format",    "n",           "k",
                                       "batch",          "MB",        "median µs",   "p90 µs",
                                       "µJ per call",    "bytes-only roofline µs", "error %",
                                       "roofline + launch floor µs", "error %",     "check"};
    static const md_align align[] = {MD_LEFT,  MD_LEFT,  MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT,
                                     MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_LEFT};
    _Static_assert(NCOLS(head) == NCOLS(align), "one alignment per column");
    int floor = report_has_floor(t);
    const char *h[NCOLS(head)];
    md_align a[NCOLS(head)];
    size_t nc = 0;
    for (size_t c = 0; c < NCOLS(head); c++)
        if (floor || (c != 11 && c != 12)) {
            h[nc] = head[c];
            a[nc++] = align[c];
        }
    unsigned char *several = devices_with_runs(t);
    if (several == NULL) {
        out->failed = 1;
        return;
    }
    for (size_t i = 0; i < t->nrows; i++)
        rows[i] = i;
    pick_order_by_device(t, rows, t->nrows);
    size_t listed = t->nrows < REPORT_APPENDIX_MAX_ROWS ? t->nrows : REPORT_APPENDIX_MAX_ROWS;
    const char *device = NULL, *run = NULL;
    for (size_t i = 0; i < listed; i++) {
        const char *dev = csv_table_text(t, rows[i], RAW_COL_device);
        const char *id = csv_table_text(t, rows[i], RAW_COL_run_id);
        if (device == NULL || strcmp(dev, device) != 0 || !same_text(id, run)) {
            if (device != NULL)
                sbuf_puts(out, "\n");
            sbuf_puts(out, "### Every case: ");
            md_escape(out, dev);
            if (several[rows[i]]) { /* one table per run, named */
                sbuf_puts(out, ", run ");
                md_escape(out, report_text(id));
            }
            sbuf_puts(out, "\n\n");
            md_table_header(out, nc, h, a);
            device = dev;
            run = id;
        }
        appendix_row(t, rows[i], floor, out);
    }
    if (listed < t->nrows)
        sbuf_printf(out, "\nThe appendix stops here, at %zu of the %zu cases (REPORT_APPENDIX_MAX_ROWS in "
                         "render/report/report_tables.h): a longer one would be thousands of pages. The other "
                         "%zu are in `model.csv`, and every chart and statistic above reads all %zu.\n",
                    listed, t->nrows, t->nrows - listed, t->nrows);
    free(several);
}

void report_floor_note(const csv_table *t, size_t *rows, sbuf *out)
{
    if (!report_has_floor(t)) {
        sbuf_puts(out, "- **Limits.** The roofline has no launch or latency term, so calls of a "
                       "few µs show large negative errors; none is added here. The model says "
                       "nothing about caches other than DRAM or clocks that throttle during a "
                       "run.\n");
        return;
    }
    sbuf_puts(out, "- **Launch floor.** The roofline alone has no launch or latency term, so calls "
                   "of a few µs come out far faster than measured. `model` fits one fixed cost "
                   "per call for each run (");
    const int key[] = {RAW_COL_run_id};
    size_t n = pick_groups(t, key, 1, NULL, t->nrows, rows);
    for (size_t i = 0; i < n; i++) {
        char v[32];
        if (i > 0)
            sbuf_puts(out, "; ");
        if (fmt_cell(t, rows[i], MODEL_COL_launch_floor_us, fmt_sig3, v, sizeof v) != NULL)
            sbuf_printf(out, "%s µs", v);
        else
            sbuf_puts(out, "none");
        sbuf_puts(out, " for ");
        md_escape(out, csv_table_text(t, rows[i], RAW_COL_run_id));
    }
    sbuf_puts(out, "): the weighted median of measured minus predicted time over the run's "
                   "memory-bound cases, fitted on the cases it is then judged on, so `model -s` "
                   "also scores it on shapes left out of its fit (Validation). It is a separate, "
                   "named term: every *roofline + launch floor* prediction adds it (the columns of "
                   "the table of every case, the prediction and batch charts; a decode step pays a "
                   "cost per launch instead), the *bytes-only roofline* does not. The model says "
                   "nothing about caches other than DRAM; a clock held down is accounted for only "
                   "where the Ceilings section computes it.\n");
}
