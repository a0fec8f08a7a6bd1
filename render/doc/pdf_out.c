/* The block walk: one function per kind of Markdown block. */
#include "pdf_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/canvas_haru.h"
#include "pdf_doc.h"
#include "pdf_table.h"
#include "pdf_text.h"
#include "pdf_toc.h"

#define LIST_INDENT 14.0
#define QUOTE_INDENT 12.0
#define PARA_GAP 6.0
#define CODE_SIZE 8.0

static const pdf_colour INK = {0.1, 0.1, 0.1};
static const pdf_colour QUOTE_BAR = {0.79, 0.64, 0.15};
static const pdf_colour CODE_FILL = {0.95, 0.95, 0.95};
static const pdf_colour RULE = {0.7, 0.7, 0.7};
static const double HEADING_SIZE[] = {0.0, 17.0, 13.0, 11.0, 10.0, 10.0, 10.0};

#define CAPTION_SIZE 8.5
#define MAX_FLOATS 16

/* A figure held back for the top of the next page (a float). */
typedef struct held_figure {
    cmark_node *image, *caption; /* caption NULL: none */
} held_figure;

typedef struct walker {
    pdf_doc *d;
    const pdf_out_options *opt;
    rl_error *err;
    pdf_toc toc;
    held_figure held[MAX_FLOATS];
    size_t nheld;
    int placing; /* putting held figures on a new page: no nesting */
    int rc;      /* the first error of a figure placed from the page hook */
} walker;

static int blocks(walker *w, cmark_node *parent, int tight);

/* Bars of the open block quotes and a pending list marker, beside a line. */
static void line_decorations(pdf_doc *d, const pdf_layout *l, size_t i, double top)
{
    for (int q = 0; q < d->quote_depth && q < 8; q++)
        pdf_draw_line(d, QUOTE_BAR, 2.5, d->quote_x[q], top, d->quote_x[q],
                      top - l->lines[i].height);
    if (d->marker != NULL && i == 0) {
        double size = l->lines[0].height / PDF_LEADING;
        double mw = pdf_text_width(d, FONT_REGULAR, size, d->marker, strlen(d->marker));
        pdf_draw_text(d, FONT_REGULAR, size, INK, pdf_doc_left(d) - 4.0 - mw, top - size, d->marker,
                      strlen(d->marker));
        d->marker = NULL;
    }
}

/* How many of the lines from first on fit above the bottom margin, the
 * first with keep points more below it. */
static size_t lines_that_fit(const pdf_doc *d, const pdf_layout *l, size_t first, double keep)
{
    double y = d->y - (first == 0 ? keep : 0.0);
    size_t n = 0;
    while (first + n < l->nlines && y - l->lines[first + n].height >= PDF_MARGIN - 1e-9)
        y -= l->lines[first + n++].height;
    return n;
}

/* Draws runs word-wrapped at the current indent, breaking pages between
 * lines; keep is extra room wanted below the first line (headings). No
 * line of a paragraph stands alone at the foot or the head of a page: a
 * break would leave the first line alone, so the paragraph starts on the
 * next page; it would carry the last line alone, so one more line goes
 * with it (a paragraph of two or three lines then moves whole). */
static int text_block(walker *w, const pdf_runs *runs, double keep)
{
    pdf_doc *d = w->d;
    pdf_layout l = {0};
    if (runs->failed || pdf_layout_build(d, runs, pdf_doc_width(d), &l) != 0) {
        pdf_layout_free(&l);
        return rl_error_set(w->err, "out of memory typesetting a paragraph");
    }
    for (size_t i = 0; i < l.nlines;) {
        size_t take = lines_that_fit(d, &l, i, keep), rest = l.nlines - i;
        if (take < rest) {
            if (rest - take == 1 && take > 0)
                take--; /* no widow: the last line never goes over alone */
            if (i == 0 && take == 1 && rest > 1)
                take = 0; /* no orphan: the first line never stays alone */
            if (take == 0 && pdf_doc_page_empty(d))
                take = 1; /* a line taller than a page: drawn anyway */
        }
        if (take == 0) {
            pdf_doc_break(d, l.lines[i].height + (i == 0 ? keep : 0.0));
            continue;
        }
        for (size_t k = 0; k < take; k++, i++) {
            line_decorations(d, &l, i, d->y);
            pdf_layout_draw_line(d, runs, &l, i, pdf_doc_left(d), d->y);
            d->y -= l.lines[i].height;
        }
        if (i < l.nlines)
            pdf_doc_break(d, l.lines[i].height);
    }
    pdf_layout_free(&l);
    return 0;
}

