/* measured_bw: the memory ceilings each run measured for itself.
 *
 * For every (run_id, device) pair, the bandwidth achieved by its rows of
 * one read-stream kernel (stream_read for the DRAM ceiling, stream_read_l2
 * for the L2 one): bytes / time_us_median as GB/s (1 GB = 1e9 bytes), the
 * largest when a run has several (the best read stream is the nearest to
 * what the memory can do). Rows whose check is not ok, or whose median time
 * is not > 0, do not count. A run with no usable row of the kernel has no
 * measured ceiling of that level: its model cells stay empty.
 *
 * The entries borrow run_id and device from the tables given, which must
 * outlive the measured_bw. measured_bw_free() releases the array only.
 */
#ifndef MEASURED_BW_H
#define MEASURED_BW_H

#include <stddef.h>

#include "csv_table.h"
#include "rl_error.h"
#include "str_index.h"

#define MEASURED_BW_KERNEL "stream_read"
#define MEASURED_BW_L2_KERNEL "stream_read_l2"

typedef struct measured_bw_entry {
    const char *run_id; /* borrowed */
    const char *device; /* borrowed */
    double gbs;
} measured_bw_entry;

typedef struct measured_bw {
    measured_bw_entry *entries;
    size_t count;
    str_index runs; /* (run_id, device) -> entry: one look-up a row, not a scan */
} measured_bw;

/* Walks every row of the ntables raw tables: the DRAM ceilings
 * (MEASURED_BW_KERNEL rows). */
int measured_bw_collect(measured_bw *m, const csv_table *tables, size_t ntables, rl_error *err);

/* The same from the rows of kernel, e.g. MEASURED_BW_L2_KERNEL. */
int measured_bw_collect_kernel(measured_bw *m, const csv_table *tables, size_t ntables, const char *kernel,
                               rl_error *err);
void measured_bw_free(measured_bw *m);

/* 0 and *gbs set when the run measured its bandwidth; -1 when it did not. */
int measured_bw_find(const measured_bw *m, const char *run_id, const char *device, double *gbs);

#endif
