/* chart_data: what the roofline chart shows, taken from the model CSV.
 *
 * Points are measured cases: x = intensity_flop_per_byte, y =
 * achieved_gflops, with their format (colour) and kernel (marker). Cases
 * with flop = 0 (bandwidth kernels) have no place on
 * a log axis and are counted in `skipped`. A ceiling group is one run of one
 * device in one spec mode: its datasheet and measured DRAM bandwidth, the measured
 * bandwidth of its L2-resident read (stream_read_l2: a second, higher
 * memory roof; NAN when no run measured it, as in every archive before it)
 * and the datasheet peak of every compute unit its cases used.
 * An issue roof (issue 15) is one format's roof in one group: the rate its
 * `gemv_issue` cases reached with their weights resident in L2, so that
 * DRAM does not limit them, at 2 flop a weight: 2 x weights_per_s / 1e9
 * GFLOP/s, the median over the group's gemv_issue rows of that format with
 * check ok. Archives before gemv_issue have none.
 *
 * Strings point into the csv_table, which must outlive the chart_data.
 * chart_data_free() releases the arrays. Returns 0, or -1 with err set.
 */
#ifndef RENDER_CHART_DATA_H
#define RENDER_CHART_DATA_H

#include <stddef.h>

#include "csv_table.h"
#include "rl_error.h"

typedef struct chart_point {
    double intensity; /* flop/byte */
    double gflops;    /* GFLOP/s */
    size_t series;    /* index into series: the weight format */
    size_t kernel;    /* index into kernels */
    size_t group;     /* index into groups */
    int wrong;        /* 1 when the output check failed */
    int throttled;    /* 1 when throttled or clocks_changed says yes */
} chart_point;

typedef struct chart_roof {
    const char *unit;   /* compute_unit */
    double peak_gflops; /* datasheet */
    size_t group;
} chart_roof;

/* The kernel whose rows set the issue roofs. */
#define CHART_ISSUE_KERNEL "gemv_issue"

typedef struct chart_issue_roof {
    const char *format;
    double gflops; /* 2 x weights_per_s / 1e9 */
    size_t group;
} chart_issue_roof;

typedef struct chart_group {
    const char *device;
    const char *mode;      /* spec_mode */
    const char *run_id;    /* the run whose ceilings these are */
    double bw_datasheet;   /* GB/s */
    double bw_measured;    /* GB/s; NAN when no run measured it */
    double bw_l2_measured; /* GB/s, L2-resident read; NAN when no run measured it */
} chart_group;

typedef struct chart_data {
    chart_point *points;
    size_t npoints;
    size_t skipped; /* cases left off the chart: flop = 0 */
    const char **series; /* format names: the format table's order first */
    size_t nseries;
    const char **kernels; /* kernel names, in order of appearance */
    size_t nkernels;
    chart_group *groups;
    size_t ngroups;
    chart_roof *roofs;
    size_t nroofs;
    chart_issue_roof *issue; /* by group, then the format table's order */
    size_t nissue;
} chart_data;

int chart_data_from_table(const csv_table *t, chart_data *d, rl_error *err);
void chart_data_free(chart_data *d);

/* Group g's name for a panel: "<device> (<mode>)", and ", run <run_id>"
 * when another group has the same device and mode (two runs of one card
 * are told apart, never pooled); "run <run_id>" alone when every group is
 * of that device and mode (the chart's title names them). */
void chart_group_name(const chart_data *d, size_t g, char *buf, size_t size);

#endif
