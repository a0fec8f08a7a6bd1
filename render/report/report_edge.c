/* The edge-deployment section (see report_tables.h): decode predictions
 * by device, power mode and format, and the memory fit, from the decode
 * and memory charts' own picks (decode_data.h); then the Orin Nano's power
 * modes predicted with the issue roof (model --modes, issue 15). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts/cell_read.h"
#include "charts/charts.h"
#include "doc/doc.h"
#include "report_tables.h"

#define GIB (1024.0 * 1024.0 * 1024.0)

static const char *const NO_DECODE =
    "No decode CSV was given (`render --decode`, written by `model -d`), so there are no "
    "decode predictions or memory fits here.\n";

/* "a, b and c" of the specs that match (measured or not), escaped. */
static size_t spec_list(const decode_data *d, int measured, sbuf *out)
{
    size_t n = 0, total = 0;
    for (size_t i = 0; i < d->nspecs; i++)
        total += d->specs[i].measured == measured;
    for (size_t i = 0; i < d->nspecs; i++) {
        if (d->specs[i].measured != measured)
            continue;
        if (n > 0)
            sbuf_puts(out, n + 1 == total ? " and " : ", ");
        md_escape(out, d->specs[i].spec_id);
        n++;
    }
    return n;
}

/* One table row: the row's predictions on one basis. */
static void decode_line(const decode_data *d, const decode_row *r, int measured, sbuf *out)
{
    const char *cells[3 + DEC_MAX_FORMATS];
    char v[DEC_MAX_FORMATS][48], basis[160];
    int plain = r->spec_mode == NULL || strcmp(r->spec_mode, "datasheet") == 0;
    if (measured)
        snprintf(basis, sizeof basis, "predicted: roofline + launch floor of run %s", r->run_id);
    else
        snprintf(basis, sizeof basis, "predicted: datasheet roofline");
    cells[0] = r->spec_id;
    cells[1] = plain ? NULL : r->spec_mode;
    cells[2] = basis;
    for (size_t k = 0; k < d->nformats; k++) {
        double x = measured ? r->measured[k] : r->datasheet[k];
        cells[3 + k] = NULL;
        if (isnan(x))
            continue;
        fmt_sig3(v[k], sizeof v[k], x);
        if (r->fits[k] == 0)
            strncat(v[k], " †", sizeof v[k] - strlen(v[k]) - 1);
        cells[3 + k] = v[k];
    }
    md_table_row(out, 3 + d->nformats, cells);
}

static void decode_table(const decode_data *d, sbuf *out)
{
    const char *head[3 + DEC_MAX_FORMATS] = {"device spec", "power mode", "basis"};
    md_align align[3 + DEC_MAX_FORMATS] = {MD_LEFT, MD_LEFT, MD_LEFT};
    for (size_t k = 0; k < d->nformats; k++) {
        head[3 + k] = d->formats[k];
        align[3 + k] = MD_RIGHT;
    }
    md_table_header(out, 3 + d->nformats, head, align);
    for (size_t i = 0; i < d->nrows; i++) {
        decode_line(d, &d->rows[i], 0, out);
        if (d->rows[i].run_id != NULL)
            decode_line(d, &d->rows[i], 1, out);
    }
}

/* The widest shown format that fits on every row of spec (-1: none). */
static int widest_fitting(const decode_data *d, const char *spec)
{
    for (size_t k = 0; k < d->nformats; k++) {
        int ok = 1, any = 0;
        for (size_t i = 0; i < d->nrows; i++)
            if (strcmp(d->rows[i].spec_id, spec) == 0) {
                any = 1;
                ok &= d->rows[i].fits[k] != 0 && !isnan(d->rows[i].datasheet[k]);
            }
        if (any && ok)
            return (int)k;
    }
    return -1;
}

