/* model_table: every model row of the inputs, in memory.
 *
 * Built in two passes: each raw row becomes a model row and a model_case
 * (model_row.h); then the per-run fits (run_fit.h) are made over all the
 * cases and their columns filled in. Rows keep the order of the inputs.
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
    csv_row *rows;
    model_case *cases;
    size_t n;
    run_fits fits;
} model_table;

/* Fails on the first bad row, naming its file:line (model_row_fill). */
int model_table_build(model_table *m, const model_ctx *ctx, const csv_table *tables, size_t ntables,
                      rl_error *err);

/* Writes the rows to path through csv_writer: whole or not at all. */
int model_table_write(const model_table *m, const char *path, rl_error *err);

void model_table_free(model_table *m);

#endif
