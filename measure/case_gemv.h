/* case_gemv: one GEMV case: fresh random data, a CPU reference, a check of
 * every rotated weight buffer, then timing over the rotation. */
#ifndef CASE_GEMV_H
#define CASE_GEMV_H

#include "case_result.h"

/* Runs shape (kernel gemv, gemv_issue or gemv_cublas, any format, batch
 * 1..16) and fills res. A wrong output is not an error: res->check_ok says
 * so. gemv_issue (batch 1): the weights hold only
 * case_gemv_issue_rows_stored() rows, a quarter of the L2, and row r of the
 * shape's n computes with row r mod that (gemv_args.rows_stored): every
 * call reads them from L2, so the SMs' issue rate limits it, not DRAM. No
 * rotation: the one copy must stay resident. */
int case_gemv_run(const run_context *ctx, const case_shape *shape, const case_options *opt,
                  case_result *res, rl_error *err);

/* Rows of weights of format f, k wide, that fill a quarter of the L2 (as
 * stream_read_l2's buffer, case_stream.h says why a quarter), a multiple of
 * 64 and at least 64. */
uint64_t case_gemv_issue_rows_stored(const run_context *ctx, const weight_format *f, uint64_t k);

/* The gemv_issue case of format f: batch 1, k = GEMV_ISSUE_K, n a whole
 * number of passes over the stored rows with about GEMV_ISSUE_WEIGHTS
 * weights a call (hundreds of microseconds on an H100: far above the
 * per-call cost, which would otherwise count as issue time). check: three
 * passes and a few rows more, so the wrap is checked mid-pass. */
enum { GEMV_ISSUE_K = 4096 };
#define GEMV_ISSUE_WEIGHTS (1ull << 31)
case_shape case_gemv_issue_shape(const run_context *ctx, const char *format, int check);

/* The largest max |y - ref| / sum |w x| a GEMV of format f may show. */
double gemv_tolerance(const weight_format *f);

#endif
