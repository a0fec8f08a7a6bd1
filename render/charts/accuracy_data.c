#include "accuracy_data.h"

#include <math.h>
#include <string.h>

#include "formats.h"

static int is_gemv_of(const csv_table *t, size_t r, const char *format)
{
    const char *k = csv_table_text(t, r, RAW_COL_kernel), *f = csv_table_text(t, r, RAW_COL_format);
    return k != NULL && f != NULL && strcmp(k, "gemv") == 0 && strcmp(f, format) == 0;
}

/* The first error recorded for format (one per format: the CPU computes
 * it), or NAN. */
static double first_error(const csv_table *t, const char *format, int col)
{
    double v;
    for (size_t r = 0; r < t->nrows; r++)
        if (is_gemv_of(t, r, format) && csv_table_real(t, r, col, &v) == 0)
            return v;
    return NAN;
}

static void add_format(const csv_table *t, const compare_data *cmp, const char *name,
                       accuracy_data *d)
{
    if (d->nformats == CMP_MAX_CATS)
        return;
    accuracy_format *a = &d->f[d->nformats++];
    const weight_format *wf = weight_format_find(name);
    a->format = name;
    a->bits = wf != NULL ? weight_format_bits_per_weight(wf) : NAN;
    a->ideal = wf != NULL ? 16.0 / a->bits : NAN;
    a->err_gaussian = first_error(t, name, RAW_COL_quant_err_gaussian);
    a->err_outliers = first_error(t, name, RAW_COL_quant_err_outliers);
    d->has_errors |= !isnan(a->err_gaussian) || !isnan(a->err_outliers);
    a->speedup = NAN;
    for (size_t c = 0; cmp->device != NULL && c < cmp->ncats; c++)
        if (strcmp(cmp->cat[c].kernel, "gemv") == 0 && strcmp(cmp->cat[c].format, name) == 0)
            a->speedup = compare_speedup(cmp, c, cmp->nshapes - 1);
}

static int listed(const accuracy_data *d, const char *name)
{
    for (size_t i = 0; i < d->nformats; i++)
        if (strcmp(d->f[i].format, name) == 0)
            return 1;
    return 0;
}

void accuracy_data_from_table(const csv_table *t, const compare_data *cmp, accuracy_data *d)
{
    memset(d, 0, sizeof *d);
    if (cmp->device != NULL) {
        d->device = cmp->device;
        d->run_id = cmp->run_id;
        d->n = cmp->n[cmp->nshapes - 1];
        d->k = cmp->k[cmp->nshapes - 1];
    }
    for (int f = 0; f < WEIGHT_FORMAT_COUNT; f++)
        for (size_t r = 0; r < t->nrows; r++)
            if (is_gemv_of(t, r, WEIGHT_FORMAT_TABLE[f].name)) {
                add_format(t, cmp, WEIGHT_FORMAT_TABLE[f].name, d);
                break;
            }
    for (size_t r = 0; r < t->nrows; r++) { /* formats the table does not know */
        const char *k = csv_table_text(t, r, RAW_COL_kernel);
        const char *f = csv_table_text(t, r, RAW_COL_format);
        if (k != NULL && f != NULL && strcmp(k, "gemv") == 0 && !listed(d, f))
            add_format(t, cmp, f, d);
    }
}

int accuracy_dominated(const accuracy_format *a, const accuracy_format *b)
{
    double av[3] = {-a->speedup, a->err_gaussian, a->err_outliers};
    double bv[3] = {-b->speedup, b->err_gaussian, b->err_outliers};
    int worse = 0;
    for (int i = 0; i < 3; i++) {
        if (isnan(av[i]) || isnan(bv[i]) || av[i] < bv[i])
            return 0;
        worse |= av[i] > bv[i];
    }
    return worse;
}
