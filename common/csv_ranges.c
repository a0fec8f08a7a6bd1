#include "csv_ranges.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Columns measured on real hardware: ranges far around any device. */
static const struct {
    const char *column;
    csv_range range;
} MEASURED[] = {
    /* a picosecond to 11.6 days a call; 0 (never a median: model_row.h) */
    {"time_us_median", {1, 1e-6, 1e12}},
    {"time_us_min", {1, 1e-6, 1e12}},
    {"time_us_p90", {1, 1e-6, 1e12}},
    /* a call that ran used energy: empty when there is no sensor, never 0 */
    {"energy_uj", {0, 1e-6, 1e15}},
    {"power_w_avg", {1, 1e-6, 1e6}},
    {"idle_power_w", {1, 1e-6, 1e6}},
    {"power_limit_w", {1, 1e-6, 1e6}},
    {"sm_clock_mhz", {1, 1e-6, 1e6}},
    {"mem_clock_mhz", {1, 1e-6, 1e6}},
    {"sm_clock_mhz_min", {1, 1e-6, 1e6}},
    {"sm_clock_mhz_max", {1, 1e-6, 1e6}},
};

csv_range csv_range_of(const csv_column *col)
{
    for (size_t i = 0; i < sizeof MEASURED / sizeof MEASURED[0]; i++)
        if (strcmp(MEASURED[i].column, col->name) == 0)
            return MEASURED[i].range;
    if (col->type == CSV_COUNT)
        return (csv_range){1, 1.0, (double)UINT64_MAX};
    return (csv_range){1, 1e-100, 1e100};
}

/* "0, or 1e-06 to 1e+12 us" */
static void range_words(const csv_column *col, char *buf, size_t size)
{
    csv_range r = csv_range_of(col);
    const char *unit = col->unit[0] != '\0' ? col->unit : NULL;
    const char *zero = r.zero_ok ? "0, or " : "";
    if (col->type == CSV_REAL)
        snprintf(buf, size, "%s\u00B1%g to \u00B1%g%s%s", zero, r.min_pos, r.max, unit ? " " : "",
                 unit ? unit : "");
    else
        snprintf(buf, size, "%s%g to %g%s%s", zero, r.min_pos, r.max, unit ? " " : "", unit ? unit : "");
}

void csv_range_text(const csv_column *col, char *buf, size_t size)
{
    if (col->type == CSV_TEXT)
        snprintf(buf, size, "%s", "");
    else if (col->type == CSV_COUNT)
        snprintf(buf, size, "0 to %llu", (unsigned long long)UINT64_MAX);
    else
        range_words(col, buf, size);
}

static int all_digits(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s != '\0'; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* Plain decimal notation, what measure and model write and a spreadsheet
 * saves: [+-] digits [. digits] [e [+-] digits], or [+-] . digits ...
 * strtod also takes hexadecimal ("0x1p3"), "infinity", "nan(...)" and
 * leading white space; those were accepted and copied verbatim into the
 * model CSV (issue 18), where another reader may take them differently. */
static int decimal_syntax(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    size_t whole = strspn(s, "0123456789");
    s += whole;
    size_t frac = 0;
    if (*s == '.') {
        frac = strspn(s + 1, "0123456789");
        s += 1 + frac;
    }
    if (whole + frac == 0)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        size_t exp = strspn(s, "0123456789");
        if (exp == 0)
            return 0;
        s += exp;
    }
    return *s == '\0';
}

/* A decimal of at most 15 significant digits and an exponent within 22 of
 * them is read exactly by one multiplication or division of two doubles
 * that are exact (Clinger's fast path): the same double strtod gives, at a
 * fraction of its cost (30 cells a row: issue 18's million rows). 0 and
 * *out set; -1 for any other text, which strtod then reads (or refuses). */
