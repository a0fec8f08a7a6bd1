/* case_stream_rw: BabelStream's copy and triad (double), checked element
 * by element against the CPU, to compare our DRAM ceiling with
 * BabelStream's on the same card. */
#ifndef CASE_STREAM_RW_H
#define CASE_STREAM_RW_H

#include "case_result.h"

/* Doubles per array: BabelStream's default 2^28, fewer where three arrays
 * would take more than half the device memory. */
uint64_t case_stream_rw_elements(const run_context *ctx);

int case_stream_rw_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                       case_result *res, rl_error *err);

#endif
