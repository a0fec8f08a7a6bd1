#include "html_out.h"

#include "grow.h"
#include "html_svg.h"
#include "str_index.h"
#include "xml_text.h"

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

/* A heading of level 2 or 3, as the contents list it. There is no limit
 * on their number: past 128 the headings got no id and no entry in the
 * contents, silently (issue 18). */
typedef struct heading {
    int level;
    char *text; /* owned, plain text */
    char id[96];
} heading;

typedef struct headings {
    heading *v;
    size_t n, cap;
    str_index ids;   /* the ids given so far */
    str_index bases; /* base id -> its next suffix */
    int *next;       /* per base: the next suffix to try */
    int failed;
} headings;

/* &, <, > and " escaped, and what XML 1.0 cannot hold replaced: the
 * report's HTML is also well-formed XML (xml_text.h). */
static void html_escape(sbuf *b, const char *s)
{
    xml_text_escape(b, s, 0);
}

/* An id from the heading's text: its letters and digits in lower case,
 * every other run of characters one '-'; a repeated id gets "-2", "-3".
 * The ids given are kept in an index, and each base remembers its next
 * suffix: no scan of the headings before. */
static void make_id(headings *hs, heading *h)
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
    const char *b = len ? base : "section";
    snprintf(h->id, sizeof h->id, "%s", b);
    size_t before = hs->bases.count, k = STR_INDEX_NONE;
    char *owned = strdup(b); /* the index borrows its keys */
    if (owned != NULL)
        k = str_index_put(&hs->bases, (const char *const *)&owned);
    if (k == STR_INDEX_NONE) {
        free(owned);
        hs->failed = 1;
        return;
    }
    if (hs->bases.count == before)
        free(owned); /* known: the index keeps the first copy */
    else {
        int *next = realloc(hs->next, hs->bases.count * sizeof *next);
        if (next == NULL) {
            hs->failed = 1;
            return;
        }
        hs->next = next;
        hs->next[k] = 2;
    }
    for (;;) {
        const char *id = h->id;
        if (str_index_get(&hs->ids, &id) == STR_INDEX_NONE)
            break;
        snprintf(h->id, sizeof h->id, "%s-%d", b, hs->next[k]++);
    }
    char *given = strdup(h->id); /* h moves as the array grows: the index keeps a copy */
    if (given == NULL || str_index_put(&hs->ids, (const char *const *)&given) == STR_INDEX_NONE) {
        free(given);
        hs->failed = 1;
    }
}

static void headings_free(headings *hs)
{
    for (size_t i = 0; i < hs->n; i++)
        free(hs->v[i].text);
    for (size_t i = 0; i < hs->bases.count; i++)
        free((char *)hs->bases.keys[i]);
    for (size_t i = 0; i < hs->ids.count; i++)
        free((char *)hs->ids.keys[i]);
    str_index_free(&hs->ids);
    str_index_free(&hs->bases);
    free(hs->next);
    free(hs->v);
}

/* The headings of levels 2 and 3, as the PDF's contents list them. */
static int collect(const md_doc *doc, headings *hs)
{
    memset(hs, 0, sizeof *hs);
    str_index_init(&hs->ids, 1);
    str_index_init(&hs->bases, 1);
    for (cmark_node *c = cmark_node_first_child(doc->root); c != NULL && !hs->failed; c = cmark_node_next(c)) {
        int level =
            cmark_node_get_type(c) == CMARK_NODE_HEADING ? cmark_node_get_heading_level(c) : 0;
        if (level != 2 && level != 3)
            continue;
        if (hs->n == hs->cap) {
            heading *v = grow_array(hs->v, &hs->cap, sizeof *v, 64);
            if (v == NULL)
                return -1;
            hs->v = v;
        }
        sbuf b = {0};
        md_plain_text(c, &b);
        heading *h = &hs->v[hs->n];
        h->level = level;
        h->text = sbuf_take(&b);
        if (h->text == NULL)
            return -1;
        hs->n++;
        make_id(hs, h);
    }
    return hs->failed ? -1 : 0;
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
        size_t plain = strcspn(p, "<"); /* up to the next tag, in one append */
        if (plain > 0) {
            sbuf_append(out, p, plain);
            p += plain;
            continue;
        }
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
    headings hs;
    if (collect(doc, &hs) != 0) {
        headings_free(&hs);
        free(rendered);
        return rl_error_set(err, "out of memory rendering the html");
    }
    sbuf b = {0};
    add_contents(rendered, hs.v, hs.n, marker_first(doc), &b);
    free(rendered);
    headings_free(&hs);
    char *body = sbuf_take(&b);
    if (body == NULL)
        return rl_error_set(err, "out of memory rendering the html");
    sbuf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>");
    html_escape(out, title);
    sbuf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", STYLE);
    xml_text_clean(out, body, strlen(body)); /* cmark passes control characters through */
    sbuf_puts(out, "</body>\n</html>\n");
    free(body);
    if (out->failed)
        return rl_error_set(err, "out of memory rendering the html");
    return 0;
}
