/* cairo_font: a cairo font face made from one TrueType file.
 *
 * cairo's own font selection asks fontconfig for a family name and may
 * substitute another font; a report must print with the file the user named
 * (--fonts), so the face is loaded with FreeType from that path.
 */
#ifndef RENDER_CAIRO_FONT_H
#define RENDER_CAIRO_FONT_H

#include <cairo.h>

#include "rl_error.h"

/* A new face (release with cairo_font_face_destroy), or NULL with err set. */
cairo_font_face_t *cairo_font_load(const char *path, rl_error *err);

#endif
