#include "pdf_text.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"

static const pdf_colour LINK_BLUE = {0.05, 0.3, 0.65};

void pdf_runs_add(pdf_runs *runs, const char *text, size_t len, pdf_style style)
{
    if (runs->n == runs->cap) {
        pdf_run *v = grow_array(runs->v, &runs->cap, sizeof *v, 2); /* most table cells are one run */
        if (v == NULL) {
            runs->failed = 1;
            return;
        }
        runs->v = v;
    }
    runs->v[runs->n++] = (pdf_run){text, len, style, 0};
}

static render_font_id with_bold(render_font_id f)
{
    return f == FONT_OBLIQUE ? FONT_BOLD_OBLIQUE : f == FONT_MONO ? FONT_MONO : FONT_BOLD;
}

static render_font_id with_oblique(render_font_id f)
{
    return f == FONT_BOLD ? FONT_BOLD_OBLIQUE : f == FONT_MONO ? FONT_MONO : FONT_OBLIQUE;
}

void pdf_runs_add_inlines(pdf_runs *runs, cmark_node *node, pdf_style base)
{
    for (cmark_node *c = cmark_node_first_child(node); c != NULL; c = cmark_node_next(c)) {
        pdf_style s = base;
        const char *lit = cmark_node_get_literal(c);
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_HTML_INLINE:
            pdf_runs_add(runs, lit, strlen(lit), s);
            break;
        case CMARK_NODE_CODE:
            s.font = FONT_MONO;
            s.size = base.size * 0.92; /* mono looks larger at the same size */
            pdf_runs_add(runs, lit, strlen(lit), s);
            break;
        case CMARK_NODE_SOFTBREAK:
            pdf_runs_add(runs, " ", 1, s);
            break;
        case CMARK_NODE_LINEBREAK:
            pdf_runs_add(runs, "", 0, s);
            if (!runs->failed)
                runs->v[runs->n - 1].hard_break = 1;
            break;
        case CMARK_NODE_EMPH:
            s.font = with_oblique(base.font);
            pdf_runs_add_inlines(runs, c, s);
            break;
        case CMARK_NODE_STRONG:
            s.font = with_bold(base.font);
            pdf_runs_add_inlines(runs, c, s);
            break;
        case CMARK_NODE_LINK:
            s.colour = LINK_BLUE;
            pdf_runs_add_inlines(runs, c, s);
            break;
        default: /* images inside text, extensions: their text content */
            pdf_runs_add_inlines(runs, c, s);
            break;
        }
    }
}

void pdf_runs_free(pdf_runs *runs)
{
    free(runs->v);
    memset(runs, 0, sizeof *runs);
}

/* A word piece: bytes of one run without spaces. */
typedef struct piece {
    size_t run, start, len;
    int space_before, break_before;
    int glued; /* one character after a space ("4.45 †"): no line starts with it */
    double width;
} piece;

typedef struct pieces {
    piece *v;
    size_t n, cap;
} pieces;

static int piece_add(pieces *p, piece x)
{
    if (p->n == p->cap) {
        piece *v = grow_array(p->v, &p->cap, sizeof *v, 64);
        if (v == NULL)
            return -1;
        p->v = v;
    }
    p->v[p->n++] = x;
    return 0;
}

/* Splits every run at spaces; a piece glued to the one before (no space
 * between, as in "**8**-bit") may not be broken from it, nor may a single
 * character after a space (a dagger, a unit sign): a line or a table cell
 * never opens with one alone. */
