/* The measured decode step (see report_tables.h): a whole token of a real
 * LLM timed as one CUDA graph, beside its predictions, from the decode-step
 * chart's own picks (charts/step_data.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charts/cell_read.h"
#include "charts/charts.h"
#include "doc/doc.h"
#include "decode_plan.h"
#include "formats.h"
#include "report_tables.h"

#define NCOLS(a) (sizeof(a) / sizeof(a)[0])
#define SCALED_MARK " ‡"

/* "178" or "3.38 ‡" for a step scaled from fewer layers. */
static const char *tokens_cell(const step_row *s, double v, char *buf, size_t size)
{
    if (isnan(v))
        return NULL;
    fmt_sig3(buf, size, v);
    if (s->scaled)
        strncat(buf, SCALED_MARK, size - strlen(buf) - 1);
    return buf;
}

static const char *share_cell(double v, char *buf, size_t size)
{
    if (isnan(v))
        return NULL;
    snprintf(buf, size, "%.0f %%", 100.0 * v);
    return buf;
}

/* The distinct runs of the steps, in order; returns how many (at most max). */
static size_t step_runs(const step_data *d, const step_row **runs, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nbest; i++) {
        const step_row *s = &d->rows[d->best[i]];
        size_t j = 0;
        while (j < n && !(text_same(runs[j]->run_id, s->run_id) && text_same(runs[j]->device, s->device)))
            j++;
        if (j == n && n < max)
            runs[n++] = s;
    }
    return n;
}

/* skip 2 drops the run and device columns (one run: the sentence above
 * names it, and a 20-character run id and a device name on every row
 * squeezed the table to four lines a row). */
static void measured_table(const step_data *d, size_t skip, sbuf *out)
{
    static const char *const head[] = {"run", "device, mode", "LLM", "format", "scheme", "tokens/s measured",
                                       "roofline + launch floor", "error %", "bytes-only roofline",
                                       "J per token measured", "J per token, energy fit", "of the read stream"};
    static const md_align align[] = {MD_LEFT,  MD_LEFT,  MD_LEFT,  MD_LEFT,  MD_LEFT,  MD_RIGHT,
                                     MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT};
    md_table_header(out, NCOLS(head) - skip, head + skip, align + skip);
    for (size_t i = 0; i < d->nbest; i++) {
        const step_row *s = &d->rows[d->best[i]];
        char dev[160], m[32], p[32], e[32], b[32], j[32], pj[32], sh[32];
        snprintf(dev, sizeof dev, "%s, %s", report_text(s->device), report_text(s->spec_mode));
        const char *cells[] = {
            s->run_id,
            dev,
            s->llm,
            s->format,
            s->scheme,
            tokens_cell(s, s->tokens_per_s, m, sizeof m),
            sig3_cell(s->pred_tokens_per_s, p, sizeof p),
            isnan(s->err_pct) ? NULL : (fmt_pct(e, sizeof e, s->err_pct), e),
            sig3_cell(s->bytes_only_tokens_per_s, b, sizeof b),
            sig3_cell(s->j_per_token, j, sizeof j),
            sig3_cell(s->pred_j_per_token, pj, sizeof pj),
            share_cell(s->stream_share, sh, sizeof sh),
        };
        md_table_row(out, NCOLS(cells) - skip, cells + skip);
    }
}

/* How much of the bytes ratio over fp16 survives in a whole token; skip 1
 * drops the run column (one run). */
static void speedup_table(const step_data *d, size_t skip, sbuf *out)
{
    static const char *const head[] = {"run", "LLM", "format", "measured speedup over fp16",
                                       "ideal (16 / bits)", "of the ideal"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT};
    size_t rows = 0;
    for (size_t i = 0; i < d->nbest; i++) {
        const step_row *s = &d->rows[d->best[i]];
        const weight_format *f = weight_format_find(s->format);
        double v = step_speedup(d, s->run_id, s->llm, s->format);
        if (text_same(s->format, "fp16") || f == NULL || isnan(v))
            continue;
        double ideal = 16.0 / weight_format_bits_per_weight(f);
        if (rows++ == 0) {
            sbuf_puts(out, "\nHow much of the bytes ratio survives in a real token: each format's measured "
                           "tokens/s over fp16's for the same LLM (both at their fastest scheme, batch 1), "
                           "against the ideal 16 / bits per weight.\n\n");
            md_table_header(out, NCOLS(head) - skip, head + skip, align + skip);
        }
        char a[32], b[32], c[32];
        fmt_times(a, sizeof a, v);
        fmt_times(b, sizeof b, ideal);
        snprintf(c, sizeof c, "%.0f %%", 100.0 * v / ideal);
        const char *cells[] = {s->run_id, s->llm, s->format, a, b, c};
        md_table_row(out, NCOLS(cells) - skip, cells + skip);
    }
}

static int scheme_rank(const char *name)
{
    const decode_scheme *s = decode_scheme_find(name);
    return s != NULL ? (int)(s - DECODE_SCHEME_TABLE) : DECODE_SCHEME_COUNT;
}

