/* canvas_cairo: the canvas (canvas.h) drawn with cairo, on any surface
 * (image for PNG, SVG). The caller owns the cairo context and the font faces
 * and keeps them alive while the canvas is used; the canvas owns nothing. */
#ifndef RENDER_CANVAS_CAIRO_H
#define RENDER_CANVAS_CAIRO_H

#include <cairo.h>

#include "canvas.h"

typedef struct canvas_cairo {
    cairo_t *cr;
    cairo_font_face_t *faces[2]; /* indexed by canvas_font */
} canvas_cairo;

/* Points c at the cairo functions and state at st (which must outlive c). */
void canvas_cairo_init(canvas *c, canvas_cairo *st, cairo_t *cr, cairo_font_face_t *regular,
                       cairo_font_face_t *bold);

#endif
