/* utf8: validation of the text render passes on. cairo refuses invalid
 * UTF-8 and cmark-gfm silently replaces it, so render checks its inputs
 * once and names the file and line of a bad byte instead. */
#ifndef RENDER_UTF8_H
#define RENDER_UTF8_H

#include <stddef.h>

#include "csv_table.h"
#include "rl_error.h"

/* The offset of the first byte of s that is not well-formed UTF-8
 * (overlong forms and surrogates included), or (size_t)-1 when all is. */
size_t utf8_invalid_at(const char *s);

/* Every cell of t, or -1 with err naming the column and line. */
int utf8_check_table(const csv_table *t, rl_error *err);

/* text read from path, or -1 with err naming the line. */
int utf8_check_text(const char *text, const char *path, rl_error *err);

#endif
