/* case_intensity: the intensity sweep on the CUDA cores. shape->n is the
 * number of floats streamed (>= 4x L2), shape->k the FMAs per element. */
#ifndef CASE_INTENSITY_H
#define CASE_INTENSITY_H

#include "case_result.h"

/* Floats to stream: 64 Mi (256 MiB), or 8x L2 if that is larger. */
uint64_t case_intensity_elements(const run_context *ctx);

int case_intensity_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                       case_result *res, rl_error *err);

#endif
