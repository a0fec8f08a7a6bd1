/* csv_store: the cells of a csv_table in memory (csv_table.h, "Storage"),
 * and the getters. No libcsv here: measure links this file (through
 * csv_dups, csv_shapes and rail_cell) without the reader. */
#include "csv_store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_ranges.h"

/* Memory handed out in chunks and freed all at once. */
enum { ARENA_CHUNK = 1 << 20 };
typedef struct arena_chunk {
    struct arena_chunk *next;
    size_t used, size;
    _Alignas(8) unsigned char data[];
} arena_chunk;

/* The distinct texts of one column: id -> text, and a hash from text to id. */
typedef struct intern {
    const char **text; /* text[0] is NULL: the empty cell */
    size_t n, cap;
    uint32_t *slot; /* open addressing; 0 free, else an id */
    size_t nslots;
    uint32_t last; /* the id of the column's last cell: rows of a run repeat it */
} intern;

struct csv_store {
    size_t ncols;
    int *value_of;   /* per column: its index among the numeric columns, -1 for text */
    csv_range *range; /* per column, looked up once */
    size_t nvalues;
    size_t head;     /* bytes of a record before its text: cells, then values */
    intern *pools;   /* per column; used for the text ones */
    arena_chunk *chunks;
    unsigned char **rec; /* per row */
    size_t cap;
    char **files;
    size_t nfiles;
    uint32_t *file_of; /* per row, index into files */
};

