#include "decode_data.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "formats.h"
#include "inputs.h"

static int same(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static double real_of(const csv_table *t, size_t r, int col)
{
    double v;
    return csv_table_real(t, r, col, &v) == 0 ? v : NAN;
}

static uint64_t context_of(const csv_table *t, size_t r)
{
    uint64_t c = 0;
    return csv_table_count(t, r, DEC_COL_context_tokens, &c) == 0 ? c : 0;
}

/* The table's context (128, else the smallest above 0, else 0) and the
 * largest, and how many there are. */
static void pick_contexts(const csv_table *t, decode_data *d)
{
    uint64_t seen[16];
    size_t n = 0;
    int have_128 = 0;
    uint64_t small = 0, large = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        uint64_t c = context_of(t, r);
        size_t i = 0;
        while (i < n && seen[i] != c)
            i++;
        if (i < n)
            continue;
        if (n < 16)
            seen[n++] = c;
        have_128 |= c == 128;
        small = c > 0 && (small == 0 || c < small) ? c : small;
        large = c > large ? c : large;
    }
    d->ncontexts = n;
    d->context = have_128 ? 128 : small;
    d->kv_context = large;
}

static int has_format(const csv_table *t, const char *name)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (same(csv_table_text(t, r, DEC_COL_format), name))
            return 1;
    return 0;
}

/* One format per weight width, in the format table's order. */
static void pick_formats(const csv_table *t, decode_data *d)
{
    unsigned taken[WEIGHT_FORMAT_COUNT];
    size_t ntaken = 0;
    for (int f = 0; f < WEIGHT_FORMAT_COUNT && d->nformats < DEC_MAX_FORMATS; f++) {
        const weight_format *wf = &WEIGHT_FORMAT_TABLE[f];
        int dup = 0;
        for (size_t i = 0; i < ntaken; i++)
            dup |= taken[i] == wf->weight_bits;
        if (dup || !has_format(t, wf->name))
            continue;
        taken[ntaken++] = wf->weight_bits;
        d->formats[d->nformats++] = wf->name;
    }
}

/* The index of row r's format among the shown ones, or -1. */
static int format_index(const decode_data *d, const csv_table *t, size_t r)
{
    const char *f = csv_table_text(t, r, DEC_COL_format);
    for (size_t i = 0; i < d->nformats; i++)
        if (same(d->formats[i], f))
            return (int)i;
    return -1;
}

static decode_spec *spec_of(decode_data *d, const char *id)
{
    for (size_t i = 0; i < d->nspecs; i++)
        if (same(d->specs[i].spec_id, id))
            return &d->specs[i];
    return NULL;
}

static void collect_specs(const csv_table *t, decode_data *d)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = csv_table_text(t, r, DEC_COL_spec_id);
        decode_spec *s = spec_of(d, id);
        if (s == NULL && d->nspecs < DEC_MAX_SPECS) {
            s = &d->specs[d->nspecs++];
            s->spec_id = id;
            s->memory = real_of(t, r, DEC_COL_memory_bytes);
            s->reserve = real_of(t, r, DEC_COL_memory_reserve_bytes);
        }
        if (s != NULL && csv_table_text(t, r, DEC_COL_run_id) != NULL)
            s->measured = 1;
    }
}

static decode_need *need_of(decode_data *d, const char *llm, size_t format)
{
    for (size_t i = 0; i < d->nneeds; i++)
        if (same(d->needs[i].llm, llm) && d->needs[i].format == format)
            return &d->needs[i];
    if (d->nneeds == DEC_MAX_LLMS * DEC_MAX_FORMATS)
        return NULL;
    decode_need *n = &d->needs[d->nneeds++];
    memset(n, 0, sizeof *n);
    n->llm = llm;
    n->format = format;
    n->weights = n->kv_cache = NAN;
    return n;
}

/* Every LLM in every shown format: what it needs, where it does not fit. */
static void collect_needs(const csv_table *t, decode_data *d)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (context_of(t, r) != d->kv_context)
            continue;
        int f = format_index(d, t, r);
        decode_need *n = f < 0 ? NULL : need_of(d, csv_table_text(t, r, DEC_COL_llm), (size_t)f);
        if (n == NULL)
            continue;
        if (isnan(n->weights)) {
            n->llm_name = csv_table_text(t, r, DEC_COL_llm_name);
            n->weights = real_of(t, r, DEC_COL_weight_bytes);
            n->kv_cache = real_of(t, r, DEC_COL_kv_cache_bytes);
        }
        const char *spec = csv_table_text(t, r, DEC_COL_spec_id);
        if (!same(csv_table_text(t, r, DEC_COL_memory_fits), "no"))
            continue;
        size_t i = 0;
        while (i < n->nno_fit && !same(n->no_fit[i], spec))
            i++;
        if (i == n->nno_fit && n->nno_fit < DEC_MAX_SPECS)
            n->no_fit[n->nno_fit++] = spec;
    }
}

