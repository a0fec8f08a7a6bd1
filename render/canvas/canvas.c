#include "canvas.h"

#include <math.h>

/* n points on a circle of radius r about (x, y), the first straight up,
 * alternating with radius r2 (a star) when r2 > 0. */
static size_t ring(double x, double y, double r, double r2, size_t n, double *px, double *py)
{
    for (size_t i = 0; i < n; i++) {
        double a = 2.0 * M_PI * (double)i / (double)n, rr = r2 > 0.0 && i % 2 ? r2 : r;
        px[i] = x + rr * sin(a);
        py[i] = y - rr * cos(a);
    }
    return n;
}

/* A plus of arm half-width t and reach h, turned by 45 degrees for a cross. */
static size_t plus(double x, double y, double h, double t, int turned, double *px, double *py)
{
    static const double U[12] = {-1, 1, 1, 3, 3, 1, 1, -1, -1, -3, -3, -1};
    static const double V[12] = {-3, -3, -1, -1, 1, 1, 3, 3, 1, 1, -1, -1};
    double s = turned ? M_SQRT1_2 : 0.0, c = turned ? M_SQRT1_2 : 1.0;
    for (int i = 0; i < 12; i++) {
        double u = U[i] * t * (fabs(U[i]) == 3 ? h / (3 * t) : 1.0);
        double v = V[i] * t * (fabs(V[i]) == 3 ? h / (3 * t) : 1.0);
        px[i] = x + c * u - s * v;
        py[i] = y + s * u + c * v;
    }
    return 12;
}

size_t canvas_marker_outline(canvas_marker shape, double x, double y, double size,
                             double px[CANVAS_MARKER_MAX_POINTS],
                             double py[CANVAS_MARKER_MAX_POINTS])
{
    double h = size / 2.0;
    switch (shape) {
    case MARKER_SQUARE: /* 0.9: a square looks larger than a circle of its width */
        px[0] = px[3] = x - 0.9 * h;
        px[1] = px[2] = x + 0.9 * h;
        py[0] = py[1] = y - 0.9 * h;
        py[2] = py[3] = y + 0.9 * h;
        return 4;
    case MARKER_TRIANGLE: /* its centroid a little below the centre: it reads level */
        px[0] = x;
        py[0] = y - 1.15 * h;
        px[1] = x + 1.1 * h;
        py[1] = y + 0.75 * h;
        px[2] = x - 1.1 * h;
        py[2] = y + 0.75 * h;
        return 3;
    case MARKER_DIAMOND:
        px[0] = x;
        py[0] = y - 1.2 * h;
        px[1] = x + 1.2 * h;
        py[1] = y;
        px[2] = x;
        py[2] = y + 1.2 * h;
        px[3] = x - 1.2 * h;
        py[3] = y;
        return 4;
    case MARKER_TRIANGLE_DOWN:
        px[0] = x;
        py[0] = y + 1.15 * h;
        px[1] = x - 1.1 * h;
        py[1] = y - 0.75 * h;
        px[2] = x + 1.1 * h;
        py[2] = y - 0.75 * h;
        return 3;
    case MARKER_PLUS: return plus(x, y, 1.15 * h, 0.38 * h, 0, px, py);
    case MARKER_CROSS: return plus(x, y, 1.25 * h, 0.38 * h, 1, px, py);
    case MARKER_STAR: return ring(x, y, 1.3 * h, 0.55 * h, 10, px, py);
    case MARKER_HEXAGON: return ring(x, y, 1.05 * h, 0.0, 6, px, py);
    case MARKER_CIRCLE:
    case MARKER_COUNT: break;
    }
    return 0;
}
