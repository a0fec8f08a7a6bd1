/* The issue roofs (issue 15) on either roofline (chart_roofline.h): one
 * horizontal line per format, the rate its GEMV reached with the weights
 * in L2, where DRAM does not limit it; each named with its format and rate.
 * The line's looks are chart_style.c's (chart_issue_roof_stroke). */
#include <math.h>
#include <stdio.h>

#include "chart_roofline.h"
#include "formats.h"
#include "pick.h"

#define LABEL_GAP 3.0   /* between a label and its line */
#define LABEL_STEP 10.0 /* how far a label slides along its line per try */
#define LABEL_ROWS 3    /* rows of text a label may stand off its line */

/* 1 when line l shows in f: its height inside the y range, its start left
 * of the right edge. */
static int line_shows(const chart_frame *f, const chart_issue_line *l)
{
    return l->y > 0.0 && l->y >= f->y.lo && l->y <= f->y.hi && l->x0 < f->x.hi;
}

/* Its page x where it starts: where it meets the slope, or the left edge. */
static double line_start(const chart_frame *f, const chart_issue_line *l)
{
    return axis_map(&f->x, fmax(l->x0, f->x.lo));
}

void chart_issue_lines_draw(const canvas *c, const chart_frame *f, const chart_issue_line *lines, size_t n,
                            chart_boxes *placed)
{
    c->clip(c->impl, f->left, f->top, f->right - f->left, f->bottom - f->top);
    for (size_t i = 0; i < n; i++) {
        const chart_issue_line *l = &lines[i];
        if (!line_shows(f, l))
            continue;
        double px[2] = {line_start(f, l), f->right}, py = axis_map(&f->y, l->y);
        chart_issue_roof_stroke(c, chart_format_colour(l->format));
        c->line(c->impl, px, (double[]){py, py}, 2);
        if (placed != NULL)
            chart_boxes_add_line(placed, px, (double[]){py, py}, 2);
    }
    c->unclip(c->impl);
}

/* "issue w4a16_g128 52.3 TFLOP/s", then shorter for a narrow panel:
 * "w4a16_g128 52.3", "w4a16_g128". w8a8 multiplies integers: TOP/s. */
#define ISSUE_TEXTS 3
static void issue_texts(const chart_issue_line *l, char buf[ISSUE_TEXTS][96])
{
    const weight_format *wf = weight_format_find(l->format);
    const char *unit = wf != NULL && wf->act_bits == 8 ? "TOP/s" : "TFLOP/s";
    char v[32];
    fmt_sig3(v, sizeof v, l->tflops);
    snprintf(buf[0], sizeof buf[0], "issue %s %s %s", l->format, v, unit);
    snprintf(buf[1], sizeof buf[1], "%s %s", l->format, v);
    snprintf(buf[2], sizeof buf[2], "%s", l->format);
}

/* What a spot costs beyond what it covers: a row off its line, or hanging
 * left of where its line starts, reads as another line's label, worse than
 * crossing a line or two (weight 1 a piece) but better than covering a
 * point or a label (CHART_MARK_WEIGHT). */
#define ROW_COST 30
#define OFF_LINE_COST 50

/* The spot for text w wide beside the line at page y py that starts at
 * page x x0: above, then below, from the right edge leftwards, a row
 * further off each round; the one of least cost (what it covers, and the
 * costs above), the first on a tie. Returns the cost, (size_t)-1 when no
 * spot lies inside the plot. */
static size_t label_spot(const chart_frame *f, double x0, double py, double w, double cap,
                         const chart_boxes *placed, double *at_x, double *at_y)
{
    size_t best = (size_t)-1;
    for (int row = 0; row < LABEL_ROWS && best > 0; row++)
        for (double x = f->right - 4.0 - w; best > 0 && x >= fmax(f->left + 2.0, x0 - w); x -= LABEL_STEP)
            for (int below = 0; below < 2 && best > 0; below++) {
                double off = row * (cap + 3.0);
                double y = below ? py + LABEL_GAP + cap + off : py - LABEL_GAP - off; /* baseline */
                if (y - cap < f->top + 1.0 || y + 1.0 > f->bottom - 1.0)
                    continue;
                size_t cost = chart_boxes_hits(placed, x, y - cap - 1.0, x + w, y + 1.0) + (size_t)row * ROW_COST +
                              (x < x0 ? OFF_LINE_COST : 0);
                if (cost < best) {
                    best = cost;
                    *at_x = x;
                    *at_y = y;
                }
            }
    return best;
}

void chart_issue_labels_draw(const canvas *c, const chart_frame *f, const chart_issue_line *lines, size_t n,
                             int brief, chart_boxes *placed)
{
    canvas_text st = {CANVAS_FONT_REGULAR, CHART_FONT_LABEL, 0.0, 0.0, 0.0};
    /* lowest line first: with rates a few points apart, the lowest label
     * takes the room under its line and each next one the room above its
     * own, so the labels stack in the lines' order */
    enum { ORDER_MAX = 64 };
    size_t order[ORDER_MAX], m = n < ORDER_MAX ? n : ORDER_MAX;
    for (size_t i = 0; i < m; i++) {
        size_t j = i;
        for (; j > 0 && lines[order[j - 1]].y > lines[i].y; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    for (size_t o = 0; o < m; o++) {
        const chart_issue_line *l = &lines[order[o]];
        if (!line_shows(f, l))
            continue;
        char texts[ISSUE_TEXTS][96];
        issue_texts(l, texts);
        double py = axis_map(&f->y, l->y), x0 = line_start(f, l);
        size_t best = (size_t)-1;
        int pick = -1;
        double bx = 0.0, by = 0.0, w = 0.0, cap = 0.0;
        /* the full text; in a panel, the first shorter one that finds a
         * clear place (else the one covering least, the longer on a tie) */
        for (int k = 0; k < (brief ? ISSUE_TEXTS : 1) && best > 0; k++) {
            double tw, tcap, x, y;
            c->text_extents(c->impl, &st, texts[k], &tw, &tcap);
            size_t hits = label_spot(f, x0, py, tw, tcap, placed, &x, &y);
            if (hits != (size_t)-1 && (pick < 0 || hits < best)) {
                best = hits;
                pick = k;
                bx = x;
                by = y;
                w = tw;
                cap = tcap;
            }
        }
        if (pick < 0)
            continue; /* no room inside the plot: the legend and the table still say it */
        c->set_colour(c->impl, chart_issue_label_colour(l->format));
        c->text(c->impl, &st, bx, by, texts[pick]);
        chart_boxes_add(placed, bx, by - cap - 1.0, bx + w, by + 1.0);
    }
}
