/* The looks every chart shares: one colour per weight format and one
 * marker per kernel, the same in every figure, so a reader learns them
 * once.
 *
 * Colours come from Okabe and Ito's palette ("Color Universal Design",
 * 2008), whose colours stay apart under every common colour-vision
 * deficiency: five of them, one per kind of weight (fp16; INT8 with fp16
 * activations; INT8 with INT8 activations; INT4; INT2), and a neutral grey
 * for everything else (fp32 and fp64 streams, peaks): six in all. The
 * group-size variants of one bit width share their kind's hue as shades:
 * darker for smaller groups (more scales), lighter with a zero point.
 * Mixing a colour with black or white keeps its hue, so a chart never
 * shows more than those six hues, whatever the formats. */
#include <math.h>
#include <string.h>

#include "chart_parts.h"
#include "formats.h"

#define OKABE_ITO(r, g, b) {(r) / 255.0, (g) / 255.0, (b) / 255.0, 1.0}
static const canvas_colour BLUE = OKABE_ITO(0, 114, 178);
static const canvas_colour ORANGE = OKABE_ITO(230, 159, 0);
static const canvas_colour REDDISH_PURPLE = OKABE_ITO(204, 121, 167);
static const canvas_colour BLUISH_GREEN = OKABE_ITO(0, 158, 115);
static const canvas_colour VERMILLION = OKABE_ITO(213, 94, 0);

/* Secondary ink of every chart, and the colour of formats that are none
 * of ours. */
const canvas_colour CHART_GREY = {0.45, 0.45, 0.45, 1.0};

#define LEN(a) (sizeof(a) / sizeof(a)[0])

static canvas_colour scaled(canvas_colour c, double f)
{
    return (canvas_colour){f * c.r, f * c.g, f * c.b, 1.0};
}

canvas_colour chart_tint(canvas_colour c, double w)
{
    return (canvas_colour){(1.0 - w) * c.r + w, (1.0 - w) * c.g + w, (1.0 - w) * c.b + w, 1.0};
}

/* The kind's hue: by weight and activation bits. */
static canvas_colour family(const weight_format *f)
{
    switch (f->weight_bits) {
    case 16: return BLUE;
    case 8: return f->act_bits == 8 ? REDDISH_PURPLE : ORANGE;
    case 4: return BLUISH_GREEN;
    case 2: return VERMILLION;
    default: return CHART_GREY;
    }
}

canvas_colour chart_format_colour(const char *format)
{
    const weight_format *f = format != NULL ? weight_format_find(format) : NULL;
    if (f == NULL) /* the int8 GEMM shares w8a8's kind: int8 times int8 */
        return format != NULL && strcmp(format, "int8") == 0 ? REDDISH_PURPLE : CHART_GREY;
    canvas_colour c = family(f);
    if (f->scales == SCALE_PER_GROUP && f->group_size > 0 && f->group_size < 128)
        c = scaled(c, fmax(0.45, 1.0 - 0.19 * log2(128.0 / f->group_size))); /* g64 0.81, g32 0.62 */
    if (f->zero_point)
        c = chart_tint(c, 0.45);
    return c;
}

/* Ceilings are drawn one device and mode per panel (chart_roofline.h), so
 * they need no colour of their own. */
canvas_colour chart_group_colour(size_t group)
{
    (void)group;
    return (canvas_colour){0.2, 0.2, 0.2, 1.0};
}

const char *chart_rate_unit(const char *compute_unit)
{
    return compute_unit != NULL && (strstr(compute_unit, "int8") != NULL || strstr(compute_unit, "dp4a") != NULL)
               ? "TOP/s"
               : "TFLOP/s";
}

/* Kernels by name, or by the prefix of a family (stream_read, _copy and
 * _triad share the triangle; the peak kernels go by their instruction). */
static const struct {
    const char *name;
    int prefix;
    canvas_marker marker;
} KERNEL_MARKERS[] = {
    {"gemv", 0, MARKER_CIRCLE},
    {"gemv_cublas", 0, MARKER_SQUARE},
    {"gemm_cublas", 0, MARKER_TRIANGLE_DOWN},
    {"gemm_int8_cublas", 0, MARKER_TRIANGLE_DOWN}, /* both cuBLAS GEMMs; the format colour tells them apart */
    /* before the stream family: its own legend row, not a longer stream row */
    {"stream_read_l2", 0, MARKER_HEXAGON},
    {"gemv_issue", 0, MARKER_HEXAGON},
    {"stream", 1, MARKER_TRIANGLE},
    {"intensity_sweep", 0, MARKER_DIAMOND},
    {"fma", 1, MARKER_PLUS},
    {"hfma2", 1, MARKER_CROSS},
    {"dp4a", 1, MARKER_STAR},
};

/* gemv_issue shares stream_read_l2's hexagon: both read an L2-resident
 * buffer on purpose (the legend names them together). */
canvas_marker chart_kernel_marker(const char *kernel)
{
    if (kernel == NULL)
        return MARKER_HEXAGON;
    for (size_t i = 0; i < LEN(KERNEL_MARKERS); i++) {
        const char *n = KERNEL_MARKERS[i].name;
        if (KERNEL_MARKERS[i].prefix ? strncmp(kernel, n, strlen(n)) == 0 : strcmp(kernel, n) == 0)
            return KERNEL_MARKERS[i].marker;
    }
    return MARKER_HEXAGON; /* a kernel this table does not know yet */
}

canvas_colour chart_darker(canvas_colour c)
{
    return (canvas_colour){0.6 * c.r, 0.6 * c.g, 0.6 * c.b, 1.0};
}

void chart_point_marker(const canvas *c, canvas_marker shape, canvas_colour col, double x, double y,
                        int hollow)
{
    int ringed = hollow == CHART_POINT_RINGED;
    hollow = hollow && !ringed;
    c->set_stroke(c->impl, hollow ? 1.4 : 0.6, NULL, 0);
    if (!hollow) {
        c->set_colour(c->impl, col);
        c->marker(c->impl, shape, x, y, CHART_MARKER_SIZE, 1);
        col = chart_darker(col);
    }
    c->set_colour(c->impl, col);
    c->marker(c->impl, shape, x, y, CHART_MARKER_SIZE, 0);
    if (ringed) {
        c->set_stroke(c->impl, 0.9, NULL, 0);
        c->set_colour(c->impl, (canvas_colour){0.1, 0.1, 0.1, 1.0});
        c->marker(c->impl, MARKER_CIRCLE, x, y, CHART_RING_SIZE, 0);
    }
}

/* The issue roofs' line: dash-dot, thinner than the datasheet ceilings
 * (1.4) and about as heavy as the measured ones (1.1 to 1.2). */
static const double ISSUE_DASH[] = {6.0, 2.0, 1.2, 2.0};

void chart_issue_roof_stroke(const canvas *c, canvas_colour format_colour)
{
    c->set_colour(c->impl, format_colour);
    c->set_stroke(c->impl, 1.1, ISSUE_DASH, (int)LEN(ISSUE_DASH));
}

canvas_colour chart_issue_label_colour(const char *format)
{
    return chart_darker(chart_format_colour(format));
}

void chart_issue_pred_mark(const canvas *c, canvas_colour col, double x, double y)
{
    c->set_colour(c->impl, chart_darker(col));
    c->set_stroke(c->impl, 2.2, NULL, 0);
    c->line(c->impl, (double[]){x - 0.5 * CHART_ISSUE_MARK_WIDTH, x + 0.5 * CHART_ISSUE_MARK_WIDTH},
            (double[]){y, y}, 2);
}
