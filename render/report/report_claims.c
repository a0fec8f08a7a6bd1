/* model's error statistics by bound, from its summary CSV (see
 * report_tables.h). The claims are judged in report_story.c, per shape
 * class, from the story's picks. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "charts/charts.h"
#include "doc/doc.h"
#include "report_tables.h"
#include "str_index.h"

#define MAX_RUNS 8
#define NCOLS(a) (sizeof(a) / sizeof(a)[0])

/* The model CSV's runs the summary has rows for, in CSV order: the first
 * max into runs; how many there are in all is returned, so the section can
 * say what it leaves out (it cut them silently: issue 18). Each run is
 * looked up once, by the summary's distinct run ids (csv_table.h). */
static size_t summary_runs_of_model(const render_tables *in, const char **runs, size_t max)
{
    const csv_table *t = in->model;
    str_index seen;
    str_index_init(&seen, 1);
    size_t n = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = csv_table_text(t, r, RAW_COL_run_id);
        size_t before = seen.count;
        if (str_index_put(&seen, &id) == STR_INDEX_NONE || seen.count == before ||
            csv_table_text_lookup(in->summary, SUM_COL_run_id, id) == 0)
            continue;
        if (n < max)
            runs[n] = id;
        n++;
    }
    str_index_free(&seen);
    return n;
}

/* "38.4 / 92.8" for one bound and one prediction, or NULL. */
static const char *median_max(const csv_table *s, const char *run, const char *subject,
                              const char *pred, char *buf, size_t size)
{
    char q[64], a[24], b[24];
    snprintf(q, sizeof q, "median_abs_err_pct_%s", pred);
    double med = summary_value(s, run, "errors", subject, q);
    snprintf(q, sizeof q, "max_abs_err_pct_%s", pred);
    double max = summary_value(s, run, "errors", subject, q);
    if (isnan(med))
        return NULL;
    fmt_sig3(a, sizeof a, med);
    fmt_sig3(b, sizeof b, max);
    snprintf(buf, size, "%s / %s", a, isnan(max) ? "–" : b);
    return buf;
}

static void errors_of_run(const csv_table *s, const char *run, sbuf *out)
{
    static const char *const head[] = {"cases",    "counted", "datasheet roofline",
                                       "bytes-only roofline", "roofline + launch floor"};
    static const md_align align[] = {MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT};
    static const struct {
        const char *subject, *label;
    } groups[] = {{"all", "all"}, {"bound=memory", "memory-bound"}, {"bound=compute", "compute-bound"}};
    long first = summary_row(s, run, "errors", "all", "median_abs_err_pct_datasheet");
    if (first < 0)
        return;
    double bw = summary_value(s, run, "ceiling", "bw_measured", "value");
    double floor_us = summary_value(s, run, "launch_floor", "floor", "value");
    sbuf_puts(out, "**Error statistics by bound** (run ");
    md_escape(out, run);
    sbuf_puts(out, "): |error| in %, median / max, of each prediction over the cases model counts, "
                   "split by what bounds them by the datasheet: all, memory-bound (the population of the "
                   "< 15 % criterion above) and compute-bound");
    if (!isnan(bw)) {
        char v[32];
        fmt_sig3(v, sizeof v, bw);
        sbuf_printf(out, " (measured ceiling %s GB/s", v);
        if (!isnan(floor_us)) {
            fmt_sig3(v, sizeof v, floor_us);
            sbuf_printf(out, "; launch floor %s µs per call", v);
        }
        sbuf_puts(out, ")");
    }
    sbuf_puts(out, ".\n\n");
    md_table_header(out, NCOLS(head), head, align);
    for (size_t g = 0; g < NCOLS(groups); g++) {
        long r = summary_row(s, run, "errors", groups[g].subject, "median_abs_err_pct_datasheet");
        uint64_t rows;
        char n[32], ds[80], ms[80], fl[80];
        if (r < 0)
            continue;
        snprintf(n, sizeof n, "%llu",
                 csv_table_count(s, (size_t)r, SUM_COL_rows, &rows) == 0 ? (unsigned long long)rows
                                                                          : 0ull);
        const char *cells[] = {
            groups[g].label,
            n,
            median_max(s, run, groups[g].subject, "datasheet", ds, sizeof ds),
            median_max(s, run, groups[g].subject, "measured", ms, sizeof ms),
            median_max(s, run, groups[g].subject, "measured_floor", fl, sizeof fl),
        };
        md_table_row(out, NCOLS(cells), cells);
    }
    sbuf_puts(out, "\n");
}

void report_error_stats(const render_tables *in, sbuf *out)
{
    if (in->summary == NULL) {
        sbuf_puts(out, "No summary CSV was given (`render --summary`, written by `model -s`), so model's "
                       "error statistics by bound are not shown.\n");
        return;
    }
    const char *runs[MAX_RUNS];
    size_t all = summary_runs_of_model(in, runs, MAX_RUNS), n = all < MAX_RUNS ? all : MAX_RUNS;
    for (size_t i = 0; i < n; i++)
        errors_of_run(in->summary, runs[i], out);
    if (all > n)
        sbuf_printf(out, "These are the first %zu runs; the error statistics of the other %zu are in the summary "
                         "CSV (section errors), one row per bound and prediction.\n",
                    n, all - n);
}
