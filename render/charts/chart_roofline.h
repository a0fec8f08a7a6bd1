/* chart_roofline: the roofline chart, drawn on any canvas (canvas.h).
 *
 * Log-log: x = arithmetic intensity (flop/byte), y = attained GFLOP/s.
 * Ceilings per device and spec mode: the datasheet DRAM slope (solid), the
 * measured one (dashed, when measured), the measured L2-resident read
 * (dotted, a second and higher slope, when a run measured it) and the
 * datasheet roof of each compute unit used, each labelled with its value. Points are coloured by
 * weight format and shaped by kernel (gemv, gemv_cublas, stream_*: one
 * legend each), hollow when the output check failed, and ringed (with a
 * legend entry) when the row says throttled or clocks_changed. The chart fills
 * width x height points; axes are fitted to whole decades around points
 * and ceilings. Labels and legends never overlap each other or a point
 * where any free place exists.
 */
#ifndef RENDER_CHART_ROOFLINE_H
#define RENDER_CHART_ROOFLINE_H

#include "canvas/canvas.h"
#include "chart_data.h"
#include "chart_parts.h"

/* The size every figure is drawn at: 7.5 x 5.25 in. */
#define CHART_WIDTH_PT 540.0
#define CHART_HEIGHT_PT 378.0

#define CHART_X_LABEL "Arithmetic intensity (flop/byte)"
#define CHART_Y_LABEL "Attained performance (GFLOP/s)"

void chart_roofline_draw(const canvas *c, const chart_data *d, double width, double height);

/* The chart's title ("Roofline: <device>" or "Roofline: N devices"). */
void chart_roofline_title(const chart_data *d, char *buf, size_t size);

/* The plot area and axes for d on a width x height chart. */
void chart_roofline_fit(const chart_data *d, double width, double height, chart_frame *f);

/* chart_ceilings.c: the ceilings' lines (under the points), then their
 * labels (after the points, clear of them and of placed). */
void chart_ceilings_draw_lines(const canvas *c, const chart_frame *f, const chart_data *d);
void chart_ceilings_draw_labels(const canvas *c, const chart_frame *f, const chart_data *d,
                                chart_boxes *placed);

#endif
