/* Why the state is kept here and set again before every drawing: PDF
 * colour and width operators are only allowed outside paths and text
 * objects, and the canvas lets charts change them at any time. Dashes are
 * cut by hand because libharu 2.3 takes whole-point dash lengths only,
 * which a scaled chart would round visibly. */
#include "canvas_haru.h"

#include <math.h>
#include <string.h>

static double page_x(const canvas_haru *st, double x)
{
    return st->ox + st->scale * x;
}

static double page_y(const canvas_haru *st, double y)
{
    return st->oy - st->scale * y;
}

/* An ExtGState for alpha, made once per alpha value and chart. */
static HPDF_ExtGState alpha_state(canvas_haru *st, double alpha)
{
    for (int i = 0; i < st->nalpha; i++)
        if (fabs(st->alpha_of[i] - alpha) < 1e-3)
            return st->alpha_gs[i];
    if (st->nalpha == CANVAS_HARU_ALPHAS)
        return NULL;
    HPDF_ExtGState gs = HPDF_CreateExtGState(st->pdf);
    if (gs == NULL)
        return NULL;
    HPDF_ExtGState_SetAlphaFill(gs, (HPDF_REAL)alpha);
    HPDF_ExtGState_SetAlphaStroke(gs, (HPDF_REAL)alpha);
    st->alpha_gs[st->nalpha] = gs;
    st->alpha_of[st->nalpha++] = alpha;
    return gs;
}

static void apply_paint(canvas_haru *st)
{
    canvas_colour c = st->now.colour;
    double a = c.a < 0.0 ? 0.0 : c.a > 1.0 ? 1.0 : c.a;
    if (fabs(a - st->now.alpha_set) > 1e-3) {
        HPDF_ExtGState gs = alpha_state(st, a);
        if (gs != NULL) {
            HPDF_Page_SetExtGState(st->page, gs);
            st->now.alpha_set = a;
        }
    }
    HPDF_Page_SetRGBFill(st->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
    HPDF_Page_SetRGBStroke(st->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
    HPDF_Page_SetLineWidth(st->page, (HPDF_REAL)(st->now.width * st->scale));
}

static void ch_set_colour(void *impl, canvas_colour c)
{
    ((canvas_haru *)impl)->now.colour = c;
}

static void ch_set_stroke(void *impl, double width, const double *dash, int ndash)
{
    canvas_haru *st = impl;
    st->now.width = width;
    st->now.ndash = 0;
    double sum = 0.0;
    for (int i = 0; i < ndash && i < 8; i++)
        sum += st->now.dash[st->now.ndash++] = dash[i];
    if (!(sum > 0.0))
        st->now.ndash = 0; /* an all-zero pattern draws solid, as in cairo */
}

/* One segment of a dashed polyline, in chart points; *k and *left track
 * where in the pattern the previous segment stopped. */
static void dash_segment(canvas_haru *st, double x0, double y0, double x1, double y1, int *k,
                         double *left)
{
    double len = hypot(x1 - x0, y1 - y0), at = 0.0;
    while (len > 0.0 && at < len) {
        double step = fmin(*left, len - at);
        if (*k % 2 == 0) { /* even entries are "on" */
            double t0 = at / len, t1 = (at + step) / len;
            HPDF_Page_MoveTo(st->page, (HPDF_REAL)page_x(st, x0 + t0 * (x1 - x0)),
                             (HPDF_REAL)page_y(st, y0 + t0 * (y1 - y0)));
            HPDF_Page_LineTo(st->page, (HPDF_REAL)page_x(st, x0 + t1 * (x1 - x0)),
                             (HPDF_REAL)page_y(st, y0 + t1 * (y1 - y0)));
        }
        at += step;
        *left -= step;
        if (*left <= 1e-9) {
            *k = (*k + 1) % st->now.ndash;
            *left = st->now.dash[*k];
        }
    }
}

static void ch_line(void *impl, const double *x, const double *y, size_t n)
{
    canvas_haru *st = impl;
    if (n < 2)
        return;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]) || !isfinite(y[i]))
            return; /* an unmappable point: cairo draws nothing either */
    apply_paint(st);
    if (st->now.ndash > 0) {
        int k = 0;
        double left = st->now.dash[0];
        for (size_t i = 1; i < n; i++)
            dash_segment(st, x[i - 1], y[i - 1], x[i], y[i], &k, &left);
    } else {
        HPDF_Page_MoveTo(st->page, (HPDF_REAL)page_x(st, x[0]), (HPDF_REAL)page_y(st, y[0]));
        for (size_t i = 1; i < n; i++)
            HPDF_Page_LineTo(st->page, (HPDF_REAL)page_x(st, x[i]), (HPDF_REAL)page_y(st, y[i]));
    }
    HPDF_Page_Stroke(st->page);
}

