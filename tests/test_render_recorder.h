/* What the chart tests share (included by tests/test_render_*.c; every
 * function static inline, so a test that does not use one gets no
 * warning): a recording canvas, model (or summary, decode) tables built in
 * memory from "column=value" words, and the check that no label or legend
 * lands on a point, a bar or another label. No cairo or libharu here: the
 * charts only know the canvas interface. */
#ifndef TEST_RENDER_RECORDER_H
#define TEST_RENDER_RECORDER_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../render/canvas/canvas.h"
#include "csv_table.h"

/* --- the recording canvas. Text is measured at 0.6 em a byte with a cap
 * height of 0.72 em: close enough for layout, easy to compute by hand. */
#define REC_MAX 2048

typedef struct rec_text {
    char s[160];
    canvas_text st;
    double x, y;
    canvas_colour colour;
} rec_text;

typedef struct rec_marker {
    canvas_marker shape;
    double x, y, size;
    int fill;
    canvas_colour colour;
} rec_marker;

/* The first REC_LINE_POINTS points of a polyline, and how many it had. */
#define REC_LINE_POINTS 256
#define REC_LINES 256
typedef struct rec_polyline {
    double x[REC_LINE_POINTS], y[REC_LINE_POINTS];
    size_t n;
    canvas_colour colour;
    int dashed;
} rec_polyline;

typedef struct rec_rect {
    double x, y, w, h;
    int fill;
    canvas_colour colour;
    size_t markers_before, texts_before; /* what was drawn before it */
} rec_rect;

typedef struct rec_poly {
    double x[8], y[8];
    size_t n;
    int fill;
    canvas_colour colour;
} rec_poly;

typedef struct recorder {
    rec_text t[REC_MAX];
    size_t nt;
    rec_marker m[REC_MAX];
    size_t nm;
    rec_rect r[REC_MAX];
    size_t nr;
    rec_poly p[16];
    size_t np;
    rec_polyline l[REC_LINES];
    size_t nlines; /* all of them; the first REC_LINES are in l */
    canvas_colour colour;
    int dashed;
    int clip_depth, clip_max;
} recorder;

static inline void rec_colour(void *impl, canvas_colour c)
{
    ((recorder *)impl)->colour = c;
}

static inline void rec_stroke(void *impl, double w, const double *d, int n)
{
    (void)w, (void)d;
    ((recorder *)impl)->dashed = n > 0;
}

static inline void rec_line(void *impl, const double *x, const double *y, size_t n)
{
    recorder *r = impl;
    if (r->nlines < REC_LINES) {
        rec_polyline *l = &r->l[r->nlines];
        l->n = n;
        l->colour = r->colour;
        l->dashed = r->dashed;
        for (size_t i = 0; i < n && i < REC_LINE_POINTS; i++) {
            l->x[i] = x[i];
            l->y[i] = y[i];
        }
    }
    r->nlines++;
}

static inline void rec_rect_fn(void *impl, double x, double y, double w, double h, int fill)
{
    recorder *r = impl;
    if (r->nr < REC_MAX)
        r->r[r->nr++] = (rec_rect){x, y, w, h, fill, r->colour, r->nm, r->nt};
}

static inline void rec_marker_fn(void *impl, canvas_marker shape, double x, double y,
                                 double size, int fill)
{
    recorder *r = impl;
    if (r->nm < REC_MAX)
        r->m[r->nm++] = (rec_marker){shape, x, y, size, fill, r->colour};
}

static inline void rec_text_fn(void *impl, const canvas_text *st, double x, double y,
                               const char *s)
{
    recorder *r = impl;
    if (r->nt < REC_MAX) {
        rec_text *t = &r->t[r->nt++];
        snprintf(t->s, sizeof t->s, "%s", s);
        t->st = *st;
        t->x = x;
        t->y = y;
        t->colour = r->colour;
    }
}

static inline void rec_extents(void *impl, const canvas_text *st, const char *s, double *w,
                               double *cap)
{
    (void)impl;
    *w = 0.6 * st->size * (double)strlen(s);
    *cap = 0.72 * st->size;
}

