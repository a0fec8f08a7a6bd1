/* The power section's parts built on the summary CSV and the newer raw
 * columns (see report_tables.h): the energy fit's parameters, and the
 * cases that ran with their clocks held down (a power cap). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts/charts.h"
#include "doc/doc.h"
#include "report_tables.h"
#include "str_index.h"

#define MAX_RUNS 8

static int is_throttled(const csv_table *t, size_t r);

/* The model CSV's runs that the summary has a fit for, in CSV order. */
/* The runs with an energy fit, in CSV order: the first max into fits; how
 * many there are in all is returned, so the section says what it leaves
 * out. Each run is tried once (a run without a fit was tried again at each
 * of its rows). */
static size_t fitted_runs(const render_tables *in, energy_fit *fits, size_t max)
{
    const csv_table *t = in->model;
    str_index tried;
    str_index_init(&tried, 1);
    size_t n = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *run = csv_table_text(t, r, RAW_COL_run_id);
        size_t before = tried.count;
        if (str_index_put(&tried, &run) == STR_INDEX_NONE || tried.count == before)
            continue;
        energy_fit f;
        if (energy_fit_of_run(in->summary, run, n < max ? &fits[n] : &f) == 0)
            n++;
    }
    str_index_free(&tried);
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
    size_t all = fitted_runs(in, fits, MAX_RUNS), n = all < MAX_RUNS ? all : MAX_RUNS;
    if (n == 0) {
        sbuf_puts(out, "The summary holds no energy fit for these runs (no power sensor, or too "
                       "few cases with an energy measurement to fit).\n");
        return;
    }
    sbuf_puts(out, "`model` fits the energy of every call with a measurement as E = e\\_flop × "
                   "flop + e\\_byte × bytes + P0 × time, by least squares on relative error over "
                   "each run's cases, with one e\\_flop per compute unit (CUDA-core and tensor-core flop cost "
                   "differently). The lines of the chart below are this fit at the roofline's "
                   "time per call, max(bytes / BW, flop / peak), with the run's measured "
                   "bandwidth and each unit's datasheet peak: the energy roofline.\n\n");
    fit_table(in, fits, n, out);
    if (all > n)
        sbuf_printf(out, "\nThe table has a column for each of the first %zu runs; the fits of the other %zu are in "
                         "the summary CSV (section energy_fit).\n",
                    n, all - n);
    for (size_t i = 0; i < n; i++)
        fit_reading(in->model, &fits[i], out);
    size_t capped = 0;
    for (size_t r = 0; r < in->model->nrows; r++)
        capped += is_throttled(in->model, r);
    if (capped > 0)
        sbuf_printf(out, "\n%zu %s ran with %s clocks held down (see Ceilings); the fit takes "
                         "%s energy like any other case's.\n",
                    capped, capped == 1 ? "case" : "cases", capped == 1 ? "its" : "their",
                    capped == 1 ? "its" : "their");
}

/* NVML's clock event reasons (nvml.h, nvmlClocksEventReason*), by bit. */
static const struct {
    unsigned long long bit;
    const char *name;
} CLOCK_REASONS[] = {
    {0x1, "GPU idle"},
    {0x2, "application clocks setting"},
    {0x4, "software power cap"},
    {0x8, "hardware slowdown"},
    {0x10, "sync boost"},
    {0x20, "software thermal slowdown"},
    {0x40, "hardware thermal slowdown"},
    {0x80, "hardware power brake"},
    {0x100, "display clock setting"},
};
#define NREASONS (sizeof CLOCK_REASONS / sizeof CLOCK_REASONS[0])

/* The reasons in a "0x4" cell, OR-ed into *bits; 0 when unreadable. */
static int reason_bits(const char *hex, unsigned long long *bits)
{
    if (hex == NULL || strncmp(hex, "0x", 2) != 0 || hex[2] == '\0')
        return 0;
    char *end;
    unsigned long long v = strtoull(hex + 2, &end, 16);
    if (*end != '\0')
        return 0;
    *bits |= v;
    return 1;
}

/* "software power cap (0x4)"; the bits no name covers in hex. */
static void reason_names(unsigned long long bits, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < NREASONS && used < size; i++)
        if (bits & CLOCK_REASONS[i].bit) {
            used += (size_t)snprintf(buf + used, size - used, "%s%s (0x%llx)", used ? ", " : "",
                                     CLOCK_REASONS[i].name, CLOCK_REASONS[i].bit);
            bits &= ~CLOCK_REASONS[i].bit;
        }
    if (bits != 0 && used < size)
        snprintf(buf + used, size - used, "%sother (0x%llx)", used ? ", " : "", bits);
}

