/* csv_schema: the public CSV contracts, declared once.
 *
 * Every column of the raw CSV (written by measure) and of the model CSV
 * (written by model: all raw columns, then the prediction columns) is one
 * X(...) row below. The writer, the reader's validation and the generated
 * documentation (`measure --columns`, `model --columns`) all walk these
 * tables; nothing else in the project lists the columns.
 *
 * X(name, unit, type, presence, meaning)
 *   type:     CSV_TEXT, CSV_COUNT (integer >= 0), CSV_REAL (finite),
 *             CSV_REAL_NONNEG (finite, >= 0)
 *   presence: CSV_MUST      header has it and every cell is non-empty
 *             CSV_EMPTY_OK  header has it; an empty cell means "not known"
 *             CSV_OPTIONAL  may be missing from the header altogether
 *                           (columns added after the first archives, so
 *                           those archives still load)
 * A missing value is an empty cell, never 0.
 */
#ifndef CSV_SCHEMA_H
#define CSV_SCHEMA_H

#include <stddef.h>
#include <stdio.h>

typedef enum csv_type { CSV_TEXT, CSV_COUNT, CSV_REAL, CSV_REAL_NONNEG } csv_type;
typedef enum csv_presence { CSV_MUST, CSV_EMPTY_OK, CSV_OPTIONAL } csv_presence;

typedef struct csv_column {
    const char *name;
    const char *unit; /* "" when dimensionless or text */
    csv_type type;
    csv_presence presence;
    const char *meaning;
} csv_column;

typedef struct csv_schema {
    const char *name; /* "raw" or "model", for messages */
    const csv_column *columns;
    size_t count;
} csv_schema;

