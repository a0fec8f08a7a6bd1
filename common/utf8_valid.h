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

/* Characters no text the stages read may hold (issue 18): a control
 * character other than tab (C0, DEL and C1: an ESC in a device name
 * retitled the user's terminal through model's stderr, and every C0 but
 * tab, line feed and carriage return is ill-formed in XML 1.0, so it broke
 * the SVGs), and a byte-order mark anywhere but at the start of a file (a
 * file pasted onto another: its U+FEFF made a phantom run). newlines: 1
 * when line feeds (and a CR before one) are allowed (a template, a note of
 * several lines), 0 in a CSV cell. The offset of the first such character
 * of the UTF-8 text s, its code point in *cp, or (size_t)-1 when there is
 * none. */
size_t text_forbidden_at(const char *s, int newlines, unsigned *cp);

/* What the character cp is, for messages: "control character U+001B
 * (ESC)", "byte-order mark U+FEFF". */
void text_forbidden_name(unsigned cp, char *buf, size_t size);

/* text_forbidden_at over a whole text read from path (newlines allowed),
 * as utf8_check_text: "control character U+001B (ESC) at column 3: ...
 * (t.md:2)". */
int text_check_controls(const char *text, const char *path, rl_error *err);

#endif
