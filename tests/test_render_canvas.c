/* The two canvas backends and the chart files: cairo and libharu measure
 * text alike (so a chart lays out the same in the PNG and in the report
 * PDF), the libharu canvas draws vectors and text, never an image, and the
 * PNG, SVG and PDF of every figure are what they claim to be: the size,
 * some ink in several colours, the SVG's title and description. Needs the
 * DejaVu fonts (RL_FONT_DIR or the Debian folder), as render does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <hpdf.h>

#include "../render/canvas/cairo_font.h"
#include "../render/canvas/canvas_cairo.h"
#include "../render/canvas/canvas_haru.h"
#include "../render/canvas/fonts.h"
#include "../render/charts/chart_output.h"
#include "../render/charts/figures.h"
#include "../render/charts/inputs.h"
#include "csv_table.h"
#include "test_render_png_read.h"

typedef struct fixture {
    render_fonts fonts;
    csv_table table, summary, decode;
    figure_set figs;
} fixture;

/* model's three outputs for the newest archived run, so every figure has
 * its data (tests/fixtures/render/README.md). */
static int load(csv_table *t, const char *name, const csv_schema *schema, rl_error *err)
{
    const char *dir = getenv("TESTS_DIR");
    char path[512];
    snprintf(path, sizeof path, "%s/fixtures/render/%s", dir != NULL ? dir : "tests", name);
    return csv_table_load(t, path, schema, err);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    rl_error err = {{0}};
    if (f == NULL || render_fonts_find(NULL, &f->fonts, &err) != 0 ||
        load(&f->table, "model_h100_full.csv", &MODEL_CSV_SCHEMA, &err) != 0 ||
        load(&f->summary, "summary_h100_full.csv", &RENDER_SUMMARY_SCHEMA, &err) != 0 ||
        load(&f->decode, "decode_h100_full.csv", &RENDER_DECODE_SCHEMA, &err) != 0 ||
        figure_set_build(&(render_tables){&f->table, &f->summary, &f->decode, NULL}, &f->figs, &err) !=
            0) {
        print_error("setup: %s\n", err.text);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    figure_set_free(&f->figs);
    csv_table_free(&f->table);
    csv_table_free(&f->summary);
    csv_table_free(&f->decode);
    render_fonts_free(&f->fonts);
    free(f);
    return 0;
}

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
    (void)detail;
    *(HPDF_STATUS *)user = e;
}

/* A PDF of one A4 page, uncompressed so its drawing can be read. */
static HPDF_Doc new_pdf(const render_fonts *fonts, HPDF_STATUS *error, HPDF_Font font[2])
{
    HPDF_Doc pdf = HPDF_New(on_error, error);
    assert_non_null(pdf);
    HPDF_UseUTFEncodings(pdf);
    for (int i = 0; i < 2; i++) {
        const char *name = HPDF_LoadTTFontFromFile(pdf, fonts->path[i], HPDF_TRUE);
        assert_non_null(name);
        font[i] = HPDF_GetFont(pdf, name, "UTF-8");
        assert_non_null(font[i]);
    }
    return pdf;
}