static void *arena_alloc(csv_store *s, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    arena_chunk *c = s->chunks;
    if (c == NULL || c->size - c->used < n) {
        size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        c = malloc(sizeof *c + size);
        if (c == NULL)
            return NULL;
        c->used = 0;
        c->size = size;
        c->next = s->chunks;
        s->chunks = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

static uint64_t hash_text(const char *s)
{
    uint64_t h = 14695981039346656037ull; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
        h = (h ^ *p) * 1099511628211ull;
    return h;
}

static int intern_grow(intern *in)
{
    size_t nslots = in->nslots ? 2 * in->nslots : 64;
    uint32_t *slot = calloc(nslots, sizeof *slot);
    if (slot == NULL)
        return -1;
    for (size_t id = 1; id < in->n; id++) {
        size_t i = (size_t)hash_text(in->text[id]) & (nslots - 1);
        while (slot[i] != 0)
            i = (i + 1) & (nslots - 1);
        slot[i] = (uint32_t)id;
    }
    free(in->slot);
    in->slot = slot;
    in->nslots = nslots;
    return 0;
}

/* The id of text in column pool in (added when new); 0 when out of memory. */
static uint32_t intern_id(csv_store *s, intern *in, const char *text)
{
    if (in->n == 0) {
        in->text = malloc(16 * sizeof *in->text);
        if (in->text == NULL)
            return 0;
        in->text[0] = NULL;
        in->n = 1;
        in->cap = 16;
    }
    if (in->last != 0 && strcmp(in->text[in->last], text) == 0)
        return in->last;
    if (2 * in->n >= in->nslots && intern_grow(in) != 0)
        return 0;
    size_t i = (size_t)hash_text(text) & (in->nslots - 1);
    for (; in->slot[i] != 0; i = (i + 1) & (in->nslots - 1))
        if (strcmp(in->text[in->slot[i]], text) == 0)
            return in->last = in->slot[i];
    if (in->n == in->cap || in->n >= UINT32_MAX) {
        const char **grown = in->n < UINT32_MAX ? realloc(in->text, 2 * in->cap * sizeof *grown) : NULL;
        if (grown == NULL)
            return 0;
        in->text = grown;
        in->cap *= 2;
    }
    size_t len = strlen(text) + 1;
    char *copy = arena_alloc(s, len);
    if (copy == NULL)
        return 0;
    memcpy(copy, text, len);
    in->text[in->n] = copy;
    in->slot[i] = (uint32_t)in->n;
    in->last = (uint32_t)in->n;
    return (uint32_t)in->n++;
}

int csv_store_new(csv_table *t, const csv_schema *schema)
{
    csv_store *s = calloc(1, sizeof *s);
    if (s == NULL)
        return -1;
    t->store = s;
    s->ncols = schema->count;
    s->value_of = malloc(s->ncols * sizeof *s->value_of);
    s->range = malloc(s->ncols * sizeof *s->range);
    s->pools = calloc(s->ncols, sizeof *s->pools);
    if (s->value_of == NULL || s->range == NULL || s->pools == NULL)
        return -1;
    for (size_t c = 0; c < s->ncols; c++) {
        const csv_column *col = &schema->columns[c];
        s->value_of[c] = col->type == CSV_TEXT ? -1 : (int)s->nvalues++;
        s->range[c] = csv_range_of(col);
    }
    s->head = (s->ncols * sizeof(uint32_t) + 7) / 8 * 8 + s->nvalues * sizeof(csv_value);
    return 0;
}

static void store_free(csv_store *s)
{
    if (s == NULL)
        return;
    for (arena_chunk *c = s->chunks, *next; c != NULL; c = next) {
        next = c->next;
        free(c);
    }
    for (size_t c = 0; s->pools != NULL && c < s->ncols; c++) {
        free(s->pools[c].text);
        free(s->pools[c].slot);
    }
    for (size_t i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->files);
    free(s->file_of);
    free(s->pools);
    free(s->value_of);
    free(s->range);
    free(s->rec);
    free(s);
}

const csv_range *csv_store_range(const csv_table *t, size_t c)
{
    return &t->store->range[c];
}

static uint32_t *cells_of(const unsigned char *rec)
{
    return (uint32_t *)(void *)rec;
}

static csv_value *values_of(const csv_store *s, const unsigned char *rec)
{
    return (csv_value *)(void *)(rec + (s->ncols * sizeof(uint32_t) + 7) / 8 * 8);
}

/* Room for one more row in the per-row arrays of t. */
static int reserve_row(csv_table *t)
{
    csv_store *s = t->store;
    if (t->nrows < s->cap)
        return 0;
    size_t cap = s->cap ? 2 * s->cap : 256;
    unsigned char **rec = realloc(s->rec, cap * sizeof *rec);
    if (rec != NULL)
        s->rec = rec;
    long *lines = realloc(t->lines, cap * sizeof *lines);
    if (lines != NULL)
        t->lines = lines;
    uint32_t *file_of = realloc(s->file_of, cap * sizeof *file_of);
    if (file_of != NULL)
        s->file_of = file_of;
    if (rec == NULL || lines == NULL || file_of == NULL)
        return -1;
    s->cap = cap;
    return 0;
}

/* One row, its cells given per schema column (NULL: empty) with their
 * parsed values: the record in the arena. -1 when out of memory or the
 * row is too long for 32-bit offsets. */
int csv_store_add_record(csv_table *t, const char *const *cell, const csv_value *value, long line)
{
    csv_store *s = t->store;
    size_t text_len = 0;
    for (size_t c = 0; c < s->ncols; c++)
        if (s->value_of[c] >= 0 && cell[c] != NULL)
            text_len += strlen(cell[c]) + 1;
    if (s->head + text_len > UINT32_MAX || reserve_row(t) != 0)
        return -1;
    unsigned char *rec = arena_alloc(s, s->head + text_len);
    if (rec == NULL)
        return -1;
    uint32_t *cells = cells_of(rec);
    csv_value *values = values_of(s, rec);
    size_t at = s->head;
    for (size_t c = 0; c < s->ncols; c++) {
        if (s->value_of[c] < 0) {
            cells[c] = cell[c] == NULL ? 0 : intern_id(s, &s->pools[c], cell[c]);
            if (cell[c] != NULL && cells[c] == 0)
                return -1;
            continue;
        }
        cells[c] = 0;
        if (cell[c] == NULL)
            continue;
        size_t len = strlen(cell[c]) + 1;
        memcpy(rec + at, cell[c], len);
        cells[c] = (uint32_t)at;
        values[s->value_of[c]] = value[c];
        at += len;
    }
    s->rec[t->nrows] = rec;
    t->lines[t->nrows] = line;
    s->file_of[t->nrows] = (uint32_t)(s->nfiles - 1);
    t->nrows++;
    return 0;
}

int csv_store_add_file(csv_table *t, const char *path)
{
    csv_store *s = t->store;
    char **files = realloc(s->files, (s->nfiles + 1) * sizeof *files);
    if (files == NULL)
        return -1;
    s->files = files;
    if ((s->files[s->nfiles] = strdup(path)) == NULL)
        return -1;
    s->nfiles++;
    return 0;
}

/* t->path as "<t->path> + path" once a second file is loaded into it. */
int csv_store_join_path(csv_table *t, const char *path)
{
    if (t->store->nfiles == 1)
        return 0;
    size_t len = strlen(t->path) + 3 + strlen(path) + 1;
    char *joined = malloc(len);
    if (joined == NULL)
        return -1;
    snprintf(joined, len, "%s + %s", t->path, path);
    free(t->path);
    t->path = joined;
    return 0;
}

int csv_table_init(csv_table *t, const csv_schema *schema, const char *path, rl_error *err)
{
    memset(t, 0, sizeof *t);
    t->schema = schema;
    t->path = strdup(path);
    if (t->path == NULL || csv_store_new(t, schema) != 0) {
        csv_table_free(t);
        return rl_error_set(err, "out of memory reading %s", path);
    }
    return 0;
}

int csv_table_add_row(csv_table *t, const csv_row *row, long line, rl_error *err)
{
    csv_store *s = t->store;
    if (s->nfiles == 0 && csv_store_add_file(t, t->path) != 0)
        return rl_error_set(err, "out of memory");
    const size_t ncols = t->schema->count;
    const char **cell = calloc(ncols, sizeof *cell);
    csv_value *value = calloc(ncols, sizeof *value);
    int rc = cell == NULL || value == NULL ? rl_error_set(err, "out of memory") : 0;
    for (size_t c = 0; rc == 0 && c < ncols; c++) {
        const csv_column *col = &t->schema->columns[c];
        const char *text = csv_row_get(row, (int)c);
        cell[c] = text != NULL && text[0] != '\0' ? text : NULL;
        if (cell[c] == NULL || col->type == CSV_TEXT)
            continue;
        int bad = col->type == CSV_COUNT ? csv_parse_count(cell[c], &value[c].count)
                                         : csv_parse_real(cell[c], &value[c].real);
        if (bad)
            rc = rl_error_set(err, "%s: '%.40s' is not a %s", col->name, cell[c],
                              col->type == CSV_COUNT ? "count" : "number");
    }
    if (rc == 0 && csv_store_add_record(t, cell, value, line) != 0)
        rc = rl_error_set(err, "out of memory");
    free(cell);
    free(value);
    return rc;
}

void csv_table_free(csv_table *t)
{
    store_free(t->store);
    free(t->lines);
    free(t->path);
    memset(t, 0, sizeof *t);
}

/* ---- getters ---- */

const char *csv_table_text(const csv_table *t, size_t row, int col)
{
    const csv_store *s = t->store;
    const unsigned char *rec = s->rec[row];
    uint32_t cell = cells_of(rec)[col];
    if (s->value_of[col] < 0)
        return s->pools[col].text == NULL ? NULL : s->pools[col].text[cell];
    return cell == 0 ? NULL : (const char *)rec + cell;
}

int csv_table_real(const csv_table *t, size_t row, int col, double *out)
{
    const csv_store *s = t->store;
    const unsigned char *rec = s->rec[row];
    int v = s->value_of[col];
    if (v < 0)
        return csv_parse_real(csv_table_text(t, row, col), out);
    if (cells_of(rec)[col] == 0)
        return -1;
    const csv_value *value = &values_of(s, rec)[v];
    *out = t->schema->columns[col].type == CSV_COUNT ? (double)value->count : value->real;
    return 0;
}

int csv_table_count(const csv_table *t, size_t row, int col, uint64_t *out)
{
    const csv_store *s = t->store;
    const unsigned char *rec = s->rec[row];
    int v = s->value_of[col];
    if (v < 0 || t->schema->columns[col].type != CSV_COUNT)
        return csv_parse_count(csv_table_text(t, row, col), out);
    if (cells_of(rec)[col] == 0)
        return -1;
    *out = values_of(s, rec)[v].count;
    return 0;
}

uint32_t csv_table_text_id(const csv_table *t, size_t row, int col)
{
    return t->store->value_of[col] < 0 ? cells_of(t->store->rec[row])[col] : 0;
}

size_t csv_table_text_ids(const csv_table *t, int col)
{
    const intern *in = &t->store->pools[col];
    return in->n > 0 ? in->n : 1;
}

uint32_t csv_table_text_lookup(const csv_table *t, int col, const char *text)
{
    const intern *in = &t->store->pools[col];
    if (text == NULL || in->nslots == 0)
        return 0;
    for (size_t i = (size_t)hash_text(text) & (in->nslots - 1); in->slot[i] != 0; i = (i + 1) & (in->nslots - 1))
        if (strcmp(in->text[in->slot[i]], text) == 0)
            return in->slot[i];
    return 0;
}

const char *csv_table_file(const csv_table *t, size_t row)
{
    const csv_store *s = t->store;
    return s->nfiles > 0 ? s->files[s->file_of[row]] : t->path;
}
