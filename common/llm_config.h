/* llm_config: the shapes of a decoder-only LLM, read from a text file, for
 * decode predictions (decode.h) and measure's decode step.
 *
 * An INI file (read through ini_doc.h), one section per model:
 *
 *   [model llama-2-7b]                 ; the id names the model on the command line
 *   name    = Llama-2-7B
 *   source  = meta-llama/Llama-2-7b-hf config.json
 *   layers  = 32                       ; decoder layers
 *   hidden  = 4096                     ; embedding width: the table is vocab x hidden, fp16
 *   vocab   = 32000
 *   q_dim   = 4096                     ; attention heads x head_dim
 *   kv_dim  = 4096                     ; key/value heads x head_dim: the KV cache width
 *   kv_window = 4096                   ; optional: sliding-window attention keeps this many
 *   gemv    = q_proj 4096 4096         ; NAME N K, one line per GEMV of a layer, in order:
 *   gemv    = ...                      ;   N output rows, K reduction length
 *   shared_input = q_proj k_proj v_proj  ; optional, one group a line: GEMVs that read one input
 *   lm_head = 32000 4096               ; N K of the output projection
 *   tied_embeddings = no               ; optional, yes|no: the LM head is the embedding table
 *
 * Rules, each failure naming file and line: every key above once (gemv and
 * shared_input repeat; kv_window, shared_input and tied_embeddings are
 * optional), counts are integers > 0, no GEMV name twice in a model, no
 * other keys or sections, no id twice. A shared_input group names at least
 * two GEMVs of its model, in gemv order and next to one another in the gemv
 * list, all with the same K, and a GEMV is in at most one group: the group
 * may run as one launch over its matrices stacked by rows (Llama: q, k, v;
 * gate, up). With tied_embeddings = yes, lm_head is vocab x hidden.
 *
 * A path ending in .json is instead one Hugging Face config.json, whose
 * keys hf_config.h reads: one model, its id the file's base name less
 * .json or, for a file named config.json, its folder's name (a download
 * keeps config.json in a folder named after the model); its name
 * _name_or_path, else the id; its source the path; its line 0. Its layer
 * is Llama's, with q = heads x head_dim, kv = kv_heads x head_dim and
 * I = intermediate_size:
 *   q_proj q hidden, k_proj kv hidden, v_proj kv hidden, o_proj hidden q,
 *   gate_proj I hidden, up_proj I hidden, down_proj hidden I;
 *   shared_input q_proj k_proj v_proj and gate_proj up_proj;
 *   lm_head vocab hidden; tied_embeddings = tie_word_embeddings;
 *   kv_window = sliding_window (0 when absent or unused).
 *
 * The llm_configs owns everything in it; llm_configs_free() releases it.
 * Errors follow rl_error.h.
 */
#ifndef LLM_CONFIG_H
#define LLM_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "rl_error.h"

typedef struct llm_gemv {
    char *name;
    uint64_t n, k;
    int same_input_as_prev; /* 1: reads the same input as the GEMV listed just before it (a shared_input group) */
} llm_gemv;

typedef struct llm_config {
    char *id, *name, *source;
    uint64_t layers, hidden, vocab, q_dim, kv_dim;
    uint64_t kv_window; /* 0: full attention */
    llm_gemv *gemvs;    /* one layer's */
    size_t ngemvs;
    uint64_t lm_head_n, lm_head_k;
    int tied_embeddings; /* 1: the LM head matrix is the embedding table (no table of its own) */
    long line; /* of its [model ID] header; 0 for a config.json */
} llm_config;

typedef struct llm_configs {
    char *path;
    llm_config *models;
    size_t count;
} llm_configs;

int llm_configs_load(llm_configs *c, const char *path, rl_error *err);
void llm_configs_free(llm_configs *c);

/* The model whose id is id, or NULL. */
const llm_config *llm_configs_find(const llm_configs *c, const char *id);

/* Keeps only the models named in ids, a comma-separated list; an unknown id
 * is an error that lists the known ones. */
int llm_configs_select(llm_configs *c, const char *ids, rl_error *err);

#endif
