/* model_table: the numbers of every model row of the inputs, grouped by run.
 *
 * Built in two passes over the raw rows: each row's run, found by hashing
 * (run_id, device) once; then each row's model_case (model_row.h), placed
 * among its run's cases, so the cases of a run are together and every
 * whole-run step (run_fit.h, summary.h, decode_out.h) reads only its own
 * run's. The runs keep the order of their first rows, and a run's cases
 * the order of its rows. The per-run fits are made once all cases are in.
 *
 * The model rows themselves are not kept: model_table_write makes each one
 * from its raw row and its case and writes it at once, in the order of the
 * inputs.
 * A row of 80 heap strings a case, kept for the whole run, was most of
 * model's memory (issue 18: 1M rows must fit in 2 GB).
 *
 * The table borrows from the raw tables and the specs, which must outlive
 * it; model_table_free() releases what it owns.
 */
#ifndef MODEL_TABLE_H
#define MODEL_TABLE_H

#include <stddef.h>

#include "csv_row.h"
#include "model_row.h"
#include "run_fit.h"

typedef struct model_table {
    model_case *cases; /* grouped by run */
    size_t *place;     /* place[i]: the case of the i-th raw row, tables in order */
    size_t n;
    run_fits fits;
} model_table;

/* Fails on the first bad row, naming its file:line (model_row_fill). */
int model_table_build(model_table *m, const model_ctx *ctx, const csv_table *tables, size_t ntables,
                      rl_error *err);

/* Writes the model rows, in the order of the inputs, to path through
 * csv_writer: whole or not at all; each row from its raw row and its case
 * (model_row_cells, model_row_set_fit). tables are those of the build. */
int model_table_write(const model_table *m, const csv_table *tables, size_t ntables, const char *path, rl_error *err);

void model_table_free(model_table *m);

#endif
