#include "md_table.h"

#include <string.h>

/* The characters that can start inline markup, break a table cell or open
 * raw HTML or an entity. */
static const char MD_SPECIAL[] = "\\`*_[]<>|~&!#";

void md_escape(sbuf *out, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t') {
            sbuf_puts(out, " ");
            continue;
        }
        if (strchr(MD_SPECIAL, *p) != NULL)
            sbuf_puts(out, "\\");
        sbuf_append(out, p, 1);
    }
}

static const char *delimiter(md_align a)
{
    switch (a) {
    case MD_RIGHT:
        return " ---: |";
    case MD_CENTER:
        return " :---: |";
    case MD_LEFT:
        break;
    }
    return " --- |";
}

void md_table_header(sbuf *out, size_t ncols, const char *const *headers, const md_align *align)
{
    sbuf_puts(out, "|");
    for (size_t c = 0; c < ncols; c++) {
        sbuf_puts(out, " ");
        md_escape(out, headers[c]);
        sbuf_puts(out, " |");
    }
    sbuf_puts(out, "\n|");
    for (size_t c = 0; c < ncols; c++)
        sbuf_puts(out, delimiter(align != NULL ? align[c] : MD_LEFT));
    sbuf_puts(out, "\n");
}

void md_table_row_strong(sbuf *out, size_t ncols, const char *const *cells, unsigned strong)
{
    sbuf_puts(out, "|");
    for (size_t c = 0; c < ncols; c++) {
        int bold = c < 32 && (strong & MD_STRONG(c)) && cells[c] != NULL && cells[c][0] != '\0';
        sbuf_puts(out, bold ? " **" : " ");
        if (cells[c] != NULL && cells[c][0] != '\0')
            md_escape(out, cells[c]);
        else
            sbuf_puts(out, "–");
        sbuf_puts(out, bold ? "** |" : " |");
    }
    sbuf_puts(out, "\n");
}

void md_table_row(sbuf *out, size_t ncols, const char *const *cells)
{
    md_table_row_strong(out, ncols, cells, 0);
}
