/* csv_shapes: every row's n, k and batch are at least 1, in model and in
 * render alike.
 *
 * The schema types them as counts (integers >= 0), and 0 parses, but no
 * case has an empty shape: stream kernels have k = batch = 1, a GEMV at
 * least one activation column. model accepted batch 0 silently (no byte
 * count, no warning) and render then failed drawing the batch chart on
 * its log axis ("invalid matrix"); both now refuse such a row up front:
 *   batch is 0: every case has n, k and batch of at least 1 (raw.csv:4)
 * Returns 0, or -1 with err set (rl_error.h). The column indices are the
 * raw schema's, which the model schema shares.
 */
#ifndef CSV_SHAPES_H
#define CSV_SHAPES_H

#include <stddef.h>

#include "csv_table.h"
#include "rl_error.h"

int csv_tables_check_shapes(const csv_table *tables, size_t ntables, rl_error *err);

#endif