/* clang-format off */
#define RAW_CSV_COLUMNS(X) \
    X(run_id,            "",     CSV_TEXT,        CSV_MUST,     "unique id of one measure invocation") \
    X(timestamp_utc,     "",     CSV_TEXT,        CSV_MUST,     "ISO 8601 UTC time the run started") \
    X(device,            "",     CSV_TEXT,        CSV_MUST,     "GPU name as the driver reports it") \
    X(kernel,            "",     CSV_TEXT,        CSV_MUST,     "what ran: gemv, stream_read, ...") \
    X(format,            "",     CSV_TEXT,        CSV_MUST,     "weight/activation format: fp16, w8a16, w4a16_g128, ...") \
    X(n,                 "",     CSV_COUNT,       CSV_MUST,     "output rows (stream kernels: elements; decode_step: decoder layers the step ran)") \
    X(k,                 "",     CSV_COUNT,       CSV_MUST,     "reduction length (stream kernels: 1; stream_read_l2: passes over its buffer; decode_step: the model's hidden size)") \
    X(batch,             "",     CSV_COUNT,       CSV_MUST,     "activation columns; 1 = GEMV") \
    X(bytes,             "byte", CSV_COUNT,       CSV_MUST,     "fewest bytes the case must move through DRAM (stream_read_l2: through L2, on purpose; common/workloads.h)") \
    X(flop,              "flop", CSV_COUNT,       CSV_MUST,     "operations, multiply-add = 2") \
    X(time_us_median,    "us",   CSV_REAL_NONNEG, CSV_MUST,     "median over samples of time per call (a sample: a group of back-to-back calls between two events, divided by its calls)") \
    X(time_us_min,       "us",   CSV_REAL_NONNEG, CSV_MUST,     "fastest sample") \
    X(time_us_p90,       "us",   CSV_REAL_NONNEG, CSV_MUST,     "90th percentile of the samples") \
    X(reps,              "",     CSV_COUNT,       CSV_MUST,     "timed calls after warm-up, all samples together") \
    X(working_set_bytes, "byte", CSV_COUNT,       CSV_EMPTY_OK, "bytes the rotated buffers span (>= 4x L2 for DRAM cases)") \
    X(energy_uj,         "uJ",   CSV_REAL_NONNEG, CSV_EMPTY_OK, "energy per call over a sustained loop; empty when no sensor") \
    X(power_w_avg,       "W",    CSV_REAL_NONNEG, CSV_EMPTY_OK, "average power over that loop; empty when no sensor") \
    X(power_source,      "",     CSV_TEXT,        CSV_MUST,     "nvml_total_energy, jetson_ina3221:VDD_IN or none") \
    X(sm_clock_mhz,      "MHz",  CSV_REAL_NONNEG, CSV_EMPTY_OK, "SM clock during the case; empty if unknown") \
    X(mem_clock_mhz,     "MHz",  CSV_REAL_NONNEG, CSV_EMPTY_OK, "memory clock during the case; empty if unknown") \
    X(power_mode,        "",     CSV_TEXT,        CSV_EMPTY_OK, "Jetson nvpmodel mode name; empty elsewhere") \
    X(check,             "",     CSV_TEXT,        CSV_MUST,     "ok or wrong: output against the CPU reference") \
    X(max_rel_err,       "",     CSV_REAL_NONNEG, CSV_EMPTY_OK, "largest |y - ref| / sum|w*x| over the outputs; empty if an output was not finite") \
    X(sm_count,          "",     CSV_COUNT,       CSV_EMPTY_OK, "multiprocessors on the device") \
    X(l2_bytes,          "byte", CSV_COUNT,       CSV_EMPTY_OK, "L2 cache size of the device") \
    X(cuda_runtime,      "",     CSV_TEXT,        CSV_EMPTY_OK, "CUDA runtime version, e.g. 13.0") \
    X(cuda_driver,       "",     CSV_TEXT,        CSV_EMPTY_OK, "highest CUDA version the driver supports") \
    X(git_commit,        "",     CSV_TEXT,        CSV_EMPTY_OK, "commit measure was built from") \
    X(driver_version,    "",     CSV_TEXT,        CSV_OPTIONAL, "GPU driver version from NVML, e.g. 580.159.04") \
    X(ecc,               "",     CSV_TEXT,        CSV_OPTIONAL, "on or off: the device's ECC mode") \
    X(power_limit_w,     "W",    CSV_REAL_NONNEG, CSV_OPTIONAL, "enforced board power limit; empty if not reported") \
    X(idle_power_w,      "W",    CSV_REAL_NONNEG, CSV_OPTIONAL, "board power with nothing running, once per run") \
    X(clock_event_reasons, "",   CSV_TEXT,        CSV_OPTIONAL, "NVML clock event reasons seen during the energy loop, OR-ed, hex") \
    X(throttled,         "",     CSV_TEXT,        CSV_OPTIONAL, "yes when a power cap, thermal or hardware slowdown held clocks down during the case") \
    X(sm_clock_mhz_min,  "MHz",  CSV_REAL_NONNEG, CSV_OPTIONAL, "lowest SM clock read during the case's energy loop (device busy)") \
    X(sm_clock_mhz_max,  "MHz",  CSV_REAL_NONNEG, CSV_OPTIONAL, "highest SM clock read during the case's energy loop") \
    X(clocks_changed,    "",     CSV_TEXT,        CSV_OPTIONAL, "yes when the SM clock moved more than a step or the card throttled during the case") \
    X(quant_err_gaussian, "",    CSV_REAL_NONNEG, CSV_OPTIONAL, "format's |Q(W)x - Wx| / |Wx| on 1024x4096 Gaussian weights (common/quant_accuracy.h)") \
    X(quant_err_outliers, "",    CSV_REAL_NONNEG, CSV_OPTIONAL, "the same on heavy-tailed weights with outlier rows and weights") \
    X(rails_power_w_avg, "W",    CSV_TEXT,        CSV_OPTIONAL, "Jetson: every INA3221 rail's average power over the energy loop, NAME=WATTS pairs joined by ';' (VDD_IN=6.269;VDD_CPU_GPU_CV=2.080;VDD_SOC=3.056; common/rail_cell.h); empty for NVML and none") \
    X(kernel_unit,       "",     CSV_TEXT,        CSV_OPTIONAL, "compute unit the kernel ran on, as measure chose it per case (gemv: cuda_fp32 on the CUDA cores, tensor_fp16 on the tensor cores, cuda_dp4a for int8 activations); empty: the workloads table's unit") \
    X(llm,               "",     CSV_TEXT,        CSV_OPTIONAL, "decode_step: id of the LLM whose token it ran (specs/llm/models.ini or measure --llm); empty for other kernels") \
    X(llm_layers,        "",     CSV_COUNT,       CSV_OPTIONAL, "decode_step: decoder layers of the whole model; more than n when only n layers fit in device memory") \
    X(launches,          "",     CSV_COUNT,       CSV_OPTIONAL, "decode_step: kernel launches per step (one per GEMV, or per group of GEMVs that share an input when fused, plus the LM head)") \
    X(launch_scheme,     "",     CSV_TEXT,        CSV_OPTIONAL, "decode_step: how the launches run (common/decode_plan.h): graph, graph_pdl, graph_fused or graph_fused_pdl") \
    X(tokens_per_s,      "token/s", CSV_REAL_NONNEG, CSV_OPTIONAL, "decode_step: batch x 1e6 / time of a whole model's step; where n < llm_layers, the time is scaled by the whole model's bytes over the bytes that ran") \
    X(energy_uj_per_token, "uJ", CSV_REAL_NONNEG, CSV_OPTIONAL, "decode_step: energy_uj / batch, scaled to the whole model as tokens_per_s; empty when no sensor") \
    X(energy_samples,    "",     CSV_COUNT,       CSV_OPTIONAL, "Jetson INA3221: readings of the chosen rail between the energy loop's start and end ticks; the loop runs past its 500 ms until it has 50 (up to 10 s). Empty for NVML, whose counter the driver samples, and without a sensor") \
    X(energy_sample_rate_hz, "Hz", CSV_REAL_NONNEG, CSV_OPTIONAL, "energy_samples per second of that loop: what the sensor gave (each hwmon read waits for a conversion, about 6.6 ms)") \
    X(memory_bytes,      "byte", CSV_COUNT,       CSV_OPTIONAL, "device memory as CUDA reports it (totalGlobalMem; ECC on takes its share; on a Jetson the memory Linux sees, shared with the CPU); model matches specs on it with sm_count") \
    X(nvpmodel_conf,     "",     CSV_TEXT,        CSV_OPTIONAL, "Jetson: the nvpmodel table /etc/nvpmodel.conf links to, e.g. nvpmodel_p3767_0003_super.conf: which mode table ran (model picks the spec by it); empty elsewhere") \
    X(l4t_release,       "",     CSV_TEXT,        CSV_OPTIONAL, "Jetson: the L4T release of /etc/nv_tegra_release, e.g. 36.4.3 (JetPack 6.2); model's fallback when nvpmodel_conf does not tell the table; empty elsewhere") \
    X(sm_clock_cap_mhz,  "MHz",  CSV_REAL_NONNEG, CSV_OPTIONAL, "Jetson: the GPU clock cap of the power mode, devfreq max_freq when the run started (scripts/sweep-modes.sh checks it against the mode's GPU MAX_FREQ); empty elsewhere") \
    X(mem_clock_cap_mhz, "MHz",  CSV_REAL_NONNEG, CSV_OPTIONAL, "Jetson: the memory (EMC) clock cap of the power mode, /sys/kernel/nvpmodel_emc_cap/emc_iso_cap; empty where the mode sets none or elsewhere") \
    X(host,              "",     CSV_TEXT,        CSV_OPTIONAL, "name of the machine measure ran on (gethostname); a card of a fleet is its host and gpu_uuid") \
    X(gpu_index,         "",     CSV_COUNT,       CSV_OPTIONAL, "the GPU's index on its host as nvidia-smi numbers it (NVML), whatever CUDA_VISIBLE_DEVICES showed measure; empty when NVML does not answer") \
    X(gpu_uuid,          "",     CSV_TEXT,        CSV_OPTIONAL, "the GPU's UUID as nvidia-smi -L prints it, GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (NVML, else CUDA's device properties)") \
    X(gpu_serial,        "",     CSV_TEXT,        CSV_OPTIONAL, "the board's serial number (NVML): what a vendor asks for to replace a card; empty when not reported") \
    X(pci_bus_id,        "",     CSV_TEXT,        CSV_OPTIONAL, "the GPU's PCI bus id as CUDA spells it (cudaDeviceGetPCIBusId, e.g. 0000:19:00.0): its slot in the host") \
    X(node_load,         "",     CSV_TEXT,        CSV_OPTIONAL, "scripts/fleet.sh's pass (RL_NODE_LOAD): alone (fleet.sh measured this card and no other of its host), all (every card of the host at once, each its own measure) or array (one card of a Slurm job array; other tasks may share the host); empty when measure ran by itself") \
    X(weights_per_s,     "weight/s", CSV_REAL_NONNEG, CSV_OPTIONAL, "gemv_issue: weights multiplied per second, n x k / time_us_median, with the weights resident in L2 so that DRAM does not limit it: the format's issue roof on this device; empty for other kernels") \
    X(weights_per_sm_cycle, "weight/SM/cycle", CSV_REAL_NONNEG, CSV_OPTIONAL, "gemv_issue: weights_per_s / (sm_count x sm_clock_mhz x 1e6): the issue roof per multiprocessor and clock cycle, the number that carries across chips of one architecture; empty for other kernels")

