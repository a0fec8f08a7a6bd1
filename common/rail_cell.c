#include "rail_cell.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int name_byte(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '+' || c == '-';
}

void rail_cell_name(char *name, size_t size, const char *label)
{
    size_t i = 0;
    if (size == 0)
        return;
    for (; label[i] != '\0' && i + 1 < size; i++)
        name[i] = name_byte(label[i]) ? label[i] : '_';
    name[i] = '\0';
}

static int good_name(const char *s, size_t len)
{
    if (len == 0 || len >= RAIL_CELL_NAME_MAX)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!name_byte(s[i]))
            return 0;
    return 1;
}

int rail_cell_format(const rail_watts *rails, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return -1;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const rail_watts *r = &rails[i];
        if (!good_name(r->name, strlen(r->name)) || !isfinite(r->watts) || r->watts < 0.0)
            goto bad;
        int k = snprintf(buf + used, size - used, "%s%s=%.3f", i ? ";" : "", r->name, r->watts);
        if (k < 0 || (size_t)k >= size - used)
            goto bad;
        used += (size_t)k;
    }
    return 0;
bad:
    buf[0] = '\0';
    return -1;
}

/* A whole decimal, finite, >= 0: digits, one optional point, digits. */
static int parse_watts(const char *s, size_t len, double *out)
{
    char tmp[64];
    size_t digits = 0, points = 0;
    if (len == 0 || len >= sizeof tmp)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.')
            points++;
        else
            return -1;
    }
    if (digits == 0 || points > 1)
        return -1;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    *out = strtod(tmp, NULL);
    return isfinite(*out) ? 0 : -1;
}

int rail_cell_parse(const char *cell, rail_watts *rails, size_t *n, rl_error *err)
{
    *n = 0;
    if (cell == NULL || cell[0] == '\0')
        return 0;
    const char *p = cell;
    for (;;) {
        size_t len = strcspn(p, ";");
        const char *eq = memchr(p, '=', len);
        if (eq == NULL)
            return rl_error_set(err, "'%.*s' is not NAME=WATTS", (int)(len > 60 ? 60 : len), p);
        size_t nlen = (size_t)(eq - p), vlen = len - nlen - 1;
        if (!good_name(p, nlen))
            return rl_error_set(err, "'%.*s' is not a rail name (letters, digits, _ . + -; at most %d bytes)",
                                (int)(nlen > 60 ? 60 : nlen), p, RAIL_CELL_NAME_MAX - 1);
        double w;
        if (parse_watts(eq + 1, vlen, &w) != 0)
            return rl_error_set(err, "'%.*s' of rail %.*s is not a number of watts >= 0",
                                (int)(vlen > 40 ? 40 : vlen), eq + 1, (int)nlen, p);
        for (size_t i = 0; i < *n; i++)
            if (strlen(rails[i].name) == nlen && memcmp(rails[i].name, p, nlen) == 0)
                return rl_error_set(err, "rail %.*s is named twice", (int)nlen, p);
        if (*n == RAIL_CELL_MAX)
            return rl_error_set(err, "more than %d rails", RAIL_CELL_MAX);
        memcpy(rails[*n].name, p, nlen);
        rails[*n].name[nlen] = '\0';
        rails[*n].watts = w;
        (*n)++;
        if (p[len] == '\0')
            return 0;
        p += len + 1; /* a trailing ';' leaves an empty pair: refused above */
    }
}

int csv_tables_check_rails(const csv_table *tables, size_t ntables, rl_error *err)
{
    rail_watts rails[RAIL_CELL_MAX];
    size_t n;
    rl_error why;
    for (size_t t = 0; t < ntables; t++)
        for (size_t r = 0; r < tables[t].nrows; r++) {
            const char *v = csv_table_text(&tables[t], r, RAW_COL_rails_power_w_avg);
            if (rail_cell_parse(v, rails, &n, &why) != 0)
                return rl_error_set(err, "rails_power_w_avg: %s (%s:%ld)", why.text, csv_table_file(&tables[t], r),
                                    tables[t].lines[r]);
        }
    return 0;
}
