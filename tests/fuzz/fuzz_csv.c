/* libFuzzer target: the CSV reader (common/csv_table.c) under both
 * schemas, and what model computes from a raw table that loads: measured
 * bandwidths, model rows, fits and the printed summary, against the
 * fixture spec tests/fixtures/model/specs (run from the repository root,
 * or set RL_FUZZ_SPECS). Every loaded cell must also read back as its
 * type, as the table's contract promises. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "csv_dups.h"
#include "csv_table.h"
#include "fuzz_file.h"
#include "measured_bw.h"
#include "model_table.h"
#include "spec_set.h"
#include "summary.h"

static hw_spec_set specs;
static int have_specs;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = getenv("RL_FUZZ_SPECS");
    rl_error err;
    have_specs = hw_spec_set_load(&specs, dir ? dir : "tests/fixtures/model/specs", &err) == 0;
    if (!have_specs)
        fprintf(stderr, "fuzz_csv: no specs, model stage not fuzzed: %s\n", err.text);
    devnull = fopen("/dev/null", "w");
    return 0;
}

/* The contract: a loaded table's cells parse as their column types. */
static void check_cells(const csv_table *t)
{
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->schema->count; c++) {
            const char *text = csv_table_text(t, r, (int)c);
            double d;
            uint64_t u;
            csv_type type = t->schema->columns[c].type;
            if (text == NULL || type == CSV_TEXT)
                continue;
            if (type == CSV_COUNT ? csv_table_count(t, r, (int)c, &u) != 0
                                  : csv_table_real(t, r, (int)c, &d) != 0)
                abort();
        }
}

static void model_stage(const csv_table *t)
{
    rl_error err;
    measured_bw bw, bw_l2;
    if (measured_bw_collect(&bw, t, 1, &err) != 0)
        return;
    if (measured_bw_collect_kernel(&bw_l2, t, 1, MEASURED_BW_L2_KERNEL, &err) != 0) {
        measured_bw_free(&bw);
        return;
    }
    issue_rates issue;
    if (issue_rates_collect(&issue, t, 1, &bw_l2, &err) != 0) {
        measured_bw_free(&bw);
        measured_bw_free(&bw_l2);
        return;
    }
    model_ctx ctx = {&specs, NULL, &bw, &bw_l2, NULL, NULL, &issue};
    model_table m;
    if (model_table_build(&m, &ctx, t, 1, &err) == 0) {
        run_summaries sums;
        if (run_summaries_build(&sums, m.cases, m.n, &m.fits, &issue, &err) == 0) {
            summary_print(devnull, &sums);
            run_summaries_free(&sums);
        }
        model_table_free(&m);
    }
    measured_bw_free(&bw);
    measured_bw_free(&bw_l2);
    issue_rates_free(&issue);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size);
    if (path == NULL)
        return 0;
    const csv_schema *schemas[2] = {&RAW_CSV_SCHEMA, &MODEL_CSV_SCHEMA};
    for (int s = 0; s < 2; s++) {
        csv_table t;
        rl_error err;
        if (csv_table_load(&t, path, schemas[s], &err) != 0)
            continue;
        check_cells(&t);
        if (csv_tables_check_duplicates(&t, 1, &err) == 0 && s == 0 && have_specs)
            model_stage(&t);
        csv_table_free(&t);
    }
    return 0;
}
