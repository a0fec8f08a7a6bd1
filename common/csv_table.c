#include "csv_table.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_ranges.h"
#include "csv_store.h"
#include "line_reader.h"
#include "utf8_valid.h"

const csv_limits CSV_DEFAULT_LIMITS = {CSV_MAX_LINE_BYTES, CSV_MAX_FILE_BYTES, NULL, NULL};

/* ---- reading a file ---- */

/* Parser state shared with the libcsv callbacks: one record at a time. */
typedef struct reader {
    csv_table *t;
    const char *path;
    /* the current record: its fields' text, one after another, each
     * NUL-terminated (no allocation per field), and where each starts */
    char *text;
    size_t tlen, tcap;
    size_t *start;
    char **fields; /* into text, once the record is complete */
    size_t nfields, cap;
    int line_clean;   /* the line fed is printable ASCII and tabs only */
    long line;        /* line being fed */
    long record_line; /* line where the current record started */
    long records;     /* records seen, the header included */
    int failed;       /* an error is in err */
    rl_error *err;
    /* from the header */
    char **header;
    size_t nheader;
    int *pos;           /* per schema column: its field, or -1 */
    const char **cell;  /* per schema column, for add_record */
    csv_value *value;
} reader;

static int oom(reader *r)
{
    r->failed = 1;
    return rl_error_set(r->err, "out of memory reading %s (%s:%ld)", r->path, r->path, r->line);
}

static int grow_fields(reader *r)
{
    size_t cap = r->cap ? 2 * r->cap : 64;
    size_t *start = realloc(r->start, cap * sizeof *start);
    if (start != NULL)
        r->start = start;
    char **f = realloc(r->fields, cap * sizeof *f);
    if (f != NULL)
        r->fields = f;
    if (start == NULL || f == NULL)
        return -1;
    r->cap = cap;
    return 0;
}

static void on_field(void *data, size_t len, void *ctx)
{
    reader *r = ctx;
    if (r->failed)
        return;
    if (r->nfields == 0)
        r->record_line = r->line;
    if (r->nfields == r->cap && grow_fields(r) != 0) {
        oom(r);
        return;
    }
    if (r->tlen + len + 1 > r->tcap) {
        size_t cap = r->tcap ? r->tcap : 1024;
        while (cap < r->tlen + len + 1)
            cap *= 2;
        char *grown = realloc(r->text, cap);
        if (grown == NULL) {
            oom(r);
            return;
        }
        r->text = grown;
        r->tcap = cap;
    }
    if (len > 0)
        memcpy(r->text + r->tlen, data, len);
    r->text[r->tlen + len] = '\0';
    r->start[r->nfields++] = r->tlen;
    r->tlen += len + 1;
}

/* fields[] pointing into text, now that text no longer moves. */
static void point_fields(reader *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        r->fields[i] = r->text + r->start[i];
}

static void drop_fields(reader *r)
{
    r->nfields = 0;
    r->tlen = 0;
}

/* Every field of the record is UTF-8 with no forbidden character; a data
 * field is named by its header. Checked here, where the text enters, for
 * every column (known to the schema or not), so neither model nor render
 * ever passes on a Latin-1 byte or an escape sequence. */
static int check_text(reader *r, int is_header)
{
    for (size_t i = 0; i < r->nfields; i++) {
        const char *text = r->fields[i];
        size_t bad = utf8_invalid_at(text);
        unsigned cp = 0;
        size_t ctl = bad == (size_t)-1 ? text_forbidden_at(text, 0, &cp) : (size_t)-1;
        if (bad == (size_t)-1 && ctl == (size_t)-1)
            continue;
        char where[300];
        if (is_header || i >= r->nheader)
            snprintf(where, sizeof where, "%s %zu", is_header ? "header, column" : "column", i + 1);
        else
            snprintf(where, sizeof where, "%.200s (column %zu)", r->header[i], i + 1);
        if (bad != (size_t)-1)
            return rl_error_set(r->err,
                                "%s: byte 0x%02X at character %zu is not UTF-8 (a Latin-1 file?); "
                                "save it as UTF-8 (%s:%ld)",
                                where, (unsigned)(unsigned char)text[bad], utf8_column(text, bad), r->path,
                                r->record_line);
        char what[64];
        text_forbidden_name(cp, what, sizeof what);
        return rl_error_set(r->err,
                            "%s: %s at character %zu; a cell may hold no control character but tab "
                            "(a byte-order mark only at the start of the file: files pasted together?) (%s:%ld)",
                            where, what, utf8_column(text, ctl), r->path, r->record_line);
    }
    return 0;
}

