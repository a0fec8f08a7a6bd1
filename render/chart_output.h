/* chart_output: the roofline chart as PNG and SVG bytes in memory.
 *
 * Nothing is written to disk here: render.c commits every output together
 * once all of them exist. The PNG is drawn at dpi pixels per inch and says
 * so (a pHYs chunk), so word processors and LaTeX place it at its real size.
 * The SVG carries the chart title and axis labels as <title>/<desc>, since
 * cairo draws all text as glyph outlines. Both return 0, or -1 with err set.
 */
#ifndef RENDER_CHART_OUTPUT_H
#define RENDER_CHART_OUTPUT_H

#include "chart_data.h"
#include "fonts.h"
#include "rl_error.h"
#include "sbuf.h"

int chart_png(const chart_data *d, const render_fonts *fonts, double dpi, sbuf *png, rl_error *err);
int chart_svg(const chart_data *d, const render_fonts *fonts, sbuf *svg, rl_error *err);

#endif