/* A figure's drawing, its scale and its height in points: as wide as the
 * text, or smaller when that would be taller than a page. */
static int figure_geometry(walker *w, cmark_node *image, pdf_figure *fig, double *scale, double *height)
{
    const char *url = cmark_node_get_url(image);
    memset(fig, 0, sizeof *fig);
    if (w->opt->figures == NULL)
        return rl_error_set(w->err, "no figures available for %s", url);
    if (w->opt->figures(w->opt->figures_ctx, url, fig, w->err) != 0)
        return -1;
    *scale = pdf_doc_width(w->d) / fig->width;
    double page_room = PDF_PAGE_H - 2.0 * PDF_MARGIN - 4.0;
    if (fig->height * *scale > page_room)
        *scale = page_room / fig->height;
    *height = fig->height * *scale;
    return 0;
}

static void caption_runs(cmark_node *caption, pdf_runs *runs)
{
    pdf_runs_add_inlines(runs, caption, (pdf_style){FONT_REGULAR, CAPTION_SIZE, INK});
}

/* The height a figure and its caption take, gaps included. */
static int figure_height(walker *w, const held_figure *f, double *height)
{
    pdf_figure fig;
    double scale, h;
    if (figure_geometry(w, f->image, &fig, &scale, &h) != 0)
        return -1;
    *height = h + PARA_GAP;
    if (f->caption != NULL) {
        pdf_runs runs = {0};
        pdf_layout l = {0};
        caption_runs(f->caption, &runs);
        int rc = runs.failed || pdf_layout_build(w->d, &runs, pdf_doc_width(w->d), &l) != 0 ? -1 : 0;
        *height += pdf_layout_height(&l) + PARA_GAP;
        pdf_layout_free(&l);
        pdf_runs_free(&runs);
        if (rc != 0)
            return rl_error_set(w->err, "out of memory typesetting a caption");
    }
    return 0;
}

/* Draws a figure at the current position as vectors, then its caption. */
static int draw_figure(walker *w, const held_figure *f)
{
    pdf_doc *d = w->d;
    pdf_figure fig;
    double scale, height;
    if (figure_geometry(w, f->image, &fig, &scale, &height) != 0)
        return -1;
    pdf_doc_room(d, height + 4.0);
    canvas c;
    canvas_haru ch;
    canvas_haru_begin(&c, &ch, d->pdf, pdf_doc_page(d), d->font[FONT_REGULAR], d->font[FONT_BOLD],
                      pdf_doc_left(d), d->y, scale);
    fig.draw(&c, fig.arg, fig.id);
    canvas_haru_end(&ch);
    d->y -= height + PARA_GAP;
    char what[300];
    snprintf(what, sizeof what, "drawing figure %.200s", cmark_node_get_url(f->image));
    if (pdf_doc_check(d, what, w->err) != 0)
        return -1;
    if (f->caption == NULL)
        return 0;
    pdf_runs runs = {0};
    caption_runs(f->caption, &runs);
    int rc = text_block(w, &runs, 0.0);
    pdf_runs_free(&runs);
    d->y -= PARA_GAP;
    return rc;
}

/* The page hook: the held figures, in order, at the top of a new page, as
 * many as fit on it (the first always does: the page is empty). */
static void place_held(void *ctx)
{
    walker *w = ctx;
    if (w->placing || w->nheld == 0 || w->rc != 0)
        return;
    w->placing = 1;
    while (w->nheld > 0 && w->rc == 0) {
        double h;
        if (figure_height(w, &w->held[0], &h) != 0) {
            w->rc = -1;
            break;
        }
        if (!pdf_doc_page_empty(w->d) && w->d->y - h < PDF_MARGIN)
            break;
        held_figure f = w->held[0];
        memmove(&w->held[0], &w->held[1], (w->nheld - 1) * sizeof w->held[0]);
        w->nheld--;
        w->rc = draw_figure(w, &f);
    }
    w->placing = 0;
}

/* Every held figure placed, on as many new pages as they take: before a
 * section's heading and at the end, so no figure drifts out of its
 * section. */
static int place_all_held(walker *w)
{
    while (w->nheld > 0 && w->rc == 0 && !w->d->failed && !w->d->out_of_memory)
        pdf_doc_new_page(w->d);
    return w->rc;
}

/* A figure (with its caption, the paragraph right after it, when there is
 * one) goes where the text is when it fits there and no figure is held
 * back; else it floats to the top of the next page, and the text after it
 * fills the rest of this one. */
