/* Spec loading (model/spec.c, model/ini_doc.c) and device matching
 * (model/spec_set.c) against INI fixtures written into a temp directory.
 * Bad fixtures must fail with the file and the line of the fault. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../model/spec.h"
#include "../model/spec_set.h"

/* A valid spec. Line numbers matter: errors below are checked against them. */
static const char DEVICE[] = "[device]\n"                    /* 1 */
                             "name = Fixture GPU\n"          /* 2 */
                             "match = Fixture GPU 9000\n"    /* 3 */
                             "match = FX9\n"                 /* 4 */
                             "sm_count = 10\n"               /* 5 */
                             "source_sm_count = test\n"      /* 6 */
                             "l2_bytes = 4096\n"             /* 7 */
                             "source_l2_bytes = test\n"      /* 8 */
                             "memory_bytes = 1000000\n"      /* 9 */
                             "source_memory_bytes = test\n"  /* 10 */
                             "default_mode = full\n"         /* 11 */
                             "\n";                           /* 12 */
static const char MODE_FULL[] = "[mode full]\n"                     /* 13 */
                                "sm_clock_mhz = 1000\n"             /* 14 */
                                "source_sm_clock_mhz = test\n"      /* 15 */
                                "dram_bw_gbs = 1000\n"              /* 16 */
                                "source_dram_bw_gbs = test\n"       /* 17 */
                                "cuda_fp32_gflops = 10000\n"        /* 18 */
                                "source_cuda_fp32_gflops = test\n"  /* 19 */
                                "tensor_fp16_gflops = 80000\n"      /* 20 */
                                "source_tensor_fp16_gflops = test\n"/* 21 */
                                "\n";                               /* 22 */
static const char MODE_LOW[] = "[mode LOW]\n"                       /* 23 */
                               "sm_clock_mhz = 500\n"               /* 24 */
                               "source_sm_clock_mhz = test\n"       /* 25 */
                               "dram_bw_gbs = 400\n"                /* 26 */
                               "source_dram_bw_gbs = test\n"        /* 27 */
                               "cuda_fp32_gflops = 5000\n"          /* 28 */
                               "source_cuda_fp32_gflops = test\n";  /* 29 */

/* The first 12 lines of a mode section that is complete but for what a test
 * appends or swaps: [mode full] at line 13. */
#define MODE_HEAD "[mode full]\nsm_clock_mhz = 1000\nsource_sm_clock_mhz = test\n"

typedef struct fixture {
    char dir[64];
    char path[128]; /* last file written */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/test_model_spec_XXXXXX");
    if (mkdtemp(f->dir) == NULL) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    int rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

static const char *write_spec(fixture *f, const char *name, const char *a, const char *b, const char *c)
{
    snprintf(f->path, sizeof f->path, "%s/%s", f->dir, name);
    FILE *fp = fopen(f->path, "w");
    assert_non_null(fp);
    fputs(a, fp);
    fputs(b, fp);
    fputs(c, fp);
    assert_int_equal(fclose(fp), 0);
    return f->path;
}

/* Loads a spec that must fail; checks the message holds want and, when
 * line > 0, ends with "(<path>:<line>)". */
static void expect_error(fixture *f, const char *a, const char *b, const char *c, const char *want,
                         long line)
{
    const char *path = write_spec(f, "bad.ini", a, b, c);
    hw_spec spec;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_load(&spec, path, &err), -1);
    if (strstr(err.text, want) == NULL)
        fail_msg("error '%s' does not say '%s'", err.text, want);
    if (line > 0) {
        char where[160];
        snprintf(where, sizeof where, "(%s:%ld)", path, line);
        size_t n = strlen(err.text), m = strlen(where);
        if (n < m || strcmp(err.text + n - m, where) != 0)
            fail_msg("error '%s' does not end with %s", err.text, where);
    }
}

