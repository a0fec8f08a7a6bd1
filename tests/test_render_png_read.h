/* test_render_png_read: reading back the PNG bytes render makes, for the
 * tests: where some bytes first stand in an sbuf, and an sbuf as a stream
 * for cairo's PNG reader. Header-only (static inline) because each
 * tests/test_*.c is its own binary. */
#ifndef TEST_RENDER_PNG_READ_H
#define TEST_RENDER_PNG_READ_H

#include <cairo.h>
#include <string.h>

#include "sbuf.h"

/* Where the n bytes of what first stand in b, or NULL. */
static inline const char *sbuf_find(const sbuf *b, const void *what, size_t n)
{
    for (size_t i = 0; i + n <= b->len; i++)
        if (memcmp(b->data + i, what, n) == 0)
            return b->data + i;
    return NULL;
}

typedef struct sbuf_reader {
    const sbuf *b;
    size_t at;
} sbuf_reader;

/* cairo_read_func_t over an sbuf_reader. */
static inline cairo_status_t sbuf_read(void *closure, unsigned char *data, unsigned int length)
{
    sbuf_reader *r = closure;
    if (r->at + length > r->b->len)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->b->data + r->at, length);
    r->at += length;
    return CAIRO_STATUS_SUCCESS;
}

/* The image surface of the PNG in b (check its status). */
static inline cairo_surface_t *sbuf_png_surface(const sbuf *b)
{
    sbuf_reader r = {b, 0};
    return cairo_image_surface_create_from_png_stream(sbuf_read, &r);
}

#endif
