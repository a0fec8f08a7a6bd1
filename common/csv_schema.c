#include "csv_schema.h"

#include <string.h>

#include "csv_ranges.h"

#define CSV_X_ROW(name, unit, type, presence, meaning) {#name, unit, type, presence, meaning},

static const csv_column raw_columns[] = {RAW_CSV_COLUMNS(CSV_X_ROW)};
static const csv_column model_columns[] = {RAW_CSV_COLUMNS(CSV_X_ROW) MODEL_EXTRA_CSV_COLUMNS(CSV_X_ROW)};

#undef CSV_X_ROW

_Static_assert(sizeof raw_columns / sizeof raw_columns[0] == RAW_COL_COUNT, "raw table and enum agree");
_Static_assert(sizeof model_columns / sizeof model_columns[0] == MODEL_COL_COUNT, "model table and enum agree");

const csv_schema RAW_CSV_SCHEMA = {"raw", raw_columns, RAW_COL_COUNT};
const csv_schema MODEL_CSV_SCHEMA = {"model", model_columns, MODEL_COL_COUNT};

int csv_schema_find(const csv_schema *schema, const char *name)
{
    for (size_t i = 0; i < schema->count; i++)
        if (strcmp(schema->columns[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* A table cell: a '|' in the text would end it. */
static void put_cell(const char *text, FILE *out)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '|')
            fputc('\\', out);
        fputc(*p, out);
    }
}

void csv_schema_print_markdown(const csv_schema *schema, FILE *out)
{
    static const char *const presence_words[] = {"yes", "yes, may be empty", "no"};
    fprintf(out, "| column | unit | required | accepts | meaning |\n| --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < schema->count; i++) {
        const csv_column *c = &schema->columns[i];
        char accepts[96];
        csv_range_text(c, accepts, sizeof accepts);
        fprintf(out, "| %s | ", c->name);
        put_cell(c->unit, out);
        fprintf(out, " | %s | %s | ", presence_words[c->presence], accepts);
        put_cell(c->meaning, out);
        fputs(" |\n", out);
    }
}
