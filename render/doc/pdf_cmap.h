/* pdf_cmap: a correct ToUnicode CMap for the report's fonts (internal to
 * doc/; called by pdf_doc.c when it loads a font).
 *
 * libharu 2.3.0 gives a font with the UTF-8 encoder a copy of its encoding
 * CMap as ToUnicode: one cidrange "<0000> <FFFF> 0", which maps every code
 * to CID 0. A ToUnicode CMap may hold only bfchar and bfrange mappings, so
 * poppler prints "Invalid 'begincidrange' operator in ToUnicode CMap" for
 * every font of every page it reads, and preflight tools flag the file.
 * With that encoder a code in a content stream is the character's own code
 * point (U+0000 to U+FFFF, two bytes), so the right CMap maps each code to
 * itself; pdf_cmap_fix writes that one in place of libharu's.
 */
#ifndef RENDER_PDF_CMAP_H
#define RENDER_PDF_CMAP_H

#include <hpdf.h>

/* Replaces the content of font's ToUnicode stream, when it has one, by the
 * identity map of the Basic Multilingual Plane (surrogates left out).
 * Errors go through the document's libharu error handler, like every
 * other libharu call (pdf_doc_check). */
void pdf_cmap_fix(HPDF_Font font);

#endif