static int is_throttled(const csv_table *t, size_t r)
{
    const char *v = csv_table_text(t, r, RAW_COL_throttled);
    return v != NULL && strcmp(v, "yes") == 0;
}

/* The highest SM clock of the run's cases that were not held down. */
static double full_clock(const csv_table *t, const char *run)
{
    double best = NAN, v;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = csv_table_text(t, r, RAW_COL_run_id);
        if (id != NULL && strcmp(id, run) == 0 && !is_throttled(t, r) &&
            csv_table_real(t, r, RAW_COL_sm_clock_mhz, &v) == 0 && !(v <= best))
            best = v;
    }
    return best;
}

/* full_clock of each row's run, every run's found in one pass (the scan of
 * every row for each throttled row was quadratic); NULL out of memory. */
static double *full_clocks(const csv_table *t)
{
    str_index ix;
    str_index_init(&ix, 1);
    size_t *run = malloc((t->nrows + 1) * sizeof *run);
    double *best = malloc((t->nrows + 1) * sizeof *best), *full = malloc((t->nrows + 1) * sizeof *full), v;
    int ok = run != NULL && best != NULL && full != NULL;
    for (size_t r = 0; ok && r < t->nrows; r++) {
        const char *id = csv_table_text(t, r, RAW_COL_run_id);
        size_t before = ix.count;
        run[r] = id != NULL ? str_index_put(&ix, &id) : STR_INDEX_NONE;
        if (id != NULL && run[r] == STR_INDEX_NONE)
            ok = 0;
        else if (run[r] != STR_INDEX_NONE && ix.count > before)
            best[run[r]] = NAN;
        if (ok && run[r] != STR_INDEX_NONE && !is_throttled(t, r) &&
            csv_table_real(t, r, RAW_COL_sm_clock_mhz, &v) == 0 && !(v <= best[run[r]]))
            best[run[r]] = v;
    }
    for (size_t r = 0; ok && r < t->nrows; r++)
        full[r] = run[r] != STR_INDEX_NONE ? best[run[r]] : NAN;
    str_index_free(&ix);
    free(run);
    free(best);
    if (!ok) {
        free(full);
        return NULL;
    }
    return full;
}

/* Does the clock explain row r's error (story_data.h: story_clock_effect)? */
static const char *clock_explains(const csv_table *t, size_t r, double full)
{
    switch (story_clock_effect(t, r, full)) {
    case CLOCK_NO_EFFECT: return "no: its bytes, not its clock, bound it";
    case CLOCK_EXPLAINS: return "yes";
    case CLOCK_IN_PART: return "in part: still over 25 %";
    case CLOCK_OVERSHOOTS: return "no: scaled to its clock, it overshoots";
    default: return NULL;
    }
}

static void throttle_row(const csv_table *t, size_t r, int runs, double full, sbuf *out)
{
    char shape[64], sm[32], of[32], w[32], e[32], at[32], why[256];
    unsigned long long bits = 0;
    double clock;
    snprintf(shape, sizeof shape, "%s×%s", csv_table_text(t, r, RAW_COL_n),
             csv_table_text(t, r, RAW_COL_k));
    int have_clock = csv_table_real(t, r, RAW_COL_sm_clock_mhz, &clock) == 0;
    if (have_clock && full > 0.0)
        snprintf(of, sizeof of, "%.0f %%", 100.0 * clock / full);
    reason_bits(csv_table_text(t, r, RAW_COL_clock_event_reasons), &bits);
    reason_names(bits, why, sizeof why);
    const char *err = fmt_cell(t, r, MODEL_COL_err_pct_measured_floor, fmt_pct, e, sizeof e);
    double a = story_err_at_clock(t, r, full);
    if (!isnan(a))
        fmt_pct(at, sizeof at, a);
    const char *cells[] = {
        csv_table_text(t, r, RAW_COL_run_id),
        csv_table_text(t, r, RAW_COL_kernel),
        csv_table_text(t, r, RAW_COL_format),
        shape,
        csv_table_text(t, r, RAW_COL_batch),
        csv_table_text(t, r, MODEL_COL_bound),
        fmt_cell(t, r, RAW_COL_sm_clock_mhz, fmt_sig3, sm, sizeof sm),
        have_clock && full > 0.0 ? of : NULL,
        fmt_cell(t, r, RAW_COL_power_w_avg, fmt_sig3, w, sizeof w),
        err != NULL ? err : fmt_cell(t, r, MODEL_COL_err_pct_measured, fmt_pct, e, sizeof e),
        isnan(a) ? NULL : at,
        clock_explains(t, r, full),
        bits ? why : csv_table_text(t, r, RAW_COL_clock_event_reasons),
    };
    md_table_row(out, sizeof cells / sizeof cells[0] - !runs, cells + !runs);
}

