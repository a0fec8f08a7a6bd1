/* render/png_encode: the PNG of a small RGB24 surface read back through
 * cairo's own PNG reader gives the same pixels, with a pHYs chunk of the
 * asked resolution (300 dpi = 11811 pixels per metre, by hand); a surface
 * of another format is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../render/canvas/png_encode.h"
#include "test_render_png_read.h"

static uint32_t be32(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 | (uint32_t)u[2] << 8 | u[3];
}

static void pixels_and_resolution_survive(void **state)
{
    (void)state;
    enum { W = 7, H = 5 }; /* odd sizes: the stride is wider than the row */
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    unsigned char *d = cairo_image_surface_get_data(s);
    const int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) /* every channel different: a swapped R and B shows */
            ((uint32_t *)(d + y * stride))[x] = (uint32_t)(37 * x + 11 * y) << 16 | (uint32_t)(200 - 9 * x) << 8 |
                                               (uint32_t)(5 + 40 * y);
    cairo_surface_mark_dirty(s);
    sbuf png = {0};
    rl_error err = {{0}};
    assert_int_equal(png_encode_rgb24(s, 300.0, &png, &err), 0);

    const char *phys = sbuf_find(&png, "pHYs", 4);
    assert_non_null(phys);
    assert_int_equal(be32(phys + 4), 11811);
    assert_int_equal(be32(phys + 8), 11811);
    assert_int_equal(phys[12], 1); /* per metre */

    cairo_surface_t *back = sbuf_png_surface(&png);
    assert_int_equal(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(back), W);
    assert_int_equal(cairo_image_surface_get_height(back), H);
    const unsigned char *b = cairo_image_surface_get_data(back);
    const int bstride = cairo_image_surface_get_stride(back);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            const uint32_t want = ((const uint32_t *)(d + y * stride))[x] & 0xffffffu;
            const uint32_t got = ((const uint32_t *)(b + y * bstride))[x] & 0xffffffu;
            if (got != want)
                fail_msg("pixel (%d, %d): %06x, want %06x", x, y, got, want);
        }
    cairo_surface_destroy(back);
    cairo_surface_destroy(s);
    sbuf_free(&png);
}

static void other_formats_are_refused(void **state)
{
    (void)state;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 4, 4);
    sbuf png = {0};
    rl_error err = {{0}};
    assert_int_equal(png_encode_rgb24(s, 300.0, &png, &err), -1);
    assert_non_null(strstr(err.text, "RGB24"));
    assert_int_equal(png.len, 0);
    cairo_surface_destroy(s);
    sbuf_free(&png);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pixels_and_resolution_survive),
        cmocka_unit_test(other_formats_are_refused),
    };
    return cmocka_run_group_tests_name("render_png", tests, NULL, NULL);
}
