#include "model_table.h"

#include <stdlib.h>
#include <string.h>

#include "str_index.h"

static size_t total_rows(const csv_table *tables, size_t ntables)
{
    size_t n = 0;
    for (size_t i = 0; i < ntables; i++)
        n += tables[i].nrows;
    return n;
}

/* m->place: each raw row's slot among the cases, its run's rows together,
 * the runs in the order of their first rows. */
static int place_rows(model_table *m, const csv_table *tables, size_t ntables, rl_error *err)
{
    str_index runs;
    str_index_init(&runs, 2);
    size_t *count = NULL;
    int rc = 0;
    size_t at = 0;
    for (size_t t = 0; rc == 0 && t < ntables; t++)
        for (size_t r = 0; rc == 0 && r < tables[t].nrows; r++, at++) {
            const char *key[2] = {csv_table_text(&tables[t], r, RAW_COL_run_id),
                                  csv_table_text(&tables[t], r, RAW_COL_device)};
            m->place[at] = str_index_put(&runs, key); /* the run, for now */
            rc = m->place[at] == STR_INDEX_NONE ? -1 : 0;
        }
    if (rc == 0)
        count = calloc(runs.count + 1, sizeof *count);
    if (rc != 0 || count == NULL) {
        str_index_free(&runs);
        return rl_error_set(err, "out of memory grouping the rows by run");
    }
    for (size_t i = 0; i < m->n; i++)
        count[m->place[i] + 1]++;
    for (size_t k = 0; k < runs.count; k++) /* count[k]: where run k's cases start */
        count[k + 1] += count[k];
    for (size_t i = 0; i < m->n; i++)
        m->place[i] = count[m->place[i]]++;
    free(count);
    str_index_free(&runs);
    return 0;
}

static int fill_cases(model_table *m, const model_ctx *ctx, const csv_table *tables, size_t ntables, rl_error *err)
{
    size_t at = 0;
    for (size_t i = 0; i < ntables; i++)
        for (size_t r = 0; r < tables[i].nrows; r++, at++)
            if (model_row_fill(ctx, &tables[i], r, NULL, &m->cases[m->place[at]], err) != 0)
                return -1;
    return 0;
}

int model_table_build(model_table *m, const model_ctx *ctx, const csv_table *tables, size_t ntables,
                      rl_error *err)
{
    memset(m, 0, sizeof *m);
    m->n = total_rows(tables, ntables);
    m->cases = calloc(m->n + 1, sizeof *m->cases);
    m->place = calloc(m->n + 1, sizeof *m->place);
    int rc = m->cases == NULL || m->place == NULL ? rl_error_set(err, "out of memory") : 0;
    if (rc == 0)
        rc = place_rows(m, tables, ntables, err);
    if (rc == 0)
        rc = fill_cases(m, ctx, tables, ntables, err);
    if (rc == 0)
        rc = run_fits_collect(&m->fits, m->cases, m->n, err);
    if (rc != 0)
        model_table_free(m);
    return rc;
}

int model_table_write(const model_table *m, const csv_table *tables, size_t ntables, const char *path, rl_error *err)
{
    csv_row row;
    if (csv_row_init(&row, &MODEL_CSV_SCHEMA) != 0)
        return rl_error_set(err, "out of memory");
    csv_writer w;
    if (csv_writer_open_buffered(&w, path, &MODEL_CSV_SCHEMA, err) != 0) {
        csv_row_free(&row);
        return -1;
    }
    int rc = 0;
    size_t at = 0;
    for (size_t t = 0; rc == 0 && t < ntables; t++)
        for (size_t r = 0; rc == 0 && r < tables[t].nrows; r++, at++) {
            const model_case *c = &m->cases[m->place[at]];
            rc = model_row_cells(&row, &tables[t], r, c, err);
            if (rc == 0 && model_row_set_fit(&row, c, run_fits_find(&m->fits, c->run_id, c->device)) != 0)
                rc = rl_error_set(err, "out of memory filling the fitted columns");
            if (rc == 0)
                rc = csv_writer_row(&w, &row, err);
        }
    csv_row_free(&row);
    if (rc != 0) {
        csv_writer_abort(&w);
        return -1;
    }
    return csv_writer_commit(&w, err);
}

void model_table_free(model_table *m)
{
    free(m->cases);
    free(m->place);
    run_fits_free(&m->fits);
    memset(m, 0, sizeof *m);
}
