/* html_out: the report as one self-contained HTML document (inline
 * stylesheet; figures referenced relatively, fig/roofline.png), rendered
 * by cmark-gfm from the same tree as the PDF. Raw HTML in the Markdown is
 * not passed through (cmark's safe default), except that the contents
 * marker (md_doc.h) becomes a list of links to the headings of levels 2
 * and 3, which get ids made from their text ("Power and energy" ->
 * id="power-and-energy"). */
#ifndef RENDER_HTML_OUT_H
#define RENDER_HTML_OUT_H

#include "md_doc.h"
#include "rl_error.h"
#include "sbuf.h"

/* title goes in <title> (plain text; escaped here). */
int html_out_write(const md_doc *doc, const char *title, sbuf *out, rl_error *err);

#endif