static int split_pieces(const pdf_doc *d, const pdf_runs *runs, pieces *out)
{
    int space = 0, brk = 0;
    for (size_t r = 0; r < runs->n; r++) {
        const pdf_run *run = &runs->v[r];
        brk |= run->hard_break;
        for (size_t i = 0; i < run->len;) {
            if (run->text[i] == ' ') {
                space = 1;
                i++;
                continue;
            }
            size_t j = i;
            while (j < run->len && run->text[j] != ' ')
                j++;
            size_t first_char = 1; /* bytes of the piece's first UTF-8 character */
            while (i + first_char < j && ((unsigned char)run->text[i + first_char] & 0xC0) == 0x80)
                first_char++;
            piece p = {r, i, j - i, space, brk, space && !brk && out->n > 0 && first_char == j - i, 0.0};
            p.width = pdf_text_width(d, run->style.font, run->style.size, run->text + i, j - i);
            if (piece_add(out, p) != 0)
                return -1;
            space = brk = 0;
            i = j;
        }
    }
    return 0;
}

static int frag_add(pdf_layout *l, pdf_frag f)
{
    if (l->nfrags == l->fcap) {
        pdf_frag *v = grow_array(l->frags, &l->fcap, sizeof *v, 4);
        if (v == NULL)
            return l->failed = 1, -1;
        l->frags = v;
    }
    l->frags[l->nfrags++] = f;
    return 0;
}

/* Closes the line made of the fragments since the last line. */
static void line_end(pdf_layout *l, const pdf_runs *runs, double width, double base_size)
{
    if (l->nlines == l->lcap) {
        pdf_line *v = grow_array(l->lines, &l->lcap, sizeof *v, 2);
        if (v == NULL) {
            l->failed = 1;
            return;
        }
        l->lines = v;
    }
    size_t first = l->nlines ? l->lines[l->nlines - 1].first + l->lines[l->nlines - 1].count : 0;
    double size = base_size;
    for (size_t i = first; i < l->nfrags; i++)
        if (runs->v[l->frags[i].run].style.size > size)
            size = runs->v[l->frags[i].run].style.size;
    l->lines[l->nlines++] = (pdf_line){first, l->nfrags - first, width, size * PDF_LEADING};
}

/* Bytes of a UTF-8 prefix of s[0..len) that fits in width (at least one
 * character, so an impossibly narrow line still advances). */
static size_t fitting_prefix(const pdf_doc *d, const pdf_style *st, const char *s, size_t len,
                             double width, unsigned long long *units)
{
    size_t fit = 0, i = 0;
    unsigned long long sum = 0; /* of s[0..fit): one character measured at a time */
    while (i < len) {
        size_t j = i + 1;
        while (j < len && ((unsigned char)s[j] & 0xC0) == 0x80)
            j++;
        unsigned long long more = pdf_text_units(d, st->font, s + i, j - i);
        if (fit > 0 && pdf_text_from_units(sum + more, st->size) > width)
            break;
        sum += more;
        fit = i = j;
    }
    *units = sum;
    return fit;
}

static double space_width(const pdf_doc *d, const pdf_runs *runs, const piece *p)
{
    const pdf_style *st = &runs->v[p->run].style;
    return pdf_text_width(d, st->font, st->size, " ", 1);
}

/* Lays out the word pieces p[w..e) glued together, starting at *x. */
static void place_word(const pdf_doc *d, const pdf_runs *runs, pdf_layout *l, piece *p, size_t w,
                       size_t e, double width, double *x)
{
    double base = runs->v[p[w].run].style.size;
    /* A single piece wider than a whole line: split it between characters;
     * its width in units is taken once, and each line's off it. */
    unsigned long long left = 0;
    int measured = 0;
    while (e == w + 1 && p[w].width > width && *x == 0.0) {
        const pdf_style *st = &runs->v[p[w].run].style;
        const char *s = runs->v[p[w].run].text + p[w].start;
        if (!measured) {
            left = pdf_text_units(d, st->font, s, p[w].len);
            measured = 1;
        }
        unsigned long long used;
        size_t n = fitting_prefix(d, st, s, p[w].len, width, &used);
        if (n >= p[w].len)
            break;
        frag_add(l, (pdf_frag){p[w].run, p[w].start, n, 0.0});
        line_end(l, runs, pdf_text_from_units(used, st->size), base);
        p[w].start += n;
        p[w].len -= n;
        left -= used;
        p[w].width = pdf_text_from_units(left, st->size);
    }
    for (size_t k = w; k < e; k++) {
        if (k > w && p[k].space_before) /* a glued character keeps its space */
            *x += space_width(d, runs, &p[k]);
        frag_add(l, (pdf_frag){p[k].run, p[k].start, p[k].len, *x});
        *x += p[k].width;
    }
}

