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

int csv_tables_check_times(const csv_table *tables, size_t ntables, rl_error *err)
{
    for (size_t t = 0; t < ntables; t++)
        for (size_t r = 0; r < tables[t].nrows; r++) {
            double lo, mid, hi;
            if (csv_table_real(&tables[t], r, RAW_COL_time_us_min, &lo) != 0 ||
                csv_table_real(&tables[t], r, RAW_COL_time_us_median, &mid) != 0 ||
                csv_table_real(&tables[t], r, RAW_COL_time_us_p90, &hi) != 0)
                continue; /* the columns are required: only a table made in memory lacks them */
            const char *what = lo > mid ? "time_us_min" : mid > hi ? "time_us_median" : NULL;
            if (what == NULL)
                continue;
            const char *above = lo > mid ? "time_us_median" : "time_us_p90";
            return rl_error_set(err, "%s %.9g is above %s %.9g: the sample statistics are out of order (%s:%ld)", what,
                                lo > mid ? lo : mid, above, lo > mid ? mid : hi, csv_table_file(&tables[t], r),
                                tables[t].lines[r]);
        }
    return 0;
}
