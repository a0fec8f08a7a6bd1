/* case_decode: the decode_step case: one token of a real LLM's weight
 * traffic (common/decode_plan.h) on the GPU, per weight format and batch,
 * timed as one CUDA graph per step like every other case (median, min and
 * p90 over groups of back-to-back steps, energy over a sustained loop).
 *
 * The case's shape: llm (the model), n (layers to run: all of them, or 2
 * for the check run), batch, scheme. Where the model's weights do not fit
 * in device memory, the step runs the layers that do (plus the LM head),
 * the row says so (n < llm_layers) and scales tokens/s and energy per
 * token to the whole model by bytes. The check (decode_check.h) runs the
 * timed graph once first. */
#ifndef CASE_DECODE_H
#define CASE_DECODE_H

#include "case_result.h"
#include "decode_plan.h"

/* The fastest scheme the current device can run: fused with PDL from
 * compute capability 9.0, else fused. */
decode_scheme_id decode_scheme_default(void);

/* Weights below this are checked whole, chain included (decode_check.h);
 * above it, sampled rows of every launch. */
#define DECODE_FULL_CHECK_BYTES (512ull << 20)

int case_decode_run(const run_context *ctx, const case_shape *shape, const case_options *opt, case_result *res,
                    rl_error *err);

#endif