static int figure(walker *w, cmark_node *image, cmark_node *caption)
{
    held_figure f = {image, caption};
    double h;
    if (figure_height(w, &f, &h) != 0)
        return -1;
    if (w->nheld == 0 && (w->d->y - h >= PDF_MARGIN || pdf_doc_page_empty(w->d)))
        return draw_figure(w, &f);
    if (w->nheld == MAX_FLOATS && place_all_held(w) != 0)
        return -1;
    w->held[w->nheld++] = f;
    return 0;
}

static int lone_image(cmark_node *para)
{
    cmark_node *c = cmark_node_first_child(para);
    return c != NULL && cmark_node_next(c) == NULL && cmark_node_get_type(c) == CMARK_NODE_IMAGE;
}

/* The caption of the figure in para: the next block, when it is a
 * paragraph and not a figure itself; else NULL. */
static cmark_node *caption_of(cmark_node *para)
{
    cmark_node *next = cmark_node_next(para);
    return next != NULL && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH && !lone_image(next) ? next : NULL;
}

static int paragraph(walker *w, cmark_node *node, int tight)
{
    if (lone_image(node))
        return figure(w, cmark_node_first_child(node), caption_of(node));
    pdf_runs runs = {0};
    pdf_runs_add_inlines(&runs, node, (pdf_style){FONT_REGULAR, PDF_BODY_SIZE, INK});
    int rc = text_block(w, &runs, 0.0);
    pdf_runs_free(&runs);
    w->d->y -= tight ? 1.5 : PARA_GAP;
    return rc;
}

static int heading(walker *w, cmark_node *node)
{
    pdf_doc *d = w->d;
    int level = cmark_node_get_heading_level(node);
    if (level <= 2 && place_all_held(w) != 0)
        return -1;
    double size = HEADING_SIZE[level >= 1 && level <= 6 ? level : 6];
    if (d->y < PDF_PAGE_H - PDF_MARGIN)
        d->y -= level <= 2 ? 10.0 : 6.0;
    pdf_runs runs = {0};
    pdf_runs_add_inlines(&runs, node, (pdf_style){FONT_BOLD, size, INK});
    /* Keep a heading with the first lines of what it heads (or a table's
     * header and first rows); the same room text_block asks for its first
     * line, asked here first so the contents learn the heading's page. */
    double keep = 6.0 * PDF_BODY_SIZE * PDF_LEADING;
    pdf_doc_room(d, size * PDF_LEADING + keep);
    pdf_toc_heading(&w->toc, d, level);
    int rc = text_block(w, &runs, keep);
    pdf_runs_free(&runs);
    if (level <= 2)
        pdf_draw_line(d, RULE, level == 1 ? 1.0 : 0.5, pdf_doc_left(d), d->y - 1.5,
                      pdf_doc_left(d) + pdf_doc_width(d), d->y - 1.5);
    d->y -= level <= 2 ? 7.0 : 4.0;
    return rc;
}

static int list(walker *w, cmark_node *node)
{
    pdf_doc *d = w->d;
    int ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    int number = cmark_node_get_list_start(node);
    int tight = cmark_node_get_list_tight(node);
    char marker[24];
    for (cmark_node *item = cmark_node_first_child(node); item != NULL; item = cmark_node_next(item)) {
        if (ordered)
            snprintf(marker, sizeof marker, "%d.", number++);
        else
            snprintf(marker, sizeof marker, "\u2022");
        d->indent += LIST_INDENT;
        d->marker = marker;
        int rc = blocks(w, item, tight);
        d->marker = NULL;
        d->indent -= LIST_INDENT;
        if (rc != 0)
            return rc;
    }
    /* A tight list's items sit close; the list as a whole is a paragraph
     * apart from what follows, unless it is nested in an item. */
    cmark_node *parent = cmark_node_parent(node);
    if (tight && (parent == NULL || cmark_node_get_type(parent) != CMARK_NODE_ITEM))
        d->y -= PARA_GAP - 1.5;
    return 0;
}

static int quote(walker *w, cmark_node *node)
{
    pdf_doc *d = w->d;
    if (d->quote_depth < 8)
        d->quote_x[d->quote_depth] = pdf_doc_left(d) + 2.0;
    d->quote_depth++;
    d->indent += QUOTE_INDENT;
    int rc = blocks(w, node, 0);
    d->indent -= QUOTE_INDENT;
    d->quote_depth--;
    return rc;
}

