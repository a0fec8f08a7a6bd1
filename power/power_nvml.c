/* NVML backend: the board's total-energy counter (mJ since the driver
 * loaded), loaded with dlopen so measure still runs where there is no
 * driver (Jetson, CPU-only machines).
 *
 * Only the NVML types and entry points used here are declared, with the
 * values of NVML's public nvml.h. The device is picked by PCI bus id when the
 * caller gives one (that is how a CUDA ordinal maps to NVML: cudaDevice-
 * GetPCIBusId), else by NVML index, which follows PCI order and may differ
 * from CUDA's fastest-first order unless CUDA_DEVICE_ORDER=PCI_BUS_ID. */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "power_source.h"

typedef struct nvmlDevice_st *nvmlDevice_t;
typedef enum nvmlReturn_enum {
    NVML_SUCCESS = 0,
    NVML_ERROR_NOT_SUPPORTED = 3,
    NVML_ERROR_FUNCTION_NOT_FOUND = 13,
} nvmlReturn_t;
typedef enum nvmlClockType_enum {
    NVML_CLOCK_SM = 1,
    NVML_CLOCK_MEM = 2,
} nvmlClockType_t;

/* The total-energy counter is documented only as "energy since the driver
 * was reloaded"; it moves every 10-100 ms on recent boards. The larger bound
 * makes energy_meter wait long enough for a tick. */
enum { NVML_ENERGY_REFRESH_US = 100000 };

typedef struct nvml_api {
    nvmlReturn_t (*init_v2)(void);
    nvmlReturn_t (*shutdown)(void);
    const char *(*error_string)(nvmlReturn_t); /* optional */
    nvmlReturn_t (*handle_by_index)(unsigned, nvmlDevice_t *);
    nvmlReturn_t (*handle_by_pci)(const char *, nvmlDevice_t *); /* optional unless asked */
    nvmlReturn_t (*total_energy)(nvmlDevice_t, unsigned long long *); /* mJ */
    nvmlReturn_t (*power_usage)(nvmlDevice_t, unsigned *);            /* mW */
    nvmlReturn_t (*clock_info)(nvmlDevice_t, nvmlClockType_t, unsigned *); /* MHz */
    nvmlReturn_t (*enforced_limit)(nvmlDevice_t, unsigned *);        /* mW, optional */
    nvmlReturn_t (*event_reasons)(nvmlDevice_t, unsigned long long *); /* optional */
    nvmlReturn_t (*driver_version)(char *, unsigned);                  /* optional */
} nvml_api;

typedef struct nvml_state {
    void *lib;
    int initialized; /* nvmlInit_v2 succeeded: nvmlShutdown owed */
    nvml_api api;
    nvmlDevice_t dev;
    char driver[96]; /* "" when not reported */
} nvml_state;

/* Symbols by name; `required` ones fail init when missing. Where two names
 * are listed for a slot, the first found wins (the newer name first). */
typedef struct nvml_symbol {
    const char *name;
    size_t offset;
    int required;
} nvml_symbol;

#define SYM(field, name, req) {name, offsetof(nvml_api, field), req}
static const nvml_symbol SYMBOLS[] = {
    SYM(init_v2, "nvmlInit_v2", 1),
    SYM(shutdown, "nvmlShutdown", 1),
    SYM(error_string, "nvmlErrorString", 0),
    SYM(handle_by_index, "nvmlDeviceGetHandleByIndex_v2", 1),
    SYM(handle_by_pci, "nvmlDeviceGetHandleByPciBusId_v2", 0),
    SYM(total_energy, "nvmlDeviceGetTotalEnergyConsumption", 1),
    SYM(power_usage, "nvmlDeviceGetPowerUsage", 1),
    SYM(clock_info, "nvmlDeviceGetClockInfo", 1),
    SYM(enforced_limit, "nvmlDeviceGetEnforcedPowerLimit", 0),
    SYM(event_reasons, "nvmlDeviceGetCurrentClocksEventReasons", 0),
    SYM(event_reasons, "nvmlDeviceGetCurrentClocksThrottleReasons", 0),
    SYM(driver_version, "nvmlSystemGetDriverVersion", 0),
};
#undef SYM
_Static_assert(sizeof(void *) == sizeof(nvmlReturn_t (*)(void)),
               "dlsym results are stored as function pointers");

