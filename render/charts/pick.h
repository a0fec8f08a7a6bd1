/* pick: what the data pickers (*_data.h), the charts and the report's
 * tables share: grouping rows, the format table's order, and number
 * formats, so a table cell and a chart label print one value the same way.
 * Groups are found by hashing the cells (str_index.h), once per row; the
 * functions that do so allocate scratch memory and free it. */
#ifndef RENDER_PICK_H
#define RENDER_PICK_H

#include <stddef.h>
#include <stdint.h>

#include "csv_table.h"
#include "sbuf.h"

/* Writes into reps the first row of each distinct combination of the cells
 * in cols (empty cells compare equal), in order of appearance, among the
 * rows listed in rows (all rows of t when rows is NULL; nrows says how many).
 * reps must hold nrows entries. Returns how many groups there are. */
size_t pick_groups(const csv_table *t, const int *cols, size_t ncols, const size_t *rows,
                     size_t nrows, size_t *reps);

/* Reorders reps[0..n) so rows of one device are together, devices in the
 * order they first appear in t, and otherwise keeps their order. */
void pick_order_by_device(const csv_table *t, size_t *reps, size_t n);

/* The groups of pick_groups with their rows: group g is rep[g], its rows
 * member[start[g] .. start[g + 1]), in order. One pass (hashing): the way
 * to walk groups and their rows, where a pick_matching per group scanned
 * every row for every group. Returns 0, or -1 out of memory (p empty);
 * pick_part_free releases it. */
typedef struct pick_part {
    size_t n;
    size_t *rep, *start, *member;
} pick_part;
int pick_partition(const csv_table *t, const int *cols, size_t ncols, const size_t *rows, size_t nrows,
                   pick_part *p);
void pick_part_free(pick_part *p);

/* Writes into out the rows (among rows/nrows, as above) whose cols match
 * row rep; returns how many. One scan: for one group, not for each. */
size_t pick_matching(const csv_table *t, size_t rep, const int *cols, size_t ncols,
                       const size_t *rows, size_t nrows, size_t *out);

/* The shape (n[i], k[i]) given most often among m, of those given as
 * often the first; left as they are when m is 0. Sorted once and counted:
 * counting, for each row, the rows of its shape was quadratic (issue 18:
 * one run of 100k rows did not finish in 600 s). -1 out of memory. */
int pick_common_shape(const uint64_t *n, const uint64_t *k, size_t m, uint64_t *out_n, uint64_t *out_k);

/* Three significant figures, no exponent for the ranges of this report:
 * 3352 -> "3352", 62.04 -> "62.0", 0.7143 -> "0.714". A value that is not
 * finite prints as "–" in both, never as "inf" or "nan". */
void fmt_sig3(char *buf, size_t size, double v);
/* A signed percentage: "+12.3", "−4.0" (U+2212 minus, as typeset). */
void fmt_pct(char *buf, size_t size, double v);
/* The cell of a real column formatted by fmt, or NULL when empty. */
const char *fmt_cell(const csv_table *t, size_t row, int col, void (*fmt)(char *, size_t, double),
                     char *buf, size_t size);
/* Bytes as "50 MiB" / "4 MiB" (binary units: caches come in powers of 2). */
void fmt_bytes_binary(char *buf, size_t size, double bytes);
/* A ratio as "1.93×" (two decimals). */
void fmt_times(char *buf, size_t size, double v);
/* A table cell of v by fmt_sig3 or fmt_times into buf, or NULL (an empty
 * cell) when v is NAN. */
const char *sig3_cell(double v, char *buf, size_t size);
const char *times_cell(double v, char *buf, size_t size);

/* Where format name sorts: its row in the format table (formats.h), or
 * WEIGHT_FORMAT_COUNT when the table does not know it. */
int format_rank(const char *name);
/* Sorts the distinct format names[0..n) into the format table's order
 * (formats.h: fp16 first, then narrower), names the table does not know
 * after those in the order given: legends and tables read wide to narrow. */
void sort_formats(const char **names, size_t n);

#endif
