/* floor_score: the launch floor scored out of sample.
 *
 * A run's launch floor (launch_floor.h) is fitted on the rows it is then
 * judged on, so its in-sample error flatters it. Here it is also scored on
 * shapes its fit never saw. The rows are the run's floor rows
 * (run_fit_floor_row: the memory-bound rows of the error statistics with a
 * measured-ceiling prediction); a shape is (n, k), every format, kernel and
 * batch at it together. A scheme splits the shapes into folds; for each
 * fold the floor is refitted (launch_floor_fit) on the rows of every other
 * fold and scored on the fold's own rows: |err_pct| of
 * t_pred_measured + launches x refitted floor against the measured median.
 *   in_sample            one fold, fitted and scored on every row: the
 *                        run's own floor and error (for comparison)
 *   leave_one_shape_out  one fold per shape
 *   half_shapes          two folds: the shapes in ascending n x k (then n)
 *                        order, alternating, so each half spans the sizes
 * A fold whose training rows are fewer than LAUNCH_FLOOR_MIN_ROWS has no
 * floor: its rows are not scored (rows counts only the scored ones).
 * Each row is scored once. The statistics: median and 90th percentile
 * (stats.h, numpy's rule) and largest |err_pct|, and the range of the
 * refitted floors. Nothing here reads files; scratch memory only.
 */
#ifndef FLOOR_SCORE_H
#define FLOOR_SCORE_H

#include <stddef.h>

#include "model_case.h"
#include "run_fit.h"

enum floor_scheme { FLOOR_IN_SAMPLE, FLOOR_LEAVE_ONE_SHAPE_OUT, FLOOR_HALF_SHAPES, FLOOR_SCHEME_COUNT };

/* "in_sample", "leave_one_shape_out", "half_shapes": the summary's subject. */
const char *floor_scheme_name(enum floor_scheme s);

typedef struct floor_score {
    size_t rows;   /* rows scored */
    size_t shapes; /* distinct shapes among the run's floor rows */
    size_t folds;  /* folds with a floor */
    double median, p90, max;        /* |err_pct| over the rows scored, %; NaN when none */
    double floor_min_us, floor_max_us; /* the folds' floors; NaN when none */
} floor_score;

/* Scores run f's floor by scheme s over the n cases; -1 when out of memory. */
int floor_score_run(const model_case *cases, size_t n, const run_fit *f, enum floor_scheme s, floor_score *out);

#endif
