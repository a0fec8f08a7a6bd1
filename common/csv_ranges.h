/* csv_ranges: what each numeric CSV column accepts, stated once.
 *
 * A cell that parses as its type (csv_schema.h) may still be a value no
 * stage can compute with: 1e308 us overflowed model's error (100 * 1e308),
 * 1e-320 is a subnormal double, a time of 1e-300 us made every rate
 * infinite, an energy of 0 made render print "inf×". Each numeric column
 * therefore has a range, and the CSV reader refuses a value outside it
 * with the column, the value, the file and line and the range:
 *   time_us_median: '1e308' is out of range: accepted 0, or 1e-06 to 1e+12 us (raw.csv:4)
 * Measured columns have ranges wide around any real device (a call of a
 * picosecond to 11 days, a megawatt, a terahertz clock); every other real
 * column takes 0 or a magnitude from 1e-100 to 1e+100, so that a few
 * products and quotients of such values stay finite; counts take every
 * integer from 0 to 2^64 - 1.
 */
#ifndef CSV_RANGES_H
#define CSV_RANGES_H

#include <stddef.h>
#include <stdint.h>

#include "csv_schema.h"

typedef struct csv_range {
    int zero_ok;    /* 0 itself is accepted */
    double min_pos; /* smallest magnitude accepted other than 0 */
    double max;     /* largest magnitude */
} csv_range;

/* The range of column col (counts: 0 to 2^64 - 1, as doubles). */
csv_range csv_range_of(const csv_column *col);

/* What column col accepts, in words ("0, or 1e-06 to 1e+12 us"; counts
 * "0 to 18446744073709551615"); "" for a text column. */
void csv_range_text(const csv_column *col, char *buf, size_t size);

/* 0 when text is a value column col accepts; else -1, and why holds what
 * follows "<column>: " in the error, e.g. "'1e308' is out of range:
 * accepted 0, or 1e-06 to 1e+12 us". */
int csv_value_check(const csv_column *col, const char *text, char *why, size_t size);

/* A numeric cell's value: a count for CSV_COUNT, a real otherwise. */
typedef union csv_value {
    double real;
    uint64_t count;
} csv_value;

/* csv_value_check with the column's range r (csv_range_of, looked up once
 * per column by the reader) that also hands back the value it parsed, so
 * a cell is parsed once (issue 18). A text column: 0, *out untouched. */
int csv_value_parse(const csv_column *col, const csv_range *r, const char *text, csv_value *out, char *why,
                    size_t size);

/* Whole-string parsers, shared by the CSV reader (csv_table.h), the spec
 * and LLM readers and the range checks here: 0 and *out set, else -1.
 * A real is finite (no overflow or underflow to a subnormal); a count is
 * base-10 digits only (no sign, no space) up to 2^64 - 1. A real is in
 * plain decimal notation: no hexadecimal float, no "infinity", no space. Here rather than
 * in csv_table.c because measure links this file without libcsv. */
int csv_parse_real(const char *text, double *out);
int csv_parse_count(const char *text, uint64_t *out);

/* 1 when text is all digits but past 2^64 - 1, the largest count: the
 * readers of counts say so rather than "not an integer". */
int csv_count_overflows(const char *text);

#endif