static int fast_decimal(const char *s, double *out)
{
    static const double pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    int neg = *s == '-';
    if (*s == '+' || *s == '-')
        s++;
    uint64_t m = 0;
    int digits = 0, exp = 0, any = 0;
    for (; *s >= '0' && *s <= '9'; s++, any = 1)
        if (m != 0 || *s != '0') {
            if (++digits > 15)
                return -1;
            m = 10 * m + (uint64_t)(*s - '0');
        }
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++, any = 1) {
            exp--;
            if (m != 0 || *s != '0') {
                if (++digits > 15)
                    return -1;
                m = 10 * m + (uint64_t)(*s - '0');
            }
        }
    if (!any)
        return -1;
    if (*s == 'e' || *s == 'E') {
        s++;
        int eneg = *s == '-', e = 0, edigits = 0;
        if (*s == '+' || *s == '-')
            s++;
        for (; *s >= '0' && *s <= '9'; s++)
            if (++edigits > 4)
                return -1;
            else
                e = 10 * e + (*s - '0');
        if (edigits == 0)
            return -1;
        exp += eneg ? -e : e;
    }
    if (*s != '\0' || (m != 0 && (exp < -22 || exp > 22)))
        return -1;
    double v = (double)m; /* exact: fewer than 2^53 */
    v = exp < 0 ? v / pow10[-exp] : v * pow10[exp];
    *out = neg ? -v : v;
    return 0;
}

int csv_parse_real(const char *text, double *out)
{
    if (text != NULL && fast_decimal(text, out) == 0)
        return 0;
    if (text == NULL || *text == '\0' || !decimal_syntax(text))
        return -1;
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (*end != '\0' || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int csv_parse_count(const char *text, uint64_t *out)
{
    if (text == NULL || *text < '0' || *text > '9')
        return -1;
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (*end != '\0' || errno == ERANGE)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int csv_count_overflows(const char *text)
{
    uint64_t u;
    return all_digits(text) && csv_parse_count(text, &u) != 0;
}

static int count_check(const char *text, char *why, size_t size)
{
    uint64_t u;
    if (csv_parse_count(text, &u) == 0)
        return 0;
    if (csv_count_overflows(text))
        snprintf(why, size, "'%.40s%s' is larger than %llu, the largest integer accepted", text,
                 strlen(text) > 40 ? "..." : "", (unsigned long long)UINT64_MAX);
    else
        snprintf(why, size, "'%.40s' is not an integer >= 0", text);
    return -1;
}

int csv_value_check(const csv_column *col, const char *text, char *why, size_t size)
{
    csv_range r = csv_range_of(col);
    csv_value v;
    return csv_value_parse(col, &r, text, &v, why, size);
}

int csv_value_parse(const csv_column *col, const csv_range *r, const char *text, csv_value *out, char *why,
                    size_t size)
{
    if (col->type == CSV_TEXT)
        return 0;
    if (col->type == CSV_COUNT) {
        if (count_check(text, why, size) != 0)
            return -1;
        return csv_parse_count(text, &out->count);
    }
    const char *words = col->type == CSV_REAL ? "a finite number" : "a finite number >= 0";
    double v;
    int range_error = 0;
    if (fast_decimal(text, &v) != 0) {
        char *end = NULL;
        errno = 0;
        v = strtod(text, &end);
        range_error = errno == ERANGE; /* beyond 1.8e308, or below 2.2e-308: subnormal or 0 */
        if (text[0] == '\0' || *end != '\0' || isnan(v) || (isinf(v) && !range_error)) {
            snprintf(why, size, "'%.40s' is not %s", text, words);
            return -1;
        }
    }
    if (!decimal_syntax(text)) { /* strtod's hexadecimal floats, white space */
        snprintf(why, size, "'%.40s' is not %s in plain decimal notation (no hexadecimal, no spaces)", text,
                 words);
        return -1;
    }
    if (col->type == CSV_REAL_NONNEG && v < 0.0 && !(range_error && v > -1.0)) {
        snprintf(why, size, "'%.40s' is not %s", text, words);
        return -1;
    }
    double a = fabs(v);
    int negative_zero = v == 0.0 && !range_error && signbit(v) && col->type == CSV_REAL_NONNEG;
    if (negative_zero || range_error || a > r->max || (v == 0.0 ? !r->zero_ok : a < r->min_pos)) {
        char accepted[96];
        range_words(col, accepted, sizeof accepted);
        if (negative_zero)
            snprintf(why, size, "'%.40s' is negative zero: accepted %s, written without a minus sign", text,
                     accepted);
        else
            snprintf(why, size, "'%.40s' is out of range: accepted %s", text, accepted);
        return -1;
    }
    out->real = v;
    return 0;
}
