/* figure_data: the cases the new charts and the report's verdicts share,
 * picked from a model CSV table once, so a chart and the sentence under it
 * can never quote different numbers.
 *
 * compare_data: for one device (the first in the CSV with a batch-1 fp16
 * `gemv` at a square shape), the two largest such square shapes where
 * another format or cuBLAS was measured at batch 1 too, and per
 * category (cuBLAS fp16, our fp16, then every other gemv format in the
 * format table's order) the batch-1 case at each shape. The ideal speedup
 * of a format is 16 / bits per weight (formats.h); of cuBLAS fp16, 1.
 *
 * batch_data: for the first device, the square shape with the most batch
 * sizes, and one series per (kernel, format) measured at two or more batch
 * sizes there, sorted by batch.
 *
 * scatter_data: every case with a prediction: predicted time (measured
 * ceilings, else datasheet) against the measured median.
 *
 * All strings point into the csv_table, which must outlive the data. Only
 * scatter_data allocates (scatter_data_free). Missing cases have have = 0
 * and values NAN: a chart leaves them out, never draws a 0.
 */
#ifndef RENDER_FIGURE_DATA_H
#define RENDER_FIGURE_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "csv_table.h"
#include "rl_error.h"

#define CMP_MAX_SHAPES 2
#define CMP_MAX_CATS 16

typedef struct cmp_case {
    int have;
    size_t row;
    double time_us;   /* measured median */
    double pred_us;   /* roofline, measured ceilings (else datasheet) */
    double energy_uj; /* per call; NAN when no sensor */
    double power_w;   /* NAN when no sensor */
    double flop, bytes;
    double bw_fraction; /* achieved / measured stream bandwidth; NAN if unknown */
} cmp_case;

typedef struct cmp_category {
    const char *kernel, *format;
    char label[48];  /* "cuBLAS fp16", "fp16 (ours)", "w8a16" */
    double ideal;    /* bandwidth-bound speedup over fp16: 16 / bits */
    int is_baseline; /* our fp16 gemv: every speedup is over it */
} cmp_category;

typedef struct compare_data {
    const char *device; /* NULL when no device has an fp16 gemv baseline */
    size_t nshapes;     /* ascending: the largest last */
    uint64_t n[CMP_MAX_SHAPES], k[CMP_MAX_SHAPES];
    size_t ncats;
    cmp_category cat[CMP_MAX_CATS];
    cmp_case cell[CMP_MAX_CATS][CMP_MAX_SHAPES];
    size_t base; /* the baseline's category */
} compare_data;

void compare_data_from_table(const csv_table *t, compare_data *d);
/* Measured and predicted speedup of category c over the baseline at shape
 * s; NAN when either case is missing. */
double compare_speedup(const compare_data *d, size_t c, size_t s);
double compare_pred_speedup(const compare_data *d, size_t c, size_t s);
/* GFLOP/s per watt of a case (flop per joule / 1e9); NAN without energy. */
double cmp_case_gflops_per_w(const cmp_case *x);

#define BATCH_MAX_SERIES 16
#define BATCH_MAX_POINTS 12

typedef struct batch_series {
    const char *kernel, *format;
    size_t n;
    double batch[BATCH_MAX_POINTS], time_us[BATCH_MAX_POINTS], pred_us[BATCH_MAX_POINTS];
} batch_series;

typedef struct batch_data {
    const char *device; /* NULL when no shape has two batch sizes */
    uint64_t n, k;
    size_t nseries;
    batch_series s[BATCH_MAX_SERIES];
    size_t nbatches; /* distinct batch sizes over all series, ascending */
    double batches[BATCH_MAX_POINTS];
} batch_data;

void batch_data_from_table(const csv_table *t, batch_data *d);

typedef struct scatter_point {
    double pred_us, time_us;
    const char *kernel, *format;
    int wrong;
} scatter_point;

typedef struct scatter_data {
    scatter_point *p;
    size_t n;
    int datasheet_only;              /* no case had a measured ceiling */
    const char **formats, **kernels; /* distinct, formats in table order */
    size_t nformats, nkernels;
} scatter_data;

int scatter_data_from_table(const csv_table *t, scatter_data *d, rl_error *err);
void scatter_data_free(scatter_data *d);

/* efficiency_data: every case with flop and energy: its intensity, its
 * measured GFLOP/s per watt (flop per joule / 1e9) and, when the model CSV
 * has the energy fit's optional columns, the fitted one (NAN otherwise).
 * Lists as in scatter_data; the device is the first row's. */
typedef struct efficiency_point {
    double intensity, gflops_per_w, fit_gflops_per_w;
    const char *kernel, *format;
} efficiency_point;

typedef struct efficiency_data {
    const char *device;
    efficiency_point *p;
    size_t n;
    int has_fit;
    const char **formats, **kernels;
    size_t nformats, nkernels;
} efficiency_data;

int efficiency_data_from_table(const csv_table *t, efficiency_data *d, rl_error *err);
void efficiency_data_free(efficiency_data *d);

#endif
