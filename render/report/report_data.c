#include "report_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts/charts.h"
#include "doc/doc.h"
#include "report_tables.h"
#include "stats.h"
#include "workloads.h"

#include "git_commit.h"

/* Escaped distinct values of col, joined by ", ". */
static void distinct_list(const csv_table *t, int col, size_t *rows, sbuf *out)
{
    size_t n = pick_groups(t, &col, 1, NULL, t->nrows, rows);
    for (size_t i = 0; i < n; i++) {
        const char *s = csv_table_text(t, rows[i], col);
        if (i > 0)
            sbuf_puts(out, ", ");
        md_escape(out, s != NULL ? s : "–");
    }
}

/* Median |error| of col over rows, and the row with the largest |error|. */
static double median_abs_error(const csv_table *t, const size_t *rows, size_t n, int col,
                               size_t *worst, double *scratch)
{
    size_t m = 0;
    double worst_abs = -1.0;
    for (size_t i = 0; i < n; i++) {
        double e;
        if (csv_table_real(t, rows[i], col, &e) != 0)
            continue;
        scratch[m++] = fabs(e);
        if (fabs(e) > worst_abs) {
            worst_abs = fabs(e);
            *worst = rows[i];
        }
    }
    return stats_median(scratch, m);
}

/* How many of rows have |col| <= limit; *with gets how many have a value. */
static size_t count_within(const csv_table *t, const size_t *rows, size_t n, int col, double limit,
                           size_t *with)
{
    size_t k = 0;
    *with = 0;
    for (size_t i = 0; i < n; i++) {
        double e;
        if (csv_table_real(t, rows[i], col, &e) != 0)
            continue;
        ++*with;
        k += fabs(e) <= limit;
    }
    return k;
}

/* Cases whose rotated buffers span less than 4x L2 (DESIGN.md: a DRAM
 * measurement needs at least that much), where both are known; not the
 * L2-resident read, which sits in L2 on purpose (workloads.h). */
static size_t small_working_sets(const csv_table *t, const size_t *rows, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t ws, l2;
        if (!workload_is_l2(csv_table_text(t, rows[i], RAW_COL_kernel)) &&
            csv_table_count(t, rows[i], RAW_COL_working_set_bytes, &ws) == 0 &&
            csv_table_count(t, rows[i], RAW_COL_l2_bytes, &l2) == 0 && ws < 4 * l2)
            k++;
    }
    return k;
}

static void case_name(const csv_table *t, size_t r, sbuf *out)
{
    md_escape(out, csv_table_text(t, r, RAW_COL_kernel));
    sbuf_puts(out, " ");
    md_escape(out, csv_table_text(t, r, RAW_COL_format));
    sbuf_printf(out, " %s×%s, batch %s", csv_table_text(t, r, RAW_COL_n),
                csv_table_text(t, r, RAW_COL_k), csv_table_text(t, r, RAW_COL_batch));
}

