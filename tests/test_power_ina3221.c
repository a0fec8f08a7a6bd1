/* The Jetson INA3221 backend against fixture sysfs trees: rail choice by
 * label in the JetPack 5/6 (hwmon ina3221) and JetPack 4 (iio ina3221x)
 * layouts, mV * mA -> mW, the integral of a few samples, bad files, every
 * rail recorded beside the chosen one, the rails cell they make, and a
 * tree whose value files are FIFOs that answer only after a conversion
 * time, as the hwmon driver's reads do (slow_reads_sample_count).
 * Every expected value is worked out by hand in the comment beside it. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "energy_integral.h"
#include "energy_meter.h"
#include "fixture_tree.h"
#include "power_source.h"
#include "rail_cell.h"

#define HWMON "sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon1/"
#define IIO "sys/bus/i2c/drivers/ina3221x/6-0040/iio:device0/"

static char root[PATH_MAX];

static int make_root(void **state)
{
    (void)state;
    return fx_tmpdir(root, sizeof root, "power_ina3221");
}

static int remove_root(void **state)
{
    (void)state;
    return fx_rmtree(root);
}

/* An Orin Nano on JetPack 5/6, sampling every 2 ms. */
static void write_jp56(void)
{
    static const char *const files[][2] = {
        {HWMON "in1_label", "VDD_IN\n"},         {HWMON "in1_input", "5080\n"},
        {HWMON "curr1_input", "1234\n"},         {HWMON "in2_label", "VDD_CPU_GPU_CV\n"},
        {HWMON "in2_input", "5072\n"},           {HWMON "curr2_input", "410\n"},
        {HWMON "in3_label", "VDD_SOC\n"},        {HWMON "in3_input", "5076\n"},
        {HWMON "curr3_input", "602\n"},          {HWMON "update_interval", "2\n"},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        assert_int_equal(fx_write(root, files[i][0], files[i][1]), 0);
}

/* A Nano on JetPack 4: no update_interval file. */
static void write_jp4(void)
{
    static const char *const files[][2] = {
        {IIO "rail_name_0", "POM_5V_IN\n"},      {IIO "in_voltage0_input", "5048\n"},
        {IIO "in_current0_input", "1520\n"},     {IIO "in_power0_input", "7672\n"},
        {IIO "rail_name_1", "POM_5V_GPU\n"},     {IIO "in_voltage1_input", "5040\n"},
        {IIO "in_current1_input", "80\n"},       {IIO "rail_name_2", "POM_5V_CPU\n"},
        {IIO "in_voltage2_input", "5032\n"},     {IIO "in_current2_input", "400\n"},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        assert_int_equal(fx_write(root, files[i][0], files[i][1]), 0);
}

static power_config config(const char *rail)
{
    power_config c;
    power_config_default(&c);
    c.root = root;
    c.rail = rail;
    return c;
}

/* Opens rail and checks its name and first-sample power. */
static void expect_rail(const char *rail, const char *name, double mw)
{
    power_config c = config(rail);
    power_source ps;
    rl_error err = {{0}};
    if (power_source_open(&ps, "jetson_ina3221", &c, &err) != 0)
        fail_msg("%s", err.text);
    assert_string_equal(power_source_name(&ps), name);
    power_reading p;
    assert_int_equal(power_source_read_power_mw(&ps, &p, &err), 0);
    assert_true(p.valid);
    assert_float_equal(p.value, mw, 1e-9);
    power_source_close(&ps);
}

static void jp56_rails_by_label(void **state)
{
    (void)state;
    write_jp56();
    expect_rail(NULL, "jetson_ina3221:VDD_IN", 6268.72);                   /* 5080 * 1234 / 1000 */
    expect_rail("VDD_CPU_GPU_CV", "jetson_ina3221:VDD_CPU_GPU_CV", 2079.52); /* 5072 * 410 */
    expect_rail("VDD_SOC", "jetson_ina3221:VDD_SOC", 3055.752);              /* 5076 * 602 */
    power_config c = config(NULL);
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), 0);
    assert_int_equal(power_source_refresh_interval_us(&ps), 2000); /* update_interval 2 ms */
    power_clocks ck;
    assert_int_equal(power_source_read_clocks(&ps, &ck, &err), 0);
    assert_false(ck.sm_mhz.valid); /* no devfreq in this tree */
    assert_false(ck.mem_mhz.valid);
    power_source_close(&ps);
    c.rail = "VDD_GPU"; /* an AGX rail, not on a Nano */
    assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), -1);
    assert_non_null(strstr(err.text, "no ina3221 rail named VDD_GPU under "));
}

