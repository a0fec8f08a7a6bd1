#include "chart_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "pick.h"
#include "stats.h"

static size_t find_text(const char **list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return i;
    return n;
}

/* Formats in the format table's order (fp16 first, then narrower), then
 * any others as they appear: the legend reads from wide to narrow. */
static void collect_series(const csv_table *t, chart_data *d)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const char *name = csv_table_text(t, r, RAW_COL_format);
        if (find_text(d->series, d->nseries, name) == d->nseries)
            d->series[d->nseries++] = name;
    }
    sort_formats(d->series, d->nseries);
}

static int same_text(const char *a, const char *b)
{
    return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

void chart_group_name(const chart_data *d, size_t g, char *buf, size_t size)
{
    const chart_group *a = &d->groups[g];
    size_t runs = 0; /* groups of this device and mode: its runs */
    for (size_t h = 0; h < d->ngroups; h++)
        runs += strcmp(d->groups[h].device, a->device) == 0 && strcmp(d->groups[h].mode, a->mode) == 0;
    const char *run = a->run_id != NULL ? a->run_id : "–";
    if (runs > 1 && runs == d->ngroups) /* every group this card and mode: the chart's title names them */
        snprintf(buf, size, "run %s", run);
    else if (runs > 1)
        snprintf(buf, size, "%s (%s), run %s", a->device, a->mode, run);
    else
        snprintf(buf, size, "%s (%s)", a->device, a->mode);
}

static size_t group_of(const csv_table *t, const chart_data *d, size_t r)
{
    for (size_t g = 0; g < d->ngroups; g++)
        if (strcmp(d->groups[g].device, csv_table_text(t, r, RAW_COL_device)) == 0 &&
            strcmp(d->groups[g].mode, csv_table_text(t, r, MODEL_COL_spec_mode)) == 0 &&
            same_text(d->groups[g].run_id, csv_table_text(t, r, RAW_COL_run_id)))
            return g;
    return 0;
}

/* The median of col over the rows of group g (NAN when none has it: an
 * optional column a model CSV lacks reads empty on every row). row_group
 * holds each row's group, found once: a fleet has hundreds of runs, and
 * looking the group up again per group and row made 512 runs take 10 s. */
static double group_median(const csv_table *t, const size_t *row_group, size_t g, int col, double *scratch)
{
    size_t m = 0;
    for (size_t r = 0; r < t->nrows; r++)
        if (row_group[r] == g && csv_table_real(t, r, col, &scratch[m]) == 0)
            m++;
    return stats_median(scratch, m);
}

/* One group per (device, spec mode, run): each run's measured ceilings are
 * its own, never a figure averaged over runs that none of them measured
 * (every row of a run carries the same; the median reads that one).
 * reps is scratch space of t->nrows entries, reused for each row's group
 * once the groups are named. */
static void collect_groups(const csv_table *t, chart_data *d, size_t *reps, double *scratch)
{
    const int key[] = {RAW_COL_device, MODEL_COL_spec_mode, RAW_COL_run_id};
    d->ngroups = pick_groups(t, key, 3, NULL, t->nrows, reps);
    for (size_t g = 0; g < d->ngroups; g++) {
        d->groups[g].device = csv_table_text(t, reps[g], RAW_COL_device);
        d->groups[g].mode = csv_table_text(t, reps[g], MODEL_COL_spec_mode);
        d->groups[g].run_id = csv_table_text(t, reps[g], RAW_COL_run_id);
        csv_table_real(t, reps[g], MODEL_COL_bw_datasheet_gbs, &d->groups[g].bw_datasheet);
    }
    size_t *row_group = reps;
    for (size_t r = 0; r < t->nrows; r++)
        row_group[r] = group_of(t, d, r);
    for (size_t g = 0; g < d->ngroups; g++) {
        d->groups[g].bw_measured = group_median(t, row_group, g, MODEL_COL_bw_measured_gbs, scratch);
        d->groups[g].bw_l2_measured = group_median(t, row_group, g, MODEL_COL_bw_l2_measured_gbs, scratch);
    }
}

static void collect_roofs(const csv_table *t, chart_data *d, size_t *reps)
{
    const int key[] = {RAW_COL_device, MODEL_COL_spec_mode, RAW_COL_run_id, MODEL_COL_compute_unit};
    d->nroofs = pick_groups(t, key, 4, NULL, t->nrows, reps);
    for (size_t i = 0; i < d->nroofs; i++) {
        d->roofs[i].unit = csv_table_text(t, reps[i], MODEL_COL_compute_unit);
        csv_table_real(t, reps[i], MODEL_COL_peak_datasheet_gflops, &d->roofs[i].peak_gflops);
        d->roofs[i].group = group_of(t, d, reps[i]);
    }
}

/* The issue roofs: one per group and format with checked gemv_issue rows,
 * at the median of their weights_per_s; rows is scratch of t->nrows. */
static int collect_issue(const csv_table *t, chart_data *d, size_t *rows, double *scratch)
{
    size_t m = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *kernel = csv_table_text(t, r, RAW_COL_kernel), *check = csv_table_text(t, r, RAW_COL_check);
        double w;
        if (kernel != NULL && strcmp(kernel, CHART_ISSUE_KERNEL) == 0 && check != NULL &&
            strcmp(check, "ok") == 0 && csv_table_real(t, r, RAW_COL_weights_per_s, &w) == 0 && w > 0.0)
            rows[m++] = r;
    }
    if (m == 0)
        return 0;
    const int key[] = {RAW_COL_device, MODEL_COL_spec_mode, RAW_COL_run_id, RAW_COL_format};
    pick_part part;
    if (pick_partition(t, key, 4, rows, m, &part) != 0)
        return -1;
    for (size_t g = 0; g < part.n; g++) {
        size_t k = 0;
        for (size_t i = part.start[g]; i < part.start[g + 1]; i++)
            csv_table_real(t, part.member[i], RAW_COL_weights_per_s, &scratch[k++]);
        chart_issue_roof roof = {csv_table_text(t, part.rep[g], RAW_COL_format),
                                 2.0 * stats_median(scratch, k) / 1e9, group_of(t, d, part.rep[g])};
        size_t i = d->nissue++; /* insertion: by group, then the format table's order */
        while (i > 0 && (d->issue[i - 1].group > roof.group ||
                         (d->issue[i - 1].group == roof.group &&
                          format_rank(d->issue[i - 1].format) > format_rank(roof.format)))) {
            d->issue[i] = d->issue[i - 1];
            i--;
        }
        d->issue[i] = roof;
    }
    pick_part_free(&part);
    return 0;
}

