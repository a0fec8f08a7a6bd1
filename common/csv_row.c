#include "csv_row.h"

#include "csv_ranges.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int csv_row_init(csv_row *row, const csv_schema *schema)
{
    row->schema = schema;
    row->cells = calloc(schema->count, sizeof *row->cells);
    return row->cells == NULL ? -1 : 0;
}

void csv_row_clear(csv_row *row)
{
    for (size_t i = 0; i < row->schema->count; i++) {
        free(row->cells[i]);
        row->cells[i] = NULL;
    }
}

void csv_row_free(csv_row *row)
{
    if (row->cells == NULL)
        return;
    csv_row_clear(row);
    free(row->cells);
    row->cells = NULL;
}

void csv_row_set_empty(csv_row *row, int col)
{
    free(row->cells[col]);
    row->cells[col] = NULL;
}

int csv_row_set_text(csv_row *row, int col, const char *text)
{
    csv_row_set_empty(row, col);
    if (text == NULL || text[0] == '\0')
        return 0;
    row->cells[col] = strdup(text);
    return row->cells[col] == NULL ? -1 : 0;
}

int csv_row_set_count(csv_row *row, int col, uint64_t value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRIu64, value);
    return csv_row_set_text(row, col, buf);
}

int csv_row_set_real(csv_row *row, int col, double value)
{
    if (!isfinite(value)) {
        csv_row_set_empty(row, col);
        return -1;
    }
    /* A magnitude below 1e-100 is written as 0: the readers take nothing
     * smaller (csv_ranges.h), and no measured or derived quantity here is
     * that small but for rounding in a fit. */
    if (fabs(value) < 1e-100)
        value = 0.0;
    /* 9 significant digits: round-trips a float, more than any timer resolves. */
    char buf[40];
    snprintf(buf, sizeof buf, "%.9g", value);
    return csv_row_set_text(row, col, buf);
}

const char *csv_row_get(const csv_row *row, int col)
{
    return row->cells[col];
}

/* A text cell that is a plain decimal number ("-4.2") is not a formula. */
static int plain_number(const char *s)
{
    double v;
    return csv_parse_real(s, &v) == 0;
}

int csv_text_needs_guard(const char *s)
{
    if (s == NULL)
        return 0;
    while (s[0] == '\'') /* quotes before a formula: one more (above) */
        s++;
    return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL && !plain_number(s);
}

const char *csv_text_unguard(const char *s)
{
    return s != NULL && s[0] == '\'' && csv_text_needs_guard(s + 1) ? s + 1 : s;
}

static void write_cell(FILE *fp, const char *cell, int text)
{
    if (cell == NULL)
        return;
    const char *guard = text && csv_text_needs_guard(cell) ? "'" : "";
    if (strpbrk(cell, ",\"\r\n") == NULL) {
        fputs(guard, fp);
        fputs(cell, fp);
        return;
    }
    fputc('"', fp);
    fputs(guard, fp); /* inside the quotes: it is the cell's first character */
    for (const char *p = cell; *p != '\0'; p++) {
        if (*p == '"')
            fputc('"', fp);
        fputc(*p, fp);
    }
    fputc('"', fp);
}

int csv_writer_open(csv_writer *w, const char *path, const csv_schema *schema, rl_error *err)
{
    w->schema = schema;
    w->file = atomic_file_open(path, err);
    if (w->file == NULL)
        return -1;
    for (size_t i = 0; i < schema->count; i++) {
        if (i > 0)
            fputc(',', w->file->fp);
        write_cell(w->file->fp, schema->columns[i].name, 0);
    }
    fputs("\r\n", w->file->fp);
    return 0;
}

int csv_writer_row(csv_writer *w, const csv_row *row, rl_error *err)
{
    for (size_t i = 0; i < w->schema->count; i++)
        if (w->schema->columns[i].presence == CSV_MUST && row->cells[i] == NULL)
            return rl_error_set(err, "internal: required column %s left empty",
                                w->schema->columns[i].name);
    for (size_t i = 0; i < w->schema->count; i++) {
        if (i > 0)
            fputc(',', w->file->fp);
        write_cell(w->file->fp, row->cells[i], w->schema->columns[i].type == CSV_TEXT);
    }
    fputs("\r\n", w->file->fp);
    /* Flush each row: a crash loses at most the row being written. A full
     * disk shows here, so measure stops at once and keeps the rows that fit
     * in the partial file, instead of measuring on and losing them all when
     * the commit fails. */
    if (fflush(w->file->fp) != 0 || ferror(w->file->fp))
        return rl_error_set(err, "cannot write %s: %s", w->file->temp_path, strerror(errno));
    return 0;
}

int csv_writer_commit(csv_writer *w, rl_error *err)
{
    int rc = atomic_file_commit(w->file, err);
    w->file = NULL;
    return rc;
}

void csv_writer_abort(csv_writer *w)
{
    atomic_file_abort(w->file);
    w->file = NULL;
}