/* One bullet: cases, checks, and how far each model was off. */
static void device_summary(const csv_table *t, const size_t *rows, size_t n, double *scratch,
                           sbuf *out)
{
    size_t wrong = 0, worst_ds = rows[0], worst_ms = rows[0];
    for (size_t i = 0; i < n; i++)
        wrong += strcmp(csv_table_text(t, rows[i], RAW_COL_check), "ok") != 0;
    sbuf_puts(out, "- **");
    md_escape(out, csv_table_text(t, rows[0], RAW_COL_device));
    sbuf_printf(out, "**: %zu cases, ", n);
    if (wrong == 0)
        sbuf_puts(out, "every output matched the CPU reference");
    else
        sbuf_printf(out, "**%zu with a wrong output** (their times mean nothing)", wrong);
    double med_ds = median_abs_error(t, rows, n, MODEL_COL_err_pct_datasheet, &worst_ds, scratch);
    double med_ms = median_abs_error(t, rows, n, MODEL_COL_err_pct_measured, &worst_ms, scratch);
    sbuf_printf(out, "; median |error| %.1f %% with datasheet ceilings", med_ds);
    int col = MODEL_COL_err_pct_datasheet;
    size_t worst = worst_ds;
    if (!isnan(med_ms)) {
        sbuf_printf(out, ", %.1f %% with measured ceilings; largest with measured ceilings: ", med_ms);
        col = MODEL_COL_err_pct_measured;
        worst = worst_ms;
    } else {
        sbuf_puts(out, " (no measured ceilings); largest: ");
    }
    case_name(t, worst, out);
    char e[32];
    sbuf_printf(out, " at %s %%", fmt_cell(t, worst, col, fmt_pct, e, sizeof e));
    size_t with = 0, within = count_within(t, rows, n, col, 10.0, &with);
    sbuf_printf(out, "; %zu of %zu within |error| ≤ 10 %%", within, with);
    size_t worst_fl = rows[0];
    double med_fl =
        median_abs_error(t, rows, n, MODEL_COL_err_pct_measured_floor, &worst_fl, scratch);
    if (!isnan(med_fl)) {
        within = count_within(t, rows, n, MODEL_COL_err_pct_measured_floor, 10.0, &with);
        sbuf_printf(out, ". With the run's launch floor added: median |error| %.1f %%, %zu of %zu "
                         "within 10 %%",
                    med_fl, within, with);
    }
    sbuf_puts(out, ".\n");
    size_t small = small_working_sets(t, rows, n);
    if (small > 0)
        sbuf_printf(out, "  - **%zu %s** rotated a working set under 4× its L2 cache: "
                         "%s may come from cache, not DRAM.\n",
                    small, small == 1 ? "case" : "cases", small == 1 ? "its time" : "their times");
}

static int summary(const csv_table *t, size_t *rows, sbuf *out)
{
    size_t *dev_rows = malloc(t->nrows * sizeof *dev_rows);
    double *scratch = malloc(t->nrows * sizeof *scratch);
    if (dev_rows == NULL || scratch == NULL) {
        free(dev_rows);
        free(scratch);
        return -1;
    }
    const int dev_key[] = {RAW_COL_device};
    size_t ndevices = pick_groups(t, dev_key, 1, NULL, t->nrows, rows);
    for (size_t d = 0; d < ndevices; d++) {
        size_t n = pick_matching(t, rows[d], dev_key, 1, NULL, t->nrows, dev_rows);
        device_summary(t, dev_rows, n, scratch, out);
    }
    size_t no_flop = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        uint64_t flop = 0;
        no_flop += csv_table_count(t, r, RAW_COL_flop, &flop) == 0 && flop == 0;
    }
    if (no_flop > 0)
        sbuf_printf(out, "- %zu %s with flop = 0 (bandwidth kernels) %s not on the roofline chart: "
                         "a log axis has no zero.\n",
                    no_flop, no_flop == 1 ? "case" : "cases", no_flop == 1 ? "is" : "are");
    free(dev_rows);
    free(scratch);
    return 0;
}

static void note_block(const char *note, sbuf *out)
{
    if (note == NULL || note[0] == '\0')
        return;
    sbuf_puts(out, "> **Note:** ");
    md_escape(out, note);
    sbuf_puts(out, "\n");
}

/* The header values: what was measured, where and when. */
static int fill_header(const csv_table *t, const char *source, const char *note, size_t *rows,
                       tmpl_vars *v, rl_error *err)
{
    sbuf b = {0};
    sbuf_puts(&b, "Roofline validation: ");
    distinct_list(t, RAW_COL_device, rows, &b);
    if (tmpl_vars_take(v, "title", &b, err) != 0)
        return -1;
    distinct_list(t, RAW_COL_device, rows, &b);
    if (tmpl_vars_take(v, "devices", &b, err) != 0)
        return -1;
    const int dev_key[] = {RAW_COL_device};
    sbuf_printf(&b, "%zu", pick_groups(t, dev_key, 1, NULL, t->nrows, rows));
    if (tmpl_vars_take(v, "device_count", &b, err) != 0)
        return -1;
    distinct_list(t, RAW_COL_run_id, rows, &b);
    if (tmpl_vars_take(v, "run_ids", &b, err) != 0)
        return -1;
    distinct_list(t, RAW_COL_timestamp_utc, rows, &b);
    if (tmpl_vars_take(v, "run_timestamps", &b, err) != 0)
        return -1;
    sbuf_printf(&b, "%zu", t->nrows);
    if (tmpl_vars_take(v, "row_count", &b, err) != 0)
        return -1;
    md_escape(&b, source);
    if (tmpl_vars_take(v, "source_csv", &b, err) != 0)
        return -1;
    note_block(note, &b);
    if (tmpl_vars_take(v, "note", &b, err) != 0)
        return -1;
    return tmpl_vars_set(v, "render_commit", GIT_COMMIT, err);
}

