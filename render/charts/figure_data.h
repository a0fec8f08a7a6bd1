/* figure_data: the cases the new charts and the report's verdicts share,
 * picked from a model CSV table once, so a chart and the sentence under it
 * can never quote different numbers.
 *
 * compare_data: for one run (the first in the CSV with a batch-1 fp16
 * `gemv` at a square shape: its run_id and device), the two largest such square shapes where
 * another format or cuBLAS was measured at batch 1 too, and per
 * category (cuBLAS fp16, our fp16, then every other gemv format in the
 * format table's order) the batch-1 case at each shape. The ideal speedup
 * of a format is 16 / bits per weight (formats.h); of cuBLAS fp16, 1.
 *
 * batch_data: for the run of the CSV's first row, the square shape with the most batch
 * sizes, and one series per (kernel, format) measured at two or more batch
 * sizes there, sorted by batch.
 *
 * scatter_data: every case with a prediction: predicted time (measured
 * ceilings, else datasheet; and with the launch floor where the CSV has it;
 * and with the issue roof, issue 15, where the CSV has that) against the
 * measured median.
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
    const char *run_id; /* the run of that baseline: the one run the picks are of */
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

/* The charts' two names for the two predictions the model CSV carries:
 * time_us_pred_measured (measured ceilings, else the datasheet's:
 * pred_us) and time_us_pred_measured_floor (that plus the run's fitted
 * per-call launch floor: floor_us, NAN when the CSV has none). */
#define PRED_BYTES_ONLY "bytes-only roofline"
#define PRED_WITH_FLOOR "roofline + launch floor"
/* time_us_pred_issue_roof (issue 15): max(the bytes-only roofline, the
 * format's issue time) + the launch floor, for batch-1 GEMVs on the CUDA
 * cores of a run that measured its formats' issue roofs (gemv_issue). */
#define PRED_ISSUE_ROOF "roofline + issue roof"

typedef struct batch_series {
    const char *kernel, *format;
    size_t n;
    double batch[BATCH_MAX_POINTS], time_us[BATCH_MAX_POINTS], pred_us[BATCH_MAX_POINTS];
    double floor_us[BATCH_MAX_POINTS];
} batch_series;

typedef struct batch_data {
    const char *device; /* NULL when no shape has two batch sizes */
    const char *run_id; /* the run of the CSV's first row: the one run the picks are of */
    uint64_t n, k;
    size_t nseries;
    batch_series s[BATCH_MAX_SERIES];
    size_t nbatches; /* distinct batch sizes over all series, ascending */
    double batches[BATCH_MAX_POINTS];
} batch_data;

void batch_data_from_table(const csv_table *t, batch_data *d);
/* The series' name in the batch chart's legend and the report's batch
 * table: "w4a16_g128", "cuBLAS fp16", or "<kernel> <format>" for other
 * kernels. Returns buf. */
const char *batch_series_name(const batch_series *s, char *buf, size_t size);

typedef struct scatter_point {
    double pred_us, time_us;
    double floor_us; /* PRED_WITH_FLOOR; NAN when the CSV has none */
    const char *kernel, *format;
    int wrong;
    double issue_us; /* PRED_ISSUE_ROOF; NAN where the CSV has none */
} scatter_point;

typedef struct scatter_data {
    scatter_point *p;
    size_t n;
    int datasheet_only;              /* no case had a measured ceiling */
    int has_floor;                   /* some case has PRED_WITH_FLOOR */
    int has_issue;                   /* some case has PRED_ISSUE_ROOF */
    const char **formats, **kernels; /* distinct, formats in table order */
    size_t nformats, nkernels;
} scatter_data;

int scatter_data_from_table(const csv_table *t, scatter_data *d, rl_error *err);
void scatter_data_free(scatter_data *d);

/* efficiency_data: every case of one device (the first with flop and
 * energy) with flop and energy: its intensity, its measured GFLOP/s per
 * watt (flop per joule / 1e9) and, when the model CSV has the energy fit's
 * optional columns, the fitted one (NAN otherwise). Lists as in
 * scatter_data.
 *
 * With model's summary CSV, the fit of the first such case's run as
 * curves, one per compute unit its cases use that the fit has an e_flop
 * for (the energy roofline): the fitted energy E = e_flop F + e_byte Q +
 * P0 T at the roofline's time T = max(Q / BW, F / peak), with BW the run's
 * measured ceiling (summary, else model CSV, else datasheet) and peak the
 * unit's datasheet peak, gives per byte of intensity I
 *     GFLOP/s per W = 1e3 I / (e_flop I + e_byte + 1e3 P0 max(1/BW, I/peak))
 * with e in pJ, P0 in W, BW in GB/s and peak in GFLOP/s. */
typedef struct efficiency_point {
    double intensity, gflops_per_w, fit_gflops_per_w;
    const char *kernel, *format;
} efficiency_point;

#define EFF_MAX_CURVES 8
typedef struct efficiency_curve {
    const char *unit;   /* compute_unit */
    double e_flop_pj;   /* pJ per flop */
    double peak_gflops; /* datasheet peak of the unit in that run */
} efficiency_curve;

typedef struct efficiency_data {
    const char *device;
    const char *run_id; /* the run of the first case with energy: the one run shown */
    efficiency_point *p;
    size_t n;
    int has_fit;
    const char **formats, **kernels;
    size_t nformats, nkernels;
    /* the fit's curves; ncurves 0 without a summary or a fit */
    const char *fit_run;
    double e_byte_pj, p0_w, bw_gbs, r_squared;
    size_t ncurves;
    efficiency_curve curve[EFF_MAX_CURVES];
} efficiency_data;

/* summary may be NULL (no curves). */
int efficiency_data_from_table(const csv_table *t, const csv_table *summary, efficiency_data *d,
                               rl_error *err);
void efficiency_data_free(efficiency_data *d);
/* Curve i at intensity (flop/byte) in GFLOP/s per W; NAN where the fitted
 * energy is not positive (a negative parameter can make it so). */
double efficiency_curve_at(const efficiency_data *d, size_t i, double intensity);

#endif
