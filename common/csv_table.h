/* csv_table: read a CSV (through libcsv) and validate it against a schema.
 *
 * Loading checks everything once, so later getters cannot fail on bad text:
 * the header has every non-optional column of the schema (extra columns are
 * allowed and ignored, duplicates are not), every row has as many fields as
 * the header, CSV_MUST cells are non-empty and every non-empty cell parses as
 * its column type (finite; counts are integers >= 0) within its column's
 * range (csv_ranges.h), and every field, of
 * every column, is UTF-8 text. Errors name the file and line:
 * "bytes: 'abc' is not an integer >= 0 (raw.csv:14)".
 *
 * The table owns everything in it; csv_table_free() releases it.
 */
#ifndef CSV_TABLE_H
#define CSV_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "csv_ranges.h"
#include "csv_row.h"
#include "csv_schema.h"
#include "rl_error.h"

typedef struct csv_table {
    char *path;
    const csv_schema *schema;
    size_t nrows;
    csv_row *rows; /* cells in schema order; absent optional columns are empty */
    long *lines;   /* 1-based source line where each row starts */
} csv_table;

int csv_table_load(csv_table *t, const char *path, const csv_schema *schema, rl_error *err);
void csv_table_free(csv_table *t);

/* The text of a cell, or NULL when empty. */
const char *csv_table_text(const csv_table *t, size_t row, int col);
/* 0 and *out set when the cell holds a value, -1 when empty. */
int csv_table_real(const csv_table *t, size_t row, int col, double *out);
int csv_table_count(const csv_table *t, size_t row, int col, uint64_t *out);

/* csv_parse_real and csv_parse_count, the cell parsers the getters use,
 * are in csv_ranges.h (measure links them without libcsv). */

#endif
