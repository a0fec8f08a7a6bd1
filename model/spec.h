/* spec: hardware ceilings, one text file per device, read at run time.
 *
 * specs/<id>.ini (the id is the file name without .ini). Layout:
 *
 *   [device]
 *   name         = NVIDIA H100 SXM5 80GB         ; display name
 *   match        = H100 80GB HBM3                ; repeatable: substrings of the
 *   match        = H100 SXM                      ;   driver's device name
 *   sm_count     = 132
 *   l2_bytes     = 52428800
 *   memory_bytes = 85899345920                   ; as CUDA reports it where known
 *                                                ;   (totalGlobalMem; a Jetson's is what
 *                                                ;   Linux sees of the shared memory), else
 *                                                ;   the datasheet's
 *   default_mode = datasheet                     ; used when a row has no power_mode
 *                                                ;   (with power_modes = nvpmodel: the
 *                                                ;   board's boot default, never used so)
 *   match_nvpmodel_conf = nvpmodel_p3767_0003.conf ; optional, repeatable: the nvpmodel
 *                                                ;   tables (file names) whose modes this
 *                                                ;   spec holds; a row that names another
 *                                                ;   table (raw nvpmodel_conf) is not this
 *                                                ;   board (spec_set.h)
 *   l4t_min   = 36.4.3                           ; optional: the L4T releases whose table
 *   l4t_below = 36.4.3                           ;   this is [min, below), for rows whose
 *                                                ;   nvpmodel_conf is unknown
 *   power_modes  = nvpmodel                      ; optional: the modes are a Jetson's
 *                                                ;   nvpmodel modes, which differ, so a
 *                                                ;   row must say which ran (or model
 *                                                ;   --power-mode); absent or "fixed":
 *                                                ;   a row without one gets default_mode
 *   memory_reserve_bytes = 1073741824            ; optional: memory the OS, driver and
 *                                                ;   CUDA context keep from the model
 *                                                ;   (decode memory fit); absent: unknown
 *   source_sm_count = NVIDIA H100 whitepaper, table 3   (one per number)
 *
 *   [mode datasheet]                             ; one section per power mode
 *   sm_clock_mhz      = 1980
 *   sm_count          = 132                      ; optional: SMs the mode leaves on
 *                                                ;   (Jetson modes power-gate TPCs)
 *   dram_bw_gbs       = 3352                     ; 1 GB = 1e9 bytes
 *   l2_bw_gbs         = 7219.2                   ; optional: L2 read bandwidth, the
 *                                                ;   ceiling of L2-resident kernels
 *                                                ;   (workloads.h); absent: unknown
 *   cuda_fp32_gflops  = 66908.16                 ; <compute unit>_gflops: the unit's
 *   tensor_int8_gflops = 1978900                 ;   peak, GOP/s for integer units
 *   power_budget_w    = 700                      ; optional: the power the mode may
 *                                                ;   draw (board cap, nvpmodel budget);
 *                                                ;   model --modes bounds energy by it;
 *                                                ;   absent: none given (MAXN)
 *   source_dram_bw_gbs = ...                     ; "derived: <how>" when computed
 *
 * Rules the loader enforces, each failure naming file and line:
 *   - [device] has every key above; match may repeat, nothing else may;
 *   - every number is a whole finite decimal > 0 (counts: integers), read
 *     with csv_parse_real / csv_parse_count;
 *   - every number has a source_<key> line in its section: a spec says where
 *     each ceiling comes from, or says "unconfirmed";
 *   - a mode has sm_clock_mhz, dram_bw_gbs and at least one <unit>_gflops
 *     (l2_bw_gbs is optional: vendors rarely publish an L2 bandwidth;
 *     power_budget_w too: an uncapped mode has none);
 *   - default_mode names a [mode NAME] section; no mode or key appears twice;
 *   - no other sections or keys (a typo must not turn into a missing ceiling).
 * Mode names compare case-insensitively ("maxn_super" finds MAXN_SUPER).
 *
 * Ownership: hw_spec_load fills a hw_spec the caller releases with
 * hw_spec_free; everything returned by the lookups points into it.
 * Errors follow rl_error.h: 0 / -1 and one line in err.
 */
#ifndef SPEC_H
#define SPEC_H

#include <stddef.h>
#include <stdint.h>

#include "rl_error.h"

#define HW_UNIT_NAME_MAX 32 /* compute unit names, e.g. "tensor_fp16" */

typedef struct hw_peak {
    char unit[HW_UNIT_NAME_MAX];
    double gflops; /* GFLOP/s, or GOP/s for integer units */
} hw_peak;

typedef struct hw_mode {
    char *name;
    uint64_t sm_count; /* SMs powered in this mode; 0 when the mode does not say (all) */
    double sm_clock_mhz;
    double dram_bw_gbs;
    double l2_bw_gbs; /* L2 read bandwidth; 0 when the spec does not say (unknown) */
    double power_budget_w; /* the mode's power budget (board cap, nvpmodel budget); 0: none given */
    hw_peak *peaks;
    size_t npeaks;
} hw_mode;

typedef struct hw_spec {
    char *id;   /* file stem: specs/h100_sxm.ini -> "h100_sxm" */
    char *path; /* file it came from */
    char *name;
    char **match;
    size_t nmatch;
    char **tables;  /* match_nvpmodel_conf lines */
    size_t ntables;
    char *l4t_min, *l4t_below; /* NULL: no bound */
    uint64_t sm_count;
    uint64_t l2_bytes;
    uint64_t memory_bytes;
    uint64_t memory_reserve_bytes; /* 0 when the spec does not say (unknown, not none) */
    const hw_mode *default_mode; /* points into modes */
    int modes_required;          /* power_modes = nvpmodel: rows must name their mode */
    hw_mode *modes;
    size_t nmodes;
} hw_spec;

int hw_spec_load(hw_spec *spec, const char *path, rl_error *err);
void hw_spec_free(hw_spec *spec);

/* The mode called name (case-insensitive), or NULL. */
const hw_mode *hw_spec_find_mode(const hw_spec *spec, const char *name);

/* The mode for a row: power_mode when non-empty, else the default mode,
 * except on a spec whose modes are required (power_modes = nvpmodel): an
 * empty power_mode is then an error, since the modes differ and guessing
 * one predicts the wrong board. An unknown power_mode is an error naming
 * it, the spec's modes and where (a "file:line" the caller passes). */
int hw_spec_pick_mode(const hw_spec *spec, const char *power_mode, const char *where,
                      const hw_mode **out, rl_error *err);

/* The SMs a mode runs on: its own sm_count, else the device's. */
uint64_t hw_mode_sm_count(const hw_spec *spec, const hw_mode *mode);

/* 0 and *gflops set when the mode has a peak for unit; -1 otherwise. */
int hw_mode_peak(const hw_mode *mode, const char *unit, double *gflops);

/* Length of the longest match entry found in device, case-insensitively;
 * 0 when none matches. */
size_t hw_spec_match_length(const hw_spec *spec, const char *device);

#endif
