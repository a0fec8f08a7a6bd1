#include "csv_dups.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Where one row lives: table and row index. */
typedef struct row_ref {
    size_t table, row;
} row_ref;

/* FNV-1a over the cells, an empty cell hashed apart from "". */
static uint64_t row_hash(const csv_table *t, size_t r)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t c = 0; c < t->schema->count; c++) {
        const char *s = csv_table_text(t, r, (int)c);
        for (const unsigned char *p = (const unsigned char *)(s != NULL ? s : ""); *p != '\0'; p++)
            h = (h ^ *p) * 1099511628211ull;
        h = (h ^ (s != NULL ? 0x1fu : 0x1eu)) * 1099511628211ull; /* cell separator */
    }
    return h;
}

static int rows_equal(const csv_table *ta, size_t a, const csv_table *tb, size_t b)
{
    for (size_t c = 0; c < ta->schema->count; c++) {
        const char *x = csv_table_text(ta, a, (int)c), *y = csv_table_text(tb, b, (int)c);
        if (x == y)
            continue; /* one interned text, or both empty */
        if ((x == NULL) != (y == NULL) || (x != NULL && strcmp(x, y) != 0))
            return 0;
    }
    return 1;
}

int csv_tables_check_duplicates(const csv_table *tables, size_t ntables, rl_error *err)
{
    size_t total = 0;
    for (size_t t = 0; t < ntables; t++)
        total += tables[t].nrows;
    size_t cap = 16;
    while (cap < 2 * total)
        cap *= 2;
    /* open addressing; an empty slot has table == SIZE_MAX */
    row_ref *slots = malloc(cap * sizeof *slots);
    if (slots == NULL)
        return rl_error_set(err, "out of memory checking for duplicate rows");
    for (size_t i = 0; i < cap; i++)
        slots[i].table = SIZE_MAX;
    int rc = 0;
    for (size_t t = 0; rc == 0 && t < ntables; t++) {
        for (size_t r = 0; rc == 0 && r < tables[t].nrows; r++) {
            size_t i = (size_t)row_hash(&tables[t], r) & (cap - 1);
            while (slots[i].table != SIZE_MAX &&
                   !rows_equal(&tables[slots[i].table], slots[i].row, &tables[t], r))
                i = (i + 1) & (cap - 1);
            if (slots[i].table == SIZE_MAX) {
                slots[i] = (row_ref){t, r};
                continue;
            }
            const csv_table *first = &tables[slots[i].table];
            rc = rl_error_set(err, "duplicate row: same cells as %s:%ld (%s:%ld)",
                              csv_table_file(first, slots[i].row), first->lines[slots[i].row],
                              csv_table_file(&tables[t], r), tables[t].lines[r]);
        }
    }
    free(slots);
    return rc;
}
