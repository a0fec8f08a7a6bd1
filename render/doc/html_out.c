#include "html_out.h"

#include "html_svg.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char STYLE[] =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:62em;margin:2em auto;"
    "padding:0 1em;color:#1a1a1a;line-height:1.45}\n"
    "h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:1px solid #ccc;padding-bottom:.2em}\n"
    "table{border-collapse:collapse;margin:1em 0;font-size:.85em}\n"
    "th,td{border:1px solid #bbb;padding:.25em .5em}th{background:#eef1f5}\n"
    "tr:nth-child(even) td{background:#fafafa}\n"
    "td>strong:only-child{background:#ffebb3;padding:.05em .3em;border-radius:.2em}\n"
    "code,pre{font-family:'DejaVu Sans Mono',monospace;background:#f3f3f3}\n"
    "pre{padding:.6em;overflow-x:auto}\n"
    "blockquote{border-left:4px solid #c9a227;margin:1em 0;padding:.3em 1em;background:#fdf8e6}\n"
    "img,svg.figure{max-width:100%;height:auto}\n"
    "figure{margin:1.5em 0}figcaption{font-size:.9em;color:#333;margin-top:.4em}\n"
    ".table-wrap{overflow-x:auto;max-width:100%}\n"
    "nav.contents ul{list-style:none;padding-left:1.2em}nav.contents>ul{padding-left:0}\n";

#define OMITTED "<!-- raw HTML omitted -->"
#define MAX_HEADINGS 128

/* A heading of level 2 or 3, as the contents list it. */
typedef struct heading {
    int level;
    char *text; /* owned, plain text */
    char id[96];
} heading;

static void html_escape(sbuf *b, const char *s)
{
    for (; *s != '\0'; s++) {
        switch (*s) {
        case '<': sbuf_puts(b, "&lt;"); break;
        case '>': sbuf_puts(b, "&gt;"); break;
        case '&': sbuf_puts(b, "&amp;"); break;
        case '"': sbuf_puts(b, "&quot;"); break;
        default: sbuf_append(b, s, 1);
        }
    }
}

/* An id from the heading's text: its letters and digits in lower case,
 * every other run of characters one '-'; a repeated id gets "-2", "-3". */
static void make_id(heading *h, const heading *before, size_t n)
{
    char base[80];
    size_t len = 0;
    for (const char *p = h->text; *p != '\0' && len + 1 < sizeof base; p++) {
        if (isalnum((unsigned char)*p))
            base[len++] = (char)tolower((unsigned char)*p);
        else if (len > 0 && base[len - 1] != '-')
            base[len++] = '-';
    }
    while (len > 0 && base[len - 1] == '-')
        len--;
    base[len] = '\0';
    snprintf(h->id, sizeof h->id, "%s", len ? base : "section");
    for (int k = 2;; k++) {
        size_t i = 0;
        while (i < n && strcmp(before[i].id, h->id) != 0)
            i++;
        if (i == n)
            return;
        snprintf(h->id, sizeof h->id, "%s-%d", len ? base : "section", k);
    }
}

/* The headings of levels 2 and 3, as the PDF's contents list them. */
static size_t collect(const md_doc *doc, heading *h)
{
    size_t n = 0;
    for (cmark_node *c = cmark_node_first_child(doc->root); c != NULL && n < MAX_HEADINGS;
         c = cmark_node_next(c)) {
        int level =
            cmark_node_get_type(c) == CMARK_NODE_HEADING ? cmark_node_get_heading_level(c) : 0;
        if (level != 2 && level != 3)
            continue;
        sbuf b = {0};
        md_plain_text(c, &b);
        h[n].level = level;
        h[n].text = sbuf_take(&b);
        if (h[n].text == NULL)
            break;
        make_id(&h[n], h, n);
        n++;
    }
    return n;
}

/* 1 when the first raw HTML of the document, which cmark renders as
 * OMITTED, is the contents marker. */
static int marker_first(const md_doc *doc)
{
    cmark_iter *it = cmark_iter_new(doc->root);
    int found = 0;
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        if (ev == CMARK_EVENT_ENTER &&
            (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE)) {
            found = md_is_contents_marker(node);
            break;
        }
    }
    cmark_iter_free(it);
    return found;
}

static void contents(sbuf *out, const heading *h, size_t n)
{
    int open = 0; /* a level 2 item holds an open list of level 3 ones */
    sbuf_puts(out, "<nav class=\"contents\">\n<p><strong>Contents</strong></p>\n<ul>\n");
    for (size_t i = 0; i < n; i++) {
        sbuf_printf(out, "<li><a href=\"#%s\">", h[i].id);
        html_escape(out, h[i].text);
        sbuf_puts(out, "</a>");
        if (h[i].level == 2 && i + 1 < n && h[i + 1].level == 3) {
            sbuf_puts(out, "\n<ul>\n");
            open = 1;
            continue;
        }
        sbuf_puts(out, "</li>\n");
        if (open && (i + 1 == n || h[i + 1].level == 2)) {
            sbuf_puts(out, "</ul></li>\n");
            open = 0;
        }
    }
    sbuf_puts(out, "</ul>\n</nav>\n");
}

