/* case_stream: the read-stream ceilings, checked against a CPU sum:
 * stream_read (DRAM: n elements, k = 1) and stream_read_l2 (L2: a buffer of
 * n elements that stays in L2, read k times over in one call). */
#ifndef CASE_STREAM_H
#define CASE_STREAM_H

#include "case_result.h"

/* Elements to stream for this device: at least 1 GiB and 8x L2, at most a
 * quarter of device memory. */
uint64_t case_stream_elements(const run_context *ctx);

/* stream_read_l2's buffer for this device: a quarter of its L2 (at least
 * 64 KiB), in elements, a multiple of 4; and the passes that make one call
 * read 1 GiB. */
uint64_t case_stream_l2_elements(const run_context *ctx);
uint64_t case_stream_l2_passes(uint64_t elements);

/* Runs stream_read or stream_read_l2 (shape->kernel). */
int case_stream_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                    case_result *res, rl_error *err);

#endif