static void paint(canvas_haru *st, int fill)
{
    if (fill)
        HPDF_Page_Fill(st->page);
    else
        HPDF_Page_Stroke(st->page);
}

static void ch_rect(void *impl, double x, double y, double w, double h, int fill)
{
    canvas_haru *st = impl;
    apply_paint(st);
    /* y grows down in the chart and up on the page: the bottom left corner
     * on the page is the chart's (x, y + h). */
    HPDF_Page_Rectangle(st->page, (HPDF_REAL)page_x(st, x), (HPDF_REAL)page_y(st, y + h),
                        (HPDF_REAL)(w * st->scale), (HPDF_REAL)(h * st->scale));
    paint(st, fill);
}

static void ch_polygon(void *impl, const double *x, const double *y, size_t n, int fill)
{
    canvas_haru *st = impl;
    if (n < 3)
        return;
    apply_paint(st);
    HPDF_Page_MoveTo(st->page, (HPDF_REAL)page_x(st, x[0]), (HPDF_REAL)page_y(st, y[0]));
    for (size_t i = 1; i < n; i++)
        HPDF_Page_LineTo(st->page, (HPDF_REAL)page_x(st, x[i]), (HPDF_REAL)page_y(st, y[i]));
    HPDF_Page_ClosePath(st->page);
    paint(st, fill);
}

static void ch_marker(void *impl, canvas_marker shape, double x, double y, double size, int fill)
{
    canvas_haru *st = impl;
    double px[CANVAS_MARKER_MAX_POINTS], py[CANVAS_MARKER_MAX_POINTS];
    size_t n = canvas_marker_outline(shape, x, y, size, px, py);
    if (n > 0) {
        ch_polygon(impl, px, py, n, fill);
        return;
    }
    apply_paint(st);
    HPDF_Page_Circle(st->page, (HPDF_REAL)page_x(st, x), (HPDF_REAL)page_y(st, y),
                     (HPDF_REAL)(0.5 * size * st->scale));
    paint(st, fill);
}

static HPDF_Font font_of(const canvas_haru *st, const canvas_text *style)
{
    return st->fonts[style->font == CANVAS_FONT_BOLD];
}

static void ch_text_extents(void *impl, const canvas_text *style, const char *utf8, double *width,
                            double *cap)
{
    canvas_haru *st = impl;
    HPDF_Font f = font_of(st, style);
    size_t len = strlen(utf8);
    HPDF_TextWidth tw = {0, 0, 0, 0};
    if (len > 0)
        tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)utf8, (HPDF_UINT)len);
    /* libharu keeps widths and the cap height (the top of "H") in 1/1000 em. */
    *width = tw.width * style->size / 1000.0;
    *cap = HPDF_Font_GetCapHeight(f) * style->size / 1000.0;
}

