/* Jetson INA3221 backend: each rail's bus voltage (mV) and current (mA),
 * or its power (mW) where the driver has a power file (JetPack 4's
 * ina3221x), sampled by a thread and integrated over a monotonic clock
 * (energy_integral.h). The chosen rail (VDD_IN by default) is the energy
 * counter: read_energy_uj returns its integral up to the last sample, so
 * the counter moves once per sample. Every other labelled channel of the
 * monitors of the same driver layout is sampled too, in turn, and
 * integrated on its own (read_rails), so measure can record each rail's
 * average power over the same loop. A channel that cannot be read at the
 * start is left out; one that fails later stops (valid 0) without stopping
 * the others. Only the chosen rail's failure stops the source.
 *
 * Reads are slow: the hwmon driver makes each in*_input / curr*_input read
 * wait for a fresh conversion (about 6.6 ms with the default averaging), so
 * a sample costs milliseconds per file, not the update_interval the grid
 * asks for. Each sample therefore reads only what it needs: the chosen
 * rail every time (one power file, or V and I), and one other rail, in
 * turn, on every OTHER_RAIL_EVERY-th sample. With the Orin Nano's three
 * rails that is 3 reads per sample on average instead of 6: about 50
 * samples a second of VDD_IN instead of 25. read_energy_samples says how
 * many samples the counter holds, so the energy loop can run until it has
 * enough (energy_meter.h).
 *
 * No rail isolates the GPU on an Orin Nano: VDD_IN is the whole module, and
 * the power_source name says which rail was read ("jetson_ina3221:VDD_IN").
 * Read only: the sensor's averaging and interval are left as they are. */
#include <glob.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "energy_integral.h"
#include "jetson_clock.h"
#include "power_source.h"
#include "rail_cell.h"
#include "sysfs_read.h"

/* Where each driver keeps its channels, relative to ROOT (%d: channel). */
typedef struct ina_layout {
    const char *dir_glob;
    const char *label_fmt, *mv_fmt, *ma_fmt;
    const char *mw_fmt;        /* power in mW, read instead of V and I where present; or NULL */
    int first, last;           /* channel numbers */
    const char *interval_file; /* new-sample period in ms, or NULL */
} ina_layout;

static const ina_layout LAYOUTS[] = {
    /* JetPack 5/6: hwmon ina3221, e.g. 1-0040/hwmon/hwmon1/in1_label; no power file */
    {"sys/bus/i2c/drivers/ina3221/*/hwmon/hwmon*", "in%d_label", "in%d_input", "curr%d_input", NULL,
     1, 3, "update_interval"},
    /* JetPack 4: iio ina3221x, e.g. 6-0040/iio:device0/rail_name_0, in_power0_input in mW */
    {"sys/bus/i2c/drivers/ina3221x/*/iio:device*", "rail_name_%d", "in_voltage%d_input",
     "in_current%d_input", "in_power%d_input", 0, 2, NULL},
};

/* Rails that carry the whole module, tried in order when none is named. */
static const char *const MODULE_RAILS[] = {
    "VDD_IN",    /* Orin Nano, Orin NX (JetPack 5/6), Xavier NX */
    "POM_5V_IN", /* Nano, TX1, TX2 (JetPack 4) */
};

enum {
    DEFAULT_PERIOD_US = 10000, /* when the driver states no interval */
    MIN_PERIOD_US = 1000,      /* each sample costs I2C reads: stay >= 1 ms */
    MAX_MV = 30000,            /* INA3221 bus input tops out at 26 V */
    MAX_MA = 60000,
    MAX_MW = 1800000,          /* MAX_MV * MAX_MA / 1000 */
    OTHER_RAIL_EVERY = 2,      /* one other rail on every 2nd sample of the chosen one */
};

typedef struct ina_rail {
    char mv_path[PATH_MAX], ma_path[PATH_MAX];
    char mw_path[PATH_MAX]; /* "" when the driver has no power file for it */
    char label[SYSFS_VALUE_MAX]; /* as the driver spells it */
    char name[POWER_RAIL_NAME_MAX]; /* as the rails cell spells it (rail_cell.h) */
    int ok;                         /* 0 once a read failed: no more samples */
    energy_integral integral;
} ina_rail;

