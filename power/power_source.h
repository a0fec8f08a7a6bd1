/* power_source: one small interface over the sensors that tell a board's
 * energy, in the manner of energymon: a table of operations per backend
 * (NVML's total-energy counter, a Jetson INA3221 rail, none) and a chooser.
 *
 * Every source is read only: nothing here changes clocks, power limits or
 * modes. A value a source does not report carries valid = 0 and is never
 * written as 0 (a 0 W reading would become an infinite FLOP/J downstream).
 *
 * Ownership: power_source_open*() fill a caller-owned power_source whose
 * backend state (impl) belongs to the source; power_source_close() frees it
 * and is safe on a source that failed to open or was closed already. Strings
 * returned by power_source_name() live until close.
 * Errors: the project's rl_error convention (0 / -1, one lower-case line).
 * Threads: one source is used from one thread at a time (the INA3221 backend
 * runs its own sampling thread and locks internally). */
#ifndef POWER_SOURCE_H
#define POWER_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "rl_error.h"

/* A reading that a source may not report: valid = 0 means "not reported",
 * which is not the same as a reported 0. */
typedef struct power_reading {
    int valid;
    double value;
} power_reading;

typedef struct power_clocks {
    power_reading sm_mhz;  /* SM (Jetson: GPU devfreq) clock, MHz */
    power_reading mem_mhz; /* memory clock, MHz */
} power_clocks;

typedef struct power_limits {
    power_reading limit_mw; /* enforced board power limit, mW */
    int reasons_valid;      /* 0: clock event (throttle) reasons not reported */
    uint64_t event_reasons; /* NVML clocks-event-reason bit mask */
} power_limits;

/* Every rail a source's power monitors read (Jetson INA3221: each labelled
 * channel of every monitor of the driver layout that holds the chosen
 * rail), each as the integral of its own samples, so the average power of
 * a rail between two reads a and b is
 *     (b.uj - a.uj) / ((b.last_ns - a.last_ns) / 1e3)   uJ/us = W
 * (energy_meter.h does this for its loop). */
#define POWER_RAILS_MAX 12
#define POWER_RAIL_NAME_MAX 32
typedef struct power_rail_energy {
    char name[POWER_RAIL_NAME_MAX]; /* the label, as rail_cell_name() spells it */
    int valid;        /* 0: the rail stopped reading; the numbers are frozen */
    int samples;      /* samples integrated so far */
    uint64_t last_ns; /* time of the last sample, CLOCK_MONOTONIC ns */
    double uj;        /* energy from the first sample to the last, uJ */
} power_rail_energy;

typedef struct power_rails {
    size_t count;
    power_rail_energy rail[POWER_RAILS_MAX];
} power_rails;

typedef struct power_config {
    const char *root;          /* sysfs root for the Jetson readers, default "/" */
    const char *nvml_library;  /* dlopen path, default "libnvidia-ml.so.1" */
    const char *nvml_pci_bus_id; /* match the CUDA device by PCI bus id; NULL: use nvml_index */
    unsigned nvml_index;       /* NVML index (NVML counts in PCI order, CUDA may not) */
    const char *rail;          /* INA3221 rail label; NULL: the board table (VDD_IN, POM_5V_IN) */
    uint64_t sample_interval_us; /* INA3221 sampling period; 0: the sensor's update_interval */
} power_config;

typedef struct power_source power_source;

/* One backend. Optional operations may be NULL: the wrappers below then
 * report "not reported" (valid = 0) instead of failing. */
typedef struct power_source_ops {
    const char *kind; /* "nvml", "jetson_ina3221", "none" */
    int (*init)(power_source *ps, const power_config *cfg, rl_error *err);
    /* Monotonic energy counter, uJ; for sampled sources the integral of the
     * samples so far. NULL: the source has no energy. */
    int (*read_energy_uj)(power_source *ps, uint64_t *uj, rl_error *err);
    /* The same counter and, read with it atomically, how many sensor
     * samples it integrates so far (a sampled source's own readings; the
     * first one adds no energy). NULL: the source does not sample itself
     * (NVML: the driver does), so nothing is counted. */
    int (*read_energy_samples)(power_source *ps, uint64_t *uj, uint64_t *samples, rl_error *err);
    int (*read_power_mw)(power_source *ps, power_reading *mw, rl_error *err);
    int (*read_clocks)(power_source *ps, power_clocks *out, rl_error *err);
    int (*read_limits)(power_source *ps, power_limits *out, rl_error *err);
    /* How often the energy counter moves, us (an estimate for NVML). */
    uint64_t (*refresh_interval_us)(const power_source *ps);
    const char *(*name)(const power_source *ps); /* the power_source CSV cell */
    /* The GPU driver's version, e.g. "580.159.04"; NULL or "" when unknown. */
    const char *(*driver_version)(const power_source *ps);
    /* Every rail's integral so far; NULL: the source has no rails. */
    int (*read_rails)(power_source *ps, power_rails *out, rl_error *err);
    void (*finish)(power_source *ps);
} power_source_ops;

struct power_source {
    const power_source_ops *ops; /* NULL when not open */
    void *impl;                  /* the backend's state, freed by finish */
};

extern const power_source_ops power_nvml_ops;
extern const power_source_ops power_ina3221_ops;
extern const power_source_ops power_none_ops;

/* Defaults: root "/", libnvidia-ml.so.1, index 0, board rail table, the
 * sensor's own interval. */
void power_config_default(power_config *cfg);

/* Opens one backend by kind ("nvml", "jetson_ina3221", "none"), or "auto"
 * for power_source_open_default(). On failure ps is left closed. */
int power_source_open(power_source *ps, const char *kind, const power_config *cfg,
                      rl_error *err);

/* NVML if libnvidia-ml loads and its total-energy counter answers, else the
 * Jetson INA3221 rail if the sysfs rail exists, else none. Never fails; when
 * a sensor was passed over, skipped (if not NULL) says why, one clause per
 * backend ("nvml: ...; jetson_ina3221: ..."), else it is left empty. */
void power_source_open_default(power_source *ps, const power_config *cfg, rl_error *skipped);

int power_source_has_energy(const power_source *ps);
/* Fails on a source without energy (see power_source_has_energy). */
int power_source_read_energy_uj(power_source *ps, uint64_t *uj, rl_error *err);
/* The energy counter and its sample count read together; *counted = 0
 * (and *samples 0) for a source that does not count its samples. */
int power_source_read_energy_samples(power_source *ps, uint64_t *uj, uint64_t *samples, int *counted,
                                     rl_error *err);
int power_source_read_power_mw(power_source *ps, power_reading *mw, rl_error *err);
int power_source_read_clocks(power_source *ps, power_clocks *out, rl_error *err);
int power_source_read_limits(power_source *ps, power_limits *out, rl_error *err);
/* count 0 (and 0 returned) on a source without rails. */
int power_source_read_rails(power_source *ps, power_rails *out, rl_error *err);
uint64_t power_source_refresh_interval_us(const power_source *ps);
const char *power_source_name(const power_source *ps); /* "none" when closed */
const char *power_source_driver_version(const power_source *ps); /* "" when not reported */
void power_source_close(power_source *ps);

#endif
