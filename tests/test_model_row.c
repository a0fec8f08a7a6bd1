/* One raw row to one model row (model/model_row.c), and the run-measured
 * bandwidth (model/measured_bw.c), on a hand-made raw CSV and spec written
 * into a temp directory. Expected cells are computed by hand below. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../model/measured_bw.h"
#include "../model/model_row.h"
#include "../model/run_fit.h"
#include "test_model_cell.h"

/* Ceilings: 1000 GB/s, 10000 GFLOP/s cuda_fp32 and an L2 of 4000 GB/s in mode
 * full; 500 and 5000 in low, which gives no L2 bandwidth. */
static const char SPEC[] =
    "[device]\nname = Row GPU\nmatch = Row GPU\nsm_count = 10\nsource_sm_count = t\n"
    "l2_bytes = 1\nsource_l2_bytes = t\nmemory_bytes = 1\nsource_memory_bytes = t\ndefault_mode = full\n"
    "[mode full]\nsm_clock_mhz = 1000\nsource_sm_clock_mhz = t\ndram_bw_gbs = 1000\nsource_dram_bw_gbs = t\n"
    "l2_bw_gbs = 4000\nsource_l2_bw_gbs = t\n"
    "cuda_fp32_gflops = 10000\nsource_cuda_fp32_gflops = t\n"
    "tensor_fp16_gflops = 80000\nsource_tensor_fp16_gflops = t\n"
    "[mode low]\nsm_clock_mhz = 500\nsource_sm_clock_mhz = t\ndram_bw_gbs = 500\nsource_dram_bw_gbs = t\n"
    "cuda_fp32_gflops = 5000\nsource_cuda_fp32_gflops = t\n";

/* Raw rows, one per line after the header (line 1), so row i is line i + 2.
 * Columns: run_id, device, kernel, format, n, k, batch, bytes, flop,
 * time_us_median, power_mode, check, and the optional kernel_unit. */
static const char *const ROWS[][13] = {
    /* 4e6 bytes in 5 us = 800 GB/s; in 8 us = 500 GB/s: the run's ceiling is 800 */
    {"r1", "Row GPU", "stream_read", "fp32", "1000000", "1", "1", "4000000", "1000000", "5", "", "ok"},
    {"r1", "Row GPU", "stream_read", "fp32", "1000000", "1", "1", "4000000", "1000000", "8", "", "ok"},
    /* a wrong stream row is no ceiling, however fast: 4e6 / 2 us = 2000 GB/s */
    {"r1", "Row GPU", "stream_read", "fp32", "1000000", "1", "1", "4000000", "1000000", "2", "", "wrong"},
    /* fp16 GEMV 1024 x 1024: 2101248 bytes, 2097152 flop (test_model_predict.c) */
    {"r1", "Row GPU", "gemv", "fp16", "1024", "1024", "1", "2101248", "2097152", "4", "", "ok"},
    /* run r2 measured no stream: its measured cells stay empty; mode low */
    {"r2", "Row GPU", "gemv", "fp16", "1024", "1024", "1", "2101248", "2097152", "4", "low", "ok"},
    {"r2", "Row GPU", "mystery", "fp16", "1024", "1024", "1", "2101248", "2097152", "4", "", "ok"},
    {"r2", "Other GPU", "gemv", "fp16", "1024", "1024", "1", "2101248", "2097152", "4", "", "ok"},
    {"r2", "Row GPU", "gemv", "fp16", "1024", "1024", "1", "2101248", "2097152", "0", "", "ok"},
    {"r2", "Row GPU", "gemv", "fp16", "1024", "1024", "1", "9999", "2097152", "4", "turbo", "ok"},
    /* L2-resident reads: 1000 floats read 2000 times = 8e6 bytes, 2e6 flop.
     * r1: 2.5 us = 3200 GB/s and 4 us = 2000 GB/s: its L2 ceiling is 3200 */
    {"r1", "Row GPU", "stream_read_l2", "fp32", "1000", "2000", "1", "8000000", "2000000", "2.5", "", "ok"},
    {"r1", "Row GPU", "stream_read_l2", "fp32", "1000", "2000", "1", "8000000", "2000000", "4", "", "ok"},
    /* r3, mode low (no L2 datasheet bandwidth), no DRAM stream: L2 ceiling 2000 */
    {"r3", "Row GPU", "stream_read_l2", "fp32", "1000", "2000", "1", "8000000", "2000000", "4", "low", "ok"},
    /* r4: a wrong L2 read, in mode low: no L2 ceiling of any kind */
    {"r4", "Row GPU", "stream_read_l2", "fp32", "1000", "2000", "1", "8000000", "2000000", "4", "low", "wrong"},
    /* r5: measure says the GEMV ran on the tensor cores; then on a unit no spec has */
    {"r5", "Row GPU", "gemv", "fp16", "1024", "1024", "1", "2101248", "2097152", "4", "", "ok", "tensor_fp16"},
    {"r5", "Row GPU", "gemv", "fp16", "1024", "1024", "1", "2101248", "2097152", "4", "", "ok", "warp_drive"},
};
enum { NROWS = sizeof ROWS / sizeof ROWS[0] };

