/* real_text_g9 writes exactly what printf's "%.9g" writes, and
 * csv_parse_real's fast path reads exactly what strtod reads: checked on
 * edge cases (ties, powers of ten, the ends of the range, subnormals) and
 * on a million values drawn at random, as bit patterns and as decimals.
 * Both are there for speed at a million rows (issue 18); the archives'
 * outputs must not change by a byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "csv_ranges.h"
#include "real_text.h"

static uint64_t state = 88172645463325252ull;
static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static void same_as_printf(double v)
{
    char want[64], got[64];
    snprintf(want, sizeof want, "%.9g", v);
    real_text_g9(got, sizeof got, v);
    if (strcmp(want, got) != 0)
        fail_msg("%.17g: printf %s, real_text_g9 %s", v, want, got);
}

static void writes_as_printf(void **s)
{
    (void)s;
    static const double edges[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1e-5, 1e-4, 9.9999999949999998e-5, 123456789.5,
                                   123456788.5, 999999999.5, 999999999.4, 1e9, 1e15, 1e16, 1e21, 1e22, 1e23,
                                   1e100, 1e-100, 1.7976931348623157e308, 2.2250738585072014e-308, 4.9e-324,
                                   349.664003, 3.13508094e-11, -0.0815, 0.1, 0.2, 0.3, 2.5, 1e-7, 7.9e28};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        same_as_printf(edges[i]);
        same_as_printf(-edges[i]);
    }
    for (int e = -300; e <= 300; e++) {
        same_as_printf(pow(10.0, e));
        same_as_printf(nextafter(pow(10.0, e), 0.0));
        same_as_printf(nextafter(pow(10.0, e), INFINITY));
    }
    for (long i = 0; i < 1000000; i++) {
        double v;
        if (i % 2 == 0) {
            uint64_t bits = next();
            memcpy(&v, &bits, sizeof v);
            if (!isfinite(v))
                continue;
        } else {
            v = (double)(next() % 10000000000ull) / pow(10.0, (double)(next() % 24));
        }
        same_as_printf(v);
    }
}

static void reads_as_strtod(void **s)
{
    (void)s;
    char text[64];
    for (long i = 0; i < 1000000; i++) {
        if (i % 3 == 0)
            snprintf(text, sizeof text, "%.9g", (double)(next() % 1000000000) / pow(10.0, (double)(next() % 30) - 10));
        else if (i % 3 == 1)
            snprintf(text, sizeof text, "%llu.%0*llu", (unsigned long long)(next() % 100000), (int)(next() % 9 + 1),
                     (unsigned long long)(next() % 1000000000));
        else
            snprintf(text, sizeof text, "%.*e", (int)(next() % 16), (double)(next() >> 11) * pow(10.0, (double)(next() % 60) - 30));
        double want = strtod(text, NULL), got;
        assert_int_equal(csv_parse_real(text, &got), 0);
        if (memcmp(&want, &got, sizeof got) != 0)
            fail_msg("%s: strtod %.17g, csv_parse_real %.17g", text, want, got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_as_printf),
        cmocka_unit_test(reads_as_strtod),
    };
    return cmocka_run_group_tests_name("common_real_text", tests, NULL, NULL);
}
