/* The NVML backend against tests/fake_nvml.c, loaded by path: scripted
 * values come back in the right units, "not supported" stays apart from a
 * reported 0, and a missing library or failing driver is a clean error. */
#include <dlfcn.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "gpu_identity.h"
#include "power_source.h"

static char lib_full[PATH_MAX], lib_min[PATH_MAX];
static void *control_full;
static int (*control)(const char *, long long);
static long long (*count)(const char *);

static power_config config_for(const char *lib)
{
    power_config c;
    power_config_default(&c);
    c.nvml_library = lib;
    c.root = "/nonexistent-power-test-root";
    return c;
}

static int reset_fake(void **state)
{
    (void)state;
    return control("reset", 0);
}

static void reads_scripted_values(void **state)
{
    (void)state;
    power_config c = config_for(lib_full);
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "nvml", &c, &err), 0);
    assert_string_equal(power_source_name(&ps), "nvml_total_energy");
    assert_int_equal(power_source_refresh_interval_us(&ps), 100000);
    /* init read 5000000 mJ once; then 5000250 and 5000500 mJ, in uJ */
    uint64_t uj = 0;
    assert_int_equal(power_source_read_energy_uj(&ps, &uj, &err), 0);
    assert_int_equal(uj, 5000250000ull);
    assert_int_equal(power_source_read_energy_uj(&ps, &uj, &err), 0);
    assert_int_equal(uj, 5000500000ull);
    power_reading mw;
    assert_int_equal(power_source_read_power_mw(&ps, &mw, &err), 0);
    assert_true(mw.valid);
    assert_float_equal(mw.value, 312500.0, 0);
    power_clocks ck;
    assert_int_equal(power_source_read_clocks(&ps, &ck, &err), 0);
    assert_true(ck.sm_mhz.valid && ck.mem_mhz.valid);
    assert_float_equal(ck.sm_mhz.value, 1980.0, 0);
    assert_float_equal(ck.mem_mhz.value, 2619.0, 0);
    power_limits lim;
    assert_int_equal(power_source_read_limits(&ps, &lim, &err), 0);
    assert_true(lim.limit_mw.valid);
    assert_float_equal(lim.limit_mw.value, 700000.0, 0);
    assert_true(lim.reasons_valid);
    assert_int_equal(lim.event_reasons, 0x4);
    assert_string_equal(power_source_driver_version(&ps), "580.159.04");
    power_source_close(&ps);
    assert_int_equal(count("init"), 1);
    assert_int_equal(count("shutdown"), 1);
    assert_string_equal(power_source_name(&ps), "none");
}

static void not_reported_is_not_zero(void **state)
{
    (void)state;
    power_config c = config_for(lib_min);
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "nvml", &c, &err), 0);
    power_reading mw = {0, -1};
    assert_int_equal(power_source_read_power_mw(&ps, &mw, &err), 0);
    assert_true(mw.valid); /* a reported 0 mW is a value */
    assert_float_equal(mw.value, 0.0, 0);
    power_clocks ck;
    assert_int_equal(power_source_read_clocks(&ps, &ck, &err), 0);
    assert_true(ck.sm_mhz.valid);
    assert_float_equal(ck.sm_mhz.value, 1980.0, 0);
    assert_false(ck.mem_mhz.valid); /* "not supported" */
    power_limits lim;
    assert_int_equal(power_source_read_limits(&ps, &lim, &err), 0);
    assert_false(lim.limit_mw.valid); /* symbols missing */
    assert_false(lim.reasons_valid);
    assert_string_equal(power_source_driver_version(&ps), ""); /* symbol missing: not reported */
    power_source_close(&ps);
}

static void missing_library_is_a_clean_error(void **state)
{
    (void)state;
    power_config c = config_for("/nonexistent/libnvidia-ml.so.1");
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "nvml", &c, &err), -1);
    assert_non_null(strstr(err.text, "cannot load /nonexistent/libnvidia-ml.so.1"));
    assert_null(ps.ops);
    assert_string_equal(power_source_name(&ps), "none");
    power_source_close(&ps); /* safe on a source that never opened */
    /* a library without the NVML entry points */
    c.nvml_library = "libm.so.6";
    assert_int_equal(power_source_open(&ps, "nvml", &c, &err), -1);
    assert_string_equal(err.text, "no nvmlInit_v2 in libm.so.6");
}