typedef struct ina_state {
    ina_rail rails[POWER_RAILS_MAX];
    size_t nrails, primary; /* rails[primary] is the energy counter */
    size_t next_other;      /* the other rail sampled next (sampler thread only) */
    uint64_t ticks;         /* samples of the chosen rail taken by the sampler thread */
    char name[96];
    char *root;
    uint64_t period_us;
    pthread_mutex_t lock; /* guards the integrals, ok, stop, failed, failure */
    pthread_cond_t wake;
    pthread_t thread;
    int thread_started, stop, failed;
    char failure[RL_ERROR_LEN];
} ina_state;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Reads one rail's power file, or its V and I pair; *t_ns is the middle
 * of the reads. */
static int sample(const ina_rail *rail, double *mw, uint64_t *t_ns, rl_error *err)
{
    long long mv = 0, ma = 0, p = 0;
    uint64_t t0 = now_ns();
    if (rail->mw_path[0] != '\0') {
        if (sysfs_read_ll(rail->mw_path, 0, MAX_MW, &p, err) != 0)
            return -1;
        *mw = (double)p;
    } else {
        if (sysfs_read_ll(rail->mv_path, 0, MAX_MV, &mv, err) != 0 ||
            sysfs_read_ll(rail->ma_path, -MAX_MA, MAX_MA, &ma, err) != 0)
            return -1;
        *mw = (double)mv * (double)ma / 1000.0; /* mV * mA = uW */
    }
    uint64_t t1 = now_ns();
    *t_ns = t0 + (t1 - t0) / 2;
    return 0;
}

/* Adds channel ch of dir to st->rails when it has a label: 0 added or
 * skipped (no label, a label already taken, no room), -1 error. */
static int add_channel(ina_state *st, const ina_layout *lay, const char *dir, int ch, rl_error *err)
{
    char path[PATH_MAX], label[SYSFS_VALUE_MAX];
    if (sysfs_path(path, sizeof path, err, dir, lay->label_fmt, ch) != 0)
        return -1;
    if (sysfs_read_text(path, label, sizeof label, NULL) != 0 || st->nrails == POWER_RAILS_MAX)
        return 0;
    ina_rail *r = &st->rails[st->nrails];
    rail_cell_name(r->name, sizeof r->name, label);
    for (size_t i = 0; i < st->nrails; i++)
        if (strcmp(st->rails[i].name, r->name) == 0)
            return 0; /* one name once: the first channel keeps it */
    if (sysfs_path(r->mv_path, sizeof r->mv_path, err, dir, lay->mv_fmt, ch) != 0 ||
        sysfs_path(r->ma_path, sizeof r->ma_path, err, dir, lay->ma_fmt, ch) != 0)
        return -1;
    r->mw_path[0] = '\0';
    if (lay->mw_fmt != NULL) {
        if (sysfs_path(r->mw_path, sizeof r->mw_path, err, dir, lay->mw_fmt, ch) != 0)
            return -1;
        if (!sysfs_exists(r->mw_path))
            r->mw_path[0] = '\0'; /* V and I then */
    }
    snprintf(r->label, sizeof r->label, "%s", label);
    r->ok = 1;
    energy_integral_init(&r->integral);
    st->nrails++;
    return 0;
}

/* Every labelled channel of the layout's monitors, in glob and channel
 * order; -1 on an error. */
static int collect_rails(ina_state *st, const ina_layout *lay, const glob_t *g, rl_error *err)
{
    st->nrails = 0;
    for (size_t d = 0; d < g->gl_pathc; d++)
        for (int ch = lay->first; ch <= lay->last; ch++)
            if (add_channel(st, lay, g->gl_pathv[d], ch, err) != 0)
                return -1;
    return 0;
}

/* The directory of g holding a channel labelled rail, or NULL. */
static const char *dir_with_rail(const ina_layout *lay, const glob_t *g, const char *rail)
{
    char path[PATH_MAX], label[SYSFS_VALUE_MAX];
    for (size_t d = 0; d < g->gl_pathc; d++)
        for (int ch = lay->first; ch <= lay->last; ch++)
            if (sysfs_path(path, sizeof path, NULL, g->gl_pathv[d], lay->label_fmt, ch) == 0 &&
                sysfs_read_text(path, label, sizeof label, NULL) == 0 && strcmp(label, rail) == 0)
                return g->gl_pathv[d];
    return NULL;
}

