/* decode_out: the decode CSV (decode_schema.h), written whole or not at all.
 *
 * For every LLM of llms, every context, every spec of specs and every mode
 * of it, every weight format (common/formats.h) whose group size divides
 * the LLM's GEMV shapes: the datasheet prediction, then, once per run of
 * fits measured on that spec and mode, the predictions with its ceiling,
 * launch floor and energy fit, and at context 0 the run's fastest measured
 * decode step of that model and format beside its prediction. *rows gets
 * the number of rows written. Errors follow
 * rl_error.h.
 */
#ifndef DECODE_OUT_H
#define DECODE_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "llm_config.h"
#include "run_fit.h"
#include "spec_set.h"

/* contexts: ncontexts contexts, each giving its own rows; cases: the model
 * rows (model_case.h), where context-0 rows find the run's measured decode
 * steps. */
int decode_write(const char *path, const llm_configs *llms, const uint64_t *contexts, size_t ncontexts,
                 const hw_spec_set *specs, const run_fits *fits, const model_case *cases, size_t ncases,
                 size_t *rows, rl_error *err);

#endif