static inline void rec_clip(void *impl, double x, double y, double w, double h)
{
    (void)x, (void)y, (void)w, (void)h;
    recorder *r = impl;
    if (++r->clip_depth > r->clip_max)
        r->clip_max = r->clip_depth;
}

static inline void rec_unclip(void *impl)
{
    ((recorder *)impl)->clip_depth--;
}

static inline void rec_polygon(void *impl, const double *x, const double *y, size_t n, int fill)
{
    recorder *r = impl;
    if (r->np == 16 || n > 8)
        return;
    rec_poly *p = &r->p[r->np++];
    memcpy(p->x, x, n * sizeof *x);
    memcpy(p->y, y, n * sizeof *y);
    p->n = n;
    p->fill = fill;
    p->colour = r->colour;
}

static inline recorder *rec_new(canvas *c)
{
    recorder *r = calloc(1, sizeof *r);
    *c = (canvas){r,           rec_colour,  rec_stroke, rec_line,   rec_rect_fn, rec_marker_fn,
                  rec_text_fn, rec_extents, rec_clip,   rec_unclip, rec_polygon};
    return r;
}

static inline const rec_text *rec_find_text(const recorder *r, const char *s)
{
    for (size_t i = 0; i < r->nt; i++)
        if (strcmp(r->t[i].s, s) == 0)
            return &r->t[i];
    return NULL;
}

/* The filled rectangle whose left edge is at x and whose width is w, or NULL. */
static inline const rec_rect *rec_filled_rect(const recorder *r, double x, double w)
{
    for (size_t i = 0; i < r->nr; i++)
        if (r->r[i].fill && fabs(r->r[i].x - x) < 1e-6 && fabs(r->r[i].w - w) < 1e-6)
            return &r->r[i];
    return NULL;
}

/* The four corners of a recorded text, as rec_extents measures it, in
 * page coordinates (y down): along the text from -halign * w, up from
 * -valign * cap (the baseline) to the cap height. */
static inline void rec_text_corners(const rec_text *t, double cx[4], double cy[4])
{
    double w = 0.6 * t->st.size * (double)strlen(t->s), cap = 0.72 * t->st.size;
    double a = t->st.angle_deg * M_PI / 180.0;
    double cs = cos(a), sn = sin(a);
    double ux = cs, uy = -sn; /* along the text */
    double vx = uy, vy = -cs; /* towards its top: along, turned a quarter */
    double a0 = -t->st.halign * w, a1 = a0 + w;
    double b0 = -t->st.valign * cap, b1 = b0 + cap;
    double as[4] = {a0, a1, a1, a0}, bs[4] = {b0, b0, b1, b1};
    for (int i = 0; i < 4; i++) {
        cx[i] = t->x + as[i] * ux + bs[i] * vx;
        cy[i] = t->y + as[i] * uy + bs[i] * vy;
    }
}

static inline void rec_box_corners(double x0, double y0, double x1, double y1, double cx[4],
                                   double cy[4])
{
    cx[0] = cx[3] = x0;
    cx[1] = cx[2] = x1;
    cy[0] = cy[1] = y0;
    cy[2] = cy[3] = y1;
}

/* 1 when two convex quadrilaterals overlap by more than slack points
 * (separating axes: the edge normals of both). */
static inline int rec_quads_overlap(const double ax[4], const double ay[4], const double bx[4],
                             const double by[4], double slack)
{
    for (int q = 0; q < 2; q++) {
        const double *px = q ? bx : ax, *py = q ? by : ay;
        for (int i = 0; i < 4; i++) {
            double nx = -(py[(i + 1) % 4] - py[i]), ny = px[(i + 1) % 4] - px[i];
            double len = hypot(nx, ny);
            if (len == 0.0)
                continue;
            nx /= len;
            ny /= len;
            double amin = INFINITY, amax = -INFINITY, bmin = INFINITY, bmax = -INFINITY;
            for (int k = 0; k < 4; k++) {
                double pa = ax[k] * nx + ay[k] * ny, pb = bx[k] * nx + by[k] * ny;
                amin = fmin(amin, pa);
                amax = fmax(amax, pa);
                bmin = fmin(bmin, pb);
                bmax = fmax(bmax, pb);
            }
            if (amax <= bmin + slack || bmax <= amin + slack)
                return 0;
        }
    }
    return 1;
}