/* "orin_nano_8gb 7W"; the mode is left out where it is the datasheet's
 * only one, and a row with a run says so. */
void decode_row_label(const decode_row *r, char *buf, size_t size)
{
    int plain = r->spec_mode == NULL || strcmp(r->spec_mode, "datasheet") == 0;
    snprintf(buf, size, "%s%s%s%s", r->spec_id, plain ? "" : " ", plain ? "" : r->spec_mode,
             r->run_id != NULL ? " (run's ceiling)" : "");
}

double decode_spec_usable(const decode_spec *s)
{
    return isnan(s->reserve) ? s->memory : s->memory - s->reserve;
}

/* 1 when need n is known to fit on spec s (by the CSV's memory_fits). */
static int fits_on(const decode_need *n, const decode_spec *s)
{
    for (size_t i = 0; i < n->nno_fit; i++)
        if (same(n->no_fit[i], s->spec_id))
            return 0;
    return n->weights + n->kv_cache <= decode_spec_usable(s);
}

/* The largest LLM that fits, in some shown format, on the spec with the
 * least usable memory; else the first LLM. */
static void pick_llm(decode_data *d)
{
    const decode_spec *small = NULL;
    for (size_t i = 0; i < d->nspecs; i++)
        if (small == NULL || decode_spec_usable(&d->specs[i]) < decode_spec_usable(small))
            small = &d->specs[i];
    double best = -1.0;
    for (size_t i = 0; i < d->nneeds; i++) {
        const decode_need *n = &d->needs[i];
        if (d->llm == NULL) { /* the fallback: the first */
            d->llm = n->llm;
            d->llm_name = n->llm_name;
        }
        double size = NAN; /* the LLM's weights in the first shown format */
        for (size_t j = 0; j < d->nneeds; j++)
            if (same(d->needs[j].llm, n->llm) && d->needs[j].format == 0)
                size = d->needs[j].weights;
        if (small != NULL && fits_on(n, small) && size > best) {
            best = size;
            d->llm = n->llm;
            d->llm_name = n->llm_name;
        }
    }
}

/* The existing row of r's spec, mode and run, or NULL. */
static decode_row *existing_row(decode_data *d, const csv_table *t, size_t r)
{
    const char *spec = csv_table_text(t, r, DEC_COL_spec_id);
    const char *mode = csv_table_text(t, r, DEC_COL_spec_mode);
    const char *run = csv_table_text(t, r, DEC_COL_run_id);
    for (size_t i = 0; i < d->nrows; i++)
        if (same(d->rows[i].spec_id, spec) && same(d->rows[i].spec_mode, mode) &&
            same(d->rows[i].run_id, run))
            return &d->rows[i];
    return NULL;
}

static decode_row *row_of(decode_data *d, const csv_table *t, size_t r)
{
    decode_row *found = existing_row(d, t, r);
    if (found != NULL)
        return found;
    if (d->nrows == DEC_MAX_ROWS) {
        d->rows_left_out++;
        return NULL;
    }
    decode_row *x = &d->rows[d->nrows++];
    x->spec_id = csv_table_text(t, r, DEC_COL_spec_id);
    x->spec_mode = csv_table_text(t, r, DEC_COL_spec_mode);
    x->run_id = csv_table_text(t, r, DEC_COL_run_id);
    for (size_t f = 0; f < DEC_MAX_FORMATS; f++) {
        x->datasheet[f] = x->measured[f] = x->tokens_per_j[f] = NAN;
        x->fits[f] = -1;
        for (size_t l = 0; l < DEC_MAX_LLMS; l++) {
            x->llm[l].datasheet[f] = x->llm[l].measured[f] = NAN;
            x->llm[l].fits[f] = -1;
        }
    }
    return x;
}

/* tokens/s with the run's ceiling and floor, else with its ceiling alone. */
static double measured_of(const csv_table *t, size_t r)
{
    double v = real_of(t, r, DEC_COL_tokens_per_s_measured_floor);
    return isnan(v) ? real_of(t, r, DEC_COL_tokens_per_s_measured) : v;
}