/* Specs with several power modes: the range the modes span. */
static void mode_sentences(const decode_data *d, sbuf *out)
{
    for (size_t s = 0; s < d->nspecs; s++) {
        const char *spec = d->specs[s].spec_id;
        int k = widest_fitting(d, spec);
        const decode_row *lo = NULL, *hi = NULL;
        size_t modes = 0;
        for (size_t i = 0; k >= 0 && i < d->nrows; i++) {
            const decode_row *r = &d->rows[i];
            if (strcmp(r->spec_id, spec) != 0 || r->run_id != NULL)
                continue;
            modes++;
            lo = lo == NULL || r->datasheet[k] < lo->datasheet[k] ? r : lo;
            hi = hi == NULL || r->datasheet[k] > hi->datasheet[k] ? r : hi;
        }
        if (modes < 2)
            continue;
        char a[32], b[32];
        fmt_sig3(a, sizeof a, lo->datasheet[k]);
        fmt_sig3(b, sizeof b, hi->datasheet[k]);
        sbuf_puts(out, "- ");
        md_escape(out, spec);
        sbuf_printf(out, ", %zu power modes: %s tokens/s (", modes, a);
        md_escape(out, lo->spec_mode);
        sbuf_printf(out, ") to %s (", b);
        md_escape(out, hi->spec_mode);
        sbuf_puts(out, ") at ");
        md_escape(out, d->formats[k]);
        sbuf_puts(out, ", its widest format that fits in every mode.\n");
    }
}

/* The measured rows: how far the run's ceiling and floor move the
 * prediction from the datasheet's, and tokens per joule. */
static void measured_sentences(const decode_data *d, sbuf *out)
{
    for (size_t i = 0; i < d->nrows; i++) {
        const decode_row *r = &d->rows[i];
        int k = widest_fitting(d, r->spec_id);
        if (r->run_id == NULL || k < 0 || isnan(r->measured[k]))
            continue;
        char m[32], ds[32];
        fmt_sig3(m, sizeof m, r->measured[k]);
        fmt_sig3(ds, sizeof ds, r->datasheet[k]);
        sbuf_puts(out, "\nOn ");
        md_escape(out, r->spec_id);
        sbuf_printf(out, ", measured by run ");
        md_escape(out, r->run_id);
        sbuf_printf(out, ", the run's ceiling and launch floor predict %s tokens/s at ", m);
        md_escape(out, d->formats[k]);
        sbuf_printf(out, " where the datasheet alone predicts %s (%.2f×)", ds,
                    r->measured[k] / r->datasheet[k]);
        if (!isnan(r->launch_floor_us) && !isnan(r->calls_per_token)) {
            char fl[32];
            fmt_sig3(fl, sizeof fl, r->launch_floor_us);
            sbuf_printf(out, "; the launch floor alone adds %s µs × %.0f calls = %.2f ms per token",
                        fl, r->calls_per_token, r->launch_floor_us * r->calls_per_token / 1e3);
        }
        sbuf_puts(out, ". Predictions for devices no run measured leave out both the floor and the "
                       "measured bandwidth, so expect them to be optimistic.");
        size_t n = 0;
        for (size_t f = 0; f < d->nformats; f++) {
            char v[32];
            if (isnan(r->tokens_per_j[f]))
                continue;
            fmt_sig3(v, sizeof v, r->tokens_per_j[f]);
            sbuf_printf(out, "%s%s%s at ", n ? ", " : " With the run's energy fit: ", v,
                        n ? "" : " tokens per joule");
            md_escape(out, d->formats[f]);
            n++;
        }
        if (n > 0)
            sbuf_puts(out, ".");
        sbuf_puts(out, "\n");
    }
}

/* What reading the KV cache costs between the table's context and the
 * largest: every LLM and shown format on the reference row. */
