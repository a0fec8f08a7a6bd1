/* A stand-in libnvidia-ml for test_power_nvml: the entry points the NVML
 * backend loads, answering scripted values (return codes as in nvml.h:
 * 0 success, 2 invalid argument, 3 not supported, 6 not found, 9 driver not
 * loaded). The test reaches the script through fake_nvml_control() and
 * fake_nvml_count() on the same dlopen handle.
 *
 * Full build: energy starts at 5000000 mJ and rises 250 mJ per read, 312500
 * mW, SM 1980 MHz, memory 2619 MHz, limit 700000 mW, event reasons 0x4.
 * The card (gpu_identity.h): index 3, UUID
 * GPU-5f1c3b0e-2d4a-4b6c-8e9f-0123456789ab, serial 1654922012345; the
 * control "serial_rc" makes the serial answer that code instead.
 * FAKE_NVML_MINIMAL: a reported 0 mW, memory clock "not supported", and no
 * nvmlErrorString, PCI lookup, power limit, event-reason or card identity
 * symbols. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct fake_device {
    int index;
} fake_device;
typedef fake_device *nvmlDevice_t;
typedef int nvmlReturn_t;

#define EXPORT __attribute__((visibility("default")))

static fake_device device0 = {0};
static struct {
    nvmlReturn_t init_rc, energy_rc, serial_rc;
    unsigned long long energy_mj;
    long long inits, shutdowns, energy_reads;
} s = {.energy_mj = 5000000ull};

static void reset(void)
{
    memset(&s, 0, sizeof s);
    s.energy_mj = 5000000ull;
}

EXPORT int fake_nvml_control(const char *what, long long value)
{
    if (strcmp(what, "reset") == 0)
        reset();
    else if (strcmp(what, "init_rc") == 0)
        s.init_rc = (nvmlReturn_t)value;
    else if (strcmp(what, "energy_rc") == 0)
        s.energy_rc = (nvmlReturn_t)value;
    else if (strcmp(what, "serial_rc") == 0)
        s.serial_rc = (nvmlReturn_t)value;
    else
        return -1;
    return 0;
}

EXPORT long long fake_nvml_count(const char *what)
{
    if (strcmp(what, "init") == 0)
        return s.inits;
    if (strcmp(what, "shutdown") == 0)
        return s.shutdowns;
    if (strcmp(what, "energy") == 0)
        return s.energy_reads;
    return -1;
}

EXPORT nvmlReturn_t nvmlInit_v2(void)
{
    if (s.init_rc != 0)
        return s.init_rc;
    s.inits++;
    return 0;
}

EXPORT nvmlReturn_t nvmlShutdown(void)
{
    s.shutdowns++;
    return 0;
}

EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned index, nvmlDevice_t *dev)
{
    if (index != 0)
        return 2;
    *dev = &device0;
    return 0;
}

EXPORT nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t dev, unsigned long long *mj)
{
    if (dev != &device0)
        return 2;
    if (s.energy_rc != 0)
        return s.energy_rc;
    s.energy_reads++;
    *mj = s.energy_mj;
    s.energy_mj += 250;
    return 0;
}

EXPORT nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t dev, int type, unsigned *mhz)
{
    if (dev != &device0)
        return 2;
    if (type == 1) { /* NVML_CLOCK_SM */
        *mhz = 1980;
        return 0;
    }
    if (type == 2) { /* NVML_CLOCK_MEM */
#ifdef FAKE_NVML_MINIMAL
        return 3;
#else
        *mhz = 2619;
        return 0;
#endif
    }
    return 2;
}

#ifdef FAKE_NVML_MINIMAL
EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t dev, unsigned *mw)
{
    *mw = 0; /* a board that really reports 0 mW */
    return dev == &device0 ? 0 : 2;
}
#else
EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t dev, unsigned *mw)
{
    *mw = 312500;
    return dev == &device0 ? 0 : 2;
}

#ifndef FAKE_NVML_MINIMAL
EXPORT nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned length)
{
    snprintf(version, length, "%s", "580.159.04");
    return 0;
}
#endif

EXPORT const char *nvmlErrorString(nvmlReturn_t rc)
{
    switch (rc) {
    case 3: return "Not Supported";
    case 6: return "Not Found";
    case 9: return "Driver Not Loaded";
    default: return "Unknown Error";
    }
}

EXPORT nvmlReturn_t nvmlDeviceGetHandleByPciBusId_v2(const char *bus_id, nvmlDevice_t *dev)
{
    if (strcmp(bus_id, "00000000:19:00.0") != 0)
        return 6;
    *dev = &device0;
    return 0;
}

EXPORT nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t dev, unsigned *mw)
{
    *mw = 700000;
    return dev == &device0 ? 0 : 2;
}

EXPORT nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t dev,
                                                           unsigned long long *bits)
{
    *bits = 0x4; /* software power cap */
    return dev == &device0 ? 0 : 2;
}

EXPORT nvmlReturn_t nvmlDeviceGetIndex(nvmlDevice_t dev, unsigned *index)
{
    *index = 3;
    return dev == &device0 ? 0 : 2;
}

EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t dev, char *uuid, unsigned length)
{
    snprintf(uuid, length, "%s", "GPU-5f1c3b0e-2d4a-4b6c-8e9f-0123456789ab");
    return dev == &device0 ? 0 : 2;
}

EXPORT nvmlReturn_t nvmlDeviceGetSerial(nvmlDevice_t dev, char *serial, unsigned length)
{
    if (s.serial_rc != 0)
        return s.serial_rc;
    snprintf(serial, length, "%s", "1654922012345");
    return dev == &device0 ? 0 : 2;
}
#endif
