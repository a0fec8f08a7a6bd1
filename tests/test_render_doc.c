/* The typesetter (render/doc/) on small Markdown documents made for each
 * rule, the pages read back with pdftotext (poppler-utils): a figure that
 * does not fit floats to the next page with its caption while the text
 * after it fills this one; no paragraph leaves one line alone at the foot
 * or the head of a page; a one-character word (a dagger) never wraps onto
 * a line of its own in a table; a verdict (a cell bold as a whole) is
 * tinted; the HTML inlines each figure's SVG in a <figure> with its
 * caption, and wraps tables to scroll. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../render/canvas/fonts.h"
#include "../render/doc/doc.h"

/* --- a test figure: 540 x 300 points with one word in it, "FIGMARK<id>",
 * so pdftotext shows which page it went to. */
static void draw_test_figure(const canvas *c, const void *arg, int id)
{
    (void)arg;
    char text[32];
    snprintf(text, sizeof text, "FIGMARK%d", id);
    canvas_text st = {CANVAS_FONT_REGULAR, 12.0, 0.0, 0.0, 0.0};
    c->set_colour(c->impl, (canvas_colour){0.2, 0.2, 0.2, 1.0});
    c->rect(c->impl, 0.0, 0.0, 540.0, 300.0, 0);
    c->text(c->impl, &st, 20.0, 150.0, text);
}

static int test_figures(void *ctx, const char *url, pdf_figure *fig, rl_error *err)
{
    (void)ctx;
    int id = 0;
    if (sscanf(url, "fig/t%d.png", &id) != 1)
        return rl_error_set(err, "not a test figure: %s", url);
    *fig = (pdf_figure){540.0, 300.0, draw_test_figure, NULL, id};
    return 0;
}

/* Typesets md (draft: quick, uncompressed) into a temporary file whose
 * path goes to path. */
