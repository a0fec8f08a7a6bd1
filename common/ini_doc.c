#include "ini_doc.h"

#include <ini.h>
#include <stdlib.h>
#include <string.h>

#include "csv_ranges.h"
#include "grow.h"
#include "utf8_valid.h"
#include "whole_file.h"

/* What the reader and the handler share while inih runs. */
typedef struct ini_walk {
    const char *text, *end; /* the whole file, read once (whole_file.h) */
    const char *next;       /* the next line to hand to inih */
    ini_doc *doc;
    long line;        /* line last handed to inih */
    long header_line; /* line of the last [header] seen */
    long too_long;    /* line that did not fit inih's buffer, or 0 */
    int out_of_memory;
} ini_walk;

/* fgets over the text for inih: counts lines and notes [headers] and
 * over-long lines (num - 1 characters without a line break, with more to
 * come, is a line inih would cut silently). */
static char *walk_read_line(char *str, int num, void *stream)
{
    ini_walk *w = stream;
    if (w->too_long != 0 || w->next == w->end || num < 2)
        return NULL;
    size_t left = (size_t)(w->end - w->next), room = (size_t)num - 1;
    const char *nl = memchr(w->next, '\n', left < room ? left : room);
    size_t len = nl != NULL ? (size_t)(nl - w->next) + 1 : (left < room ? left : room);
    w->line++;
    if (nl == NULL && len < left) {
        w->too_long = w->line; /* stop here: inih would cut the value silently */
        return NULL;
    }
    memcpy(str, w->next, len);
    str[len] = '\0';
    w->next += len;
    const char *p = str + strspn(str, " \t");
    if (*p == '[')
        w->header_line = w->line;
    return str;
}

static ini_section *doc_open_section(ini_doc *doc, const char *name, long line)
{
    if (doc->nsections == doc->cap) {
        ini_section *s = grow_array(doc->sections, &doc->cap, sizeof *s, 8);
        if (s == NULL)
            return NULL;
        doc->sections = s;
    }
    ini_section *sec = &doc->sections[doc->nsections];
    memset(sec, 0, sizeof *sec);
    sec->name = strdup(name);
    if (sec->name == NULL)
        return NULL;
    sec->line = line;
    doc->nsections++;
    return sec;
}

static int section_add_key(ini_section *sec, const char *name, const char *value, long line)
{
    if (sec->nkeys == sec->cap) {
        ini_key *k = grow_array(sec->keys, &sec->cap, sizeof *k, 16);
        if (k == NULL)
            return -1;
        sec->keys = k;
    }
    ini_key *key = &sec->keys[sec->nkeys];
    key->name = strdup(name);
    key->value = strdup(value);
    key->line = line;
    if (key->name == NULL || key->value == NULL) {
        free(key->name);
        free(key->value);
        return -1;
    }
    sec->nkeys++;
    return 0;
}

/* inih callback: a new [header] line starts a new section, even when it
 * repeats an earlier name, so duplicates stay visible to the validator. */
static int walk_on_key(void *user, const char *section, const char *name, const char *value)
{
    ini_walk *w = user;
    ini_doc *doc = w->doc;
    ini_section *sec = doc->nsections ? &doc->sections[doc->nsections - 1] : NULL;
    if (sec == NULL || sec->line != w->header_line)
        sec = doc_open_section(doc, section, w->header_line);
    if (sec == NULL || section_add_key(sec, name, value, w->line) != 0) {
        w->out_of_memory = 1;
        return 0;
    }
    return 1;
}

/* fgets and inih stop a line at a NUL byte: a NUL in "sm_count = 10\0..."
 * was reported as a line too long, or cut the value short without a word.
 * Binary files are refused up front, naming the line of the first NUL, and
 * so is text that is not UTF-8 (a Latin-1 mode name went on into the model
 * CSV and was refused only by render), naming its line and column. */
static int check_text(const char *text, size_t len, const char *path, rl_error *err)
{
    const char *nul = memchr(text, '\0', len);
    if (nul != NULL) {
        long line = 1;
        for (const char *p = text; p < nul; p++)
            line += *p == '\n';
        return rl_error_set(err, "binary data (a NUL byte), not a text file (%s:%ld)", path, line);
    }
    /* and no control character but tab and line breaks: a spec's or an
     * LLM's name reaches the report, its charts and the terminal (issue 18) */
    return utf8_check_text(text, path, err) != 0 ? -1 : text_check_controls(text, path, err);
}

static int parse_text(ini_doc *doc, const char *text, size_t len, rl_error *err)
{
    const char *path = doc->path;
    ini_walk w = {.text = text, .end = text + len, .next = text, .doc = doc};
    int rc = ini_parse_stream(walk_read_line, &w, walk_on_key, &w);
    if (w.out_of_memory || rc == -2)
        return rl_error_set(err, "out of memory reading %s", path);
    if (w.too_long != 0)
        return rl_error_set(err, "line longer than %d characters (INI_DOC_MAX_LINE in common/ini_doc.h) (%s:%ld)", INI_DOC_MAX_LINE, path,
                            w.too_long);
    if (rc != 0)
        return rl_error_set(err, "malformed line, expected [section] or key = value (%s:%d)", path, rc);
    return 0;
}

int ini_doc_load(ini_doc *doc, const char *path, rl_error *err)
{
    memset(doc, 0, sizeof *doc);
    doc->path = strdup(path);
    if (doc->path == NULL)
        return rl_error_set(err, "out of memory reading %s", path);
    char *text;
    size_t len;
    int rc = whole_file_read(path, INI_DOC_MAX_BYTES, "INI_DOC_MAX_BYTES in common/ini_doc.h", &text, &len, err);
    if (rc == 0)
        rc = check_text(text, len, path, err);
    if (rc == 0)
        rc = parse_text(doc, text, len, err);
    free(text);
    if (rc != 0)
        ini_doc_free(doc);
    return rc;
}

void ini_doc_free(ini_doc *doc)
{
    for (size_t s = 0; s < doc->nsections; s++) {
        ini_section *sec = &doc->sections[s];
        for (size_t k = 0; k < sec->nkeys; k++) {
            free(sec->keys[k].name);
            free(sec->keys[k].value);
        }
        free(sec->keys);
        free(sec->name);
    }
    free(doc->sections);
    free(doc->path);
    memset(doc, 0, sizeof *doc);
}

int ini_key_count(const char *path, const ini_key *k, uint64_t *out, rl_error *err)
{
    if (csv_count_overflows(k->value))
        return rl_error_set(err, "%s: '%.40s' is larger than %llu, the largest integer accepted (%s:%ld)",
                            k->name, k->value, (unsigned long long)UINT64_MAX, path, k->line);
    if (csv_parse_count(k->value, out) != 0 || *out == 0)
        return rl_error_set(err, "%s: '%.40s' is not an integer > 0 (%s:%ld)", k->name, k->value,
                            path, k->line);
    return 0;
}
