#include "pdf_table.h"

#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>

#include "md_doc.h"
#include "pdf_text.h"

#define PAD 2.5 /* cell padding at PDF_TABLE_SIZE, points; it shrinks with the font */

static const pdf_colour INK = {0.1, 0.1, 0.1};
static const pdf_colour HEAD_FILL = {0.90, 0.93, 0.96};
static const pdf_colour ZEBRA = {0.965, 0.965, 0.965};
static const pdf_colour RULE = {0.55, 0.55, 0.55};
static const pdf_colour SEP = {0.82, 0.82, 0.82};
static const pdf_colour MARK = {1.0, 0.92, 0.70}; /* a verdict's cell */

typedef struct cell {
    pdf_runs runs;
    pdf_layout layout;
    int marked; /* a body cell bold as a whole (md_table_row_strong): tinted */
} cell;

typedef struct table {
    size_t nrows, ncols;
    int has_header;     /* row 0 is the header */
    const uint8_t *align; /* 'l', 'r', 'c' or 0 per column */
    cell *cells;        /* nrows * ncols */
    double *width;      /* per column, padding included */
    double *height;     /* per row */
    double pad;         /* cell padding, points */
} table;

static cell *at(const table *t, size_t r, size_t c)
{
    return &t->cells[r * t->ncols + c];
}

/* 1 when every piece of text in runs is bold (and there is some). */
static int all_bold(const pdf_runs *runs)
{
    int any = 0;
    for (size_t i = 0; i < runs->n; i++) {
        const pdf_run *r = &runs->v[i];
        int blank = 1;
        for (size_t k = 0; k < r->len && blank; k++)
            blank = r->text[k] == ' ';
        if (blank)
            continue;
        if (r->style.font != FONT_BOLD && r->style.font != FONT_BOLD_OBLIQUE)
            return 0;
        any = 1;
    }
    return any;
}

static int collect_cells(table *t, cmark_node *node)
{
    t->ncols = cmark_gfm_extensions_get_table_columns(node);
    t->align = cmark_gfm_extensions_get_table_alignments(node);
    for (cmark_node *row = cmark_node_first_child(node); row != NULL; row = cmark_node_next(row))
        t->nrows++;
    t->cells = calloc(t->nrows * t->ncols + 1, sizeof *t->cells);
    t->width = calloc(t->ncols + 1, sizeof *t->width);
    t->height = calloc(t->nrows + 1, sizeof *t->height);
    if (t->cells == NULL || t->width == NULL || t->height == NULL)
        return -1;
    size_t r = 0;
    for (cmark_node *row = cmark_node_first_child(node); row != NULL; row = cmark_node_next(row), r++) {
        int head = cmark_gfm_extensions_get_table_row_is_header(row);
        t->has_header |= r == 0 && head;
        pdf_style st = {head ? FONT_BOLD : FONT_REGULAR, PDF_TABLE_SIZE, INK};
        size_t c = 0;
        for (cmark_node *x = cmark_node_first_child(row); x != NULL && c < t->ncols; x = cmark_node_next(x), c++) {
            cell *cl = at(t, r, c);
            pdf_runs_add_inlines(&cl->runs, x, st);
            if (cl->runs.failed)
                return -1;
            cl->marked = !head && all_bold(&cl->runs);
        }
    }
    return 0;
}

/* The columns do not all fit at their natural width: each starts at its
 * widest word, and the room left goes first, whole, to the columns that
 * need least to reach their natural width, so as few columns as can wrap
 * at all; what is left then is shared by the rest in proportion to what
 * each lacks. width holds the natural widths on entry. */
