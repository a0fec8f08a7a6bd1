#include "decode_schema.h"

#define CSV_X_ROW(name, unit, type, presence, meaning) {#name, unit, type, presence, meaning},
static const csv_column decode_columns[] = {DECODE_CSV_COLUMNS(CSV_X_ROW)};
#undef CSV_X_ROW

_Static_assert(sizeof decode_columns / sizeof decode_columns[0] == DEC_COL_COUNT,
               "decode table and enum agree");

const csv_schema DECODE_CSV_SCHEMA = {"decode", decode_columns, DEC_COL_COUNT};