static void jp4_rails_by_label(void **state)
{
    (void)state;
    write_jp4();
    /* rail 0 has a power file: one read, in_power0_input's 7672 mW, not
     * 5048 mV * 1520 mA = 7672.96; rail 1 has none: 5040 * 80 / 1000 */
    expect_rail(NULL, "jetson_ina3221:POM_5V_IN", 7672);
    expect_rail("POM_5V_GPU", "jetson_ina3221:POM_5V_GPU", 403.2);
    power_config c = config(NULL);
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), 0);
    assert_int_equal(power_source_refresh_interval_us(&ps), 10000); /* no interval file */
    power_source_close(&ps);
    c.sample_interval_us = 3000;
    assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), 0);
    assert_int_equal(power_source_refresh_interval_us(&ps), 3000);
    power_source_close(&ps);
}

static void trapezoid_by_hand(void **state)
{
    (void)state;
    energy_integral in;
    energy_integral_init(&in);
    energy_integral_add(&in, 0, 5000);
    assert_float_equal(in.uj, 0, 0);
    energy_integral_add(&in, 1000000, 5000); /* 5 W for 1 ms = 5000 uJ */
    assert_float_equal(in.uj, 5000, 1e-9);
    energy_integral_add(&in, 2000000, 7000); /* + (5 + 7) / 2 W * 1 ms = 6000 */
    assert_float_equal(in.uj, 11000, 1e-9);
    energy_integral_add(&in, 1500000, 100000); /* time going back: ignored */
    assert_float_equal(in.uj, 11000, 1e-9);
    energy_integral_add(&in, 3000000, -50); /* below 0 counts as 0: + 3.5 W * 1 ms */
    assert_float_equal(in.uj, 14500, 1e-9);
    assert_int_equal(in.samples, 5);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Average W between two energy reads taken ms apart. */
static double watts_over(power_source *ps, long ms)
{
    rl_error err = {{0}};
    uint64_t e0 = 0, e1 = 0;
    assert_int_equal(power_source_read_energy_uj(ps, &e0, &err), 0);
    double t0 = seconds_now();
    sleep_ms(ms);
    assert_int_equal(power_source_read_energy_uj(ps, &e1, &err), 0);
    double t1 = seconds_now();
    assert_true(e1 >= e0);
    return (double)(e1 - e0) * 1e-6 / (t1 - t0);
}

/* 5000 mV * 1200 mA = 6 W, then 2400 mA = 12 W. The counter only covers
 * up to the last sample (2 ms grid): over 200 ms that is within a few
 * percent; 10% leaves room for a busy machine's scheduling. */
static void integrates_samples(void **state)
{
    (void)state;
    write_jp56();
    assert_int_equal(fx_write(root, HWMON "in1_input", "5000\n"), 0);
    assert_int_equal(fx_write(root, HWMON "curr1_input", "1200\n"), 0);
    power_config c = config(NULL);
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), 0);
    assert_float_equal(watts_over(&ps, 200), 6.0, 0.6);
    assert_int_equal(fx_write(root, HWMON "curr1_input", "2400\n"), 0);
    power_reading p = {0, 0};
    for (int i = 0; i < 200 && p.value != 12000.0; i++) {
        sleep_ms(5);
        assert_int_equal(power_source_read_power_mw(&ps, &p, &err), 0);
    }
    assert_float_equal(p.value, 12000.0, 0);
    assert_float_equal(watts_over(&ps, 200), 12.0, 1.2);
    power_source_close(&ps);
}

