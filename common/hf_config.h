/* hf_config: the shapes of one LLM from a Hugging Face config.json, read
 * through jansson; llm_config.h builds the layer from them.
 *
 * Keys read (all others are ignored):
 *   num_hidden_layers, hidden_size, intermediate_size, num_attention_heads,
 *   vocab_size               required, integers > 0
 *   num_key_value_heads      default num_attention_heads; divides it
 *   head_dim                 default hidden_size / num_attention_heads
 *   sliding_window           null or absent: full attention; ignored when
 *                            use_sliding_window is false; else an integer > 0
 *                            (taken to hold for every layer)
 *   tie_word_embeddings      true or false, default false
 *   _name_or_path            the name, when a string
 *   architectures, model_type  only to refuse what is not a Llama-style
 *                            decoder with a gated MLP: no intermediate_size,
 *                            no architecture ending in ForCausalLM, a
 *                            model_type known for a plain MLP, or experts
 *                            (num_local_experts, num_experts, n_routed_experts)
 * A null value counts as absent. The file is read whole, at most
 * HF_CONFIG_MAX_BYTES (a config.json is a few kB).
 *
 * Errors follow rl_error.h: malformed JSON names file, line and column
 * ("malformed JSON: string or '}' expected near '}', column 1 (x.json:4)");
 * a bad key names the key and the file ("num_hidden_layers: \"32\" is not
 * an integer > 0 (x.json)"). On failure *h is empty; hf_config_free()
 * releases the strings of a config read.
 */
#ifndef HF_CONFIG_H
#define HF_CONFIG_H

#include <stdint.h>

#include "rl_error.h"

#define HF_CONFIG_MAX_BYTES (16 * 1024 * 1024)

typedef struct hf_config {
    char *id;   /* the file's base name less .json; for config.json, its folder's name */
    char *name; /* _name_or_path, or NULL */
    uint64_t layers, hidden, intermediate, vocab;
    uint64_t heads, kv_heads, head_dim;
    uint64_t q_dim, kv_dim;  /* heads x head_dim, kv_heads x head_dim, checked not to wrap */
    uint64_t sliding_window; /* 0: full attention */
    int tied_embeddings;
} hf_config;

int hf_config_read(hf_config *h, const char *path, rl_error *err);
void hf_config_free(hf_config *h);

#endif
