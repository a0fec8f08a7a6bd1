/* sbuf: a growable byte buffer for the text and images render builds in
 * memory before anything is written (outputs appear together or not at all).
 * It sits in common/, under all of render's folders, because each of them
 * appends to one: the typesetter (doc/), the PNG encoder (canvas/), the
 * chart files (charts/) and the report (report/).
 *
 * The bytes are always NUL-terminated (len excludes the NUL), so a text
 * buffer can be used as a C string; binary data (PNG, PDF) may hold NULs.
 * Appends that run out of memory set the sticky flag `failed`; check it
 * once at the end instead of after every append. sbuf_free() releases data.
 */
#ifndef SBUF_H
#define SBUF_H

#include <stddef.h>

#include "rl_error.h"

typedef struct sbuf {
    char *data; /* NULL until the first append */
    size_t len;
    size_t cap;
    int failed; /* 1 after any allocation failure */
} sbuf;

void sbuf_append(sbuf *b, const void *bytes, size_t n);
void sbuf_puts(sbuf *b, const char *s);
void sbuf_printf(sbuf *b, const char *fmt, ...) RL_PRINTF(2, 3);
/* The text so far ("" when empty); never NULL. */
const char *sbuf_str(const sbuf *b);
/* Hands the NUL-terminated text to the caller (free() it) and resets b;
 * NULL when b failed. */
char *sbuf_take(sbuf *b);
void sbuf_free(sbuf *b);

#endif
