/* real_text: a double as printf's "%.9g" writes it, faster.
 *
 * model writes some 50 reals a row; at a million rows glibc's exact
 * printf was a sixth of its time (issue 18: 1M rows in under 15 s). Here
 * the nine significant digits come from one multiplication in long double
 * (64-bit mantissa: the scaled value is within 1e-10 of exact), and when
 * that leaves the rounding in doubt (the part rounded off within 1e-9 of
 * a half) snprintf decides. The text is byte for byte snprintf's
 * (test_common_real_text checks it on millions of values).
 */
#ifndef REAL_TEXT_H
#define REAL_TEXT_H

#include <stddef.h>

/* Writes v as "%.9g" into buf (size >= 32); returns its length. */
size_t real_text_g9(char *buf, size_t size, double v);

#endif