static void kv_cost(const decode_data *d, sbuf *out)
{
    static const char *const head[] = {"LLM", "format", "tokens/s, short context", "tokens/s, long context",
                                       "slower by"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT};
    if (d->kv_spec == NULL)
        return;
    sbuf_printf(out, "\n**The KV cache's cost**, from %llu to %llu tokens of context (both predictions), on ",
                (unsigned long long)d->context, (unsigned long long)d->kv_context);
    md_escape(out, d->kv_spec);
    if (d->kv_run != NULL) {
        sbuf_puts(out, " with the roofline + launch floor of run ");
        md_escape(out, d->kv_run);
    } else {
        sbuf_puts(out, " from its datasheet");
    }
    sbuf_printf(out, ": each layer's attention reads K and V, fp16, for every token in the cache, so a long "
                     "context slows every format, the narrow ones most, since their weights are fewer bytes. "
                     "Short context: %llu tokens; long: %llu.\n\n",
                (unsigned long long)d->context, (unsigned long long)d->kv_context);
    md_table_header(out, 5, head, align);
    for (size_t l = 0; l < d->nllms; l++)
        for (size_t f = 0; f < d->nformats; f++) {
            double lo = d->kv_lo[l][f], hi = d->kv_hi[l][f];
            if (isnan(lo) || isnan(hi))
                continue;
            char a[32], b[32], c[32];
            fmt_sig3(a, sizeof a, lo);
            fmt_sig3(b, sizeof b, hi);
            snprintf(c, sizeof c, "%.1f %%", 100.0 * (1.0 - hi / lo));
            const char *cells[] = {d->llm_names[l], d->formats[f], a, b, c};
            md_table_row(out, 5, cells);
        }
}

void report_decode(const decode_data *d, sbuf *out)
{
    if (!d->have) {
        sbuf_puts(out, NO_DECODE);
        return;
    }
    if (d->nrows == 0) {
        sbuf_puts(out, "The decode CSV holds no prediction in a format render shows.\n");
        return;
    }
    sbuf_puts(out, "`model -d` predicts LLM decode, one token at batch 1, from each device's "
                   "ceilings: every GEMV of a layer and the LM head in the weight format, one "
                   "attention call per layer reading the fp16 KV cache, t = Σ max(bytes / BW, "
                   "flop / peak) over the calls. ");
    sbuf_puts(out, "**Predicted, not measured:** no CSV in the input comes from ");
    if (spec_list(d, 0, out) == 0)
        sbuf_puts(out, "any other device");
    sbuf_puts(out, ", so every row of theirs is a prediction from datasheet ceilings alone, with "
                   "no launch floor. ");
    sbuf_puts(out, "Below: ");
    md_escape(out, d->llm_name);
    sbuf_printf(out, " with %llu tokens of context, the largest LLM here that the device with the "
                     "least memory can hold in some format, in tokens per second; †: the "
                     "weights and KV cache do not fit in the device's usable memory.",
                (unsigned long long)d->context);
    if (d->rows_left_out > 0)
        sbuf_printf(out, " %zu more rows are left out (more than %d).", d->rows_left_out,
                    DEC_MAX_ROWS);
    sbuf_puts(out, "\n\n");
    decode_table(d, out);
    measured_sentences(d, out);
    sbuf_puts(out, "\n");
    mode_sentences(d, out);
    kv_cost(d, out);
}

static void usable_list(const decode_data *d, sbuf *out)
{
    for (size_t i = 0; i < d->nspecs; i++) {
        const decode_spec *s = &d->specs[i];
        sbuf_puts(out, i == 0 ? "" : ", ");
        md_escape(out, s->spec_id);
        sbuf_printf(out, " %.1f of %.1f GiB", decode_spec_usable(s) / GIB, s->memory / GIB);
    }
}

static void memory_row(const decode_data *d, const decode_need *n, sbuf *out)
{
    char w[32], kv[32], t[32];
    sbuf nf = {0};
    for (size_t i = 0; i < n->nno_fit; i++) {
        sbuf_puts(&nf, i ? ", " : "");
        sbuf_puts(&nf, n->no_fit[i]);
    }
    snprintf(w, sizeof w, "%.2f", n->weights / GIB);
    snprintf(kv, sizeof kv, "%.2f", n->kv_cache / GIB);
    snprintf(t, sizeof t, "%.2f", (n->weights + n->kv_cache) / GIB);
    const char *cells[] = {n->llm_name, d->formats[n->format], w, kv, t,
                           n->nno_fit ? sbuf_str(&nf) : "fits everywhere"};
    md_table_row(out, 6, cells);
    sbuf_free(&nf);
}

