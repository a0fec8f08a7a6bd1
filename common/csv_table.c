#include "csv_table.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_ranges.h"
#include "utf8_valid.h"

/* Parser state shared with the libcsv callbacks. */
typedef struct reader {
    char **fields; /* the current record */
    size_t nfields, cap;
    long line;        /* line being fed */
    long record_line; /* line where the current record started */
    int failed;
    /* records collected so far: each an array of strings */
    char ***records;
    size_t *record_sizes;
    long *record_lines;
    size_t nrecords, rcap;
} reader;

static void on_field(void *data, size_t len, void *ctx)
{
    reader *r = ctx;
    if (r->failed)
        return;
    if (r->nfields == 0)
        r->record_line = r->line;
    if (r->nfields == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 32;
        char **f = realloc(r->fields, cap * sizeof *f);
        if (f == NULL) {
            r->failed = 1;
            return;
        }
        r->fields = f;
        r->cap = cap;
    }
    char *s = malloc(len + 1);
    if (s == NULL) {
        r->failed = 1;
        return;
    }
    if (len > 0)
        memcpy(s, data, len);
    s[len] = '\0';
    r->fields[r->nfields++] = s;
}

static void on_record(int term, void *ctx)
{
    (void)term;
    reader *r = ctx;
    if (r->failed)
        return;
    if (r->nrecords == r->rcap) {
        size_t cap = r->rcap ? 2 * r->rcap : 64;
        char ***rec = realloc(r->records, cap * sizeof *rec);
        size_t *sz = realloc(r->record_sizes, cap * sizeof *sz);
        long *ln = realloc(r->record_lines, cap * sizeof *ln);
        if (rec != NULL)
            r->records = rec;
        if (sz != NULL)
            r->record_sizes = sz;
        if (ln != NULL)
            r->record_lines = ln;
        if (rec == NULL || sz == NULL || ln == NULL) {
            r->failed = 1;
            return;
        }
        r->rcap = cap;
    }
    r->records[r->nrecords] = r->fields;
    r->record_sizes[r->nrecords] = r->nfields;
    r->record_lines[r->nrecords] = r->nfields ? r->record_line : r->line;
    r->nrecords++;
    r->fields = NULL;
    r->nfields = r->cap = 0;
}

static void reader_free(reader *r)
{
    for (size_t i = 0; i < r->nrecords; i++) {
        for (size_t j = 0; j < r->record_sizes[i]; j++)
            free(r->records[i][j]);
        free(r->records[i]);
    }
    for (size_t j = 0; j < r->nfields; j++)
        free(r->fields[j]);
    free(r->fields);
    free(r->records);
    free(r->record_sizes);
    free(r->record_lines);
}

/* Feeds the file to libcsv a line at a time, so records know their line. */
static int read_records(FILE *fp, const char *path, reader *r, rl_error *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return rl_error_set(err, "cannot start the csv parser for %s", path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&line, &cap, fp)) > 0) {
        r->line++;
        const char *data = line;
        if (r->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            data += 3; /* a UTF-8 byte-order mark, as spreadsheets write */
            len -= 3;
        }
        if (memchr(data, '\0', (size_t)len) != NULL) {
            rc = rl_error_set(err, "binary data (a NUL byte), not a csv file (%s:%ld)", path, r->line);
            break;
        }
        if (csv_parse(&p, data, (size_t)len, on_field, on_record, r) != (size_t)len) {
            rc = rl_error_set(err, "malformed csv: %s (%s:%ld)", csv_strerror(csv_error(&p)), path,
                              r->line);
            break;
        }
        if (r->failed) {
            rc = rl_error_set(err, "out of memory reading %s", path);
            break;
        }
    }
    if (rc == 0 && ferror(fp))
        rc = rl_error_set(err, "cannot read %s: %s", path, strerror(errno));
    if (rc == 0 && csv_fini(&p, on_field, on_record, r) != 0)
        rc = rl_error_set(err, "truncated csv: unterminated quoted field (%s:%ld)", path, r->line);
    if (rc == 0 && r->failed)
        rc = rl_error_set(err, "out of memory reading %s", path);
    free(line);
    csv_free(&p);
    return rc;
}

/* Maps each schema column to its header position (or -1). */
static int map_header(const csv_table *t, char **header, size_t nheader, int *pos, rl_error *err)
{
    for (size_t i = 0; i < nheader; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(header[i], header[j]) == 0)
                return rl_error_set(err, "column %s appears twice in the header (%s:1)", header[i],
                                    t->path);
    for (size_t c = 0; c < t->schema->count; c++) {
        pos[c] = -1;
        for (size_t i = 0; i < nheader; i++)
            if (strcmp(header[i], t->schema->columns[c].name) == 0)
                pos[c] = (int)i;
        if (pos[c] < 0 && t->schema->columns[c].presence != CSV_OPTIONAL)
            return rl_error_set(err, "missing column %s: not a %s csv? (%s:1)",
                                t->schema->columns[c].name, t->schema->name, t->path);
    }
    return 0;
}

