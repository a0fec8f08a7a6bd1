/* decode_out: the decode CSV (decode_schema.h), written whole or not at all.
 *
 * For every LLM of llms, every spec of specs and every mode of it, every
 * weight format (common/formats.h) whose group size divides the LLM's GEMV
 * shapes: the datasheet prediction, then, once per run of fits measured on
 * that spec and mode, the predictions with its ceiling, launch floor and
 * energy fit. *rows gets the number of rows written. Errors follow
 * rl_error.h.
 */
#ifndef DECODE_OUT_H
#define DECODE_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "llm_config.h"
#include "run_fit.h"
#include "spec_set.h"

int decode_write(const char *path, const llm_configs *llms, uint64_t context, const hw_spec_set *specs,
                 const run_fits *fits, size_t *rows, rl_error *err);

#endif