static const char *nvml_text(const nvml_state *st, nvmlReturn_t rc)
{
    static _Thread_local char code[32];
    if (st->api.error_string != NULL) {
        const char *s = st->api.error_string(rc);
        if (s != NULL)
            return s;
    }
    snprintf(code, sizeof code, "nvml error %d", (int)rc);
    return code;
}

static int load_symbols(nvml_state *st, const char *path, rl_error *err)
{
    for (size_t i = 0; i < sizeof SYMBOLS / sizeof SYMBOLS[0]; i++) {
        /* dlsym returns an object pointer; POSIX lets its bytes stand for
         * a function pointer of the same size. */
        char *slot = (char *)&st->api + SYMBOLS[i].offset;
        void *sym = NULL;
        memcpy(&sym, slot, sizeof sym);
        if (sym != NULL)
            continue; /* an earlier name filled this slot */
        sym = dlsym(st->lib, SYMBOLS[i].name);
        if (sym == NULL && SYMBOLS[i].required)
            return rl_error_set(err, "no %s in %s", SYMBOLS[i].name, path);
        memcpy(slot, &sym, sizeof sym);
    }
    return 0;
}

static int open_device(nvml_state *st, const power_config *cfg, rl_error *err)
{
    nvmlReturn_t rc;
    if (cfg->nvml_pci_bus_id != NULL) {
        if (st->api.handle_by_pci == NULL)
            return rl_error_set(err, "this nvml cannot find a device by pci bus id");
        rc = st->api.handle_by_pci(cfg->nvml_pci_bus_id, &st->dev);
        if (rc != NVML_SUCCESS)
            return rl_error_set(err, "no device at pci bus id %s: %s", cfg->nvml_pci_bus_id,
                                nvml_text(st, rc));
        return 0;
    }
    rc = st->api.handle_by_index(cfg->nvml_index, &st->dev);
    if (rc != NVML_SUCCESS)
        return rl_error_set(err, "no device %u: %s", cfg->nvml_index, nvml_text(st, rc));
    return 0;
}

static void nvml_finish(power_source *ps)
{
    nvml_state *st = ps->impl;
    if (st == NULL)
        return;
    if (st->initialized)
        st->api.shutdown();
    if (st->lib != NULL)
        dlclose(st->lib);
    free(st);
    ps->impl = NULL;
}

/* Opens the library and the device, then reads the energy counter once:
 * boards before Volta answer "not supported", and then NVML is no energy
 * source at all. */
static int nvml_init(power_source *ps, const power_config *cfg, rl_error *err)
{
    const char *path = cfg->nvml_library != NULL ? cfg->nvml_library : "libnvidia-ml.so.1";
    nvml_state *st = calloc(1, sizeof *st);
    if (st == NULL)
        return rl_error_set(err, "out of memory");
    ps->impl = st;
    st->lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (st->lib == NULL) {
        const char *why = dlerror();
        rl_error_set(err, "cannot load %s: %s", path, why != NULL ? why : "unknown reason");
        goto fail;
    }
    if (load_symbols(st, path, err) != 0)
        goto fail;
    nvmlReturn_t rc = st->api.init_v2();
    if (rc != NVML_SUCCESS) {
        rl_error_set(err, "nvmlInit_v2 failed: %s", nvml_text(st, rc));
        goto fail;
    }
    st->initialized = 1;
    if (open_device(st, cfg, err) != 0)
        goto fail;
    unsigned long long mj = 0;
    rc = st->api.total_energy(st->dev, &mj);
    if (rc != NVML_SUCCESS) {
        rl_error_set(err, "total energy counter: %s", nvml_text(st, rc));
        goto fail;
    }
    /* read once: it cannot change while the library is loaded */
    if (st->api.driver_version == NULL || st->api.driver_version(st->driver, sizeof st->driver) != NVML_SUCCESS)
        st->driver[0] = '\0';
    st->driver[sizeof st->driver - 1] = '\0';
    return 0;
fail:
    nvml_finish(ps);
    return -1;
}

