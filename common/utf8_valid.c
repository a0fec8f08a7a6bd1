#include "utf8_valid.h"

/* Length of the well-formed sequence at s, or 0 (RFC 3629, table 3-7 of
 * the Unicode standard). */
static size_t sequence_len(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
    if (c == 0xE0)
        lo = 0xA0; /* overlong */
    else if (c == 0xED)
        hi = 0x9F; /* surrogates */
    else if (c == 0xF0)
        lo = 0x90; /* overlong */
    else if (c == 0xF4)
        hi = 0x8F; /* above U+10FFFF */
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

size_t utf8_invalid_at(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; p[i] != '\0';) {
        size_t n = sequence_len(p + i);
        if (n == 0)
            return i;
        i += n;
    }
    return (size_t)-1;
}

size_t utf8_column(const char *s, size_t at)
{
    size_t col = 1;
    for (size_t i = 0; i < at; i++)
        col += ((unsigned char)s[i] & 0xC0) != 0x80; /* count lead bytes only */
    return col;
}

int utf8_check_text(const char *text, const char *path, rl_error *err)
{
    size_t bad = utf8_invalid_at(text);
    if (bad == (size_t)-1)
        return 0;
    long line = 1;
    size_t start = 0; /* of the bad byte's line */
    for (size_t i = 0; i < bad; i++)
        if (text[i] == '\n') {
            line++;
            start = i + 1;
        }
    return rl_error_set(err, "byte 0x%02X at column %zu is not UTF-8 (a Latin-1 file?); save it as UTF-8 (%s:%ld)",
                        (unsigned)(unsigned char)text[bad], utf8_column(text + start, bad - start), path,
                        line);
}
