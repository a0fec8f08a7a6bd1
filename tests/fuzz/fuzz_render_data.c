/* libFuzzer target: what render builds from a model CSV before it draws a
 * file: the report's tables and text (report_data_fill) and every figure
 * (figure_set_build, figure_draw), drawn on a canvas that only checks its
 * arguments: a NaN or infinite coordinate fails, since cairo and libharu
 * turn one into an error ("invalid matrix") or a broken PDF. The load
 * checks are render's own (csv_dups.h, csv_shapes.h). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/canvas.h"
#include "charts/figures.h"
#include "charts/inputs.h"
#include "csv_dups.h"
#include "csv_shapes.h"
#include "csv_table.h"
#include "doc/template.h"
#include "fuzz_file.h"
#include "report/report_data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void finite_or_die(const char *what, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i])) {
            fprintf(stderr, "fuzz_render_data: %s drawn at a non-finite coordinate\n", what);
            abort();
        }
}

static void set_colour(void *impl, canvas_colour c)
{
    (void)impl;
    finite_or_die("colour", (const double[]){c.r, c.g, c.b, c.a}, 4);
}

static void set_stroke(void *impl, double width, const double *dash, int ndash)
{
    (void)impl;
    finite_or_die("stroke", &width, 1);
    finite_or_die("dash", dash, ndash > 0 ? (size_t)ndash : 0);
}

static void line(void *impl, const double *x, const double *y, size_t n)
{
    (void)impl;
    finite_or_die("line", x, n);
    finite_or_die("line", y, n);
}

static void rect(void *impl, double x, double y, double w, double h, int fill)
{
    (void)impl;
    (void)fill;
    finite_or_die("rect", (const double[]){x, y, w, h}, 4);
}

static void marker(void *impl, canvas_marker shape, double x, double y, double size, int fill)
{
    (void)impl;
    (void)shape;
    (void)fill;
    finite_or_die("marker", (const double[]){x, y, size}, 3);
}

static void text(void *impl, const canvas_text *style, double x, double y, const char *utf8)
{
    (void)impl;
    (void)utf8;
    finite_or_die("text", (const double[]){x, y, style->size, style->angle_deg}, 4);
}

/* Widths as a font would give them: half the size per byte. */
static void text_extents(void *impl, const canvas_text *style, const char *utf8, double *width,
                         double *cap_height)
{
    (void)impl;
    *width = (double)strlen(utf8) * style->size * 0.5;
    *cap_height = style->size * 0.7;
}

static void clip(void *impl, double x, double y, double w, double h)
{
    (void)impl;
    finite_or_die("clip", (const double[]){x, y, w, h}, 4);
}

static void unclip(void *impl)
{
    (void)impl;
}

static void polygon(void *impl, const double *x, const double *y, size_t n, int fill)
{
    (void)fill;
    line(impl, x, y, n);
}

static const canvas CHECKER = {NULL, set_colour, set_stroke, line, rect, marker, text, text_extents,
                               clip, unclip, polygon};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size);
    if (path == NULL)
        return 0;
    csv_table t;
    rl_error err;
    if (csv_table_load(&t, path, &MODEL_CSV_SCHEMA, &err) != 0)
        return 0;
    if (csv_tables_check_duplicates(&t, 1, &err) == 0 && csv_tables_check_shapes(&t, 1, &err) == 0) {
        render_tables in = {&t, NULL, NULL, NULL, NULL};
        figure_set figs; /* first, as in render: the report reads it */
        if (figure_set_build(&in, &figs, &err) == 0) {
            tmpl_vars vars = {0};
            (void)report_data_fill(&in, &figs, "fuzz.csv", "a note", &vars, &err);
            tmpl_vars_free(&vars);
            for (int f = 0; f < FIG_COUNT; f++)
                figure_draw(&CHECKER, &figs, (figure_id)f);
            figure_set_free(&figs);
        }
    }
    csv_table_free(&t);
    return 0;
}
