/* libFuzzer target: the report's Markdown into HTML and PDF, as render
 * does it: cmark-gfm parses (GFM tables, UTF-8 validated), html_out and
 * pdf_out walk the tree, libharu typesets. An image whose URL starts with
 * fig/ is a figure drawn through the libharu canvas; any other image is
 * an error, as in render.
 *
 * Speed (tests/fuzz/README.md): the fonts are $RL_FONT_DIR when set, else
 * the subset that make fuzz-build writes beside this binary (fonts/, by
 * tests/fuzz/fonts.sh), else the Debian folder. Each PDF is a draft
 * (pdf_out.h: no compression, fonts not embedded), except for inputs whose
 * length is a multiple of 16: those are compressed and embed their fonts,
 * as render's PDF does. The choice depends on the input alone, so a crash
 * replays from its input. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "canvas/fonts.h"
#include "doc/html_out.h"
#include "doc/md_doc.h"
#include "doc/pdf_out.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static render_fonts fonts;

/* <folder of this binary>/fonts when it holds the regular font, else NULL. */
static const char *subset_fonts(void)
{
    static char dir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 32);
    if (n <= 0)
        return NULL;
    dir[n] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash == NULL)
        return NULL;
    strcpy(slash, "/fonts/DejaVuSans.ttf");
    struct stat st;
    if (stat(dir, &st) != 0)
        return NULL;
    slash[sizeof "/fonts" - 1] = '\0';
    return dir;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *env = getenv("RL_FONT_DIR");
    const char *dir = env != NULL && env[0] != '\0' ? NULL : subset_fonts();
    rl_error err;
    if (render_fonts_find(dir, &fonts, &err) != 0) {
        fprintf(stderr, "fuzz_md_pdf: %s\n", err.text);
        exit(1);
    }
    fprintf(stderr, "fuzz_md_pdf: fonts %s\n", fonts.path[FONT_REGULAR]);
    return 0;
}

/* A small chart's worth of every canvas call. */
static void draw_figure(const canvas *c, const void *arg, int id)
{
    (void)arg;
    const double x[3] = {0, 50, 100}, y[3] = {0, 30 + id, 60};
    canvas_text style = {CANVAS_FONT_BOLD, 8, 0.5, 0.5, 90};
    double w, h;
    c->set_colour(c->impl, (canvas_colour){0.2, 0.4, 0.6, 1});
    c->set_stroke(c->impl, 1.5, (const double[]){3, 2}, 2);
    c->clip(c->impl, 5, 5, 90, 50);
    c->line(c->impl, x, y, 3);
    c->polygon(c->impl, x, y, 3, 1);
    c->marker(c->impl, MARKER_STAR, 50, 30, 6, 1);
    c->unclip(c->impl);
    c->rect(c->impl, 0, 0, 100, 60, 0);
    c->text_extents(c->impl, &style, "GFLOP/s µs ×", &w, &h);
    c->text(c->impl, &style, 10, 30, "GFLOP/s µs ×");
}

static int figure_for(void *ctx, const char *url, pdf_figure *fig, rl_error *err)
{
    (void)ctx;
    if (strncmp(url, "fig/", 4) != 0)
        return rl_error_set(err, "image %s is not a figure", url);
    *fig = (pdf_figure){100, 60, draw_figure, NULL, (int)strlen(url)};
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rl_error err;
    md_doc doc;
    if (md_doc_parse(&doc, (const char *)data, size, &err) != 0)
        return 0;
    sbuf title = {0}, html = {0}, pdf = {0};
    md_doc_first_heading(&doc, &title);
    (void)html_out_write(&doc, &(html_out_options){sbuf_str(&title), NULL, NULL}, &html, &err);
    pdf_out_options po = {.fonts = &fonts, .title = sbuf_str(&title), .figures = figure_for,
                          .draft = size % 16 != 0};
    if (pdf_out_write(&doc, &po, &pdf, &err) == 0 && (pdf.len < 5 || memcmp(pdf.data, "%PDF-", 5) != 0))
        abort();
    sbuf_free(&pdf);
    sbuf_free(&html);
    sbuf_free(&title);
    md_doc_free(&doc);
    return 0;
}