static void collect_points(const csv_table *t, chart_data *d)
{
    for (size_t r = 0; r < t->nrows; r++) {
        uint64_t flop = 0;
        chart_point p = {0};
        csv_table_count(t, r, RAW_COL_flop, &flop);
        csv_table_real(t, r, MODEL_COL_intensity_flop_per_byte, &p.intensity);
        csv_table_real(t, r, MODEL_COL_achieved_gflops, &p.gflops);
        if (flop == 0 || !(p.intensity > 0.0) || !(p.gflops > 0.0)) {
            d->skipped++;
            continue;
        }
        p.series = find_text(d->series, d->nseries, csv_table_text(t, r, RAW_COL_format));
        const char *kernel = csv_table_text(t, r, RAW_COL_kernel);
        p.kernel = find_text(d->kernels, d->nkernels, kernel);
        if (p.kernel == d->nkernels)
            d->kernels[d->nkernels++] = kernel;
        p.group = group_of(t, d, r);
        p.wrong = strcmp(csv_table_text(t, r, RAW_COL_check), "ok") != 0;
        const char *th = csv_table_text(t, r, RAW_COL_throttled);
        const char *ch = csv_table_text(t, r, RAW_COL_clocks_changed);
        p.throttled = (th != NULL && strcmp(th, "yes") == 0) || (ch != NULL && strcmp(ch, "yes") == 0);
        d->points[d->npoints++] = p;
    }
}

int chart_data_from_table(const csv_table *t, chart_data *d, rl_error *err)
{
    memset(d, 0, sizeof *d);
    size_t n = t->nrows ? t->nrows : 1;
    d->points = calloc(n, sizeof *d->points);
    d->series = calloc(n + WEIGHT_FORMAT_COUNT, sizeof *d->series);
    d->kernels = calloc(n, sizeof *d->kernels);
    d->groups = calloc(n, sizeof *d->groups);
    d->roofs = calloc(n, sizeof *d->roofs);
    d->issue = calloc(n, sizeof *d->issue);
    size_t *reps = calloc(n, sizeof *reps);
    double *scratch = calloc(n, sizeof *scratch);
    int rc = 0;
    if (d->points == NULL || d->series == NULL || d->kernels == NULL || d->groups == NULL ||
        d->roofs == NULL || d->issue == NULL ||
        reps == NULL || scratch == NULL) {
        rc = rl_error_set(err, "out of memory preparing the chart");
    } else {
        collect_series(t, d);
        collect_groups(t, d, reps, scratch);
        collect_roofs(t, d, reps);
        collect_points(t, d);
        if (collect_issue(t, d, reps, scratch) != 0)
            rc = rl_error_set(err, "out of memory preparing the chart");
    }
    free(reps);
    free(scratch);
    if (rc != 0)
        chart_data_free(d);
    return rc;
}

void chart_data_free(chart_data *d)
{
    free(d->points);
    free(d->series);
    free(d->kernels);
    free(d->groups);
    free(d->roofs);
    free(d->issue);
    memset(d, 0, sizeof *d);
}