/* What each launch scheme is worth, for the run's LLM timed in all. */
static void scheme_table(const step_data *d, const step_row *run, sbuf *out)
{
    size_t nschemes = 0;
    const char *llm = step_scheme_llm(d, run->run_id, &nschemes);
    if (llm == NULL)
        return;
    const char *schemes[8];
    size_t ns = 0;
    for (size_t i = 0; i < d->n && ns < 8; i++) { /* the run's schemes, in order */
        const step_row *s = &d->rows[i];
        size_t j = 0;
        while (j < ns && !text_same(schemes[j], s->scheme))
            j++;
        if (j == ns && text_same(s->run_id, run->run_id) && text_same(s->llm, llm) && s->batch == 1)
            schemes[ns++] = s->scheme;
    }
    for (size_t i = 1; i < ns; i++) /* the scheme table's order (decode_plan.h), unknown ones last */
        for (size_t j = i; j > 0 && scheme_rank(schemes[j - 1]) > scheme_rank(schemes[j]); j--) {
            const char *x = schemes[j];
            schemes[j] = schemes[j - 1];
            schemes[j - 1] = x;
        }
    const char *head[1 + 8];
    md_align align[1 + 8];
    head[0] = "format";
    align[0] = MD_LEFT;
    for (size_t j = 0; j < ns; j++) {
        head[1 + j] = schemes[j];
        align[1 + j] = MD_RIGHT;
    }
    sbuf_puts(out, "\nWhat each launch scheme is worth, run ");
    md_escape(out, run->run_id);
    sbuf_puts(out, ", ");
    md_escape(out, llm);
    sbuf_puts(out, " at batch 1: tokens/s, and in brackets the share of the run's read stream the step's bytes "
                   "moved at (*graph*: one launch per GEMV; *fused*: the GEMVs that share an input stacked into "
                   "one launch; *pdl*: each launch starts while the one before finishes).\n\n");
    md_table_header(out, 1 + ns, head, align);
    const char *formats[WEIGHT_FORMAT_COUNT];
    size_t nf = 0;
    for (size_t i = 0; i < d->nbest; i++) {
        const step_row *s = &d->rows[d->best[i]];
        if (text_same(s->run_id, run->run_id) && text_same(s->llm, llm) && nf < WEIGHT_FORMAT_COUNT)
            formats[nf++] = s->format;
    }
    for (size_t f = 0; f < nf; f++) {
        const char *cells[1 + 8];
        char v[8][48];
        cells[0] = formats[f];
        for (size_t j = 0; j < ns; j++) {
            const step_row *s = step_with_scheme(d, run->run_id, llm, formats[f], schemes[j]);
            cells[1 + j] = NULL;
            if (s == NULL)
                continue;
            char t[32];
            fmt_sig3(t, sizeof t, s->tokens_per_s);
            if (isnan(s->stream_share))
                snprintf(v[j], sizeof v[j], "%s", t);
            else
                snprintf(v[j], sizeof v[j], "%s (%.0f %%)", t, 100.0 * s->stream_share);
            cells[1 + j] = v[j];
        }
        md_table_row(out, 1 + ns, cells);
    }
}

/* Tokens/s at every batch measured, for each LLM and format of the run. */
static void batch_table(const step_data *d, const step_row *run, sbuf *out)
{
    uint64_t batches[8];
    size_t nb = 0;
    for (size_t i = 0; i < d->n; i++) {
        const step_row *s = &d->rows[i];
        size_t j = 0;
        while (j < nb && batches[j] != s->batch)
            j++;
        if (text_same(s->run_id, run->run_id) && j == nb && nb < 8)
            batches[nb++] = s->batch;
    }
    if (nb < 2)
        return;
    for (size_t i = 1; i < nb; i++) /* ascending */
        for (size_t j = i; j > 0 && batches[j - 1] > batches[j]; j--) {
            uint64_t x = batches[j];
            batches[j] = batches[j - 1];
            batches[j - 1] = x;
        }
    const char *head[2 + 8];
    md_align align[2 + 8];
    char names[8][32];
    head[0] = "LLM";
    head[1] = "format";
    align[0] = align[1] = MD_LEFT;
    for (size_t j = 0; j < nb; j++) {
        snprintf(names[j], sizeof names[j], "batch %llu, tokens/s", (unsigned long long)batches[j]);
        head[2 + j] = names[j];
        align[2 + j] = MD_RIGHT;
    }
    sbuf_puts(out, "\nSeveral tokens at once (speculative decoding, a small serving batch), run ");
    md_escape(out, run->run_id);
    sbuf_puts(out, ": tokens/s of the whole batch at its fastest scheme, on the tensor cores from batch 2.\n\n");
    md_table_header(out, 2 + nb, head, align);
    for (size_t i = 0; i < d->nbest; i++) {
        const step_row *s = &d->rows[d->best[i]];
        if (!text_same(s->run_id, run->run_id) || step_at_batch(d, s->run_id, s->llm, s->format, batches[1]) == NULL)
            continue;
        const char *cells[2 + 8];
        char v[8][32];
        cells[0] = s->llm;
        cells[1] = s->format;
        for (size_t j = 0; j < nb; j++) {
            const step_row *q = step_at_batch(d, s->run_id, s->llm, s->format, batches[j]);
            cells[2 + j] = q != NULL ? tokens_cell(q, q->tokens_per_s, v[j], sizeof v[j]) : NULL;
        }
        md_table_row(out, 2 + nb, cells);
    }
}

