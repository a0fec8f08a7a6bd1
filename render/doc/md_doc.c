#include "md_doc.h"

#include <cmark-gfm-core-extensions.h>
#include <string.h>

int md_doc_parse(md_doc *doc, const char *markdown, size_t len, rl_error *err)
{
    memset(doc, 0, sizeof *doc);
    cmark_gfm_core_extensions_ensure_registered();
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    if (table == NULL)
        return rl_error_set(err, "cmark-gfm has no table extension");
    doc->parser = cmark_parser_new(MD_DOC_OPTIONS);
    if (doc->parser == NULL)
        return rl_error_set(err, "out of memory parsing the report");
    if (cmark_parser_attach_syntax_extension(doc->parser, table) == 0) {
        md_doc_free(doc);
        return rl_error_set(err, "cannot attach the cmark-gfm table extension");
    }
    cmark_parser_feed(doc->parser, markdown, len);
    doc->root = cmark_parser_finish(doc->parser);
    if (doc->root == NULL) {
        md_doc_free(doc);
        return rl_error_set(err, "cannot parse the report's markdown");
    }
    return 0;
}

void md_doc_free(md_doc *doc)
{
    if (doc->root != NULL)
        cmark_node_free(doc->root);
    if (doc->parser != NULL)
        cmark_parser_free(doc->parser);
    memset(doc, 0, sizeof *doc);
}

cmark_llist *md_doc_extensions(const md_doc *doc)
{
    return cmark_parser_get_syntax_extensions(doc->parser);
}

int md_is(cmark_node *node, const char *type_string)
{
    return strcmp(cmark_node_get_type_string(node), type_string) == 0;
}

void md_plain_text(cmark_node *node, sbuf *out)
{
    for (cmark_node *c = cmark_node_first_child(node); c != NULL; c = cmark_node_next(c)) {
        cmark_node_type type = cmark_node_get_type(c);
        if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)
            sbuf_puts(out, cmark_node_get_literal(c));
        else if (type == CMARK_NODE_SOFTBREAK)
            sbuf_puts(out, " ");
        else
            md_plain_text(c, out);
    }
}

void md_doc_first_heading(const md_doc *doc, sbuf *out)
{
    for (cmark_node *c = cmark_node_first_child(doc->root); c != NULL; c = cmark_node_next(c))
        if (cmark_node_get_type(c) == CMARK_NODE_HEADING) {
            md_plain_text(c, out);
            return;
        }
}

int md_is_contents_marker(cmark_node *node)
{
    const char *lit = cmark_node_get_literal(node);
    if (cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK || lit == NULL)
        return 0;
    while (*lit == ' ')
        lit++;
    return strncmp(lit, MD_CONTENTS_MARKER, strlen(MD_CONTENTS_MARKER)) == 0;
}
