/* The Jetson readers on whole fixture trees, one per board and JetPack
 * (tests/fixtures/jetson/README.md says what each one stands for): the
 * INA3221 rails in both driver layouts (each chosen alone, and all three
 * recorded beside the module rail), the GPU clock from devfreq (ga10b,
 * and gpu on JetPack 7 and the Jetson Nano), the modes of nvpmodel.conf, the
 * current mode through a fake nvpmodel that prints the tree's
 * nvpmodel-q.txt, and jetson_power_mode_name(), the call measure makes for
 * its power_mode column; and what tells the power-mode tables apart (the
 * nvpmodel table in use, the L4T release) and the caps the mode set (GPU
 * devfreq max_freq, the EMC cap). Every power is worked out by hand beside
 * it (mV * mA / 1000 = mW). The trees are only read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "energy_meter.h"
#include "fixture_tree.h"
#include "jetson_board.h"
#include "jetson_clock.h"
#include "jetson_mode.h"
#include "power_source.h"

typedef struct rail_want {
    const char *label;
    double mw; /* first-sample power */
} rail_want;

typedef struct tree_want {
    const char *tree;
    rail_want rails[3];        /* the module rail first: the default choice */
    uint64_t interval_us;      /* the sampling period the backend takes */
    const char *devfreq_entry; /* sys/class/devfreq/<entry> the GPU is found at */
    double gpu_mhz;
    int mode_count, default_id;
    const char *modes[4]; /* in file order */
    int mode_ids[4];
    const char *current; /* what nvpmodel-q.txt says */
    int current_id;
} tree_want;

static const tree_want TREES[] = {
    {"orin_nano_jp5",
     {{"VDD_IN", 5114.64},          /* 5064 mV * 1010 mA */
      {"VDD_CPU_GPU_CV", 1132.544}, /* 5056 * 224 */
      {"VDD_SOC", 1457.28}},        /* 5060 * 288 */
     6000, "17000000.ga10b", 624.75, 2, 0, {"15W", "7W"}, {0, 1}, "15W", 0},
    {"orin_nano_jp6",
     {{"VDD_IN", 8036.416},         /* 5048 * 1592 */
      {"VDD_CPU_GPU_CV", 4435.2},   /* 5040 * 880 */
      {"VDD_SOC", 2380.768}},       /* 5044 * 472 */
     6000, "17000000.ga10b", 408.0, 2, 0, {"15W", "7W"}, {0, 1}, "7W", 1},
    {"orin_nano_jp6_super",
     {{"VDD_IN", 12479.36},         /* 5032 * 2480 */
      {"VDD_CPU_GPU_CV", 8226.24},  /* 5016 * 1640 */
      {"VDD_SOC", 3536.896}},       /* 5024 * 704 */
     6000, "17000000.ga10b", 1020.0, 4, 1, {"15W", "25W", "MAXN_SUPER", "7W"}, {0, 1, 2, 3},
     "MAXN_SUPER", 2},
    {"orin_nano_jp7",
     {{"VDD_IN", 8064.0},           /* 5040 * 1600 */
      {"VDD_CPU_GPU_CV", 5032.0},   /* 5032 * 1000 */
      {"VDD_SOC", 2518.0}},         /* 5036 * 500 */
     6000, "17000000.gpu", 918.0, 4, 1, {"15W", "25W", "MAXN_SUPER", "7W"}, {0, 1, 2, 3}, "25W",
     1},
    {"nano_jp4",
     /* the driver's own in_powerN_input (mW), one read instead of V and I */
     {{"POM_5V_IN", 6200.0},        /* 5000 * 1240 = 6200 */
      {"POM_5V_GPU", 798.0},        /* 4992 * 160 = 798.72; the file says 798 */
      {"POM_5V_CPU", 1594.0}},      /* 4984 * 320 = 1594.88; the file says 1594 */
     10000 /* no update_interval: the backend's default */, "57000000.gpu", 921.6, 2, 0,
     {"MAXN", "5W"}, {0, 1}, "MAXN", 0},
};
enum { TREE_COUNT = sizeof TREES / sizeof TREES[0] };

