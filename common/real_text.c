#include "real_text.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { DIGITS = 9 };

__extension__ typedef unsigned __int128 u128; /* GCC and clang: 128-bit products */

/* 5^n for n <= 27: each fits in 64 bits. */
static uint64_t pow5(int n)
{
    static const uint64_t table[28] = {1ull,
                                       5ull,
                                       25ull,
                                       125ull,
                                       625ull,
                                       3125ull,
                                       15625ull,
                                       78125ull,
                                       390625ull,
                                       1953125ull,
                                       9765625ull,
                                       48828125ull,
                                       244140625ull,
                                       1220703125ull,
                                       6103515625ull,
                                       30517578125ull,
                                       152587890625ull,
                                       762939453125ull,
                                       3814697265625ull,
                                       19073486328125ull,
                                       95367431640625ull,
                                       476837158203125ull,
                                       2384185791015625ull,
                                       11920928955078125ull,
                                       59604644775390625ull,
                                       298023223876953125ull,
                                       1490116119384765625ull,
                                       7450580596923828125ull};
    return table[n];
}

/* round(m * 2^k * 10^n) exactly, rounding half away from zero is never
 * needed: 0 and *q set, or -1 on a tie (snprintf decides) or a value out
 * of this method's reach. */
static int scaled_round(uint64_t m, int k, int n, uint64_t *q)
{
    u128 num, den;
    int shift; /* the value is num / den * 2^shift */
    if (n >= 0) {
        num = (u128)m * pow5(n);
        den = 1;
        shift = k + n;
    } else {
        num = m;
        den = pow5(-n);
        shift = k + n; /* 10^-|n| = 5^-|n| * 2^-|n| */
    }
    if (shift > 0) {
        if (shift > 40)
            return -1;
        num <<= shift;
    } else if (shift < 0) {
        if (-shift > 60 || den > ((u128)1 << (127 + shift) >> 1))
            return -1;
        den <<= -shift;
    }
    u128 whole, rem;
    if (n >= 0 && shift < 0) { /* den is 2^-shift: a shift, not a division */
        whole = num >> -shift;
        rem = num - (whole << -shift);
    } else {
        whole = num / den;
        rem = num - whole * den;
    }
    if (whole >= ((u128)1 << 62))
        return -1;
    u128 twice = rem << 1; /* rem < den < 2^126 */
    if (twice == den)
        return -1; /* a tie */
    *q = (uint64_t)whole + (twice > den);
    return 0;
}

/* The nine digits of a (finite, > 0) rounded, as an integer in [1e8, 1e9),
 * and the decimal exponent of the first; -1 when snprintf must decide. */
static int nine_digits(double a, uint64_t *digits, int *exp10)
{
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    int biased = (int)(bits >> 52 & 0x7FF);
    if (biased == 0)
        return -1; /* subnormal: snprintf */
    uint64_t m = (bits & ((1ull << 52) - 1)) | (1ull << 52);
    int k = biased - 1075;   /* a = m * 2^k exactly */
    int b2 = k + 53;         /* a in [2^(b2-1), 2^b2) */
    int e = (int)floor((b2 - 1) * 0.30102999566398120); /* log10(2): e or e - 1 */
    for (int tries = 0; tries < 3; tries++) {
        int n = DIGITS - 1 - e;
        uint64_t d;
        if (n > 27 || n < -27 || scaled_round(m, k, n, &d) != 0)
            return -1;
        if (d >= 1000000000u) { /* e one too small, or rounded up to 10^9 */
            e++;
            continue;
        }
        if (d < 100000000u) { /* e one too large */
            e--;
            continue;
        }
        *digits = d;
        *exp10 = e;
        return 0;
    }
    return -1;
}

size_t real_text_g9(char *buf, size_t size, double v)
{
    uint64_t d;
    int x;
    if (!isfinite(v) || v == 0.0 || size < 32 || nine_digits(fabs(v), &d, &x) != 0) {
        int n = snprintf(buf, size, "%.9g", v);
        return n > 0 ? (size_t)n : 0;
    }
    char digits[DIGITS + 1];
    for (int i = DIGITS - 1; i >= 0; i--, d /= 10)
        digits[i] = (char)('0' + d % 10);
    int last = DIGITS; /* %g drops trailing zeros */
    while (last > 1 && digits[last - 1] == '0')
        last--;
    char *p = buf;
    if (v < 0)
        *p++ = '-';
    if (x < -4 || x >= DIGITS) { /* d.ddde+XX */
        *p++ = digits[0];
        if (last > 1) {
            *p++ = '.';
            memcpy(p, digits + 1, (size_t)last - 1);
            p += last - 1;
        }
        int ax = x < 0 ? -x : x;
        *p++ = 'e';
        *p++ = x < 0 ? '-' : '+';
        if (ax >= 100)
            *p++ = (char)('0' + ax / 100);
        *p++ = (char)('0' + ax / 10 % 10);
        *p++ = (char)('0' + ax % 10);
    } else if (x >= 0) { /* ddd.ddd */
        int whole = x + 1;
        for (int i = 0; i < whole; i++)
            *p++ = i < last ? digits[i] : '0';
        if (last > whole) {
            *p++ = '.';
            memcpy(p, digits + whole, (size_t)(last - whole));
            p += last - whole;
        }
    } else { /* 0.000ddd */
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < -x - 1; i++)
            *p++ = '0';
        memcpy(p, digits, (size_t)last);
        p += last;
    }
    *p = '\0';
    return (size_t)(p - buf);
}
