#include "xml_text.h"

#include <string.h>

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* The length of the character XML 1.0 allows at s (n bytes left), or 0;
 * *skip: the bytes one U+FFFD stands for (a whole character XML refuses,
 * else one byte that is not UTF-8). */
static size_t allowed_at(const unsigned char *s, size_t n, size_t *skip)
{
    unsigned c = s[0];
    *skip = 1;
    if (c < 0x80)
        return c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c < 0xC2 || c > 0xF4 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (c == 0xE0 && s[1] < 0xA0) /* overlong */
        return 0;
    if (c == 0xED && s[1] > 0x9F) /* surrogates */
        return 0;
    if (c == 0xF0 && s[1] < 0x90) /* overlong */
        return 0;
    if (c == 0xF4 && s[1] > 0x8F) /* past U+10FFFF */
        return 0;
    if (c == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF)) { /* U+FFFE, U+FFFF */
        *skip = 3;
        return 0;
    }
    return len;
}

void xml_text_clean(sbuf *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, start = 0;
    while (i < len) {
        if (p[i] >= 0x20 && p[i] < 0x80) { /* the common case, in runs */
            i++;
            continue;
        }
        size_t skip, n = allowed_at(p + i, len - i, &skip);
        if (n > 0) {
            i += n;
            continue;
        }
        sbuf_append(b, s + start, i - start);
        sbuf_append(b, REPLACEMENT, sizeof REPLACEMENT - 1);
        i += skip;
        start = i;
    }
    sbuf_append(b, s + start, len - start);
}

void xml_text_escape(sbuf *b, const char *s, int apos)
{
    const char *run = s;
    for (const char *p = s; *p != '\0'; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '<': esc = "&lt;"; break;
        case '>': esc = "&gt;"; break;
        case '&': esc = "&amp;"; break;
        case '"': esc = "&quot;"; break;
        case '\'': esc = apos ? "&apos;" : NULL; break;
        default: break;
        }
        if (esc == NULL)
            continue;
        xml_text_clean(b, run, (size_t)(p - run));
        sbuf_puts(b, esc);
        run = p + 1;
    }
    xml_text_clean(b, run, strlen(run));
}
