/* The runs set against each other (see report_tables.h): every run's
 * headline numbers and verdicts side by side, and for runs of one device
 * and power mode the same cases timed twice: the per-case time ratio, the
 * run-to-run noise band, the cases outside it and the verdicts that
 * changed. Each run's numbers are its own (story_data.h): nothing is
 * averaged over runs. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts/charts.h"
#include "doc/doc.h"
#include "report_tables.h"
#include "stats.h"

#define NCOLS(a) (sizeof(a) / sizeof(a)[0])
#define BAND_LO 5.0  /* the noise band: percentiles of the per-case ratios */
#define BAND_HI 95.0
#define MOVERS 8     /* cases outside the band listed, the farthest first */

static int same(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* --- side by side */

typedef void (*cell_fn)(const run_story *s, char *buf, size_t size);

static void c_device(const run_story *s, char *b, size_t n)
{
    snprintf(b, n, "%s", report_text(s->device));
}
static void c_mode(const run_story *s, char *b, size_t n)
{
    snprintf(b, n, "%s", report_text(s->power_mode));
}
static void c_spec(const run_story *s, char *b, size_t n)
{
    snprintf(b, n, "%s, %s", report_text(s->spec_id), report_text(s->spec_mode));
}
static void c_started(const run_story *s, char *b, size_t n)
{
    snprintf(b, n, "%s", report_text(s->timestamp));
}
static void c_commit(const run_story *s, char *b, size_t n)
{
    snprintf(b, n, "%s", report_text(s->commit));
}
static void c_stream(const run_story *s, char *b, size_t n)
{
    if (isnan(s->bw_measured))
        snprintf(b, n, "–");
    else
        fmt_sig3(b, n, s->bw_measured);
}
static void c_floor(const run_story *s, char *b, size_t n)
{
    if (isnan(s->floor_us))
        snprintf(b, n, "–");
    else
        fmt_sig3(b, n, s->floor_us);
}

static void claim_cell(const class_result *r, char *b, size_t n)
{
    if (r->n == 0) {
        snprintf(b, n, "not measured");
        return;
    }
    char v[32];
    fmt_times(v, sizeof v, r->median);
    snprintf(b, n, "%s %s", v, r->verdict);
}

static void error_cell(double median, char *b, size_t n)
{
    if (isnan(median))
        snprintf(b, n, "–");
    else
        snprintf(b, n, "%.1f %% %s", median, median < STORY_CRITERION_PCT ? "pass" : "fail");
}

static void c_err_bytes(const run_story *s, char *b, size_t n)
{
    error_cell(s->err.median[PRED_BYTES], b, n);
}
static void c_err_floor(const run_story *s, char *b, size_t n)
{
    error_cell(s->err.oos_median, b, n);
}
static void c_gflops_w(const run_story *s, char *b, size_t n)
{
    if (isnan(s->gflops_per_w_fp16))
        snprintf(b, n, "–");
    else
        fmt_sig3(b, n, s->gflops_per_w_fp16);
}

static void side_row(const story_data *d, const char *label, cell_fn fn, sbuf *out)
{
    const char *cells[1 + STORY_MAX_RUNS];
    char v[STORY_MAX_RUNS][96];
    cells[0] = label;
    for (size_t i = 0; i < d->nruns; i++) {
        fn(&d->runs[i], v[i], sizeof v[i]);
        cells[1 + i] = v[i];
    }
    md_table_row(out, 1 + d->nruns, cells);
}

static void claim_rows(const story_data *d, sbuf *out)
{
    for (size_t c = 0; c < STORY_NCLAIMS; c++)
        for (int cls = 0; cls < CLASS_COUNT; cls++) {
            char label[160];
            const claim_result *c0 = &d->runs[0].claims[c];
            snprintf(label, sizeof label, "%s, %.4g–%.4g×: %s", c0->format, c0->low, c0->high,
                     story_class_name((enum story_class)cls));
            const char *cells[1 + STORY_MAX_RUNS];
            char v[STORY_MAX_RUNS][64];
            cells[0] = label;
            int any = 0;
            for (size_t i = 0; i < d->nruns; i++) {
                claim_cell(&d->runs[i].claims[c].cls[cls], v[i], sizeof v[i]);
                any |= d->runs[i].claims[c].cls[cls].n > 0;
                cells[1 + i] = v[i];
            }
            if (any)
                md_table_row(out, 1 + d->nruns, cells);
        }
}

static void side_by_side(const story_data *d, sbuf *out)
{
    const char *head[1 + STORY_MAX_RUNS];
    md_align align[1 + STORY_MAX_RUNS];
    head[0] = "";
    align[0] = MD_LEFT;
    for (size_t i = 0; i < d->nruns; i++) {
        head[1 + i] = d->runs[i].run_id;
        align[1 + i] = MD_RIGHT;
    }
    sbuf_printf(out, "**Runs side by side.** Each column is one run's own numbers (nothing is averaged over "
                     "runs): its read stream and launch floor, the validation guide's claims per shape class "
                     "(the median speedup over fp16 and its verdict), and the < 15 %% criterion (median "
                     "|error| over the run's memory-bound cases; the roofline + launch floor scored on shapes "
                     "left out of its fit).\n\n");
    md_table_header(out, 1 + d->nruns, head, align);
    side_row(d, "device", c_device, out);
    side_row(d, "power mode", c_mode, out);
    side_row(d, "spec, its mode", c_spec, out);
    side_row(d, "started (UTC)", c_started, out);
    side_row(d, "measure commit", c_commit, out);
    side_row(d, "read stream, GB/s", c_stream, out);
    side_row(d, "launch floor, µs", c_floor, out);
    claim_rows(d, out);
    side_row(d, "bytes-only roofline, median |error|", c_err_bytes, out);
    side_row(d, "roofline + launch floor, out of sample", c_err_floor, out);
    side_row(d, "GFLOP/s per W, fp16 at the largest square", c_gflops_w, out);
    sbuf_puts(out, "\n");
}

/* --- one device, two runs: the same cases */

typedef struct case_key {
    const csv_table *t;
    size_t row;
} case_key;

static int text_order(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int count_order(const csv_table *t, size_t a, size_t b, int col)
{
    uint64_t x = 0, y = 0;
    csv_table_count(t, a, col, &x);
    csv_table_count(t, b, col, &y);
    return (x > y) - (x < y);
}

/* Cases are the same when their kernel, format, shape, batch, LLM and
 * launch scheme are. */
static int key_order(const csv_table *t, size_t a, size_t b)
{
    static const int text_cols[] = {RAW_COL_kernel, RAW_COL_format, RAW_COL_llm, RAW_COL_launch_scheme};
    static const int count_cols[] = {RAW_COL_n, RAW_COL_k, RAW_COL_batch};
    for (size_t i = 0; i < NCOLS(text_cols); i++) {
        int c = text_order(csv_table_text(t, a, text_cols[i]), csv_table_text(t, b, text_cols[i]));
        if (c != 0)
            return c;
    }
    for (size_t i = 0; i < NCOLS(count_cols); i++) {
        int c = count_order(t, a, b, count_cols[i]);
        if (c != 0)
            return c;
    }
    return 0;
}

static int case_key_order(const void *a, const void *b)
{
    const case_key *x = a, *y = b;
    int c = key_order(x->t, x->row, y->row);
    return c != 0 ? c : (x->row > y->row) - (x->row < y->row);
}

/* Run s's right cases, sorted by key: index once, then merge. */
static size_t run_cases(const csv_table *t, const story_data *d, const run_story *s, case_key *out)
{
    size_t n = 0;
    for (size_t r = s->first_row; r < t->nrows; r++)
        if (story_run_of(d, t, r) == s && same(csv_table_text(t, r, RAW_COL_check), "ok"))
            out[n++] = (case_key){t, r};
    qsort(out, n, sizeof *out, case_key_order);
    return n;
}

typedef struct mover {
    size_t a, b;
    double ratio;
} mover;

static int mover_order(const void *x, const void *y)
{
    double p = fabs(log(((const mover *)x)->ratio)), q = fabs(log(((const mover *)y)->ratio));
    return (p < q) - (p > q); /* farthest first */
}

static int held(const csv_table *t, size_t r)
{
    return same(csv_table_text(t, r, RAW_COL_throttled), "yes") ||
           same(csv_table_text(t, r, RAW_COL_clocks_changed), "yes");
}

static void mover_row(const csv_table *t, const mover *m, sbuf *out)
{
    char shape[64], ta[32], tb[32], rt[32];
    snprintf(shape, sizeof shape, "%s×%s", csv_table_text(t, m->a, RAW_COL_n), csv_table_text(t, m->a, RAW_COL_k));
    const char *cells[] = {
        csv_table_text(t, m->a, RAW_COL_kernel),
        csv_table_text(t, m->a, RAW_COL_format),
        shape,
        csv_table_text(t, m->a, RAW_COL_batch),
        fmt_cell(t, m->a, RAW_COL_time_us_median, fmt_sig3, ta, sizeof ta),
        fmt_cell(t, m->b, RAW_COL_time_us_median, fmt_sig3, tb, sizeof tb),
        (snprintf(rt, sizeof rt, "%.3f", m->ratio), rt),
    };
    md_table_row(out, NCOLS(cells), cells);
}

/* Verdicts of run a that run b changes, one bullet each. */
static void changed_verdicts(const run_story *a, const run_story *b, sbuf *out)
{
    size_t n = 0;
    for (size_t c = 0; c < STORY_NCLAIMS; c++)
        for (int cls = 0; cls < CLASS_COUNT; cls++) {
            const class_result *x = &a->claims[c].cls[cls], *y = &b->claims[c].cls[cls];
            if (x->verdict == NULL || y->verdict == NULL || strcmp(x->verdict, y->verdict) == 0)
                continue;
            char vx[32], vy[32];
            fmt_times(vx, sizeof vx, x->median);
            fmt_times(vy, sizeof vy, y->median);
            sbuf_puts(out, n++ == 0 ? "\nVerdicts that changed:\n\n" : "");
            sbuf_printf(out, "- %s (%.4g–%.4g×), %s: %s at %s, then %s at %s.\n", a->claims[c].claim, a->claims[c].low,
                        a->claims[c].high, story_class_name((enum story_class)cls), x->verdict, vx, y->verdict, vy);
        }
    const double e[2][2] = {{a->err.median[PRED_BYTES], b->err.median[PRED_BYTES]},
                            {a->err.oos_median, b->err.oos_median}};
    for (int p = 0; p < 2; p++) {
        if (isnan(e[p][0]) || isnan(e[p][1]) ||
            (e[p][0] < STORY_CRITERION_PCT) == (e[p][1] < STORY_CRITERION_PCT))
            continue;
        sbuf_puts(out, n++ == 0 ? "\nVerdicts that changed:\n\n" : "");
        sbuf_printf(out, "- < 15 %% error, %s: %s at %.1f %%, then %s at %.1f %%.\n",
                    story_pred_name((enum story_pred)p), e[p][0] < STORY_CRITERION_PCT ? "pass" : "fail", e[p][0],
                    e[p][1] < STORY_CRITERION_PCT ? "pass" : "fail", e[p][1]);
    }
    if (n == 0)
        sbuf_puts(out, "\nNo verdict changed between the two runs.\n");
}

/* Run b against run a, both of one device and power mode. */
static void pair(const csv_table *t, const story_data *d, const run_story *a, const run_story *b, case_key *ka,
                 case_key *kb, mover *m, double *ratios, sbuf *out)
{
    static const char *const head[] = {"kernel", "format", "n×k", "batch", "first run, µs", "second run, µs",
                                       "ratio"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT};
    size_t na = run_cases(t, d, a, ka), nb = run_cases(t, d, b, kb), nm = 0, nr = 0;
    for (size_t i = 0, j = 0; i < na && j < nb;) { /* merge: each case of a with the first of b */
        int c = key_order(t, ka[i].row, kb[j].row);
        if (c < 0) {
            i++;
        } else if (c > 0) {
            j++;
        } else {
            double x, y;
            if (csv_table_real(t, ka[i].row, RAW_COL_time_us_median, &x) == 0 &&
                csv_table_real(t, kb[j].row, RAW_COL_time_us_median, &y) == 0 && x > 0.0) {
                m[nm++] = (mover){ka[i].row, kb[j].row, y / x};
                if (!held(t, ka[i].row) && !held(t, kb[j].row))
                    ratios[nr++] = y / x;
            }
            while (++i < na && key_order(t, ka[i].row, kb[j].row) == 0)
                ;
            j++;
        }
    }
    sbuf_puts(out, "\n**");
    md_escape(out, b->run_id);
    sbuf_puts(out, " against ");
    md_escape(out, a->run_id);
    sbuf_puts(out, "** (");
    md_escape(out, report_text(a->device));
    sbuf_printf(out, "): %zu cases timed in both. ", nm);
    if (a->commit != NULL && b->commit != NULL && strcmp(a->commit, b->commit) != 0) {
        sbuf_puts(out, "Different builds of `measure` timed them (");
        md_escape(out, a->commit);
        sbuf_puts(out, ", then ");
        md_escape(out, b->commit);
        sbuf_puts(out, "): a case far outside the noise band may be a kernel that changed. ");
    }
    if (nr < 2) {
        sbuf_puts(out, "Too few to say how much runs differ.\n");
        changed_verdicts(a, b, out);
        return;
    }
    double med = stats_median(ratios, nr); /* sorts */
    double lo = stats_percentile_sorted(ratios, nr, BAND_LO), hi = stats_percentile_sorted(ratios, nr, BAND_HI);
    sbuf_printf(out, "Per case, the second run's median time over the first's: median %.3f; the run-to-run noise "
                     "band, the %.0fth to %.0fth percentile of that ratio over the %zu cases whose clocks held in "
                     "both runs, is %.3f to %.3f (%+.1f %% to %+.1f %%).",
                med, BAND_LO, BAND_HI, nr, lo, hi, 100.0 * (lo - 1.0), 100.0 * (hi - 1.0));
    size_t out_n = 0;
    for (size_t i = 0; i < nm; i++)
        if (m[i].ratio < lo || m[i].ratio > hi)
            m[out_n++] = m[i];
    qsort(m, out_n, sizeof *m, mover_order);
    if (out_n > 0) {
        sbuf_printf(out, " Outside it, the %zu farthest of %zu:\n\n", out_n < MOVERS ? out_n : (size_t)MOVERS,
                    out_n);
        md_table_header(out, NCOLS(head), head, align);
        for (size_t i = 0; i < out_n && i < MOVERS; i++)
            mover_row(t, &m[i], out);
    } else {
        sbuf_puts(out, "\n");
    }
    changed_verdicts(a, b, out);
}

/* Runs of one device, spec mode and power mode: each against the first. */
static void same_device(const csv_table *t, const story_data *d, sbuf *out)
{
    case_key *ka = malloc((2 * t->nrows + 1) * sizeof *ka);
    mover *m = malloc((t->nrows + 1) * sizeof *m);
    double *ratios = malloc((t->nrows + 1) * sizeof *ratios);
    if (ka == NULL || m == NULL || ratios == NULL) {
        out->failed = 1;
        free(ka);
        free(m);
        free(ratios);
        return;
    }
    size_t shown = 0;
    for (size_t i = 0; i < d->nruns; i++) {
        const run_story *a = &d->runs[i];
        int first = 1;
        for (size_t j = 0; j < i; j++)
            first &= !(same(d->runs[j].device, a->device) && same(d->runs[j].spec_mode, a->spec_mode) &&
                       same(d->runs[j].power_mode, a->power_mode));
        if (!first)
            continue;
        for (size_t j = i + 1; j < d->nruns; j++) {
            const run_story *b = &d->runs[j];
            if (!same(b->device, a->device) || !same(b->spec_mode, a->spec_mode) ||
                !same(b->power_mode, a->power_mode))
                continue;
            if (shown++ == 0)
                sbuf_puts(out, "**Runs of one device and power mode**: the same cases timed again, each later "
                               "run against the first. Where a case moves by more than the noise band, the "
                               "kernel or the machine changed, not chance.\n");
            pair(t, d, a, b, ka, ka + t->nrows, m, ratios, out);
        }
    }
    free(ka);
    free(m);
    free(ratios);
}

void report_comparison(const csv_table *t, const figure_set *figs, sbuf *out)
{
    const story_data *d = &figs->story;
    if (d->nruns < 2)
        return;
    sbuf_puts(out, "### Runs compared\n\n");
    side_by_side(d, out);
    same_device(t, d, out);
}