/* Opens VDD_IN after bad_file gets content; expects an error holding want. */
static void expect_bad(const char *bad_file, const char *content, const char *want)
{
    write_jp56();
    if (content != NULL)
        assert_int_equal(fx_write(root, bad_file, content), 0);
    else
        assert_int_equal(fx_remove(root, bad_file), 0);
    power_config c = config(NULL);
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), -1);
    if (strstr(err.text, want) == NULL)
        fail_msg("'%s' does not say '%s'", err.text, want);
    assert_non_null(strstr(err.text, bad_file)); /* names the file */
    assert_null(ps.ops);
}

static void bad_files(void **state)
{
    (void)state;
    expect_bad(HWMON "curr1_input", "12a4\n", "not a number '12a4'");
    expect_bad(HWMON "curr1_input", "0x10\n", "not a number '0x10'"); /* base 10 only */
    expect_bad(HWMON "curr1_input", NULL, "cannot open");
    expect_bad(HWMON "in1_input", "99999\n", "value 99999 out of range [0, 30000]");
    expect_bad(HWMON "in1_input", "\n", "empty value");
    char longer[300];
    memset(longer, '7', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    expect_bad(HWMON "in1_input", longer, "value longer than 126 bytes");
    expect_bad(HWMON "in1_input", "99999999999999999999999\n", "out of range");
    expect_bad(HWMON "update_interval", "-1\n", "out of range");
}

/* A file that goes bad after the start stops sampling; the next read says so. */
static void failure_while_sampling(void **state)
{
    (void)state;
    write_jp56();
    power_config c = config(NULL);
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), 0);
    assert_int_equal(fx_remove(root, HWMON "curr1_input"), 0);
    sleep_ms(50);
    uint64_t uj = 0;
    assert_int_equal(power_source_read_energy_uj(&ps, &uj, &err), -1);
    assert_non_null(strstr(err.text, "ina3221 sampling stopped: cannot open "));
    power_source_close(&ps);
}

/* Every rail of the monitor is sampled beside the chosen one; what
 * happens to the others when a channel cannot be read. */
static void every_rail_recorded(void **state)
{
    (void)state;
    write_jp56();
    /* a fourth channel the driver lists without a label: not a rail */
    assert_int_equal(fx_write(root, HWMON "in4_input", "5000\n"), 0);
    /* VDD_SOC chosen: the counter is VDD_SOC, the rails are all three */
    power_config c = config("VDD_SOC");
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), 0);
    power_rails a, b;
    assert_int_equal(power_source_read_rails(&ps, &a, &err), 0);
    assert_int_equal(a.count, 3);
    assert_string_equal(a.rail[0].name, "VDD_IN");
    assert_string_equal(a.rail[1].name, "VDD_CPU_GPU_CV");
    assert_string_equal(a.rail[2].name, "VDD_SOC");
    /* VDD_CPU_GPU_CV goes bad: it stops, VDD_IN and the counter go on */
    assert_int_equal(fx_remove(root, HWMON "curr2_input"), 0);
    sleep_ms(50);
    assert_int_equal(power_source_read_rails(&ps, &b, &err), 0);
    assert_int_equal(b.count, 3);
    assert_true(b.rail[0].valid);
    assert_false(b.rail[1].valid);
    assert_true(b.rail[2].valid);
    assert_true(b.rail[0].samples > a.rail[0].samples);
    rail_watts w[POWER_RAILS_MAX];
    assert_int_equal(energy_rails_average(&a, &b, w), 2);
    assert_string_equal(w[0].name, "VDD_IN");
    assert_float_equal(w[0].watts, 6.26872, 1e-9); /* 5080 mV * 1234 mA, constant */
    assert_string_equal(w[1].name, "VDD_SOC");
    assert_float_equal(w[1].watts, 3.055752, 1e-9); /* 5076 * 602 */
    uint64_t uj = 0;
    assert_int_equal(power_source_read_energy_uj(&ps, &uj, &err), 0);
    power_source_close(&ps);
    /* unreadable from the start: left out, the chosen rail still opens */
    assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), 0);
    assert_int_equal(power_source_read_rails(&ps, &a, &err), 0);
    assert_int_equal(a.count, 2);
    assert_string_equal(a.rail[1].name, "VDD_SOC");
    power_source_close(&ps);
}