static void typeset(const char *md, char *path, size_t size)
{
    render_fonts fonts;
    rl_error err = {{0}};
    if (render_fonts_find(NULL, &fonts, &err) != 0)
        fail_msg("%s", err.text);
    md_doc doc;
    assert_int_equal(md_doc_parse(&doc, md, strlen(md), &err), 0);
    pdf_out_options opt = {&fonts, "test", test_figures, NULL, 1};
    sbuf pdf = {0};
    if (pdf_out_write(&doc, &opt, &pdf, &err) != 0)
        fail_msg("%s", err.text);
    snprintf(path, size, "%s/test_render_doc.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, pdf.data, pdf.len), (ssize_t)pdf.len);
    close(fd);
    sbuf_free(&pdf);
    md_doc_free(&doc);
    render_fonts_free(&fonts);
}

/* The text of page `page` (1-based), or of every page when page is 0, as
 * pdftotext -layout reads it, into buf. Returns 0, or -1 past the end. */
static int page_text(const char *path, int page, char *buf, size_t size)
{
    char cmd[1024];
    if (page > 0)
        snprintf(cmd, sizeof cmd, "pdftotext -layout -f %d -l %d '%s' - 2>/dev/null", page, page, path);
    else
        snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' - 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(buf, 1, size - 1, p);
    buf[n] = '\0';
    int rc = pclose(p);
    return rc == 0 ? 0 : -1;
}

static int pages_of(const char *path)
{
    char cmd[1024], line[256];
    snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    int n = 0;
    while (fgets(line, sizeof line, p) != NULL)
        if (strncmp(line, "Pages:", 6) == 0)
            n = atoi(line + 6);
    pclose(p);
    return n;
}

static size_t count(const char *text, const char *word)
{
    size_t n = 0;
    for (const char *p = strstr(text, word); p != NULL; p = strstr(p + 1, word))
        n++;
    return n;
}

/* Filler paragraphs of one line each ("Filler k."), k from 1 to n. */
static void filler(sbuf *md, int n)
{
    for (int k = 1; k <= n; k++)
        sbuf_printf(md, "Filler %d.\n\n", k);
}

/* A figure about 300 / 540 of the text width high (268 points) that does not
 * fit under 33 lines of filler floats to page 2 with its caption; the
 * paragraph after it stays on page 1, in the room the figure left. */
static void figure_floats_with_its_caption(void **state)
{
    (void)state;
    sbuf md = {0};
    filler(&md, 33);
    sbuf_puts(&md, "![a test figure](fig/t1.png)\n\nCAPTIONWORD says what the figure shows.\n\n"
                   "AFTERWORD, the paragraph after the figure.\n\n");
    char path[512], buf[65536];
    typeset(sbuf_str(&md), path, sizeof path);
    assert_int_equal(page_text(path, 1, buf, sizeof buf), 0);
    assert_non_null(strstr(buf, "Filler 33."));
    assert_non_null(strstr(buf, "AFTERWORD")); /* the text fills page 1 */
    assert_null(strstr(buf, "FIGMARK1"));
    assert_int_equal(page_text(path, 2, buf, sizeof buf), 0);
    assert_non_null(strstr(buf, "FIGMARK1")); /* the figure tops page 2 */
    assert_non_null(strstr(buf, "CAPTIONWORD")); /* with its caption */
    assert_true(strstr(buf, "FIGMARK1") < strstr(buf, "CAPTIONWORD"));
    unlink(path);
    /* a figure that fits stays where it is, its caption under it */
    sbuf_free(&md);
    filler(&md, 3);
    sbuf_puts(&md, "![a test figure](fig/t2.png)\n\nCAPTIONWORD.\n\nAFTERWORD.\n");
    typeset(sbuf_str(&md), path, sizeof path);
    assert_int_equal(page_text(path, 1, buf, sizeof buf), 0);
    char *f = strstr(buf, "FIGMARK2"), *c = strstr(buf, "CAPTIONWORD"), *a = strstr(buf, "AFTERWORD");
    assert_true(f != NULL && c != NULL && a != NULL && strstr(buf, "Filler 3.") < f && f < c && c < a);
    assert_int_equal(pages_of(path), 1);
    unlink(path);
    /* a section's figures stay in it: a held figure goes before the next
     * section's heading */
    sbuf_free(&md);
    filler(&md, 33);
    sbuf_puts(&md, "![a test figure](fig/t3.png)\n\nCAPTIONWORD.\n\n## NEXTSECTION\n\nAFTERWORD.\n");
    typeset(sbuf_str(&md), path, sizeof path);
    assert_int_equal(page_text(path, 2, buf, sizeof buf), 0);
    f = strstr(buf, "FIGMARK3");
    char *h = strstr(buf, "NEXTSECTION");
    assert_true(f != NULL && h != NULL && f < h);
    unlink(path);
    sbuf_free(&md);
}

/* The lines of one paragraph, "Line k of the paragraph." (hard breaks),
 * after n filler lines: for every n around the page's end, neither page
 * holds exactly one of the paragraph's lines. */
static void no_line_alone_at_a_page_break(void **state)
{
    (void)state;
    int breaks = 0;
    for (int nfill = 30; nfill <= 42; nfill++)
        for (int lines = 2; lines <= 5; lines++) {
            sbuf md = {0};
            filler(&md, nfill);
            for (int k = 1; k <= lines; k++)
                sbuf_printf(&md, "Line %d of the paragraph.%s", k, k < lines ? "\\\n" : "\n\n");
            sbuf_puts(&md, "The end.\n");
            char path[512], buf[65536];
            typeset(sbuf_str(&md), path, sizeof path);
            assert_int_equal(page_text(path, 1, buf, sizeof buf), 0);
            size_t first = count(buf, "of the paragraph.");
            if (first > 0 && (int)first < lines) {
                breaks++;
                if (first == 1)
                    fail_msg("%d filler lines: the paragraph's first line alone at the foot of page 1", nfill);
                if (lines - (int)first == 1)
                    fail_msg("%d filler lines: the paragraph's last line alone at the head of page 2", nfill);
            }
            unlink(path);
            sbuf_free(&md);
        }
    assert_true(breaks > 0); /* some paragraph did break across the pages */
}

/* A table as wide as the page, whose narrow column holds "4.45 †": the
 * dagger stays beside its number. */
static void a_dagger_never_wraps_alone(void **state)
{
    (void)state;
    const char *md =
        "| device | mode | source | fp16 | w8a16 | w4a16 | w2a16 |\n"
        "| --- | --- | --- | ---: | ---: | ---: | ---: |\n"
        "| orin\\_nano\\_8gb | 7W | predicted: datasheet, the longest text of any cell here, and then some more "
        "words to fill the width | 4.45 † | 8.74 † | 16.4 | 25.1 |\n"
        "| h100\\_sxm | – | run 20261126T045831Z-881: measured ceiling + launch floor, and more words still "
        "to fill the line | 164 | 274 | 405 | 527 |\n";
    char path[512], buf[65536];
    typeset(md, path, sizeof path);
    assert_int_equal(page_text(path, 0, buf, sizeof buf), 0);
    for (char *line = strtok(buf, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char *dag = strstr(line, "†");
        while (dag != NULL) {
            const char *p = dag;
            while (p > line && p[-1] == ' ')
                p--;
            if (p == line || p[-1] < '0' || p[-1] > '9')
                fail_msg("a dagger without its number: '%s'", line);
            dag = strstr(dag + 1, "†");
        }
    }
    unlink(path);
}

/* A cell bold as a whole (md_table_row_strong) is tinted: its fill colour
 * is in the page's content; a table without one has none. */
static void a_verdict_cell_is_tinted(void **state)
{
    (void)state;
    sbuf md = {0};
    static const char *const head[] = {"claim", "verdict"};
    static const char *const row[] = {"INT8 about 2x", "holds"};
    md_table_header(&md, 2, head, NULL);
    md_table_row_strong(&md, 2, row, MD_STRONG(1));
    assert_string_equal(sbuf_str(&md), "| claim | verdict |\n| --- | --- |\n| INT8 about 2x | **holds** |\n");
    const char *plain = "| claim | verdict |\n| --- | --- |\n| INT8 about 2x | holds |\n";
    for (int k = 0; k < 2; k++) {
        char path[512];
        typeset(k == 0 ? sbuf_str(&md) : plain, path, sizeof path);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        static char pdf[1 << 20];
        size_t n = fread(pdf, 1, sizeof pdf - 1, f);
        pdf[n] = '\0';
        fclose(f);
        /* the tint, as libharu writes a fill colour: "1 0.92 0.7 rg" */
        int tinted = 0;
        for (size_t i = 0; i + 13 < n; i++)
            tinted |= memcmp(pdf + i, "1 0.92 0.7 rg", 13) == 0;
        assert_int_equal(tinted, k == 0);
        unlink(path);
    }
    sbuf_free(&md);
}

/* --- the HTML: one self-contained file */

static const char FAKE_SVG[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"540pt\">"
                               "<defs><symbol id=\"glyph0-1\"/><clipPath id=\"clip1\"/></defs>"
                               "<use xlink:href=\"#glyph0-1\"/><g clip-path=\"url(#clip1)\"/></svg>\n";

static const char *fake_svg(void *ctx, const char *url, size_t *len)
{
    (void)ctx;
    if (strcmp(url, "fig/t1.png") != 0 && strcmp(url, "fig/t2.png") != 0)
        return NULL; /* no SVG: the image stays an <img> */
    *len = strlen(FAKE_SVG);
    return FAKE_SVG;
}

static void html_inlines_figures_and_wraps_tables(void **state)
{
    (void)state;
    const char *md = "# Title\n\n![first](fig/t1.png)\n\nThe *first* caption.\n\n![second](fig/t2.png)\n\n"
                     "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n![third](fig/t3.png)\n";
    md_doc doc;
    rl_error err = {{0}};
    assert_int_equal(md_doc_parse(&doc, md, strlen(md), &err), 0);
    sbuf html = {0};
    html_out_options opt = {"Title", fake_svg, NULL};
    assert_int_equal(html_out_write(&doc, &opt, &html, &err), 0);
    const char *h = sbuf_str(&html);
    /* the first figure: its SVG inline, ids and references prefixed f1-,
     * no XML declaration; its caption, the next paragraph, a figcaption */
    const char *want1 = "<figure>\n<svg role=\"img\" class=\"figure\" xmlns=\"http://www.w3.org/2000/svg\" "
                        "width=\"540pt\"><defs><symbol id=\"f1-glyph0-1\"/><clipPath id=\"f1-clip1\"/></defs>"
                        "<use xlink:href=\"#f1-glyph0-1\"/><g clip-path=\"url(#f1-clip1)\"/></svg>\n\n"
                        "<figcaption>The <em>first</em> caption.</figcaption>\n</figure>\n";
    if (strstr(h, want1) == NULL)
        fail_msg("no first figure as wanted in:\n%s", h);
    /* the second: prefixed f2-, no caption (a table follows) */
    assert_non_null(strstr(h, "<symbol id=\"f2-glyph0-1\"/>"));
    assert_non_null(strstr(h, "url(#f2-clip1)\"/></svg>\n\n</figure>\n<div class=\"table-wrap\">\n<table>"));
    assert_null(strstr(h, "<?xml"));
    /* a figure without an SVG keeps its image */
    assert_non_null(strstr(h, "<figure>\n<img src=\"fig/t3.png\" alt=\"third\" />"));
    assert_non_null(strstr(h, ".table-wrap{overflow-x:auto"));
    sbuf_free(&html);
    md_doc_free(&doc);
}

int main(void)
{
    if (system("command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null") != 0) {
        fprintf(stderr, "test_render_doc: pdftotext and pdfinfo missing (poppler-utils)\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figure_floats_with_its_caption),
        cmocka_unit_test(no_line_alone_at_a_page_break),
        cmocka_unit_test(a_dagger_never_wraps_alone),
        cmocka_unit_test(a_verdict_cell_is_tinted),
        cmocka_unit_test(html_inlines_figures_and_wraps_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
