/* case_peak: compute peaks of the CUDA cores (fp32 FMA, fp16x2 HFMA2, int8
 * dp4a). shape->n is the thread count, shape->k the operations (FMA,
 * HFMA2 or dp4a instructions) per thread. */
#ifndef CASE_PEAK_H
#define CASE_PEAK_H

#include "case_result.h"

/* The shape that fills the device for about half a millisecond. */
case_shape case_peak_shape(const run_context *ctx, const char *kernel);

int case_peak_run(const run_context *ctx, const case_shape *shape, const case_options *opt, case_result *res,
                  rl_error *err);

#endif
