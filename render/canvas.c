#include "canvas.h"

size_t canvas_marker_outline(canvas_marker shape, double x, double y, double size, double px[4],
                             double py[4])
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
    case MARKER_CIRCLE:
    case MARKER_COUNT: break;
    }
    return 0;
}
