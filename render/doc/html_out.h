/* html_out: the report as one self-contained HTML document, rendered by
 * cmark-gfm from the same tree as the PDF: one file to mail, nothing
 * linked. The stylesheet is inline; a paragraph that holds only an image
 * is a <figure>, the paragraph right after it (when there is one) its
 * <figcaption>, and the image itself the figure's SVG inlined (its ids
 * prefixed, html_svg.h) when figure_svg has one for its URL (else an
 * <img>, as cmark writes it); every table sits in a <div
 * class="table-wrap"> that scrolls sideways on a narrow screen. Raw HTML
 * in the Markdown is not passed through (cmark's safe default), except
 * that the contents marker (md_doc.h) becomes a list of links to the
 * headings of levels 2 and 3, which get ids made from their text ("Power
 * and energy" -> id="power-and-energy"). */
#ifndef RENDER_HTML_OUT_H
#define RENDER_HTML_OUT_H

#include "md_doc.h"
#include "rl_error.h"
#include "sbuf.h"

/* The SVG of the figure at url ("fig/roofline.png") and its length, or
 * NULL when there is none; the bytes stay the caller's. */
typedef const char *(*html_svg_fn)(void *ctx, const char *url, size_t *len);

typedef struct html_out_options {
    const char *title; /* goes in <title> (plain text; escaped here) */
    html_svg_fn figure_svg; /* NULL: every image an <img> */
    void *figures_ctx;
} html_out_options;

int html_out_write(const md_doc *doc, const html_out_options *opt, sbuf *out, rl_error *err);

#endif
