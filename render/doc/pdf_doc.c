#include "pdf_doc.h"

#include "canvas/canvas_haru.h"
#include "pdf_cmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libharu reports errors through this handler and then returns an error
 * status from the call; recording it here and checking the flag at block
 * boundaries replaces the setjmp/longjmp its examples use. */
static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    pdf_doc *d = user_data;
    if (d->failed)
        return; /* keep the first error: later ones are its consequences */
    d->failed = 1;
    d->error_no = error_no;
    d->detail_no = detail_no;
}

static const char *hpdf_words(HPDF_STATUS e)
{
    switch (e) {
    case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
    case HPDF_FILE_IO_ERROR: return "file i/o error";
    case HPDF_FILE_OPEN_ERROR: return "cannot open a file";
    case HPDF_INVALID_PNG_IMAGE: return "invalid png image";
    case HPDF_LIBPNG_ERROR: return "libpng error";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "font does not allow embedding";
    case HPDF_TTF_INVALID_CMAP: return "font has an unusable cmap";
    case HPDF_TTF_INVALID_FOMAT: return "not a usable truetype font";
    case HPDF_TTF_MISSING_TABLE: return "font lacks a required table";
    case HPDF_INVALID_ENCODER: return "no utf-8 encoder";
    default: break;
    }
    return "libharu error";
}

int pdf_doc_check(pdf_doc *d, const char *what, rl_error *err)
{
    if (d->out_of_memory)
        return rl_error_set(err, "out of memory while %s", what);
    if (!d->failed)
        return 0;
    return rl_error_set(err, "%s (libharu 0x%04X, detail %u) while %s", hpdf_words(d->error_no),
                        (unsigned)d->error_no, (unsigned)d->detail_no, what);
}

static int load_fonts(pdf_doc *d, const render_fonts *fonts, int embed, rl_error *err)
{
    for (int i = 0; i < FONT_COUNT; i++) {
        const char *name = HPDF_LoadTTFontFromFile(d->pdf, fonts->path[i], embed ? HPDF_TRUE : HPDF_FALSE);
        if (name != NULL)
            d->font[i] = HPDF_GetFont(d->pdf, name, "UTF-8");
        if (d->font[i] != NULL)
            pdf_cmap_fix(d->font[i]);
        char what[600];
        snprintf(what, sizeof what, "loading font %s", fonts->path[i]);
        if (pdf_doc_check(d, what, err) != 0)
            return -1;
        if (d->font[i] == NULL)
            return rl_error_set(err, "cannot use font %s in the pdf", fonts->path[i]);
    }
    return 0;
}

int pdf_doc_open(pdf_doc *d, const render_fonts *fonts, const char *title, int draft, rl_error *err)
{
    memset(d, 0, sizeof *d);
    d->pdf = HPDF_New(on_hpdf_error, d);
    if (d->pdf == NULL)
        return rl_error_set(err, "cannot start libharu");
    HPDF_UseUTFEncodings(d->pdf);
    HPDF_SetCompressionMode(d->pdf, draft ? HPDF_COMP_NONE : HPDF_COMP_ALL);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "render (roofline validation toolkit)");
    static char cut[CANVAS_HARU_MAX_STRING + 8];
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, canvas_haru_fit(title, strlen(title), cut, sizeof cut));
    if (pdf_doc_check(d, "starting the pdf", err) != 0 || load_fonts(d, fonts, !draft, err) != 0) {
        pdf_doc_close(d);
        return -1;
    }
    pdf_doc_new_page(d);
    return pdf_doc_check(d, "adding the first page", err);
}

void pdf_doc_close(pdf_doc *d)
{
    if (d->pdf != NULL)
        HPDF_Free(d->pdf);
    free(d->pages);
    memset(d, 0, sizeof *d);
}

HPDF_Page pdf_doc_page(const pdf_doc *d)
{
    return d->npages ? d->pages[d->npages - 1] : NULL;
}

void pdf_doc_new_page(pdf_doc *d)
{
    if (d->npages == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 16;
        HPDF_Page *p = realloc(d->pages, cap * sizeof *p);
        if (p == NULL) {
            d->out_of_memory = 1;
            return;
        }
        d->pages = p;
        d->cap = cap;
    }
    HPDF_Page page = HPDF_AddPage(d->pdf);
    if (page == NULL)
        return; /* the handler has recorded why */
    HPDF_Page_SetWidth(page, PDF_PAGE_W);
    HPDF_Page_SetHeight(page, PDF_PAGE_H);
    d->pages[d->npages++] = page;
    d->y = PDF_PAGE_H - PDF_MARGIN;
    if (d->on_new_page != NULL)
        d->on_new_page(d->page_ctx);
}

int pdf_doc_page_empty(const pdf_doc *d)
{
    return d->y >= PDF_PAGE_H - PDF_MARGIN;
}

void pdf_doc_break(pdf_doc *d, double height)
{
    /* A new page may open with figures held back for it (on_new_page):
     * then the room may still be short, and another page follows. */
    size_t guard = 0;
    do
        pdf_doc_new_page(d);
    while (d->y - height < PDF_MARGIN && !pdf_doc_page_empty(d) && !d->out_of_memory && !d->failed &&
           ++guard < 64);
}

void pdf_doc_room(pdf_doc *d, double height)
{
    if (d->y - height < PDF_MARGIN && !pdf_doc_page_empty(d))
        pdf_doc_break(d, height);
}

