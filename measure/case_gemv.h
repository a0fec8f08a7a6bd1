/* case_gemv: one GEMV case: fresh random data, a CPU reference, a check of
 * every rotated weight buffer, then timing over the rotation. */
#ifndef CASE_GEMV_H
#define CASE_GEMV_H

#include "case_result.h"

/* Runs shape (kernel gemv or gemv_cublas, any format, batch 1..16) and fills res. A wrong
 * output is not an error: res->check_ok says so. */
int case_gemv_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                  case_result *res, rl_error *err);

/* The largest max |y - ref| / sum |w x| a GEMV of format f may show. */
double gemv_tolerance(const weight_format *f);

#endif
