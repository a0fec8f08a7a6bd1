/* pdf_table: a GFM table typeset (internal to doc/; see pdf_out.h).
 * Columns get their natural width when the table fits the text width, else
 * their widest word plus a share of the rest; text that still cannot fit
 * shrinks the table's font. Rows never split; the header row is repeated on
 * every page the table runs onto. A body cell bold as a whole (a verdict,
 * md_table_row_strong) is tinted. */
#ifndef RENDER_PDF_TABLE_H
#define RENDER_PDF_TABLE_H

#include <cmark-gfm.h>

#include "pdf_doc.h"
#include "rl_error.h"

#define PDF_TABLE_SIZE 7.5
#define PDF_TABLE_MIN_SIZE 5.0

int pdf_table_draw(pdf_doc *d, cmark_node *table, rl_error *err);

#endif
