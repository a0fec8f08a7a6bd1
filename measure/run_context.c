#include "run_context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cuda_check.h"
#include "energy_meter.h"
#include "jetson_board.h"
#include "jetson_clock.h"
#include "jetson_mode.h"
#include "quant_accuracy.h"

#include "git_commit.h"

static void version_text(int v, char *out, size_t len)
{
    snprintf(out, len, "%d.%d", v / 1000, (v % 1000) / 10);
}

/* Idle: the meter's loop with nothing launched, 5 ms sleeps as "calls". */
static int idle_work(void *state, long *calls, rl_error *err)
{
    (void)state;
    (void)err;
    struct timespec ts = {0, 5 * 1000 * 1000};
    nanosleep(&ts, NULL);
    *calls += 1;
    return 0;
}

/* Board power at rest and the enforced limit, once per run: the baseline
 * that energy per call includes (the P0 term of an energy fit). */
static void read_power_baseline(run_context *ctx)
{
    power_limits lim;
    rl_error ignored;
    if (power_source_read_limits(ctx->power, &lim, &ignored) == 0 && lim.limit_mw.valid)
        ctx->power_limit_w = (power_reading){1, lim.limit_mw.value / 1000.0};
    if (!power_source_has_energy(ctx->power))
        return;
    energy_plan plan = energy_plan_default();
    energy_result er;
    if (energy_measure(ctx->power, idle_work, NULL, &plan, &er, &ignored) == 0 && er.valid)
        ctx->idle_power_w = (power_reading){1, er.power_w_avg};
}

/* Jetson: which nvpmodel table and L4T release the board runs (model tells
 * JetPack 6.2's Super modes from earlier ones by them) and the caps the
 * mode set, once per run; elsewhere all stay empty. A file that exists but
 * does not read is a warning, never a stop. */
static void read_jetson_facts(run_context *ctx)
{
    rl_error e;
    if (jetson_nvpmodel_table("/", ctx->nvpmodel_conf, sizeof ctx->nvpmodel_conf, &e) == 1)
        return; /* not a Jetson */
    if (ctx->nvpmodel_conf[0] == '\0')
        fprintf(stderr, "measure: warning: %s\n", e.text);
    if (jetson_l4t_release("/", ctx->l4t_release, sizeof ctx->l4t_release, &e) < 0)
        fprintf(stderr, "measure: warning: %s\n", e.text);
    if (jetson_gpu_clock_cap_read("/", &ctx->sm_clock_cap_mhz, &e) != 0)
        fprintf(stderr, "measure: warning: %s\n", e.text);
    if (jetson_emc_cap_read("/", &ctx->mem_clock_cap_mhz, &e) != 0)
        fprintf(stderr, "measure: warning: %s\n", e.text);
}

/* Which card this is: host, PCI slot, NVML's index, UUID and serial, and
 * the pass of scripts/fleet.sh that ran measure (RL_NODE_LOAD). The UUID
 * comes from CUDA when NVML gives none; NVML's wins, as nvidia-smi prints
 * it. Nothing here stops a run: a fact not read stays empty. */
static void read_card_identity(run_context *ctx, const struct cudaDeviceProp *prop)
{
    if (gethostname(ctx->host, sizeof ctx->host) != 0 || !gpu_identity_text_ok(ctx->host, sizeof ctx->host))
        ctx->host[0] = '\0';
    if (cudaDeviceGetPCIBusId(ctx->pci_bus_id, sizeof ctx->pci_bus_id, ctx->ordinal) != cudaSuccess)
        ctx->pci_bus_id[0] = '\0';
    gpu_uuid_text((const unsigned char *)prop->uuid.bytes, ctx->card.uuid, sizeof ctx->card.uuid);
    power_config pc;
    power_config_default(&pc);
    rl_error why;
    if (ctx->pci_bus_id[0] != '\0' && gpu_identity_read_nvml(pc.nvml_library, ctx->pci_bus_id, &ctx->card, &why) != 0)
        fprintf(stderr, "measure: the card's nvml index and serial stay empty (%s)\n", why.text);
    const char *load = getenv("RL_NODE_LOAD");
    if (gpu_node_load_ok(load))
        snprintf(ctx->node_load, sizeof ctx->node_load, "%s", load);
    else if (load != NULL && load[0] != '\0')
        fprintf(stderr, "measure: warning: RL_NODE_LOAD '%.20s' is not alone, all or array; node_load stays empty\n",
                load);
}