static void ch_text(void *impl, const canvas_text *style, double x, double y, const char *utf8)
{
    canvas_haru *st = impl;
    if (utf8[0] == '\0' || !isfinite(x) || !isfinite(y))
        return;
    double w, cap;
    ch_text_extents(impl, style, utf8, &w, &cap);
    double a = style->angle_deg * M_PI / 180.0, cs = cos(a), sn = sin(a), s = st->scale;
    /* The baseline's left end: back along the text by halign * width and
     * down its own up direction (-sin, cos) by valign * cap height. */
    double bx = page_x(st, x) - s * (style->halign * w * cs - style->valign * cap * sn);
    double by = page_y(st, y) - s * (style->halign * w * sn + style->valign * cap * cs);
    apply_paint(st);
    HPDF_Page_BeginText(st->page);
    HPDF_Page_SetFontAndSize(st->page, font_of(st, style), (HPDF_REAL)(style->size * s));
    HPDF_Page_SetTextMatrix(st->page, (HPDF_REAL)cs, (HPDF_REAL)sn, (HPDF_REAL)-sn, (HPDF_REAL)cs,
                            (HPDF_REAL)bx, (HPDF_REAL)by);
    static char cut[CANVAS_HARU_MAX_STRING + 8];
    HPDF_Page_ShowText(st->page, canvas_haru_fit(utf8, strlen(utf8), cut, sizeof cut));
    HPDF_Page_EndText(st->page);
}

const char *canvas_haru_fit(const char *s, size_t len, char *buf, size_t size)
{
    static const char ellipsis[] = "\u2026";
    if (len <= CANVAS_HARU_MAX_STRING && s[len] == '\0')
        return s; /* fits, and is terminated: as it is */
    size_t keep = len;
    if (keep > CANVAS_HARU_MAX_STRING) {
        keep = CANVAS_HARU_MAX_STRING;
        while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80) /* a whole character */
            keep--;
    }
    if (size < sizeof ellipsis)
        return "";
    if (keep > size - sizeof ellipsis)
        keep = size - sizeof ellipsis;
    memcpy(buf, s, keep);
    if (keep < len)
        memcpy(buf + keep, ellipsis, sizeof ellipsis);
    else
        buf[keep] = '\0';
    return buf;
}

static void ch_clip(void *impl, double x, double y, double w, double h)
{
    canvas_haru *st = impl;
    if (st->depth < CANVAS_HARU_DEPTH)
        st->saved[st->depth] = st->now;
    st->depth++;
    HPDF_Page_GSave(st->page);
    HPDF_Page_Rectangle(st->page, (HPDF_REAL)page_x(st, x), (HPDF_REAL)page_y(st, y + h),
                        (HPDF_REAL)(w * st->scale), (HPDF_REAL)(h * st->scale));
    HPDF_Page_Clip(st->page);
    HPDF_Page_EndPath(st->page);
}

static void ch_unclip(void *impl)
{
    canvas_haru *st = impl;
    if (st->depth == 0)
        return;
    st->depth--;
    HPDF_Page_GRestore(st->page);
    if (st->depth < CANVAS_HARU_DEPTH)
        st->now = st->saved[st->depth]; /* the ExtGState came back with GRestore too */
}

void canvas_haru_begin(canvas *c, canvas_haru *st, HPDF_Doc pdf, HPDF_Page page, HPDF_Font regular,
                       HPDF_Font bold, double ox, double oy, double scale)
{
    memset(st, 0, sizeof *st);
    st->pdf = pdf;
    st->page = page;
    st->fonts[CANVAS_FONT_REGULAR] = regular;
    st->fonts[CANVAS_FONT_BOLD] = bold;
    st->ox = ox;
    st->oy = oy;
    st->scale = scale;
    st->now = (canvas_haru_state){{0.0, 0.0, 0.0, 1.0}, 1.0, {0}, 0, 1.0};
    HPDF_Page_GSave(page);
    HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
    HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
    *c = (canvas){
        .impl = st,
        .set_colour = ch_set_colour,
        .set_stroke = ch_set_stroke,
        .line = ch_line,
        .rect = ch_rect,
        .marker = ch_marker,
        .text = ch_text,
        .text_extents = ch_text_extents,
        .clip = ch_clip,
        .unclip = ch_unclip,
        .polygon = ch_polygon,
    };
}

void canvas_haru_end(canvas_haru *st)
{
    while (st->depth > 0)
        ch_unclip(st);
    HPDF_Page_GRestore(st->page);
}
