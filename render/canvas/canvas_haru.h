/* canvas_haru: the canvas (canvas.h) drawn with libharu straight into a
 * page of a PDF, so a chart in the report stays vector graphics (lines,
 * glyphs) at any zoom instead of an embedded raster image.
 *
 * A chart drawn in its own points lands on the page scaled by `scale` with
 * its top left corner at page point (ox, oy) (libharu's page coordinates:
 * from the bottom left, y upwards). Text uses the PDF's own embedded fonts
 * (DejaVu, loaded from the same files as the cairo backend) and measures
 * with their advance widths, so labels are placed as in the PNG and SVG.
 *
 * begin saves the page's graphics state and end restores it, so nothing of
 * the chart's colours, widths or clips leaks into the text after it. The
 * caller owns the document, page and fonts; the canvas owns nothing.
 * libharu reports errors through the document's handler, as everywhere.
 */
#ifndef RENDER_CANVAS_HARU_H
#define RENDER_CANVAS_HARU_H

#include <hpdf.h>

#include "canvas.h"

#define CANVAS_HARU_DEPTH 8  /* nested clips */
#define CANVAS_HARU_ALPHAS 8 /* distinct translucent alphas per chart */

typedef struct canvas_haru_state {
    canvas_colour colour;
    double width;
    double dash[8];
    int ndash;
    double alpha_set; /* alpha of the ExtGState in force; 1 at the start */
} canvas_haru_state;

typedef struct canvas_haru {
    HPDF_Doc pdf;
    HPDF_Page page;
    HPDF_Font fonts[2]; /* indexed by canvas_font */
    double ox, oy, scale;
    canvas_haru_state now;
    canvas_haru_state saved[CANVAS_HARU_DEPTH];
    int depth;
    HPDF_ExtGState alpha_gs[CANVAS_HARU_ALPHAS];
    double alpha_of[CANVAS_HARU_ALPHAS];
    int nalpha;
} canvas_haru;

/* libharu refuses a string past 65535 bytes (HPDF_LIMIT_MAX_STRING_LEN)
 * with an error that named neither the file nor the field (issue 18: a
 * device name of 70,000 characters became the PDF's title). Every string
 * handed to it goes through canvas_haru_fit: at most
 * CANVAS_HARU_MAX_STRING bytes, cut at a character and ended with "…" when
 * cut. No page, bookmark or title shows that much text: what is cut is
 * never seen. Returns the copy in buf (size bytes) or s itself when it
 * fits and is already terminated at len. */
#define CANVAS_HARU_MAX_STRING 65000
const char *canvas_haru_fit(const char *s, size_t len, char *buf, size_t size);

/* Points c at the libharu functions and state at st (which must outlive c)
 * and saves the page's graphics state. */
void canvas_haru_begin(canvas *c, canvas_haru *st, HPDF_Doc pdf, HPDF_Page page, HPDF_Font regular,
                       HPDF_Font bold, double ox, double oy, double scale);
/* Undoes clips the chart left open and restores the page's graphics state. */
void canvas_haru_end(canvas_haru *st);

#endif
