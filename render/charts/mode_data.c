#include "mode_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cell_read.h"
#include "formats.h"
#include "str_index.h"

/* A batch-1 gemv row of device with a spec mode (model always writes one). */
static int gemv_row(const csv_table *t, size_t r, const char *device)
{
    return text_same(csv_table_text(t, r, RAW_COL_device), device) &&
           text_same(csv_table_text(t, r, RAW_COL_kernel), "gemv") && count_of(t, r, RAW_COL_batch) == 1 &&
           csv_table_text(t, r, MODEL_COL_spec_mode) != NULL;
}

static size_t index_of(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (text_same(list[i], s))
            return i;
    return n;
}

/* In one pass: each device's first mode among its GEMV rows and whether
 * another follows (a scan of the later rows for each row was quadratic
 * when every row had one mode); then the devices with two or more, in the
 * order of their first rows. */
size_t mode_devices(const csv_table *t, const char **devices, size_t max)
{
    str_index ix;
    str_index_init(&ix, 1);
    const char **first = malloc((t->nrows + 1) * sizeof *first), **name = malloc((t->nrows + 1) * sizeof *name);
    unsigned char *several = calloc(t->nrows + 1, 1);
    size_t n = 0;
    int ok = first != NULL && name != NULL && several != NULL;
    for (size_t r = 0; ok && r < t->nrows; r++) {
        const char *dev = csv_table_text(t, r, RAW_COL_device);
        if (!gemv_row(t, r, dev))
            continue;
        size_t before = ix.count, d = str_index_put(&ix, &dev);
        const char *mode = csv_table_text(t, r, MODEL_COL_spec_mode);
        if (d == STR_INDEX_NONE)
            ok = 0;
        else if (ix.count > before) {
            first[d] = mode;
            name[d] = dev;
        } else if (!text_same(mode, first[d]))
            several[d] = 1;
    }
    for (size_t d = 0; ok && d < ix.count && n < max; d++)
        if (several[d])
            devices[n++] = name[d];
    free(first);
    free(name);
    free(several);
    str_index_free(&ix);
    return n;
}

static void collect_modes(const csv_table *t, mode_data *d)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (!gemv_row(t, r, d->device))
            continue;
        const char *mode = csv_table_text(t, r, MODEL_COL_spec_mode);
        if (index_of(d->mode, d->nmodes, mode) < d->nmodes)
            continue;
        if (d->nmodes == MODE_MAX) {
            d->modes_left_out++;
            continue;
        }
        d->mode[d->nmodes] = mode;
        d->run[d->nmodes++] = csv_table_text(t, r, RAW_COL_run_id);
    }
}

/* One format per weight width, in the format table's order. */
static void collect_formats(const csv_table *t, mode_data *d)
{
    unsigned taken[WEIGHT_FORMAT_COUNT];
    size_t ntaken = 0;
    for (int f = 0; f < WEIGHT_FORMAT_COUNT && d->nformats < MODE_MAX_FORMATS; f++) {
        const weight_format *wf = &WEIGHT_FORMAT_TABLE[f];
        int dup = 0, have = 0;
        for (size_t i = 0; i < ntaken; i++)
            dup |= taken[i] == wf->weight_bits;
        for (size_t r = 0; r < t->nrows && !dup && !have; r++)
            have = gemv_row(t, r, d->device) && text_same(csv_table_text(t, r, RAW_COL_format), wf->name);
        if (dup || !have)
            continue;
        taken[ntaken++] = wf->weight_bits;
        d->format[d->nformats++] = wf->name;
    }
}

/* The first row of the mode, format and n x n shape, or -1. */
static long find_case(const csv_table *t, const mode_data *d, size_t m, size_t f, uint64_t n)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (gemv_row(t, r, d->device) && text_same(csv_table_text(t, r, MODEL_COL_spec_mode), d->mode[m]) &&
            text_same(csv_table_text(t, r, RAW_COL_format), d->format[f]) && count_of(t, r, RAW_COL_n) == n &&
            count_of(t, r, RAW_COL_k) == n)
            return (long)r;
    return -1;
}

/* The square shape with the most (mode, format) cases; the largest of
 * those. 0 when the device ran no square shape in a shown format. */
