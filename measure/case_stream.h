/* case_stream: the read-stream ceiling, checked against a CPU sum. */
#ifndef CASE_STREAM_H
#define CASE_STREAM_H

#include "case_result.h"

/* Elements to stream for this device: at least 1 GiB and 8x L2, at most a
 * quarter of device memory. */
uint64_t case_stream_elements(const run_context *ctx);

int case_stream_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                    case_result *res, rl_error *err);

#endif
