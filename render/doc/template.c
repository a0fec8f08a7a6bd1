#include "template.h"

#include "utf8_valid.h"
#include "whole_file.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest placeholder name shown in a message. */
#define NAME_SHOWN 64

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

static long find_key(const tmpl_vars *v, const char *key, size_t keylen)
{
    for (size_t i = 0; i < v->count; i++)
        if (strlen(v->keys[i]) == keylen && memcmp(v->keys[i], key, keylen) == 0)
            return (long)i;
    return -1;
}

int tmpl_vars_set(tmpl_vars *v, const char *key, const char *value, rl_error *err)
{
    char *copy = dup_str(value);
    if (copy == NULL)
        return rl_error_set(err, "out of memory setting template value %s", key);
    long at = find_key(v, key, strlen(key));
    if (at >= 0) {
        free(v->values[at]);
        v->values[at] = copy;
        return 0;
    }
    if (v->count == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 16;
        char **k = realloc(v->keys, cap * sizeof *k);
        if (k != NULL)
            v->keys = k;
        char **val = realloc(v->values, cap * sizeof *val);
        if (val != NULL)
            v->values = val;
        if (k == NULL || val == NULL) {
            free(copy);
            return rl_error_set(err, "out of memory setting template value %s", key);
        }
        v->cap = cap;
    }
    v->keys[v->count] = dup_str(key);
    if (v->keys[v->count] == NULL) {
        free(copy);
        return rl_error_set(err, "out of memory setting template value %s", key);
    }
    v->values[v->count++] = copy;
    return 0;
}

int tmpl_vars_take(tmpl_vars *v, const char *key, sbuf *b, rl_error *err)
{
    int rc = b->failed ? rl_error_set(err, "out of memory building template value %s", key)
                       : tmpl_vars_set(v, key, sbuf_str(b), err);
    sbuf_free(b);
    return rc;
}

const char *tmpl_vars_get(const tmpl_vars *v, const char *key)
{
    long at = find_key(v, key, strlen(key));
    return at >= 0 ? v->values[at] : NULL;
}

void tmpl_vars_free(tmpl_vars *v)
{
    for (size_t i = 0; i < v->count; i++) {
        free(v->keys[i]);
        free(v->values[i]);
    }
    free(v->keys);
    free(v->values);
    memset(v, 0, sizeof *v);
}

static int name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Expands the placeholder whose "{{" is at open; *next gets the byte after
 * its "}}". line is the template line of open, for messages. */
static int expand_one(const char *open, const char *source, long line, const tmpl_vars *v,
                      sbuf *out, const char **next, rl_error *err)
{
    const char *close = strstr(open + 2, "}}");
    const char *eol = strchr(open + 2, '\n');
    if (close == NULL || (eol != NULL && eol < close))
        return rl_error_set(err, "unterminated placeholder: '{{' without '}}' on the same line (%s:%ld)",
                            source, line);
    const char *name = open + 2;
    const char *end = close;
    while (name < end && *name == ' ')
        name++;
    while (end > name && end[-1] == ' ')
        end--;
    size_t len = (size_t)(end - name);
    int shown = len < NAME_SHOWN ? (int)len : NAME_SHOWN;
    if (len == 0)
        return rl_error_set(err, "empty placeholder {{}} (%s:%ld)", source, line);
    for (size_t i = 0; i < len; i++)
        if (!name_char(name[i]))
            return rl_error_set(err, "bad placeholder name '%.*s': use letters, digits and _ (%s:%ld)",
                                shown, name, source, line);
    long at = find_key(v, name, len);
    if (at < 0)
        return rl_error_set(err, "unknown placeholder {{%.*s}} (%s:%ld)", shown, name, source, line);
    sbuf_puts(out, v->values[at]);
    *next = close + 2;
    return 0;
}

int template_expand(const char *text, const char *source, const tmpl_vars *v, sbuf *out,
                    rl_error *err)
{
    long line = 1;
    const char *p = text;
    for (;;) {
        const char *open = strstr(p, "{{");
        const char *stop = open != NULL ? open : p + strlen(p);
        for (const char *q = p; q < stop; q++)
            line += *q == '\n';
        sbuf_append(out, p, (size_t)(stop - p));
        if (open == NULL)
            break;
        if (expand_one(open, source, line, v, out, &p, err) != 0)
            return -1;
    }
    if (out->failed)
        return rl_error_set(err, "out of memory expanding %s", source);
    return 0;
}

/* Read whole (whole_file.h): bounded, and it stops at the first failed
 * allocation. The fread loop before kept reading after its buffer had
 * failed, so a template that never ends (a FIFO fed forever) hung render
 * once memory ran out. */
int template_read_file(const char *path, sbuf *out, rl_error *err)
{
    char *text;
    size_t len;
    if (whole_file_read(path, TEMPLATE_MAX_BYTES, "TEMPLATE_MAX_BYTES in render/doc/template.h", &text, &len, err) !=
        0) {
        if (strncmp(err->text, "cannot open ", 12) == 0) { /* say which file it is */
            rl_error why = *err;
            return rl_error_set(err, "cannot open template %s", why.text + 12);
        }
        return rl_error_prefix(err, "template");
    }
    int rc = 0;
    if (memchr(text, '\0', len) != NULL)
        rc = rl_error_set(err, "binary data (a NUL byte) in template %s", path);
    else if (utf8_check_text(text, path, err) != 0 || text_check_controls(text, path, err) != 0)
        rc = -1;
    else
        sbuf_append(out, text, len);
    free(text);
    if (rc == 0 && out->failed)
        rc = rl_error_set(err, "out of memory reading template %s", path);
    return rc;
}
