#include "pick.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"

static int same_cell(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static int same_group(const csv_table *t, size_t r1, size_t r2, const int *cols, size_t ncols)
{
    for (size_t c = 0; c < ncols; c++)
        if (!same_cell(csv_table_text(t, r1, cols[c]), csv_table_text(t, r2, cols[c])))
            return 0;
    return 1;
}

size_t pick_groups(const csv_table *t, const int *cols, size_t ncols, const size_t *rows,
                     size_t nrows, size_t *reps)
{
    size_t ngroups = 0;
    for (size_t i = 0; i < nrows; i++) {
        size_t r = rows != NULL ? rows[i] : i;
        size_t g = 0;
        while (g < ngroups && !same_group(t, reps[g], r, cols, ncols))
            g++;
        if (g == ngroups)
            reps[ngroups++] = r;
    }
    return ngroups;
}

/* The row where the device of row r first appears: its place in the order. */
static size_t device_rank(const csv_table *t, size_t r)
{
    const char *dev = csv_table_text(t, r, RAW_COL_device);
    size_t first = 0;
    while (first < r && !same_cell(csv_table_text(t, first, RAW_COL_device), dev))
        first++;
    return first;
}

void pick_order_by_device(const csv_table *t, size_t *reps, size_t n)
{
    for (size_t i = 1; i < n; i++) { /* insertion sort: stable, and n is small */
        size_t r = reps[i], rank = device_rank(t, r), j = i;
        while (j > 0 && device_rank(t, reps[j - 1]) > rank) {
            reps[j] = reps[j - 1];
            j--;
        }
        reps[j] = r;
    }
}

size_t pick_matching(const csv_table *t, size_t rep, const int *cols, size_t ncols,
                       const size_t *rows, size_t nrows, size_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < nrows; i++) {
        size_t r = rows != NULL ? rows[i] : i;
        if (same_group(t, rep, r, cols, ncols))
            out[n++] = r;
    }
    return n;
}

void fmt_sig3(char *buf, size_t size, double v)
{
    double a = fabs(v);
    if (!isfinite(v)) /* never from checked inputs (csv_ranges.h); never "inf" in a report */
        snprintf(buf, size, "\u2013");
    else if (a >= 1e15) /* %.0f would print 300 digits of 1e300, cut at the buffer */
        snprintf(buf, size, "%.3g", v);
    else if (a >= 100.0 || a == 0.0)
        snprintf(buf, size, "%.0f", v);
    else if (a >= 10.0)
        snprintf(buf, size, "%.1f", v);
    else if (a >= 1.0)
        snprintf(buf, size, "%.2f", v);
    else
        snprintf(buf, size, "%.3g", v);
}

void fmt_pct(char *buf, size_t size, double v)
{
    /* Round first so -0.04 prints as "0.0", not "−0.0". */
    double r = round(v * 10.0) / 10.0;
    if (!isfinite(r))
        snprintf(buf, size, "\u2013");
    else if (fabs(r) >= 1e15)
        snprintf(buf, size, "%+.3g", r);
    else if (r < 0.0)
        snprintf(buf, size, "\u2212%.1f", -r);
    else if (r > 0.0)
        snprintf(buf, size, "+%.1f", r);
    else
        snprintf(buf, size, "0.0");
}

const char *fmt_cell(const csv_table *t, size_t row, int col, void (*fmt)(char *, size_t, double),
                     char *buf, size_t size)
{
    double v;
    if (csv_table_real(t, row, col, &v) != 0)
        return NULL;
    fmt(buf, size, v);
    return buf;
}

void fmt_bytes_binary(char *buf, size_t size, double bytes)
{
    const double mib = 1024.0 * 1024.0;
    if (bytes >= mib)
        snprintf(buf, size, "%.4g MiB", bytes / mib);
    else
        snprintf(buf, size, "%.4g KiB", bytes / 1024.0);
}

void fmt_times(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.2f×", v);
}

const char *sig3_cell(double v, char *buf, size_t size)
{
    if (isnan(v))
        return NULL;
    fmt_sig3(buf, size, v);
    return buf;
}

const char *times_cell(double v, char *buf, size_t size)
{
    if (isnan(v))
        return NULL;
    fmt_times(buf, size, v);
    return buf;
}

int format_rank(const char *name)
{
    const weight_format *f = weight_format_find(name);
    return f != NULL ? (int)(f - WEIGHT_FORMAT_TABLE) : WEIGHT_FORMAT_COUNT;
}

void sort_formats(const char **names, size_t n)
{
    for (size_t i = 1; i < n; i++) { /* insertion: stable, and n is a handful */
        const char *x = names[i];
        int rank = format_rank(x);
        size_t j = i;
        for (; j > 0 && format_rank(names[j - 1]) > rank; j--)
            names[j] = names[j - 1];
        names[j] = x;
    }
}
