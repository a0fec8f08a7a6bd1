#include "run_summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv_table.h"
#include "stats.h"

static int add_device(run_summary *s, const char *device)
{
    for (size_t i = 0; i < s->ndevices; i++)
        if (strcmp(s->devices[i], device) == 0)
            return 0;
    const char **d = realloc(s->devices, (s->ndevices + 1) * sizeof *d);
    if (d == NULL)
        return -1;
    s->devices = d;
    s->devices[s->ndevices++] = device;
    return 0;
}

int run_summary_add(run_summary *s, const char *device, const csv_row *model_row)
{
    s->rows++;
    if (add_device(s, device) != 0)
        return -1;
    const char *bound = csv_row_get(model_row, MODEL_COL_bound);
    double err_pct;
    if (bound == NULL || strcmp(bound, "memory") != 0 ||
        csv_parse_real(csv_row_get(model_row, MODEL_COL_err_pct_measured), &err_pct) != 0)
        return 0;
    double *e = realloc(s->abs_err_pct, (s->nerr + 1) * sizeof *e);
    if (e == NULL)
        return -1;
    s->abs_err_pct = e;
    s->abs_err_pct[s->nerr++] = fabs(err_pct);
    return 0;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double run_summary_median_abs_err(run_summary *s)
{
    if (s->nerr == 0)
        return NAN;
    qsort(s->abs_err_pct, s->nerr, sizeof *s->abs_err_pct, compare_doubles);
    return stats_percentile_sorted(s->abs_err_pct, s->nerr, 50.0); /* the project's one median */
}

void run_summary_print(run_summary *s, FILE *fp, const char *out_path)
{
    fprintf(fp, "model: wrote %zu rows for %zu device%s to %s; ", s->rows, s->ndevices,
            s->ndevices == 1 ? "" : "s", out_path);
    if (s->nerr == 0)
        fputs("no memory-bound row has a measured bandwidth to compare with\n", fp);
    else
        fprintf(fp, "median |err_pct_measured| of %zu memory-bound rows: %.1f%%\n", s->nerr,
                run_summary_median_abs_err(s));
}

void run_summary_free(run_summary *s)
{
    free(s->devices);
    free(s->abs_err_pct);
    memset(s, 0, sizeof *s);
}