static int name_order(const void *a, const void *b)
{
    return strcmp(**(char *const *const *)a, **(char *const *const *)b);
}

static int check_header_text(reader *r);

/* A header name twice, found by sorting, not by comparing every pair. */
static int check_duplicates(reader *r)
{
    char ***sorted = malloc((r->nheader + 1) * sizeof *sorted);
    if (sorted == NULL)
        return oom(r);
    for (size_t i = 0; i < r->nheader; i++)
        sorted[i] = &r->header[i];
    qsort(sorted, r->nheader, sizeof *sorted, name_order);
    int rc = 0;
    for (size_t i = 1; rc == 0 && i < r->nheader; i++)
        if (strcmp(*sorted[i], *sorted[i - 1]) == 0)
            rc = check_header_text(r) != 0 ? -1 /* the name is not fit to print */
                                            : rl_error_set(r->err, "column %.200s appears twice in the header (%s:1)",
                                                           *sorted[i], r->path);
    free(sorted);
    return rc;
}

/* check_text over the header's names (still the record in fields). */
static int check_header_text(reader *r)
{
    return check_text(r, 1);
}

/* The header: no name twice; each schema column mapped to its position
 * (or -1), so that a file of another kind (a PNG, a summary given as a
 * model CSV) is "not a raw csv?"; then its text. */
static int take_header(reader *r)
{
    const csv_schema *schema = r->t->schema;
    r->header = calloc(r->nfields + 1, sizeof *r->header);
    if (r->header == NULL)
        return oom(r);
    for (size_t i = 0; i < r->nfields; i++) {
        if ((r->header[i] = strdup(r->fields[i])) == NULL)
            return oom(r);
        r->nheader = i + 1;
    }
    if (check_duplicates(r) != 0)
        return -1;
    for (size_t c = 0; c < schema->count; c++) {
        r->pos[c] = -1;
        for (size_t i = 0; i < r->nheader; i++)
            if (strcmp(r->header[i], schema->columns[c].name) == 0)
                r->pos[c] = (int)i;
        if (r->pos[c] < 0 && schema->columns[c].presence != CSV_OPTIONAL)
            return rl_error_set(r->err, "missing column %s: not a %s csv? (%s:1)", schema->columns[c].name,
                                schema->name, r->path);
    }
    return check_header_text(r);
}

/* The cells of one data record, checked and parsed once, into the table. */
static int take_row(reader *r)
{
    const csv_schema *schema = r->t->schema;
    /* a record on one line of printable ASCII holds nothing check_text refuses */
    if (!(r->line_clean && r->record_line == r->line) && check_text(r, 0) != 0)
        return -1;
    if (r->nfields != r->nheader)
        return rl_error_set(r->err, "row has %zu fields, the header has %zu: truncated or damaged? (%s:%ld)",
                            r->nfields, r->nheader, r->path, r->record_line);
    for (size_t c = 0; c < schema->count; c++) {
        const csv_column *col = &schema->columns[c];
        const char *text = r->pos[c] >= 0 ? r->fields[r->pos[c]] : "";
        r->cell[c] = NULL;
        if (text[0] == '\0') {
            if (col->presence == CSV_MUST)
                return rl_error_set(r->err, "%s: empty, but it must hold a value (%s:%ld)", col->name, r->path,
                                    r->record_line);
            continue;
        }
        if (col->type == CSV_TEXT) {
            r->cell[c] = csv_text_unguard(text);
            continue;
        }
        char why[256];
        if (csv_value_parse(col, csv_store_range(r->t, c), text, &r->value[c], why, sizeof why) != 0)
            return rl_error_set(r->err, "%s: %s (%s:%ld)", col->name, why, r->path, r->record_line);
        r->cell[c] = text;
    }
    if (csv_store_add_record(r->t, r->cell, r->value, r->record_line) != 0)
        return oom(r);
    return 0;
}

