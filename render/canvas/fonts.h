/* fonts: where render finds its TrueType fonts (DejaVu Sans).
 *
 * The folder is --fonts DIR, else $RL_FONT_DIR, else
 * /usr/share/fonts/truetype/dejavu. Every file is checked (it opens and
 * starts like a TrueType font) before any output is made, so a missing font
 * is one clear error up front, never a half-typeset PDF. The chart uses
 * regular and bold; the PDF all five.
 */
#ifndef RENDER_FONTS_H
#define RENDER_FONTS_H

#include "rl_error.h"

#define RENDER_FONT_DIR_DEFAULT "/usr/share/fonts/truetype/dejavu"

typedef enum render_font_id {
    FONT_REGULAR,
    FONT_BOLD,
    FONT_OBLIQUE,
    FONT_BOLD_OBLIQUE,
    FONT_MONO,
    FONT_COUNT
} render_font_id;

typedef struct render_fonts {
    char *path[FONT_COUNT]; /* owned */
} render_fonts;

/* dir may be NULL (then the environment or the default decides). */
int render_fonts_find(const char *dir, render_fonts *f, rl_error *err);
void render_fonts_free(render_fonts *f);

#endif
