#include "inputs.h"

#include <string.h>


#define CSV_X_ROW(name, unit, type, presence, meaning) {#name, unit, type, presence, meaning},
static const csv_column summary_columns[] = {SUMMARY_CSV_COLUMNS(CSV_X_ROW)};
static const csv_column decode_columns[] = {DECODE_CSV_COLUMNS(CSV_X_ROW)};
static const csv_column modes_columns[] = {MODES_CSV_COLUMNS(CSV_X_ROW)};
#undef CSV_X_ROW

_Static_assert(sizeof summary_columns / sizeof summary_columns[0] == SUM_COL_COUNT,
               "summary table and enum agree");
_Static_assert(sizeof decode_columns / sizeof decode_columns[0] == DEC_COL_COUNT,
               "decode table and enum agree");

const csv_schema RENDER_SUMMARY_SCHEMA = {"summary", summary_columns, SUM_COL_COUNT};
_Static_assert(sizeof modes_columns / sizeof modes_columns[0] == MODES_COL_COUNT, "modes table and enum agree");

const csv_schema RENDER_DECODE_SCHEMA = {"decode", decode_columns, DEC_COL_COUNT};
const csv_schema RENDER_MODES_SCHEMA = {"modes", modes_columns, MODES_COL_COUNT};

/* 1 when run is the run_id of a row of the model CSV: one look-up in the
 * column's distinct texts, not a scan of every row for every row. */
static int model_has_run(const csv_table *model, const char *run)
{
    return csv_table_text_lookup(model, RAW_COL_run_id, run) != 0;
}

/* The cell is empty or one of the words in allowed (NULL-terminated). */
static int one_of(const char *text, const char *const *allowed)
{
    if (text == NULL)
        return 1;
    for (size_t i = 0; allowed[i] != NULL; i++)
        if (strcmp(text, allowed[i]) == 0)
            return 1;
    return 0;
}

/* The rows [from, t->nrows) of t, the file path just loaded. */
static int check_summary(const csv_table *t, size_t from, const char *path, const csv_table *model, rl_error *err)
{
    static const char *const verdicts[] = {"holds", "short", "exceeds", NULL};
    int matched = 0;
    for (size_t r = from; r < t->nrows; r++) {
        const char *v = csv_table_text(t, r, SUM_COL_verdict);
        if (!one_of(v, verdicts))
            return rl_error_set(err, "verdict: '%.40s' is not holds, short or exceeds (%s:%ld)", v, path,
                                t->lines[r]);
        matched |= model_has_run(model, csv_table_text(t, r, SUM_COL_run_id));
    }
    if (!matched)
        return rl_error_set(err, "no run of %s in %s: the summary comes from other data "
                                 "(model -s writes it beside the model csv)",
                            model->path, path);
    return 0;
}

static int check_decode(const csv_table *t, size_t from, const char *path, const csv_table *model, rl_error *err)
{
    static const char *const fits[] = {"yes", "no", NULL};
    if (t->nrows == from)
        return rl_error_set(err, "no data rows, no decode predictions (%s)", path);
    for (size_t r = from; r < t->nrows; r++) {
        const char *f = csv_table_text(t, r, DEC_COL_memory_fits);
        if (!one_of(f, fits))
            return rl_error_set(err, "memory_fits: '%.40s' is not yes or no (%s:%ld)", f, path, t->lines[r]);
        const char *run = csv_table_text(t, r, DEC_COL_run_id);
        if (run != NULL && !model_has_run(model, run))
            return rl_error_set(err, "run_id: '%.60s' is not a run of %s (%s:%ld)", run, model->path, path,
                                t->lines[r]);
    }
    return 0;
}

static int check_modes(const csv_table *t, size_t from, const char *path, const csv_table *model, rl_error *err)
{
    static const char *const bounds[] = {"memory", "issue", "l2", NULL};
    static const char *const yes_no[] = {"yes", "no", NULL};
    for (size_t r = from; r < t->nrows; r++) {
        const char *b = csv_table_text(t, r, MODES_COL_bound);
        if (!one_of(b, bounds))
            return rl_error_set(err, "bound: '%.40s' is not memory, issue or l2 (%s:%ld)", b, path, t->lines[r]);
        const char *x = csv_table_text(t, r, MODES_COL_issue_rate_extrapolated);
        if (!one_of(x, yes_no))
            return rl_error_set(err, "issue_rate_extrapolated: '%.40s' is not yes or no (%s:%ld)", x, path,
                                t->lines[r]);
        const char *run = csv_table_text(t, r, MODES_COL_issue_rate_run_id);
        if (run != NULL && !model_has_run(model, run))
            return rl_error_set(err, "issue_rate_run_id: '%.60s' is not a run of %s (%s:%ld)", run, model->path,
                                path, t->lines[r]);
    }
    return 0;
}

typedef int (*check_fn)(const csv_table *t, size_t from, const char *path, const csv_table *model,
                        rl_error *err);

/* paths[0..n) into one table of schema, each file checked as it comes. */
static int load_checked(csv_table *t, const csv_schema *schema, const char *const *paths, size_t n,
                        const csv_table *model, const csv_limits *lim, check_fn check, rl_error *err)
{
    if (csv_table_init(t, schema, paths[0], err) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t from = t->nrows;
        if (csv_table_load_into(t, paths[i], lim, err) != 0 || check(t, from, paths[i], model, err) != 0) {
            csv_table_free(t);
            return -1;
        }
    }
    return 0;
}

int render_load_summaries(csv_table *t, const char *const *paths, size_t n, const csv_table *model,
                          const csv_limits *lim, rl_error *err)
{
    return load_checked(t, &RENDER_SUMMARY_SCHEMA, paths, n, model, lim, check_summary, err);
}

int render_load_decodes(csv_table *t, const char *const *paths, size_t n, const csv_table *model,
                        const csv_limits *lim, rl_error *err)
{
    return load_checked(t, &RENDER_DECODE_SCHEMA, paths, n, model, lim, check_decode, err);
}

int render_load_modes(csv_table *t, const char *const *paths, size_t n, const csv_table *model,
                      const csv_limits *lim, rl_error *err)
{
    return load_checked(t, &RENDER_MODES_SCHEMA, paths, n, model, lim, check_modes, err);
}
