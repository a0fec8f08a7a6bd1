/* html_svg: an SVG file made fit to sit inside an HTML document (internal
 * to doc/; see html_out.h).
 *
 * A document may hold many SVGs, and every cairo SVG names its glyphs and
 * clips alike ("glyph0-1", "clip1"): inlined as they are, the second
 * figure would draw with the first one's glyphs. html_svg_inline appends
 * svg (len bytes) to out without its XML declaration, every id="X" turned
 * into id="<prefix>X" and every reference to one (href="#X",
 * xlink:href="#X", url(#X)) turned alike, and the <svg> element given
 * role="img" and the class "figure". Returns 0, or -1 when svg holds no
 * <svg element (nothing is appended). */
#ifndef RENDER_HTML_SVG_H
#define RENDER_HTML_SVG_H

#include <stddef.h>

#include "sbuf.h"

int html_svg_inline(const char *svg, size_t len, const char *prefix, sbuf *out);

#endif