static void driver_and_counter_failures(void **state)
{
    (void)state;
    power_config c = config_for(lib_full);
    power_source ps;
    rl_error err = {{0}};
    control("init_rc", 9);
    assert_int_equal(power_source_open(&ps, "nvml", &c, &err), -1);
    assert_string_equal(err.text, "nvmlInit_v2 failed: Driver Not Loaded");
    assert_int_equal(count("shutdown"), 0); /* no init, no shutdown */
    control("init_rc", 0);
    control("energy_rc", 3); /* a pre-Volta board */
    assert_int_equal(power_source_open(&ps, "nvml", &c, &err), -1);
    assert_string_equal(err.text, "total energy counter: Not Supported");
    assert_int_equal(count("shutdown"), 1);
}

static void error_text_without_error_string(void **state)
{
    (void)state;
    power_config c = config_for(lib_min);
    c.nvml_index = 3;
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "nvml", &c, &err), -1);
    assert_string_equal(err.text, "no device 3: nvml error 2");
    c.nvml_index = 0;
    c.nvml_pci_bus_id = "00000000:19:00.0";
    assert_int_equal(power_source_open(&ps, "nvml", &c, &err), -1);
    assert_string_equal(err.text, "this nvml cannot find a device by pci bus id");
}

static void device_by_pci_bus_id(void **state)
{
    (void)state;
    power_config c = config_for(lib_full);
    c.nvml_pci_bus_id = "00000000:19:00.0";
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "nvml", &c, &err), 0);
    power_source_close(&ps);
    c.nvml_pci_bus_id = "00000000:AA:00.0";
    assert_int_equal(power_source_open(&ps, "nvml", &c, &err), -1);
    assert_string_equal(err.text, "no device at pci bus id 00000000:AA:00.0: Not Found");
}

static void chooser_order(void **state)
{
    (void)state;
    power_config c = config_for(lib_full);
    power_source ps;
    rl_error skipped = {{0}};
    power_source_open_default(&ps, &c, &skipped);
    assert_string_equal(power_source_name(&ps), "nvml_total_energy");
    assert_string_equal(skipped.text, "");
    power_source_close(&ps);
    c.nvml_library = "/nonexistent/libnvidia-ml.so.1";
    power_source_open_default(&ps, &c, &skipped);
    assert_string_equal(power_source_name(&ps), "none");
    assert_false(power_source_has_energy(&ps));
    assert_non_null(strstr(skipped.text, "nvml: cannot load"));
    assert_non_null(strstr(skipped.text, "; jetson_ina3221: no ina3221 rail named VDD_IN"));
    power_source_close(&ps);
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "rapl", &c, &err), -1);
    assert_non_null(strstr(err.text, "unknown power source 'rapl'"));
}

/* The card's identity (gpu_identity.h): found by PCI bus id, each field
 * only where NVML reports it, the library closed again (init and shutdown
 * paired). */
static void card_identity(void **state)
{
    (void)state;
    gpu_identity id = {0};
    rl_error err = {{0}};
    assert_int_equal(gpu_identity_read_nvml(lib_full, "00000000:19:00.0", &id, &err), 0);
    assert_true(id.index_valid);
    assert_int_equal(id.index, 3);
    assert_string_equal(id.uuid, "GPU-5f1c3b0e-2d4a-4b6c-8e9f-0123456789ab");
    assert_string_equal(id.serial, "1654922012345");
    assert_int_equal(count("init"), 1);
    assert_int_equal(count("shutdown"), 1);
    /* a serial the board does not report stays empty, never made up */
    control("serial_rc", 3);
    gpu_identity none = {0};
    assert_int_equal(gpu_identity_read_nvml(lib_full, "00000000:19:00.0", &none, &err), 0);
    assert_string_equal(none.serial, "");
    assert_string_equal(none.uuid, "GPU-5f1c3b0e-2d4a-4b6c-8e9f-0123456789ab");
    /* another slot, a library without the lookup, no library: errors, id untouched */
    gpu_identity kept = {.index_valid = 0, .uuid = "GPU-from-cuda"};
    assert_int_equal(gpu_identity_read_nvml(lib_full, "00000000:AA:00.0", &kept, &err), -1);
    assert_string_equal(err.text, "no device at pci bus id 00000000:AA:00.0: nvml error 6");
    assert_string_equal(kept.uuid, "GPU-from-cuda");
    assert_int_equal(count("shutdown"), 3);
    assert_int_equal(gpu_identity_read_nvml(lib_min, "00000000:19:00.0", &kept, &err), -1);
    assert_non_null(strstr(err.text, "lacks nvmlInit_v2, nvmlShutdown or a lookup by pci bus id"));
    assert_int_equal(gpu_identity_read_nvml("/nonexistent/libnvidia-ml.so.1", "00000000:19:00.0", &kept, &err), -1);
    assert_non_null(strstr(err.text, "cannot load /nonexistent/libnvidia-ml.so.1"));
    assert_false(kept.index_valid);
}

