/* md_table: GitHub-flavoured Markdown pipe tables and inline escaping.
 *
 * The report's tables are built as Markdown text (report.md is itself an
 * output) and the HTML and PDF are rendered from that same text, so the three
 * can never disagree. Cell text is escaped: a '|' or '*' in a device name or
 * a --note must not break a table or start emphasis.
 */
#ifndef RENDER_MD_TABLE_H
#define RENDER_MD_TABLE_H

#include <stddef.h>

#include "sbuf.h"

typedef enum md_align { MD_LEFT, MD_RIGHT, MD_CENTER } md_align;

/* Appends text with Markdown's special characters backslash-escaped and
 * line breaks turned into spaces. */
void md_escape(sbuf *out, const char *text);

/* Appends the header row and the delimiter row of an ncols table. */
void md_table_header(sbuf *out, size_t ncols, const char *const *headers, const md_align *align);

/* Appends one body row; cells are escaped, a NULL cell prints as "–". */
void md_table_row(sbuf *out, size_t ncols, const char *const *cells);

/* As md_table_row, with every cell whose bit is set in strong (bit c for
 * column c) set in bold, as a whole: a table's verdict. A cell that is
 * bold as a whole is emphasised by the typesetter: tinted in the PDF
 * (pdf_table.h), marked in the HTML (html_out.h). */
#define MD_STRONG(col) (1u << (col))
void md_table_row_strong(sbuf *out, size_t ncols, const char *const *cells, unsigned strong);

#endif
