/* md_doc: the report's Markdown parsed once (cmark-gfm, with GFM tables),
 * for the HTML and PDF writers to walk. md_doc_free() releases the tree and
 * the parser that owns the extension list. */
#ifndef RENDER_MD_DOC_H
#define RENDER_MD_DOC_H

#include <cmark-gfm.h>

#include "rl_error.h"
#include "sbuf.h"

typedef struct md_doc {
    cmark_parser *parser;
    cmark_node *root;
} md_doc;

#define MD_DOC_OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8)

int md_doc_parse(md_doc *doc, const char *markdown, size_t len, rl_error *err);
void md_doc_free(md_doc *doc);

/* The extensions attached to the parser, for cmark_render_html(). */
cmark_llist *md_doc_extensions(const md_doc *doc);

/* Appends the plain text of the document's first heading to out (for
 * <title> and the PDF's metadata); nothing when there is none. */
void md_doc_first_heading(const md_doc *doc, sbuf *out);

/* Appends the plain text of node's inline content to out (emphasis and
 * code spans become their text, soft breaks spaces). */
void md_plain_text(cmark_node *node, sbuf *out);

/* Where the template wants the table of contents: an HTML comment block,
 * which a Markdown reader never shows. The PDF (pdf_toc.h) and the HTML
 * (html_out.h) put their contents there. */
#define MD_CONTENTS_MARKER "<!-- contents -->"
int md_is_contents_marker(cmark_node *node);

/* 1 when node is a GFM table part: "table", "table_row", "table_cell". */
int md_is(cmark_node *node, const char *type_string);

#endif
