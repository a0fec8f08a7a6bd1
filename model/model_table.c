#include "model_table.h"

#include <stdlib.h>
#include <string.h>

static size_t total_rows(const csv_table *tables, size_t ntables)
{
    size_t n = 0;
    for (size_t i = 0; i < ntables; i++)
        n += tables[i].nrows;
    return n;
}

static int fill_rows(model_table *m, const model_ctx *ctx, const csv_table *tables, size_t ntables,
                     rl_error *err)
{
    size_t at = 0;
    for (size_t i = 0; i < ntables; i++)
        for (size_t r = 0; r < tables[i].nrows; r++, at++) {
            if (csv_row_init(&m->rows[at], &MODEL_CSV_SCHEMA) != 0)
                return rl_error_set(err, "out of memory");
            m->n = at + 1; /* so model_table_free frees what is initialised */
            if (model_row_fill(ctx, &tables[i], r, &m->rows[at], &m->cases[at], err) != 0)
                return -1;
        }
    return 0;
}

int model_table_build(model_table *m, const model_ctx *ctx, const csv_table *tables, size_t ntables,
                      rl_error *err)
{
    memset(m, 0, sizeof *m);
    size_t n = total_rows(tables, ntables);
    m->rows = calloc(n + 1, sizeof *m->rows);
    m->cases = calloc(n + 1, sizeof *m->cases);
    int rc = m->rows == NULL || m->cases == NULL ? rl_error_set(err, "out of memory") : 0;
    if (rc == 0)
        rc = fill_rows(m, ctx, tables, ntables, err);
    if (rc == 0)
        rc = run_fits_collect(&m->fits, m->cases, m->n, err);
    for (size_t i = 0; rc == 0 && i < m->n; i++) {
        const run_fit *f = run_fits_find(&m->fits, m->cases[i].run_id, m->cases[i].device);
        if (model_row_set_fit(&m->rows[i], &m->cases[i], f) != 0)
            rc = rl_error_set(err, "out of memory filling the fitted columns");
    }
    if (rc != 0)
        model_table_free(m);
    return rc;
}

int model_table_write(const model_table *m, const char *path, rl_error *err)
{
    csv_writer w;
    if (csv_writer_open(&w, path, &MODEL_CSV_SCHEMA, err) != 0)
        return -1;
    for (size_t i = 0; i < m->n; i++)
        if (csv_writer_row(&w, &m->rows[i], err) != 0) {
            csv_writer_abort(&w);
            return -1;
        }
    return csv_writer_commit(&w, err);
}

void model_table_free(model_table *m)
{
    for (size_t i = 0; m->rows != NULL && i < m->n; i++)
        csv_row_free(&m->rows[i]);
    free(m->rows);
    free(m->cases);
    run_fits_free(&m->fits);
    memset(m, 0, sizeof *m);
}