static void loads_a_good_spec(void **state)
{
    fixture *f = *state;
    hw_spec spec;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_load(&spec, write_spec(f, "fixture.ini", DEVICE, MODE_FULL, MODE_LOW), &err), 0);
    assert_string_equal(spec.id, "fixture");
    assert_string_equal(spec.name, "Fixture GPU");
    assert_int_equal(spec.nmatch, 2);
    assert_string_equal(spec.match[1], "FX9");
    assert_int_equal(spec.sm_count, 10);
    assert_int_equal(spec.l2_bytes, 4096);
    assert_int_equal(spec.memory_bytes, 1000000);
    assert_int_equal(spec.nmodes, 2);
    assert_string_equal(spec.default_mode->name, "full");
    double peak = 0;
    assert_int_equal(hw_mode_peak(spec.default_mode, "tensor_fp16", &peak), 0);
    assert_true(peak == 80000.0);
    assert_int_equal(hw_mode_peak(spec.default_mode, "tensor_int8", &peak), -1);
    const hw_mode *low = hw_spec_find_mode(&spec, "low");
    assert_non_null(low);
    assert_true(low->dram_bw_gbs == 400.0 && low->sm_clock_mhz == 500.0);
    hw_spec_free(&spec);
}

/* memory_reserve_bytes and a mode's sm_count are optional: absent they read 0
 * (unknown; the mode then runs on the device's SMs), present they need a source. */
static void optional_reserve_and_mode_sm_count(void **state)
{
    fixture *f = *state;
    hw_spec spec;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_load(&spec, write_spec(f, "fixture.ini", DEVICE, MODE_FULL, MODE_LOW), &err), 0);
    assert_int_equal(spec.memory_reserve_bytes, 0);
    assert_int_equal(spec.default_mode->sm_count, 0);
    assert_int_equal(hw_mode_sm_count(&spec, spec.default_mode), 10);
    hw_spec_free(&spec);
    const char *path = write_spec(f, "gated.ini", DEVICE,
                                  "memory_reserve_bytes = 2000\nsource_memory_reserve_bytes = t\n",
                                  MODE_HEAD "sm_count = 4\nsource_sm_count = t\ndram_bw_gbs = 1\n"
                                            "source_dram_bw_gbs = t\ncuda_fp32_gflops = 1\n"
                                            "source_cuda_fp32_gflops = t\n");
    /* DEVICE ends with a blank line 12 and no header follows, so the reserve
     * (lines 13-14) still belongs to [device]. */
    assert_int_equal(hw_spec_load(&spec, path, &err), 0);
    assert_int_equal(spec.memory_reserve_bytes, 2000);
    assert_int_equal(spec.default_mode->sm_count, 4);
    assert_int_equal(hw_mode_sm_count(&spec, spec.default_mode), 4);
    hw_spec_free(&spec);
    expect_error(f, DEVICE, MODE_HEAD, "sm_count = 4\n", "sm_count has no source_sm_count line", 16);
    expect_error(f, DEVICE, MODE_HEAD, "sm_count = 0\n", "sm_count: '0' is not an integer > 0", 16);
    expect_error(f, DEVICE, "memory_reserve_bytes = 1\n", MODE_FULL,
                 "memory_reserve_bytes has no source_memory_reserve_bytes line", 13);
}

/* l2_bw_gbs is optional: absent it reads 0 (unknown), present it needs a
 * source like every number, and a value > 0. */