/* ‡: which steps ran only the layers that fit, and how they were scaled. */
static void scaled_note(const step_data *d, sbuf *out)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++) {
        const step_row *s = &d->rows[i];
        if (!s->scaled)
            continue;
        int dup = 0; /* one clause per run, LLM, format and layers */
        for (size_t j = 0; j < i; j++)
            dup |= d->rows[j].scaled && text_same(d->rows[j].run_id, s->run_id) &&
                   text_same(d->rows[j].llm, s->llm) && text_same(d->rows[j].format, s->format) &&
                   d->rows[j].layers_run == s->layers_run;
        if (dup)
            continue;
        sbuf_puts(out, n++ == 0 ? "\n‡ Scaled from fewer layers: only " : "; ");
        sbuf_printf(out, "%llu of %llu layers of ", (unsigned long long)s->layers_run,
                    (unsigned long long)s->llm_layers);
        md_escape(out, s->llm);
        sbuf_puts(out, " in ");
        md_escape(out, s->format);
        sbuf_puts(out, " fit on ");
        md_escape(out, report_text(s->device));
        sbuf_puts(out, " (run ");
        md_escape(out, s->run_id);
        sbuf_puts(out, ")");
    }
    if (n > 0)
        sbuf_puts(out, ". `measure` ran those layers and the LM head and scaled the time to the whole model by "
                       "its bytes over the bytes that ran; the predictions are scaled alike.\n");
}

/* A step with a bytes-only prediction but none with the floor calibrated
 * the cost per launch: say so under the table. */
static void calibration_note(const step_data *d, sbuf *out)
{
    for (size_t i = 0; i < d->nbest; i++) {
        const step_row *s = &d->rows[d->best[i]];
        if (isnan(s->pred_tokens_per_s) && !isnan(s->bytes_only_tokens_per_s)) {
            sbuf_puts(out, "\n–: no prediction. `model` measures the cost per launch in each run on its "
                           "smallest model's step of the same format, scheme and batch, as it measures the read "
                           "stream: that model's own steps set it and have no prediction of their own (the "
                           "other models' are out of sample), and a step whose scheme the smallest model did "
                           "not run has none where the run fitted no launch floor either.\n");
            return;
        }
    }
}

/* Steps the roofline + launch floor misses by more than 25 %: named, and
 * left unexplained (no rule here accounts for a whole step's error). */
static void large_step_errors(const step_data *d, sbuf *out)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nbest; i++) {
        const step_row *s = &d->rows[d->best[i]];
        if (!(fabs(s->err_pct) > 25.0))
            continue;
        char e[32];
        fmt_pct(e, sizeof e, s->err_pct);
        sbuf_puts(out, n++ == 0 ? "\nOver 25 % off with the roofline + launch floor, and unexplained: " : "; ");
        md_escape(out, s->llm);
        sbuf_puts(out, " ");
        md_escape(out, s->format);
        sbuf_puts(out, " on ");
        md_escape(out, s->run_id);
        sbuf_printf(out, " (%s %%)", e);
    }
    if (n > 0)
        sbuf_puts(out, ".\n");
}

void report_decode_steps(const step_data *d, sbuf *out)
{
    if (d->nbest == 0) {
        sbuf_puts(out, "No run in the input timed a whole decode step (`measure`'s `decode_step` rows), so "
                       "every tokens/s in this report is a prediction: see *Edge deployment*.\n");
        return;
    }
    const step_row *runs[16];
    size_t n = step_runs(d, runs, 16);
    sbuf_puts(out, "A decode step is one token of a real LLM: every GEMV of every layer and the LM head, in "
                   "layer order, timed as one CUDA graph (no attention, norms or activations: at short "
                   "context the GEMVs move nearly all of a token's bytes). Below, ");
    if (n == 1) {
        sbuf_puts(out, "for run ");
        md_escape(out, runs[0]->run_id);
        sbuf_puts(out, " on ");
        md_escape(out, report_text(runs[0]->device));
        sbuf_puts(out, " (");
        md_escape(out, report_text(runs[0]->spec_mode));
        sbuf_puts(out, "), the fastest launch scheme");
    } else {
        sbuf_puts(out, "each run's fastest launch scheme");
    }
    sbuf_puts(out, " at batch 1 for every LLM and format, whole model, beside the two predictions of the same "
                   "step: the *roofline + launch floor* (its bytes at the run's read stream plus a cost per "
                   "launch, once per launch) and the *bytes-only roofline*; J per token is the measured energy "
                   "and the run's energy fit at the measured time.\n\n");
    measured_table(d, n == 1 ? 2 : 0, out);
    calibration_note(d, out);
    large_step_errors(d, out);
    speedup_table(d, n == 1 ? 1 : 0, out);
    for (size_t i = 0; i < n; i++) {
        scheme_table(d, runs[i], out);
        batch_table(d, runs[i], out);
    }
    scaled_note(d, out);
}
