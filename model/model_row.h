/* model_row: one raw row in, one model row out.
 *
 * The model row holds every raw cell unchanged, then the MODEL_EXTRA
 * columns of csv_schema.h: the spec and mode used, the compute unit of the
 * kernel (workloads.h), the datasheet roofline and its error, the roofline
 * with the run's own measured bandwidth (measured_bw.h) and its error, and
 * the achieved rates. Cells that cannot be known (no stream_read in the run)
 * stay empty, never 0.
 *
 * Errors name the input as "file:line": an unknown kernel, a device no spec
 * matches (listing the known spec ids), an unknown power mode, a spec mode
 * without a peak for the kernel's unit, a median time of 0.
 */
#ifndef MODEL_ROW_H
#define MODEL_ROW_H

#include <stddef.h>

#include "csv_row.h"
#include "csv_table.h"
#include "measured_bw.h"
#include "rl_error.h"
#include "spec_set.h"
#include "workloads.h"

typedef struct model_ctx {
    const hw_spec_set *specs;
    const hw_spec *forced; /* --device: used for every row; NULL to match */
    const measured_bw *bw;
} model_ctx;

/* Fills out, a row of MODEL_CSV_SCHEMA (cleared first), from row r of t. */
int model_row_fill(const model_ctx *ctx, const csv_table *t, size_t r, csv_row *out, rl_error *err);

/* The spec row r uses: the forced one, or the best match of its device. */
int model_row_spec(const model_ctx *ctx, const csv_table *t, size_t r, const hw_spec **out,
                   rl_error *err);

/* 1 when the row's bytes and flop agree with the counting table
 * (workloads.h), 0 when they differ (*expected then holds the table's
 * counts), -1 when the table cannot count the case. */
int model_row_counts_agree(const csv_table *t, size_t r, workload_count *expected);

#endif
