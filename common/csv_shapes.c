#include "csv_shapes.h"

#include <string.h>

int csv_tables_check_shapes(const csv_table *tables, size_t ntables, rl_error *err)
{
    static const int cols[3] = {RAW_COL_n, RAW_COL_k, RAW_COL_batch};
    for (size_t t = 0; t < ntables; t++)
        for (size_t r = 0; r < tables[t].nrows; r++)
            for (int i = 0; i < 3; i++) {
                const char *v = csv_table_text(&tables[t], r, cols[i]);
                /* counts are validated digits: zero is "0", "00", ... */
                if (v != NULL && strspn(v, "0") == strlen(v))
                    return rl_error_set(err, "%s is 0: every case has n, k and batch of at least 1 (%s:%ld)",
                                        tables[t].schema->columns[cols[i]].name, csv_table_file(&tables[t], r),
                                        tables[t].lines[r]);
            }
    return 0;
}