static int read_period_us(const power_config *cfg, const ina_layout *lay, const char *dir,
                          uint64_t *us, rl_error *err)
{
    *us = DEFAULT_PERIOD_US;
    if (cfg->sample_interval_us > 0) {
        *us = cfg->sample_interval_us;
    } else if (lay->interval_file != NULL) {
        char path[PATH_MAX];
        long long ms = 0;
        if (sysfs_path(path, sizeof path, err, dir, "%s", lay->interval_file) != 0)
            return -1;
        if (sysfs_exists(path)) {
            if (sysfs_read_ll(path, 0, 100000, &ms, err) != 0)
                return -1;
            *us = (uint64_t)ms * 1000u;
        }
    }
    if (*us < MIN_PERIOD_US)
        *us = MIN_PERIOD_US;
    return 0;
}

/* Searches every layout for rail: 0 found (the layout's rails collected,
 * rail the primary), 1 not found, -1 error. */
static int find_rail(ina_state *st, const power_config *cfg, const char *rail, rl_error *err)
{
    char esc[PATH_MAX], pattern[PATH_MAX];
    if (sysfs_glob_escape(esc, sizeof esc, cfg->root, err) != 0)
        return -1;
    for (size_t l = 0; l < sizeof LAYOUTS / sizeof LAYOUTS[0]; l++) {
        const ina_layout *lay = &LAYOUTS[l];
        if (sysfs_path(pattern, sizeof pattern, err, esc, "%s", lay->dir_glob) != 0)
            return -1;
        glob_t g;
        if (glob(pattern, 0, NULL, &g) != 0)
            continue;
        const char *dir = dir_with_rail(lay, &g, rail);
        int rc = 1;
        if (dir != NULL) {
            rc = collect_rails(st, lay, &g, err);
            for (size_t i = 0; rc == 0 && i < st->nrails; i++)
                if (strcmp(st->rails[i].label, rail) == 0)
                    st->primary = i;
            if (rc == 0 && strcmp(st->rails[st->primary].label, rail) != 0)
                rc = rl_error_set(err, "ina3221 rail %s left out: more than %d rails, or its name taken by another channel", rail, POWER_RAILS_MAX);
            if (rc == 0)
                rc = read_period_us(cfg, lay, dir, &st->period_us, err);
            if (rc == 0)
                snprintf(st->name, sizeof st->name, "jetson_ina3221:%s", rail);
        }
        globfree(&g);
        if (rc != 1)
            return rc;
    }
    return 1;
}

static int choose_rail(ina_state *st, const power_config *cfg, rl_error *err)
{
    if (cfg->rail != NULL) {
        int rc = find_rail(st, cfg, cfg->rail, err);
        if (rc == 1)
            rl_error_set(err, "no ina3221 rail named %s under %s", cfg->rail, cfg->root);
        return rc == 0 ? 0 : -1;
    }
    for (size_t i = 0; i < sizeof MODULE_RAILS / sizeof MODULE_RAILS[0]; i++) {
        int rc = find_rail(st, cfg, MODULE_RAILS[i], err);
        if (rc != 1)
            return rc;
    }
    return rl_error_set(err, "no ina3221 rail named VDD_IN or POM_5V_IN under %s", cfg->root);
}

static void timespec_at(struct timespec *ts, uint64_t ns)
{
    ts->tv_sec = (time_t)(ns / 1000000000u);
    ts->tv_nsec = (long)(ns % 1000000000u);
}

/* The next other rail to sample, in turn, or nrails when none reads. */
static size_t next_other_rail(ina_state *st)
{
    for (size_t n = 0; n < st->nrails; n++) {
        size_t i = (st->next_other + n) % st->nrails;
        if (i != st->primary && st->rails[i].ok) {
            st->next_other = (i + 1) % st->nrails;
            return i;
        }
    }
    return st->nrails;
}

/* One sample of the chosen rail, integrated at once (so the counter moves
 * as soon as the reads are done); then, on every OTHER_RAIL_EVERY-th tick,
 * one other rail. Called without the lock; 0, or -1 once the chosen rail
 * failed (st->failed set). ok and next_other change on this thread only. */
