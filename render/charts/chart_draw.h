/* chart_draw: the charts beside the roofline (chart_roofline.h), each drawn
 * on any canvas at width x height points from data picked by figure_data.h.
 * A chart whose data is missing draws its frame with a one-line reason
 * instead, so a template can always show every figure.
 *
 * speedup (chart_compare.c): horizontal bars, one row per format (and
 *   cuBLAS fp16), measured speedup over our fp16 GEMV at each of the two
 *   largest square shapes (the format's colour, lighter for the smaller
 *   shape), the roofline's predicted speedup (hollow diamond) and the ideal
 *   16 / bits per weight (a black tick), with the measured value printed.
 * energy (chart_compare.c): two panels of the same rows: energy per call
 *   (µJ) and GFLOP/s per watt. When a device ran in two or more power
 *   modes (mode_data.h), chart_energy_modes_draw instead: a row per main
 *   GEMV format, a bar per mode (the format's colour, lightest for the
 *   first mode), at the power-mode section's shape.
 * predicted (chart_predicted.c): each case's prediction error (linear, %)
 *   against its measured time per call (log), for the PRED_BYTES_ONLY
 *   prediction (hollow) and, where the CSV has it, PRED_WITH_FLOOR
 *   (filled), the two joined by a thin line; the band |error| <= 10 %
 *   shaded with dashed edges, zero solid; colour by format, marker by
 *   kernel.
 * batch (chart_batch.c): time per call against batch size for every
 *   series of the sweep, measured (solid, markers), PRED_BYTES_ONLY
 *   (dashed) and PRED_WITH_FLOOR (dotted, where the CSV has it).
 * efficiency (chart_efficiency.c): log-log, GFLOP/s per watt against
 *   arithmetic intensity for every case with energy, colour by format,
 *   marker by kernel, with the model's fitted value (hollow) when the CSV
 *   has the energy fit, and with the summary CSV the fit itself as one
 *   curve per compute unit (figure_data.h: efficiency_curve_at), each
 *   named on its plateau.
 * accuracy (chart_accuracy.c): quantization error of y (log, %) against
 *   the measured speedup over fp16, one span per format from its error on
 *   Gaussian weights (circle) to its error on heavy-tailed weights with
 *   outliers (diamond), named beside it with its speedup; spans whose
 *   markers would pile up are spread a marker apart around their mean
 *   speedup; fp16 is the dashed line at 1x.
 * decode (chart_decode.c): predicted decode tokens/s (log), a panel per
 *   LLM of the decode CSV (2 columns up to 4 LLMs, then 3) on one shared
 *   axis, a row per device spec and power mode (named once, left of each
 *   row of panels), a marker per format (decode_data.h): hollow from the
 *   datasheet alone, filled with a run's measured ceiling and launch floor,
 *   a cross where the format does not fit in memory; the legend in two
 *   lines under the panels.
 * memory (chart_memory.c): weights (format colour) and KV cache (grey) of
 *   every LLM in every shown format, GiB, against each device's usable
 *   memory (dashed, named) where it falls inside the axis; the legend
 *   under the plot, where it covers no line.
 * speedup: the values sit inside their bars' ends when clear of the
 *   marks, else right of the row's farthest mark; the legend lists the
 *   shapes in the order their bars run. energy: µJ throughout, the unit of
 *   the report's energy tables.
 */
#ifndef RENDER_CHART_DRAW_H
#define RENDER_CHART_DRAW_H

#include <stddef.h>

#include "accuracy_data.h"
#include "canvas/canvas.h"
#include "decode_data.h"
#include "figure_data.h"
#include "fleet_data.h"
#include "mode_data.h"
#include "step_data.h"
#include "story_data.h"

void chart_speedup_draw(const canvas *c, const compare_data *d, double width, double height);
void chart_speedup_title(const compare_data *d, char *buf, size_t size);
#define CHART_SPEEDUP_X_LABEL "Speedup over our fp16 GEMV (×)"