static int nvml_read_energy_uj(power_source *ps, uint64_t *uj, rl_error *err)
{
    nvml_state *st = ps->impl;
    unsigned long long mj = 0;
    nvmlReturn_t rc = st->api.total_energy(st->dev, &mj);
    if (rc != NVML_SUCCESS)
        return rl_error_set(err, "nvml total energy: %s", nvml_text(st, rc));
    if (mj > UINT64_MAX / 1000)
        return rl_error_set(err, "nvml total energy %llu mJ overflows uJ", mj);
    *uj = (uint64_t)mj * 1000u;
    return 0;
}

/* Stores an NVML unsigned reading: "not supported" is "not reported". */
static int take_reading(const nvml_state *st, nvmlReturn_t rc, unsigned v, const char *what,
                        power_reading *out, rl_error *err)
{
    out->valid = 0;
    out->value = 0;
    if (rc == NVML_ERROR_NOT_SUPPORTED || rc == NVML_ERROR_FUNCTION_NOT_FOUND)
        return 0;
    if (rc != NVML_SUCCESS)
        return rl_error_set(err, "nvml %s: %s", what, nvml_text(st, rc));
    out->valid = 1;
    out->value = (double)v;
    return 0;
}

static int nvml_read_power_mw(power_source *ps, power_reading *mw, rl_error *err)
{
    nvml_state *st = ps->impl;
    unsigned v = 0;
    nvmlReturn_t rc = st->api.power_usage(st->dev, &v);
    return take_reading(st, rc, v, "power usage", mw, err);
}

static int nvml_read_clocks(power_source *ps, power_clocks *out, rl_error *err)
{
    nvml_state *st = ps->impl;
    unsigned v = 0;
    nvmlReturn_t rc = st->api.clock_info(st->dev, NVML_CLOCK_SM, &v);
    if (take_reading(st, rc, v, "sm clock", &out->sm_mhz, err) != 0)
        return -1;
    v = 0;
    rc = st->api.clock_info(st->dev, NVML_CLOCK_MEM, &v);
    return take_reading(st, rc, v, "memory clock", &out->mem_mhz, err);
}

static int nvml_read_limits(power_source *ps, power_limits *out, rl_error *err)
{
    nvml_state *st = ps->impl;
    out->limit_mw.valid = 0;
    out->reasons_valid = 0;
    if (st->api.enforced_limit != NULL) {
        unsigned v = 0;
        nvmlReturn_t rc = st->api.enforced_limit(st->dev, &v);
        if (take_reading(st, rc, v, "enforced power limit", &out->limit_mw, err) != 0)
            return -1;
    }
    if (st->api.event_reasons != NULL) {
        unsigned long long bits = 0;
        nvmlReturn_t rc = st->api.event_reasons(st->dev, &bits);
        if (rc == NVML_SUCCESS) {
            out->reasons_valid = 1;
            out->event_reasons = bits;
        } else if (rc != NVML_ERROR_NOT_SUPPORTED) {
            return rl_error_set(err, "nvml clock event reasons: %s", nvml_text(st, rc));
        }
    }
    return 0;
}

static uint64_t nvml_refresh_interval_us(const power_source *ps)
{
    (void)ps;
    return NVML_ENERGY_REFRESH_US;
}

static const char *nvml_name(const power_source *ps)
{
    (void)ps;
    return "nvml_total_energy";
}

static const char *nvml_driver_version(const power_source *ps)
{
    const nvml_state *st = ps->impl;
    return st->driver;
}

const power_source_ops power_nvml_ops = {
    .kind = "nvml",
    .init = nvml_init,
    .read_energy_uj = nvml_read_energy_uj,
    .read_power_mw = nvml_read_power_mw,
    .read_clocks = nvml_read_clocks,
    .read_limits = nvml_read_limits,
    .refresh_interval_us = nvml_refresh_interval_us,
    .name = nvml_name,
    .driver_version = nvml_driver_version,
    .finish = nvml_finish,
};