static int sample_tick(ina_state *st)
{
    double mw = 0;
    uint64_t t = 0;
    rl_error e = {{0}};
    int rc = sample(&st->rails[st->primary], &mw, &t, &e);
    pthread_mutex_lock(&st->lock);
    if (rc != 0) {
        st->failed = 1;
        snprintf(st->failure, sizeof st->failure, "%s", e.text);
    } else {
        energy_integral_add(&st->rails[st->primary].integral, t, mw);
    }
    pthread_mutex_unlock(&st->lock);
    if (rc != 0)
        return -1;
    size_t o = st->ticks++ % OTHER_RAIL_EVERY == 0 ? next_other_rail(st) : st->nrails;
    if (o == st->nrails)
        return 0;
    rc = sample(&st->rails[o], &mw, &t, NULL);
    pthread_mutex_lock(&st->lock);
    if (rc != 0)
        st->rails[o].ok = 0;
    else
        energy_integral_add(&st->rails[o].integral, t, mw);
    pthread_mutex_unlock(&st->lock);
    return 0;
}

/* Samples on a fixed grid of absolute deadlines; after an overrun (reads
 * that wait for conversions take longer than the period) the grid restarts
 * from now instead of firing a burst. The first read error of the chosen
 * rail stops sampling and is reported by the next read_energy_uj; another
 * rail's stops that rail only. */
static void *sampler(void *arg)
{
    ina_state *st = arg;
    uint64_t period_ns = st->period_us * 1000u;
    uint64_t next = now_ns() + period_ns;
    pthread_mutex_lock(&st->lock);
    while (!st->stop) {
        struct timespec ts;
        timespec_at(&ts, next);
        while (!st->stop && now_ns() < next)
            pthread_cond_timedwait(&st->wake, &st->lock, &ts);
        if (st->stop)
            break;
        pthread_mutex_unlock(&st->lock);
        int rc = sample_tick(st);
        pthread_mutex_lock(&st->lock);
        if (rc != 0)
            break;
        next += period_ns;
        uint64_t now = now_ns();
        if (next <= now)
            next = now + period_ns;
    }
    pthread_mutex_unlock(&st->lock);
    return NULL;
}

static void ina_finish(power_source *ps)
{
    ina_state *st = ps->impl;
    if (st == NULL)
        return;
    if (st->thread_started) {
        pthread_mutex_lock(&st->lock);
        st->stop = 1;
        pthread_cond_signal(&st->wake);
        pthread_mutex_unlock(&st->lock);
        pthread_join(st->thread, NULL);
    }
    pthread_cond_destroy(&st->wake);
    pthread_mutex_destroy(&st->lock);
    free(st->root);
    free(st);
    ps->impl = NULL;
}

static int init_sync(ina_state *st, rl_error *err)
{
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0)
        return rl_error_set(err, "cannot make a condition variable");
    /* deadlines come from CLOCK_MONOTONIC: wall-clock steps must not matter */
    int rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    if (rc == 0)
        rc = pthread_cond_init(&st->wake, &attr);
    pthread_condattr_destroy(&attr);
    if (rc != 0)
        return rl_error_set(err, "cannot make a condition variable");
    if (pthread_mutex_init(&st->lock, NULL) != 0) {
        pthread_cond_destroy(&st->wake);
        return rl_error_set(err, "cannot make a mutex");
    }
    return 0;
}

/* Finds the rail, takes a first sample (so a bad file fails here, not in
 * the middle of a run) and starts the sampler. */
static int ina_init(power_source *ps, const power_config *cfg, rl_error *err)
{
    ina_state *st = calloc(1, sizeof *st);
    if (st == NULL)
        return rl_error_set(err, "out of memory");
    const char *root = cfg->root != NULL ? cfg->root : "/";
    power_config c = *cfg;
    c.root = root;
    st->root = strdup(root);
    if (st->root == NULL) {
        free(st);
        return rl_error_set(err, "out of memory");
    }
    if (init_sync(st, err) != 0) {
        free(st->root);
        free(st);
        return -1;
    }
    ps->impl = st;
    double mw = 0;
    uint64_t t = 0;
    if (choose_rail(st, &c, err) != 0)
        goto fail;
    /* a first sample of each: the chosen rail must read, the others may
     * drop out here (a channel the driver lists but cannot read) */
    for (size_t i = 0; i < st->nrails; i++) {
        if (sample(&st->rails[i], &mw, &t, i == st->primary ? err : NULL) == 0)
            energy_integral_add(&st->rails[i].integral, t, mw);
        else if (i == st->primary)
            goto fail;
        else
            st->rails[i].ok = 0;
    }
    if (pthread_create(&st->thread, NULL, sampler, st) != 0) {
        rl_error_set(err, "cannot start the ina3221 sampling thread");
        goto fail;
    }
    st->thread_started = 1;
    return 0;
fail:
    ina_finish(ps);
    return -1;
}