static void on_record(int term, void *ctx)
{
    (void)term;
    reader *r = ctx;
    if (r->failed)
        return;
    if (r->nfields == 0)
        r->record_line = r->line;
    point_fields(r);
    int rc = r->records++ == 0 ? take_header(r) : take_row(r);
    if (rc != 0)
        r->failed = 1;
    drop_fields(r);
}

static void reader_free(reader *r)
{
    drop_fields(r);
    free(r->fields);
    free(r->start);
    free(r->text);
    for (size_t i = 0; i < r->nheader; i++)
        free(r->header[i]);
    free(r->header);
    free(r->pos);
    free(r->cell);
    free(r->value);
}

/* What a limit hit says: "(--max-line-bytes N raises it)". */
static const char *raise_hint(const char *option, char *buf, size_t size)
{
    if (option == NULL)
        return "";
    snprintf(buf, size, "; %s N raises it", option);
    return buf;
}

static int line_error(reader *r, const line_reader *lr, enum line_status st, const csv_limits *lim)
{
    char hint[64];
    switch (st) {
    case LINE_TOO_LONG:
        return rl_error_set(r->err, "line longer than %zu bytes, the most a line may hold%s: not a csv? (%s:%ld)",
                            lim->max_line_bytes, raise_hint(lim->line_option, hint, sizeof hint), r->path,
                            lr->line);
    case LINE_TOO_LARGE:
        return rl_error_set(r->err, "file larger than %llu bytes, the most a csv may hold%s (%s:%ld)",
                            lim->max_file_bytes, raise_hint(lim->file_option, hint, sizeof hint), r->path, lr->line);
    case LINE_NO_MEMORY:
        return rl_error_set(r->err, "out of memory reading %s (%s:%ld)", r->path, r->path, lr->line);
    default:
        return rl_error_set(r->err, "cannot read %s: %s", r->path, strerror(lr->read_errno));
    }
}

/* 1 when the line, but for its end ("\n" or "\r\n"), is bytes 0x20 to
 * 0x7E and tabs: UTF-8 with no character text_forbidden_at refuses. */
static int printable_ascii(const char *s, size_t len)
{
    if (len > 0 && s[len - 1] == '\n')
        len--;
    if (len > 0 && s[len - 1] == '\r')
        len--;
    /* eight bytes at a time: any byte below 0x20, at 0x7F or above? (a tab
     * is below 0x20: such a word is looked at byte by byte) */
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t below = (w - 0x20 * ones) & ~w & highs, del = ((w ^ 0x7F * ones) - ones) & ~(w ^ 0x7F * ones) & highs;
        if (((w & highs) | below | del) == 0)
            continue;
        for (size_t j = i; j < i + 8; j++) {
            unsigned char c = (unsigned char)s[j];
            if ((c < 0x20 && c != '\t') || c > 0x7E)
                return 0;
        }
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t') || c > 0x7E)
            return 0;
    }
    return 1;
}

/* A line with no quote and no carriage return but at its end, while libcsv
 * is between records (its state 0, ROW_NOT_BEGUN: struct csv_parser is
 * public): its fields are what libcsv would give, the text between commas
 * with spaces and tabs trimmed, without libcsv's byte-by-byte callbacks (a
 * sixth of model's reading at a million rows). -1: not such a line, libcsv
 * reads it. */
static int split_plain_line(reader *r, const char *s, size_t len)
{
    if (len > 0 && s[len - 1] == '\n')
        len--;
    if (len > 0 && s[len - 1] == '\r')
        len--;
    if (memchr(s, '"', len) != NULL || memchr(s, '\r', len) != NULL)
        return -1;
    size_t lead = 0;
    while (lead < len && (s[lead] == ' ' || s[lead] == '\t'))
        lead++;
    if (lead == len)
        return 0; /* an empty line: no record, as libcsv */
    for (size_t at = 0;;) {
        const char *comma = memchr(s + at, ',', len - at);
        size_t end = comma != NULL ? (size_t)(comma - s) : len, b = at, e = end;
        while (b < e && (s[b] == ' ' || s[b] == '\t'))
            b++;
        while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        on_field((void *)(s + b), e - b, r);
        if (comma == NULL)
            break;
        at = end + 1;
    }
    on_record('\n', r);
    return 0;
}

