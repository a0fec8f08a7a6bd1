/* llm_pick: the LLMs whose decode step a measure run times (case_decode.h).
 *
 * The file: --llm FILE, else specs/llm/models.ini under the working folder,
 * else under the binary's ../specs. The models: --llm-model IDS, else by
 * case set: a full run Llama-3-8B (the 7-8B model users ask about) and
 * TinyLlama, --quick and --check-only TinyLlama alone; a file that has
 * neither default gives all its models. Without --llm and with no
 * models.ini found, the run has no decode step and says so (returns 0 with
 * out empty); a named file that does not load, or an unknown id, is an
 * error. llm_configs_free() releases out. */
#ifndef LLM_PICK_H
#define LLM_PICK_H

#include "case_list.h"
#include "llm_config.h"

int llm_pick(llm_configs *out, const char *path, const char *ids, case_set set, rl_error *err);

#endif
