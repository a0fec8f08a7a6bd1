/* template: fills {{name}} placeholders from a key/value table.
 *
 * A placeholder is "{{", a name of letters, digits and '_' (spaces around it
 * are allowed), then "}}", all on one line. Values are inserted verbatim and
 * never expanded again, so a value (a user's --note, a device name) cannot
 * smuggle in placeholders. Errors name the template and the line:
 *   unknown placeholder {{titel}} (templates/report.md:3)
 *   unterminated placeholder: '{{' without '}}' on the same line (...:7)
 * An unknown placeholder is an error, not an empty string: a typo in a
 * template must not silently drop a table from the report.
 *
 * tmpl_vars owns copies of its keys and values; tmpl_vars_free() releases
 * them. Functions return 0, or -1 with err set (see rl_error.h).
 */
#ifndef RENDER_TEMPLATE_H
#define RENDER_TEMPLATE_H

#include <stddef.h>

#include "rl_error.h"
#include "sbuf.h"

typedef struct tmpl_vars {
    char **keys;
    char **values;
    size_t count, cap;
} tmpl_vars;

/* Sets key to a copy of value, replacing an earlier value. */
int tmpl_vars_set(tmpl_vars *v, const char *key, const char *value, rl_error *err);
/* Sets key to the text of b, then frees b (also on failure). */
int tmpl_vars_take(tmpl_vars *v, const char *key, sbuf *b, rl_error *err);
/* The value of key, or NULL. */
const char *tmpl_vars_get(const tmpl_vars *v, const char *key);
void tmpl_vars_free(tmpl_vars *v);

/* Appends text with its placeholders filled to out; source names the
 * template in messages. */
int template_expand(const char *text, const char *source, const tmpl_vars *v, sbuf *out,
                    rl_error *err);

/* The largest template read: report.md is 12 KB. */
#define TEMPLATE_MAX_BYTES (4 * 1024 * 1024)

/* Reads the template file at path into out: at most TEMPLATE_MAX_BYTES of
 * UTF-8 text, no NUL byte, no control character but tab and line breaks
 * (utf8_valid.h). A pipe reads as a file does. */
int template_read_file(const char *path, sbuf *out, rl_error *err);

#endif