/* NVML is matched to the CUDA device by PCI bus id, not by index: the
 * two number GPUs differently. */
static int open_power(run_context *ctx, int use_power, rl_error *err)
{
    ctx->power = calloc(1, sizeof *ctx->power);
    if (ctx->power == NULL)
        return rl_error_set(err, "out of memory");
    power_config pc;
    power_config_default(&pc);
    char bus[32];
    if (cudaDeviceGetPCIBusId(bus, sizeof bus, ctx->ordinal) == cudaSuccess)
        pc.nvml_pci_bus_id = bus;
    rl_error why = {{0}};
    if (use_power)
        power_source_open_default(ctx->power, &pc, &why);
    else
        power_source_open(ctx->power, "none", &pc, &why);
    if (use_power && !power_source_has_energy(ctx->power))
        fprintf(stderr, "measure: no energy sensor, energy columns stay empty (%s)\n", why.text);
    if (use_power)
        read_power_baseline(ctx);
    /* Jetson: the nvpmodel mode; scripts/sweep-modes.sh says which mode it
     * set in RL_POWER_MODE, and a disagreement is reported, not hidden */
    rl_error mode_err;
    if (jetson_power_mode_name(NULL, NULL, getenv("RL_POWER_MODE"), ctx->power_mode, sizeof ctx->power_mode,
                               &mode_err) < 0)
        fprintf(stderr, "measure: warning: %s\n", mode_err.text);
    read_jetson_facts(ctx);
    return 0;
}

int run_context_init(run_context *ctx, int ordinal, int use_power, rl_error *err)
{
    memset(ctx, 0, sizeof *ctx);
    int count = 0;
    cudaError_t st = cudaGetDeviceCount(&count);
    if (st == cudaErrorNoDevice || st == cudaErrorInsufficientDriver)
        return rl_error_set(err, "no CUDA GPU on this machine (%s); render archived runs with make report",
                            cudaGetErrorString(st));
    if (st != cudaSuccess)
        return rl_error_set(err, "cannot query CUDA devices: %s", cudaGetErrorString(st));
    if (ordinal < 0 || ordinal >= count)
        return rl_error_set(err, "no CUDA device %d (this machine has %d)", ordinal, count);
    ctx->ordinal = ordinal;
    CUDA_TRY(err, cudaSetDevice(ordinal));
    struct cudaDeviceProp prop;
    CUDA_TRY(err, cudaGetDeviceProperties(&prop, ordinal));
    snprintf(ctx->device, sizeof ctx->device, "%s", prop.name);
    ctx->sm_count = prop.multiProcessorCount;
    ctx->l2_bytes = (size_t)prop.l2CacheSize;
    ctx->memory_bytes = prop.totalGlobalMem;
    ctx->ecc_enabled = prop.ECCEnabled;
    int v = 0;
    CUDA_TRY(err, cudaRuntimeGetVersion(&v));
    version_text(v, ctx->cuda_runtime, sizeof ctx->cuda_runtime);
    CUDA_TRY(err, cudaDriverGetVersion(&v));
    version_text(v, ctx->cuda_driver, sizeof ctx->cuda_driver);
    CUDA_TRY(err, cudaStreamCreateWithFlags(&ctx->stream, cudaStreamNonBlocking));
    read_card_identity(ctx, &prop);

    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ctx->timestamp_utc, sizeof ctx->timestamp_utc, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char stamp[20];
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(ctx->run_id, sizeof ctx->run_id, "%s-%ld", stamp, (long)getpid());
    return open_power(ctx, use_power, err);
}

void run_context_finish(run_context *ctx)
{
    if (ctx->stream != NULL)
        cudaStreamDestroy(ctx->stream);
    ctx->stream = NULL;
    if (ctx->power != NULL)
        power_source_close(ctx->power);
    free(ctx->power);
    ctx->power = NULL;
}

