/* jetson_clock: the Jetson GPU clock from devfreq, and the clock caps the
 * nvpmodel power mode set, read only.
 *
 * The GPU's devfreq node is the entry of ROOT/sys/class/devfreq/ whose
 * device/of_node/name is "ga10b" (Orin, JetPack 5/6) or "gpu" (JetPack 7,
 * which renames 17000000.ga10b to 17000000.gpu); its cur_freq and max_freq
 * are in Hz. cur_freq is what the GPU runs at now, and idles at the bottom
 * of the table between kernels in every mode; max_freq is the cap the mode
 * set (nvpmodel writes GPU MAX_FREQ there), which shows whether it took.
 * The memory (EMC) cap is where nvpmodel writes EMC MAX_FREQ on Orin,
 * JETSON_EMC_CAP_FILE, in Hz; the EMC clock itself is only in debugfs.
 * Nothing here writes to sysfs. */
#ifndef JETSON_CLOCK_H
#define JETSON_CLOCK_H

#include <stddef.h>

#include "power_source.h"
#include "rl_error.h"

/* Writes the path of the GPU node's cur_freq into out. 0 found, 1 no GPU
 * devfreq node under root (not a Jetson), -1 error (err set). */
int jetson_gpu_devfreq_find(const char *root, char *out, size_t len, rl_error *err);

#define JETSON_EMC_CAP_FILE "sys/kernel/nvpmodel_emc_cap/emc_iso_cap"

/* The current GPU clock, MHz (624750000 Hz -> 624.75). No GPU devfreq node
 * leaves mhz->valid = 0 and returns 0; a malformed cur_freq is an error. */
int jetson_gpu_clock_read(const char *root, power_reading *mhz, rl_error *err);

/* The GPU clock cap of the power mode, devfreq max_freq, MHz; the same
 * rules as jetson_gpu_clock_read. */
int jetson_gpu_clock_cap_read(const char *root, power_reading *mhz, rl_error *err);

/* The memory clock cap the power mode set, MHz, from JETSON_EMC_CAP_FILE.
 * No such file, or 0 there (no cap), leaves mhz->valid = 0 and returns 0. */
int jetson_emc_cap_read(const char *root, power_reading *mhz, rl_error *err);

#endif