static void optional_l2_bandwidth(void **state)
{
    fixture *f = *state;
    hw_spec spec;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_load(&spec, write_spec(f, "fixture.ini", DEVICE, MODE_FULL, MODE_LOW), &err), 0);
    assert_true(spec.default_mode->l2_bw_gbs == 0.0);
    hw_spec_free(&spec);
    const char *path = write_spec(f, "l2.ini", DEVICE,
                                  MODE_HEAD "dram_bw_gbs = 1\nsource_dram_bw_gbs = t\nl2_bw_gbs = 7219.2\n"
                                            "source_l2_bw_gbs = derived: 5120 B/clk x 1410 MHz\n",
                                  "cuda_fp32_gflops = 1\nsource_cuda_fp32_gflops = t\n");
    assert_int_equal(hw_spec_load(&spec, path, &err), 0);
    assert_true(spec.default_mode->l2_bw_gbs == 7219.2);
    assert_true(spec.default_mode->dram_bw_gbs == 1.0);
    hw_spec_free(&spec);
    /* MODE_FULL ends at the blank line 22: the L2 line is 23 */
    expect_error(f, DEVICE, MODE_FULL, "l2_bw_gbs = 5000\n", "l2_bw_gbs has no source_l2_bw_gbs line", 23);
    /* MODE_HEAD is lines 13-15: the L2 line is 16 */
    expect_error(f, DEVICE, MODE_HEAD, "l2_bw_gbs = -1\nsource_l2_bw_gbs = t\n",
                 "l2_bw_gbs: '-1' is not a number > 0", 16);
}

/* power_budget_w is optional per mode (issue 15: model --modes bounds energy
 * by it): absent it reads 0 (none given, e.g. MAXN_SUPER), present it needs
 * a source and a value > 0; each mode has its own. */
static void optional_power_budget(void **state)
{
    fixture *f = *state;
    hw_spec spec;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_load(&spec, write_spec(f, "fixture.ini", DEVICE, MODE_FULL, MODE_LOW), &err), 0);
    assert_true(spec.default_mode->power_budget_w == 0.0);
    hw_spec_free(&spec);
    const char *path = write_spec(f, "budget.ini", DEVICE,
                                  MODE_HEAD "dram_bw_gbs = 1\nsource_dram_bw_gbs = t\npower_budget_w = 15\n"
                                            "source_power_budget_w = nvpmodel mode 15W\n",
                                  "cuda_fp32_gflops = 1\nsource_cuda_fp32_gflops = t\n" "\n" "[mode seven]\n"
                                  "sm_clock_mhz = 1\nsource_sm_clock_mhz = t\ndram_bw_gbs = 1\nsource_dram_bw_gbs = t\n"
                                  "power_budget_w = 7.5\nsource_power_budget_w = t\n"
                                  "cuda_fp32_gflops = 1\nsource_cuda_fp32_gflops = t\n");
    assert_int_equal(hw_spec_load(&spec, path, &err), 0);
    assert_true(spec.default_mode->power_budget_w == 15.0);
    assert_true(hw_spec_find_mode(&spec, "seven")->power_budget_w == 7.5);
    hw_spec_free(&spec);
    /* MODE_FULL ends at the blank line 22: the budget line is 23 */
    expect_error(f, DEVICE, MODE_FULL, "power_budget_w = 700\n", "power_budget_w has no source_power_budget_w line",
                 23);
    expect_error(f, DEVICE, MODE_HEAD, "power_budget_w = 0\nsource_power_budget_w = t\n",
                 "power_budget_w: '0' is not a number > 0", 16);
    expect_error(f, DEVICE, MODE_HEAD, "power_budget_w = 15W\nsource_power_budget_w = t\n",
                 "power_budget_w: '15W' is not a number > 0", 16);
    /* a [device] key it is not */
    expect_error(f, DEVICE, "power_budget_w = 700\nsource_power_budget_w = t\n", MODE_FULL,
                 "unknown key power_budget_w in [device]", 13);
}