/* The model CSV is every raw column, then these. Errors are signed:
 * err_pct = 100 * (predicted - measured) / measured, so a negative error
 * means the model promised a faster call than the hardware gave. */
#define MODEL_EXTRA_CSV_COLUMNS(X) \
    X(spec_id,                  "",         CSV_TEXT,        CSV_MUST,     "hardware spec file the device matched (specs/<id>.ini)") \
    X(spec_mode,                "",         CSV_TEXT,        CSV_MUST,     "power mode of the spec used for the ceilings") \
    X(compute_unit,             "",         CSV_TEXT,        CSV_MUST,     "unit whose peak bounds the kernel: cuda_fp32, tensor_fp16, ...") \
    X(intensity_flop_per_byte,  "flop/byte",CSV_REAL_NONNEG, CSV_MUST,     "flop / bytes") \
    X(bound,                    "",         CSV_TEXT,        CSV_MUST,     "memory or compute, by the datasheet roofline (memory_level l2 without an L2 datasheet bandwidth: by the measured L2 ceiling, else memory)") \
    X(bw_datasheet_gbs,         "GB/s",     CSV_REAL_NONNEG, CSV_MUST,     "datasheet DRAM bandwidth (1 GB = 1e9 bytes)") \
    X(peak_datasheet_gflops,    "GFLOP/s",  CSV_REAL_NONNEG, CSV_MUST,     "datasheet peak of compute_unit") \
    X(time_us_pred_datasheet,   "us",       CSV_REAL_NONNEG, CSV_EMPTY_OK, "max(bytes/bw, flop/peak) with datasheet ceilings, bw of the row's memory_level (l2: bw_l2_datasheet_gbs); empty for an l2 row whose spec gives no L2 bandwidth") \
    X(err_pct_datasheet,        "%",        CSV_REAL,        CSV_EMPTY_OK, "100*(pred - measured median)/measured; empty with time_us_pred_datasheet") \
    X(bw_measured_gbs,          "GB/s",     CSV_REAL_NONNEG, CSV_EMPTY_OK, "DRAM read-stream (stream_read) bandwidth measured in the same run; empty if none") \
    X(time_us_pred_measured,    "us",       CSV_REAL_NONNEG, CSV_EMPTY_OK, "max(bytes/bw, flop/peak), bw the run's measured ceiling of the row's memory_level (bw_measured_gbs, or bw_l2_measured_gbs for l2)") \
    X(err_pct_measured,         "%",        CSV_REAL,        CSV_EMPTY_OK, "100*(pred_measured - measured median)/measured") \
    X(achieved_gbs,             "GB/s",     CSV_REAL_NONNEG, CSV_MUST,     "bytes / median time") \
    X(achieved_gflops,          "GFLOP/s",  CSV_REAL_NONNEG, CSV_MUST,     "flop / median time") \
    X(bw_fraction_of_measured,  "",         CSV_REAL_NONNEG, CSV_EMPTY_OK, "achieved_gbs / the measured ceiling of the row's memory_level (bw_measured_gbs, or bw_l2_measured_gbs for l2)") \
    X(in_error_stats,           "",         CSV_TEXT,        CSV_OPTIONAL, "yes when the row counts in model's error statistics (-s): check ok, not a stream_read row (they set bw_measured_gbs), memory_level dram, working set (else bytes) >= 4x L2; else no") \
    X(launch_floor_us,          "us",       CSV_REAL_NONNEG, CSV_OPTIONAL, "the run's fixed per-call cost (model/launch_floor.h): weighted median of measured - time_us_pred_measured over its memory-bound in_error_stats rows, weights 1/measured; empty: no ceiling or under 3 rows. decode_step rows: the cost of each launch, measured on the run's smallest model's step of the same format, scheme and batch (model/run_fit.h); empty on that step itself") \
    X(time_us_pred_measured_floor, "us",    CSV_REAL_NONNEG, CSV_OPTIONAL, "launch_floor_us + time_us_pred_measured (decode_step: launches x launch_floor_us + time_us_pred_measured)") \
    X(err_pct_measured_floor,   "%",        CSV_REAL,        CSV_OPTIONAL, "100*(pred_measured_floor - measured median)/measured") \
    X(energy_uj_fit,            "uJ",       CSV_REAL,        CSV_OPTIONAL, "e_flop*flop + e_byte*bytes + P0*time_us_median with the run's energy fit (model/energy_fit.h; parameters in model -s); empty: no fit, or memory_level l2 (the fit's bytes are DRAM bytes)") \
    X(err_pct_energy_fit,       "%",        CSV_REAL,        CSV_OPTIONAL, "100*(energy_uj_fit - energy_uj)/energy_uj") \
    X(gflops_per_w,             "GFLOP/s/W",CSV_REAL_NONNEG, CSV_OPTIONAL, "flop / energy_uj / 1e3: measured efficiency (GFLOP/s per W is GFLOP per J)") \
    X(gflops_per_w_fit,         "GFLOP/s/W",CSV_REAL,        CSV_OPTIONAL, "flop / energy_uj_fit / 1e3") \
    X(memory_level,             "",         CSV_TEXT,        CSV_OPTIONAL, "where the kernel's counted bytes come from (common/workloads.h): dram, or l2 for a kernel that reads an L2-resident buffer on purpose (stream_read_l2); its predictions use the L2 ceilings") \
    X(bw_l2_datasheet_gbs,      "GB/s",     CSV_REAL_NONNEG, CSV_OPTIONAL, "the spec mode's L2 read bandwidth (l2_bw_gbs); empty when the spec gives none") \
    X(bw_l2_measured_gbs,       "GB/s",     CSV_REAL_NONNEG, CSV_OPTIONAL, "L2-resident read-stream (stream_read_l2) bandwidth measured in the same run; empty if none") \
    X(issue_rate_weights_per_sm_cycle, "weight/SM/cycle", CSV_REAL_NONNEG, CSV_OPTIONAL, "batch-1 gemv rows on the CUDA cores: the issue roof of the row's format, the median weights_per_sm_cycle of the same run's gemv_issue rows of that format with check ok; empty without such rows") \
    X(time_us_issue,            "us",       CSV_REAL_NONNEG, CSV_OPTIONAL, "n x k / (issue_rate_weights_per_sm_cycle x sm_count x sm_clock_mhz): the time the SMs need to issue the row's dequantization and multiply-adds (sm_clock_mhz: the row's, else its spec mode's)") \
    X(time_us_pred_issue_roof,  "us",       CSV_REAL_NONNEG, CSV_OPTIONAL, "max(time_us_pred_measured, time_us_issue) + launch_floor_us: the measured roofline with the issue roof as a third roof, plus the floor") \
    X(err_pct_issue_roof,       "%",        CSV_REAL,        CSV_OPTIONAL, "100*(time_us_pred_issue_roof - measured median)/measured") \
    X(bound_issue_roof,         "",         CSV_TEXT,        CSV_OPTIONAL, "issue where time_us_issue is above time_us_pred_measured, else the row's bound; l2 instead of issue where the measured rate was the L2's limit (the run's gemv_issue rows of the format moved their bytes at 90% or more of its stream_read_l2); empty with time_us_issue")
/* clang-format on */

#define CSV_X_ENUM(name, unit, type, presence, meaning) RAW_COL_##name,
enum raw_col { RAW_CSV_COLUMNS(CSV_X_ENUM) RAW_COL_COUNT };
#undef CSV_X_ENUM

/* Model columns are numbered after the raw ones: a model row is a raw row
 * with more cells. */
#define CSV_X_ENUM(name, unit, type, presence, meaning) MODEL_COL_##name,
enum model_col { MODEL_COL_FIRST_EXTRA = RAW_COL_COUNT - 1, MODEL_EXTRA_CSV_COLUMNS(CSV_X_ENUM) MODEL_COL_COUNT };
#undef CSV_X_ENUM

extern const csv_schema RAW_CSV_SCHEMA;
extern const csv_schema MODEL_CSV_SCHEMA;

/* Prints the columns as a Markdown table (name, unit, required, accepted
 * values (csv_ranges.h), meaning): the documentation that `measure
 * --columns` and `model --columns` show. */
void csv_schema_print_markdown(const csv_schema *schema, FILE *out);

/* Index of the column called name in schema, or -1. */
int csv_schema_find(const csv_schema *schema, const char *name);

#endif