/* JetPack 4's iio layout; a label with bytes the cell cannot hold. */
static void every_rail_jp4_and_odd_labels(void **state)
{
    (void)state;
    write_jp4();
    assert_int_equal(fx_write(root, IIO "rail_name_2", "POM 5V;CPU=x\n"), 0);
    power_config c = config(NULL);
    power_source ps;
    rl_error err = {{0}};
    assert_int_equal(power_source_open(&ps, "jetson_ina3221", &c, &err), 0);
    assert_string_equal(power_source_name(&ps), "jetson_ina3221:POM_5V_IN");
    power_rails a;
    assert_int_equal(power_source_read_rails(&ps, &a, &err), 0);
    assert_int_equal(a.count, 3);
    assert_string_equal(a.rail[0].name, "POM_5V_IN");
    assert_string_equal(a.rail[1].name, "POM_5V_GPU");
    assert_string_equal(a.rail[2].name, "POM_5V_CPU_x"); /* ' ', ';', '=' -> '_' */
    power_source_close(&ps);
    /* the cell they make, and that it reads back */
    rail_watts w[3] = {{"POM_5V_IN", 7.67296}, {"POM_5V_GPU", 0.4032}, {"POM_5V_CPU_x", 2.0126}};
    char cell[128];
    assert_int_equal(rail_cell_format(w, 3, cell, sizeof cell), 0);
    assert_string_equal(cell, "POM_5V_IN=7.673;POM_5V_GPU=0.403;POM_5V_CPU_x=2.013");
    rail_watts back[RAIL_CELL_MAX];
    size_t n = 0;
    assert_int_equal(rail_cell_parse(cell, back, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(back[2].name, "POM_5V_CPU_x");
    assert_float_equal(back[2].watts, 2.013, 0);
}

/* The rails cell's syntax (common/rail_cell.h): what reads, what does not. */
static void rails_cell_syntax(void **state)
{
    (void)state;
    rail_watts r[RAIL_CELL_MAX];
    size_t n = 99;
    rl_error err = {{0}};
    assert_int_equal(rail_cell_parse(NULL, r, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(rail_cell_parse("VDD_IN=6.269", r, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_float_equal(r[0].watts, 6.269, 0);
    static const struct {
        const char *cell, *why;
    } BAD[] = {
        {"VDD_IN", "'VDD_IN' is not NAME=WATTS"},
        {"VDD_IN=6;", "'' is not NAME=WATTS"},
        {"=6", "'' is not a rail name"},
        {"VDD IN=6", "'VDD IN' is not a rail name"},
        {"VDD_IN=-1", "'-1' of rail VDD_IN is not a number of watts >= 0"},
        {"VDD_IN=1e3", "'1e3' of rail VDD_IN is not a number"},
        {"VDD_IN=nan", "'nan' of rail VDD_IN"},
        {"VDD_IN=", "'' of rail VDD_IN"},
        {"VDD_IN=1.2.3", "'1.2.3' of rail VDD_IN"},
        {"A=1;A=2", "rail A is named twice"},
        {"A=1;B=1;C=1;D=1;E=1;F=1;G=1;H=1;I=1;J=1;K=1;L=1;M=1", "more than 12 rails"},
    };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        if (rail_cell_parse(BAD[i].cell, r, &n, &err) != -1)
            fail_msg("'%s' parsed", BAD[i].cell);
        if (strstr(err.text, BAD[i].why) == NULL)
            fail_msg("'%s': '%s' does not say '%s'", BAD[i].cell, err.text, BAD[i].why);
    }
    char buf[16];
    rail_watts big = {"VDD_CPU_GPU_CV", 12.5};
    assert_int_equal(rail_cell_format(&big, 1, buf, sizeof buf), -1); /* does not fit */
    assert_string_equal(buf, "");
    rail_watts neg = {"VDD_IN", -0.5};
    assert_int_equal(rail_cell_format(&neg, 1, buf, sizeof buf), -1);
    assert_int_equal(rail_cell_format(NULL, 0, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}


/* --- a slow fake file: a FIFO whose writer thread answers each open after
 * a conversion time, so every read of it takes that long, as a read of the
 * hwmon ina3221 driver waits for a fresh conversion. After each answer the
 * FIFO is replaced by a fresh one (rename), so the next reader can never
 * meet the writer on the old one before the last reader has gone. The
 * writer notes the time each value became readable (just before the write:
 * no reader can finish its read earlier). */
enum { SLOW_SERVED_MAX = 8192 };
typedef struct slow_file {
    char path[PATH_MAX], fresh[PATH_MAX + 8];
    const char *value;
    long conv_us;
    pthread_t thread;
    atomic_int stop, exited;
    size_t served; /* written by the thread, read after it exited */
    uint64_t served_ns[SLOW_SERVED_MAX];
} slow_file;

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void *slow_serve(void *arg)
{
    slow_file *f = arg;
    while (!atomic_load(&f->stop)) {
        int fd = open(f->path, O_WRONLY); /* waits for a reader */
        if (fd < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (!atomic_load(&f->stop)) {
            struct timespec ts = {0, f->conv_us * 1000L};
            nanosleep(&ts, NULL);
            if (f->served < SLOW_SERVED_MAX)
                f->served_ns[f->served++] = mono_ns();
            ssize_t n = write(fd, f->value, strlen(f->value));
            (void)n; /* the stopper's reader may have gone: EPIPE, ignored */
        }
        close(fd);
        if (mkfifo(f->fresh, 0600) != 0 || rename(f->fresh, f->path) != 0)
            break;
    }
    atomic_store(&f->exited, 1);
    return NULL;
}

static void slow_start(slow_file *f, const char *rel, const char *value, long conv_us)
{
    assert_true(snprintf(f->path, sizeof f->path, "%s/%s", root, rel) < (int)sizeof f->path);
    assert_true(snprintf(f->fresh, sizeof f->fresh, "%s.fresh", f->path) < (int)sizeof f->fresh);
    assert_int_equal(fx_mkparents(f->path), 0);
    unlink(f->path);
    assert_int_equal(mkfifo(f->path, 0600), 0);
    f->value = value;
    f->conv_us = conv_us;
    f->served = 0;
    atomic_store(&f->stop, 0);
    atomic_store(&f->exited, 0);
    assert_int_equal(pthread_create(&f->thread, NULL, slow_serve, f), 0);
}

/* Stops the writer: a reader that opens and closes at once lets its
 * blocked open return, and it then sees stop. */
static void slow_stop(slow_file *f)
{
    atomic_store(&f->stop, 1);
    while (!atomic_load(&f->exited)) {
        int fd = open(f->path, O_RDONLY | O_NONBLOCK);
        if (fd >= 0)
            close(fd);
        sleep_ms(1);
    }
    pthread_join(f->thread, NULL);
}

/* Reads served after from_ns up to and including to_ns. */
static size_t slow_served_in(const slow_file *f, uint64_t from_ns, uint64_t to_ns)
{
    size_t n = 0;
    for (size_t i = 0; i < f->served; i++)
        n += f->served_ns[i] > from_ns && f->served_ns[i] <= to_ns;
    return n;
}

static int one_ms_of_work(void *state, long *calls, rl_error *err)
{
    (void)state;
    (void)err;
    sleep_ms(1);
    (*calls)++;
    return 0;
}

/* The Orin Nano tree with its six value files slow: each read takes
 * CONV_US = 6.6 ms. A sample reads VDD_IN's V and I (2 reads), and every
 * second sample also one other rail in turn (2 more): 3 reads = 19.8 ms a
 * sample on average, 50.5 samples/s (reading every rail on every sample,
 * 6 reads, gave 25). The energy loop asks for 100 ms, far fewer than 50
 * samples, so it must run on until it has 50, then to the next tick: 50
 * to 53 samples. Each of them is one read of curr1_input, so the count
 * the loop records must equal the reads curr1_input served between the
 * loop's start and end ticks; all six files served 3 reads per sample.
 * The values are constant: 5080 mV * 1234 mA = 6.26872 W throughout.
 * (The counts hold while the meter sees each tick within 6.6 ms: the next
 * sample's first read takes that long.) */
static void slow_reads_sample_count(void **state)
{
    (void)state;
    enum { CONV_US = 6600 };
    signal(SIGPIPE, SIG_IGN);
    write_jp56();
    assert_int_equal(fx_write(root, HWMON "update_interval", "7\n"), 0);
    static const char *const files[][2] = {
        {HWMON "in1_input", "5080\n"}, {HWMON "curr1_input", "1234\n"},
        {HWMON "in2_input", "5072\n"}, {HWMON "curr2_input", "410\n"},
        {HWMON "in3_input", "5076\n"}, {HWMON "curr3_input", "602\n"},
    };
    enum { NFILES = sizeof files / sizeof files[0] };
    static slow_file slow[NFILES];
    for (size_t i = 0; i < NFILES; i++)
        slow_start(&slow[i], files[i][0], files[i][1], CONV_US);
    power_config c = config(NULL);
    power_source ps;
    rl_error err = {{0}};
    if (power_source_open(&ps, "jetson_ina3221", &c, &err) != 0)
        fail_msg("%s", err.text);
    energy_plan plan = energy_plan_default();
    plan.min_ms = 100;
    energy_result er;
    int rc = energy_measure(&ps, one_ms_of_work, NULL, &plan, &er, &err);
    power_source_close(&ps); /* joins the sampler before the files stop */
    for (size_t i = 0; i < NFILES; i++)
        slow_stop(&slow[i]);
    if (rc != 0)
        fail_msg("%s", err.text);
    assert_true(er.valid);
    assert_true(er.start_on_tick && er.end_on_tick);
    assert_true(er.samples_counted);
    if (er.samples < 50 || er.samples > 53)
        fail_msg("%llu samples in the loop, want 50 to 53", (unsigned long long)er.samples);
    size_t primary = slow_served_in(&slow[1], er.start_ns, er.end_ns);
    assert_int_equal(er.samples, primary);
    size_t reads = 0;
    for (size_t i = 0; i < NFILES; i++)
        reads += slow_served_in(&slow[i], er.start_ns, er.end_ns);
    double per_sample = (double)reads / (double)er.samples;
    if (per_sample < 2.8 || per_sample > 3.2)
        fail_msg("%.2f reads per sample, want 3", per_sample);
    /* 50.5/s at best; sleeps overshoot, a busy machine is slower */
    if (er.sample_rate_hz > 51.0 || er.sample_rate_hz < 35.0)
        fail_msg("%.1f samples/s, want about 50.5", er.sample_rate_hz);
    assert_float_equal(er.sample_rate_hz, (double)er.samples / (er.elapsed_ms / 1e3), 1e-9);
    /* the loop's span is timed where the meter saw the ticks, a few ms
     * from the samples' own times: within 1% over about a second */
    assert_float_equal(er.power_w_avg, 6.26872, 0.063);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(jp56_rails_by_label, make_root, remove_root),
        cmocka_unit_test_setup_teardown(jp4_rails_by_label, make_root, remove_root),
        cmocka_unit_test(trapezoid_by_hand),
        cmocka_unit_test_setup_teardown(integrates_samples, make_root, remove_root),
        cmocka_unit_test_setup_teardown(bad_files, make_root, remove_root),
        cmocka_unit_test_setup_teardown(failure_while_sampling, make_root, remove_root),
        cmocka_unit_test_setup_teardown(every_rail_recorded, make_root, remove_root),
        cmocka_unit_test_setup_teardown(every_rail_jp4_and_odd_labels, make_root, remove_root),
        cmocka_unit_test(rails_cell_syntax),
        cmocka_unit_test_setup_teardown(slow_reads_sample_count, make_root, remove_root),
    };
    return cmocka_run_group_tests_name("power_ina3221", tests, NULL, NULL);
}
