#include "pdf_toc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/canvas_haru.h"
#include "md_doc.h"

#define TOC_SIZE 9.5
#define TOC_INDENT 14.0  /* level 3 under level 2 */
#define NUMBER_ROOM 24.0 /* right of the leaders: the widest page number */

static const pdf_colour INK = {0.1, 0.1, 0.1};
static const pdf_colour LEADER = {0.55, 0.55, 0.55};

static int listed(cmark_node *node)
{
    if (cmark_node_get_type(node) != CMARK_NODE_HEADING)
        return 0;
    int level = cmark_node_get_heading_level(node);
    return level == 2 || level == 3;
}

int pdf_toc_collect(pdf_toc *t, cmark_node *root)
{
    memset(t, 0, sizeof *t);
    size_t n = 0;
    for (cmark_node *c = cmark_node_first_child(root); c != NULL; c = cmark_node_next(c))
        n += listed(c);
    t->e = calloc(n + 1, sizeof *t->e);
    if (t->e == NULL)
        return -1;
    for (cmark_node *c = cmark_node_first_child(root); c != NULL; c = cmark_node_next(c)) {
        if (!listed(c))
            continue;
        sbuf b = {0};
        md_plain_text(c, &b);
        pdf_toc_entry *e = &t->e[t->n++];
        e->level = cmark_node_get_heading_level(c);
        e->title = sbuf_take(&b);
        if (e->title == NULL)
            return -1;
    }
    return 0;
}

void pdf_toc_free(pdf_toc *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->e[i].title);
    free(t->e);
    memset(t, 0, sizeof *t);
}

/* The longest prefix of title (whole characters) no wider than room: a
 * binary search over the character boundaries. Shortening a character at
 * a time, measuring the whole prefix each time, was quadratic: a heading
 * of 65k characters took 41 s (issue 18). Widths grow with the prefix. */
static size_t fitting_length(const pdf_doc *d, render_font_id font, const char *title, double room)
{
    size_t len = strlen(title);
    if (pdf_text_width(d, font, TOC_SIZE, title, len) <= room)
        return len;
    size_t *ends = malloc((len + 1) * sizeof *ends), n = 0; /* where each character ends */
    if (ends == NULL)
        return 0;
    for (size_t i = 1; i <= len; i++)
        if (i == len || ((unsigned char)title[i] & 0xC0) != 0x80)
            ends[n++] = i;
    size_t lo = 0, hi = n; /* ends[0, lo) fit, ends[hi, n) do not */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pdf_text_width(d, font, TOC_SIZE, title, ends[mid]) > room)
            hi = mid;
        else
            lo = mid + 1;
    }
    size_t fit = lo > 0 ? ends[lo - 1] : 0;
    free(ends);
    return fit;
}

void pdf_toc_draw(pdf_toc *t, pdf_doc *d)
{
    const double line = TOC_SIZE * PDF_LEADING, head = 13.0;
    pdf_doc_room(d, head * PDF_LEADING + 3.0 * line);
    pdf_draw_text(d, FONT_BOLD, head, INK, pdf_doc_left(d), d->y - head, "Contents", 8);
    d->y -= head * PDF_LEADING + 4.0;
    for (size_t i = 0; i < t->n; i++) {
        pdf_toc_entry *e = &t->e[i];
        render_font_id font = e->level == 2 ? FONT_BOLD : FONT_REGULAR;
        double x = pdf_doc_left(d) + (e->level == 3 ? TOC_INDENT : 0.0);
        double room = pdf_doc_left(d) + pdf_doc_width(d) - NUMBER_ROOM - x;
        /* One line each: a title too long for it is cut, never wrapped. */
        size_t len = fitting_length(d, font, e->title, room);
        pdf_doc_room(d, line);
        e->line_page = d->npages - 1;
        e->line_base = d->y - TOC_SIZE;
        e->line_end = x + pdf_text_width(d, font, TOC_SIZE, e->title, len);
        e->drawn = 1;
        pdf_draw_text(d, font, TOC_SIZE, INK, x, e->line_base, e->title, len);
        d->y -= line;
    }
    d->y -= 8.0;
}

