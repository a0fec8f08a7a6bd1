/* chart_roofline: the two rooflines, drawn on any canvas (canvas.h): the
 * roofline of every case (chart_roofline_draw, the data appendix's figure)
 * and the GEMV roofline (chart_gemv_roofline_draw, the body's; below).
 *
 * Every case: log-log, x = arithmetic intensity (flop/byte), y = attained
 * performance, labelled in TFLOP/s (TOP/s for integer units), as the roofs'
 * labels are. Ceilings per device and spec mode: the datasheet DRAM slope
 * (solid), the measured one (dashed, when measured), the measured
 * L2-resident read (dotted, a second and higher slope, when a run measured
 * it) and the datasheet roof of each compute unit used, each labelled with
 * its value. Points are coloured by weight format and shaped by kernel
 * (gemv, gemv_cublas, stream_*: one legend each), hollow when the output
 * check failed, and ringed (with a legend entry) when the row says
 * throttled or clocks_changed. With several devices, power modes or runs,
 * one panel each on shared axes (their ceilings and labels would print over
 * each other on one; each run keeps its own measured ceilings), each titled
 * with its device, mode (and run, where runs share both: chart_group_name)
 * and DRAM bandwidths, the legends under the panels. The chart fills width x height
 * points; axes are fitted to whole decades around points and ceilings.
 * Labels and legends never overlap each other or a point where any free
 * place exists.
 */
#ifndef RENDER_CHART_ROOFLINE_H
#define RENDER_CHART_ROOFLINE_H

#include "canvas/canvas.h"
#include "chart_data.h"
#include "chart_parts.h"
#include "gemv_data.h"

/* The size every figure is drawn at: 7.5 x 5.25 in. */
#define CHART_WIDTH_PT 540.0
#define CHART_HEIGHT_PT 378.0

#define CHART_X_LABEL "Arithmetic intensity (flop/byte)"
#define CHART_Y_LABEL "Attained performance (TFLOP/s; TOP/s for int8)"
#define CHART_GEMV_Y_LABEL "Attained performance (TFLOP/s; TOP/s for w8a8)"

void chart_roofline_draw(const canvas *c, const chart_data *d, double width, double height);

/* The chart's title ("Roofline: <device>" or "Roofline: N devices"). */
void chart_roofline_title(const chart_data *d, char *buf, size_t size);

/* The plot area and axes for d on a width x height chart. */
void chart_roofline_fit(const chart_data *d, double width, double height, chart_frame *f);

/* chart_ceilings.c: the ceilings' lines (under the points), then their
 * labels (after the points, clear of them and of placed), of group only
 * (a panel) or of every group (CHART_ALL_GROUPS); slope_labels 0 leaves
 * the slopes unnamed (a panel's title names them). */
#define CHART_ALL_GROUPS ((size_t)-1)
void chart_ceilings_draw_lines(const canvas *c, const chart_frame *f, const chart_data *d, size_t only);
void chart_ceilings_draw_labels(const canvas *c, const chart_frame *f, const chart_data *d, size_t only,
                                int slope_labels, chart_boxes *placed);

/* chart_issue.c: the issue roofs (issue 15; chart_data.h) on either
 * roofline: per format a horizontal line at y (the frame's data units:
 * GFLOP/s on the roofline of every case, TFLOP/s on the GEMV roofline)
 * from x0, where it meets the steepest slope drawn (or the left edge), to
 * the right edge, in chart_issue_roof_stroke's looks; none where y is off
 * the axis or x0 past its end. Lines first (under the points), recorded in
 * placed when it is not NULL; labels after the points: "issue <format>
 * <rate> TFLOP/s" (TOP/s for w8a8) beside its own line, sliding left from
 * the right edge to the first place clear of placed, else the one covering
 * least; with brief (a narrow panel) a shorter text, "<format> <rate>" or
 * the format alone, where the long one finds no clear place. */
typedef struct chart_issue_line {
    const char *format;
    double x0, y;  /* flop/byte, and the frame's y unit */
    double tflops; /* the label's value */
} chart_issue_line;
void chart_issue_lines_draw(const canvas *c, const chart_frame *f, const chart_issue_line *lines, size_t n,
                            chart_boxes *placed);
void chart_issue_labels_draw(const canvas *c, const chart_frame *f, const chart_issue_line *lines, size_t n,
                             int brief, chart_boxes *placed);
/* The legend entry both rooflines give the issue roofs (when they have
 * any): the line's sample in grey, each line's colour its format's. */
#define CHART_ISSUE_LEGEND "issue roof of a format (its GEMV, weights in L2)"

/* chart_gemv_roofline.c: the GEMV roofline, the report's body figure
 * (gemv_data.h): x 0.5 to 64 flop/byte with ticks at powers of two, y in
 * TFLOP/s; one panel per device, mode and run (up to GEMV_MAX_GROUPS); the
 * DRAM slope (datasheet solid, measured dashed), each roof the marks use
 * drawn from its ridge (a dot, with a dotted drop to the axis) or, when
 * it lies past the chart, named at the top; every roof named with the
 * marker its cases wear, its peak and ridge. Marks: colour by format
 * (cuBLAS grey), marker by roof (chart_unit_marker), filled at the largest
 * square and at each batch (joined in batch order), hollow with a range bar
 * over the other shapes, ringed (with a legend entry) when clocks moved.
 * Where a unit's marks rise above a lower roof a note says whose roof they
 * have. Each format's issue roof (gemv_data.h) is a line in its colour
 * from its ridge on the datasheet slope (chart_issue.c). A label finds a place inside its panel clear of the marks and
 * other labels; in a narrow panel (several devices, modes or runs) a
 * shorter form of it stands in where the long one finds none. Legends run
 * under the panels. */
void chart_gemv_roofline_draw(const canvas *c, const gemv_roof_data *d, double width, double height);
void chart_gemv_roofline_title(const gemv_roof_data *d, char *buf, size_t size);
/* The marker of a compute unit's cases on the GEMV roofline: cuda_fp32 a
 * circle, cuda_dp4a a diamond, cuda_fp16x2 a square, tensor_fp16 a
 * triangle, tensor_int8 a triangle down, any other a hexagon. */
canvas_marker chart_unit_marker(const char *unit);

#endif
