/* pdf_out: the report as PDF, typeset with libharu by walking the same
 * cmark-gfm tree as the HTML: headings, word-wrapped paragraphs with bold,
 * oblique and code spans, bullet and numbered lists, block quotes, code
 * blocks, GFM tables (columns fitted to their text, cells wrapped, the
 * header repeated on every page a table runs onto), PNG images and page
 * numbers. A4, DejaVu fonts embedded, text encoded as UTF-8 (µ, ×, ≤).
 *
 * Images are asked for by URL through images(): render hands over the chart
 * it drew in memory, so the PDF never reads a half-written figure.
 * The PDF's bytes are appended to out. Returns 0, or -1 with err set; a
 * libharu error becomes an rl_error (its handler only records it; no
 * longjmp), and nothing partial is appended.
 */
#ifndef RENDER_PDF_OUT_H
#define RENDER_PDF_OUT_H

#include <stddef.h>

#include "fonts.h"
#include "md_doc.h"
#include "rl_error.h"
#include "sbuf.h"

/* Sets *data and *len to the PNG bytes for url and returns 0, or returns -1
 * with err set when there is no such image. */
typedef int (*pdf_image_fn)(void *ctx, const char *url, const void **data, size_t *len,
                            rl_error *err);

typedef struct pdf_out_options {
    const render_fonts *fonts;
    const char *title;  /* document info; plain text */
    pdf_image_fn images;
    void *images_ctx;
} pdf_out_options;

int pdf_out_write(const md_doc *doc, const pdf_out_options *opt, sbuf *out, rl_error *err);

#endif