static char tmp[PATH_MAX]; /* for the fake nvpmodel; the trees stay untouched */

static int make_tmp(void **state)
{
    (void)state;
    return fx_tmpdir(tmp, sizeof tmp, "power_jetson_fixtures");
}

static int remove_tmp(void **state)
{
    (void)state;
    return fx_rmtree(tmp);
}

/* tests/fixtures/jetson/<tree>; TESTS_DIR is set by tests/run.sh, else the
 * test runs from the repository root. */
static void tree_root(const char *tree, char *out, size_t len)
{
    const char *dir = getenv("TESTS_DIR");
    int n = snprintf(out, len, "%s/fixtures/jetson/%s", dir != NULL ? dir : "tests", tree);
    assert_true(n > 0 && (size_t)n < len);
    struct stat st;
    if (stat(out, &st) != 0)
        fail_msg("no fixture tree %s (run from the repository root or set TESTS_DIR)", out);
}

static void check_rail(const char *root, const char *tree, const char *rail, const char *label,
                       double mw, uint64_t interval_us)
{
    power_config c;
    power_config_default(&c);
    c.root = root;
    c.rail = rail; /* NULL: the board table's module rail */
    power_source ps;
    rl_error err = {{0}};
    if (power_source_open(&ps, "jetson_ina3221", &c, &err) != 0)
        fail_msg("%s: %s", tree, err.text);
    char name[96];
    snprintf(name, sizeof name, "jetson_ina3221:%s", label);
    assert_string_equal(power_source_name(&ps), name);
    power_reading p = {0, 0};
    assert_int_equal(power_source_read_power_mw(&ps, &p, &err), 0);
    assert_true(p.valid);
    assert_float_equal(p.value, mw, 1e-9);
    assert_int_equal(power_source_refresh_interval_us(&ps), interval_us);
    power_source_close(&ps);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Every rail of the tree, recorded beside the module rail: the three in
 * channel order, each averaging its (constant) first-sample power between
 * two reads of the rails. The other rails are sampled in turn, one on every
 * second sample of the module rail, so the second read waits (up to 2 s)
 * until every rail has a sample after the first. */
static void check_every_rail(const char *root, const tree_want *w)
{
    power_config c;
    power_config_default(&c);
    c.root = root;
    power_source ps;
    rl_error err = {{0}};
    if (power_source_open(&ps, "jetson_ina3221", &c, &err) != 0)
        fail_msg("%s: %s", w->tree, err.text);
    power_rails a, b;
    assert_int_equal(power_source_read_rails(&ps, &a, &err), 0);
    assert_int_equal(a.count, 3);
    for (int tries = 0; tries < 200; tries++) {
        sleep_ms(10);
        assert_int_equal(power_source_read_rails(&ps, &b, &err), 0);
        assert_int_equal(b.count, 3);
        int fresh = 1;
        for (int r = 0; r < 3; r++)
            fresh &= b.rail[r].samples > a.rail[r].samples;
        if (fresh)
            break;
    }
    rail_watts avg[POWER_RAILS_MAX];
    assert_int_equal(energy_rails_average(&a, &b, avg), 3);
    for (int r = 0; r < 3; r++) {
        assert_string_equal(b.rail[r].name, w->rails[r].label);
        assert_true(b.rail[r].valid);
        assert_string_equal(avg[r].name, w->rails[r].label);
        assert_float_equal(avg[r].watts, w->rails[r].mw / 1000.0, 1e-9);
    }
    power_source_close(&ps);
}

static void rails(void **state)
{
    (void)state;
    for (int t = 0; t < TREE_COUNT; t++) {
        const tree_want *w = &TREES[t];
        char root[PATH_MAX];
        tree_root(w->tree, root, sizeof root);
        check_rail(root, w->tree, NULL, w->rails[0].label, w->rails[0].mw, w->interval_us);
        for (int r = 0; r < 3; r++)
            check_rail(root, w->tree, w->rails[r].label, w->rails[r].label, w->rails[r].mw,
                       w->interval_us);
        check_every_rail(root, w);
    }
}

/* The GPU node is found by of_node name through the sysfs links, past the
 * video engine's node that sorts first; the backend reports it as the SM
 * clock and the memory clock as not reported. */
static void gpu_clock(void **state)
{
    (void)state;
    for (int t = 0; t < TREE_COUNT; t++) {
        const tree_want *w = &TREES[t];
        char root[PATH_MAX], path[PATH_MAX], want[PATH_MAX];
        tree_root(w->tree, root, sizeof root);
        rl_error err = {{0}};
        assert_int_equal(jetson_gpu_devfreq_find(root, path, sizeof path, &err), 0);
        snprintf(want, sizeof want, "/sys/class/devfreq/%s/cur_freq", w->devfreq_entry);
        if (strstr(path, want) == NULL)
            fail_msg("%s: GPU found at %s, want ...%s", w->tree, path, want);
        power_reading mhz = {0, 0};
        assert_int_equal(jetson_gpu_clock_read(root, &mhz, &err), 0);
        assert_true(mhz.valid);
        assert_float_equal(mhz.value, w->gpu_mhz, 1e-9);
        power_config c;
        power_config_default(&c);
        c.root = root;
        power_source ps;
        assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), 0);
        power_clocks ck;
        assert_int_equal(power_source_read_clocks(&ps, &ck, &err), 0);
        assert_true(ck.sm_mhz.valid);
        assert_float_equal(ck.sm_mhz.value, w->gpu_mhz, 1e-9);
        assert_false(ck.mem_mhz.valid);
        power_source_close(&ps);
    }
}

