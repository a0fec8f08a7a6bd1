#include "canvas_cairo.h"

#include <math.h>

static void cc_set_colour(void *impl, canvas_colour c)
{
    canvas_cairo *st = impl;
    cairo_set_source_rgba(st->cr, c.r, c.g, c.b, c.a);
}

static void cc_set_stroke(void *impl, double width, const double *dash, int ndash)
{
    canvas_cairo *st = impl;
    cairo_set_line_width(st->cr, width);
    cairo_set_dash(st->cr, dash, ndash, 0.0);
}

static void cc_line(void *impl, const double *x, const double *y, size_t n)
{
    canvas_cairo *st = impl;
    if (n < 2)
        return;
    cairo_move_to(st->cr, x[0], y[0]);
    for (size_t i = 1; i < n; i++)
        cairo_line_to(st->cr, x[i], y[i]);
    cairo_stroke(st->cr);
}

static void cc_rect(void *impl, double x, double y, double w, double h, int fill)
{
    canvas_cairo *st = impl;
    cairo_rectangle(st->cr, x, y, w, h);
    if (fill)
        cairo_fill(st->cr);
    else
        cairo_stroke(st->cr);
}

static void marker_path(cairo_t *cr, canvas_marker shape, double x, double y, double size)
{
    double px[CANVAS_MARKER_MAX_POINTS], py[CANVAS_MARKER_MAX_POINTS];
    size_t n = canvas_marker_outline(shape, x, y, size, px, py);
    if (n == 0) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, size / 2.0, 0.0, 2.0 * M_PI);
        return;
    }
    cairo_move_to(cr, px[0], py[0]);
    for (size_t i = 1; i < n; i++)
        cairo_line_to(cr, px[i], py[i]);
    cairo_close_path(cr);
}

static void cc_marker(void *impl, canvas_marker shape, double x, double y, double size, int fill)
{
    canvas_cairo *st = impl;
    marker_path(st->cr, shape, x, y, size);
    if (fill)
        cairo_fill(st->cr);
    else
        cairo_stroke(st->cr);
}

static void use_font(canvas_cairo *st, const canvas_text *style)
{
    cairo_set_font_face(st->cr, st->faces[style->font == CANVAS_FONT_BOLD]);
    cairo_set_font_size(st->cr, style->size);
}

/* Capital height from the ink of "H": font-wide ascent includes accents and
 * would centre digits visibly too low. */
static double cap_height(cairo_t *cr)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, "H", &e);
    return -e.y_bearing;
}

static void cc_text_extents(void *impl, const canvas_text *style, const char *utf8, double *width,
                            double *cap)
{
    canvas_cairo *st = impl;
    use_font(st, style);
    cairo_text_extents_t e;
    cairo_text_extents(st->cr, utf8, &e);
    *width = e.x_advance;
    *cap = cap_height(st->cr);
}

static void cc_text(void *impl, const canvas_text *style, double x, double y, const char *utf8)
{
    canvas_cairo *st = impl;
    double w, cap;
    cc_text_extents(impl, style, utf8, &w, &cap);
    cairo_save(st->cr);
    cairo_translate(st->cr, x, y);
    cairo_rotate(st->cr, -style->angle_deg * M_PI / 180.0); /* y points down */
    cairo_move_to(st->cr, -style->halign * w, style->valign * cap);
    cairo_show_text(st->cr, utf8);
    cairo_new_path(st->cr);
    cairo_restore(st->cr);
}

static void cc_clip(void *impl, double x, double y, double w, double h)
{
    canvas_cairo *st = impl;
    cairo_save(st->cr);
    cairo_rectangle(st->cr, x, y, w, h);
    cairo_clip(st->cr);
}

static void cc_unclip(void *impl)
{
    canvas_cairo *st = impl;
    cairo_restore(st->cr);
}

static void cc_polygon(void *impl, const double *x, const double *y, size_t n, int fill)
{
    canvas_cairo *st = impl;
    if (n < 3)
        return;
    cairo_move_to(st->cr, x[0], y[0]);
    for (size_t i = 1; i < n; i++)
        cairo_line_to(st->cr, x[i], y[i]);
    cairo_close_path(st->cr);
    if (fill)
        cairo_fill(st->cr);
    else
        cairo_stroke(st->cr);
}

/* Unhinted advances: a PNG's text then measures exactly as the SVG's and
 * the report PDF's (libharu reads the same advances from the font's hmtx
 * table), so labels are placed the same in every output. Glyph outlines
 * may still be hinted for a crisp raster. */
static void metrics_unhinted(cairo_t *cr)
{
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
}

void canvas_cairo_init(canvas *c, canvas_cairo *st, cairo_t *cr, cairo_font_face_t *regular,
                       cairo_font_face_t *bold)
{
    st->cr = cr;
    st->faces[CANVAS_FONT_REGULAR] = regular;
    st->faces[CANVAS_FONT_BOLD] = bold;
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    metrics_unhinted(cr);
    *c = (canvas){
        .impl = st,
        .set_colour = cc_set_colour,
        .set_stroke = cc_set_stroke,
        .line = cc_line,
        .rect = cc_rect,
        .marker = cc_marker,
        .text = cc_text,
        .text_extents = cc_text_extents,
        .clip = cc_clip,
        .unclip = cc_unclip,
        .polygon = cc_polygon,
    };
}
