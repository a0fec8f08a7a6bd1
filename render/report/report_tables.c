#include "report_tables.h"

#include <stdio.h>
#include <stdlib.h>

#include "charts/charts.h"
#include "doc/doc.h"
#include "formats.h"

#define NCOLS(a) (sizeof(a) / sizeof(a)[0])

void report_runs_table(const csv_table *t, size_t *rows, sbuf *out)
{
    static const char *const head[] = {"run", "device", "started (UTC)", "spec", "spec mode",
                                       "power mode", "power source"};
    const int key[] = {RAW_COL_run_id};
    size_t n = pick_groups(t, key, 1, NULL, t->nrows, rows);
    pick_order_by_device(t, rows, n);
    md_table_header(out, NCOLS(head), head, NULL);
    for (size_t i = 0; i < n; i++) {
        size_t r = rows[i];
        const char *cells[] = {
            csv_table_text(t, r, RAW_COL_run_id),       csv_table_text(t, r, RAW_COL_device),
            csv_table_text(t, r, RAW_COL_timestamp_utc), csv_table_text(t, r, MODEL_COL_spec_id),
            csv_table_text(t, r, MODEL_COL_spec_mode),  csv_table_text(t, r, RAW_COL_power_mode),
            csv_table_text(t, r, RAW_COL_power_source),
        };
        md_table_row(out, NCOLS(head), cells);
    }
}

void report_software_table(const csv_table *t, size_t *rows, sbuf *out)
{
    static const char *const head[] = {"run", "CUDA runtime", "CUDA driver", "measure commit",
                                       "SMs", "L2"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT};
    const int key[] = {RAW_COL_run_id};
    size_t n = pick_groups(t, key, 1, NULL, t->nrows, rows);
    pick_order_by_device(t, rows, n);
    md_table_header(out, NCOLS(head), head, align);
    for (size_t i = 0; i < n; i++) {
        size_t r = rows[i];
        char l2[32];
        double l2_bytes;
        const char *l2_cell = NULL;
        if (csv_table_real(t, r, RAW_COL_l2_bytes, &l2_bytes) == 0) {
            fmt_bytes_binary(l2, sizeof l2, l2_bytes);
            l2_cell = l2;
        }
        const char *cells[] = {
            csv_table_text(t, r, RAW_COL_run_id),     csv_table_text(t, r, RAW_COL_cuda_runtime),
            csv_table_text(t, r, RAW_COL_cuda_driver), csv_table_text(t, r, RAW_COL_git_commit),
            csv_table_text(t, r, RAW_COL_sm_count),   l2_cell,
        };
        md_table_row(out, NCOLS(head), cells);
    }
}

/* "0.91×": how much of the datasheet the measured stream reached. */
static const char *ratio_cell(double num, double den, char *buf, size_t size)
{
    if (!(den > 0.0))
        return NULL;
    snprintf(buf, size, "%.2f×", num / den);
    return buf;
}

/* 1 when some row of t holds a measured L2 ceiling (stream_read_l2). */
static int any_l2_measured(const csv_table *t)
{
    double v;
    for (size_t r = 0; r < t->nrows; r++)
        if (csv_table_real(t, r, MODEL_COL_bw_l2_measured_gbs, &v) == 0)
            return 1;
    return 0;
}

/* DRAM per run, and the L2-resident read beside it when any run measured
 * one (every archive before stream_read_l2 keeps the six columns it had).
 * Vendors rarely publish an L2 bandwidth: without one in the spec its
 * datasheet cell says n/a. */
void report_ceilings_table(const csv_table *t, size_t *rows, sbuf *out)
{
    static const char *const head[] = {"device", "run", "spec mode", "DRAM GB/s (datasheet)",
                                       "DRAM GB/s (measured)", "measured / datasheet",
                                       "L2 GB/s (datasheet)", "L2 GB/s (measured)"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT};
    const size_t ncols = any_l2_measured(t) ? NCOLS(head) : NCOLS(head) - 2;
    const int key[] = {RAW_COL_device, RAW_COL_run_id, MODEL_COL_spec_mode};
    size_t n = pick_groups(t, key, NCOLS(key), NULL, t->nrows, rows);
    pick_order_by_device(t, rows, n);
    md_table_header(out, ncols, head, align);
    for (size_t i = 0; i < n; i++) {
        size_t r = rows[i];
        char ds[32], ms[32], ratio[32], l2ds[32], l2ms[32];
        double bw_ds = 0.0, bw_ms = 0.0;
        csv_table_real(t, r, MODEL_COL_bw_datasheet_gbs, &bw_ds);
        int have_ms = csv_table_real(t, r, MODEL_COL_bw_measured_gbs, &bw_ms) == 0;
        const char *l2_ds_cell = fmt_cell(t, r, MODEL_COL_bw_l2_datasheet_gbs, fmt_sig3, l2ds, sizeof l2ds);
        const char *cells[] = {
            csv_table_text(t, r, RAW_COL_device),
            csv_table_text(t, r, RAW_COL_run_id),
            csv_table_text(t, r, MODEL_COL_spec_mode),
            fmt_cell(t, r, MODEL_COL_bw_datasheet_gbs, fmt_sig3, ds, sizeof ds),
            fmt_cell(t, r, MODEL_COL_bw_measured_gbs, fmt_sig3, ms, sizeof ms),
            have_ms ? ratio_cell(bw_ms, bw_ds, ratio, sizeof ratio) : NULL,
            l2_ds_cell != NULL ? l2_ds_cell : "n/a",
            fmt_cell(t, r, MODEL_COL_bw_l2_measured_gbs, fmt_sig3, l2ms, sizeof l2ms),
        };
        md_table_row(out, ncols, cells);
    }
}

