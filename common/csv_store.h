/* csv_store: inside csv_table (csv_table.h), shared by the reader
 * (csv_table.c) and the storage (csv_store.c); nothing else includes it. */
#ifndef CSV_STORE_H
#define CSV_STORE_H

#include "csv_ranges.h"
#include "csv_table.h"

/* The store of an empty table of schema; -1 out of memory. */
int csv_store_new(csv_table *t, const csv_schema *schema);
/* The range of column c, looked up once. */
const csv_range *csv_store_range(const csv_table *t, size_t c);
/* Appends a row: cell[c] the text of schema column c (NULL empty), value[c]
 * its parsed value for numeric columns. -1 out of memory. */
int csv_store_add_record(csv_table *t, const char *const *cell, const csv_value *value, long line);
/* The rows added from now on come from path; -1 out of memory. */
int csv_store_add_file(csv_table *t, const char *path);
/* t->path as "<t->path> + path" once a second file is loaded. */
int csv_store_join_path(csv_table *t, const char *path);

#endif
