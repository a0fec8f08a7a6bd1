/* charts: every figure of the report, the contract of render/charts/. It
 * includes only the canvas room.
 *
 * Takes the loaded tables (inputs.h: the model CSV, and model's summary and
 * decode CSVs when given), picks each figure's data from them once
 * (figure_set_build, figures.h; the pickers are the *_data.h headers) and
 * draws any figure on a canvas (figure_draw) or as PNG, SVG and PDF bytes
 * (chart_output.h). The report's sections quote the same picks and print
 * numbers with pick.h, so a sentence and its chart never disagree.
 * Who frees: picks borrow their strings from the tables, which must outlive
 * them; figure_set_free releases what figure_set_build allocated; a table
 * loaded by inputs.h is the caller's (csv_table_free); bytes go into the
 * caller's sbuf.
 * Errors: functions that can fail return 0, or -1 with an rl_error set that
 * names the file, and the line where there is one. Drawing never fails: a
 * chart whose data is missing draws its frame and a one-line reason.
 *
 * Inside: chart_<name>.c draws one chart (chart_roofline.h, chart_draw.h)
 * from the parts they share (chart_parts.h: frame, axes, legend, style).
 * A new chart: its picker (a *_data.h, or a struct in figure_data.h), its
 * chart_<name>.c declared in chart_draw.h, and one row in figures.c.
 */
#ifndef RENDER_CHARTS_H
#define RENDER_CHARTS_H

#include "chart_output.h"
#include "figures.h"
#include "pick.h"
#include "summary_data.h"

#endif