typedef struct fixture {
    char dir[64];
    char csv[128];
    csv_table table;
    hw_spec_set specs;
    measured_bw bw, bw_l2;
    csv_row out;
    rl_error err;
} fixture;

static void write_csv(const char *path)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    for (size_t c = 0; c < RAW_CSV_SCHEMA.count; c++) /* of the optional columns, only kernel_unit */
        if (RAW_CSV_SCHEMA.columns[c].presence != CSV_OPTIONAL)
            fprintf(fp, "%s%s", c ? "," : "", RAW_CSV_SCHEMA.columns[c].name);
    fputs(",kernel_unit\n", fp);
    for (size_t r = 0; r < NROWS; r++)
        fprintf(fp, "%s,2000-01-01T00:00:00Z,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,10,,,,none,,,%s,%s,0,10,,,,,%s\n",
                ROWS[r][0], ROWS[r][1], ROWS[r][2], ROWS[r][3], ROWS[r][4], ROWS[r][5], ROWS[r][6],
                ROWS[r][7], ROWS[r][8], ROWS[r][9], ROWS[r][9], ROWS[r][9], ROWS[r][10], ROWS[r][11],
                ROWS[r][12] != NULL ? ROWS[r][12] : "");
    assert_int_equal(fclose(fp), 0);
}

