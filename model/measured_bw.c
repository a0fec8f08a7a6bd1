#include "measured_bw.h"

#include <stdlib.h>
#include <string.h>

#include "predict.h"

static measured_bw_entry *find_entry(const measured_bw *m, const char *run_id, const char *device)
{
    const char *key[2] = {run_id, device};
    size_t i = str_index_get(&m->runs, key);
    return i == STR_INDEX_NONE ? NULL : &m->entries[i];
}

/* Achieved GB/s of a usable row of kernel want; 0 for any other row. */
static double row_stream_gbs(const csv_table *t, size_t r, const char *want)
{
    const char *kernel = csv_table_text(t, r, RAW_COL_kernel);
    const char *check = csv_table_text(t, r, RAW_COL_check);
    if (strcmp(kernel, want) != 0 || strcmp(check, "ok") != 0)
        return 0.0;
    uint64_t bytes;
    double time_us;
    if (csv_table_count(t, r, RAW_COL_bytes, &bytes) != 0 ||
        csv_table_real(t, r, RAW_COL_time_us_median, &time_us) != 0 || !(time_us > 0.0))
        return 0.0;
    return roofline_rate_gbs((double)bytes, time_us);
}

static int add_row(measured_bw *m, const csv_table *t, size_t r, const char *kernel, rl_error *err)
{
    double gbs = row_stream_gbs(t, r, kernel);
    if (!(gbs > 0.0))
        return 0;
    const char *run_id = csv_table_text(t, r, RAW_COL_run_id);
    const char *device = csv_table_text(t, r, RAW_COL_device);
    const char *key[2] = {run_id, device};
    size_t i = str_index_put(&m->runs, key);
    if (i == STR_INDEX_NONE)
        return rl_error_set(err, "out of memory collecting stream bandwidths");
    if (i < m->count) {
        if (gbs > m->entries[i].gbs)
            m->entries[i].gbs = gbs;
        return 0;
    }
    measured_bw_entry *grown = realloc(m->entries, (m->count + 1) * sizeof *grown);
    if (grown == NULL)
        return rl_error_set(err, "out of memory collecting stream bandwidths");
    m->entries = grown;
    m->entries[m->count++] = (measured_bw_entry){run_id, device, gbs};
    return 0;
}

int measured_bw_collect(measured_bw *m, const csv_table *tables, size_t ntables, rl_error *err)
{
    return measured_bw_collect_kernel(m, tables, ntables, MEASURED_BW_KERNEL, err);
}

int measured_bw_collect_kernel(measured_bw *m, const csv_table *tables, size_t ntables, const char *kernel,
                               rl_error *err)
{
    memset(m, 0, sizeof *m);
    str_index_init(&m->runs, 2);
    for (size_t i = 0; i < ntables; i++)
        for (size_t r = 0; r < tables[i].nrows; r++)
            if (add_row(m, &tables[i], r, kernel, err) != 0) {
                measured_bw_free(m);
                return -1;
            }
    return 0;
}

void measured_bw_free(measured_bw *m)
{
    free(m->entries);
    str_index_free(&m->runs);
    memset(m, 0, sizeof *m);
}

int measured_bw_find(const measured_bw *m, const char *run_id, const char *device, double *gbs)
{
    const measured_bw_entry *e = find_entry(m, run_id, device);
    if (e == NULL)
        return -1;
    *gbs = e->gbs;
    return 0;
}