/* CUDA's 16 UUID bytes as nvidia-smi prints them; text fit for a CSV cell
 * and a file name. */
static void uuid_text_and_checks(void **state)
{
    (void)state;
    static const unsigned char b[16] = {0x5f, 0x1c, 0x3b, 0x0e, 0x2d, 0x4a, 0x4b, 0x6c,
                                        0x8e, 0x9f, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab};
    char text[GPU_UUID_LEN];
    gpu_uuid_text(b, text, sizeof text);
    assert_string_equal(text, "GPU-5f1c3b0e-2d4a-4b6c-8e9f-0123456789ab");
    assert_true(gpu_identity_text_ok("1654922012345", 30));
    assert_false(gpu_identity_text_ok("", 30));
    assert_false(gpu_identity_text_ok("N/A here", 30));  /* a space */
    assert_false(gpu_identity_text_ok("a,b", 30));       /* a comma */
    assert_false(gpu_identity_text_ok("\001bad", 30));   /* a control byte */
    assert_false(gpu_identity_text_ok("0123456789", 10)); /* no terminator within len */
    assert_true(gpu_node_load_ok("alone") && gpu_node_load_ok("all") && gpu_node_load_ok("array"));
    assert_false(gpu_node_load_ok("") || gpu_node_load_ok("ALL") || gpu_node_load_ok(NULL));
}

/* The fake libraries sit beside this binary (build/tests/). */
static int find_fakes(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    int dir = slash != NULL ? (int)(slash - argv0) : 1;
    const char *base = slash != NULL ? argv0 : ".";
    if (snprintf(lib_full, sizeof lib_full, "%.*s/libfake_nvml.so", dir, base) >=
            (int)sizeof lib_full ||
        snprintf(lib_min, sizeof lib_min, "%.*s/libfake_nvml_min.so", dir, base) >=
            (int)sizeof lib_min)
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    (void)argc;
    if (find_fakes(argv[0]) != 0)
        return 1;
    /* The test's own handle keeps the fake (and its script) loaded and shared
     * with the backend's dlopen of the same path. */
    control_full = dlopen(lib_full, RTLD_NOW | RTLD_LOCAL);
    if (control_full == NULL) {
        fprintf(stderr, "test_power_nvml: cannot load %s (make builds it)\n", lib_full);
        return 1;
    }
    *(void **)&control = dlsym(control_full, "fake_nvml_control");
    *(void **)&count = dlsym(control_full, "fake_nvml_count");
    if (control == NULL || count == NULL)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(reads_scripted_values, reset_fake),
        cmocka_unit_test_setup(not_reported_is_not_zero, reset_fake),
        cmocka_unit_test_setup(missing_library_is_a_clean_error, reset_fake),
        cmocka_unit_test_setup(driver_and_counter_failures, reset_fake),
        cmocka_unit_test_setup(error_text_without_error_string, reset_fake),
        cmocka_unit_test_setup(device_by_pci_bus_id, reset_fake),
        cmocka_unit_test_setup(chooser_order, reset_fake),
        cmocka_unit_test_setup(card_identity, reset_fake),
        cmocka_unit_test(uuid_text_and_checks),
    };
    int failed = cmocka_run_group_tests_name("power_nvml", tests, NULL, NULL);
    dlclose(control_full);
    return failed;
}
