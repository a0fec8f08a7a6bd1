/* Jetson readers on fixture trees: the GPU clock from devfreq (ga10b on
 * JetPack 5/6, gpu on JetPack 7), nvpmodel.conf parsing, and the current
 * power mode from a fake `nvpmodel` script written by the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "fixture_tree.h"
#include "jetson_clock.h"
#include "jetson_mode.h"
#include "power_source.h"

static char root[PATH_MAX];

static int make_root(void **state)
{
    (void)state;
    return fx_tmpdir(root, sizeof root, "power_jetson");
}

static int remove_root(void **state)
{
    (void)state;
    return fx_rmtree(root);
}

/* Device-tree strings end in a NUL, not a newline. */
static void write_node(const char *entry, const char *of_name, const char *hz)
{
    char rel[256], name[64];
    snprintf(rel, sizeof rel, "sys/class/devfreq/%s/device/of_node/name", entry);
    int n = snprintf(name, sizeof name, "%s", of_name);
    assert_int_equal(fx_write_n(root, rel, name, (size_t)n + 1), 0);
    snprintf(rel, sizeof rel, "sys/class/devfreq/%s/cur_freq", entry);
    assert_int_equal(fx_write(root, rel, hz), 0);
}

static void expect_clock(double mhz)
{
    power_reading r = {0, 0};
    rl_error err = {{0}};
    if (jetson_gpu_clock_read(root, &r, &err) != 0)
        fail_msg("%s", err.text);
    assert_true(r.valid);
    assert_float_equal(r.value, mhz, 1e-9);
}

static void devfreq_ga10b(void **state)
{
    (void)state;
    /* sorts first and must be passed over: the DLA, not the GPU */
    write_node("13e10000.host1x:nvdla0", "nvdla0", "1600000000\n");
    write_node("17000000.ga10b", "ga10b", "624750000\n");
    expect_clock(624.75); /* 624750000 Hz */
    char path[PATH_MAX];
    assert_int_equal(jetson_gpu_devfreq_find(root, path, sizeof path, NULL), 0);
    assert_non_null(strstr(path, "/sys/class/devfreq/17000000.ga10b/cur_freq"));
}

static void devfreq_jetpack7_name(void **state)
{
    (void)state;
    write_node("17000000.gpu", "gpu", "1020000000\n");
    expect_clock(1020.0); /* MAXN SUPER */
}

static void devfreq_absent_or_bad(void **state)
{
    (void)state;
    power_reading r = {1, 5};
    rl_error err = {{0}};
    assert_int_equal(jetson_gpu_clock_read(root, &r, &err), 0); /* not a Jetson */
    assert_false(r.valid);
    write_node("17000000.ga10b", "ga10b", "fast\n");
    assert_int_equal(jetson_gpu_clock_read(root, &r, &err), -1);
    assert_non_null(strstr(err.text, "not a number 'fast' in "));
    assert_non_null(strstr(err.text, "17000000.ga10b/cur_freq"));
    write_node("17000000.ga10b", "ga10b", "0\n");
    assert_int_equal(jetson_gpu_clock_read(root, &r, &err), -1);
    assert_non_null(strstr(err.text, "out of range"));
}

/* The INA3221 backend reports the devfreq clock as the SM clock. */
static void ina3221_reports_gpu_clock(void **state)
{
    (void)state;
#define HW "sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3/"
    assert_int_equal(fx_write(root, HW "in1_label", "VDD_IN\n"), 0);
    assert_int_equal(fx_write(root, HW "in1_input", "5000\n"), 0);
    assert_int_equal(fx_write(root, HW "curr1_input", "1000\n"), 0);
#undef HW
    write_node("17000000.ga10b", "ga10b", "306000000\n");
    power_config c;
    power_config_default(&c);
    c.root = root;
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), 0);
    power_clocks ck;
    assert_int_equal(power_source_read_clocks(&ps, &ck, &err), 0);
    assert_true(ck.sm_mhz.valid);
    assert_float_equal(ck.sm_mhz.value, 306.0, 1e-9);
    assert_false(ck.mem_mhz.valid);
    power_source_close(&ps);
}

static const char CONF[] = "# Orin Nano style, trimmed\n"
                           "< PARAM TYPE=FILE NAME=CPU_ONLINE >\n"
                           "CORE_0 /sys/devices/system/cpu/cpu0/online\n"
                           "< POWER_MODEL ID=0 NAME=MAXN_SUPER >\n"
                           "CPU_ONLINE CORE_0 1\n"
                           "<POWER_MODEL ID=1 NAME=7W>\n"
                           "  < POWER_MODEL ID=2 NAME=15W >  \n"
                           "< PM_CONFIG DEFAULT=2 >\n";

static void conf_path(char *out, size_t len)
{
    assert_true(snprintf(out, len, "%s/etc/nvpmodel.conf", root) < (int)len);
}