static void picks_the_row_mode_or_the_default(void **state)
{
    fixture *f = *state;
    hw_spec spec;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_load(&spec, write_spec(f, "fixture.ini", DEVICE, MODE_FULL, MODE_LOW), &err), 0);
    const hw_mode *m = NULL;
    assert_int_equal(hw_spec_pick_mode(&spec, NULL, "raw.csv:7", &m, &err), 0);
    assert_string_equal(m->name, "full");
    assert_int_equal(hw_spec_pick_mode(&spec, "", "raw.csv:7", &m, &err), 0);
    assert_string_equal(m->name, "full");
    assert_int_equal(hw_spec_pick_mode(&spec, "low", "raw.csv:7", &m, &err), 0);
    assert_string_equal(m->name, "LOW");
    assert_int_equal(hw_spec_pick_mode(&spec, "turbo", "raw.csv:7", &m, &err), -1);
    assert_non_null(strstr(err.text, "power mode 'turbo'"));
    assert_non_null(strstr(err.text, "full, LOW"));
    assert_non_null(strstr(err.text, "(raw.csv:7)"));
    hw_spec_free(&spec);
}

/* power_modes = nvpmodel (a Jetson): the modes differ and only the board
 * knows which ran, so a row without one is an error, never the default
 * (which stays the board's boot mode); a named mode still works. */
static void jetson_modes_are_never_guessed(void **state)
{
    fixture *f = *state;
    char device[512];
    snprintf(device, sizeof device, "%.*spower_modes = nvpmodel\n\n", (int)(sizeof DEVICE - 2), DEVICE);
    hw_spec spec;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_load(&spec, write_spec(f, "jetson.ini", device, MODE_FULL, MODE_LOW), &err), 0);
    assert_true(spec.modes_required);
    assert_string_equal(spec.default_mode->name, "full");
    const hw_mode *m = NULL;
    assert_int_equal(hw_spec_pick_mode(&spec, "", "raw.csv:7", &m, &err), -1);
    assert_null(m);
    assert_string_equal(err.text, "row has no power_mode, and spec jetson's modes (full, LOW) differ: model "
                                  "will not guess one; pass --power-mode NAME, the mode the board ran in "
                                  "(raw.csv:7)");
    assert_int_equal(hw_spec_pick_mode(&spec, NULL, "raw.csv:7", &m, &err), -1);
    assert_int_equal(hw_spec_pick_mode(&spec, "low", "raw.csv:7", &m, &err), 0);
    assert_string_equal(m->name, "LOW");
    hw_spec_free(&spec);
    snprintf(device, sizeof device, "%.*spower_modes = sometimes\n\n", (int)(sizeof DEVICE - 2), DEVICE);
    assert_int_equal(hw_spec_load(&spec, write_spec(f, "bad.ini", device, MODE_FULL, MODE_LOW), &err), -1);
    assert_non_null(strstr(err.text, "power_modes: 'sometimes' is neither nvpmodel nor fixed ("));
    assert_non_null(strstr(err.text, "bad.ini:12)"));
    /* "fixed", like no line at all, lets a row without a mode take the default */
    snprintf(device, sizeof device, "%.*spower_modes = fixed\n\n", (int)(sizeof DEVICE - 2), DEVICE);
    assert_int_equal(hw_spec_load(&spec, write_spec(f, "fixed.ini", device, MODE_FULL, MODE_LOW), &err), 0);
    assert_int_equal(hw_spec_pick_mode(&spec, "", "raw.csv:7", &m, &err), 0);
    assert_string_equal(m->name, "full");
    hw_spec_free(&spec);
}

static void missing_field_names_its_section(void **state)
{
    /* no dram_bw_gbs: reported at the [mode full] header, line 13 */
    expect_error(*state, DEVICE, MODE_HEAD, "cuda_fp32_gflops = 1\nsource_cuda_fp32_gflops = t\n",
                 "[mode full] has no dram_bw_gbs", 13);
    /* no sm_count: reported at the [device] header, line 1 */
    expect_error(*state, "[device]\nname = x\nmatch = x\nl2_bytes = 1\nsource_l2_bytes = t\n"
                         "memory_bytes = 1\nsource_memory_bytes = t\ndefault_mode = full\n\n",
                 MODE_FULL, "", "[device] has no sm_count", 1);
    expect_error(*state, DEVICE, MODE_HEAD, "dram_bw_gbs = 1\nsource_dram_bw_gbs = t\n",
                 "has no <unit>_gflops peak", 13);
    expect_error(*state, MODE_FULL, "", "", "no [device] section", 0);
}

