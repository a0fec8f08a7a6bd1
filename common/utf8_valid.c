#include "utf8_valid.h"

#include <stdio.h>

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

/* The code point of the well-formed sequence at s (sequence_len bytes). */
static unsigned decode_at(const unsigned char *s, size_t n)
{
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    unsigned cp = s[0] & lead_mask[n];
    for (size_t i = 1; i < n; i++)
        cp = (cp << 6) | (s[i] & 0x3Fu);
    return cp;
}

static int forbidden(unsigned cp, int newlines, const unsigned char *at)
{
    if (cp == '\t')
        return 0;
    if (newlines && (cp == '\n' || (cp == '\r' && at[1] == '\n')))
        return 0;
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFEFF;
}

size_t text_forbidden_at(const char *s, int newlines, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; p[i] != '\0';) {
        size_t n = sequence_len(p + i);
        if (n == 0) { /* not UTF-8: utf8_invalid_at's business, not ours */
            i++;
            continue;
        }
        unsigned c = decode_at(p + i, n);
        if (forbidden(c, newlines, p + i)) {
            *cp = c;
            return i;
        }
        i += n;
    }
    return (size_t)-1;
}

void text_forbidden_name(unsigned cp, char *buf, size_t size)
{
    static const char *const c0[32] = {
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "TAB", "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
        "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
    if (cp == 0xFEFF)
        snprintf(buf, size, "byte-order mark U+FEFF");
    else if (cp < 0x20)
        snprintf(buf, size, "control character U+%04X (%s)", cp, c0[cp]);
    else if (cp == 0x7F)
        snprintf(buf, size, "control character U+007F (DEL)");
    else
        snprintf(buf, size, "control character U+%04X", cp);
}

int text_check_controls(const char *text, const char *path, rl_error *err)
{
    unsigned cp;
    size_t bad = text_forbidden_at(text, 1, &cp);
    if (bad == (size_t)-1)
        return 0;
    long line = 1;
    size_t start = 0;
    for (size_t i = 0; i < bad; i++)
        if (text[i] == '\n') {
            line++;
            start = i + 1;
        }
    char what[64];
    text_forbidden_name(cp, what, sizeof what);
    return rl_error_set(err, "%s at column %zu: text here may hold no control character but tab and line breaks (%s:%ld)",
                        what, utf8_column(text + start, bad - start), path, line);
}