static void text_metrics_match_across_backends(void **state)
{
    fixture *f = *state;
    rl_error err = {{0}};
    cairo_font_face_t *reg = cairo_font_load(f->fonts.path[FONT_REGULAR], &err);
    cairo_font_face_t *bold = cairo_font_load(f->fonts.path[FONT_BOLD], &err);
    assert_non_null(reg);
    assert_non_null(bold);
    /* A raster surface at 300 dpi: hinting would round its advances to
     * device pixels if the backend let it. */
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 64);
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, 300.0 / 72.0, 300.0 / 72.0);
    canvas cc, ch;
    canvas_cairo cst;
    canvas_haru hst;
    canvas_cairo_init(&cc, &cst, cr, reg, bold);
    HPDF_STATUS error = 0;
    HPDF_Font font[2];
    HPDF_Doc pdf = new_pdf(&f->fonts, &error, font);
    HPDF_Page page = HPDF_AddPage(pdf);
    canvas_haru_begin(&ch, &hst, pdf, page, font[0], font[1], 0.0, 800.0, 0.9);
    static const char *const texts[] = {"Arithmetic intensity (flop/byte)",
                                        "w4a16_g128_zp",
                                        "16384×16384",
                                        "|error| ≤ 10 %",
                                        "Time per call (µs)",
                                        "10⁵",
                                        "cuda_fp32 peak 66.9 TFLOP/s"};
    static const double sizes[] = {7.5, 8.0, 11.0};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        for (size_t k = 0; k < 3; k++)
            for (int b = 0; b < 2; b++) {
                canvas_text st = {b ? CANVAS_FONT_BOLD : CANVAS_FONT_REGULAR, sizes[k], 0, 0, 0};
                double wc, capc, wh, caph;
                cc.text_extents(cc.impl, &st, texts[i], &wc, &capc);
                ch.text_extents(ch.impl, &st, texts[i], &wh, &caph);
                /* libharu keeps advances in whole thousandths of an em, cut
                 * down: at most 0.001 em a character narrower. */
                double tol = 0.001 * sizes[k] * (double)strlen(texts[i]) + 1e-6;
                if (fabs(wc - wh) > tol)
                    fail_msg("'%s' at %.1f pt: cairo %.4f pt wide, libharu %.4f", texts[i],
                             sizes[k], wc, wh);
                assert_true(fabs(capc - caph) <= 0.01 * capc);
                assert_true(wc > 0.3 * sizes[k] * 3.0);
            }
    canvas_haru_end(&hst);
    assert_int_equal(error, 0);
    HPDF_Free(pdf);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    cairo_font_face_destroy(reg);
    cairo_font_face_destroy(bold);
}

/* Every figure drawn by libharu: path and text operators, no image. */
static void haru_figures_are_vectors(void **state)
{
    fixture *f = *state;
    HPDF_STATUS error = 0;
    HPDF_Font font[2];
    HPDF_Doc pdf = new_pdf(&f->fonts, &error, font);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
    for (int id = 0; id < FIG_COUNT; id++) {
        HPDF_Page page = HPDF_AddPage(pdf);
        canvas c;
        canvas_haru st;
        canvas_haru_begin(&c, &st, pdf, page, font[0], font[1], 20.0, 800.0, 0.9);
        figure_draw(&c, &f->figs, (figure_id)id);
        canvas_haru_end(&st);
    }
    assert_int_equal(error, 0);
    assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    char *buf = malloc(size + 1);
    assert_non_null(buf);
    assert_int_equal(HPDF_ReadFromStream(pdf, (HPDF_BYTE *)buf, &size), HPDF_OK);
    buf[size] = '\0';
    for (HPDF_UINT32 i = 0; i < size; i++)
        if (buf[i] == '\0')
            buf[i] = ' '; /* font data holds NULs: keep strstr going */
    assert_null(strstr(buf, "/Subtype /Image"));
    assert_null(strstr(buf, " Do\n"));   /* no XObject painted at all */
    assert_non_null(strstr(buf, " Tj")); /* text shown as text */
    assert_non_null(strstr(buf, " re\n"));
    assert_non_null(strstr(buf, " l\n"));
    assert_non_null(strstr(buf, " Tm\n")); /* turned axis titles */
    /* Page count: one per figure. */
    size_t pages = 0;
    for (const char *p = buf; (p = strstr(p, "/Type /Page\n")) != NULL; p++)
        pages++;
    assert_int_equal(pages, FIG_COUNT);
    free(buf);
    HPDF_Free(pdf);
}

/* Distinct colours among the non-white pixels (up to max), and the share
 * of pixels that are not white. */