/* One sentence: what held the clocks down, against what limit. */
static void throttle_lead(const csv_table *t, size_t n, unsigned long long bits, sbuf *out)
{
    char why[256], lim[32];
    reason_names(bits, why, sizeof why);
    sbuf_printf(out, "**%zu %s ran with %s clocks held down** while %s timed", n,
                n == 1 ? "case" : "cases", n == 1 ? "its" : "their", n == 1 ? "it was" : "they were");
    if (bits)
        sbuf_printf(out, " (NVML clock event reasons: %s)", why);
    double limit = NAN;
    for (size_t r = 0; r < t->nrows && isnan(limit); r++)
        if (is_throttled(t, r) && csv_table_real(t, r, RAW_COL_power_limit_w, &limit) != 0)
            limit = NAN;
    if (!isnan(limit)) {
        fmt_sig3(lim, sizeof lim, limit);
        sbuf_printf(out, ", against a board power limit of %s W", lim);
    }
    sbuf_puts(out, ". The spec's compute peaks assume the full clock, so a compute-bound case held "
                   "down runs slower than the roofline says. Whether that explains a case's error is "
                   "computed, not assumed: *at its clock* is the roofline + launch floor's error with "
                   "every compute peak scaled by *of full clock* (the case's SM clock over the highest "
                   "clock of the run's other cases), and the clock explains the error only when that "
                   "is at most 25 % and smaller than at the full clock. A memory-bound case's DRAM "
                   "bandwidth does not follow the SM clock: its error stays its own.\n\n");
}

void report_throttle(const render_tables *in, sbuf *out)
{
    static const char *const head[] = {"run", "kernel", "format", "n×k", "batch", "bound", "SM MHz",
                                       "of full clock", "average W", "roofline + launch floor, error %",
                                       "at its clock, error %", "the clock explains it", "clock event reasons"};
    static const md_align align[] = {MD_LEFT,  MD_LEFT,  MD_LEFT,  MD_LEFT,  MD_RIGHT, MD_LEFT, MD_RIGHT,
                                     MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_LEFT,  MD_LEFT};
    const csv_table *t = in->model;
    size_t known = 0, n = 0;
    unsigned long long bits = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        known += csv_table_text(t, r, RAW_COL_throttled) != NULL;
        if (is_throttled(t, r)) {
            n++;
            reason_bits(csv_table_text(t, r, RAW_COL_clock_event_reasons), &bits);
        }
    }
    if (known == 0) {
        sbuf_puts(out, "This CSV does not say whether a case ran with its clocks held down (the "
                       "raw CSV's optional `throttled` column, recorded by newer `measure`).\n");
        return;
    }
    if (n == 0) {
        sbuf_puts(out, "No case ran with its clocks held down: the device reported no power cap, "
                       "thermal or hardware slowdown while any case was timed.\n");
        return;
    }
    throttle_lead(t, n, bits, out);
    const int key[] = {RAW_COL_run_id};
    size_t *reps = malloc((t->nrows + 1) * sizeof *reps);
    int runs = reps != NULL && pick_groups(t, key, 1, NULL, t->nrows, reps) > 1;
    free(reps);
    md_table_header(out, sizeof head / sizeof head[0] - !runs, head + !runs, align + !runs);
    double *full = full_clocks(t);
    size_t listed = 0;
    for (size_t r = 0; r < t->nrows && listed < REPORT_CASE_LIST_MAX_ROWS; r++)
        if (is_throttled(t, r)) {
            throttle_row(t, r, runs, full != NULL ? full[r] : full_clock(t, csv_table_text(t, r, RAW_COL_run_id)),
                         out);
            listed++;
        }
    if (listed < n)
        sbuf_printf(out, "\nThe table stops at %zu of the %zu cases whose clocks were held down "
                         "(REPORT_CASE_LIST_MAX_ROWS in render/report/report_tables.h); the others are in "
                         "`model.csv` (throttled = yes).\n",
                    listed, n);
    free(full);
}
