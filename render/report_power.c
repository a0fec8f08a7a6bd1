/* The power section's parts built on the summary CSV and the newer raw
 * columns (see report_tables.h): the energy fit's parameters. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "md_table.h"
#include "report_tables.h"
#include "report_util.h"
#include "summary_data.h"

#define MAX_RUNS 8

/* The model CSV's runs that the summary has a fit for, in CSV order. */
static size_t fitted_runs(const render_tables *in, energy_fit *fits, size_t max)
{
    const csv_table *t = in->model;
    size_t n = 0;
    for (size_t r = 0; r < t->nrows && n < max; r++) {
        const char *run = csv_table_text(t, r, RAW_COL_run_id);
        size_t i = 0;
        while (i < n && strcmp(fits[i].run_id, run) != 0)
            i++;
        if (i == n && energy_fit_of_run(in->summary, run, &fits[n]) == 0)
            n++;
    }
    return n;
}

/* The first value of col among run's rows (once-per-run facts), or NAN. */
static double run_fact(const csv_table *t, const char *run, int col)
{
    double v;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = csv_table_text(t, r, RAW_COL_run_id);
        if (id != NULL && strcmp(id, run) == 0 && csv_table_real(t, r, col, &v) == 0)
            return v;
    }
    return NAN;
}

/* The note model wrote beside a parameter, for the "what it is" column. */
static const char *note_of(const csv_table *s, long row)
{
    return row >= 0 ? csv_table_text(s, (size_t)row, SUM_COL_note) : NULL;
}

/* The index of unit among f's e_flop units, or -1. */
static int unit_index(const energy_fit *f, const char *unit)
{
    for (size_t u = 0; u < f->nunits; u++)
        if (strcmp(f->unit[u], unit) == 0)
            return (int)u;
    return -1;
}

typedef double (*fit_value)(const energy_fit *f, const char *unit);
static double v_e_flop(const energy_fit *f, const char *unit)
{
    int u = unit_index(f, unit);
    return u < 0 ? NAN : f->e_flop_pj[u];
}
static double v_e_byte(const energy_fit *f, const char *unit)
{
    (void)unit;
    return f->e_byte_pj;
}
static double v_p0(const energy_fit *f, const char *unit)
{
    (void)unit;
    return f->p0_w;
}
static double v_r2(const energy_fit *f, const char *unit)
{
    (void)unit;
    return f->r_squared;
}
static double v_err_median(const energy_fit *f, const char *unit)
{
    (void)unit;
    return f->err_median_pct;
}
static double v_err_max(const energy_fit *f, const char *unit)
{
    (void)unit;
    return f->err_max_pct;
}
static double v_rows(const energy_fit *f, const char *unit)
{
    (void)unit;
    return f->rows;
}

/* One parameter: its value in every run's column. */
static void fit_row(const energy_fit *fits, size_t n, const char *name, fit_value value,
                    const char *unit, const char *value_unit, const char *what, sbuf *out)
{
    const char *cells[MAX_RUNS + 3];
    char v[MAX_RUNS][32];
    cells[0] = name;
    for (size_t i = 0; i < n; i++) {
        double x = value(&fits[i], unit);
        if (value == v_r2)
            snprintf(v[i], sizeof v[i], "%.4f", x);
        else if (value == v_rows)
            snprintf(v[i], sizeof v[i], "%.0f", x);
        else if (x < 0.0) { /* typeset with a minus sign, U+2212 */
            char abs[24];
            fmt_sig3(abs, sizeof abs, -x);
            snprintf(v[i], sizeof v[i], "−%s", abs);
        } else
            fmt_sig3(v[i], sizeof v[i], x);
        cells[1 + i] = isnan(x) ? NULL : v[i];
    }
    cells[1 + n] = value_unit;
    cells[2 + n] = what;
    md_table_row(out, n + 3, cells);
}