static void ink(cairo_surface_t *s, size_t max, size_t *colours, double *share)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    uint32_t seen[64];
    size_t n = 0, inked = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t v = *(const uint32_t *)(px + (size_t)y * stride + 4 * (size_t)x) & 0xffffffu;
            if (v == 0xffffffu)
                continue;
            inked++;
            size_t i = 0;
            while (i < n && seen[i] != v)
                i++;
            if (i == n && n < max && n < 64)
                seen[n++] = v;
        }
    *colours = n;
    *share = (double)inked / ((double)w * h);
}

static void pngs_have_size_and_ink(void **state)
{
    fixture *f = *state;
    chart_writer w = {0};
    rl_error err = {{0}};
    assert_int_equal(chart_writer_open(&w, &f->fonts, &err), 0);
    for (int id = 0; id < FIG_COUNT; id++) {
        sbuf png = {0};
        assert_int_equal(chart_png(&w, &f->figs, (figure_id)id, 300.0, &png, &err), 0);
        assert_memory_equal(png.data, "\x89PNG\r\n\x1a\n", 8);
        assert_non_null(sbuf_find(&png, "pHYs", 4));
        cairo_surface_t *s = sbuf_png_surface(&png);
        assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
        double wpt, hpt;
        figure_size((figure_id)id, &wpt, &hpt);
        assert_int_equal(cairo_image_surface_get_width(s), (int)lround(wpt * 300.0 / 72.0));
        assert_int_equal(cairo_image_surface_get_height(s), (int)lround(hpt * 300.0 / 72.0));
        size_t colours;
        double share;
        ink(s, 64, &colours, &share);
        /* Text, grid and data: some ink, far from all of it, in colour. */
        if (share < 0.02 || share > 0.6 || colours < 12)
            fail_msg("%s.png: %.1f %% inked, %zu colours", figure_name((figure_id)id),
                     100.0 * share, colours);
        cairo_surface_destroy(s);
        sbuf_free(&png);
    }
    chart_writer_close(&w);
}

static void svgs_and_pdfs_describe_themselves(void **state)
{
    fixture *f = *state;
    chart_writer w = {0};
    rl_error err = {{0}};
    assert_int_equal(chart_writer_open(&w, &f->fonts, &err), 0);
    for (int id = 0; id < FIG_COUNT; id++) {
        sbuf svg = {0}, pdf = {0};
        char title[256], want[320];
        double wpt, hpt;
        figure_size((figure_id)id, &wpt, &hpt);
        figure_title(&f->figs, (figure_id)id, title, sizeof title);
        assert_int_equal(chart_svg(&w, &f->figs, (figure_id)id, &svg, &err), 0);
        const char *s = sbuf_str(&svg);
        const char *open = strstr(s, "<svg");
        assert_non_null(open);
        snprintf(want, sizeof want, "width=\"%gpt\" height=\"%gpt\"", wpt, hpt);
        assert_non_null(strstr(open, want));
        snprintf(want, sizeof want, "<title>%s</title>", title);
        /* title and desc come first inside <svg>, before any drawing */
        const char *t = strstr(s, want), *d = strstr(s, "<desc>"), *first_path = strstr(s, "<path");
        assert_non_null(t);
        assert_non_null(d);
        assert_true(t < first_path && d < first_path);
        assert_non_null(strstr(s, "</svg>"));
        assert_non_null(strstr(s, "<use xlink:href=\"#glyph")); /* text, as glyphs */
        assert_int_equal(chart_pdf(&w, &f->figs, (figure_id)id, &pdf, &err), 0);
        assert_memory_equal(pdf.data, "%PDF-", 5);
        sbuf_free(&svg);
        sbuf_free(&pdf);
    }
    chart_writer_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_metrics_match_across_backends),
        cmocka_unit_test(haru_figures_are_vectors),
        cmocka_unit_test(pngs_have_size_and_ink),
        cmocka_unit_test(svgs_and_pdfs_describe_themselves),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
