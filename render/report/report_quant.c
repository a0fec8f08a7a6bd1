/* The quantization-accuracy section: each format's error of y beside its
 * speedup (see report_tables.h), from the accuracy chart's own picks
 * (accuracy_data.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charts/charts.h"
#include "doc/doc.h"
#include "report_tables.h"

#define NCOLS(a) (sizeof(a) / sizeof(a)[0])

static const char *pct_of(double fraction, char *buf, size_t size)
{
    if (isnan(fraction))
        return NULL;
    fmt_sig3(buf, size, 100.0 * fraction);
    strncat(buf, " %", size - strlen(buf) - 1);
    return buf;
}

/* The first format that beats format i on speed and both errors at
 * once, or NULL. */
static const char *beaten_by(const accuracy_data *d, size_t i)
{
    for (size_t j = 0; j < d->nformats; j++)
        if (j != i && accuracy_dominated(&d->f[i], &d->f[j]))
            return d->f[j].format;
    return NULL;
}

static int judged(const accuracy_format *a)
{
    return strcmp(a->format, "fp16") != 0 && !isnan(a->speedup) && !isnan(a->err_gaussian) &&
           !isnan(a->err_outliers);
}

static void accuracy_row(const accuracy_data *d, size_t i, sbuf *out)
{
    const accuracy_format *a = &d->f[i];
    char bits[32], eg[32], eo[32], s[32], id[32];
    if (!isnan(a->bits))
        snprintf(bits, sizeof bits, "%.4g", a->bits);
    const char *cells[] = {
        a->format,
        isnan(a->bits) ? NULL : bits,
        pct_of(a->err_gaussian, eg, sizeof eg),
        pct_of(a->err_outliers, eo, sizeof eo),
        times_cell(a->speedup, s, sizeof s),
        times_cell(a->ideal, id, sizeof id),
        judged(a) ? beaten_by(d, i) : NULL,
    };
    md_table_row(out, NCOLS(cells), cells);
}

/* "w8a16 (1.87×, 0.849 % / 5.90 %)" */
static void format_numbers(const accuracy_format *a, sbuf *out)
{
    char eg[32], eo[32];
    md_escape(out, a->format);
    sbuf_printf(out, " (%.2f×, %s / %s)", a->speedup, pct_of(a->err_gaussian, eg, sizeof eg),
                pct_of(a->err_outliers, eo, sizeof eo));
}

/* Which formats no one should pick, and the two ends of the trade-off. */
static void tradeoff_sentence(const accuracy_data *d, sbuf *out)
{
    const accuracy_format *best = NULL, *fast = NULL;
    size_t beaten = 0;
    for (size_t i = 0; i < d->nformats; i++) {
        const accuracy_format *a = &d->f[i];
        if (!judged(a))
            continue;
        if (best == NULL || a->err_gaussian + a->err_outliers <
                                best->err_gaussian + best->err_outliers)
            best = a;
        if (fast == NULL || a->speedup > fast->speedup)
            fast = a;
        const char *by = beaten_by(d, i);
        if (by == NULL)
            continue;
        sbuf_puts(out, beaten++ == 0 ? "\n*Beaten* (no faster and no more accurate than "
                                       "another format, so never worth picking): "
                                     : "; ");
        format_numbers(a, out);
        sbuf_puts(out, " by ");
        md_escape(out, by);
    }
    if (best == NULL)
        return;
    if (beaten == 0)
        sbuf_puts(out, "\nNo format is beaten on speed and on both errors at once by another: "
                       "each buys its speed with accuracy");
    sbuf_puts(out, ". The most accurate narrow format is ");
    format_numbers(best, out);
    sbuf_puts(out, ", the fastest ");
    format_numbers(fast, out);
    sbuf_puts(out, ".\n");
}

void report_quant(const accuracy_data *d, sbuf *out)
{
    static const char *const head[] = {"format",          "bits per weight",
                                       "error, Gaussian", "error, outliers",
                                       "speedup",         "ideal (16 / bits)",
                                       "beaten by"};
    static const md_align align[] = {MD_LEFT,  MD_RIGHT, MD_RIGHT, MD_RIGHT,
                                     MD_RIGHT, MD_RIGHT, MD_LEFT};
    if (!d->has_errors) {
        sbuf_puts(out, "This CSV holds no quantization error (the raw CSV's optional "
                       "`quant_err_gaussian` and `quant_err_outliers` columns, recorded by "
                       "`measure` since they were added), so the accuracy side of the trade-off "
                       "is not known here.\n");
        return;
    }
    sbuf_puts(out, "A narrow format changes the result: *error* is ‖Q(W)x − Wx‖ / ‖Wx‖ for the "
                   "format's reference quantizer (the very bits the kernels read) on a "
                   "1024 × 4096 matrix and random activations, against fp16 weights with exact "
                   "accumulation, once on Gaussian weights and once on heavy-tailed weights with "
                   "outlier rows and weights, the case that hurts large groups and per-row "
                   "scales. ");
    if (d->device != NULL) {
        char shape[64];
        snprintf(shape, sizeof shape, "%llu×%llu", (unsigned long long)d->n,
                 (unsigned long long)d->k);
        sbuf_printf(out, "*Speedup* is measured over our fp16 GEMV at %s, batch 1, on ", shape);
        md_escape(out, d->device);
        if (d->run_id != NULL) {
            sbuf_puts(out, ", run ");
            md_escape(out, d->run_id);
        }
        sbuf_puts(out, ", as in the verdicts.\n\n");
    } else {
        sbuf_puts(out, "No fp16 GEMV baseline was measured, so there are no speedups.\n\n");
    }
    md_table_header(out, NCOLS(head), head, align);
    for (size_t i = 0; i < d->nformats; i++)
        accuracy_row(d, i, out);
    tradeoff_sentence(d, out);
}
