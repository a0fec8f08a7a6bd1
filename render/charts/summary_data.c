#include "summary_data.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "inputs.h"

static int cell_is(const csv_table *s, size_t r, int col, const char *want)
{
    const char *v = csv_table_text(s, r, col);
    return v != NULL && want != NULL && strcmp(v, want) == 0;
}

long summary_row(const csv_table *s, const char *run, const char *section, const char *subject,
                 const char *quantity)
{
    for (size_t r = 0; r < s->nrows; r++)
        if (cell_is(s, r, SUM_COL_run_id, run) && cell_is(s, r, SUM_COL_section, section) &&
            cell_is(s, r, SUM_COL_subject, subject) && cell_is(s, r, SUM_COL_quantity, quantity))
            return (long)r;
    return -1;
}

double summary_value(const csv_table *s, const char *run, const char *section,
                     const char *subject, const char *quantity)
{
    long r = summary_row(s, run, section, subject, quantity);
    double v;
    if (r < 0 || csv_table_real(s, (size_t)r, SUM_COL_value, &v) != 0)
        return NAN;
    return v;
}

size_t summary_runs(const csv_table *s, const char **runs, size_t max)
{
    size_t n = 0;
    for (size_t r = 0; r < s->nrows; r++) {
        const char *id = csv_table_text(s, r, SUM_COL_run_id);
        size_t i = 0;
        while (i < n && strcmp(runs[i], id) != 0)
            i++;
        if (i == n && n < max)
            runs[n++] = id;
    }
    return n;
}

int energy_fit_of_run(const csv_table *s, const char *run, energy_fit *f)
{
    static const char prefix[] = "e_flop_";
    memset(f, 0, sizeof *f);
    f->run_id = run;
    f->e_byte_pj = summary_value(s, run, "energy_fit", "e_byte", "value");
    f->p0_w = summary_value(s, run, "energy_fit", "p0", "value");
    f->r_squared = summary_value(s, run, "energy_fit", "r_squared", "value");
    f->err_median_pct = summary_value(s, run, "energy_fit", "abs_err_pct", "median");
    f->err_max_pct = summary_value(s, run, "energy_fit", "abs_err_pct", "max");
    f->rows = NAN;
    for (size_t r = 0; r < s->nrows; r++) {
        const char *subject = csv_table_text(s, r, SUM_COL_subject);
        double v;
        if (!cell_is(s, r, SUM_COL_run_id, run) || !cell_is(s, r, SUM_COL_section, "energy_fit"))
            continue;
        uint64_t rows;
        if (isnan(f->rows) && csv_table_count(s, r, SUM_COL_rows, &rows) == 0)
            f->rows = (double)rows;
        f->device = csv_table_text(s, r, SUM_COL_device);
        if (strncmp(subject, prefix, sizeof prefix - 1) != 0 || f->nunits == FIT_MAX_UNITS ||
            !cell_is(s, r, SUM_COL_quantity, "value") ||
            csv_table_real(s, r, SUM_COL_value, &v) != 0)
            continue;
        f->unit[f->nunits] = subject + sizeof prefix - 1;
        f->e_flop_pj[f->nunits] = v;
        f->e_flop_row[f->nunits++] = (long)r;
    }
    return isnan(f->e_byte_pj) || isnan(f->p0_w) ? -1 : 0;
}
