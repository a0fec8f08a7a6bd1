/* chart_output: a figure (figures.h) as PNG, SVG and PDF bytes in memory,
 * drawn with cairo.
 *
 * Nothing is written to disk here: render.c commits every output together
 * once all of them exist. The PNG is drawn at dpi pixels per inch and says
 * so (a pHYs chunk), so word processors and LaTeX place it at its real size.
 * The SVG carries the figure's title and a description of its axes as
 * <title>/<desc>, since cairo draws all text as glyph outlines. The PDF is
 * one page the size of the figure, for a portfolio or a LaTeX document.
 *
 * A chart_writer holds the two font faces (regular, bold) every figure is
 * drawn with; open it once, close it after the last figure. Functions
 * return 0, or -1 with err set.
 */
#ifndef RENDER_CHART_OUTPUT_H
#define RENDER_CHART_OUTPUT_H

#include <cairo.h>

#include "canvas/fonts.h"
#include "figures.h"
#include "rl_error.h"
#include "sbuf.h"

typedef struct chart_writer {
    cairo_font_face_t *regular, *bold;
} chart_writer;

int chart_writer_open(chart_writer *w, const render_fonts *fonts, rl_error *err);
void chart_writer_close(chart_writer *w);

int chart_png(const chart_writer *w, const figure_set *s, figure_id id, double dpi, sbuf *png,
              rl_error *err);
int chart_svg(const chart_writer *w, const figure_set *s, figure_id id, sbuf *svg, rl_error *err);
int chart_pdf(const chart_writer *w, const figure_set *s, figure_id id, sbuf *pdf, rl_error *err);

#endif
