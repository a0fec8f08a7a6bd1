/* csv_row: one row of a schema'd CSV, and the writer that walks the schema.
 *
 * A row owns one heap string per column; NULL is an empty cell ("not
 * known"), never "0". The writer emits RFC 4180 (CRLF, quotes doubled,
 * fields quoted when they hold a comma, quote or line break) through an
 * atomic_file, so the output appears whole or not at all.
 *
 * Formulas (issue 18): a spreadsheet evaluates a cell that starts with =,
 * +, -, @, a tab or a carriage return, so a device name such as
 * =HYPERLINK("http://x","click") would run in whoever opens the CSV. As
 * OWASP's "CSV injection" page recommends, the writer puts a single quote
 * in front of such a cell of a text column (the quote makes a spreadsheet
 * show the cell as text); a number in a numeric column (-4.2) is left as
 * it is, and so is a text cell that is a plain number. A text cell that
 * already starts with a quote followed by one of those characters gets one
 * more quote, so the CSV reader (csv_table.h), which takes one leading
 * quote off such a cell, gives back exactly the text that was written.
 */
#ifndef CSV_ROW_H
#define CSV_ROW_H

#include <stdint.h>

#include "atomic_file.h"
#include "csv_schema.h"
#include "rl_error.h"

struct csv_row_pool;

typedef struct csv_row {
    const csv_schema *schema;
    const char **cells;        /* schema->count entries: the row's own text, borrowed text, or NULL */
    struct csv_row_pool *pool; /* the row's own text (csv_row.c) */
} csv_row;

int csv_row_init(csv_row *row, const csv_schema *schema);
void csv_row_free(csv_row *row);
void csv_row_clear(csv_row *row);

/* Setters copy their input (into the row's own chunks of text, emptied and
 * kept by csv_row_clear, so a row reused row after row allocates nothing). A non-finite real leaves the cell empty and
 * returns -1, so no NaN ever reaches a file; a real below 1e-100 in
 * magnitude (negative zero too) is written as 0, which the readers take
 * (csv_ranges.h). */
int csv_row_set_text(csv_row *row, int col, const char *text);
int csv_row_set_count(csv_row *row, int col, uint64_t value);
int csv_row_set_real(csv_row *row, int col, double value);
void csv_row_set_empty(csv_row *row, int col);
/* The cell is text, not a copy: text must outlive the row's use (model's
 * raw cells, borrowed from the raw table for the row they are written in). */
void csv_row_set_borrowed(csv_row *row, int col, const char *text);

/* The cell, or NULL when empty. */
const char *csv_row_get(const csv_row *row, int col);

/* 1 when the writer puts a quote in front of text cell s (above). */
int csv_text_needs_guard(const char *s);
/* The text a reader gives back for text cell s as written: s + 1 when s
 * is a guarded cell ("'=x" -> "=x"), else s. */
const char *csv_text_unguard(const char *s);

typedef struct csv_writer {
    atomic_file *file;
    const csv_schema *schema;
    int flush_rows; /* 1: each row reaches the file as it is written (measure) */
    char *buffer;   /* a large stdio buffer, when rows are not flushed */
} csv_writer;

/* Opens "<path>.partial.*" and writes the header. Every row is flushed as
 * it is written: a measurement cut short keeps its rows. */
int csv_writer_open(csv_writer *w, const char *path, const csv_schema *schema, rl_error *err);
/* The same, for an output made whole in one go (model's and render's,
 * staged by output_set.h): rows go through a 1 MiB buffer, not one
 * write(2) each, which was a tenth of model's time at 100k rows. */
int csv_writer_open_buffered(csv_writer *w, const char *path, const csv_schema *schema, rl_error *err);
/* Checks that every CSV_MUST cell is set, then writes the row. */
int csv_writer_row(csv_writer *w, const csv_row *row, rl_error *err);
/* Renames the finished file over path. */
int csv_writer_commit(csv_writer *w, rl_error *err);
/* Removes the partial file. */
void csv_writer_abort(csv_writer *w);

#endif