static void non_numeric_and_negative_values_name_their_line(void **state)
{
    expect_error(*state, DEVICE, MODE_HEAD, "dram_bw_gbs = fast\n", "dram_bw_gbs: 'fast' is not a number > 0", 16);
    expect_error(*state, DEVICE, MODE_HEAD, "dram_bw_gbs = -5\n", "dram_bw_gbs: '-5' is not a number > 0", 16);
    expect_error(*state, DEVICE, MODE_HEAD, "dram_bw_gbs = 0\n", "is not a number > 0", 16);
    expect_error(*state, DEVICE, MODE_HEAD, "dram_bw_gbs = 12GB/s\n", "'12GB/s' is not a number", 16);
    expect_error(*state, DEVICE, MODE_HEAD, "dram_bw_gbs = nan\n", "'nan' is not a number", 16);
    expect_error(*state, "[device]\nsm_count = 1.5\nsource_sm_count = t\n", "", "", "sm_count: '1.5' is not an integer > 0", 2);
}

static void every_number_needs_a_source(void **state)
{
    expect_error(*state, DEVICE, MODE_HEAD, "dram_bw_gbs = 100\n",
                 "dram_bw_gbs has no source_dram_bw_gbs line", 16);
    expect_error(*state, DEVICE, MODE_HEAD, "source_dram_bw_gb = x\n",
                 "source_dram_bw_gb cites a source for no number called dram_bw_gb", 16);
}

static void unknown_names_are_errors(void **state)
{
    expect_error(*state, DEVICE, MODE_HEAD, "dram_bw_gb = 100\nsource_dram_bw_gb = t\n",
                 "unknown key dram_bw_gb in [mode full]", 16);
    expect_error(*state, DEVICE, "[modes full]\n", "x = 1\n", "unknown section [modes full]", 13);
    expect_error(*state, "x = 1\n", DEVICE, "", "key x outside any [section]", 1);
    expect_error(*state, DEVICE, MODE_HEAD, "Tensor_FP16_gflops = 1\nsource_Tensor_FP16_gflops = t\n",
                 "a compute unit is 1 to 31 characters", 16);
}

static void default_mode_must_exist(void **state)
{
    expect_error(*state, DEVICE, MODE_LOW, "", "default_mode full has no [mode full] section", 11);
}

static void nothing_twice(void **state)
{
    expect_error(*state, DEVICE, MODE_FULL, MODE_FULL, "mode full defined twice", 23);
    expect_error(*state, DEVICE, MODE_FULL, "[mode x]\nsm_clock_mhz = 1\nsm_clock_mhz = 2\n",
                 "sm_clock_mhz given twice in [mode x]", 25);
    expect_error(*state, DEVICE, DEVICE, "", "[device] given twice", 13);
}

static void syntax_errors_name_their_line(void **state)
{
    char long_line[300];
    memset(long_line, 'x', sizeof long_line);
    memcpy(long_line, "source_dram_bw_gbs = ", 21);
    long_line[sizeof long_line - 2] = '\n';
    long_line[sizeof long_line - 1] = '\0';
    expect_error(*state, DEVICE, MODE_HEAD, long_line, "line longer than 197 characters", 16);
    expect_error(*state, DEVICE, MODE_HEAD, "this line has no equals sign\n",
                 "malformed line, expected [section] or key = value", 16);
    fixture *f = *state;
    snprintf(f->path, sizeof f->path, "%s/absent.ini", f->dir);
    hw_spec spec;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_load(&spec, f->path, &err), -1);
    assert_non_null(strstr(err.text, "cannot open"));
}

