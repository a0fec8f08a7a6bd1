/* pdf_out: the report as PDF, typeset with libharu by walking the same
 * cmark-gfm tree as the HTML: headings, word-wrapped paragraphs with bold,
 * oblique and code spans, bullet and numbered lists, block quotes, code
 * blocks, GFM tables (columns fitted to their text, cells wrapped, the
 * header repeated on every page a table runs onto), figures, a table of
 * contents where the template has MD_CONTENTS_MARKER (pdf_toc.h), bookmarks and
 * page numbers. A4, DejaVu fonts embedded, text encoded as UTF-8 (µ, ×, ≤).
 *
 * An image in the Markdown must be a figure render draws: figures() says
 * how to draw the one at a URL, and the PDF draws it through the libharu
 * canvas (canvas_haru.h) as vectors, scaled to the text width, so the
 * report holds no raster image of a chart. A paragraph that holds only an
 * image is a figure; the paragraph right after it, when there is one, is
 * its caption (set smaller, and kept with it). A figure that does not fit
 * where the text is floats to the top of the next page, and the text after
 * it fills the rest of this one; the figures held back all come out before
 * the next level-1 or level-2 heading, so none leaves its section. No
 * paragraph leaves a single line at the foot or the head of a page.
 * The PDF's bytes are appended to out. Returns 0, or -1 with err set; a
 * libharu error becomes an rl_error (its handler only records it; no
 * longjmp), and nothing partial is appended.
 */
#ifndef RENDER_PDF_OUT_H
#define RENDER_PDF_OUT_H

#include <stddef.h>

#include "canvas/canvas.h"
#include "canvas/fonts.h"
#include "md_doc.h"
#include "rl_error.h"
#include "sbuf.h"

/* A figure: its size in points and how to draw it on a canvas. */
typedef struct pdf_figure {
    double width, height;
    void (*draw)(const canvas *c, const void *arg, int id);
    const void *arg;
    int id;
} pdf_figure;

/* Fills *fig for url and returns 0, or returns -1 with err set when url is
 * not a figure. */
typedef int (*pdf_figure_fn)(void *ctx, const char *url, pdf_figure *fig, rl_error *err);

typedef struct pdf_out_options {
    const render_fonts *fonts;
    const char *title; /* document info; plain text */
    pdf_figure_fn figures;
    void *figures_ctx;
    /* 1: a draft: streams not compressed and fonts not embedded (only named
     * in the PDF), the same pages otherwise. For the fuzzer, where zlib and
     * font embedding cost most of a run; render leaves it 0. */
    int draft;
} pdf_out_options;

int pdf_out_write(const md_doc *doc, const pdf_out_options *opt, sbuf *out, rl_error *err);

#endif
