/* fleet_data: every card of a fleet against the other cards of its kind,
 * picked once from the model CSV for the report's fleet section and its
 * chart (issue 17), so a sentence and the chart quote the same numbers.
 *
 * A card is one GPU: its rows' host and gpu_uuid (gpu_serial where the
 * UUID is empty, else gpu_index). Rows without a host or any of the three
 * belong to no card (archives from before scripts/fleet.sh). An entry is a
 * card in one pass of fleet.sh (node_load: alone, all, array, or empty when
 * measure ran by itself); a group is every entry of one device, spec mode
 * and pass: the cards that ought to measure alike.
 *
 * Per run of an entry (run_id), from its checked rows:
 *   read    the run's DRAM read stream, bw_measured_gbs (GB/s): the ceiling
 *           model predicts the card's cases from
 *   l2      its L2 read, bw_l2_measured_gbs (GB/s)
 *   fp16    achieved GB/s of the fp16 GEMV at the fleet's shape (below)
 *   w4      the same for w4a16_g128
 *   clock   sm_clock_mhz during that fp16 GEMV: the clock under a load
 *           that streams the memory at full speed
 * and beside them the fp16 GEMV's time, power_w_avg and err_pct_measured
 * (its bytes-only roofline from the card's own read stream). The GEMV
 * shape is the largest n x k of any fp16 GEMV at batch 1 in the table.
 *
 * An entry's value of a metric is the median over its runs; its noise the
 * spread of those runs, 100 (max - min) / median in %, NAN with fewer than
 * two. Its group's median is the median over the group's entries. The
 * entry falls short in a metric when it lies more than its band below that
 * median, band = max(FLEET_SHORT_PCT, noise): more than 3 % or outside the
 * run-to-run noise measured on the same card, whichever is larger.
 *
 * Groups come in the order of the passes (alone, all, array), entries by
 * group, host and GPU index. Index once: one sort of the rows by card,
 * pass and run, then one walk; groups are few (device x mode x pass).
 * Strings point into the table, which must outlive the data;
 * fleet_data_free releases the arrays. Returns 0, or -1 with err set (out
 * of memory only: a table without cards gives ncards 0, and the report has
 * no fleet section).
 */
#ifndef RENDER_FLEET_DATA_H
#define RENDER_FLEET_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "csv_table.h"
#include "rl_error.h"

#define FLEET_SHORT_PCT 3.0
#define FLEET_W4_FORMAT "w4a16_g128"

typedef enum fleet_metric { FLEET_READ, FLEET_L2, FLEET_FP16, FLEET_W4, FLEET_CLOCK, FLEET_METRICS } fleet_metric;

typedef struct fleet_entry {
    const char *host, *uuid, *serial, *gpu_index, *device, *spec_mode, *load; /* borrowed; NULL: empty */
    size_t group;
    size_t runs;
    double value[FLEET_METRICS];  /* median over the runs; NAN: not measured */
    double noise[FLEET_METRICS];  /* % spread over the runs; NAN: under two */
    double band[FLEET_METRICS];   /* max(FLEET_SHORT_PCT, noise), % */
    double below[FLEET_METRICS];  /* 100 (group median - value) / group median; NAN */
    int short_of[FLEET_METRICS];  /* 1: below > band */
    int falls_short;              /* any short_of */
    double fp16_us, w4_us;        /* median GEMV times, us; NAN */
    double fp16_err_pct;          /* median err_pct_measured of the fp16 GEMV; NAN */
    double power_w;               /* median power_w_avg during the fp16 GEMV; NAN */
} fleet_entry;

typedef struct fleet_group {
    const char *device, *spec_mode, *load; /* borrowed; load NULL: not by fleet.sh */
    size_t entries, short_entries;
    double median[FLEET_METRICS];    /* over the group's entries; NAN */
    double datasheet[FLEET_METRICS]; /* bw_datasheet_gbs (read and both GEMVs: the most they may
                                        stream), bw_l2_datasheet_gbs; NAN: not known (clock) */
} fleet_group;

typedef struct fleet_data {
    fleet_entry *entries; /* by group, then host, then GPU index */
    size_t nentries;
    fleet_group *groups;
    size_t ngroups;
    size_t ncards;   /* distinct cards over every pass */
    size_t nhosts;
    size_t nshort;   /* entries that fall short */
    size_t nshort_cards; /* cards that fall short in some pass */
    uint64_t gemv_n, gemv_k; /* the GEMV shape compared; 0: no fp16 GEMV */
} fleet_data;

int fleet_data_from_table(const csv_table *t, fleet_data *d, rl_error *err);
void fleet_data_free(fleet_data *d);

/* "read stream", "L2 read", "fp16 GEMV", "w4a16 GEMV", "SM clock". */
const char *fleet_metric_name(fleet_metric m);
/* "GB/s" or "MHz". */
const char *fleet_metric_unit(fleet_metric m);
/* How the entry is named in tables and on the chart: "host gpu3" (the
 * serial or UUID is in the table beside it). */
void fleet_entry_name(const fleet_entry *e, char *buf, size_t size);
/* Where a pass sorts: fleet.sh's alone, all, array (0..2), then any
 * other pass (3), then measure run by itself (load NULL, 4). The groups
 * and the chart's strips both follow it. */
int fleet_load_rank(const char *load);

#endif
