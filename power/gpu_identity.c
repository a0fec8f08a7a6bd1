/* gpu_identity: the card's index, UUID and serial through NVML (dlopen),
 * declaring only the entry points read here, with the values of NVML's
 * public nvml.h. See gpu_identity.h. */
#include "gpu_identity.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

typedef struct nvmlDevice_st *nvmlDevice_t;
typedef int nvmlReturn_t; /* NVML_SUCCESS = 0 */

typedef struct identity_api {
    nvmlReturn_t (*init_v2)(void);
    nvmlReturn_t (*shutdown)(void);
    nvmlReturn_t (*handle_by_pci)(const char *, nvmlDevice_t *);
    nvmlReturn_t (*index)(nvmlDevice_t, unsigned *);             /* optional */
    nvmlReturn_t (*uuid)(nvmlDevice_t, char *, unsigned);        /* optional */
    nvmlReturn_t (*serial)(nvmlDevice_t, char *, unsigned);      /* optional */
} identity_api;

/* dlsym returns an object pointer; POSIX lets its bytes stand for a
 * function pointer of the same size (as in power_nvml.c). */
_Static_assert(sizeof(void *) == sizeof(nvmlReturn_t (*)(void)), "dlsym results are stored as function pointers");
#define LOAD(lib, slot, name) \
    do { \
        void *sym_ = dlsym((lib), (name)); \
        memcpy(&(slot), &sym_, sizeof sym_); \
    } while (0)

int gpu_identity_text_ok(const char *s, size_t len)
{
    size_t n = strnlen(s, len);
    if (n == 0 || n == len)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] <= ' ' || s[i] > '~' || s[i] == ',' || s[i] == '"')
            return 0;
    return 1;
}

/* A string NVML wrote into buf of len bytes: kept when it reads as one,
 * else buf is made "" (not reported). */
static void keep_text(nvmlReturn_t rc, char *buf, size_t len)
{
    buf[len - 1] = '\0';
    if (rc != 0 || !gpu_identity_text_ok(buf, len))
        buf[0] = '\0';
}

static void read_fields(const identity_api *api, nvmlDevice_t dev, gpu_identity *id)
{
    unsigned index = 0;
    if (api->index != NULL && api->index(dev, &index) == 0) {
        id->index_valid = 1;
        id->index = index;
    }
    char buf[GPU_UUID_LEN] = "";
    if (api->uuid != NULL) {
        keep_text(api->uuid(dev, buf, sizeof buf), buf, sizeof buf);
        if (buf[0] != '\0')
            snprintf(id->uuid, sizeof id->uuid, "%s", buf);
    }
    char serial[GPU_SERIAL_LEN] = "";
    if (api->serial != NULL) {
        keep_text(api->serial(dev, serial, sizeof serial), serial, sizeof serial);
        if (serial[0] != '\0')
            snprintf(id->serial, sizeof id->serial, "%s", serial);
    }
}

int gpu_identity_read_nvml(const char *library, const char *pci_bus_id, gpu_identity *id, rl_error *err)
{
    const char *path = library != NULL ? library : "libnvidia-ml.so.1";
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        const char *why = dlerror();
        return rl_error_set(err, "cannot load %s: %s", path, why != NULL ? why : "unknown reason");
    }
    identity_api api = {0};
    LOAD(lib, api.init_v2, "nvmlInit_v2");
    LOAD(lib, api.shutdown, "nvmlShutdown");
    LOAD(lib, api.handle_by_pci, "nvmlDeviceGetHandleByPciBusId_v2");
    LOAD(lib, api.index, "nvmlDeviceGetIndex");
    LOAD(lib, api.uuid, "nvmlDeviceGetUUID");
    LOAD(lib, api.serial, "nvmlDeviceGetSerial");
    int rc = 0;
    nvmlReturn_t st;
    nvmlDevice_t dev = NULL;
    if (api.init_v2 == NULL || api.shutdown == NULL || api.handle_by_pci == NULL)
        rc = rl_error_set(err, "%s lacks nvmlInit_v2, nvmlShutdown or a lookup by pci bus id", path);
    else if ((st = api.init_v2()) != 0)
        rc = rl_error_set(err, "nvmlInit_v2 failed: nvml error %d", st);
    else {
        if ((st = api.handle_by_pci(pci_bus_id, &dev)) != 0)
            rc = rl_error_set(err, "no device at pci bus id %s: nvml error %d", pci_bus_id, st);
        else
            read_fields(&api, dev, id);
        api.shutdown();
    }
    dlclose(lib);
    return rc;
}

void gpu_uuid_text(const unsigned char b[16], char *out, size_t size)
{
    snprintf(out, size,
             "GPU-%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

int gpu_node_load_ok(const char *s)
{
    return s != NULL && (strcmp(s, "alone") == 0 || strcmp(s, "all") == 0 || strcmp(s, "array") == 0);
}