/* The counter and the samples behind it, read together under the lock. */
static int ina_read_energy_samples(power_source *ps, uint64_t *uj, uint64_t *samples, rl_error *err)
{
    ina_state *st = ps->impl;
    pthread_mutex_lock(&st->lock);
    int failed = st->failed;
    const energy_integral *in = &st->rails[st->primary].integral;
    double v = in->uj;
    *samples = (uint64_t)in->samples;
    if (failed)
        rl_error_set(err, "ina3221 sampling stopped: %s", st->failure);
    pthread_mutex_unlock(&st->lock);
    if (failed)
        return -1;
    *uj = (uint64_t)v; /* floor of a non-decreasing value: still monotonic */
    return 0;
}

static int ina_read_energy_uj(power_source *ps, uint64_t *uj, rl_error *err)
{
    uint64_t samples;
    return ina_read_energy_samples(ps, uj, &samples, err);
}

static int ina_read_power_mw(power_source *ps, power_reading *mw, rl_error *err)
{
    ina_state *st = ps->impl;
    pthread_mutex_lock(&st->lock);
    int failed = st->failed;
    mw->valid = !failed;
    mw->value = failed ? 0 : st->rails[st->primary].integral.last_mw;
    if (failed)
        rl_error_set(err, "ina3221 sampling stopped: %s", st->failure);
    pthread_mutex_unlock(&st->lock);
    return failed ? -1 : 0;
}

/* The GPU clock from devfreq; the memory (EMC) clock is only in debugfs,
 * which needs root, so it stays "not reported". */
static int ina_read_clocks(power_source *ps, power_clocks *out, rl_error *err)
{
    ina_state *st = ps->impl;
    out->mem_mhz.valid = 0;
    return jetson_gpu_clock_read(st->root, &out->sm_mhz, err);
}

/* Every rail's integral so far; a rail that dropped out at the start is
 * not listed, one that failed later is listed with valid 0. */
static int ina_read_rails(power_source *ps, power_rails *out, rl_error *err)
{
    ina_state *st = ps->impl;
    pthread_mutex_lock(&st->lock);
    int failed = st->failed;
    out->count = 0;
    for (size_t i = 0; !failed && i < st->nrails; i++) {
        const ina_rail *r = &st->rails[i];
        if (r->integral.samples == 0)
            continue; /* never read */
        power_rail_energy *o = &out->rail[out->count++];
        snprintf(o->name, sizeof o->name, "%s", r->name);
        o->valid = r->ok;
        o->samples = r->integral.samples;
        o->last_ns = r->integral.last_ns;
        o->uj = r->integral.uj;
    }
    if (failed)
        rl_error_set(err, "ina3221 sampling stopped: %s", st->failure);
    pthread_mutex_unlock(&st->lock);
    return failed ? -1 : 0;
}

static uint64_t ina_refresh_interval_us(const power_source *ps)
{
    const ina_state *st = ps->impl;
    return st->period_us;
}

static const char *ina_name(const power_source *ps)
{
    const ina_state *st = ps->impl;
    return st->name;
}

const power_source_ops power_ina3221_ops = {
    .kind = "jetson_ina3221",
    .init = ina_init,
    .read_energy_uj = ina_read_energy_uj,
    .read_energy_samples = ina_read_energy_samples,
    .read_power_mw = ina_read_power_mw,
    .read_clocks = ina_read_clocks,
    .refresh_interval_us = ina_refresh_interval_us,
    .name = ina_name,
    .read_rails = ina_read_rails,
    .finish = ina_finish,
};
