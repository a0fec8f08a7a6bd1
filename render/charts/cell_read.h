/* cell_read: how the data pickers (*_data.c) read one cell of a row, said
 * once: an empty or unreadable real cell is NAN, a count 0, and text
 * compares equal only when both cells hold it. */
#ifndef RENDER_CELL_READ_H
#define RENDER_CELL_READ_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "csv_table.h"

/* a and b hold the same text; an empty cell (NULL) equals nothing. */
static inline int text_same(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The real in row r, column col; NAN when empty or unreadable. */
static inline double real_of(const csv_table *t, size_t r, int col)
{
    double v;
    return csv_table_real(t, r, col, &v) == 0 ? v : NAN;
}

/* The count in row r, column col; 0 when empty or unreadable. */
static inline uint64_t count_of(const csv_table *t, size_t r, int col)
{
    uint64_t v = 0;
    return csv_table_count(t, r, col, &v) == 0 ? v : 0;
}

#endif
