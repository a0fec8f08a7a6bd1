/* pdf_toc: the PDF's table of contents, its links and its bookmarks
 * (internal to doc/; see pdf_out.h).
 *
 * The template marks where the contents go with an HTML comment block,
 * MD_CONTENTS_MARKER (md_doc.h), which HTML readers never see. Headings of levels 2 and 3
 * are listed, in document order, before typesetting (pdf_toc_collect). The
 * walk draws the titles where the marker is (pdf_toc_draw) and tells the
 * toc where each heading lands (pdf_toc_heading); once the last page
 * exists, pdf_toc_finish adds the dotted leaders and page numbers beside
 * the titles, makes each line a link to its heading and adds the document
 * outline (bookmarks). Lines keep their height whatever the numbers, so
 * filling them in later moves nothing.
 */
#ifndef RENDER_PDF_TOC_H
#define RENDER_PDF_TOC_H

#include <cmark-gfm.h>
#include <stddef.h>

#include "pdf_doc.h"

typedef struct pdf_toc_entry {
    char *title; /* owned */
    int level;   /* 2 or 3 */
    size_t page; /* where the heading landed (index), once placed */
    double top;  /* its top on that page */
    int placed;
    size_t line_page;           /* where its contents line was drawn, if drawn */
    double line_base, line_end; /* baseline y, x where the title ends */
    int drawn;
} pdf_toc_entry;

typedef struct pdf_toc {
    pdf_toc_entry *e;
    size_t n;
    size_t next; /* the next heading the walk will meet */
} pdf_toc;

/* Lists the headings under root; -1 out of memory. */
int pdf_toc_collect(pdf_toc *t, cmark_node *root);
void pdf_toc_free(pdf_toc *t);
/* Draws the contents at the current position. */
void pdf_toc_draw(pdf_toc *t, pdf_doc *d);
/* The walk is about to draw a heading of this level at d->y. */
void pdf_toc_heading(pdf_toc *t, const pdf_doc *d, int level);
/* Leaders, page numbers, links and bookmarks; after the last page. */
void pdf_toc_finish(pdf_toc *t, pdf_doc *d);

#endif
