/* The looks every chart shares: one colour per weight format and one
 * marker per kernel, the same in every figure, so a reader learns them
 * once. Colours go by family (int8 orange, int4 greens, int2 reds) so the
 * group-size variants of one bit width read as relatives. */
#include <string.h>

#include "chart_parts.h"

static const struct {
    const char *format;
    canvas_colour colour;
} FORMAT_COLOURS[] = {
    {"fp16", {0.000, 0.447, 0.698, 1.0}},          /* blue */
    {"w8a16", {0.902, 0.624, 0.000, 1.0}},         /* orange */
    {"w8a8", {0.780, 0.520, 0.300, 1.0}},          /* copper: int8, activations too */
    {"w4a16_g128", {0.000, 0.620, 0.451, 1.0}},    /* bluish green */
    {"w4a16_g64", {0.400, 0.760, 0.300, 1.0}},     /* light green */
    {"w4a16_g32", {0.050, 0.380, 0.200, 1.0}},     /* dark green */
    {"w4a16_g128_zp", {0.337, 0.706, 0.914, 1.0}}, /* sky blue */
    {"w2a16_g64", {0.835, 0.369, 0.000, 1.0}},     /* vermillion */
    {"w2a16_g128", {0.800, 0.475, 0.655, 1.0}},    /* reddish purple */
    /* formats of the ceiling kernels (streams, peaks, the sweep) */
    {"fp32", {0.45, 0.45, 0.45, 1.0}}, /* grey */
    {"fp64", {0.25, 0.25, 0.60, 1.0}}, /* indigo */
    {"int8", {0.55, 0.34, 0.16, 1.0}}, /* brown */
};

/* Formats not in the table above (fp32 of a stream kernel, a new format)
 * take one of these by their name, so they keep a colour across charts. */
const canvas_colour CHART_GREY = {0.45, 0.45, 0.45, 1.0};

static const canvas_colour SPARE[] = {
    {0.70, 0.60, 0.20, 1.0}, /* olive */
    {0.40, 0.20, 0.35, 1.0}, /* plum */
    {0.20, 0.45, 0.45, 1.0}, /* teal */
};

static const canvas_colour GROUPS[] = {
    {0.20, 0.20, 0.20, 1.0},
    {0.45, 0.25, 0.55, 1.0},
    {0.55, 0.35, 0.15, 1.0},
};

#define LEN(a) (sizeof(a) / sizeof(a)[0])

canvas_colour chart_format_colour(const char *format)
{
    if (format == NULL)
        return SPARE[0];
    for (size_t i = 0; i < LEN(FORMAT_COLOURS); i++)
        if (strcmp(FORMAT_COLOURS[i].format, format) == 0)
            return FORMAT_COLOURS[i].colour;
    unsigned h = 0;
    for (const char *s = format; *s != '\0'; s++)
        h = h * 31u + (unsigned char)*s;
    return SPARE[h % LEN(SPARE)];
}

canvas_colour chart_group_colour(size_t group)
{
    return GROUPS[group % LEN(GROUPS)];
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
    {"stream", 1, MARKER_TRIANGLE},
    {"intensity_sweep", 0, MARKER_DIAMOND},
    {"fma", 1, MARKER_PLUS},
    {"hfma2", 1, MARKER_CROSS},
    {"dp4a", 1, MARKER_STAR},
};

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