/* What fits on the device with the least usable memory, per LLM. */
static void smallest_sentence(const decode_data *d, sbuf *out)
{
    const decode_spec *small = NULL;
    for (size_t i = 0; i < d->nspecs; i++)
        if (small == NULL || decode_spec_usable(&d->specs[i]) < decode_spec_usable(small))
            small = &d->specs[i];
    if (small == NULL)
        return;
    sbuf_puts(out, "\nOn ");
    md_escape(out, small->spec_id);
    sbuf_printf(out, ", the device with the least usable memory (%.1f GiB):",
                decode_spec_usable(small) / GIB);
    for (size_t i = 0; i < d->nneeds; i++) {
        const decode_need *n = &d->needs[i];
        if (i > 0 && strcmp(d->needs[i - 1].llm, n->llm) == 0)
            continue; /* one clause per LLM */
        size_t fit = 0, all = 0;
        sbuf list = {0};
        for (size_t j = i; j < d->nneeds && strcmp(d->needs[j].llm, n->llm) == 0; j++) {
            int no = 0;
            for (size_t s = 0; s < d->needs[j].nno_fit; s++)
                no |= strcmp(d->needs[j].no_fit[s], small->spec_id) == 0;
            all++;
            if (no)
                continue;
            sbuf_puts(&list, fit++ ? ", " : "");
            md_escape(&list, d->formats[d->needs[j].format]);
        }
        sbuf_puts(out, i == 0 ? " " : "; ");
        md_escape(out, n->llm_name);
        if (fit == all)
            sbuf_puts(out, " fits in every format");
        else if (fit == 0)
            sbuf_puts(out, " fits in none");
        else
            sbuf_printf(out, " fits only at %s", sbuf_str(&list));
        sbuf_free(&list);
    }
    sbuf_puts(out, ".\n");
}

void report_memory(const decode_data *d, sbuf *out)
{
    static const char *const head[] = {"LLM",          "format",        "weights GiB",
                                       "KV cache GiB", "total GiB",     "does not fit on"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_LEFT};
    if (!d->have) {
        sbuf_puts(out, NO_DECODE);
        return;
    }
    if (d->nneeds == 0) {
        sbuf_puts(out, "The decode CSV holds no LLM in a format render shows.\n");
        return;
    }
    sbuf_printf(out, "The weights in each format (the embedding table in fp16) plus the fp16 KV "
                     "cache at %llu tokens, against each device's usable memory: its memory less "
                     "what the OS, the driver and a CUDA context keep (from the spec files; on a "
                     "Jetson the memory is shared with the CPU). Usable: ",
                (unsigned long long)d->kv_context);
    usable_list(d, out);
    sbuf_puts(out, ".\n\n");
    md_table_header(out, 6, head, align);
    for (size_t i = 0; i < d->nneeds; i++)
        memory_row(d, &d->needs[i], out);
    smallest_sentence(d, out);
}

/* --- the power modes with the issue roof (model --modes, issue 15) */

/* The modes in the order a reader compares them: the Orin Nano's nvpmodel
 * modes by budget, then any other in the file's order. */
static int mode_rank(const char *mode)
{
    static const char *const ORDER[] = {"7W", "15W", "25W", "MAXN_SUPER"};
    for (int i = 0; i < (int)(sizeof ORDER / sizeof ORDER[0]); i++)
        if (mode != NULL && strcmp(mode, ORDER[i]) == 0)
            return i;
    return (int)(sizeof ORDER / sizeof ORDER[0]);
}

/* rows[0..n) sorted by format (the format table's order), then mode. */
static void sort_mode_rows(const csv_table *t, size_t *rows, size_t n)
{
    for (size_t i = 1; i < n; i++) { /* insertion: stable; a spec has tens of rows */
        size_t x = rows[i], j = i;
        int fx = format_rank(csv_table_text(t, x, MODES_COL_format));
        int mx = mode_rank(csv_table_text(t, x, MODES_COL_spec_mode));
        for (; j > 0; j--) {
            int fy = format_rank(csv_table_text(t, rows[j - 1], MODES_COL_format));
            int my = mode_rank(csv_table_text(t, rows[j - 1], MODES_COL_spec_mode));
            if (fy < fx || (fy == fx && my <= mx))
                break;
            rows[j] = rows[j - 1];
        }
        rows[j] = x;
    }
}

