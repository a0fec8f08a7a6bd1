/* test_model_cell: checks one cell of a model row (MODEL_CSV_SCHEMA),
 * for the model tests. Header-only (static inline) because each
 * tests/test_*.c is its own binary. */
#ifndef TEST_MODEL_CELL_H
#define TEST_MODEL_CELL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "../model/model_row.h"

/* The cell is want as text, or empty when want is NULL. */
static inline void assert_model_cell(const csv_row *row, int col, const char *want)
{
    const char *got = csv_row_get(row, col);
    if (want == NULL && got != NULL)
        fail_msg("column %s: want empty, got '%s'", MODEL_CSV_SCHEMA.columns[col].name, got);
    if (want != NULL && (got == NULL || strcmp(got, want) != 0))
        fail_msg("column %s: want '%s', got '%s'", MODEL_CSV_SCHEMA.columns[col].name, want,
                 got ? got : "(empty)");
}

#endif
