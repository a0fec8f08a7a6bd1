/* utf8_valid: is text well-formed UTF-8?
 *
 * Every text the stages read (CSV cells, spec and LLM files, the report
 * template, --note) must be UTF-8: cairo refuses anything else and
 * cmark-gfm silently replaces it. Each reader checks where the text enters,
 * with these, so a Latin-1 byte is refused naming its file, line and column
 * instead of failing a stage later.
 */
#ifndef UTF8_VALID_H
#define UTF8_VALID_H

#include <stddef.h>

#include "rl_error.h"

/* The offset of the first byte of the NUL-terminated s that is not
 * well-formed UTF-8 (RFC 3629: overlong forms, surrogates and code points
 * past U+10FFFF included), or (size_t)-1 when all of s is. */
size_t utf8_invalid_at(const char *s);

/* The 1-based column, in characters, of byte offset at of s, where
 * s[0..at) is well-formed UTF-8 (as utf8_invalid_at leaves it). */
size_t utf8_column(const char *s, size_t at);

/* 0 when the NUL-terminated text read from path is UTF-8, else -1 with err
 * naming the byte, its line and its column:
 *   byte 0xE9 at column 3 is not UTF-8 (a Latin-1 file?); save it as UTF-8 (t.md:2) */
int utf8_check_text(const char *text, const char *path, rl_error *err);

#endif
