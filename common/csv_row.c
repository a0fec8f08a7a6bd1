#include "csv_row.h"

#include "csv_ranges.h"
#include "real_text.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A row's own text lives in chunks that a clear empties and keeps: filling
 * a million rows, one after another, allocates nothing after the first. */
enum { POOL_CHUNK = 4096 };
struct csv_row_pool {
    struct csv_row_pool *next;
    size_t used, size;
    char text[];
};

int csv_row_init(csv_row *row, const csv_schema *schema)
{
    row->schema = schema;
    row->pool = NULL;
    row->cells = calloc(schema->count, sizeof *row->cells);
    return row->cells == NULL ? -1 : 0;
}

void csv_row_clear(csv_row *row)
{
    for (size_t i = 0; i < row->schema->count; i++)
        row->cells[i] = NULL;
    for (struct csv_row_pool *p = row->pool; p != NULL; p = p->next)
        p->used = 0;
}

void csv_row_free(csv_row *row)
{
    if (row->cells == NULL)
        return;
    for (struct csv_row_pool *p = row->pool, *next; p != NULL; p = next) {
        next = p->next;
        free(p);
    }
    row->pool = NULL;
    free(row->cells);
    row->cells = NULL;
}

void csv_row_set_empty(csv_row *row, int col)
{
    row->cells[col] = NULL;
}

/* len + 1 bytes of the row's own, or NULL. */
static char *pool_take(csv_row *row, size_t len)
{
    struct csv_row_pool *p = row->pool;
    while (p != NULL && p->size - p->used < len + 1)
        p = p->next;
    if (p == NULL) {
        size_t size = len + 1 > POOL_CHUNK ? len + 1 : POOL_CHUNK;
        p = malloc(sizeof *p + size);
        if (p == NULL)
            return NULL;
        p->used = 0;
        p->size = size;
        p->next = row->pool;
        row->pool = p;
    }
    char *at = p->text + p->used;
    p->used += len + 1;
    return at;
}

int csv_row_set_text(csv_row *row, int col, const char *text)
{
    row->cells[col] = NULL;
    if (text == NULL || text[0] == '\0')
        return 0;
    size_t len = strlen(text);
    char *copy = pool_take(row, len);
    if (copy == NULL)
        return -1;
    memcpy(copy, text, len + 1);
    row->cells[col] = copy;
    return 0;
}

void csv_row_set_borrowed(csv_row *row, int col, const char *text)
{
    row->cells[col] = text != NULL && text[0] != '\0' ? text : NULL;
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
    /* 9 significant digits: round-trips a float, more than any timer
     * resolves; "%.9g" as printf writes it (real_text.h, faster) */
    char buf[40];
    real_text_g9(buf, sizeof buf, value);
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

/* The line being written: one fwrite a row, not a locked stdio call per
 * cell (a tenth of model's time at a million rows). */
typedef struct line_buf {
    char *data;
    size_t len, cap;
    int failed;
} line_buf;

static void put(line_buf *b, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (grown == NULL) {
            b->failed = 1;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

static void write_cell(line_buf *b, const char *cell, int text)
{
    if (cell == NULL)
        return;
    if (!text) { /* a number (or a header name): never quoted, never guarded */
        put(b, cell, strlen(cell));
        return;
    }
    const char *guard = text && csv_text_needs_guard(cell) ? "'" : "";
    if (strpbrk(cell, ",\"\r\n") == NULL) {
        put(b, guard, strlen(guard));
        put(b, cell, strlen(cell));
        return;
    }
    put(b, "\"", 1);
    put(b, guard, strlen(guard)); /* inside the quotes: it is the cell's first character */
    for (const char *p = cell; *p != '\0'; p++) {
        size_t run = strcspn(p, "\"");
        put(b, p, run);
        p += run;
        if (*p == '\0')
            break;
        put(b, "\"\"", 2);
    }
    put(b, "\"", 1);
}

/* The cells of one line, joined; -1 out of memory. */
static int write_line(FILE *fp, const char *const *cells, const csv_schema *schema, int header)
{
    line_buf b = {0};
    for (size_t i = 0; i < schema->count; i++) {
        if (i > 0)
            put(&b, ",", 1);
        write_cell(&b, header ? schema->columns[i].name : cells[i], header || schema->columns[i].type == CSV_TEXT);
    }
    put(&b, "\r\n", 2);
    int rc = b.failed ? -1 : 0;
    if (rc == 0 && fwrite(b.data, 1, b.len, fp) != b.len)
        rc = -1;
    free(b.data);
    return rc;
}

enum { WRITER_BUFFER = 1 << 20 };

static int writer_open(csv_writer *w, const char *path, const csv_schema *schema, int flush_rows, rl_error *err)
{
    w->schema = schema;
    w->flush_rows = flush_rows;
    w->buffer = NULL;
    w->file = atomic_file_open(path, err);
    if (w->file == NULL)
        return -1;
    if (!flush_rows && (w->buffer = malloc(WRITER_BUFFER)) != NULL)
        setvbuf(w->file->fp, w->buffer, _IOFBF, WRITER_BUFFER);
    if (write_line(w->file->fp, NULL, schema, 1) != 0) {
        rl_error_set(err, "cannot write %s: %s", w->file->temp_path, strerror(errno));
        csv_writer_abort(w);
        return -1;
    }
    return 0;
}

int csv_writer_open(csv_writer *w, const char *path, const csv_schema *schema, rl_error *err)
{
    return writer_open(w, path, schema, 1, err);
}

int csv_writer_open_buffered(csv_writer *w, const char *path, const csv_schema *schema, rl_error *err)
{
    return writer_open(w, path, schema, 0, err);
}

int csv_writer_row(csv_writer *w, const csv_row *row, rl_error *err)
{
    for (size_t i = 0; i < w->schema->count; i++)
        if (w->schema->columns[i].presence == CSV_MUST && row->cells[i] == NULL)
            return rl_error_set(err, "internal: required column %s left empty",
                                w->schema->columns[i].name);
    if (write_line(w->file->fp, row->cells, w->schema, 0) != 0 && !ferror(w->file->fp))
        return rl_error_set(err, "out of memory writing %s", w->file->temp_path);
    /* Flush each row: a crash loses at most the row being written. A full
     * disk shows here, so measure stops at once and keeps the rows that fit
     * in the partial file, instead of measuring on and losing them all when
     * the commit fails. */
    if ((w->flush_rows && fflush(w->file->fp) != 0) || ferror(w->file->fp))
        return rl_error_set(err, "cannot write %s: %s", w->file->temp_path, strerror(errno));
    return 0;
}

int csv_writer_commit(csv_writer *w, rl_error *err)
{
    int rc = atomic_file_commit(w->file, err); /* closes the stream before its buffer goes */
    w->file = NULL;
    free(w->buffer);
    w->buffer = NULL;
    return rc;
}

void csv_writer_abort(csv_writer *w)
{
    atomic_file_abort(w->file);
    w->file = NULL;
    free(w->buffer);
    w->buffer = NULL;
}
