/* pdf_doc: the page state shared by the PDF typesetting files (internal
 * to doc/; the contract is pdf_out.h).
 *
 * Coordinates are libharu's: points from the bottom left of the page. y is
 * the top of the free space on the current page; blocks move it down and ask
 * pdf_doc_room() for a new page when they do not fit.
 */
#ifndef RENDER_PDF_DOC_H
#define RENDER_PDF_DOC_H

#include <hpdf.h>
#include <stddef.h>

#include "canvas/fonts.h"
#include "rl_error.h"
#include "sbuf.h"

#define PDF_PAGE_W 595.276 /* A4 */
#define PDF_PAGE_H 841.89
#define PDF_MARGIN 56.0
#define PDF_BODY_SIZE 9.5
#define PDF_LEADING 1.32 /* line height / font size */

typedef struct pdf_colour {
    double r, g, b;
} pdf_colour;

typedef struct pdf_doc {
    HPDF_Doc pdf;
    HPDF_Font font[FONT_COUNT];
    HPDF_Page *pages; /* every page so far, for the page numbers */
    size_t npages, cap;
    double y;          /* top of the free space on the current page */
    double indent;     /* left indent of lists and quotes, from the margin */
    int quote_depth;   /* block quotes open: each draws a bar beside its lines */
    double quote_x[8]; /* where those bars are */
    const char *marker; /* list marker waiting for the next line ("•", "2.") */
    /* Called with page_ctx once each new page exists (its y at the top):
     * the walk puts the figures it holds back there (pdf_out.c). */
    void (*on_new_page)(void *page_ctx);
    void *page_ctx;
    /* Set by the libharu error handler; checked by pdf_doc_check(). */
    int failed;
    HPDF_STATUS error_no, detail_no;
    int out_of_memory;
} pdf_doc;

/* draft 1: no compression, fonts not embedded (pdf_out.h) */
int pdf_doc_open(pdf_doc *d, const render_fonts *fonts, const char *title, int draft, rl_error *err);
void pdf_doc_close(pdf_doc *d);

/* -1 with err set ("while <what>") when libharu or an allocation failed. */
int pdf_doc_check(pdf_doc *d, const char *what, rl_error *err);

HPDF_Page pdf_doc_page(const pdf_doc *d);
void pdf_doc_new_page(pdf_doc *d);
/* 1 when nothing is on the current page yet (y at the top margin). */
int pdf_doc_page_empty(const pdf_doc *d);
/* Starts a new page unless height points fit above the bottom margin
 * (a block taller than a whole page is drawn anyway, and overflows). */
void pdf_doc_room(pdf_doc *d, double height);
/* Starts a new page, and more while figures put at the top of one leave
 * less than height points below them. */
void pdf_doc_break(pdf_doc *d, double height);
double pdf_doc_left(const pdf_doc *d);
double pdf_doc_width(const pdf_doc *d);

/* Width in points of len bytes of UTF-8 text s. */
double pdf_text_width(const pdf_doc *d, render_font_id font, double size, const char *s, size_t len);
/* The same in the font's units (thousandths of its size): they add up
 * exactly, so a long word is measured once and split without measuring
 * each piece again (that was quadratic in the word: issue 18). */
unsigned long long pdf_text_units(const pdf_doc *d, render_font_id font, const char *s, size_t len);
double pdf_text_from_units(unsigned long long units, double size);
/* Draws len bytes of s with the left end of its baseline at (x, y). */
void pdf_draw_text(pdf_doc *d, render_font_id font, double size, pdf_colour c, double x, double y,
                   const char *s, size_t len);
void pdf_fill_rect(pdf_doc *d, pdf_colour c, double x, double y, double w, double h);
void pdf_draw_line(pdf_doc *d, pdf_colour c, double width, double x0, double y0, double x1,
                   double y1);

/* Page numbers on every page, then the whole file appended to out. */
int pdf_doc_save(pdf_doc *d, sbuf *out, rl_error *err);

#endif