/* Feeds the file to libcsv a line at a time, so records know their line;
 * each record is taken (header first) as soon as it is complete. */
static int read_records(line_reader *lr, reader *r, const csv_limits *lim)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return rl_error_set(r->err, "cannot start the csv parser for %s", r->path);
    int rc = 0;
    enum line_status st;
    while (rc == 0 && (st = line_reader_next(lr)) == LINE_OK) {
        r->line = lr->line;
        const char *data = lr->buf;
        size_t len = lr->len;
        if (r->line == 1 && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
            data += 3; /* a UTF-8 byte-order mark, as spreadsheets write */
            len -= 3;
        }
        r->line_clean = printable_ascii(data, len);
        if (memchr(data, '\0', len) != NULL)
            rc = rl_error_set(r->err, "binary data (a NUL byte), not a csv file (%s:%ld)", r->path, r->line);
        else if (p.pstate == 0 && split_plain_line(r, data, len) == 0)
            rc = r->failed ? -1 : 0;
        else if (csv_parse(&p, data, len, on_field, on_record, r) != len && !r->failed)
            rc = rl_error_set(r->err, "malformed csv: %s (%s:%ld)", csv_strerror(csv_error(&p)), r->path, r->line);
        else if (r->failed)
            rc = -1;
    }
    if (rc == 0 && st != LINE_EOF)
        rc = line_error(r, lr, st, lim);
    if (rc == 0 && csv_fini(&p, on_field, on_record, r) != 0)
        rc = rl_error_set(r->err, "truncated csv: unterminated quoted field (%s:%ld)", r->path, r->line);
    if (rc == 0 && r->failed)
        rc = -1;
    if (rc == 0 && r->records == 0)
        rc = rl_error_set(r->err, "empty file, expected a %s csv header (%s:1)", r->t->schema->name, r->path);
    csv_free(&p);
    return rc;
}

int csv_table_load_into(csv_table *t, const char *path, const csv_limits *limits, rl_error *err)
{
    const csv_limits *lim = limits != NULL ? limits : &CSV_DEFAULT_LIMITS;
    const size_t ncols = t->schema->count;
    if (csv_store_add_file(t, path) != 0)
        return rl_error_set(err, "out of memory reading %s", path);
    line_reader *lr = malloc(sizeof *lr);
    if (lr == NULL)
        return rl_error_set(err, "out of memory reading %s", path);
    if (line_reader_open(lr, path, lim->max_line_bytes, lim->max_file_bytes) != 0) {
        int e = errno;
        free(lr);
        return rl_error_set(err, "cannot open %s: %s", path, strerror(e));
    }
    reader r = {.t = t, .path = path, .err = err};
    r.pos = malloc(ncols * sizeof *r.pos);
    r.cell = malloc(ncols * sizeof *r.cell);
    r.value = calloc(ncols, sizeof *r.value);
    const size_t before = t->nrows;
    int rc = r.pos == NULL || r.cell == NULL || r.value == NULL ? rl_error_set(err, "out of memory reading %s", path)
                                                                 : read_records(lr, &r, lim);
    if (rc == 0 && csv_store_join_path(t, path) != 0)
        rc = rl_error_set(err, "out of memory reading %s", path);
    if (rc != 0)
        t->nrows = before; /* the rows of this file are left in the arena, unreachable */
    reader_free(&r);
    line_reader_close(lr);
    free(lr);
    return rc;
}

int csv_table_load_limited(csv_table *t, const char *path, const csv_schema *schema, const csv_limits *limits,
                           rl_error *err)
{
    if (csv_table_init(t, schema, path, err) != 0)
        return -1;
    if (csv_table_load_into(t, path, limits, err) != 0) {
        csv_table_free(t);
        return -1;
    }
    return 0;
}

int csv_table_load(csv_table *t, const char *path, const csv_schema *schema, rl_error *err)
{
    return csv_table_load_limited(t, path, schema, NULL, err);
}