static void conf_modes(void **state)
{
    (void)state;
    for (int t = 0; t < TREE_COUNT; t++) {
        const tree_want *w = &TREES[t];
        char root[PATH_MAX], path[PATH_MAX];
        tree_root(w->tree, root, sizeof root);
        assert_true(snprintf(path, sizeof path, "%s/etc/nvpmodel.conf", root) < (int)sizeof path);
        jetson_mode_conf conf;
        rl_error err = {{0}};
        if (jetson_mode_conf_read(path, &conf, &err) != 0)
            fail_msg("%s", err.text);
        assert_int_equal(conf.count, w->mode_count);
        assert_int_equal(conf.default_id, w->default_id);
        for (int m = 0; m < w->mode_count; m++) {
            assert_string_equal(conf.modes[m].name, w->modes[m]);
            assert_int_equal(conf.modes[m].id, w->mode_ids[m]);
        }
    }
}

/* A fake nvpmodel in tmp that prints the tree's nvpmodel-q.txt for -q. */
static void fake_nvpmodel(const char *root, char *path, size_t len)
{
    char text[PATH_MAX + 128];
    int n = snprintf(text, sizeof text, "#!/bin/sh\n[ \"$1\" = -q ] || exit 64\nexec cat '%s/nvpmodel-q.txt'\n",
                     root);
    assert_true(n > 0 && (size_t)n < sizeof text);
    assert_int_equal(fx_write(tmp, "nvpmodel", text), 0);
    assert_true(snprintf(path, len, "%s/nvpmodel", tmp) < (int)len);
    assert_int_equal(chmod(path, 0755), 0);
}

static void current_mode(void **state)
{
    (void)state;
    for (int t = 0; t < TREE_COUNT; t++) {
        const tree_want *w = &TREES[t];
        char root[PATH_MAX], cmd[PATH_MAX];
        tree_root(w->tree, root, sizeof root);
        fake_nvpmodel(root, cmd, sizeof cmd);
        jetson_mode_options o;
        jetson_mode_options_default(&o);
        o.root = root;
        o.nvpmodel = cmd;
        jetson_mode m;
        rl_error err = {{0}};
        if (jetson_mode_read(&o, &m, &err) != 0)
            fail_msg("%s: %s", w->tree, err.text);
        assert_string_equal(m.name, w->current);
        assert_int_equal(m.id, w->current_id);
        char cell[JETSON_MODE_NAME_MAX] = "junk";
        assert_int_equal(jetson_power_mode_name(root, cmd, NULL, cell, sizeof cell, &err), 0);
        assert_string_equal(cell, w->current);
        assert_int_equal(jetson_power_mode_name(root, cmd, w->current, cell, sizeof cell, &err), 0);
        assert_string_equal(cell, w->current);
    }
}

