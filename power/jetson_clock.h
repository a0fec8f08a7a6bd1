/* jetson_clock: the Jetson GPU clock from devfreq, read only.
 *
 * The GPU's devfreq node is the entry of ROOT/sys/class/devfreq/ whose
 * device/of_node/name is "ga10b" (Orin, JetPack 5/6) or "gpu" (JetPack 7,
 * which renames 17000000.ga10b to 17000000.gpu); its cur_freq is in Hz.
 * Nothing here writes to sysfs. */
#ifndef JETSON_CLOCK_H
#define JETSON_CLOCK_H

#include <stddef.h>

#include "power_source.h"
#include "rl_error.h"

/* Writes the path of the GPU node's cur_freq into out. 0 found, 1 no GPU
 * devfreq node under root (not a Jetson), -1 error (err set). */
int jetson_gpu_devfreq_find(const char *root, char *out, size_t len, rl_error *err);

/* The current GPU clock, MHz (624750000 Hz -> 624.75). No GPU devfreq node
 * leaves mhz->valid = 0 and returns 0; a malformed cur_freq is an error. */
int jetson_gpu_clock_read(const char *root, power_reading *mhz, rl_error *err);

#endif