double pdf_doc_left(const pdf_doc *d)
{
    return PDF_MARGIN + d->indent;
}

double pdf_doc_width(const pdf_doc *d)
{
    return PDF_PAGE_W - 2.0 * PDF_MARGIN - d->indent;
}

/* Summed in pieces of whole characters that libharu takes (it refuses a
 * string past 65535 bytes; canvas_haru.h): the width of a string is the
 * sum of its characters' advances, so the sum is the same. */
double pdf_text_width(const pdf_doc *d, render_font_id font, double size, const char *s, size_t len)
{
    return pdf_text_from_units(pdf_text_units(d, font, s, len), size);
}

double pdf_text_from_units(unsigned long long units, double size)
{
    return (double)units * size / 1000.0;
}

unsigned long long pdf_text_units(const pdf_doc *d, render_font_id font, const char *s, size_t len)
{
    unsigned long long width = 0;
    while (len > 0) {
        size_t piece = len;
        if (piece > CANVAS_HARU_MAX_STRING) {
            piece = CANVAS_HARU_MAX_STRING;
            while (piece > 1 && ((unsigned char)s[piece] & 0xC0) == 0x80)
                piece--;
        }
        HPDF_TextWidth tw = HPDF_Font_TextWidth(d->font[font], (const HPDF_BYTE *)s, (HPDF_UINT)piece);
        width += tw.width;
        s += piece;
        len -= piece;
    }
    return width;
}

void pdf_draw_text(pdf_doc *d, render_font_id font, double size, pdf_colour c, double x, double y,
                   const char *s, size_t len)
{
    HPDF_Page page = pdf_doc_page(d);
    char small[256];
    size_t room = len < CANVAS_HARU_MAX_STRING ? len + 8 : CANVAS_HARU_MAX_STRING + 8;
    char *text = room <= sizeof small ? small : malloc(room);
    if (page == NULL || len == 0 || text == NULL) {
        d->out_of_memory |= text == NULL;
        return;
    }
    /* s[0..len) terminated in text, and cut where libharu needs it */
    const char *shown = canvas_haru_fit(s, len, text, room);
    HPDF_Page_SetRGBFill(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, d->font[font], (HPDF_REAL)size);
    HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, shown);
    HPDF_Page_EndText(page);
    if (text != small)
        free(text);
}

void pdf_fill_rect(pdf_doc *d, pdf_colour c, double x, double y, double w, double h)
{
    HPDF_Page page = pdf_doc_page(d);
    if (page == NULL)
        return;
    HPDF_Page_SetRGBFill(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
    HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Fill(page);
}

void pdf_draw_line(pdf_doc *d, pdf_colour c, double width, double x0, double y0, double x1,
                   double y1)
{
    HPDF_Page page = pdf_doc_page(d);
    if (page == NULL)
        return;
    HPDF_Page_SetRGBStroke(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
    HPDF_Page_SetLineWidth(page, (HPDF_REAL)width);
    HPDF_Page_MoveTo(page, (HPDF_REAL)x0, (HPDF_REAL)y0);
    HPDF_Page_LineTo(page, (HPDF_REAL)x1, (HPDF_REAL)y1);
    HPDF_Page_Stroke(page);
}

static void number_pages(pdf_doc *d)
{
    static const pdf_colour GREY = {0.4, 0.4, 0.4};
    for (size_t i = 0; i < d->npages; i++) {
        char text[48];
        int len = snprintf(text, sizeof text, "%zu / %zu", i + 1, d->npages);
        double w = pdf_text_width(d, FONT_REGULAR, 8.0, text, (size_t)len);
        HPDF_Page page = d->pages[i];
        HPDF_Page_SetRGBFill(page, (HPDF_REAL)GREY.r, (HPDF_REAL)GREY.g, (HPDF_REAL)GREY.b);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, d->font[FONT_REGULAR], 8.0f);
        HPDF_Page_TextOut(page, (HPDF_REAL)(0.5 * (PDF_PAGE_W - w)), (HPDF_REAL)(0.5 * PDF_MARGIN),
                          text);
        HPDF_Page_EndText(page);
    }
}

int pdf_doc_save(pdf_doc *d, sbuf *out, rl_error *err)
{
    number_pages(d);
    if (pdf_doc_check(d, "numbering the pages", err) != 0)
        return -1;
    HPDF_SaveToStream(d->pdf);
    if (pdf_doc_check(d, "writing the pdf", err) != 0)
        return -1;
    /* Read exactly the stream's size: reading past its end raises
     * HPDF_STREAM_EOF through the error handler. */
    size_t size = HPDF_GetStreamSize(d->pdf), done = 0;
    sbuf pdf = {0};
    unsigned char chunk[65536];
    while (done < size && !pdf.failed && !d->failed) {
        HPDF_UINT32 n = (HPDF_UINT32)(size - done < sizeof chunk ? size - done : sizeof chunk);
        HPDF_ReadFromStream(d->pdf, chunk, &n);
        if (n == 0)
            break;
        sbuf_append(&pdf, chunk, n);
        done += n;
    }
    int rc = pdf_doc_check(d, "reading the pdf back", err);
    if (rc == 0 && (pdf.failed || done != size))
        rc = rl_error_set(err, "cannot read the finished pdf back from libharu");
    if (rc == 0)
        sbuf_append(out, pdf.data, pdf.len);
    sbuf_free(&pdf);
    return rc;
}