/* Three specs: two that share a prefix, so the longer match must win. */
static void matches_devices(void **state)
{
    fixture *f = *state;
    write_spec(f, "fixture.ini", DEVICE, MODE_FULL, "");
    write_spec(f, "h200.ini", "[device]\nname = a\nmatch = H200\nsm_count = 1\nsource_sm_count = t\n"
                              "l2_bytes = 1\nsource_l2_bytes = t\nmemory_bytes = 1\nsource_memory_bytes = t\n"
                              "default_mode = full\n",
               MODE_FULL, "");
    write_spec(f, "h200_nvl.ini", "[device]\nname = b\nmatch = H200 NVL\nsm_count = 1\nsource_sm_count = t\n"
                                  "l2_bytes = 1\nsource_l2_bytes = t\nmemory_bytes = 1\nsource_memory_bytes = t\n"
                                  "default_mode = full\n",
               MODE_FULL, "");
    write_spec(f, "README.txt", "not a spec", "", "");
    hw_spec_set set;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_set_load(&set, f->dir, &err), 0);
    assert_int_equal(set.count, 3);
    char ids[128];
    hw_spec_set_ids(&set, ids, sizeof ids);
    assert_string_equal(ids, "fixture, h200, h200_nvl");
    const hw_spec *tie = NULL;
    assert_string_equal(hw_spec_set_match(&set, "NVIDIA H200", &tie)->id, "h200");
    assert_null(tie);
    assert_string_equal(hw_spec_set_match(&set, "NVIDIA H200 NVL", &tie)->id, "h200_nvl");
    assert_string_equal(hw_spec_set_match(&set, "nvidia h200 nvl", &tie)->id, "h200_nvl");
    assert_string_equal(hw_spec_set_match(&set, "Fixture GPU 9000 rev B", &tie)->id, "fixture");
    assert_string_equal(hw_spec_set_match(&set, "fx9", &tie)->id, "fixture");
    assert_null(hw_spec_set_match(&set, "NVIDIA A100-SXM4-80GB", &tie));
    assert_non_null(hw_spec_set_find(&set, "h200_nvl"));
    assert_null(hw_spec_set_find(&set, "h200_NVL"));
    hw_spec_set_free(&set);
}

static void equal_matches_are_a_tie(void **state)
{
    fixture *f = *state;
    write_spec(f, "a.ini", DEVICE, MODE_FULL, "");
    write_spec(f, "b.ini", DEVICE, MODE_FULL, "");
    hw_spec_set set;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_set_load(&set, f->dir, &err), 0);
    const hw_spec *tie = NULL;
    assert_string_equal(hw_spec_set_match(&set, "FX9", &tie)->id, "a");
    assert_non_null(tie);
    assert_string_equal(tie->id, "b");
    hw_spec_set_free(&set);
}

/* The shipped specs/ against what raw rows say of their device: CUDA calls
 * every Jetson Orin GPU "Orin", so the name alone once sent a 4GB Orin Nano
 * (34 GB/s) and a JetPack 6.2 Super board to the 8GB JetPack 6.1 spec. */
typedef struct pick_case {
    const char *name;
    uint64_t sms, memory;
    const char *mode, *conf, *l4t;
    const char *want; /* spec id, or the start of the error */
} pick_case;