static void conf_modes(void **state)
{
    (void)state;
    assert_int_equal(fx_write(root, "etc/nvpmodel.conf", CONF), 0);
    char path[PATH_MAX];
    conf_path(path, sizeof path);
    jetson_mode_conf conf;
    rl_error err = {{0}};
    assert_int_equal(jetson_mode_conf_read(path, &conf, &err), 0);
    assert_int_equal(conf.count, 3);
    assert_int_equal(conf.default_id, 2);
    assert_int_equal(conf.modes[0].id, 0);
    assert_string_equal(conf.modes[0].name, "MAXN_SUPER");
    assert_string_equal(conf.modes[1].name, "7W");
    assert_string_equal(jetson_mode_conf_find(&conf, 2)->name, "15W");
    assert_null(jetson_mode_conf_find(&conf, 3));
}

static void expect_bad_conf(const char *text, const char *want)
{
    assert_int_equal(fx_write(root, "etc/nvpmodel.conf", text), 0);
    char path[PATH_MAX];
    conf_path(path, sizeof path);
    jetson_mode_conf conf;
    rl_error err = {{0}};
    assert_int_equal(jetson_mode_conf_read(path, &conf, &err), -1);
    if (strstr(err.text, want) == NULL)
        fail_msg("'%s' does not say '%s'", err.text, want);
}

static void conf_bad(void **state)
{
    (void)state;
    expect_bad_conf("< POWER_MODEL ID=0 NAME=15W >\n< POWER_MODEL ID=x NAME=7W >\n",
                    "not a number 'x' in ");
    expect_bad_conf("< POWER_MODEL ID=0 NAME=15W >\n< POWER_MODEL ID=0 NAME=7W >\n",
                    "power mode id 0 listed twice at ");
    expect_bad_conf("< POWER_MODEL ID=0 >\n", "POWER_MODEL without ID or NAME at ");
    expect_bad_conf("# nothing\n", "no POWER_MODEL lines in ");
    char longer[2100];
    memset(longer, 'x', sizeof longer - 2);
    longer[sizeof longer - 2] = '\n';
    longer[sizeof longer - 1] = '\0';
    expect_bad_conf(longer, "line longer than 1022 bytes at ");
    /* the line number comes with the file */
    expect_bad_conf("\n\n< POWER_MODEL ID=-1 NAME=7W >\n", "nvpmodel.conf:3");
}

static void query_text(void **state)
{
    (void)state;
    jetson_mode m;
    rl_error err = {{0}};
    assert_int_equal(jetson_mode_parse_query("NV Power Mode: 15W\n2\n", &m, &err), 0);
    assert_int_equal(m.id, 2);
    assert_string_equal(m.name, "15W");
    assert_int_equal(
        jetson_mode_parse_query("NV Fan Mode:quiet\nNV Power Mode: MAXN_SUPER\r\n0\r\n", &m, &err),
        0);
    assert_int_equal(m.id, 0);
    assert_string_equal(m.name, "MAXN_SUPER");
    assert_int_equal(jetson_mode_parse_query("NV Power Mode: 7W\n", &m, &err), 0);
    assert_int_equal(m.id, -1); /* no id line: unknown, not 0 */
    assert_int_equal(jetson_mode_parse_query("nvpmodel: permission denied\n", &m, &err), -1);
    assert_string_equal(err.text, "no 'NV Power Mode:' line in nvpmodel -q output");
}

/* Writes an executable fake nvpmodel whose body is script. */
static void fake_nvpmodel(const char *script, jetson_mode_options *o, char *path, size_t len)
{
    char text[512];
    snprintf(text, sizeof text, "#!/bin/sh\n[ \"$1\" = -q ] || exit 64\n%s", script);
    assert_int_equal(fx_write(root, "bin/nvpmodel", text), 0);
    assert_true(snprintf(path, len, "%s/bin/nvpmodel", root) < (int)len);
    assert_int_equal(chmod(path, 0755), 0);
    jetson_mode_options_default(o);
    o->root = root;
    o->nvpmodel = path;
    o->timeout_ms = 2000;
}

static int read_mode(const char *script, jetson_mode *m, rl_error *err)
{
    jetson_mode_options o;
    char path[PATH_MAX];
    fake_nvpmodel(script, &o, path, sizeof path);
    return jetson_mode_read(&o, m, err);
}

