/* The validation tables: for each device (and run, when a device has
 * several), the prediction error of every kernel and format, summed up:
 * every case, with both predictions beside its measurement, is set once,
 * in the data appendix (report_data_appendix), not again here. */
#include "report_tables.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "charts/charts.h"
#include "doc/doc.h"
#include "stats.h"

#define NCOLS(a) (sizeof(a) / sizeof(a)[0])

int report_has_floor(const csv_table *t)
{
    double v;
    for (size_t r = 0; r < t->nrows; r++)
        if (csv_table_real(t, r, MODEL_COL_time_us_pred_measured_floor, &v) == 0)
            return 1;
    return 0;
}

int report_has_issue(const csv_table *t)
{
    double v;
    for (size_t r = 0; r < t->nrows; r++)
        if (csv_table_real(t, r, MODEL_COL_err_pct_issue_roof, &v) == 0)
            return 1;
    return 0;
}

/* A batch-1 `gemv` case: the only kind the issue roof predicts (model
 * fills its columns on those on the CUDA cores alone). */
static int gemv_batch1(const csv_table *t, size_t r)
{
    const char *k = csv_table_text(t, r, RAW_COL_kernel);
    uint64_t b;
    return k != NULL && strcmp(k, "gemv") == 0 && csv_table_count(t, r, RAW_COL_batch, &b) == 0 && b == 1;
}

/* The cases model's error statistics count (in_error_stats yes), or, in a
 * CSV without that column, those whose check passed. */
static int counted(const csv_table *t, size_t r)
{
    const char *s = csv_table_text(t, r, MODEL_COL_in_error_stats);
    if (s != NULL && s[0] != '\0')
        return strcmp(s, "yes") == 0;
    s = csv_table_text(t, r, RAW_COL_check);
    return s != NULL && strcmp(s, "ok") == 0;
}

/* "4.6 / 19.3": median and max of |col| over rows (batch-1 gemv rows
 * alone with b1_only), or NULL when none has it. */
static const char *abs_err_cell(const csv_table *t, const size_t *rows, size_t n, int col, int b1_only,
                                double *scratch, char *buf, size_t size)
{
    size_t m = 0;
    double mx = 0.0;
    for (size_t i = 0; i < n; i++)
        if ((!b1_only || gemv_batch1(t, rows[i])) && csv_table_real(t, rows[i], col, &scratch[m]) == 0) {
            scratch[m] = fabs(scratch[m]);
            mx = fmax(mx, scratch[m++]);
        }
    if (m == 0)
        return NULL;
    char med[32], top[32];
    fmt_sig3(med, sizeof med, stats_median(scratch, m));
    fmt_sig3(top, sizeof top, mx);
    snprintf(buf, size, "%s / %s", med, top);
    return buf;
}

/* The optional columns: the launch floor's, the issue roof's. */
enum { COL_FLOOR = 4, COL_ISSUE = 5 };

/* One run: a row per kernel and format, in order of appearance; the
 * optional columns where have[c] says the CSV has them. */
static void run_table(const csv_table *t, const size_t *run_rows, size_t n, const int have[6], size_t *scratch,
                      double *vals, sbuf *out)
{
    static const char *const head[] = {"kernel",  "format", "cases", "bytes-only roofline", PRED_WITH_FLOOR,
                                       PRED_ISSUE_ROOF, "datasheet roofline"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT};
    _Static_assert(NCOLS(head) == NCOLS(align), "one alignment per column");
    size_t *kept = scratch, m = 0;
    for (size_t i = 0; i < n; i++)
        if (counted(t, run_rows[i]))
            kept[m++] = run_rows[i];
    if (m == 0) {
        sbuf_puts(out, "No case of this run counts in the error statistics.\n\n");
        return;
    }
    const int key[] = {RAW_COL_kernel, RAW_COL_format};
    pick_part part;
    if (pick_partition(t, key, 2, kept, m, &part) != 0) {
        out->failed = 1;
        return;
    }
    size_t ncols = 0;
    const char *h[NCOLS(head)];
    md_align a[NCOLS(head)];
    for (size_t c = 0; c < NCOLS(head); c++)
        if ((c != COL_FLOOR && c != COL_ISSUE) || have[c]) {
            h[ncols] = head[c];
            a[ncols++] = align[c];
        }
    md_table_header(out, ncols, h, a);
    for (size_t g = 0; g < part.n; g++) {
        const size_t *group = part.member + part.start[g], k = part.start[g + 1] - part.start[g];
        char cases[32], eb[80], ef[80], ei[80], ed[80];
        snprintf(cases, sizeof cases, "%zu", k);
        const char *cells[NCOLS(head)];
        size_t c = 0;
        cells[c++] = csv_table_text(t, part.rep[g], RAW_COL_kernel);
        cells[c++] = csv_table_text(t, part.rep[g], RAW_COL_format);
        cells[c++] = cases;
        cells[c++] = abs_err_cell(t, group, k, MODEL_COL_err_pct_measured, 0, vals, eb, sizeof eb);
        if (have[COL_FLOOR])
            cells[c++] = abs_err_cell(t, group, k, MODEL_COL_err_pct_measured_floor, 0, vals, ef, sizeof ef);
        if (have[COL_ISSUE])
            cells[c++] = abs_err_cell(t, group, k, MODEL_COL_err_pct_issue_roof, 1, vals, ei, sizeof ei);
        cells[c++] = abs_err_cell(t, group, k, MODEL_COL_err_pct_datasheet, 0, vals, ed, sizeof ed);
        md_table_row(out, c, cells);
    }
    pick_part_free(&part);
    sbuf_puts(out, "\n");
}