/* What measure gets in the cases that are not the plain one. */
static void mode_name_cases(void **state)
{
    (void)state;
    char root[PATH_MAX], cmd[PATH_MAX], cell[JETSON_MODE_NAME_MAX];
    rl_error err = {{0}};
    tree_root("orin_nano_jp6_super", root, sizeof root);
    fake_nvpmodel(root, cmd, sizeof cmd);

    /* the sweep said 7W but the board runs MAXN_SUPER: the rows say what ran */
    assert_int_equal(jetson_power_mode_name(root, cmd, "7W", cell, sizeof cell, &err), -1);
    assert_string_equal(err.text, "nvpmodel -q says the power mode is MAXN_SUPER, expected 7W");
    assert_string_equal(cell, "MAXN_SUPER");

    /* not a Jetson (no nvpmodel.conf): nvpmodel is never run, expect is kept */
    char none[PATH_MAX];
    assert_true(snprintf(none, sizeof none, "%s/empty", tmp) < (int)sizeof none);
    assert_int_equal(mkdir(none, 0755), 0);
    assert_int_equal(jetson_power_mode_name(none, "/nonexistent/nvpmodel", NULL, cell, sizeof cell,
                                            &err),
                     1);
    assert_string_equal(cell, "");
    assert_int_equal(
        jetson_power_mode_name(none, "/nonexistent/nvpmodel", "15W", cell, sizeof cell, &err), 1);
    assert_string_equal(cell, "15W");

    /* a Jetson whose nvpmodel fails: the error, and expect as the best answer */
    assert_int_equal(
        jetson_power_mode_name(root, "/nonexistent/nvpmodel", "25W", cell, sizeof cell, &err), -1);
    assert_non_null(strstr(err.text, "nvpmodel -q failed: cannot run /nonexistent/nvpmodel"));
    assert_non_null(strstr(err.text, "; rows say 25W, the mode the sweep set"));
    assert_string_equal(cell, "25W");

    /* a buffer too small for the name is an error, never a cut name */
    char small[8];
    assert_int_equal(jetson_power_mode_name(root, cmd, NULL, small, sizeof small, &err), -1);
    assert_string_equal(err.text, "power mode name 'MAXN_SUPER' longer than 7 bytes");
    assert_string_equal(small, "");
    assert_int_equal(jetson_power_mode_name(none, cmd, "MAXN_SUPER", small, sizeof small, &err), -1);
    assert_non_null(strstr(err.text, "longer than 7 bytes"));
    assert_string_equal(small, "");
}

/* The table etc/nvpmodel.conf links to, the L4T release of
 * etc/nv_tegra_release's first line, and the caps of the tree's mode:
 * devfreq max_freq (Hz / 1e6) and emc_iso_cap (Hz / 1e6; 0: no cap). */