/* Code keeps its spaces: each becomes a no-break space (U+00A0), so the
 * line breaker splits an overlong line between characters, not at them. */
static int code_block(walker *w, cmark_node *node)
{
    pdf_doc *d = w->d;
    const char *lit = cmark_node_get_literal(node);
    size_t n = strlen(lit);
    char *text = malloc(2 * n + 1);
    if (text == NULL)
        return rl_error_set(w->err, "out of memory typesetting a code block");
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (lit[i] == ' ') {
            text[len++] = (char)0xC2;
            text[len++] = (char)0xA0;
        } else {
            text[len++] = lit[i];
        }
    }
    pdf_runs runs = {0};
    pdf_style st = {FONT_MONO, CODE_SIZE, INK};
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        pdf_runs_add(&runs, text + i, j - i, st);
        if (!runs.failed && runs.n > 1)
            runs.v[runs.n - 1].hard_break = 1;
        i = j + 1;
    }
    d->indent += 4.0;
    pdf_layout l = {0};
    int rc = runs.failed || pdf_layout_build(d, &runs, pdf_doc_width(d) - 4.0, &l) != 0 ? -1 : 0;
    for (size_t i = 0; rc == 0 && i < l.nlines; i++) {
        pdf_doc_room(d, l.lines[i].height);
        pdf_fill_rect(d, CODE_FILL, pdf_doc_left(d) - 4.0, d->y - l.lines[i].height,
                      pdf_doc_width(d) + 4.0, l.lines[i].height);
        pdf_layout_draw_line(d, &runs, &l, i, pdf_doc_left(d), d->y);
        d->y -= l.lines[i].height;
    }
    d->indent -= 4.0;
    d->y -= PARA_GAP;
    pdf_layout_free(&l);
    pdf_runs_free(&runs);
    free(text);
    return rc == 0 ? 0 : rl_error_set(w->err, "out of memory typesetting a code block");
}

static int block(walker *w, cmark_node *node, int tight)
{
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
        return paragraph(w, node, tight);
    case CMARK_NODE_HEADING:
        return heading(w, node);
    case CMARK_NODE_LIST:
        return list(w, node);
    case CMARK_NODE_BLOCK_QUOTE:
        return quote(w, node);
    case CMARK_NODE_CODE_BLOCK:
        return code_block(w, node);
    case CMARK_NODE_HTML_BLOCK:
        if (md_is_contents_marker(node))
            pdf_toc_draw(&w->toc, w->d);
        return 0;
    case CMARK_NODE_THEMATIC_BREAK:
        pdf_doc_room(w->d, 12.0);
        pdf_draw_line(w->d, RULE, 0.6, pdf_doc_left(w->d), w->d->y - 6.0,
                      pdf_doc_left(w->d) + pdf_doc_width(w->d), w->d->y - 6.0);
        w->d->y -= 12.0;
        return 0;
    default:
        break;
    }
    if (md_is(node, "table"))
        return pdf_table_draw(w->d, node, w->err);
    return 0; /* raw HTML and unknown blocks: not typeset, as in the HTML */
}

static int blocks(walker *w, cmark_node *parent, int tight)
{
    for (cmark_node *c = cmark_node_first_child(parent); c != NULL; c = cmark_node_next(c)) {
        if (block(w, c, tight) != 0 || w->rc != 0)
            return -1;
        if (pdf_doc_check(w->d, "typesetting the report", w->err) != 0)
            return -1;
        if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH && lone_image(c) && caption_of(c) != NULL)
            c = cmark_node_next(c); /* its caption went with it */
    }
    return 0;
}

int pdf_out_write(const md_doc *doc, const pdf_out_options *opt, sbuf *out, rl_error *err)
{
    pdf_doc d;
    int rc = pdf_doc_open(&d, opt->fonts, opt->title, opt->draft, err);
    walker w = {.d = &d, .opt = opt, .err = err};
    d.on_new_page = place_held;
    d.page_ctx = &w;
    if (rc == 0 && pdf_toc_collect(&w.toc, doc->root) != 0)
        rc = rl_error_set(err, "out of memory listing the report's headings");
    if (rc == 0)
        rc = blocks(&w, doc->root, 0);
    if (rc == 0)
        rc = place_all_held(&w);
    if (rc == 0) {
        pdf_toc_finish(&w.toc, &d);
        rc = pdf_doc_check(&d, "adding the contents and bookmarks", err);
    }
    if (rc == 0)
        rc = pdf_doc_save(&d, out, err);
    pdf_toc_free(&w.toc);
    pdf_doc_close(&d);
    return rc;
}