/* Frees whatever setup made; every member is safe to free when zeroed. */
static int fixture_free(fixture *f)
{
    csv_row_free(&f->out);
    measured_bw_free(&f->bw);
    measured_bw_free(&f->bw_l2);
    csv_table_free(&f->table);
    hw_spec_set_free(&f->specs);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    int rc = f->dir[0] != '\0' ? system(cmd) : 0;
    free(f);
    return rc == 0 ? 0 : -1;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/test_model_row_XXXXXX");
    if (mkdtemp(f->dir) == NULL) {
        f->dir[0] = '\0';
        fixture_free(f);
        return -1;
    }
    char spec_path[128];
    snprintf(spec_path, sizeof spec_path, "%s/row_gpu.ini", f->dir);
    FILE *fp = fopen(spec_path, "w");
    int ok = fp != NULL && fputs(SPEC, fp) >= 0;
    if (fp != NULL && fclose(fp) != 0)
        ok = 0;
    snprintf(f->csv, sizeof f->csv, "%s/raw.csv", f->dir);
    if (ok)
        write_csv(f->csv);
    if (!ok || hw_spec_set_load(&f->specs, f->dir, &f->err) != 0 ||
        csv_table_load(&f->table, f->csv, &RAW_CSV_SCHEMA, &f->err) != 0 ||
        measured_bw_collect(&f->bw, &f->table, 1, &f->err) != 0 ||
        measured_bw_collect_kernel(&f->bw_l2, &f->table, 1, MEASURED_BW_L2_KERNEL, &f->err) != 0 ||
        csv_row_init(&f->out, &MODEL_CSV_SCHEMA) != 0) {
        fprintf(stderr, "setup: %s\n", f->err.text);
        fixture_free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    return fixture_free(*state);
}

static void assert_cell(const fixture *f, int col, const char *want)
{
    assert_model_cell(&f->out, col, want);
}

static void run_ceiling_is_the_best_checked_stream(void **state)
{
    fixture *f = *state;
    double gbs = 0;
    assert_int_equal(measured_bw_find(&f->bw, "r1", "Row GPU", &gbs), 0);
    assert_true(gbs == 800.0);
    assert_int_equal(measured_bw_find(&f->bw, "r2", "Row GPU", &gbs), -1);
    assert_int_equal(measured_bw_find(&f->bw, "r1", "Other GPU", &gbs), -1);
}

/* Row 3 (r1 GEMV, 4 us measured):
 *   datasheet: 2101248 B / 1e6 B/us = 2.101248 us; err = 100*(2.101248-4)/4 = -47.4688
 *   measured:  2101248 / 8e5 = 2.62656 us;          err = 100*(2.62656-4)/4  = -34.336
 *   achieved:  2101248 B / 4 us = 525.312 GB/s; 2097152 / 4 us = 524.288 GFLOP/s
 *   fraction:  525.312 / 800 = 0.65664 */
static void fills_a_gemv_row(void **state)
{
    fixture *f = *state;
    model_ctx ctx = {&f->specs, NULL, &f->bw, NULL, NULL, NULL};
    assert_int_equal(model_row_fill(&ctx, &f->table, 3, &f->out, NULL, &f->err), 0);
    assert_cell(f, RAW_COL_run_id, "r1");
    assert_cell(f, RAW_COL_format, "fp16");
    assert_cell(f, RAW_COL_energy_uj, NULL);
    assert_cell(f, MODEL_COL_spec_id, "row_gpu");
    assert_cell(f, MODEL_COL_spec_mode, "full");
    assert_cell(f, MODEL_COL_compute_unit, "cuda_fp32");
    assert_cell(f, MODEL_COL_bound, "memory");
    assert_cell(f, MODEL_COL_bw_datasheet_gbs, "1000");
    assert_cell(f, MODEL_COL_peak_datasheet_gflops, "10000");
    assert_cell(f, MODEL_COL_time_us_pred_datasheet, "2.101248");
    assert_cell(f, MODEL_COL_err_pct_datasheet, "-47.4688");
    assert_cell(f, MODEL_COL_bw_measured_gbs, "800");
    assert_cell(f, MODEL_COL_time_us_pred_measured, "2.62656");
    assert_cell(f, MODEL_COL_err_pct_measured, "-34.336");
    assert_cell(f, MODEL_COL_achieved_gbs, "525.312");
    assert_cell(f, MODEL_COL_achieved_gflops, "524.288");
    assert_cell(f, MODEL_COL_bw_fraction_of_measured, "0.65664");
}

/* Row 4 (r2, power_mode low, no stream in the run):
 *   2101248 B / 5e5 B/us = 4.202496 us; err = 100*(4.202496-4)/4 = 5.0624 */
static void no_stream_leaves_measured_cells_empty(void **state)
{
    fixture *f = *state;
    model_ctx ctx = {&f->specs, NULL, &f->bw, NULL, NULL, NULL};
    assert_int_equal(model_row_fill(&ctx, &f->table, 4, &f->out, NULL, &f->err), 0);
    assert_cell(f, MODEL_COL_spec_mode, "low");
    assert_cell(f, MODEL_COL_time_us_pred_datasheet, "4.202496");
    assert_cell(f, MODEL_COL_err_pct_datasheet, "5.0624");
    assert_cell(f, MODEL_COL_bw_measured_gbs, NULL);
    assert_cell(f, MODEL_COL_time_us_pred_measured, NULL);
    assert_cell(f, MODEL_COL_err_pct_measured, NULL);
    assert_cell(f, MODEL_COL_bw_fraction_of_measured, NULL);
}

/* Row 13: measure's kernel_unit picks the ceiling (tensor_fp16, 80000
 * GFLOP/s) over the workloads table's cuda_fp32; row 14 names a unit the
 * spec lacks. The bytes still bound it: 2.101248 us as in row 3. */
static void measures_kernel_unit_picks_the_peak(void **state)
{
    fixture *f = *state;
    model_ctx ctx = {&f->specs, NULL, &f->bw, NULL, NULL, NULL};
    assert_int_equal(model_row_fill(&ctx, &f->table, 13, &f->out, NULL, &f->err), 0);
    assert_cell(f, MODEL_COL_compute_unit, "tensor_fp16");
    assert_cell(f, MODEL_COL_peak_datasheet_gflops, "80000");
    assert_cell(f, MODEL_COL_time_us_pred_datasheet, "2.101248");
    assert_int_equal(model_row_fill(&ctx, &f->table, 14, &f->out, NULL, &f->err), -1);
    if (strstr(f->err.text, "kernel_unit 'warp_drive'") == NULL || strstr(f->err.text, "raw.csv:16)") == NULL)
        fail_msg("unexpected message: %s", f->err.text);
}

static void expect_row_error(fixture *f, const model_ctx *ctx, size_t row, const char *want)
{
    assert_int_equal(model_row_fill(ctx, &f->table, row, &f->out, NULL, &f->err), -1);
    if (strstr(f->err.text, want) == NULL)
        fail_msg("error '%s' does not say '%s'", f->err.text, want);
    char where[160];
    snprintf(where, sizeof where, "(%s:%zu)", f->csv, row + 2);
    if (strstr(f->err.text, where) == NULL)
        fail_msg("error '%s' does not name %s", f->err.text, where);
}

static void bad_rows_name_their_line(void **state)
{
    fixture *f = *state;
    model_ctx ctx = {&f->specs, NULL, &f->bw, NULL, NULL, NULL};
    expect_row_error(f, &ctx, 5, "unknown kernel 'mystery'");
    expect_row_error(f, &ctx, 6, "device 'Other GPU' matches no hardware spec (known: row_gpu;");
    expect_row_error(f, &ctx, 7, "time_us_median is 0");
    expect_row_error(f, &ctx, 8, "power mode 'turbo' is not in spec row_gpu");
}

static void forced_spec_covers_any_device(void **state)
{
    fixture *f = *state;
    model_ctx ctx = {&f->specs, hw_spec_set_find(&f->specs, "row_gpu"), &f->bw, NULL, NULL, NULL};
    assert_int_equal(model_row_fill(&ctx, &f->table, 6, &f->out, NULL, &f->err), 0);
    assert_cell(f, MODEL_COL_spec_id, "row_gpu");
    assert_cell(f, RAW_COL_device, "Other GPU");
}

static void counts_are_checked_against_the_table(void **state)
{
    fixture *f = *state;
    workload_count want;
    assert_int_equal(model_row_counts_agree(&f->table, 3, &want), 1);
    assert_int_equal(model_row_counts_agree(&f->table, 0, &want), 1); /* stream: 4n bytes, n flop */
    assert_int_equal(model_row_counts_agree(&f->table, 8, &want), 0);
    assert_int_equal(want.bytes, 2101248);
    assert_int_equal(model_row_counts_agree(&f->table, 5, &want), -1); /* unknown kernel */
}

/* Row 3 as numbers: the datasheet and measured roofline times of
 * fills_a_gemv_row; in the error statistics (working set not recorded, so its
 * 2101248 bytes stand for it: >= 4 x the spec's 1-byte L2). Row 0, a
 * stream_read, sets the ceiling and stays out. */
static void a_row_keeps_its_numbers(void **state)
{
    fixture *f = *state;
    model_ctx ctx = {&f->specs, NULL, &f->bw, NULL, NULL, NULL};
    model_case c;
    assert_int_equal(model_row_fill(&ctx, &f->table, 3, &f->out, &c, &f->err), 0);
    assert_string_equal(c.run_id, "r1");
    assert_string_equal(c.format, "fp16");
    assert_true(c.n == 1024 && c.k == 1024 && c.batch == 1);
    assert_true(c.bytes == 2101248.0 && c.flop == 2097152.0 && c.time_us == 4.0);
    assert_true(isnan(c.energy_uj) && isnan(c.working_set_bytes));
    assert_true(c.l2_bytes == 1.0);
    assert_true(c.check_ok && !c.sets_ceiling && c.bound == ROOFLINE_MEMORY);
    assert_true(fabs(c.t_pred_datasheet_us - 2.101248) < 1e-12);
    assert_true(c.bw_measured_gbs == 800.0);
    assert_true(fabs(c.t_pred_measured_us - 2.62656) < 1e-12);
    assert_int_equal(model_case_in_error_stats(&c), 1);
    c.working_set_bytes = 3.0; /* a recorded working set under 4 x L2: an L2-resident case */
    assert_int_equal(model_case_in_error_stats(&c), 0);
    assert_int_equal(model_row_fill(&ctx, &f->table, 0, &f->out, &c, &f->err), 0);
    assert_true(c.sets_ceiling);
    assert_int_equal(model_case_in_error_stats(&c), 0);
    assert_int_equal(model_row_fill(&ctx, &f->table, 4, &f->out, &c, &f->err), 0);
    assert_true(isnan(c.bw_measured_gbs) && isnan(c.t_pred_measured_us));
}

/* Row 3 with a hand-made run fit: floor 1 us, energy 10 pJ/flop, 100 pJ/byte, 50 W.
 *   floor:  1 + 2.62656 = 3.62656 us; err = 100*(3.62656-4)/4 = -9.336
 *   energy: 1e-6*(10*2097152 + 100*2101248) + 50*4 = 20.97152 + 210.1248 + 200 = 431.09632 uJ
 *   GFLOP/s/W of the fit: 2097152 / 431.09632 / 1e3 = 4.86469474;
 *   the row has no measured energy: err_pct_energy_fit and gflops_per_w stay empty. */
static void a_run_fit_fills_its_columns(void **state)
{
    fixture *f = *state;
    model_ctx ctx = {&f->specs, NULL, &f->bw, NULL, NULL, NULL};
    model_case c;
    assert_int_equal(model_row_fill(&ctx, &f->table, 3, &f->out, &c, &f->err), 0);
    assert_cell(f, MODEL_COL_launch_floor_us, NULL);
    run_fit fit = {.run_id = "r1", .device = "Row GPU", .floor_us = 1.0, .energy_ok = 1,
                   .energy = {.nunits = 1, .units = {"cuda_fp32"}, .e_flop_pj = {10}, .e_byte_pj = 100,
                              .p0_w = 50}};
    assert_int_equal(model_row_set_fit(&f->out, &c, &fit), 0);
    assert_cell(f, MODEL_COL_in_error_stats, "yes");
    assert_cell(f, MODEL_COL_launch_floor_us, "1");
    assert_cell(f, MODEL_COL_time_us_pred_measured_floor, "3.62656");
    assert_cell(f, MODEL_COL_err_pct_measured_floor, "-9.336");
    assert_cell(f, MODEL_COL_energy_uj_fit, "431.09632");
    assert_cell(f, MODEL_COL_err_pct_energy_fit, NULL);
    assert_cell(f, MODEL_COL_gflops_per_w, NULL);
    assert_cell(f, MODEL_COL_gflops_per_w_fit, "4.86469474");
    /* a measured 400 uJ: err = 100*(431.09632-400)/400 = 7.77408; 2097152/400/1e3 = 5.24288 */
    c.energy_uj = 400.0;
    assert_int_equal(model_row_set_fit(&f->out, &c, &fit), 0);
    assert_cell(f, MODEL_COL_err_pct_energy_fit, "7.77408");
    assert_cell(f, MODEL_COL_gflops_per_w, "5.24288");
    /* a run without a ceiling: no floor cells, however the fit says */
    assert_int_equal(model_row_fill(&ctx, &f->table, 4, &f->out, &c, &f->err), 0);
    assert_int_equal(model_row_set_fit(&f->out, &c, &fit), 0);
    assert_cell(f, MODEL_COL_launch_floor_us, NULL);
    assert_cell(f, MODEL_COL_time_us_pred_measured_floor, NULL);
}

/* The L2 ceilings per run: the best checked stream_read_l2 (r1: 8e6 B / 2.5 us
 * = 3200 GB/s over 2000; r3: 2000), none where its only row is wrong (r4);
 * the DRAM ceilings come from stream_read rows alone (r1 still 800). */
static void l2_ceiling_is_the_best_checked_l2_stream(void **state)
{
    fixture *f = *state;
    double gbs = 0;
    assert_int_equal(measured_bw_find(&f->bw_l2, "r1", "Row GPU", &gbs), 0);
    assert_true(gbs == 3200.0);
    assert_int_equal(measured_bw_find(&f->bw_l2, "r3", "Row GPU", &gbs), 0);
    assert_true(gbs == 2000.0);
    assert_int_equal(measured_bw_find(&f->bw_l2, "r4", "Row GPU", &gbs), -1);
    assert_int_equal(measured_bw_find(&f->bw_l2, "r2", "Row GPU", &gbs), -1);
    assert_int_equal(measured_bw_find(&f->bw, "r1", "Row GPU", &gbs), 0);
    assert_true(gbs == 800.0);
    assert_int_equal(measured_bw_find(&f->bw, "r3", "Row GPU", &gbs), -1);
}

/* Row 9 (r1 L2 read, 2.5 us, mode full), against the L2 ceilings, not DRAM's:
 *   datasheet: 8e6 B / 4e6 B/us = 2 us (compute 2e6 / 1e7 = 0.2 us);
 *              err = 100*(2-2.5)/2.5 = -20
 *   measured:  8e6 / 3.2e6 = 2.5 us; err 0 (it sets the ceiling); fraction 1
 *   DRAM's columns still say DRAM: 1000 datasheet, 800 measured.
 * With DRAM's 800 GB/s it would have been 10 us: that is what must not happen. */
static void an_l2_row_is_predicted_against_the_l2_ceilings(void **state)
{
    fixture *f = *state;
    model_ctx ctx = {&f->specs, NULL, &f->bw, &f->bw_l2, NULL, NULL};
    model_case c;
    assert_int_equal(model_row_fill(&ctx, &f->table, 9, &f->out, &c, &f->err), 0);
    assert_cell(f, MODEL_COL_memory_level, "l2");
    assert_cell(f, MODEL_COL_bound, "memory");
    assert_cell(f, MODEL_COL_intensity_flop_per_byte, "0.25");
    assert_cell(f, MODEL_COL_bw_datasheet_gbs, "1000");
    assert_cell(f, MODEL_COL_bw_l2_datasheet_gbs, "4000");
    assert_cell(f, MODEL_COL_time_us_pred_datasheet, "2");
    assert_cell(f, MODEL_COL_err_pct_datasheet, "-20");
    assert_cell(f, MODEL_COL_bw_measured_gbs, "800");
    assert_cell(f, MODEL_COL_bw_l2_measured_gbs, "3200");
    assert_cell(f, MODEL_COL_time_us_pred_measured, "2.5");
    assert_cell(f, MODEL_COL_err_pct_measured, "0");
    assert_cell(f, MODEL_COL_achieved_gbs, "3200");
    assert_cell(f, MODEL_COL_bw_fraction_of_measured, "1");
    assert_true(c.l2_resident && c.sets_l2_ceiling && !c.sets_ceiling);
    assert_true(c.t_pred_datasheet_us == 2.0 && c.t_pred_measured_us == 2.5);
    assert_true(c.bw_measured_gbs == 800.0 && c.bw_l2_measured_gbs == 3200.0);
    /* its 8e6 bytes are >= 4 x the 1-byte L2, yet it is no DRAM row: out of the statistics */
    assert_int_equal(model_case_in_error_stats(&c), 0);
    /* and out of the energy fit: the fit's bytes are DRAM bytes */
    run_fit fit = {.run_id = "r1", .device = "Row GPU", .floor_us = 1.0, .energy_ok = 1,
                   .energy = {.nunits = 1, .units = {"cuda_fp32"}, .e_flop_pj = {10}, .e_byte_pj = 100,
                              .p0_w = 50}};
    assert_true(isnan(model_case_energy_fit_uj(&c, &fit)));
    assert_int_equal(model_row_set_fit(&f->out, &c, &fit), 0);
    assert_cell(f, MODEL_COL_in_error_stats, "no");
    assert_cell(f, MODEL_COL_energy_uj_fit, NULL);
}

/* Row 3 (r1 GEMV) beside a run that measured its L2: its predictions stay
 * DRAM's (fills_a_gemv_row), the L2 ceilings are only reported. */
static void a_dram_row_keeps_dram_ceilings_beside_l2(void **state)
{
    fixture *f = *state;
    model_ctx ctx = {&f->specs, NULL, &f->bw, &f->bw_l2, NULL, NULL};
    assert_int_equal(model_row_fill(&ctx, &f->table, 3, &f->out, NULL, &f->err), 0);
    assert_cell(f, MODEL_COL_memory_level, "dram");
    assert_cell(f, MODEL_COL_time_us_pred_datasheet, "2.101248");
    assert_cell(f, MODEL_COL_time_us_pred_measured, "2.62656");
    assert_cell(f, MODEL_COL_bw_fraction_of_measured, "0.65664");
    assert_cell(f, MODEL_COL_bw_l2_datasheet_gbs, "4000");
    assert_cell(f, MODEL_COL_bw_l2_measured_gbs, "3200");
}

/* Row 11 (r3, mode low: no L2 bandwidth in the spec, no DRAM stream):
 *   no datasheet prediction (empty, not DRAM's 500 GB/s);
 *   measured: 8e6 / 2e6 B/us = 4 us, err 0; bound by it: memory.
 * Row 12 (r4, its L2 read wrong): no L2 ceiling at all: every prediction
 * empty, bound memory. */
static void an_l2_row_without_l2_ceilings_stays_empty(void **state)
{
    fixture *f = *state;
    model_ctx ctx = {&f->specs, NULL, &f->bw, &f->bw_l2, NULL, NULL};
    model_case c;
    assert_int_equal(model_row_fill(&ctx, &f->table, 11, &f->out, &c, &f->err), 0);
    assert_cell(f, MODEL_COL_spec_mode, "low");
    assert_cell(f, MODEL_COL_bw_datasheet_gbs, "500");
    assert_cell(f, MODEL_COL_bw_l2_datasheet_gbs, NULL);
    assert_cell(f, MODEL_COL_time_us_pred_datasheet, NULL);
    assert_cell(f, MODEL_COL_err_pct_datasheet, NULL);
    assert_cell(f, MODEL_COL_bw_measured_gbs, NULL);
    assert_cell(f, MODEL_COL_bw_l2_measured_gbs, "2000");
    assert_cell(f, MODEL_COL_time_us_pred_measured, "4");
    assert_cell(f, MODEL_COL_err_pct_measured, "0");
    assert_cell(f, MODEL_COL_bound, "memory");
    assert_true(isnan(c.t_pred_datasheet_us) && isnan(model_case_err_datasheet(&c)));
    assert_int_equal(model_row_fill(&ctx, &f->table, 12, &f->out, &c, &f->err), 0);
    assert_cell(f, MODEL_COL_bound, "memory");
    assert_cell(f, MODEL_COL_time_us_pred_datasheet, NULL);
    assert_cell(f, MODEL_COL_time_us_pred_measured, NULL);
    assert_cell(f, MODEL_COL_bw_l2_measured_gbs, NULL);
    assert_cell(f, MODEL_COL_bw_fraction_of_measured, NULL);
    assert_cell(f, MODEL_COL_achieved_gbs, "2000");
    assert_true(isnan(c.t_pred_datasheet_us) && isnan(c.t_pred_measured_us) && !c.sets_ceiling);
    /* without bw_l2 in the context (an older caller), the same row is still no DRAM row */
    model_ctx no_l2 = {&f->specs, NULL, &f->bw, NULL, NULL, NULL};
    assert_int_equal(model_row_fill(&no_l2, &f->table, 9, &f->out, &c, &f->err), 0);
    assert_cell(f, MODEL_COL_time_us_pred_datasheet, "2");
    assert_cell(f, MODEL_COL_time_us_pred_measured, NULL);
    assert_cell(f, MODEL_COL_bw_measured_gbs, "800");
}

/* Counting: 4 bytes and one add per element per pass. */
static void l2_counts_are_checked_against_the_table(void **state)
{
    fixture *f = *state;
    workload_count want;
    assert_int_equal(model_row_counts_agree(&f->table, 9, &want), 1);
    assert_int_equal(want.bytes, 8000000);
    assert_int_equal(want.flop, 2000000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(run_ceiling_is_the_best_checked_stream),
        cmocka_unit_test(fills_a_gemv_row),
        cmocka_unit_test(no_stream_leaves_measured_cells_empty),
        cmocka_unit_test(bad_rows_name_their_line),
        cmocka_unit_test(forced_spec_covers_any_device),
        cmocka_unit_test(counts_are_checked_against_the_table),
        cmocka_unit_test(a_row_keeps_its_numbers),
        cmocka_unit_test(a_run_fit_fills_its_columns),
        cmocka_unit_test(l2_ceiling_is_the_best_checked_l2_stream),
        cmocka_unit_test(an_l2_row_is_predicted_against_the_l2_ceilings),
        cmocka_unit_test(a_dram_row_keeps_dram_ceilings_beside_l2),
        cmocka_unit_test(an_l2_row_without_l2_ceilings_stays_empty),
        cmocka_unit_test(l2_counts_are_checked_against_the_table),
        cmocka_unit_test(measures_kernel_unit_picks_the_peak),
    };
    return cmocka_run_group_tests_name("model_row", tests, setup, teardown);
}