static void picks_by_every_fact(void **state)
{
    (void)state;
    const char *tests_dir = getenv("TESTS_DIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/../specs", tests_dir != NULL ? tests_dir : "tests");
    hw_spec_set set;
    rl_error err = {{0}};
    if (hw_spec_set_load(&set, dir, &err) != 0)
        fail_msg("%s", err.text);
#define GB8 7632121856u /* about what CUDA reports on each board */
#define GB4 3600000000u
    static const pick_case CASES[] = {
        /* by the nvpmodel table: JetPack 6.0/6.1 and 6.2 Super differ in 15W */
        {"Orin", 8, GB8, "15W", "nvpmodel_p3767_0003.conf", "36.4.3", "orin_nano_8gb"},
        {"Orin", 8, GB8, "15W", "nvpmodel_p3767_0003_super.conf", "36.4.3", "orin_nano_8gb_super"},
        /* no table name: by the L4T release, JetPack 6.2 = 36.4.3 */
        {"Orin", 8, GB8, "15W", "", "36.4.3", "orin_nano_8gb_super"},
        {"Orin", 8, GB8, "15W", "", "36.4.10", "orin_nano_8gb_super"},
        {"Orin", 8, GB8, "15W", "", "36.3.0", "orin_nano_8gb"},
        {"Orin", 8, GB8, "15W", "", "35.3.1", "orin_nano_8gb"},
        /* neither: a mode only one table has decides; one both have cannot */
        {"Orin", 8, GB8, "MAXN_SUPER", "", "", "orin_nano_8gb_super"},
        {"Orin", 8, GB8, "15W", "", "",
         "device 'Orin' matches specs orin_nano_8gb and orin_nano_8gb_super equally: the row does not say "
         "which nvpmodel table ran (nvpmodel_conf, l4t_release); pass --device ID"},
        /* the 4GB board: 4 SMs and half the memory */
        {"Orin", 4, GB4, "10W", "nvpmodel_p3767_0004.conf", "36.3.0", "orin_nano_4gb"},
        {"Orin", 4, GB4, "10W", "", "", "orin_nano_4gb"},
        /* an 8GB board in 7W may report the 4 SMs left on: its memory says 8GB */
        {"Orin", 4, GB8, "7W", "nvpmodel_p3767_0003.conf", "", "orin_nano_8gb"},
        /* the NX and AGX Orin, by memory and SMs */
        {"Orin", 8, 16400000000u, "MAXN", "nvpmodel_p3767_0000.conf", "36.3.0", "orin_nx_16gb"},
        {"Orin", 16, 65893392384u, "MAXN", "nvpmodel_p3701_0000.conf", "36.4.4", "agx_orin_64gb"},
        /* an Orin NX 8GB (no spec): the Nano's SMs and memory, another table */
        {"Orin", 8, GB8, "15W", "nvpmodel_p3767_0001.conf", "36.3.0",
         "device 'Orin' ran nvpmodel table 'nvpmodel_p3767_0001.conf' (L4T 36.3.0), which none of the specs "
         "it matches holds (orin_nano_8gb, orin_nano_8gb_super); add match_nvpmodel_conf"},
        {"Orin", 12, GB8, "15W", "", "", "device 'Orin' has 12 SMs, which none of the specs its name matches has ("},
        /* datacenter cards: the name, then the memory where the row has it */
        {"NVIDIA H100 80GB HBM3", 132, 0, "", "", "", "h100_sxm"},
        {"NVIDIA H100 80GB HBM3", 132, 85029158912u, "", "", "", "h100_sxm"},
        {"NVIDIA L4", 58, 23612293120u, "", "", "", "l4"},
        /* 8 SMs and 32 GB: no Orin board like that has a spec */
        {"Orin", 8, 34359738368u, "15W", "", "",
         "device 'Orin' has 34.36 GB of memory, not within 25% of any spec its name and SM count match "
         "(agx_orin_64gb, orin_nano_8gb, orin_nano_8gb_super, orin_nx_16gb)"},
        {"NVIDIA B200", 148, 0, "", "", "", "device 'NVIDIA B200' matches no hardware spec (known: "},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const pick_case *c = &CASES[i];
        hw_device_facts d = {c->name, c->sms, c->memory, c->mode, c->conf, c->l4t};
        const hw_spec *got = NULL;
        int rc = hw_spec_set_pick(&set, &d, &got, &err);
        if (strchr(c->want, ' ') == NULL) {
            if (rc != 0 || strcmp(got->id, c->want) != 0)
                fail_msg("case %zu: want %s, got %s", i, c->want, rc == 0 ? got->id : err.text);
        } else if (rc != -1 || strncmp(err.text, c->want, strlen(c->want)) != 0) {
            fail_msg("case %zu: want '%s', got %s", i, c->want, rc == 0 ? got->id : err.text);
        }
    }
    /* the name alone (the old matching) takes the 4GB board for the 8GB one */
    const hw_spec *tie = NULL;
    assert_string_not_equal(hw_spec_set_match(&set, "Orin", &tie)->id, "orin_nano_4gb");
    hw_spec_set_free(&set);
#undef GB8
#undef GB4
}