/* Every LLM, in CSV order, with its values on the table LLM's rows. */
static void collect_llms(const csv_table *t, decode_data *d)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (context_of(t, r) != d->context)
            continue;
        const char *llm = csv_table_text(t, r, DEC_COL_llm);
        size_t l = 0;
        while (l < d->nllms && !same(d->llms[l], llm))
            l++;
        if (l == d->nllms) {
            if (d->nllms == DEC_MAX_LLMS)
                continue;
            d->llms[d->nllms] = llm;
            d->llm_names[d->nllms++] = csv_table_text(t, r, DEC_COL_llm_name);
        }
        int f = format_index(d, t, r);
        decode_row *x = f < 0 ? NULL : existing_row(d, t, r);
        if (x == NULL)
            continue;
        const char *fits = csv_table_text(t, r, DEC_COL_memory_fits);
        x->llm[l].datasheet[f] = real_of(t, r, DEC_COL_tokens_per_s_datasheet);
        x->llm[l].measured[f] = measured_of(t, r);
        x->llm[l].fits[f] = fits == NULL ? -1 : same(fits, "yes");
    }
}

static void collect_rows(const csv_table *t, decode_data *d)
{
    for (size_t r = 0; r < t->nrows; r++) {
        int f = format_index(d, t, r);
        if (f < 0 || !same(csv_table_text(t, r, DEC_COL_llm), d->llm) || context_of(t, r) != d->context)
            continue;
        decode_row *x = row_of(d, t, r);
        if (x == NULL)
            continue;
        const char *fits = csv_table_text(t, r, DEC_COL_memory_fits);
        x->datasheet[f] = real_of(t, r, DEC_COL_tokens_per_s_datasheet);
        x->measured[f] = measured_of(t, r); /* a run without a launch floor: its ceiling */
        x->tokens_per_j[f] = real_of(t, r, DEC_COL_tokens_per_j);
        x->fits[f] = fits == NULL ? -1 : same(fits, "yes");
        x->launch_floor_us = real_of(t, r, DEC_COL_launch_floor_us);
        x->calls_per_token = real_of(t, r, DEC_COL_calls_per_token);
    }
}

/* The reference row for the KV cache's cost: the first row with a run,
 * else the first row; every LLM and shown format at context and kv_context. */
static void collect_kv(const csv_table *t, decode_data *d)
{
    long ref = -1;
    for (size_t r = 0; r < t->nrows && ref < 0; r++)
        if (csv_table_text(t, r, DEC_COL_run_id) != NULL)
            ref = (long)r;
    if (ref < 0 && t->nrows > 0)
        ref = 0;
    for (size_t l = 0; l < DEC_MAX_LLMS; l++)
        for (size_t f = 0; f < DEC_MAX_FORMATS; f++)
            d->kv_lo[l][f] = d->kv_hi[l][f] = NAN;
    if (ref < 0 || d->context == d->kv_context)
        return;
    d->kv_spec = csv_table_text(t, (size_t)ref, DEC_COL_spec_id);
    d->kv_mode = csv_table_text(t, (size_t)ref, DEC_COL_spec_mode);
    d->kv_run = csv_table_text(t, (size_t)ref, DEC_COL_run_id);
    for (size_t r = 0; r < t->nrows; r++) {
        int f = format_index(d, t, r);
        uint64_t c = context_of(t, r);
        if (f < 0 || (c != d->context && c != d->kv_context) ||
            !same(csv_table_text(t, r, DEC_COL_spec_id), d->kv_spec) ||
            !same(csv_table_text(t, r, DEC_COL_spec_mode), d->kv_mode) ||
            !(d->kv_run == NULL ? csv_table_text(t, r, DEC_COL_run_id) == NULL
                                : same(csv_table_text(t, r, DEC_COL_run_id), d->kv_run)))
            continue;
        size_t l = 0;
        while (l < d->nllms && !same(d->llms[l], csv_table_text(t, r, DEC_COL_llm)))
            l++;
        if (l == d->nllms)
            continue;
        double v = d->kv_run != NULL ? measured_of(t, r) : real_of(t, r, DEC_COL_tokens_per_s_datasheet);
        if (c == d->context)
            d->kv_lo[l][f] = v;
        else
            d->kv_hi[l][f] = v;
    }
}

void decode_data_from_table(const csv_table *dec, decode_data *d)
{
    memset(d, 0, sizeof *d);
    if (dec == NULL)
        return;
    d->have = 1;
    pick_contexts(dec, d);
    pick_formats(dec, d);
    collect_specs(dec, d);
    collect_needs(dec, d);
    pick_llm(d);
    if (d->llm != NULL)
        collect_rows(dec, d);
    collect_llms(dec, d);
    collect_kv(dec, d);
}