static void mode_row(const csv_table *t, size_t r, sbuf *out)
{
    char sms[64] = "", us[32], uj[40], ratio[32];
    uint64_t sm;
    double mhz = real_of(t, r, MODES_COL_sm_clock_mhz), energy = real_of(t, r, MODES_COL_energy_uj_budget);
    int have_sm = csv_table_count(t, r, MODES_COL_sm_count, &sm) == 0;
    if (have_sm && !isnan(mhz))
        snprintf(sms, sizeof sms, "%llu × %.6g", (unsigned long long)sm, mhz);
    fmt_sig3(us, sizeof us, real_of(t, r, MODES_COL_time_us_pred));
    if (!isnan(energy)) {
        char v[32];
        fmt_sig3(v, sizeof v, energy);
        snprintf(uj, sizeof uj, "≤ %s", v);
    }
    const char *cells[] = {
        csv_table_text(t, r, MODES_COL_format),
        csv_table_text(t, r, MODES_COL_spec_mode),
        sms[0] != '\0' ? sms : NULL,
        us,
        isnan(energy) ? NULL : uj,
        csv_table_text(t, r, MODES_COL_bound),
        times_cell(real_of(t, r, MODES_COL_ratio_to_ref_mode), ratio, sizeof ratio),
    };
    md_table_row(out, sizeof cells / sizeof cells[0], cells);
}

/* "1.05–2.87× (format range: fp16 to w2a16_g64)", or "0.67× (every
 * format)", over the rows of mode; nothing (0) when none has a ratio. */
static int ratio_range(const csv_table *t, const size_t *rows, size_t n, const char *mode, sbuf *out)
{
    const size_t NONE = (size_t)-1;
    size_t lo = NONE, hi = NONE;
    for (size_t i = 0; i < n; i++) {
        double v = real_of(t, rows[i], MODES_COL_ratio_to_ref_mode);
        if (!text_same(csv_table_text(t, rows[i], MODES_COL_spec_mode), mode) || isnan(v))
            continue;
        if (lo == NONE || v < real_of(t, lo, MODES_COL_ratio_to_ref_mode))
            lo = rows[i];
        if (hi == NONE || v > real_of(t, hi, MODES_COL_ratio_to_ref_mode))
            hi = rows[i];
    }
    if (lo == NONE)
        return 0;
    char a[32], b[32];
    fmt_times(a, sizeof a, real_of(t, lo, MODES_COL_ratio_to_ref_mode));
    fmt_times(b, sizeof b, real_of(t, hi, MODES_COL_ratio_to_ref_mode));
    if (strcmp(a, b) == 0) {
        sbuf_printf(out, "%s (every format)", a);
        return 1;
    }
    a[strlen(a) - strlen("×")] = '\0'; /* "1.05–2.87×": one sign for the range */
    sbuf_printf(out, "%s–%s (format range: ", a, b);
    md_escape(out, csv_table_text(t, lo, MODES_COL_format));
    sbuf_puts(out, " to ");
    md_escape(out, csv_table_text(t, hi, MODES_COL_format));
    sbuf_puts(out, ")");
    return 1;
}

/* The guide's 7W against 15W beside the model's, or, for a spec without
 * a 7W mode (or a 15W reference), each other mode against its reference. */
static void guide_sentence(const csv_table *t, const size_t *rows, size_t n, const char *const *modes, size_t nmodes,
                           sbuf *out)
{
    const char *ref = csv_table_text(t, rows[0], MODES_COL_ref_mode);
    int has7 = 0;
    for (size_t m = 0; m < nmodes; m++)
        has7 |= strcmp(modes[m], "7W") == 0;
    sbuf_puts(out, "The validation guide expected about 1.8× between 7W and 15W; ");
    if (has7 && text_same(ref, "15W")) {
        sbuf_puts(out, "the model now predicts ");
        if (!ratio_range(t, rows, n, "7W", out))
            sbuf_puts(out, "no ratio");
        sbuf_puts(out, ", to be measured on a board.");
        return;
    }
    sbuf_puts(out, has7 ? "this spec's reference mode is not 15W" : "this spec has no 7W mode");
    size_t said = 0;
    for (size_t m = 0; m < nmodes; m++) {
        if (text_same(modes[m], ref))
            continue;
        if (said++ == 0) {
            sbuf_puts(out, ". Against the ");
            md_escape(out, ref != NULL ? ref : "reference mode's");
            sbuf_puts(out, " time, the model predicts ");
        } else {
            sbuf_puts(out, ", and ");
        }
        if (!ratio_range(t, rows, n, modes[m], out))
            sbuf_puts(out, "no ratio");
        sbuf_puts(out, " at ");
        md_escape(out, modes[m]);
    }
    sbuf_puts(out, said ? ", to be measured on a board." : ".");
}

