/* figures: every chart render draws, listed once.
 *
 * A figure has a name (its files are fig/<name>.png, .svg and .pdf, and the
 * report template shows it as ![...](fig/<name>.png)), a size in points and
 * a draw function over the canvas (canvas.h), so the same code fills the
 * PNG, the SVG, the standalone PDF (cairo) and the page of the report PDF
 * (libharu). Adding a chart means one row in figures.c and its draw code.
 *
 * figure_set holds the data of every figure, picked from the tables once
 * (figure_set_build); the report's sections that quote a chart read the
 * same set (report_data.h), so nothing is picked twice in a render.
 * Strings point into the tables, which must outlive the set.
 * figure_set_free releases what build allocated. Functions that can fail
 * return 0, or -1 with err set.
 */
#ifndef RENDER_FIGURES_H
#define RENDER_FIGURES_H

#include <stddef.h>

#include "accuracy_data.h"
#include "canvas/canvas.h"
#include "chart_data.h"
#include "csv_table.h"
#include "decode_data.h"
#include "figure_data.h"
#include "fleet_data.h"
#include "gemv_data.h"
#include "inputs.h"
#include "mode_data.h"
#include "step_data.h"
#include "story_data.h"
#include "rl_error.h"

typedef enum figure_id {
    FIG_ROOFLINE, /* the GEMV roofline, in the body */
    FIG_SPEEDUP,
    FIG_PREDICTED,
    FIG_ENERGY,
    FIG_BATCH,
    FIG_EFFICIENCY,
    FIG_ACCURACY,
    FIG_DECODE,
    FIG_MEMORY,
    FIG_ROOFLINE_ALL, /* every kernel, for the appendix */
    FIG_CLAIMS,
    FIG_DECODE_STEP,
    FIG_FLEET, /* every card of a fleet; shown only when the input has one */
    FIG_COUNT
} figure_id;

typedef struct figure_set {
    chart_data roofline; /* every case: the appendix roofline */
    gemv_roof_data gemv; /* the GEMV roofline */
    compare_data compare;
    scatter_data predicted;
    batch_data batch;
    efficiency_data efficiency;
    accuracy_data accuracy;
    decode_data decode; /* the decode and memory charts */
    mode_set modes;     /* every device in several power modes; the energy chart
                           draws the first by mode (figures.c: energy_modes) */
    step_data steps;    /* the measured decode steps (step_data.h) */
    story_data story;   /* each run against the guide's criteria (story_data.h) */
    fleet_data fleet;   /* every card against its kind (fleet_data.h) */
} figure_set;

int figure_set_build(const render_tables *in, figure_set *s, rl_error *err);
void figure_set_free(figure_set *s);

/* "roofline", "speedup", ...: the file name without its extension. */
const char *figure_name(figure_id id);
/* The figure's size in points. */
void figure_size(figure_id id, double *width, double *height);
/* The figure's title as drawn, and a sentence saying what its axes are
 * (the SVG's <title> and <desc>). */
void figure_title(const figure_set *s, figure_id id, char *buf, size_t size);
const char *figure_description(figure_id id);
/* The figure that url ("fig/speedup.png") shows, or -1 when none does. */
int figure_from_url(const char *url);
/* Draws figure id at its own size. */
void figure_draw(const canvas *c, const figure_set *s, figure_id id);

#endif
