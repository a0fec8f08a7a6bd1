/* gpu_identity: which physical card a run measured, so the rows of a fleet
 * (every GPU of a node, every node of a cluster) name their card: its index
 * on the host as nvidia-smi numbers it, its UUID, its board serial and its
 * PCI slot.
 *
 * NVML is loaded with dlopen, as for the power source (power_nvml.c), and
 * only for the three reads here; it is closed again before returning. The
 * device is found by PCI bus id (cudaDeviceGetPCIBusId), the one name CUDA
 * and NVML agree on: CUDA's ordinal counts only what CUDA_VISIBLE_DEVICES
 * shows, NVML's index counts every GPU of the host. Nothing is ever set.
 *
 * A value NVML does not report (a missing symbol, "not supported", an old
 * driver) is left out: index_valid 0, an empty string. Never a 0 or a
 * made-up name.
 * Errors: the project's rl_error convention (rl_error.h): 0, or -1 with one
 * lower-case line when NVML cannot be loaded or has no such device; the
 * fields then stay as they were.
 */
#ifndef GPU_IDENTITY_H
#define GPU_IDENTITY_H

#include <stddef.h>

#include "rl_error.h"

/* NVML's NVML_DEVICE_UUID_V2_BUFFER_SIZE and NVML_DEVICE_SERIAL_BUFFER_SIZE */
#define GPU_UUID_LEN 96
#define GPU_SERIAL_LEN 30

typedef struct gpu_identity {
    int index_valid;
    unsigned index;             /* NVML's: nvidia-smi's GPU number on the host */
    char uuid[GPU_UUID_LEN];    /* "GPU-5f1c3b0e-2d4a-4b6c-8e9f-0123456789ab"; "" unknown */
    char serial[GPU_SERIAL_LEN]; /* board serial; "" not reported */
} gpu_identity;

/* Reads the card at pci_bus_id ("00000000:19:00.0") through the NVML
 * library at library (NULL: libnvidia-ml.so.1) into id: the index, the UUID
 * and the serial, each only where NVML reports it. */
int gpu_identity_read_nvml(const char *library, const char *pci_bus_id, gpu_identity *id, rl_error *err);

/* The 16 bytes of a CUDA device UUID (cudaDeviceProp.uuid) as nvidia-smi
 * prints them: "GPU-" then 8-4-4-4-12 lower-case hex digits; size >= 41. */
void gpu_uuid_text(const unsigned char bytes[16], char *out, size_t size);

/* 1 when s is usable as a UUID or serial cell and file-name part: 1 to
 * len - 1 printable ASCII characters, no comma, quote or space. */
int gpu_identity_text_ok(const char *s, size_t len);

/* 1 when s is one of the node loads scripts/fleet.sh passes to measure in
 * RL_NODE_LOAD (the raw CSV's node_load): "alone", "all" or "array". */
int gpu_node_load_ok(const char *s);

#endif