/* Where the issue roof wins, mode by mode; an l2 bound (model: the rate
 * measured was the L2's limit, not issue) is marked (L2). */
static void issue_bound_sentence(const csv_table *t, const size_t *rows, size_t n, const char *const *modes,
                                 size_t nmodes, sbuf *out)
{
    size_t said = 0;
    int l2_seen = 0;
    for (size_t m = 0; m < nmodes; m++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            size_t r = rows[i];
            if (!text_same(csv_table_text(t, r, MODES_COL_spec_mode), modes[m]) ||
                !(text_same(csv_table_text(t, r, MODES_COL_bound), "issue") ||
                  text_same(csv_table_text(t, r, MODES_COL_bound), "l2")))
                continue;
            if (k++ == 0) {
                sbuf_puts(out, said++ ? "; at " : " Bound by the issue roof, not by DRAM: at ");
                md_escape(out, modes[m]);
                sbuf_puts(out, " ");
            } else {
                sbuf_puts(out, ", ");
            }
            md_escape(out, csv_table_text(t, r, MODES_COL_format));
            if (text_same(csv_table_text(t, r, MODES_COL_bound), "l2")) {
                sbuf_puts(out, " (L2)");
                l2_seen = 1;
            }
        }
    }
    sbuf_puts(out, said ? "; every other format and mode is bound by DRAM." : " DRAM bounds every format in every mode.");
    if (l2_seen)
        sbuf_puts(out, " (L2): the rate carried over was the measuring card's L2 bandwidth per SM-cycle, not its "
                       "issue rate, and the L2 of another chip may differ more than its issue rate does.");
}

/* Whose issue rates these are: measured on the spec's own device, or
 * extrapolated from another architecture's. */
static void rate_source_sentence(const csv_table *t, const size_t *rows, size_t n, sbuf *out)
{
    const char *dev = NULL, *run = NULL;
    int extrapolated = 0, mixed = 0;
    for (size_t i = 0; i < n; i++) {
        const char *d = csv_table_text(t, rows[i], MODES_COL_issue_rate_device);
        const char *r = csv_table_text(t, rows[i], MODES_COL_issue_rate_run_id);
        extrapolated |= text_same(csv_table_text(t, rows[i], MODES_COL_issue_rate_extrapolated), "yes");
        if (dev == NULL && d != NULL) {
            dev = d;
            run = r;
        }
        mixed |= d != NULL && dev != NULL && strcmp(d, dev) != 0;
    }
    if (dev == NULL)
        return;
    sbuf_puts(out, extrapolated ? " The issue rates are extrapolated: measured on " : " The issue rates were measured on ");
    md_escape(out, dev);
    if (run != NULL) {
        sbuf_puts(out, " (run ");
        md_escape(out, run);
        sbuf_puts(out, ")");
    }
    if (mixed)
        sbuf_puts(out, " and other devices (the file's `issue_rate_device`)");
    if (extrapolated)
        sbuf_puts(out, ", not on this spec's device, and scaled by each mode's SMs and clock: a rate per SM and "
                       "clock cycle carries across chips of one architecture, not necessarily across "
                       "architectures.");
    else
        sbuf_puts(out, ", this spec's device, and scaled by each mode's SMs and clock.");
}