static int fill_row(csv_table *t, size_t r, char **fields, const int *pos, rl_error *err)
{
    csv_row *row = &t->rows[r];
    if (csv_row_init(row, t->schema) != 0)
        return rl_error_set(err, "out of memory reading %s", t->path);
    for (size_t c = 0; c < t->schema->count; c++) {
        const csv_column *col = &t->schema->columns[c];
        const char *text = pos[c] >= 0 ? fields[pos[c]] : "";
        if (text[0] == '\0') {
            if (col->presence == CSV_MUST)
                return rl_error_set(err, "%s: empty, but it must hold a value (%s:%ld)", col->name,
                                    t->path, t->lines[r]);
            continue;
        }
        char why[256];
        if (csv_value_check(col, text, why, sizeof why) != 0)
            return rl_error_set(err, "%s: %s (%s:%ld)", col->name, why, t->path, t->lines[r]);
        if (csv_row_set_text(row, (int)c, text) != 0)
            return rl_error_set(err, "out of memory reading %s", t->path);
    }
    return 0;
}

/* Every field of record rec (the header when rec is 0) is UTF-8 text; a
 * data field is named by its header. Checked here, where the text enters,
 * for every column (known to the schema or not), so neither model nor
 * render ever passes on a Latin-1 byte. */
static int check_utf8(const csv_table *t, const reader *rd, size_t rec, rl_error *err)
{
    for (size_t i = 0; i < rd->record_sizes[rec]; i++) {
        const char *text = rd->records[rec][i];
        size_t bad = utf8_invalid_at(text);
        if (bad == (size_t)-1)
            continue;
        unsigned byte = (unsigned char)text[bad];
        size_t col = utf8_column(text, bad);
        if (rec == 0 || i >= rd->record_sizes[0])
            return rl_error_set(err,
                                "%s %zu: byte 0x%02X at character %zu is not UTF-8 (a Latin-1 file?); "
                                "save it as UTF-8 (%s:%ld)",
                                rec == 0 ? "header, column" : "column", i + 1, byte, col, t->path,
                                rd->record_lines[rec]);
        return rl_error_set(err,
                            "%s (column %zu): byte 0x%02X at character %zu is not UTF-8 (a Latin-1 file?); "
                            "save it as UTF-8 (%s:%ld)",
                            rd->records[0][i], i + 1, byte, col, t->path, rd->record_lines[rec]);
    }
    return 0;
}

static int build_table(csv_table *t, reader *rd, rl_error *err)
{
    if (rd->nrecords == 0)
        return rl_error_set(err, "empty file, expected a %s csv header (%s:1)", t->schema->name,
                            t->path);
    int *pos = malloc(t->schema->count * sizeof *pos);
    if (pos == NULL)
        return rl_error_set(err, "out of memory reading %s", t->path);
    /* the header's columns first: a binary file is "not a raw csv?" */
    int rc = map_header(t, rd->records[0], rd->record_sizes[0], pos, err);
    if (rc == 0)
        rc = check_utf8(t, rd, 0, err);
    size_t ndata = rd->nrecords - 1;
    t->rows = calloc(ndata ? ndata : 1, sizeof *t->rows);
    t->lines = calloc(ndata ? ndata : 1, sizeof *t->lines);
    if (rc == 0 && (t->rows == NULL || t->lines == NULL))
        rc = rl_error_set(err, "out of memory reading %s", t->path);
    for (size_t r = 0; rc == 0 && r < ndata; r++) {
        t->lines[r] = rd->record_lines[r + 1];
        t->nrows = r + 1;
        if (check_utf8(t, rd, r + 1, err) != 0)
            rc = -1;
        else if (rd->record_sizes[r + 1] != rd->record_sizes[0])
            rc = rl_error_set(err, "row has %zu fields, the header has %zu: truncated or damaged? (%s:%ld)",
                              rd->record_sizes[r + 1], rd->record_sizes[0], t->path, t->lines[r]);
        else
            rc = fill_row(t, r, rd->records[r + 1], pos, err);
    }
    free(pos);
    return rc;
}

int csv_table_load(csv_table *t, const char *path, const csv_schema *schema, rl_error *err)
{
    memset(t, 0, sizeof *t);
    t->schema = schema;
    t->path = strdup(path);
    if (t->path == NULL)
        return rl_error_set(err, "out of memory reading %s", path);
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        rl_error_set(err, "cannot open %s: %s", path, strerror(errno));
        csv_table_free(t);
        return -1;
    }
    reader rd = {0};
    int rc = read_records(fp, path, &rd, err);
    fclose(fp);
    if (rc == 0)
        rc = build_table(t, &rd, err);
    reader_free(&rd);
    if (rc != 0)
        csv_table_free(t);
    return rc;
}

void csv_table_free(csv_table *t)
{
    for (size_t r = 0; t->rows != NULL && r < t->nrows; r++)
        csv_row_free(&t->rows[r]);
    free(t->rows);
    free(t->lines);
    free(t->path);
    memset(t, 0, sizeof *t);
}

const char *csv_table_text(const csv_table *t, size_t row, int col)
{
    return csv_row_get(&t->rows[row], col);
}

int csv_table_real(const csv_table *t, size_t row, int col, double *out)
{
    return csv_parse_real(csv_table_text(t, row, col), out);
}

int csv_table_count(const csv_table *t, size_t row, int col, uint64_t *out)
{
    return csv_parse_count(csv_table_text(t, row, col), out);
}
