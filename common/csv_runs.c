#include "csv_runs.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "str_index.h"

/* The first row of a run: where its device, start and file are. */
typedef struct run_first {
    size_t table, row;
} run_first;

static int same(const char *a, const char *b)
{
    return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int differs(const csv_table *tables, const run_first *f, size_t t, size_t r, rl_error *err)
{
    const csv_table *a = &tables[f->table], *b = &tables[t];
    const char *run = csv_table_text(b, r, RAW_COL_run_id);
    const char *fa = csv_table_file(a, f->row), *fb = csv_table_file(b, r);
    long la = a->lines[f->row], lb = b->lines[r];
    const char *da = csv_table_text(a, f->row, RAW_COL_device), *db = csv_table_text(b, r, RAW_COL_device);
    if (!same(da, db))
        return rl_error_set(err,
                            "run_id %.80s is seen with two devices, '%.80s' (%s:%ld) and '%.80s' (%s:%ld): a run "
                            "measures one device; give each run its own run_id",
                            run, da, fa, la, db, fb, lb);
    if (f->table != t || fa != fb)
        return rl_error_set(err, "run_id %.80s is in two files, %s:%ld and %s:%ld: the same run given twice? give each "
                                 "run once",
                            run, fa, la, fb, lb);
    const char *ta = csv_table_text(a, f->row, RAW_COL_timestamp_utc), *tb = csv_table_text(b, r, RAW_COL_timestamp_utc);
    if (!same(ta, tb))
        return rl_error_set(err,
                            "run_id %.80s started at two times, %.40s (%s:%ld) and %.40s (%s:%ld): the same run "
                            "given twice? give each run once",
                            run, ta, fa, la, tb, fb, lb);
    return 0;
}

int csv_tables_check_runs(const csv_table *tables, size_t ntables, rl_error *err)
{
    str_index ix;
    str_index_init(&ix, 1);
    run_first *first = NULL;
    size_t cap = 0;
    int rc = 0;
    for (size_t t = 0; rc == 0 && t < ntables; t++)
        for (size_t r = 0; rc == 0 && r < tables[t].nrows; r++) {
            const char *run = csv_table_text(&tables[t], r, RAW_COL_run_id);
            size_t before = ix.count, k = str_index_put(&ix, &run);
            if (k == STR_INDEX_NONE) {
                rc = rl_error_set(err, "out of memory checking the runs");
            } else if (ix.count > before) {
                if (k == cap) {
                    run_first *grown = grow_array(first, &cap, sizeof *grown, 64);
                    if (grown == NULL) {
                        rc = rl_error_set(err, "out of memory checking the runs");
                        continue;
                    }
                    first = grown;
                }
                first[k] = (run_first){t, r};
            } else {
                rc = differs(tables, &first[k], t, r, err);
            }
        }
    free(first);
    str_index_free(&ix);
    return rc;
}