/* One Orin Nano spec: its table and sentences. */
static void modes_spec(const csv_table *t, size_t *rows, size_t n, sbuf *out)
{
    const char *head[] = {"format", "power mode", "SMs × MHz", "time µs", "energy µJ, at most", "bound",
                          "time ÷ reference"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_LEFT, MD_RIGHT};
    enum { MAX_MODES = 16 };
    const char *modes[MAX_MODES];
    size_t nmodes = 0;
    sort_mode_rows(t, rows, n);
    for (size_t i = 0; i < n; i++) { /* the spec's modes, in mode_rank's order */
        const char *m = csv_table_text(t, rows[i], MODES_COL_spec_mode);
        size_t j = 0;
        while (j < nmodes && strcmp(modes[j], m) != 0)
            j++;
        if (j == nmodes && nmodes < MAX_MODES) {
            while (j > 0 && mode_rank(modes[j - 1]) > mode_rank(m)) {
                modes[j] = modes[j - 1];
                j--;
            }
            modes[j] = m;
            nmodes++;
        }
    }
    uint64_t sn = 0, sk = 0;
    sbuf_puts(out, "**");
    md_escape(out, csv_table_text(t, rows[0], MODES_COL_spec_id));
    sbuf_printf(out, "**, %zu power mode%s", nmodes, nmodes == 1 ? "" : "s");
    if (csv_table_count(t, rows[0], MODES_COL_n, &sn) == 0 && csv_table_count(t, rows[0], MODES_COL_k, &sk) == 0)
        sbuf_printf(out, ", a GEMV of %llu×%llu at batch 1", (unsigned long long)sn, (unsigned long long)sk);
    const char *ref = csv_table_text(t, rows[0], MODES_COL_ref_mode);
    char last[64];
    if (ref != NULL) { /* md_table_header escapes it */
        snprintf(last, sizeof last, "time ÷ %s", ref);
        head[6] = last;
    }
    sbuf_puts(out, ":\n\n");
    md_table_header(out, sizeof head / sizeof head[0], head, align);
    for (size_t i = 0; i < n; i++)
        mode_row(t, rows[i], out);
    sbuf_puts(out, "\n");
    guide_sentence(t, rows, n, modes, nmodes, out);
    issue_bound_sentence(t, rows, n, modes, nmodes, out);
    rate_source_sentence(t, rows, n, out);
    sbuf_puts(out, "\n\n");
}

static int is_orin_nano(const char *spec)
{
    return spec != NULL && strncmp(spec, "orin_nano", strlen("orin_nano")) == 0;
}

void report_mode_predictions(const render_tables *in, sbuf *out)
{
    const csv_table *t = in->modes;
    if (t == NULL)
        return; /* no --modes: no section */
    sbuf_puts(out, "### The Orin Nano by power mode, with the issue roof\n\n");
    size_t *rows = malloc((t->nrows + 1) * sizeof *rows), n = 0, others = 0;
    if (rows == NULL) {
        out->failed = 1;
        return;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        if (is_orin_nano(csv_table_text(t, r, MODES_COL_spec_id)))
            rows[n++] = r;
        else
            others++;
    }
    if (n == 0) {
        sbuf_puts(out, t->nrows == 0 ? "The modes CSV (`model --modes`) holds no prediction: no run in the input "
                                       "timed its formats' issue roofs (`gemv_issue`), so no format has an issue "
                                       "rate to predict the power modes with.\n"
                                     : "The modes CSV (`model --modes`) predicts no Orin Nano spec.\n");
        free(rows);
        return;
    }
    sbuf_puts(out, "**Predicted, not measured.** `model --modes` predicts one GEMV in every power mode of each "
                   "spec, for every format with a measured issue rate: t = max(bytes / the mode's datasheet DRAM "
                   "bandwidth, weights / (SMs × clock × the format's issue rate per SM and cycle)), with no launch "
                   "floor, since none is measured for a device that no run in the input measured. *bound* names "
                   "the larger term. The energy is the mode's power budget × that time: an upper bound, the whole "
                   "budget spent on the call (– where the spec gives the mode no budget). The last column is the "
                   "time over the reference mode's for the same format: above 1× the mode is slower.\n\n");
    const int key[] = {MODES_COL_spec_id};
    pick_part part;
    if (pick_partition(t, key, 1, rows, n, &part) != 0) {
        free(rows);
        out->failed = 1;
        return;
    }
    for (size_t s = 0; s < part.n; s++) {
        size_t m = part.start[s + 1] - part.start[s];
        memcpy(rows, part.member + part.start[s], m * sizeof *rows);
        modes_spec(t, rows, m, out);
    }
    if (others > 0)
        sbuf_printf(out, "The modes CSV predicts %zu more row%s for other specs, not shown here.\n", others,
                    others == 1 ? "" : "s");
    pick_part_free(&part);
    free(rows);
}