static void board_facts(void **state)
{
    (void)state;
    static const struct {
        const char *tree, *table, *l4t;
        double gpu_cap_mhz, emc_cap_mhz; /* emc 0: not reported */
    } WANT[] = {
        {"orin_nano_jp5", "nvpmodel_p3767_0003.conf", "35.3.1", 624.75, 0},       /* 15W: EMC not capped */
        {"orin_nano_jp6", "nvpmodel_p3767_0003.conf", "36.3.0", 408, 2133},       /* 7W */
        {"orin_nano_jp6_super", "nvpmodel_p3767_0003_super.conf", "36.4.3", 1020, 3199}, /* MAXN_SUPER */
        {"orin_nano_jp7", "nvpmodel_p3767_0003_super.conf", "", 918, 3199},       /* 25W; no release file */
        {"nano_jp4", "nvpmodel_t210_jetson-nano.conf", "32.7.1", 921.6, 0},       /* no emc cap file */
    };
    for (size_t t = 0; t < sizeof WANT / sizeof WANT[0]; t++) {
        char root[PATH_MAX], buf[128];
        tree_root(WANT[t].tree, root, sizeof root);
        rl_error err = {{0}};
        assert_int_equal(jetson_nvpmodel_table(root, buf, sizeof buf, &err), 0);
        assert_string_equal(buf, WANT[t].table);
        assert_int_equal(jetson_l4t_release(root, buf, sizeof buf, &err), WANT[t].l4t[0] ? 0 : 1);
        assert_string_equal(buf, WANT[t].l4t);
        power_reading mhz = {0, 0};
        assert_int_equal(jetson_gpu_clock_cap_read(root, &mhz, &err), 0);
        assert_true(mhz.valid);
        assert_float_equal(mhz.value, WANT[t].gpu_cap_mhz, 1e-9);
        assert_int_equal(jetson_emc_cap_read(root, &mhz, &err), 0);
        assert_int_equal(mhz.valid, WANT[t].emc_cap_mhz > 0);
        assert_float_equal(mhz.value, WANT[t].emc_cap_mhz, 1e-9);
    }
}

/* Not a Jetson, and files that do not read as they should. */
static void board_facts_bad(void **state)
{
    (void)state;
    char buf[64];
    rl_error err = {{0}};
    assert_int_equal(jetson_nvpmodel_table(tmp, buf, sizeof buf, &err), 1);
    assert_string_equal(buf, "");
    assert_int_equal(jetson_l4t_release(tmp, buf, sizeof buf, &err), 1);
    power_reading mhz = {1, 5};
    assert_int_equal(jetson_emc_cap_read(tmp, &mhz, &err), 0);
    assert_false(mhz.valid);
    assert_int_equal(jetson_gpu_clock_cap_read(tmp, &mhz, &err), 0);
    assert_false(mhz.valid);
    static const char *const BAD[] = {"R36.4.3\n", "# R36 (release), REVISION: x.3\n",
                                      "# R36 (release), REVISION: 4.1234567\n"};
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        assert_int_equal(fx_write(tmp, "etc/nv_tegra_release", BAD[i]), 0);
        assert_int_equal(jetson_l4t_release(tmp, buf, sizeof buf, &err), -1);
        assert_non_null(strstr(err.text, "REVISION: <minor>.<patch>' in "));
        assert_non_null(strstr(err.text, "nv_tegra_release:1"));
    }
    assert_int_equal(fx_write(tmp, "etc/nv_tegra_release", "# R36 (release), REVISION: 4\n"), 0);
    assert_int_equal(jetson_l4t_release(tmp, buf, sizeof buf, &err), 0);
    assert_string_equal(buf, "36.4.0");
    assert_int_equal(fx_write(tmp, "sys/kernel/nvpmodel_emc_cap/emc_iso_cap", "0x10\n"), 0);
    assert_int_equal(jetson_emc_cap_read(tmp, &mhz, &err), -1);
    assert_non_null(strstr(err.text, "not a number '0x10'"));
    assert_int_equal(fx_write(tmp, "etc/nvpmodel.conf", "< POWER_MODEL ID=0 NAME=15W >\n"), 0);
    assert_int_equal(jetson_nvpmodel_table(tmp, buf, sizeof buf, &err), 0);
    assert_string_equal(buf, "nvpmodel.conf"); /* not a link */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, make_tmp, remove_tmp)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rails), cmocka_unit_test(gpu_clock), cmocka_unit_test(conf_modes),
        T(current_mode),         T(mode_name_cases),
        cmocka_unit_test(board_facts), T(board_facts_bad),
    };
#undef T
    return cmocka_run_group_tests_name("power_jetson_fixtures", tests, NULL, NULL);
}
