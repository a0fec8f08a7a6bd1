/* png_encode: a drawn chart (an RGB24 cairo image surface) as PNG bytes,
 * with its resolution in a pHYs chunk, through libpng.
 *
 * Not cairo_surface_write_to_png_stream: it leaves libpng trying all five
 * row filters on every row, 89% of render's time on a report (callgrind:
 * filter choice plus deflate, 9 charts at 300 dpi), and it writes no
 * resolution, which had to be spliced in afterwards. The charts are mostly
 * flat colour, which deflate packs well unfiltered: with no filter the
 * tests' H100 report renders in 0.65 s instead of 1.07 (2 cores), and its 9
 * PNGs take 1.17 MB instead of 1.23. The pixels are the surface's, exactly. */
#ifndef PNG_ENCODE_H
#define PNG_ENCODE_H

#include <cairo.h>

#include "rl_error.h"
#include "sbuf.h"

/* Appends the PNG of surface (CAIRO_FORMAT_RGB24, flushed) to out; 0, or -1
 * with err set. */
int png_encode_rgb24(cairo_surface_t *surface, double dpi, sbuf *out, rl_error *err);

#endif
