/* csv_dups: a row given twice is an error, in model and in render alike.
 *
 * A duplicate is a row whose every schema cell equals the cells of an
 * earlier row, in the same table or in an earlier one. measure never writes
 * one: each row carries its own timings, so two measurements of one case
 * differ and are both kept. An identical row comes from a file given twice
 * or pasted together by hand, and it would count twice in every median, fit
 * and chart, so it is refused with both places named:
 *   duplicate row: same cells as a.csv:4 (b.csv:9)
 * Columns outside the schema (ignored on reading) do not count.
 *
 * Returns 0, or -1 with err set (rl_error.h).
 */
#ifndef CSV_DUPS_H
#define CSV_DUPS_H

#include <stddef.h>

#include "csv_table.h"
#include "rl_error.h"

int csv_tables_check_duplicates(const csv_table *tables, size_t ntables, rl_error *err);

#endif