/* The runs of one device: a table each, named when there are several. */
static void device_section(const csv_table *t, const size_t *dev_rows, size_t ndev, size_t *scratch,
                           double *vals, sbuf *out)
{
    const int run_key[] = {RAW_COL_run_id};
    pick_part runs;
    if (pick_partition(t, run_key, 1, dev_rows, ndev, &runs) != 0) {
        out->failed = 1;
        return;
    }
    int have[6] = {0};
    have[COL_FLOOR] = report_has_floor(t);
    have[COL_ISSUE] = report_has_issue(t);
    for (size_t i = 0; i < runs.n; i++) {
        const size_t *run_rows = runs.member + runs.start[i], n = runs.start[i + 1] - runs.start[i];
        if (runs.n > 1) {
            sbuf_puts(out, "Run ");
            md_escape(out, csv_table_text(t, runs.rep[i], RAW_COL_run_id));
            sbuf_printf(out, " (%zu cases):\n\n", n);
        }
        run_table(t, run_rows, n, have, scratch, vals, out);
    }
    pick_part_free(&runs);
}

void report_validation_tables(const csv_table *t, size_t *rows, sbuf *out)
{
    /* rows holds the device representatives; dev_rows the rows of one
     * device, then 5 * nrows of scratch for its runs, their rows and each
     * run's groups; vals the values a median is taken over. */
    size_t *dev_rows = malloc((6 * t->nrows + 1) * sizeof *dev_rows);
    double *vals = malloc((t->nrows + 1) * sizeof *vals);
    if (dev_rows == NULL || vals == NULL) {
        free(dev_rows);
        free(vals);
        out->failed = 1;
        return;
    }
    size_t *scratch = dev_rows + t->nrows;
    const int dev_key[] = {RAW_COL_device};
    pick_part devices;
    if (pick_partition(t, dev_key, 1, NULL, t->nrows, &devices) != 0) {
        free(dev_rows);
        free(vals);
        out->failed = 1;
        return;
    }
    (void)rows;
    sbuf_puts(out, "|error| in %, median / max, over the cases `model` counts in its error statistics "
                   "(check *ok*, a working set of at least 4× L2, not the read stream that sets the "
                   "ceiling), by kernel and format. Every case, with both predictions beside its "
                   "measurement, is in the data appendix.");
    if (report_has_issue(t))
        sbuf_puts(out, " *" PRED_ISSUE_ROOF "* is max(the bytes-only roofline, the time the SMs "
                       "take to issue the format's dequantization and multiply-adds at the rate its GEMV "
                       "reached with the weights in L2, `gemv_issue`) plus the launch floor: model predicts it "
                       "for the batch-1 GEMVs on the CUDA cores of a run that measured its formats' issue "
                       "roofs, so its cell counts those cases alone, and says – where there are none.");
    sbuf_puts(out, "\n\n");
    for (size_t d = 0; d < devices.n; d++) {
        size_t n = devices.start[d + 1] - devices.start[d];
        sbuf_puts(out, "### ");
        md_escape(out, csv_table_text(t, devices.rep[d], RAW_COL_device));
        sbuf_puts(out, "\n\n");
        device_section(t, devices.member + devices.start[d], n, scratch, vals, out);
    }
    pick_part_free(&devices);
    free(dev_rows);
    free(vals);
}