typedef void (*table_fn)(const csv_table *, size_t *, sbuf *);

/* The sections that quote a chart's numbers, each from that chart's data
 * in figs: built once per render, so a sentence and its chart cannot
 * disagree. */
static int fill_chart_sections(const render_tables *in, const figure_set *figs, tmpl_vars *v,
                               rl_error *err)
{
    enum { VERDICTS, ENERGY, BATCH, QUANT, DECODE, MEMORY, POWER_MODES, NSECTIONS };
    static const char *const key[NSECTIONS] = {
        [VERDICTS] = "verdicts",          [ENERGY] = "energy_section",
        [BATCH] = "batch_section",        [QUANT] = "quant_section",
        [DECODE] = "decode_section",      [MEMORY] = "memory_section",
        [POWER_MODES] = "power_modes_section",
    };
    sbuf b[NSECTIONS] = {{0}};
    report_verdicts(&figs->compare, &b[VERDICTS]);
    report_energy(in->model, &figs->compare, &b[ENERGY]);
    report_batch(&figs->batch, &b[BATCH]);
    report_quant(&figs->accuracy, &b[QUANT]);
    report_decode(&figs->decode, &b[DECODE]);
    report_memory(&figs->decode, &b[MEMORY]);
    report_power_modes(in->model, &figs->modes, &figs->decode, &b[POWER_MODES]);
    int rc = 0;
    for (int i = 0; i < NSECTIONS; i++) {
        if (rc == 0)
            rc = tmpl_vars_take(v, key[i], &b[i], err); /* frees b[i] */
        else
            sbuf_free(&b[i]);
    }
    return rc;
}

/* The sections built on every table render read (inputs.h). */
static int fill_sections(const render_tables *in, tmpl_vars *v, rl_error *err)
{
    static const struct {
        const char *key;
        void (*fn)(const render_tables *, sbuf *);
    } sections[] = {
        {"energy_fit_section", report_energy_fit},
        {"throttle_section", report_throttle},
        {"hypotheses", report_hypotheses},
    };
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        sbuf b = {0};
        sections[i].fn(in, &b);
        if (tmpl_vars_take(v, sections[i].key, &b, err) != 0)
            return -1;
    }
    return 0;
}

static int fill_tables(const csv_table *t, size_t *rows, tmpl_vars *v, rl_error *err)
{
    static const struct {
        const char *key;
        table_fn fn;
    } tables[] = {
        {"runs_table", report_runs_table},         {"software_table", report_software_table},
        {"ceilings_table", report_ceilings_table}, {"compute_table", report_compute_table},
        {"formats_table", report_formats_table},   {"validation_tables", report_validation_tables},
        {"clocks_table", report_clocks_table},     {"data_appendix", report_data_appendix},
        {"floor_note", report_floor_note},
    };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        sbuf b = {0};
        tables[i].fn(t, rows, &b);
        if (tmpl_vars_take(v, tables[i].key, &b, err) != 0)
            return -1;
    }
    sbuf b = {0};
    if (summary(t, rows, &b) != 0)
        b.failed = 1;
    return tmpl_vars_take(v, "summary", &b, err);
}

int report_data_fill(const render_tables *in, const figure_set *figs, const char *source,
                     const char *note, tmpl_vars *vars, rl_error *err)
{
    const csv_table *t = in->model;
    if (t->nrows == 0)
        return rl_error_set(err, "no data rows, nothing to report (%s:1)", t->path);
    size_t *rows = malloc(t->nrows * sizeof *rows);
    if (rows == NULL)
        return rl_error_set(err, "out of memory reading %s", t->path);
    int rc = fill_header(t, source, note, rows, vars, err);
    if (rc == 0)
        rc = fill_tables(t, rows, vars, err);
    if (rc == 0)
        rc = fill_chart_sections(in, figs, vars, err);
    if (rc == 0)
        rc = fill_sections(in, vars, err);
    free(rows);
    return rc;
}
