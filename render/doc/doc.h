/* doc: the typesetter, the contract of render/doc/. Markdown in, HTML and
 * PDF out; it knows nothing of rooflines, and includes only the canvas room
 * (the PDF draws figures through canvas_haru.h).
 *
 * Takes UTF-8 text: a template whose {{name}} placeholders it fills
 * (template.h), Markdown it parses once with cmark-gfm (md_doc.h), and for
 * the PDF the fonts (canvas/fonts.h) and a callback that draws the figure
 * an image's URL names (pdf_out.h). md_table.h writes Markdown tables with
 * their cells escaped, for whoever builds the Markdown.
 * Returns bytes appended to the caller's sbuf: the expanded template, the
 * HTML document (html_out.h), the PDF file (pdf_out.h).
 * Who frees: the caller frees each sbuf (sbuf_free); md_doc_free releases a
 * parsed tree; tmpl_vars keeps copies of its keys and values until
 * tmpl_vars_free.
 * Errors: functions return 0, or -1 with an rl_error set that names the
 * template and line where there is one; a PDF that fails appends nothing,
 * and a libharu error becomes an rl_error (no longjmp).
 */
#ifndef RENDER_DOC_H
#define RENDER_DOC_H

#include "html_out.h"
#include "md_doc.h"
#include "md_table.h"
#include "pdf_out.h"
#include "template.h"

#endif