/* --- tables built in memory: each row a list of "column=value" words. */

#define MAX_ROWS 32

typedef struct mem_table {
    csv_table t;
    csv_row rows[MAX_ROWS];
    long lines[MAX_ROWS]; /* row r "comes from" line r + 2, after a header */
} mem_table;

static inline void mem_table_init_schema(mem_table *m, const csv_schema *schema,
                                         const char *const *specs, size_t n)
{
    memset(m, 0, sizeof *m);
    assert_true(n <= MAX_ROWS);
    for (size_t r = 0; r < n; r++) {
        m->lines[r] = (long)r + 2;
        assert_int_equal(csv_row_init(&m->rows[r], schema), 0);
        char buf[1024];
        snprintf(buf, sizeof buf, "%s", specs[r]);
        for (char *w = strtok(buf, " "); w != NULL; w = strtok(NULL, " ")) {
            char *eq = strchr(w, '=');
            assert_non_null(eq);
            *eq = '\0';
            int col = csv_schema_find(schema, w);
            if (col < 0)
                fail_msg("no column %s", w);
            /* '~' stands for a space inside a value ("note=a~b") */
            for (char *q = eq + 1; *q != '\0'; q++)
                *q = *q == '~' ? ' ' : *q;
            assert_int_equal(csv_row_set_text(&m->rows[r], col, eq + 1), 0);
        }
    }
    rl_error err;
    assert_int_equal(csv_table_init(&m->t, schema, "memory", &err), 0);
    for (size_t r = 0; r < n; r++)
        if (csv_table_add_row(&m->t, &m->rows[r], m->lines[r], &err) != 0)
            fail_msg("%s", err.text);
}

/* A model table (csv_schema.h) */
static inline void mem_table_init(mem_table *m, const char *const *specs, size_t n)
{
    mem_table_init_schema(m, &MODEL_CSV_SCHEMA, specs, n);
}

static inline void mem_table_free(mem_table *m)
{
    for (size_t r = 0; r < m->t.nrows; r++)
        csv_row_free(&m->rows[r]);
    csv_table_free(&m->t);
}

/* --- no collisions on a full run */

static inline int is_white(canvas_colour c)
{
    return c.r == 1.0 && c.g == 1.0 && c.b == 1.0;
}

static inline void marker_corners(const rec_marker *m, double x[4], double y[4])
{
    double h = 0.5 * m->size;
    rec_box_corners(m->x - h, m->y - h, m->x + h, m->y + h, x, y);
}

/* Text i against the texts after it, every marker and every coloured bar. */
static inline int text_clashes(const recorder *r, size_t i, const char *figure, double width,
                               int verbose)
{
    int n = 0;
    double ax[4], ay[4], bx[4], by[4];
    rec_text_corners(&r->t[i], ax, ay);
    for (size_t j = i + 1; j < r->nt; j++) {
        rec_text_corners(&r->t[j], bx, by);
        if (rec_quads_overlap(ax, ay, bx, by, 0.25)) {
            if (verbose)
                print_error("%s: '%s' overlaps '%s'\n", figure, r->t[i].s, r->t[j].s);
            n++;
        }
    }
    for (size_t k = 0; k < r->nm; k++) {
        marker_corners(&r->m[k], bx, by);
        if (rec_quads_overlap(ax, ay, bx, by, 0.25)) {
            if (verbose)
                print_error("%s: '%s' overlaps a marker at (%.1f, %.1f)\n", figure, r->t[i].s,
                            r->m[k].x, r->m[k].y);
            n++;
            break;
        }
    }
    for (size_t k = 0; k < r->nr; k++) {
        const rec_rect *b = &r->r[k];
        if (!b->fill || is_white(b->colour) || b->w > 0.5 * width)
            continue; /* backgrounds and legend boxes hold text by design */
        int inside = 1; /* a bar's value printed inside its end: by design too */
        for (int q = 0; q < 4; q++)
            inside &= ax[q] >= b->x && ax[q] <= b->x + b->w && ay[q] >= b->y && ay[q] <= b->y + b->h;
        if (inside)
            continue;
        rec_box_corners(b->x, b->y, b->x + b->w, b->y + b->h, bx, by);
        if (rec_quads_overlap(ax, ay, bx, by, 0.25)) {
            if (verbose)
                print_error("%s: '%s' overlaps a bar at x %.1f\n", figure, r->t[i].s, b->x);
            n++;
        }
    }
    return n;
}