/* The ridge p / bw with each run's own measured bw among the rows of rep's
 * device, mode and unit, in run order, joined by " / " when the runs differ:
 * never one ridge of an averaged bandwidth. NULL when no run measured one. */
static const char *measured_ridges(const csv_table *t, size_t rep, double peak, char *buf, size_t size)
{
    const int key[] = {RAW_COL_device, MODEL_COL_spec_mode, MODEL_COL_compute_unit};
    size_t used = 0, n = 0;
    double seen[8];
    buf[0] = '\0';
    for (size_t r = 0; r < t->nrows && n < 8; r++) {
        double bw;
        size_t one = r;
        if (pick_matching(t, rep, key, 3, &one, 1, &one) == 0 ||
            csv_table_real(t, r, MODEL_COL_bw_measured_gbs, &bw) != 0 || !(bw > 0.0))
            continue;
        size_t i = 0;
        while (i < n && seen[i] != bw)
            i++;
        if (i < n)
            continue;
        seen[n++] = bw;
        char v[32];
        fmt_sig3(v, sizeof v, peak / bw);
        used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "%s%s", n > 1 ? " / " : "", v);
    }
    return n > 0 && used < size ? buf : NULL;
}

void report_compute_table(const csv_table *t, size_t *rows, sbuf *out)
{
    static const char *const head[] = {"device", "spec mode", "compute unit",
                                       "peak GFLOP/s (datasheet)", "ridge flop/byte (datasheet BW)",
                                       "ridge flop/byte (each run's measured BW)"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT};
    const int key[] = {RAW_COL_device, MODEL_COL_spec_mode, MODEL_COL_compute_unit};
    size_t n = pick_groups(t, key, NCOLS(key), NULL, t->nrows, rows);
    pick_order_by_device(t, rows, n);
    md_table_header(out, NCOLS(head), head, align);
    for (size_t i = 0; i < n; i++) {
        size_t r = rows[i];
        char peak[32], rds[32], rms[128];
        double p = 0.0, bw_ds = 0.0;
        csv_table_real(t, r, MODEL_COL_peak_datasheet_gflops, &p);
        csv_table_real(t, r, MODEL_COL_bw_datasheet_gbs, &bw_ds);
        /* GFLOP/s over GB/s is flop per byte. */
        if (bw_ds > 0.0)
            fmt_sig3(rds, sizeof rds, p / bw_ds);
        const char *cells[] = {
            csv_table_text(t, r, RAW_COL_device),
            csv_table_text(t, r, MODEL_COL_spec_mode),
            csv_table_text(t, r, MODEL_COL_compute_unit),
            fmt_cell(t, r, MODEL_COL_peak_datasheet_gflops, fmt_sig3, peak, sizeof peak),
            bw_ds > 0.0 ? rds : NULL,
            measured_ridges(t, r, p, rms, sizeof rms),
        };
        md_table_row(out, NCOLS(head), cells);
    }
}

void report_formats_table(const csv_table *t, size_t *rows, sbuf *out)
{
    static const char *const head[] = {"format", "storage", "bits per weight",
                                       "ideal speedup over fp16 (bandwidth-bound)"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT};
    const int key[] = {RAW_COL_format};
    size_t n = pick_groups(t, key, 1, NULL, t->nrows, rows);
    md_table_header(out, NCOLS(head), head, align);
    for (size_t i = 0; i < n; i++) {
        const char *name = csv_table_text(t, rows[i], RAW_COL_format);
        const weight_format *f = weight_format_find(name);
        char bits[32], speedup[32];
        if (f != NULL) {
            double b = weight_format_bits_per_weight(f);
            snprintf(bits, sizeof bits, "%.4g", b);
            snprintf(speedup, sizeof speedup, "%.2f×", 16.0 / b);
        }
        const char *cells[] = {name, f != NULL ? f->label : "not in the format table",
                               f != NULL ? bits : NULL, f != NULL ? speedup : NULL};
        md_table_row(out, NCOLS(head), cells);
    }
}