static uint64_t pick_shape(const csv_table *t, const mode_data *d)
{
    uint64_t best = 0;
    size_t best_score = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        uint64_t n = count_of(t, r, RAW_COL_n);
        if (!gemv_row(t, r, d->device) || n != count_of(t, r, RAW_COL_k) ||
            index_of(d->format, d->nformats, csv_table_text(t, r, RAW_COL_format)) == d->nformats)
            continue;
        size_t score = 0;
        for (size_t m = 0; m < d->nmodes; m++)
            for (size_t f = 0; f < d->nformats; f++)
                score += find_case(t, d, m, f, n) >= 0;
        if (score > best_score || (score == best_score && n > best)) {
            best = n;
            best_score = score;
        }
    }
    return best;
}

static void fill_cell(const csv_table *t, size_t r, mode_cell *c)
{
    c->have = 1;
    c->row = r;
    c->time_us = real_of(t, r, RAW_COL_time_us_median);
    c->pred_us = real_of(t, r, MODEL_COL_time_us_pred_datasheet);
    c->power_w = real_of(t, r, RAW_COL_power_w_avg);
    c->energy_uj = real_of(t, r, RAW_COL_energy_uj);
    double flop = (double)count_of(t, r, RAW_COL_flop);
    /* flop per uJ is 1e6 flop per J; GFLOP/s per W is GFLOP per J */
    c->gflops_per_w = c->energy_uj > 0.0 ? flop / c->energy_uj / 1e3 : NAN;
    c->sm_clock_mhz = real_of(t, r, RAW_COL_sm_clock_mhz);
    c->rails = csv_table_text(t, r, RAW_COL_rails_power_w_avg);
}

/* tokens/J of the decode table's LLM, per mode's run and format. */
static void fill_tokens_per_j(const decode_data *dd, mode_data *d)
{
    d->llm_name = dd->llm_name;
    for (size_t i = 0; i < dd->nrows; i++) {
        const decode_row *x = &dd->rows[i];
        if (!text_same(x->spec_id, d->spec_id) || x->run_id == NULL)
            continue;
        for (size_t m = 0; m < d->nmodes; m++) {
            if (!text_same(x->spec_mode, d->mode[m]) || !text_same(x->run_id, d->run[m]))
                continue;
            for (size_t f = 0; f < d->nformats; f++) {
                size_t k = index_of(dd->formats, dd->nformats, d->format[f]);
                if (k < dd->nformats)
                    d->cell[m][f].tokens_per_j = x->tokens_per_j[k];
            }
        }
    }
}

void mode_data_from_table(const csv_table *t, const decode_data *dec, const char *device,
                          mode_data *d)
{
    memset(d, 0, sizeof *d);
    const char *devices[1];
    if (device == NULL && mode_devices(t, devices, 1) == 1)
        device = devices[0];
    if (device == NULL)
        return;
    d->device = device;
    collect_modes(t, d);
    collect_formats(t, d);
    for (size_t r = 0; r < t->nrows && d->spec_id == NULL; r++)
        if (gemv_row(t, r, device))
            d->spec_id = csv_table_text(t, r, MODEL_COL_spec_id);
    for (size_t m = 0; m < MODE_MAX; m++)
        for (size_t f = 0; f < MODE_MAX_FORMATS; f++)
            d->cell[m][f] = (mode_cell){0, 0, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NULL};
    if (d->nmodes < 2) {
        d->device = NULL; /* one mode: nothing to compare */
        return;
    }
    d->n = d->k = pick_shape(t, d);
    for (size_t m = 0; m < d->nmodes; m++)
        for (size_t f = 0; f < d->nformats; f++) {
            long r = find_case(t, d, m, f, d->n);
            if (r >= 0)
                fill_cell(t, (size_t)r, &d->cell[m][f]);
        }
    if (dec != NULL)
        fill_tokens_per_j(dec, d);
}

void mode_set_from_table(const csv_table *t, const decode_data *dec, mode_set *s)
{
    const char *devices[MODE_MAX_DEVICES];
    memset(s, 0, sizeof *s);
    s->ndevices = mode_devices(t, devices, MODE_MAX_DEVICES);
    for (size_t i = 0; i < s->ndevices; i++)
        mode_data_from_table(t, dec, devices[i], &s->per_device[i]);
}

double mode_scaling_measured(const mode_data *d, size_t m, size_t f)
{
    const mode_cell *r = &d->cell[0][f], *x = &d->cell[m][f];
    if (!r->have || !x->have || !(x->time_us > 0.0))
        return NAN;
    return r->time_us / x->time_us;
}

double mode_scaling_predicted(const mode_data *d, size_t m, size_t f)
{
    const mode_cell *r = &d->cell[0][f], *x = &d->cell[m][f];
    if (!r->have || !x->have || !(x->pred_us > 0.0))
        return NAN;
    return r->pred_us / x->pred_us;
}
