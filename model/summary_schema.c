#include "summary_schema.h"

#define CSV_X_ROW(name, unit, type, presence, meaning) {#name, unit, type, presence, meaning},
static const csv_column summary_columns[] = {SUMMARY_CSV_COLUMNS(CSV_X_ROW)};
#undef CSV_X_ROW

_Static_assert(sizeof summary_columns / sizeof summary_columns[0] == SUM_COL_COUNT,
               "summary table and enum agree");

const csv_schema SUMMARY_CSV_SCHEMA = {"summary", summary_columns, SUM_COL_COUNT};
