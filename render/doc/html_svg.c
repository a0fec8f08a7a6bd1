#include "html_svg.h"

#include <string.h>

static int starts(const char *p, const char *end, const char *s)
{
    size_t n = strlen(s);
    return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

int html_svg_inline(const char *svg, size_t len, const char *prefix, sbuf *out)
{
    const char *end = svg + len, *p = svg;
    while (p < end && !starts(p, end, "<svg"))
        p++; /* the XML declaration and anything else before the element */
    if (p == end)
        return -1;
    sbuf_puts(out, "<svg role=\"img\" class=\"figure\"");
    p += 4;
    /* Each reference form, and what comes before the name it refers to. */
    static const char *const REFS[] = {" id=\"", "href=\"#", "url(#"};
    const char *q = p; /* bytes [p, q) wait to be copied as they are */
    while (q < end) {
        size_t k = 0;
        while (k < sizeof REFS / sizeof REFS[0] && !starts(q, end, REFS[k]))
            k++;
        if (k == sizeof REFS / sizeof REFS[0]) {
            q++;
            continue;
        }
        q += strlen(REFS[k]);
        sbuf_append(out, p, (size_t)(q - p));
        sbuf_puts(out, prefix);
        p = q;
    }
    sbuf_append(out, p, (size_t)(end - p));
    return 0;
}
