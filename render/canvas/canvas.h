/* canvas: the one drawing interface of the charts. This header is also the
 * contract of its room, render/canvas/, which includes no other room.
 *
 * Takes drawing calls in page points and draws them with cairo or libharu
 * (the backends, below). The room also holds fonts.h (where the TrueType
 * files are), cairo_font.h (a cairo face from one file) and png_encode.h (a
 * drawn image as PNG bytes).
 * Who frees: the caller owns a backend's state, its cairo context or PDF
 * page and its fonts, and keeps them alive while the canvas is in use; a
 * canvas owns nothing. render_fonts_free releases fonts.h's paths,
 * cairo_font_face_destroy a face; PNG bytes go into the caller's sbuf.
 * Errors: a drawing call returns nothing: cairo keeps an error in its
 * context, which the owner checks once after drawing, and libharu calls its
 * document's handler. The other calls return 0 (or a pointer), or -1 (NULL)
 * with an rl_error set.
 *
 * Chart code draws only through these calls, in page coordinates: points
 * (1/72 in), origin at the top left, y growing downwards. A backend
 * (canvas_cairo.h for PNG, SVG and PDF files; canvas_haru.h for the report
 * PDF) fills in the function pointers and keeps its state in impl; chart
 * code never asks which backend it draws on. Every backend joins lines
 * round, caps them flat, measures text with the same TrueType file and no
 * hinting of advances, so a chart lays out the same on each. Scales, log or
 * linear, are not the canvas's business: chart_axes.h maps data to pages.
 */
#ifndef RENDER_CANVAS_H
#define RENDER_CANVAS_H

#include <stddef.h>

typedef struct canvas_colour {
    double r, g, b, a; /* 0..1 */
} canvas_colour;

typedef enum canvas_marker {
    MARKER_CIRCLE,
    MARKER_SQUARE,
    MARKER_TRIANGLE,
    MARKER_DIAMOND,
    MARKER_TRIANGLE_DOWN,
    MARKER_PLUS,
    MARKER_CROSS,
    MARKER_STAR,
    MARKER_HEXAGON,
    MARKER_COUNT
} canvas_marker;

#define CANVAS_MARKER_MAX_POINTS 12

typedef enum canvas_font { CANVAS_FONT_REGULAR, CANVAS_FONT_BOLD } canvas_font;

/* How a text sits on its anchor point (x, y). In the text's own frame
 * (turned by angle_deg, counter-clockwise as the reader sees it) the anchor
 * is halign * width from the left end (0 left, 0.5 centre, 1 right) and
 * valign * cap height above the baseline: 0 puts the baseline on the anchor,
 * 1 the top of the capitals, 0.5 their middle; a negative valign lifts the
 * whole text clear above the anchor. */
typedef struct canvas_text {
    canvas_font font;
    double size; /* points */
    double halign, valign;
    double angle_deg;
} canvas_text;

typedef struct canvas {
    void *impl;
    void (*set_colour)(void *impl, canvas_colour c);
    /* width in points; dash holds ndash on/off lengths, ndash 0 for solid */
    void (*set_stroke)(void *impl, double width, const double *dash, int ndash);
    /* an open polyline through n points */
    void (*line)(void *impl, const double *x, const double *y, size_t n);
    void (*rect)(void *impl, double x, double y, double w, double h, int fill);
    /* a marker of the given width centred on (x, y), filled or outlined */
    void (*marker)(void *impl, canvas_marker shape, double x, double y, double size, int fill);
    void (*text)(void *impl, const canvas_text *style, double x, double y, const char *utf8);
    /* advance width and cap height of utf8 in style, in points */
    void (*text_extents)(void *impl, const canvas_text *style, const char *utf8, double *width,
                         double *cap_height);
    /* Limits drawing to a rectangle until unclip; unclip also restores the
     * colour and stroke in effect when clip was called. */
    void (*clip)(void *impl, double x, double y, double w, double h);
    void (*unclip)(void *impl);
    /* a closed polygon through n points, filled or outlined */
    void (*polygon)(void *impl, const double *x, const double *y, size_t n, int fill);
} canvas;

/* The outline of a marker of the given width centred on (x, y), shared by
 * the backends so every output draws the same shapes: writes up to
 * CANVAS_MARKER_MAX_POINTS corners into px, py and returns their count, or
 * 0 for a circle (of radius size / 2). */
size_t canvas_marker_outline(canvas_marker shape, double x, double y, double size,
                             double px[CANVAS_MARKER_MAX_POINTS], double py[CANVAS_MARKER_MAX_POINTS]);

#endif