/* body with an id on every <h2> and <h3> (cmark writes them bare, in
 * document order) and the contents where the marker was. */
static void add_contents(const char *body, const heading *h, size_t n, int with_nav, sbuf *out)
{
    size_t next = 0;
    int nav_done = !with_nav;
    for (const char *p = body; *p != '\0';) {
        if (!nav_done && strncmp(p, OMITTED, strlen(OMITTED)) == 0) {
            contents(out, h, n);
            p += strlen(OMITTED);
            p += *p == '\n';
            nav_done = 1;
            continue;
        }
        if (next < n && p[0] == '<' && p[1] == 'h' && p[2] == '0' + h[next].level && p[3] == '>') {
            sbuf_printf(out, "<h%d id=\"%s\">", h[next].level, h[next].id);
            p += 4;
            next++;
            continue;
        }
        sbuf_append(out, p, 1);
        p++;
    }
}

static int lone_image(cmark_node *para)
{
    cmark_node *c = cmark_node_first_child(para);
    return cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH && c != NULL && cmark_node_next(c) == NULL &&
           cmark_node_get_type(c) == CMARK_NODE_IMAGE;
}

/* Appends node as cmark renders it; with strip_p, without the <p> and
 * </p> around a paragraph (a caption's words in a <figcaption>). */
static int render_node(const md_doc *doc, cmark_node *node, int strip_p, sbuf *b)
{
    char *html = cmark_render_html(node, MD_DOC_OPTIONS, md_doc_extensions(doc));
    if (html == NULL)
        return -1;
    size_t len = strlen(html);
    const char *p = html;
    if (strip_p && strncmp(p, "<p>", 3) == 0 && len >= 8 && strcmp(html + len - 5, "</p>\n") == 0) {
        p += 3;
        len -= 8;
    }
    sbuf_append(b, p, len);
    free(html);
    return 0;
}

/* A figure: the image's SVG inlined (ids prefixed "f<n>-"), or the image
 * as cmark writes it, then the caption. */
static int figure(const md_doc *doc, const html_out_options *opt, cmark_node *para, cmark_node *caption,
                  int n, sbuf *b)
{
    cmark_node *img = cmark_node_first_child(para);
    const char *url = cmark_node_get_url(img);
    size_t len = 0;
    const char *svg = opt->figure_svg != NULL && url != NULL ? opt->figure_svg(opt->figures_ctx, url, &len) : NULL;
    char prefix[32];
    snprintf(prefix, sizeof prefix, "f%d-", n);
    sbuf_puts(b, "<figure>\n");
    if (svg == NULL || html_svg_inline(svg, len, prefix, b) != 0) {
        if (render_node(doc, img, 0, b) != 0)
            return -1;
    }
    sbuf_puts(b, "\n");
    if (caption != NULL) {
        sbuf_puts(b, "<figcaption>");
        if (render_node(doc, caption, 1, b) != 0)
            return -1;
        sbuf_puts(b, "</figcaption>\n");
    }
    sbuf_puts(b, "</figure>\n");
    return 0;
}

/* The body, block by block: figures and tables wrapped, the rest as cmark
 * writes it. */
static int render_body(const md_doc *doc, const html_out_options *opt, sbuf *b)
{
    int nfig = 0;
    for (cmark_node *c = cmark_node_first_child(doc->root); c != NULL; c = cmark_node_next(c)) {
        int rc;
        if (lone_image(c)) {
            cmark_node *next = cmark_node_next(c);
            cmark_node *caption =
                next != NULL && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH && !lone_image(next) ? next : NULL;
            rc = figure(doc, opt, c, caption, ++nfig, b);
            if (caption != NULL)
                c = caption;
        } else if (md_is(c, "table")) {
            sbuf_puts(b, "<div class=\"table-wrap\">\n");
            rc = render_node(doc, c, 0, b);
            sbuf_puts(b, "</div>\n");
        } else {
            rc = render_node(doc, c, 0, b);
        }
        if (rc != 0)
            return -1;
    }
    return 0;
}

int html_out_write(const md_doc *doc, const html_out_options *opt, sbuf *out, rl_error *err)
{
    sbuf whole = {0};
    if (render_body(doc, opt, &whole) != 0 || whole.failed) {
        sbuf_free(&whole);
        return rl_error_set(err, "cannot render the report as html");
    }
    char *rendered = sbuf_take(&whole);
    if (rendered == NULL)
        return rl_error_set(err, "out of memory rendering the html");
    const char *title = opt->title != NULL ? opt->title : "";
    heading h[MAX_HEADINGS];
    size_t n = collect(doc, h);
    sbuf b = {0};
    add_contents(rendered, h, n, marker_first(doc), &b);
    free(rendered);
    for (size_t i = 0; i < n; i++)
        free(h[i].text);
    char *body = sbuf_take(&b);
    if (body == NULL)
        return rl_error_set(err, "out of memory rendering the html");
    sbuf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>");
    html_escape(out, title);
    sbuf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", STYLE);
    sbuf_puts(out, body);
    sbuf_puts(out, "</body>\n</html>\n");
    free(body);
    if (out->failed)
        return rl_error_set(err, "out of memory rendering the html");
    return 0;
}