enum { ACCURACY_ROWS = 1024, ACCURACY_K = 4096 };

void run_context_quant_accuracy(run_context *ctx)
{
    int failed = 0;
#pragma omp parallel for schedule(dynamic) collapse(2) reduction(|| : failed)
    for (int f = 0; f < WEIGHT_FORMAT_COUNT; f++)
        for (int d = 0; d < 2; d++)
            failed = quant_accuracy_error(&WEIGHT_FORMAT_TABLE[f], ACCURACY_ROWS, ACCURACY_K,
                                          d ? QUANT_DIST_OUTLIERS : QUANT_DIST_GAUSSIAN, QUANT_ACCURACY_SEED,
                                          &ctx->quant_err[f][d]) != 0 ||
                     failed;
    ctx->quant_err_valid = !failed;
}

void run_context_fill_row(const run_context *ctx, const char *format, csv_row *row)
{
    csv_row_set_text(row, RAW_COL_run_id, ctx->run_id);
    csv_row_set_text(row, RAW_COL_timestamp_utc, ctx->timestamp_utc);
    csv_row_set_text(row, RAW_COL_device, ctx->device);
    csv_row_set_count(row, RAW_COL_sm_count, (uint64_t)ctx->sm_count);
    csv_row_set_count(row, RAW_COL_l2_bytes, ctx->l2_bytes);
    csv_row_set_text(row, RAW_COL_cuda_runtime, ctx->cuda_runtime);
    csv_row_set_text(row, RAW_COL_cuda_driver, ctx->cuda_driver);
    csv_row_set_text(row, RAW_COL_git_commit, GIT_COMMIT);
    csv_row_set_text(row, RAW_COL_power_source, power_source_name(ctx->power));
    csv_row_set_text(row, RAW_COL_ecc, ctx->ecc_enabled ? "on" : "off");
    csv_row_set_text(row, RAW_COL_driver_version, power_source_driver_version(ctx->power));
    csv_row_set_text(row, RAW_COL_power_mode, ctx->power_mode); /* "" stays empty */
    csv_row_set_count(row, RAW_COL_memory_bytes, ctx->memory_bytes);
    csv_row_set_text(row, RAW_COL_nvpmodel_conf, ctx->nvpmodel_conf);
    csv_row_set_text(row, RAW_COL_l4t_release, ctx->l4t_release);
    if (ctx->sm_clock_cap_mhz.valid)
        csv_row_set_real(row, RAW_COL_sm_clock_cap_mhz, ctx->sm_clock_cap_mhz.value);
    if (ctx->mem_clock_cap_mhz.valid)
        csv_row_set_real(row, RAW_COL_mem_clock_cap_mhz, ctx->mem_clock_cap_mhz.value);
    if (ctx->power_limit_w.valid)
        csv_row_set_real(row, RAW_COL_power_limit_w, ctx->power_limit_w.value);
    if (ctx->idle_power_w.valid)
        csv_row_set_real(row, RAW_COL_idle_power_w, ctx->idle_power_w.value);
    csv_row_set_text(row, RAW_COL_host, ctx->host);
    if (ctx->card.index_valid)
        csv_row_set_count(row, RAW_COL_gpu_index, ctx->card.index);
    csv_row_set_text(row, RAW_COL_gpu_uuid, ctx->card.uuid);
    csv_row_set_text(row, RAW_COL_gpu_serial, ctx->card.serial);
    csv_row_set_text(row, RAW_COL_pci_bus_id, ctx->pci_bus_id);
    csv_row_set_text(row, RAW_COL_node_load, ctx->node_load);
    const weight_format *f = format != NULL ? weight_format_find(format) : NULL;
    if (ctx->quant_err_valid && f != NULL) {
        csv_row_set_real(row, RAW_COL_quant_err_gaussian, ctx->quant_err[f - WEIGHT_FORMAT_TABLE][0]);
        csv_row_set_real(row, RAW_COL_quant_err_outliers, ctx->quant_err[f - WEIGHT_FORMAT_TABLE][1]);
    }
}

size_t run_context_cold_bytes(const run_context *ctx)
{
    return 4 * ctx->l2_bytes;
}
