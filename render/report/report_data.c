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

/* Cases whose rotated buffers span less than 4x L2 (DESIGN.md: a DRAM
 * measurement needs at least that much), where both are known; not the
 * L2-resident read, which sits in L2 on purpose (workloads.h). */
static size_t small_working_sets(const csv_table *t)
{
    size_t k = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        uint64_t ws, l2;
        if (!workload_is_l2(csv_table_text(t, r, RAW_COL_kernel)) &&
            csv_table_count(t, r, RAW_COL_working_set_bytes, &ws) == 0 &&
            csv_table_count(t, r, RAW_COL_l2_bytes, &l2) == 0 && ws < 4 * l2)
            k++;
    }
    return k;
}

static size_t count_yes(const csv_table *t, int col)
{
    size_t k = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *v = csv_table_text(t, r, col);
        k += v != NULL && strcmp(v, "yes") == 0;
    }
    return k;
}

/* Which run the efficiency chart shows (its picks are one run's). */
static void efficiency_note(const efficiency_data *e, sbuf *out)
{
    if (e->device == NULL || e->n == 0)
        return;
    sbuf_puts(out, "The chart below shows run ");
    md_escape(out, report_text(e->run_id));
    sbuf_puts(out, " on ");
    md_escape(out, e->device);
    sbuf_puts(out, ", the first run with an energy measurement.\n");
}

/* What a reader should know before quoting page 1: each a bullet. */
static void caveats(const csv_table *t, const story_data *d, sbuf *out)
{
    size_t wrong = 0, no_flop = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        uint64_t flop = 0;
        wrong += strcmp(csv_table_text(t, r, RAW_COL_check), "ok") != 0;
        no_flop += csv_table_count(t, r, RAW_COL_flop, &flop) == 0 && flop == 0;
    }
    sbuf_puts(out, "**Caveats.**\n\n");
    if (wrong > 0)
        sbuf_printf(out, "- **%zu %s a wrong output**: %s nothing and %s left out of every "
                         "statistic.\n",
                    wrong, wrong == 1 ? "case had" : "cases had", wrong == 1 ? "its time means" : "their times mean",
                    wrong == 1 ? "is" : "are");
    size_t small = small_working_sets(t), held = count_yes(t, RAW_COL_throttled);
    if (small > 0)
        sbuf_printf(out, "- %zu %s a working set under 4× its L2 cache: %s may come from cache, not "
                         "DRAM, and model leaves %s out of its error statistics.\n",
                    small, small == 1 ? "case rotated" : "cases rotated", small == 1 ? "its time" : "their times",
                    small == 1 ? "it" : "them");
    if (held > 0)
        sbuf_printf(out, "- %zu %s with %s clocks held down by the board (Ceilings, *Clocks held down*): the "
                         "clock explains a case's error only where the table there says so.\n",
                    held, held == 1 ? "case ran" : "cases ran", held == 1 ? "its" : "their");
    for (size_t i = 0; i < d->nruns; i++)
        if (!isnan(d->runs[i].floor_us) && isnan(d->runs[i].err.oos_median)) {
            sbuf_puts(out, "- The launch floor is fitted on the cases it is judged on, and without model's "
                           "summary CSV it is not scored on shapes left out of its fit here.\n");
            break;
        }
    sbuf_puts(out, "- Quantization errors come from synthetic 1024 × 4096 weight matrices, not a real "
                   "model's weights: they say how far one GEMV's output moves, not how an LLM's answers "
                   "change.\n");
    sbuf_puts(out, "- Decode rows without a run of their device, the Jetson boards' among them, are "
                   "predictions from spec files, not measurements.\n");
    if (no_flop > 0)
        sbuf_printf(out, "- %zu %s with flop = 0 (bandwidth kernels) %s not on the roofline chart: a log axis "
                         "has no zero.\n",
                    no_flop, no_flop == 1 ? "case" : "cases", no_flop == 1 ? "is" : "are");
    if (d->runs_left_out > 0)
        sbuf_printf(out, "- %zu more runs are past the %d the report reads run by run.\n", d->runs_left_out,
                    STORY_MAX_RUNS);
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
    enum { VERDICTS, ENERGY, BATCH, QUANT, DECODE, MEMORY, POWER_MODES, ABSTRACT, CHECKLIST, CLAIMS,
           CRITERION, LARGE, CAVEATS, COMPARISON, STEPS, EFFICIENCY, FLEET, NSECTIONS };
    static const char *const key[NSECTIONS] = {
        [VERDICTS] = "verdicts",          [ENERGY] = "energy_section",
        [BATCH] = "batch_section",        [QUANT] = "quant_section",
        [DECODE] = "decode_section",      [MEMORY] = "memory_section",
        [POWER_MODES] = "power_modes_section", [ABSTRACT] = "abstract",
        [CHECKLIST] = "checklist",        [CLAIMS] = "claims_by_class",
        [CRITERION] = "error_criterion",  [LARGE] = "large_errors",
        [CAVEATS] = "caveats",            [COMPARISON] = "comparison",
        [STEPS] = "decode_step_section",  [EFFICIENCY] = "efficiency_note",
        [FLEET] = "fleet_section",
    };
    sbuf b[NSECTIONS] = {{0}};
    report_abstract(figs, &b[ABSTRACT]);
    report_checklist(figs, &b[CHECKLIST]);
    report_claims_by_class(&figs->story, &b[CLAIMS]);
    report_error_criterion(&figs->story, &b[CRITERION]);
    report_large_errors(in->model, &figs->story, &b[LARGE]);
    caveats(in->model, &figs->story, &b[CAVEATS]);
    report_comparison(in->model, figs, &b[COMPARISON]);
    report_decode_steps(&figs->steps, &b[STEPS]);
    efficiency_note(&figs->efficiency, &b[EFFICIENCY]);
    report_verdicts(&figs->compare, &figs->accuracy, &b[VERDICTS]);
    report_energy(in->model, &figs->compare, &b[ENERGY]);
    report_batch(&figs->batch, &b[BATCH]);
    report_quant(&figs->accuracy, &b[QUANT]);
    report_decode(&figs->decode, &b[DECODE]);
    report_memory(&figs->decode, &b[MEMORY]);
    report_power_modes(in->model, &figs->modes, &figs->decode, &b[POWER_MODES]);
    report_fleet(&figs->fleet, &b[FLEET]);
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
        {"error_stats", report_error_stats},
        {"mode_predictions_section", report_mode_predictions},
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
    return 0;
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
