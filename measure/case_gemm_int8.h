/* case_gemm_int8: the int8 tensor-core peak, through a large cuBLAS int8
 * GEMM (int8 W and x, int32 accumulate and y), checked exactly against a
 * CPU reference on every element of a few whole columns and rows of y. */
#ifndef CASE_GEMM_INT8_H
#define CASE_GEMM_INT8_H

#include "case_result.h"

/* The square GEMM (n = k = batch) for this device: 16384 on a big GPU
 * (about 8.8e12 ops, a few ms a call at the int8 tensor peak), smaller on
 * devices with fewer SMs or memory, so a call stays in the milliseconds. */
case_shape case_gemm_int8_shape(const run_context *ctx);

/* Runs gemm_int8_cublas (format int8) on shape; n and k multiples of 4. A
 * wrong output is not an error: res->check_ok says so. */
int case_gemm_int8_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                       case_result *res, rl_error *err);

#endif
