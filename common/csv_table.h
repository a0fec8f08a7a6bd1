/* csv_table: read a CSV (through libcsv) and validate it against a schema.
 *
 * Loading checks everything once, so later getters cannot fail on bad text:
 * the header has every non-optional column of the schema (extra columns are
 * allowed and ignored, duplicates are not), every row has as many fields as
 * the header, CSV_MUST cells are non-empty and every non-empty cell parses as
 * its column type (finite, in plain decimal notation; counts are integers
 * >= 0) within its column's range (csv_ranges.h), and every field, of every
 * column, is UTF-8 text with no control character but tab and no
 * byte-order mark (utf8_valid.h: text_forbidden_at). Errors name the file
 * and line: "bytes: 'abc' is not an integer >= 0 (raw.csv:14)".
 *
 * Bounded (issue 18): a line longer than limits->max_line_bytes or a file
 * larger than limits->max_file_bytes stops the reading with an error that
 * names the file, the line, the limit and the option that raises it. The
 * header is checked before any row is read, so a file that is not such a
 * CSV fails on its first line, and running out of memory is said as such,
 * never taken for the end of the file. The file is read once, front to
 * back: a pipe or FIFO loads as a regular file does.
 *
 * Storage: each cell is parsed once, on loading. A row is one record in
 * the table's arena: for each column a 32-bit cell, then the values of its
 * numeric columns, then the text of its numeric cells. The text of a text
 * column is kept once per distinct value (interned per column), so its
 * cells compare by their id (csv_table_text_id) and a run's device name
 * is stored once, not once per row: about 0.7 KB a raw row, where a heap
 * string per cell took 3 KB.
 *
 * A text cell written with a formula guard (csv_row.h) reads back without
 * it. Several files of one schema load into one table (csv_table_load_into):
 * each row knows its file (csv_table_file) for messages.
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

/* How much of a file the reader takes, and what a message says raises it. */
typedef struct csv_limits {
    size_t max_line_bytes;
    unsigned long long max_file_bytes;
    const char *line_option; /* "--max-line-bytes", or NULL when none raises it */
    const char *file_option; /* "--max-file-bytes", or NULL */
} csv_limits;

/* 1 MiB a line: a raw row is about 400 bytes, a model row 700. 1 GiB a
 * file: about 3 million raw rows, 2 GB of memory in model. */
#define CSV_MAX_LINE_BYTES 1048576u
#define CSV_MAX_FILE_BYTES (1ull << 30)
extern const csv_limits CSV_DEFAULT_LIMITS;

typedef struct csv_store csv_store;

typedef struct csv_table {
    char *path; /* the file; several loaded into one: "a.csv + b.csv" */
    const csv_schema *schema;
    size_t nrows;
    long *lines;      /* 1-based line in its file where each row starts */
    csv_store *store; /* the cells (csv_table.c) */
} csv_table;

/* Loads path with CSV_DEFAULT_LIMITS, or with limits. */
int csv_table_load(csv_table *t, const char *path, const csv_schema *schema, rl_error *err);
int csv_table_load_limited(csv_table *t, const char *path, const csv_schema *schema, const csv_limits *limits,
                           rl_error *err);

/* An empty table of schema named path (no file is read). */
int csv_table_init(csv_table *t, const csv_schema *schema, const char *path, rl_error *err);
/* Appends the rows of path (same schema) to t: t->path becomes
 * "<t->path> + path". On failure t keeps the rows it had. */
int csv_table_load_into(csv_table *t, const char *path, const csv_limits *limits, rl_error *err);
/* Appends a row built in memory (tests, fuzzers): its numeric cells must
 * parse as their types; line is what csv_table_where says. */
int csv_table_add_row(csv_table *t, const csv_row *row, long line, rl_error *err);

void csv_table_free(csv_table *t);

/* The text of a cell, or NULL when empty. */
const char *csv_table_text(const csv_table *t, size_t row, int col);
/* 0 and *out set when the cell holds a value, -1 when empty (or, for a
 * column of another type, when its text is not such a number). */
int csv_table_real(const csv_table *t, size_t row, int col, double *out);
int csv_table_count(const csv_table *t, size_t row, int col, uint64_t *out);

/* Text columns: the cell's id among the column's distinct texts, 0 when
 * empty; two cells of one column of one table hold the same text exactly
 * when their ids are equal. Ids run from 1 to csv_table_text_ids(t, col)
 * - 1, so they index arrays. */
uint32_t csv_table_text_id(const csv_table *t, size_t row, int col);
size_t csv_table_text_ids(const csv_table *t, int col);
/* The id of text in text column col, 0 when no cell of it holds text. */
uint32_t csv_table_text_lookup(const csv_table *t, int col, const char *text);

/* The file row r came from. */
const char *csv_table_file(const csv_table *t, size_t row);

/* csv_parse_real and csv_parse_count, the cell parsers the getters use,
 * are in csv_ranges.h (measure links them without libcsv). */

#endif
