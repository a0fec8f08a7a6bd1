/* csv_runs: one run is one run_id, one device, one start time and one file,
 * in model and in render alike.
 *
 * model grouped rows into runs by (run_id, device) and render by run_id
 * alone: a run_id that two devices shared dropped one device from render's
 * Runs table and filed its claims under the other, and the same run given
 * twice, under two start times (or in two files), was counted twice,
 * silently (issue 18). Both now refuse such tables up front, naming both
 * places:
 *   run_id 20261206T142837Z-558 is seen with two devices, 'NVIDIA H100 80GB
 *   HBM3' (a.csv:2) and 'NVIDIA A100' (b.csv:5): a run measures one device;
 *   give each run its own run_id
 *   run_id r1 is in two files, a.csv:2 and b.csv:2: the same run given
 *   twice? give each run once
 *   run_id r1 started at two times, 2026-12-06T14:28:37Z (a.csv:2) and
 *   2026-12-07T09:00:00Z (a.csv:300): the same run given twice? give each
 *   run once
 * measure writes one run_id per invocation, one device and one start time
 * to one file, so no archive trips these. The runs are found by hashing
 * (str_index.h), once per row.
 *
 * Returns 0, or -1 with err set (rl_error.h).
 */
#ifndef CSV_RUNS_H
#define CSV_RUNS_H

#include <stddef.h>

#include "csv_table.h"
#include "rl_error.h"

int csv_tables_check_runs(const csv_table *tables, size_t ntables, rl_error *err);

#endif
