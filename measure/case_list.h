/* case_list: the cases one measure run makes, and how each kind is run.
 * Adding a kernel to the run means one row in the dispatch table and the
 * shapes it runs on in case_list.c. */
#ifndef CASE_LIST_H
#define CASE_LIST_H

#include <stddef.h>

#include "case_result.h"
#include "llm_config.h"

typedef int (*case_run_fn)(const run_context *ctx, const case_shape *shape, const case_options *opt,
                           case_result *res, rl_error *err);

typedef enum case_set { CASES_FULL, CASES_QUICK, CASES_CHECK } case_set;

/* The runner for a kernel name, or NULL. */
case_run_fn case_list_runner(const char *kernel);

/* Fills shapes (up to max) for the set; returns how many. Shapes that
 * depend on the device (the stream length) come from ctx; the decode steps
 * run the models of llms (NULL or none: no decode step). */
size_t case_list_build(case_set set, const run_context *ctx, const llm_configs *llms, case_shape *shapes,
                       size_t max);

/* "gemv/fp16/8192x8192/b1", "decode_step/fp16/llama-3-8b/32L/b1/graph_fused_pdl":
 * what --only matches against. */
void case_shape_label(const case_shape *shape, char *out, size_t len);

#endif