static void share_out(table *t, const double *minw, double room)
{
    enum { MAX_SORT = 64 };
    size_t order[MAX_SORT], n = t->ncols < MAX_SORT ? t->ncols : MAX_SORT;
    for (size_t i = 0; i < n; i++) { /* by what each lacks, ascending */
        size_t j = i;
        while (j > 0 && t->width[order[j - 1]] - minw[order[j - 1]] > t->width[i] - minw[i]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    if (room < 0.0)
        room = 0.0;
    size_t k = 0;
    for (; k < n && t->width[order[k]] - minw[order[k]] <= room; k++)
        room -= t->width[order[k]] - minw[order[k]]; /* natural width, whole */
    double lack = 0.0;
    for (size_t q = k; q < n; q++)
        lack += t->width[order[q]] - minw[order[q]];
    for (size_t q = k; q < n; q++) {
        size_t c = order[q];
        t->width[c] = minw[c] + (lack > 0.0 ? room * (t->width[c] - minw[c]) / lack : 0.0);
    }
    for (size_t c = n; c < t->ncols; c++)
        t->width[c] = minw[c];
}

/* Column widths for the font size the runs have now; returns the sum of the
 * widest words (padding included), which may exceed avail. */
static double fit_columns(const pdf_doc *d, table *t, double avail)
{
    double sum_min = 0.0, sum_nat = 0.0;
    double *minw = calloc(t->ncols + 1, sizeof *minw);
    if (minw == NULL)
        return 0.0;
    for (size_t c = 0; c < t->ncols; c++) {
        double nat = 0.0;
        for (size_t r = 0; r < t->nrows; r++) {
            double mn, nt;
            pdf_runs_measure(d, &at(t, r, c)->runs, &mn, &nt);
            if (r == 0 && t->has_header)
                nt = mn; /* a header may wrap between its words; the body's cells set the width */
            minw[c] = mn > minw[c] ? mn : minw[c];
            nat = nt > nat ? nt : nat;
        }
        minw[c] += 2 * t->pad + 0.5; /* 0.5: rounding in the width sums */
        t->width[c] = nat + 2 * t->pad + 0.5;
        sum_min += minw[c];
        sum_nat += t->width[c];
    }
    if (sum_nat > avail)
        share_out(t, minw, avail - sum_min);
    free(minw);
    return sum_min;
}

static void scale_font(table *t, double factor)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        for (size_t k = 0; k < t->cells[i].runs.n; k++)
            t->cells[i].runs.v[k].style.size *= factor;
}

static int layout_cells(const pdf_doc *d, table *t)
{
    double avail = pdf_doc_width(d);
    t->pad = PAD;
    double sum_min = fit_columns(d, t, avail);
    if (sum_min > avail) {
        /* Text and padding shrink together, so the widest words fit. */
        double factor = avail / sum_min;
        if (factor * PDF_TABLE_SIZE < PDF_TABLE_MIN_SIZE)
            factor = PDF_TABLE_MIN_SIZE / PDF_TABLE_SIZE;
        scale_font(t, factor);
        t->pad = PAD * factor;
        fit_columns(d, t, avail);
    }
    return 0;
}

/* Row r's cells laid out in their columns, and its height. One row at a
 * time, when it is drawn: the layouts of every cell of a table of 100k
 * rows, kept together, were a gigabyte (issue 18). */
static int layout_row(const pdf_doc *d, table *t, size_t r)
{
    t->height[r] = PDF_TABLE_SIZE * PDF_LEADING * 0.5; /* an empty row stays visible */
    for (size_t c = 0; c < t->ncols; c++) {
        cell *x = at(t, r, c);
        if (pdf_layout_build(d, &x->runs, t->width[c] - 2 * t->pad, &x->layout) != 0)
            return -1;
        double h = pdf_layout_height(&x->layout);
        t->height[r] = h > t->height[r] ? h : t->height[r];
    }
    t->height[r] += 2 * t->pad;
    return 0;
}

/* Row r drawn: its layouts and runs are no longer needed (the header's
 * stay: it is drawn again on each page). */
static void row_done(table *t, size_t r)
{
    for (size_t c = 0; c < t->ncols; c++) {
        pdf_layout_free(&at(t, r, c)->layout);
        pdf_runs_free(&at(t, r, c)->runs);
    }
}

static void draw_cell(pdf_doc *d, const table *t, size_t r, size_t c, double x, double top)
{
    const cell *x_cell = at(t, r, c);
    double y = top - t->pad;
    uint8_t a = t->align != NULL ? t->align[c] : 0;
    for (size_t i = 0; i < x_cell->layout.nlines; i++) {
        const pdf_line *line = &x_cell->layout.lines[i];
        double free_w = t->width[c] - 2 * t->pad - line->width;
        double off = a == 'r' ? free_w : a == 'c' ? 0.5 * free_w : 0.0;
        pdf_layout_draw_line(d, &x_cell->runs, &x_cell->layout, i, x + t->pad + off, y);
        y -= line->height;
    }
}

static void draw_row(pdf_doc *d, const table *t, size_t r)
{
    double x = pdf_doc_left(d), top = d->y, h = t->height[r], total = 0.0;
    for (size_t c = 0; c < t->ncols; c++)
        total += t->width[c];
    int head = t->has_header && r == 0;
    if (head)
        pdf_fill_rect(d, HEAD_FILL, x, top - h, total, h);
    else if (r % 2 == 0)
        pdf_fill_rect(d, ZEBRA, x, top - h, total, h);
    for (size_t c = 0; c < t->ncols; c++) {
        if (at(t, r, c)->marked)
            pdf_fill_rect(d, MARK, x, top - h, t->width[c], h);
        if (c > 0)
            pdf_draw_line(d, SEP, 0.3, x, top, x, top - h);
        draw_cell(d, t, r, c, x, top);
        x += t->width[c];
    }
    x = pdf_doc_left(d);
    if (head || r == 0)
        pdf_draw_line(d, RULE, 0.8, x, top, x + total, top);
    pdf_draw_line(d, head || r + 1 == t->nrows ? RULE : SEP, head ? 0.6 : 0.4, x, top - h,
                  x + total, top - h);
    d->y = top - h;
}

static int draw_rows(pdf_doc *d, table *t)
{
    size_t first_body = t->has_header ? 1 : 0;
    if ((t->has_header && layout_row(d, t, 0) != 0) || (first_body < t->nrows && layout_row(d, t, first_body) != 0))
        return -1;
    double lead = first_body < t->nrows ? t->height[first_body] : 0.0;
    pdf_doc_room(d, (t->has_header ? t->height[0] : 0.0) + lead);
    if (t->has_header)
        draw_row(d, t, 0);
    for (size_t r = first_body; r < t->nrows; r++) {
        if (r > first_body && layout_row(d, t, r) != 0)
            return -1;
        if (d->y - t->height[r] < PDF_MARGIN) {
            pdf_doc_break(d, (t->has_header ? t->height[0] : 0.0) + t->height[r]);
            if (t->has_header)
                draw_row(d, t, 0);
        }
        draw_row(d, t, r);
        row_done(t, r);
    }
    return 0;
}

static void table_free(table *t)
{
    for (size_t i = 0; t->cells != NULL && i < t->nrows * t->ncols; i++) {
        pdf_runs_free(&t->cells[i].runs);
        pdf_layout_free(&t->cells[i].layout);
    }
    free(t->cells);
    free(t->width);
    free(t->height);
}

int pdf_table_draw(pdf_doc *d, cmark_node *node, rl_error *err)
{
    table t = {0};
    int rc = 0;
    if (collect_cells(&t, node) != 0 || layout_cells(d, &t) != 0 || draw_rows(d, &t) != 0)
        rc = rl_error_set(err, "out of memory typesetting a table");
    table_free(&t);
    d->y -= 8.0;
    return rc;
}