int pdf_layout_build(const pdf_doc *d, const pdf_runs *runs, double width, pdf_layout *out)
{
    memset(out, 0, sizeof *out);
    pieces p = {0};
    if (split_pieces(d, runs, &p) != 0) {
        free(p.v);
        return -1;
    }
    double x = 0.0, base = runs->n ? runs->v[0].style.size : PDF_BODY_SIZE;
    for (size_t w = 0; w < p.n;) {
        size_t e = w + 1;
        double ww = p.v[w].width;
        while (e < p.n && !p.v[e].break_before && (!p.v[e].space_before || p.v[e].glued)) {
            ww += p.v[e].width + (p.v[e].space_before ? space_width(d, runs, &p.v[e]) : 0.0);
            e++;
        }
        const pdf_style *st = &runs->v[p.v[w].run].style;
        double gap = x > 0.0 && p.v[w].space_before ? pdf_text_width(d, st->font, st->size, " ", 1) : 0.0;
        if (p.v[w].break_before || (x > 0.0 && x + gap + ww > width)) {
            line_end(out, runs, x, base);
            x = gap = 0.0;
        }
        x += gap;
        place_word(d, runs, out, p.v, w, e, width, &x);
        w = e;
    }
    if (x > 0.0)
        line_end(out, runs, x, base);
    free(p.v);
    return out->failed ? -1 : 0;
}

void pdf_layout_free(pdf_layout *l)
{
    free(l->frags);
    free(l->lines);
    memset(l, 0, sizeof *l);
}

double pdf_layout_height(const pdf_layout *l)
{
    double h = 0.0;
    for (size_t i = 0; i < l->nlines; i++)
        h += l->lines[i].height;
    return h;
}

void pdf_layout_draw_line(pdf_doc *d, const pdf_runs *runs, const pdf_layout *l, size_t i, double x,
                          double top)
{
    const pdf_line *line = &l->lines[i];
    double baseline = top - line->height / PDF_LEADING; /* see PDF_LEADING: 1 em above */
    for (size_t k = line->first; k < line->first + line->count; k++) {
        const pdf_frag *f = &l->frags[k];
        const pdf_run *r = &runs->v[f->run];
        pdf_draw_text(d, r->style.font, r->style.size, r->style.colour, x + f->x, baseline,
                      r->text + f->start, f->len);
    }
}

void pdf_runs_measure(const pdf_doc *d, const pdf_runs *runs, double *min_width,
                      double *natural_width)
{
    *min_width = *natural_width = 0.0;
    pieces p = {0};
    if (split_pieces(d, runs, &p) != 0) {
        free(p.v);
        return;
    }
    double line = 0.0, word = 0.0;
    for (size_t k = 0; k < p.n; k++) {
        const pdf_style *st = &runs->v[p.v[k].run].style;
        if (p.v[k].break_before)
            line = 0.0;
        if ((p.v[k].space_before && !p.v[k].glued) || p.v[k].break_before)
            word = 0.0;
        if (p.v[k].space_before && p.v[k].glued)
            word += pdf_text_width(d, st->font, st->size, " ", 1);
        if (p.v[k].space_before && line > 0.0)
            line += pdf_text_width(d, st->font, st->size, " ", 1);
        word += p.v[k].width;
        line += p.v[k].width;
        *min_width = word > *min_width ? word : *min_width;
        *natural_width = line > *natural_width ? line : *natural_width;
    }
    free(p.v);
}