/* A legend box (white, drawn over the plot) against what came before it. */
static inline int legend_clashes(const recorder *r, const rec_rect *b, const char *figure,
                                 int verbose)
{
    int n = 0;
    double ax[4], ay[4], bx[4], by[4];
    rec_box_corners(b->x, b->y, b->x + b->w, b->y + b->h, ax, ay);
    for (size_t i = 0; i < b->markers_before; i++) {
        marker_corners(&r->m[i], bx, by);
        if (rec_quads_overlap(ax, ay, bx, by, 0.25)) {
            if (verbose)
                print_error("%s: a legend hides a marker at (%.1f, %.1f)\n", figure, r->m[i].x,
                            r->m[i].y);
            n++;
        }
    }
    for (size_t i = 0; i < b->texts_before; i++) {
        rec_text_corners(&r->t[i], bx, by);
        if (rec_quads_overlap(ax, ay, bx, by, 0.25)) {
            if (verbose)
                print_error("%s: a legend hides '%s'\n", figure, r->t[i].s);
            n++;
        }
    }
    return n;
}

/* Texts that reach past the chart's width x height (a title longer than
 * the room right of the row labels, say): cairo cuts them off. Returns
 * how many, printing each when verbose. */
static inline int rec_off_canvas(const recorder *r, const char *figure, double width, double height,
                                 int verbose)
{
    int n = 0;
    for (size_t i = 0; i < r->nt; i++) {
        double x[4], y[4];
        int out = 0;
        rec_text_corners(&r->t[i], x, y);
        for (int q = 0; q < 4; q++)
            out |= x[q] < -0.5 || x[q] > width + 0.5 || y[q] < -0.5 || y[q] > height + 0.5;
        if (out && verbose)
            print_error("%s: '%s' runs off the %gx%g chart\n", figure, r->t[i].s, width, height);
        n += out;
    }
    return n;
}

/* Every text against every other text, every marker and every coloured
 * bar; every legend box against what was drawn before it. Returns how
 * many clashes, printing each when verbose. */
static inline int clashes(const recorder *r, const char *figure, double width, int verbose)
{
    int n = 0;
    for (size_t i = 0; i < r->nt; i++)
        n += text_clashes(r, i, figure, width, verbose);
    for (size_t k = 0; k < r->nr; k++) {
        const rec_rect *b = &r->r[k];
        if (b->fill && is_white(b->colour) && b->w < width - 1.0)
            n += legend_clashes(r, b, figure, verbose);
    }
    return n;
}

/* Fails on the first of want[0..n) that text lacks, printing the whole
 * text first (cmocka cuts its message short). */
static inline void want_all(const char *text, const char *const *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(text, want[i]) == NULL) {
            fprintf(stderr, "%s\n", text);
            fail_msg("lacks '%s'", want[i]);
        }
}

static inline void load_fixture_schema(csv_table *t, const char *name, const csv_schema *schema)
{
    const char *dir = getenv("TESTS_DIR");
    char path[512];
    snprintf(path, sizeof path, "%s/fixtures/render/%s", dir != NULL ? dir : "tests", name);
    rl_error err = {{0}};
    if (csv_table_load(t, path, schema, &err) != 0)
        fail_msg("cannot load %s: %s (run from the repository root or set TESTS_DIR)", path,
                 err.text);
}

/* tests/fixtures/render/<name>, a model CSV */
static inline void load_fixture(csv_table *t, const char *name)
{
    load_fixture_schema(t, name, &MODEL_CSV_SCHEMA);
}

#endif