void pdf_toc_heading(pdf_toc *t, const pdf_doc *d, int level)
{
    if ((level != 2 && level != 3) || t->next >= t->n)
        return;
    pdf_toc_entry *e = &t->e[t->next++];
    e->page = d->npages - 1;
    e->top = d->y;
    e->placed = 1;
}

/* The leaders and the page number of one contents line. */
static void number_line(pdf_doc *d, const pdf_toc_entry *e, HPDF_Page page)
{
    char num[24];
    int len = snprintf(num, sizeof num, "%zu", e->page + 1);
    double right = PDF_MARGIN + (PDF_PAGE_W - 2.0 * PDF_MARGIN);
    double w = pdf_text_width(d, FONT_REGULAR, TOC_SIZE, num, (size_t)len);
    double dot = pdf_text_width(d, FONT_REGULAR, TOC_SIZE, ".", 1), gap = 3.0 * dot;
    /* Dots on a grid shared by every line, so they line up down the page. */
    double x0 = (double)(long)((e->line_end + 4.0) / gap + 1.0) * gap;
    HPDF_Page_SetRGBFill(page, (HPDF_REAL)LEADER.r, (HPDF_REAL)LEADER.g, (HPDF_REAL)LEADER.b);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, d->font[FONT_REGULAR], (HPDF_REAL)TOC_SIZE);
    for (double x = x0; x + dot < right - w - 4.0; x += gap)
        HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)e->line_base, ".");
    HPDF_Page_SetRGBFill(page, (HPDF_REAL)INK.r, (HPDF_REAL)INK.g, (HPDF_REAL)INK.b);
    HPDF_Page_TextOut(page, (HPDF_REAL)(right - w), (HPDF_REAL)e->line_base, num);
    HPDF_Page_EndText(page);
}

static HPDF_Destination destination(pdf_doc *d, const pdf_toc_entry *e)
{
    HPDF_Destination dst = HPDF_Page_CreateDestination(d->pages[e->page]);
    if (dst != NULL)
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)(e->top + 6.0)); /* zoom as the reader has it */
    return dst;
}

void pdf_toc_finish(pdf_toc *t, pdf_doc *d)
{
    HPDF_Outline parent = NULL;
    if (t->n > 0) /* a reader opens the file with its bookmarks showing */
        HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    for (size_t i = 0; i < t->n && !d->failed; i++) {
        const pdf_toc_entry *e = &t->e[i];
        if (!e->placed)
            continue;
        HPDF_Destination dst = destination(d, e);
        if (e->drawn) {
            HPDF_Page page = d->pages[e->line_page];
            number_line(d, e, page);
            HPDF_Rect r = {(HPDF_REAL)PDF_MARGIN, (HPDF_REAL)(e->line_base - 3.0),
                           (HPDF_REAL)(PDF_PAGE_W - PDF_MARGIN),
                           (HPDF_REAL)(e->line_base + TOC_SIZE)};
            HPDF_Annotation link = HPDF_Page_CreateLinkAnnot(page, r, dst);
            if (link != NULL)
                HPDF_LinkAnnot_SetBorderStyle(link, 0, 0, 0);
        }
        /* Bookmarks: level 3 under the level 2 before it. */
        static char cut[CANVAS_HARU_MAX_STRING + 8];
        HPDF_Outline o = HPDF_CreateOutline(d->pdf, e->level == 3 ? parent : NULL,
                                            canvas_haru_fit(e->title, strlen(e->title), cut, sizeof cut),
                                            HPDF_GetEncoder(d->pdf, "UTF-8"));
        if (o != NULL) {
            HPDF_Outline_SetDestination(o, dst);
            HPDF_Outline_SetOpened(o, HPDF_TRUE);
        }
        if (e->level == 2)
            parent = o;
    }
}
