#include "modes_schema.h"

#define CSV_X_ROW(name, unit, type, presence, meaning) {#name, unit, type, presence, meaning},
static const csv_column modes_columns[] = {MODES_CSV_COLUMNS(CSV_X_ROW)};
#undef CSV_X_ROW

_Static_assert(sizeof modes_columns / sizeof modes_columns[0] == MODES_COL_COUNT, "modes table and enum agree");

const csv_schema MODES_CSV_SCHEMA = {"modes", modes_columns, MODES_COL_COUNT};