static void fit_table(const render_tables *in, const energy_fit *fits, size_t n, sbuf *out)
{
    const char *head[MAX_RUNS + 3];
    md_align align[MAX_RUNS + 3];
    head[0] = "parameter";
    align[0] = MD_LEFT;
    for (size_t i = 0; i < n; i++) {
        head[1 + i] = fits[i].run_id;
        align[1 + i] = MD_RIGHT;
    }
    head[1 + n] = "unit";
    head[2 + n] = "what it is";
    align[1 + n] = align[2 + n] = MD_LEFT;
    md_table_header(out, n + 3, head, align);
    const energy_fit *f0 = &fits[0];
    const csv_table *s = in->summary;
    for (size_t i = 0; i < n; i++) /* every unit of any run, once */
        for (size_t u = 0; u < fits[i].nunits; u++) {
            const char *unit = fits[i].unit[u];
            int seen = 0;
            for (size_t j = 0; j < i; j++)
                seen |= unit_index(&fits[j], unit) >= 0;
            for (size_t v = 0; v < u; v++)
                seen |= strcmp(fits[i].unit[v], unit) == 0;
            if (seen)
                continue;
            char name[64];
            snprintf(name, sizeof name, "e_flop, %s", unit);
            fit_row(fits, n, name, v_e_flop, unit, "pJ/flop", note_of(s, fits[i].e_flop_row[u]),
                    out);
        }
    const char *run = f0->run_id;
    fit_row(fits, n, "e_byte", v_e_byte, NULL, "pJ/byte",
            note_of(s, summary_row(s, run, "energy_fit", "e_byte", "value")), out);
    fit_row(fits, n, "P0", v_p0, NULL, "W",
            note_of(s, summary_row(s, run, "energy_fit", "p0", "value")), out);
    fit_row(fits, n, "R²", v_r2, NULL, "",
            note_of(s, summary_row(s, run, "energy_fit", "r_squared", "value")), out);
    fit_row(fits, n, "|error|, median", v_err_median, NULL, "%",
            "of the fitted energy per call against the measured one", out);
    fit_row(fits, n, "|error|, max", v_err_max, NULL, "%", "the same, the largest", out);
    fit_row(fits, n, "cases", v_rows, NULL, "", "cases with an energy measurement the fit rests on",
            out);
}

/* How many of run's cases on unit have an energy measurement. */
static size_t unit_cases(const csv_table *t, const char *run, const char *unit)
{
    size_t k = 0;
    double e;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = csv_table_text(t, r, RAW_COL_run_id);
        const char *u = csv_table_text(t, r, MODEL_COL_compute_unit);
        k += id != NULL && u != NULL && strcmp(id, run) == 0 && strcmp(u, unit) == 0 &&
             csv_table_real(t, r, RAW_COL_energy_uj, &e) == 0;
    }
    return k;
}

/* P0 against the idle power and the limit; negative parameters named. */
static void fit_reading(const csv_table *t, const energy_fit *f, sbuf *out)
{
    double idle = run_fact(t, f->run_id, RAW_COL_idle_power_w);
    double limit = run_fact(t, f->run_id, RAW_COL_power_limit_w);
    char p0[32], a[32], b[32];
    fmt_sig3(p0, sizeof p0, f->p0_w);
    sbuf_puts(out, "\n- **");
    md_escape(out, f->run_id);
    sbuf_printf(out, "**: P0 is %s W", p0);
    if (!isnan(idle)) {
        fmt_sig3(a, sizeof a, idle);
        fmt_sig3(b, sizeof b, f->p0_w - idle);
        sbuf_printf(out, " against an idle power of %s W: while a call runs, the board draws "
                         "%s W more than idle before it moves a byte or does a flop",
                    a, b);
    }
    if (!isnan(limit)) {
        fmt_sig3(a, sizeof a, limit);
        sbuf_printf(out, "%s power limit is %s W", isnan(idle) ? "; the" : ". The", a);
    }
    sbuf_puts(out, ".");
    for (size_t u = 0; u < f->nunits; u++) {
        if (!(f->e_flop_pj[u] < 0.0))
            continue;
        char e[32];
        fmt_sig3(e, sizeof e, -f->e_flop_pj[u]); /* typeset with a minus sign, U+2212 */
        size_t k = unit_cases(t, f->run_id, f->unit[u]);
        sbuf_puts(out, " e\\_flop of ");
        md_escape(out, f->unit[u]);
        sbuf_printf(out, " comes out negative (−%s pJ/flop): its %zu %s cannot tell its energy "
                         "apart from P0 × time; read it as about zero, not as energy gained.",
                    e, k, k == 1 ? "case" : "cases");
    }
    sbuf_puts(out, "\n");
}

void report_energy_fit(const render_tables *in, sbuf *out)
{
    if (in->summary == NULL) {
        sbuf_puts(out, "No summary CSV was given (`render --summary`, written by `model -s`), so "
                       "the energy fit's parameters and its curves are not shown.\n");
        return;
    }
    energy_fit fits[MAX_RUNS];
    size_t n = fitted_runs(in, fits, MAX_RUNS);
    if (n == 0) {
        sbuf_puts(out, "The summary holds no energy fit for these runs (no power sensor, or too "
                       "few cases with an energy measurement to fit).\n");
        return;
    }
    sbuf_puts(out, "`model` fits the energy of every call with a measurement as E = e\\_flop × "
                   "flop + e\\_byte × bytes + P0 × time, by least squares over each run's cases, "
                   "with one e\\_flop per compute unit (CUDA-core and tensor-core flop cost "
                   "differently). The lines of the chart below are this fit at the roofline's "
                   "time per call, max(bytes / BW, flop / peak), with the run's measured "
                   "bandwidth and each unit's datasheet peak: the energy roofline.\n\n");
    fit_table(in, fits, n, out);
    for (size_t i = 0; i < n; i++)
        fit_reading(in->model, &fits[i], out);
}
