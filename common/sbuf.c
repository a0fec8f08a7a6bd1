#include "sbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for n more bytes plus the terminating NUL. */
static int sbuf_reserve(sbuf *b, size_t n)
{
    if (b->failed)
        return -1;
    if (b->len + n + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (d == NULL) {
        b->failed = 1;
        return -1;
    }
    b->data = d;
    b->cap = cap;
    return 0;
}

void sbuf_append(sbuf *b, const void *bytes, size_t n)
{
    if (sbuf_reserve(b, n) != 0)
        return;
    if (n > 0)
        memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sbuf_puts(sbuf *b, const char *s)
{
    sbuf_append(b, s, strlen(s));
}

void sbuf_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if (sbuf_reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *sbuf_str(const sbuf *b)
{
    return b->data != NULL ? b->data : "";
}

char *sbuf_take(sbuf *b)
{
    char *s = NULL;
    if (!b->failed)
        s = b->data != NULL ? b->data : calloc(1, 1);
    else
        free(b->data);
    memset(b, 0, sizeof *b);
    return s;
}

void sbuf_free(sbuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}
