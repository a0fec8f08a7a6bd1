/* accuracy_data: what each weight format costs in accuracy and gives in
 * speed, picked from a model CSV table once, so the quantization-accuracy
 * chart and its table quote the same numbers.
 *
 * Every `gemv` format of the table, in the format table's order (fp16
 * first), with:
 *   - its error of y from quantization, ||Q(W)x - Wx|| / ||Wx|| on Gaussian
 *     weights and on heavy-tailed weights with outliers (the raw CSV's
 *     optional quant_err_gaussian and quant_err_outliers, computed on the
 *     CPU by common/quant_accuracy.h, so one value per format whatever the
 *     device), as a fraction;
 *   - its measured speedup over our fp16 GEMV at the largest square shape
 *     of compare_data (figure_data.h), the speedup chart's and the
 *     verdicts' shape, and the ideal 16 / bits per weight.
 * Missing values are NAN. Strings point into the table, which must outlive
 * the data; nothing is allocated.
 */
#ifndef RENDER_ACCURACY_DATA_H
#define RENDER_ACCURACY_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "csv_table.h"
#include "figure_data.h"

typedef struct accuracy_format {
    const char *format;
    double bits;                       /* storage bits per weight; NAN outside the table */
    double err_gaussian, err_outliers; /* fractions; fp16 has 0 */
    double speedup, ideal;             /* over our fp16 GEMV; NAN when not measured */
} accuracy_format;

typedef struct accuracy_data {
    const char *device; /* of the speedups; NULL when there is no fp16 baseline */
    const char *run_id; /* their run (compare_data's) */
    uint64_t n, k;      /* their shape */
    size_t nformats;
    accuracy_format f[CMP_MAX_CATS];
    int has_errors; /* some format has a quantization error */
} accuracy_data;

/* cmp: compare_data_from_table's picks of t (figure_set_build's, which the
 * speedup chart draws), so the speedups are that build's numbers, not a
 * second build's. */
void accuracy_data_from_table(const csv_table *t, const compare_data *cmp, accuracy_data *d);

/* 1 when format a is no faster than b and no more accurate on either
 * weight distribution, and worse in one of the three (b "dominates" a:
 * nobody should pick a over b). Needs all of both's values. */
int accuracy_dominated(const accuracy_format *a, const accuracy_format *b);

#endif