static void mode_from_nvpmodel(void **state)
{
    (void)state;
    jetson_mode m;
    rl_error err = {{0}};
    /* no nvpmodel.conf: the query alone */
    assert_int_equal(read_mode("printf 'NV Power Mode: 15W\\n2\\n'\n", &m, &err), 0);
    assert_int_equal(m.id, 2);
    assert_string_equal(m.name, "15W");
    assert_int_equal(fx_write(root, "etc/nvpmodel.conf", CONF), 0);
    assert_int_equal(read_mode("printf 'NV Power Mode: 15W\\n2\\n'\n", &m, &err), 0);
    assert_int_equal(m.id, 2);
    assert_string_equal(m.name, "15W");
    assert_int_equal(read_mode("printf 'NV Power Mode: 7W\\n'\n", &m, &err), 0);
    assert_int_equal(m.id, 1); /* found by name in the conf */
    assert_int_equal(read_mode("printf 'NV Power Mode: 7W\\n2\\n'\n", &m, &err), -1);
    assert_non_null(strstr(err.text, "nvpmodel -q calls mode 2 '7W' but "));
    assert_non_null(strstr(err.text, "nvpmodel.conf calls it '15W'"));
    assert_int_equal(read_mode("printf 'NV Power Mode: 40W\\n9\\n'\n", &m, &err), -1);
    assert_non_null(strstr(err.text, "reports mode 9, which "));
}

static void nvpmodel_failures(void **state)
{
    (void)state;
    jetson_mode m;
    rl_error err = {{0}};
    assert_int_equal(read_mode("echo 'NVPM ERROR: no permission' >&2\nexit 1\n", &m, &err), -1);
    assert_non_null(strstr(err.text, "/bin/nvpmodel exited with status 1"));
    jetson_mode_options o;
    char path[PATH_MAX];
    fake_nvpmodel("exec sleep 10\n", &o, path, sizeof path);
    o.timeout_ms = 200;
    assert_int_equal(jetson_mode_query(&o, &m, &err), -1);
    assert_non_null(strstr(err.text, "did not finish within 200 ms"));
    o.nvpmodel = "/nonexistent/nvpmodel";
    assert_int_equal(jetson_mode_query(&o, &m, &err), -1);
    assert_non_null(strstr(err.text, "cannot run /nonexistent/nvpmodel"));
}

/* The power_mode cell when nvpmodel -q fails: empty, never a guess, and a
 * warning that names the command and shows what it printed. A non-root
 * nvpmodel on some boards exits non-zero with "NVPM ERROR" on stderr, or
 * prints only such lines; either once became the spec's 15W downstream. */
static void power_mode_cell_when_query_fails(void **state)
{
    (void)state;
    assert_int_equal(fx_write(root, "etc/nvpmodel.conf", CONF), 0);
    jetson_mode_options o;
    char path[PATH_MAX], cell[JETSON_MODE_NAME_MAX];
    rl_error err = {{0}};
    static const char *const SCRIPTS[] = {
        "echo 'NVPM ERROR: Error opening /sys/kernel/nvpmodel_emc_cap/emc_iso_cap: 13' >&2\nexit 1\n",
        "echo 'NVPM ERROR: Error opening /sys/kernel/nvpmodel_emc_cap/emc_iso_cap: 13'\n",
    };
    static const char *const WHY[] = {"exited with status 1 (it printed 'NVPM ERROR: Error opening ",
                                      "no 'NV Power Mode:' line in nvpmodel -q output (it printed 'NVPM ERROR: "};
    for (int i = 0; i < 2; i++) {
        fake_nvpmodel(SCRIPTS[i], &o, path, sizeof path);
        snprintf(cell, sizeof cell, "stale");
        assert_int_equal(jetson_power_mode_name(root, path, NULL, cell, sizeof cell, &err), -1);
        assert_string_equal(cell, "");
        if (strncmp(err.text, "nvpmodel -q failed: ", 20) != 0 || strstr(err.text, WHY[i]) == NULL ||
            strstr(err.text, "; power_mode left empty (") == NULL)
            fail_msg("'%s'", err.text);
        /* under the sweep, which set and checked the mode itself */
        assert_int_equal(jetson_power_mode_name(root, path, "7W", cell, sizeof cell, &err), -1);
        assert_string_equal(cell, "7W");
        assert_non_null(strstr(err.text, "; rows say 7W, the mode the sweep set"));
    }
    /* error lines beside a mode line: the mode stands */
    fake_nvpmodel("echo 'NVPM ERROR: Error opening /sys/kernel/nvpmodel_emc_cap/nafll_dla: 13' >&2\n"
                  "printf 'NV Power Mode: 7W\\n1\\n'\n",
                  &o, path, sizeof path);
    assert_int_equal(jetson_power_mode_name(root, path, NULL, cell, sizeof cell, &err), 0);
    assert_string_equal(cell, "7W");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, make_root, remove_root)
    const struct CMUnitTest tests[] = {
        T(devfreq_ga10b),   T(devfreq_jetpack7_name), T(devfreq_absent_or_bad),
        T(ina3221_reports_gpu_clock), T(conf_modes),   T(conf_bad),
        cmocka_unit_test(query_text), T(mode_from_nvpmodel), T(nvpmodel_failures),
        T(power_mode_cell_when_query_fails),
    };
#undef T
    return cmocka_run_group_tests_name("power_jetson", tests, NULL, NULL);
}
