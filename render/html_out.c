#include "html_out.h"

#include <stdlib.h>

static const char STYLE[] =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:62em;margin:2em auto;"
    "padding:0 1em;color:#1a1a1a;line-height:1.45}\n"
    "h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:1px solid #ccc;padding-bottom:.2em}\n"
    "table{border-collapse:collapse;margin:1em 0;font-size:.85em}\n"
    "th,td{border:1px solid #bbb;padding:.25em .5em}th{background:#eef1f5}\n"
    "tr:nth-child(even) td{background:#fafafa}\n"
    "code,pre{font-family:'DejaVu Sans Mono',monospace;background:#f3f3f3}\n"
    "pre{padding:.6em;overflow-x:auto}\n"
    "blockquote{border-left:4px solid #c9a227;margin:1em 0;padding:.3em 1em;background:#fdf8e6}\n"
    "img{max-width:100%;height:auto}\n";

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

int html_out_write(const md_doc *doc, const char *title, sbuf *out, rl_error *err)
{
    char *body = cmark_render_html(doc->root, MD_DOC_OPTIONS, md_doc_extensions(doc));
    if (body == NULL)
        return rl_error_set(err, "cannot render the report as html");
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
