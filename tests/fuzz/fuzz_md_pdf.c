/* libFuzzer target: the report's Markdown into HTML and PDF, as render
 * does it: cmark-gfm parses (GFM tables, UTF-8 validated), html_out and
 * pdf_out walk the tree, libharu typesets with the DejaVu fonts embedded
 * ($RL_FONT_DIR, else the Debian folder). An image whose URL starts with
 * fig/ is a figure drawn through the libharu canvas; any other image is
 * an error, as in render. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"
#include "html_out.h"
#include "md_doc.h"
#include "pdf_out.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static render_fonts fonts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    rl_error err;
    if (render_fonts_find(NULL, &fonts, &err) != 0) {
        fprintf(stderr, "fuzz_md_pdf: %s\n", err.text);
        exit(1);
    }
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
    (void)html_out_write(&doc, sbuf_str(&title), &html, &err);
    pdf_out_options po = {&fonts, sbuf_str(&title), figure_for, NULL};
    if (pdf_out_write(&doc, &po, &pdf, &err) == 0 && (pdf.len < 5 || memcmp(pdf.data, "%PDF-", 5) != 0))
        abort();
    sbuf_free(&pdf);
    sbuf_free(&html);
    sbuf_free(&title);
    md_doc_free(&doc);
    return 0;
}