/* The table keys: match_nvpmodel_conf repeats, releases must read as one. */
static void table_keys(void **state)
{
    fixture *f = *state;
    char device[512];
    snprintf(device, sizeof device,
             "%.*smatch_nvpmodel_conf = a.conf\nmatch_nvpmodel_conf = b.conf\nl4t_min = 36.4\nl4t_below = 37\n\n",
             (int)(sizeof DEVICE - 2), DEVICE);
    hw_spec spec;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_load(&spec, write_spec(f, "t.ini", device, MODE_FULL, ""), &err), 0);
    assert_int_equal(spec.ntables, 2);
    assert_string_equal(spec.tables[1], "b.conf");
    assert_string_equal(spec.l4t_min, "36.4");
    assert_string_equal(spec.l4t_below, "37");
    hw_spec_free(&spec);
    static const char *const BAD[] = {"36.4.3.1", "R36", "36..4", "", "1234567"};
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        snprintf(device, sizeof device, "%.*sl4t_min = %s\n\n", (int)(sizeof DEVICE - 2), DEVICE, BAD[i]);
        assert_int_equal(hw_spec_load(&spec, write_spec(f, "bad.ini", device, MODE_FULL, ""), &err), -1);
        if (strstr(err.text, "bad.ini:12)") == NULL)
            fail_msg("'%s': %s", BAD[i], err.text);
    }
}

static void a_bad_file_fails_the_set(void **state)
{
    fixture *f = *state;
    hw_spec_set set;
    rl_error err = {{0}};
    assert_int_equal(hw_spec_set_load(&set, f->dir, &err), -1);
    assert_non_null(strstr(err.text, "no hardware specs"));
    write_spec(f, "good.ini", DEVICE, MODE_FULL, "");
    write_spec(f, "zbad.ini", DEVICE, MODE_HEAD, "dram_bw_gbs = lots\n");
    assert_int_equal(hw_spec_set_load(&set, f->dir, &err), -1);
    assert_non_null(strstr(err.text, "zbad.ini:16)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(loads_a_good_spec, setup, teardown),
        cmocka_unit_test_setup_teardown(optional_reserve_and_mode_sm_count, setup, teardown),
        cmocka_unit_test_setup_teardown(optional_l2_bandwidth, setup, teardown),
        cmocka_unit_test_setup_teardown(optional_power_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(picks_the_row_mode_or_the_default, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_field_names_its_section, setup, teardown),
        cmocka_unit_test_setup_teardown(non_numeric_and_negative_values_name_their_line, setup, teardown),
        cmocka_unit_test_setup_teardown(every_number_needs_a_source, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_names_are_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(default_mode_must_exist, setup, teardown),
        cmocka_unit_test_setup_teardown(jetson_modes_are_never_guessed, setup, teardown),
        cmocka_unit_test_setup_teardown(nothing_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(syntax_errors_name_their_line, setup, teardown),
        cmocka_unit_test_setup_teardown(matches_devices, setup, teardown),
        cmocka_unit_test_setup_teardown(equal_matches_are_a_tie, setup, teardown),
        cmocka_unit_test_setup_teardown(a_bad_file_fails_the_set, setup, teardown),
        cmocka_unit_test(picks_by_every_fact),
        cmocka_unit_test_setup_teardown(table_keys, setup, teardown),
    };
    return cmocka_run_group_tests_name("model_spec", tests, NULL, NULL);
}
