#include "chart_output.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <string.h>

#include "canvas/cairo_font.h"
#include "canvas/canvas_cairo.h"
#include "canvas/png_encode.h"
#include "xml_text.h"

static cairo_status_t to_sbuf(void *closure, const unsigned char *data, unsigned int length)
{
    sbuf *b = closure;
    sbuf_append(b, data, length);
    return b->failed ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

int chart_writer_open(chart_writer *w, const render_fonts *fonts, rl_error *err)
{
    w->regular = cairo_font_load(fonts->path[FONT_REGULAR], err);
    w->bold = w->regular != NULL ? cairo_font_load(fonts->path[FONT_BOLD], err) : NULL;
    if (w->bold == NULL) {
        chart_writer_close(w);
        return -1;
    }
    return 0;
}

void chart_writer_close(chart_writer *w)
{
    if (w->regular != NULL)
        cairo_font_face_destroy(w->regular);
    if (w->bold != NULL)
        cairo_font_face_destroy(w->bold);
    w->regular = w->bold = NULL;
}

/* Draws figure id on surface (whose unit is scale pixels per point). */
static int draw_on(cairo_surface_t *surface, double scale, const chart_writer *w,
                   const figure_set *s, figure_id id, rl_error *err)
{
    cairo_t *cr = cairo_create(surface);
    cairo_status_t st = cairo_status(cr);
    if (st == CAIRO_STATUS_SUCCESS) {
        canvas c;
        canvas_cairo cc;
        cairo_scale(cr, scale, scale);
        canvas_cairo_init(&c, &cc, cr, w->regular, w->bold);
        figure_draw(&c, s, id);
        st = cairo_status(cr);
    }
    cairo_destroy(cr);
    if (st != CAIRO_STATUS_SUCCESS)
        return rl_error_set(err, "cannot draw the %s chart: %s", figure_name(id),
                            cairo_status_to_string(st));
    return 0;
}

int chart_png(const chart_writer *w, const figure_set *s, figure_id id, double dpi, sbuf *png,
              rl_error *err)
{
    double scale = dpi / 72.0, wpt, hpt;
    figure_size(id, &wpt, &hpt);
    int pw = (int)lround(wpt * scale), ph = (int)lround(hpt * scale);
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    cairo_status_t st = cairo_surface_status(surf);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return rl_error_set(err, "cannot make a %dx%d image: %s", pw, ph, cairo_status_to_string(st));
    }
    int rc = draw_on(surf, scale, w, s, id, err);
    if (rc == 0) {
        cairo_surface_flush(surf);
        if (png_encode_rgb24(surf, dpi, png, err) != 0)
            rc = rl_error_prefix(err, "cannot encode the %s chart as png", figure_name(id));
    }
    cairo_surface_destroy(surf);
    return rc;
}

/* s with the five XML specials escaped, and what XML 1.0 cannot hold
 * replaced (xml_text.h). */
static void xml_escape(sbuf *b, const char *s)
{
    xml_text_escape(b, s, 1);
}

/* Puts <title> and <desc> right after the opening <svg ...> tag. */
static void svg_add_text(sbuf *svg, const figure_set *s, figure_id id)
{
    const char *open = strstr(sbuf_str(svg), "<svg");
    const char *end = open != NULL ? strchr(open, '>') : NULL;
    if (end == NULL)
        return;
    char title[256];
    figure_title(s, id, title, sizeof title);
    size_t at = (size_t)(end + 1 - svg->data);
    sbuf out = {0};
    sbuf_append(&out, svg->data, at);
    sbuf_puts(&out, "\n<title>");
    xml_escape(&out, title);
    sbuf_puts(&out, "</title>\n<desc>");
    xml_escape(&out, figure_description(id));
    sbuf_puts(&out, "</desc>");
    sbuf_append(&out, svg->data + at, svg->len - at);
    sbuf_free(svg);
    *svg = out;
}

typedef cairo_surface_t *(*vector_surface_fn)(cairo_write_func_t, void *, double, double);

/* A vector surface (SVG, PDF) of the figure's size, drawn and finished. */
static int vector_chart(vector_surface_fn create, const char *what, const chart_writer *w,
                        const figure_set *s, figure_id id, sbuf *out, rl_error *err)
{
    double wpt, hpt;
    figure_size(id, &wpt, &hpt);
    cairo_surface_t *surf = create(to_sbuf, out, wpt, hpt);
    cairo_status_t st = cairo_surface_status(surf);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return rl_error_set(err, "cannot make a %s surface: %s", what, cairo_status_to_string(st));
    }
    int rc = draw_on(surf, 1.0, w, s, id, err);
    cairo_surface_finish(surf);
    st = cairo_surface_status(surf);
    cairo_surface_destroy(surf);
    if (rc == 0 && (st != CAIRO_STATUS_SUCCESS || out->failed))
        rc = rl_error_set(err, "cannot write the %s chart as %s: %s", figure_name(id), what,
                          cairo_status_to_string(st));
    return rc;
}

int chart_svg(const chart_writer *w, const figure_set *s, figure_id id, sbuf *svg, rl_error *err)
{
    int rc = vector_chart(cairo_svg_surface_create_for_stream, "svg", w, s, id, svg, err);
    if (rc == 0)
        svg_add_text(svg, s, id);
    if (rc == 0 && svg->failed)
        rc = rl_error_set(err, "out of memory writing the svg");
    return rc;
}

int chart_pdf(const chart_writer *w, const figure_set *s, figure_id id, sbuf *pdf, rl_error *err)
{
    return vector_chart(cairo_pdf_surface_create_for_stream, "pdf", w, s, id, pdf, err);
}
