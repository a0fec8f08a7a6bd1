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

/* Every row's sample statistics are in order: time_us_min <= time_us_median
 * <= time_us_p90. A row with min 12 over median 10 was modelled silently
 * (issue 18); it comes from an edited or damaged file, not from measure:
 *   time_us_min 12 is above time_us_median 10: the sample statistics are out of order (raw.csv:4) */
int csv_tables_check_times(const csv_table *tables, size_t ntables, rl_error *err);

#endif
