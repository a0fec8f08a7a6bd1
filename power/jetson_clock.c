#include "jetson_clock.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sysfs_read.h"

/* of_node names of the GPU, one per JetPack generation. */
static const char *const GPU_NODE_NAMES[] = {
    "ga10b", /* Orin (JetPack 5/6): 17000000.ga10b */
    "gpu",   /* JetPack 7: 17000000.gpu */
};

static int is_gpu_node(const char *root, const char *entry)
{
    char path[PATH_MAX];
    char name[SYSFS_VALUE_MAX];
    if (sysfs_path(path, sizeof path, NULL, root, "sys/class/devfreq/%s/device/of_node/name",
                   entry) != 0)
        return 0;
    if (sysfs_read_text(path, name, sizeof name, NULL) != 0)
        return 0;
    for (size_t i = 0; i < sizeof GPU_NODE_NAMES / sizeof GPU_NODE_NAMES[0]; i++)
        if (strcmp(name, GPU_NODE_NAMES[i]) == 0)
            return 1;
    return 0;
}

static int not_hidden(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

/* The GPU's devfreq file called leaf (cur_freq, max_freq) into out. */
static int devfreq_file(const char *root, const char *leaf, char *out, size_t len, rl_error *err)
{
    char dir[PATH_MAX];
    if (sysfs_path(dir, sizeof dir, err, root, "sys/class/devfreq") != 0)
        return -1;
    struct dirent **list = NULL;
    int n = scandir(dir, &list, not_hidden, alphasort); /* sorted: the same pick every run */
    if (n < 0)
        return 1;
    int found = 1;
    for (int i = 0; i < n; i++) {
        if (found == 1 && is_gpu_node(root, list[i]->d_name))
            found = sysfs_path(out, len, err, root, "sys/class/devfreq/%s/%s", list[i]->d_name, leaf) == 0
                        ? 0
                        : -1;
        free(list[i]);
    }
    free(list);
    return found;
}

int jetson_gpu_devfreq_find(const char *root, char *out, size_t len, rl_error *err)
{
    return devfreq_file(root, "cur_freq", out, len, err);
}

/* 1 kHz .. 10 GHz: anything else is not a clock */
static int read_hz_as_mhz(const char *path, power_reading *mhz, rl_error *err)
{
    long long hz = 0;
    if (sysfs_read_ll(path, 1000, 10000000000LL, &hz, err) != 0)
        return -1;
    mhz->valid = 1;
    mhz->value = (double)hz / 1e6;
    return 0;
}

static int gpu_devfreq_read(const char *root, const char *leaf, power_reading *mhz, rl_error *err)
{
    mhz->valid = 0;
    mhz->value = 0;
    char path[PATH_MAX];
    int rc = devfreq_file(root, leaf, path, sizeof path, err);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    return read_hz_as_mhz(path, mhz, err);
}

int jetson_gpu_clock_read(const char *root, power_reading *mhz, rl_error *err)
{
    return gpu_devfreq_read(root, "cur_freq", mhz, err);
}

int jetson_gpu_clock_cap_read(const char *root, power_reading *mhz, rl_error *err)
{
    return gpu_devfreq_read(root, "max_freq", mhz, err);
}

int jetson_emc_cap_read(const char *root, power_reading *mhz, rl_error *err)
{
    mhz->valid = 0;
    mhz->value = 0;
    char path[PATH_MAX];
    if (sysfs_path(path, sizeof path, err, root, "%s", JETSON_EMC_CAP_FILE) != 0)
        return -1;
    if (!sysfs_exists(path))
        return 0;
    long long hz = 0;
    if (sysfs_read_ll(path, 0, 100000000000LL, &hz, err) != 0)
        return -1;
    if (hz == 0)
        return 0; /* no cap */
    return read_hz_as_mhz(path, mhz, err);
}