void chart_energy_draw(const canvas *c, const compare_data *d, double width, double height);
void chart_energy_title(const compare_data *d, char *buf, size_t size);
void chart_energy_modes_draw(const canvas *c, const mode_data *m, double width, double height);
void chart_energy_modes_title(const mode_data *m, char *buf, size_t size);
#define CHART_ENERGY_X_LABEL "Energy per call (µJ)"
#define CHART_EFFICIENCY_X_LABEL "GFLOP/s per watt"

void chart_predicted_draw(const canvas *c, const scatter_data *d, double width, double height);
void chart_predicted_title(const scatter_data *d, char *buf, size_t size);
/* 100 (predicted - measured) / measured: the report's error %. */
double chart_predicted_error_pct(double pred_us, double time_us);
#define CHART_PREDICTED_X_LABEL "Measured time per call (µs)"
#define CHART_PREDICTED_Y_LABEL "Prediction error (%)"

void chart_batch_draw(const canvas *c, const batch_data *d, double width, double height);
void chart_batch_title(const batch_data *d, char *buf, size_t size);
#define CHART_BATCH_X_LABEL "Batch (activation columns)"
#define CHART_BATCH_Y_LABEL "Time per call (µs)"

void chart_efficiency_draw(const canvas *c, const efficiency_data *d, double width, double height);
void chart_efficiency_title(const efficiency_data *d, char *buf, size_t size);
#define CHART_EFFICIENCY_INTENSITY_LABEL "Arithmetic intensity (flop/byte)"

void chart_accuracy_draw(const canvas *c, const accuracy_data *d, double width, double height);
void chart_accuracy_title(const accuracy_data *d, char *buf, size_t size);
void chart_decode_draw(const canvas *c, const decode_data *d, double width, double height);
void chart_decode_title(const decode_data *d, char *buf, size_t size);
#define CHART_DECODE_X_LABEL "Decode tokens per second, batch 1"

void chart_memory_draw(const canvas *c, const decode_data *d, double width, double height);
void chart_memory_title(const decode_data *d, char *buf, size_t size);
#define CHART_MEMORY_X_LABEL "Memory (GiB, 2³⁰ bytes)"

/* claims (chart_story.c): page 1's figure, the lead run's speedup over
 *   fp16 for each of the guide's claims (a row each), per shape class
 *   (story_data.h): the largest square (circle), the LLM layer shapes and
 *   a whole decode token (diamond, square: median, with the range as a
 *   whisker), each filled in the row's format colour, and the roofline +
 *   launch floor's prediction hollow; the claim's range as a grey band
 *   behind the row and the ideal 16 / bits per weight as a black tick. */
void chart_story_draw(const canvas *c, const story_data *d, double width, double height);
void chart_story_title(const story_data *d, char *buf, size_t size);

/* decode_step (chart_step.c): the first run with measured decode steps,
 *   a row per LLM and format (batch 1, the fastest scheme, step_data.h):
 *   measured tokens/s (filled, the format's colour), the roofline + launch
 *   floor (hollow diamond) and the bytes-only roofline (hollow circle, a
 *   grey guide from the measurement to it), log x; ‡ after a value scaled
 *   from fewer layers. */
void chart_step_draw(const canvas *c, const step_data *d, double width, double height);
void chart_step_title(const step_data *d, char *buf, size_t size);
#define CHART_STEP_X_LABEL "Decode tokens per second, whole model, batch 1"

/* fleet (chart_fleet.c): a dot strip per metric and pass of
 *   scripts/fleet.sh (fleet_data.h), each card a dot at its value as a
 *   percentage of its kind's median, the cards that fall short vermillion
 *   and named (the first few of a strip), the 3 % band shaded, the
 *   datasheet a tick per kind: hundreds of cards in one figure. */
void chart_fleet_draw(const canvas *c, const fleet_data *d, double width, double height);
void chart_fleet_title(const fleet_data *d, char *buf, size_t size);

#define CHART_ACCURACY_X_LABEL "Error of y from quantization, ‖Q(W)x − Wx‖ / ‖Wx‖ (%)"

#endif
