/* pdf_text: inline Markdown (text, emphasis, strong, code, links, breaks)
 * as styled runs, and their word-wrapped layout in lines (internal to
 * doc/; see pdf_out.h). Runs point into the cmark tree, which must
 * outlive them. Paragraphs, list items and table cells all use this. */
#ifndef RENDER_PDF_TEXT_H
#define RENDER_PDF_TEXT_H

#include <cmark-gfm.h>
#include <stddef.h>

#include "pdf_doc.h"

typedef struct pdf_style {
    render_font_id font;
    double size;
    pdf_colour colour;
} pdf_style;

typedef struct pdf_run {
    const char *text; /* not NUL-terminated: len bytes */
    size_t len;
    pdf_style style;
    int hard_break; /* a line break before this run */
} pdf_run;

typedef struct pdf_runs {
    pdf_run *v;
    size_t n, cap;
    int failed;
} pdf_runs;

/* Appends the inline children of node, styled from base. */
void pdf_runs_add_inlines(pdf_runs *runs, cmark_node *node, pdf_style base);
/* Appends len bytes of text in style (used for code blocks and markers). */
void pdf_runs_add(pdf_runs *runs, const char *text, size_t len, pdf_style style);
void pdf_runs_free(pdf_runs *runs);

/* One piece of a laid-out line: bytes [start, start + len) of a run. */
typedef struct pdf_frag {
    size_t run, start, len;
    double x; /* from the line's left end */
} pdf_frag;

typedef struct pdf_line {
    size_t first, count; /* fragments */
    double width, height; /* height: leading of its largest font */
} pdf_line;

typedef struct pdf_layout {
    pdf_frag *frags;
    size_t nfrags, fcap;
    pdf_line *lines;
    size_t nlines, lcap;
    int failed;
} pdf_layout;

/* Breaks runs into lines no wider than width (a word wider than a whole
 * line is split between characters). Returns 0, or -1 out of memory. */
int pdf_layout_build(const pdf_doc *d, const pdf_runs *runs, double width, pdf_layout *out);
void pdf_layout_free(pdf_layout *l);
double pdf_layout_height(const pdf_layout *l);

/* Draws line i with its left end at x and its top at top. */
void pdf_layout_draw_line(pdf_doc *d, const pdf_runs *runs, const pdf_layout *l, size_t i, double x,
                          double top);

/* The widest word and the widest unbroken line, for fitting table columns. */
void pdf_runs_measure(const pdf_doc *d, const pdf_runs *runs, double *min_width,
                      double *natural_width);

#endif
