/* The validation tables: for each device (and run, when a device has
 * several), every measured case against both predictions. */
#include "report_tables.h"

#include <stdio.h>
#include <stdlib.h>

#include "charts/charts.h"
#include "doc/doc.h"

#define NCOLS(a) (sizeof(a) / sizeof(a)[0])

static const char *const VALIDATION_HEAD[] = {
    "kernel",          "format",          "n",        "k",
    "batch",           "median µs",       "bytes-only roofline µs",
    "bytes-only roofline, error %", "datasheet roofline µs", "datasheet roofline, error %",
    "achieved GB/s",   "of measured BW",  "check",
};
static const md_align VALIDATION_ALIGN[] = {
    MD_LEFT,  MD_LEFT,  MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT,
    MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_LEFT,
};
_Static_assert(NCOLS(VALIDATION_HEAD) == NCOLS(VALIDATION_ALIGN), "one alignment per column");

/* The same table when the model CSV carries a launch floor
 * (launch_floor_us and its prediction): two more columns after the
 * measured-ceiling error. */
static const char *const FLOOR_HEAD[] = {
    "kernel",          "format",          "n",        "k",
    "batch",           "median µs",       "bytes-only roofline µs",
    "bytes-only roofline, error %", "roofline + launch floor µs", "roofline + launch floor, error %",
    "datasheet roofline µs", "datasheet roofline, error %",
    "achieved GB/s",   "of measured BW",  "check",
};
static const md_align FLOOR_ALIGN[] = {
    MD_LEFT,  MD_LEFT,  MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT,
    MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_LEFT,
};
_Static_assert(NCOLS(FLOOR_HEAD) == NCOLS(FLOOR_ALIGN), "one alignment per column");

int report_has_floor(const csv_table *t)
{
    double v;
    for (size_t r = 0; r < t->nrows; r++)
        if (csv_table_real(t, r, MODEL_COL_time_us_pred_measured_floor, &v) == 0)
            return 1;
    return 0;
}

/* One row of the validation table; floor adds the launch-floor pair after
 * the measured-ceiling pair, as the header does. */
static void validation_row(const csv_table *t, size_t r, int floor, sbuf *out)
{
    char med[32], pm[32], em[32], pf[32], ef[32], pd[32], ed[32], gbs[32], frac[32];
    const char *cells[15];
    size_t n = 0;
    cells[n++] = csv_table_text(t, r, RAW_COL_kernel);
    cells[n++] = csv_table_text(t, r, RAW_COL_format);
    cells[n++] = csv_table_text(t, r, RAW_COL_n);
    cells[n++] = csv_table_text(t, r, RAW_COL_k);
    cells[n++] = csv_table_text(t, r, RAW_COL_batch);
    cells[n++] = fmt_cell(t, r, RAW_COL_time_us_median, fmt_sig3, med, sizeof med);
    cells[n++] = fmt_cell(t, r, MODEL_COL_time_us_pred_measured, fmt_sig3, pm, sizeof pm);
    cells[n++] = fmt_cell(t, r, MODEL_COL_err_pct_measured, fmt_pct, em, sizeof em);
    if (floor) {
        cells[n++] = fmt_cell(t, r, MODEL_COL_time_us_pred_measured_floor, fmt_sig3, pf, sizeof pf);
        cells[n++] = fmt_cell(t, r, MODEL_COL_err_pct_measured_floor, fmt_pct, ef, sizeof ef);
    }
    cells[n++] = fmt_cell(t, r, MODEL_COL_time_us_pred_datasheet, fmt_sig3, pd, sizeof pd);
    cells[n++] = fmt_cell(t, r, MODEL_COL_err_pct_datasheet, fmt_pct, ed, sizeof ed);
    cells[n++] = fmt_cell(t, r, MODEL_COL_achieved_gbs, fmt_sig3, gbs, sizeof gbs);
    cells[n++] = fmt_cell(t, r, MODEL_COL_bw_fraction_of_measured, fmt_times, frac, sizeof frac);
    cells[n++] = csv_table_text(t, r, RAW_COL_check);
    md_table_row(out, n, cells);
}

/* The runs of one device: a table each, named when there are several. */
static void device_section(const csv_table *t, const size_t *dev_rows, size_t ndev, size_t *scratch,
                           sbuf *out)
{
    const int run_key[] = {RAW_COL_run_id};
    size_t *reps = scratch;
    size_t nruns = pick_groups(t, run_key, 1, dev_rows, ndev, reps);
    size_t *run_rows = scratch + nruns;
    for (size_t i = 0; i < nruns; i++) {
        size_t n = pick_matching(t, reps[i], run_key, 1, dev_rows, ndev, run_rows);
        if (nruns > 1) {
            sbuf_puts(out, "Run ");
            md_escape(out, csv_table_text(t, reps[i], RAW_COL_run_id));
            sbuf_printf(out, " (%zu cases):\n\n", n);
        }
        int floor = report_has_floor(t);
        if (floor)
            md_table_header(out, NCOLS(FLOOR_HEAD), FLOOR_HEAD, FLOOR_ALIGN);
        else
            md_table_header(out, NCOLS(VALIDATION_HEAD), VALIDATION_HEAD, VALIDATION_ALIGN);
        for (size_t j = 0; j < n; j++)
            validation_row(t, run_rows[j], floor, out);
        sbuf_puts(out, "\n");
    }
}

void report_validation_tables(const csv_table *t, size_t *rows, sbuf *out)
{
    /* rows holds the device representatives; dev_rows the rows of one device,
     * then 2 * nrows of scratch for its runs and their rows. */
    size_t *dev_rows = malloc((3 * t->nrows + 1) * sizeof *dev_rows);
    if (dev_rows == NULL) {
        out->failed = 1;
        return;
    }
    size_t *scratch = dev_rows + t->nrows;
    const int dev_key[] = {RAW_COL_device};
    size_t ndevices = pick_groups(t, dev_key, 1, NULL, t->nrows, rows);
    for (size_t d = 0; d < ndevices; d++) {
        size_t n = pick_matching(t, rows[d], dev_key, 1, NULL, t->nrows, dev_rows);
        sbuf_puts(out, "### ");
        md_escape(out, csv_table_text(t, rows[d], RAW_COL_device));
        sbuf_puts(out, "\n\n");
        device_section(t, dev_rows, n, scratch, out);
    }
    free(dev_rows);
}
