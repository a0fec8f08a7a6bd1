/* run_context: what one measure invocation knows about its device and
 * itself; every raw row repeats it so rows are self-describing. */
#ifndef RUN_CONTEXT_H
#define RUN_CONTEXT_H

#include <stddef.h>

#include <cuda_runtime_api.h>

#include "csv_row.h"
#include "formats.h"
#include "gpu_identity.h"
#include "power_source.h"
#include "rl_error.h"

typedef struct run_context {
    int ordinal;          /* CUDA device index */
    char device[256];     /* name as the driver reports it */
    int sm_count;
    size_t l2_bytes;
    size_t memory_bytes;
    char cuda_runtime[16]; /* "13.0" */
    char cuda_driver[16];  /* highest CUDA version the driver supports */
    char run_id[64];
    char timestamp_utc[32];
    cudaStream_t stream;
    power_source *power; /* owned; "none" when no sensor answers */
    int ecc_enabled;
    char power_mode[64];         /* Jetson nvpmodel mode name; "" elsewhere */
    char nvpmodel_conf[128];     /* Jetson: the nvpmodel table in use; "" elsewhere */
    char l4t_release[32];        /* Jetson: "36.4.3"; "" elsewhere */
    power_reading sm_clock_cap_mhz;  /* Jetson: GPU devfreq max_freq, the mode's cap */
    power_reading mem_clock_cap_mhz; /* Jetson: the mode's EMC cap */
    /* which card of which host (a fleet's rows name their card) */
    char host[256];              /* gethostname; "" if it failed */
    char pci_bus_id[32];         /* cudaDeviceGetPCIBusId; "" if it failed */
    gpu_identity card;           /* NVML's index and serial, UUID (else CUDA's) */
    char node_load[8];           /* RL_NODE_LOAD from scripts/fleet.sh; "" when unset */
    power_reading power_limit_w; /* enforced board limit, if reported */
    power_reading idle_power_w;  /* measured once, before the first case */
    /* quantization error of each format (common/quant_accuracy.h), on the
     * CPU, once per run: [format][gaussian, outliers] */
    int quant_err_valid;
    double quant_err[WEIGHT_FORMAT_COUNT][2];
} run_context;

/* Fills ctx->quant_err on every core (about a second), from the fixed draw
 * QUANT_ACCURACY_SEED. */
void run_context_quant_accuracy(run_context *ctx);

/* Selects the device, reads its properties, makes the run id and opens
 * the first power source that works (NVML, Jetson INA3221, none); with
 * use_power = 0 the source is "none". */
int run_context_init(run_context *ctx, int ordinal, int use_power, rl_error *err);
void run_context_finish(run_context *ctx);

/* Sets the per-run columns of row (run id, device, versions, commit, ...);
 * format: the row's weight format, for its quantization error (or NULL). */
void run_context_fill_row(const run_context *ctx, const char *format, csv_row *row);

/* Working set that keeps rotated buffers out of L2: at least 4x L2. */
size_t run_context_cold_bytes(const run_context *ctx);

#endif
