/* gemv_data: what the GEMV roofline shows (chart_roofline.h,
 * chart_gemv_roofline_draw), picked from the model CSV once: per device,
 * spec mode and run (chart_data's groups, the first GEMV_MAX_GROUPS), one mark
 * per GEMV kernel (our `gemv`, cuBLAS's `gemv_cublas`), format and shape
 * class:
 *   GEMV_LARGEST  batch 1 at the largest square n x n the group measured at
 *                 batch 1: the bandwidth-limit case;
 *   GEMV_OTHER    batch 1 at every other shape (LLM layer shapes, smaller
 *                 squares): the median and the range over them;
 *   GEMV_BATCH    batch B > 1 at the shape of the batch sweep (the n x k
 *                 with the most cases at batch > 1), one mark per B.
 * A mark's intensity is the median over its cases (flop/byte), its
 * performance the median, minimum and maximum of achieved_gflops in
 * TFLOP/s (TOP/s for int8 work), its roof the compute unit whose peak bounds
 * it (compute_unit: cuda_fp32 at batch 1, tensor_fp16 on the tensor cores,
 * cuda_dp4a for w8a8) with that unit's datasheet peak. Cases whose output
 * check failed are left out: their time means nothing.
 *
 * Marks sort by format (the format table's order), then kernel, class and
 * batch. A group's issue roofs (issue 15) are chart_data's of its device,
 * mode and run (chart_data.h), in TFLOP/s, in the format table's order.
 * Strings point into the table, which must outlive the data;
 * nothing is allocated.
 */
#ifndef RENDER_GEMV_DATA_H
#define RENDER_GEMV_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "chart_data.h"
#include "csv_table.h"

#define GEMV_MAX_GROUPS 6
#define GEMV_MAX_MARKS 80
#define GEMV_MAX_ROOFS 8
#define GEMV_MAX_ISSUE 16 /* issue roofs a panel draws: one per format (formats.h has 9) */

typedef enum gemv_class { GEMV_LARGEST, GEMV_OTHER, GEMV_BATCH } gemv_class;

typedef struct gemv_mark {
    const char *kernel, *format, *unit;
    gemv_class cls;
    uint64_t batch;
    double intensity;                      /* flop/byte, median */
    double tflops, tflops_min, tflops_max; /* median and range */
    size_t ncases;
    int throttled; /* some case held its clocks down or moved them */
} gemv_mark;

typedef struct gemv_roof {
    const char *unit;
    double peak_tflops; /* datasheet */
} gemv_roof;

typedef struct gemv_issue {
    const char *format;
    double tflops; /* 2 x weights_per_s / 1e12 */
} gemv_issue;

typedef struct gemv_group {
    const char *device, *mode;
    char name[192]; /* the panel's title: chart_group_name */
    double bw_datasheet, bw_measured; /* GB/s; measured NAN when unknown */
    uint64_t largest;                 /* GEMV_LARGEST's n = k; 0 when none */
    uint64_t batch_n, batch_k;        /* GEMV_BATCH's shape; 0 when none */
    size_t nother;                    /* distinct shapes in GEMV_OTHER */
    size_t nmarks;
    gemv_mark mark[GEMV_MAX_MARKS];
    size_t nroofs; /* the units the marks use, ascending peak */
    gemv_roof roof[GEMV_MAX_ROOFS];
    size_t nissue; /* the issue roofs of the group's run, by format */
    gemv_issue issue[GEMV_MAX_ISSUE];
} gemv_group;

typedef struct gemv_roof_data {
    size_t ngroups;
    size_t more_groups; /* groups with GEMV cases left out past GEMV_MAX_GROUPS */
    gemv_group g[GEMV_MAX_GROUPS];
} gemv_roof_data;

/* all: chart_data_from_table's picks of t (the groups and their
 * bandwidths). */
void gemv_roof_data_from_table(const csv_table *t, const chart_data *all, gemv_roof_data *d);

#endif
