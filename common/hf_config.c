#include "hf_config.h"

#include <jansson.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8_valid.h"
#include "whole_file.h"

/* Longest _name_or_path kept as the name: an INI name fits in one line. */
enum { NAME_MAX_BYTES = 160 };

static const char SUPPORTED[] = "this reader supports Llama-style decoders with a gated MLP "
                                "(LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM and the like)";

/* model_types that have intermediate_size but a plain two-matrix MLP */
static const char *const PLAIN_MLP[] = {"gpt_neox", "phi", "starcoder2", "persimmon"};

/* Mixture-of-experts keys: the layer's MLP is not one gate/up/down. */
static const char *const EXPERTS[] = {"num_local_experts", "num_experts", "n_routed_experts"};

/* key's value, or NULL when absent or null */
static json_t *get(json_t *root, const char *key)
{
    json_t *v = json_object_get(root, key);
    return json_is_null(v) ? NULL : v;
}

/* v as compact JSON, cut to fit buf, for an error message */
static const char *shown(const json_t *v, char *buf, size_t len)
{
    char *text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    snprintf(buf, len, "%s", text != NULL ? text : "?");
    free(text);
    return buf;
}

/* 0 with *out set; 1 when absent and not required; -1 on error. */
static int count_key(json_t *root, const char *key, int required, const char *path, uint64_t *out, rl_error *err)
{
    json_t *v = get(root, key);
    char buf[48];
    if (v == NULL)
        return required ? rl_error_set(err, "no %s, a required key (%s)", key, path) : 1;
    if (!json_is_integer(v) || json_integer_value(v) <= 0)
        return rl_error_set(err, "%s: %s is not an integer > 0 (%s)", key, shown(v, buf, sizeof buf), path);
    *out = (uint64_t)json_integer_value(v);
    return 0;
}

static int bool_key(json_t *root, const char *key, int absent, const char *path, int *out, rl_error *err)
{
    json_t *v = get(root, key);
    char buf[48];
    if (v != NULL && !json_is_boolean(v))
        return rl_error_set(err, "%s: %s is not true or false (%s)", key, shown(v, buf, sizeof buf), path);
    *out = v == NULL ? absent : json_is_true(v);
    return 0;
}

/* "model_type llama (LlamaForCausalLM)", for an error message */
static const char *what_model(json_t *root, char *buf, size_t len)
{
    json_t *type = json_object_get(root, "model_type");
    json_t *arch = json_array_get(json_object_get(root, "architectures"), 0);
    snprintf(buf, len, "%s%.40s%s%.60s%s", json_is_string(type) ? "model_type " : "the config",
             json_is_string(type) ? json_string_value(type) : "", json_is_string(arch) ? " (" : "",
             json_is_string(arch) ? json_string_value(arch) : "", json_is_string(arch) ? ")" : "");
    return buf;
}

static int causal_lm(json_t *archs)
{
    size_t i;
    json_t *a;
    json_array_foreach(archs, i, a) {
        const char *s = json_string_value(a);
        size_t n = s != NULL ? strlen(s) : 0;
        if (n >= 11 && strcmp(s + n - 11, "ForCausalLM") == 0)
            return 1;
    }
    return 0;
}

/* Refuses what is clearly not a Llama-style decoder with a gated MLP. */
static int check_decoder(json_t *root, const char *path, rl_error *err)
{
    char what[128];
    json_t *archs = get(root, "architectures"), *type = get(root, "model_type");
    if (get(root, "intermediate_size") == NULL)
        return rl_error_set(err, "no intermediate_size: %s has no gated MLP; %s (%s)",
                            what_model(root, what, sizeof what), SUPPORTED, path);
    if (json_is_array(archs) && json_array_size(archs) > 0 && !causal_lm(archs))
        return rl_error_set(err, "%s is not a causal LM (no architecture ends in ForCausalLM); %s (%s)",
                            what_model(root, what, sizeof what), SUPPORTED, path);
    for (size_t i = 0; json_is_string(type) && i < sizeof PLAIN_MLP / sizeof PLAIN_MLP[0]; i++)
        if (strcmp(json_string_value(type), PLAIN_MLP[i]) == 0)
            return rl_error_set(err, "model_type %s has a plain MLP, not a gated one; %s (%s)", PLAIN_MLP[i],
                                SUPPORTED, path);
    for (size_t i = 0; i < sizeof EXPERTS / sizeof EXPERTS[0]; i++) {
        json_t *n = get(root, EXPERTS[i]);
        if (json_is_integer(n) && json_integer_value(n) > 1)
            return rl_error_set(err, "a mixture of experts (%s %lld) is not supported; %s (%s)", EXPERTS[i],
                                (long long)json_integer_value(n), SUPPORTED, path);
    }
    return 0;
}

/* The last component of the folder that holds path, a .../config.json:
 * from the path's text, or through realpath when that is empty, "." or ".."
 * (the file system knows the name of the current folder). */
static char *folder_name(const char *path)
{
    size_t end = strlen(path) - strlen("config.json");
    while (end > 0 && path[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    size_t n = end - start;
    int dots = (n == 1 && path[start] == '.') || (n == 2 && strncmp(path + start, "..", 2) == 0);
    if (n > 0 && !dots)
        return strndup(path + start, n);
    char dir[PATH_MAX], real[PATH_MAX];
    if (end == 0)
        snprintf(dir, sizeof dir, "%s", path[0] == '/' ? "/" : ".");
    else if (snprintf(dir, sizeof dir, "%.*s", (int)end, path) >= (int)sizeof dir)
        return strdup("");
    if (realpath(dir, real) == NULL)
        return strdup("");
    return strdup(strrchr(real, '/') != NULL ? strrchr(real, '/') + 1 : real);
}

/* The base name of path less .json, or for config.json its folder's name. */
static int model_id(const char *path, char **id, rl_error *err)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    if (strcmp(base, "config.json") == 0)
        *id = folder_name(path);
    else
        *id = strndup(base, strlen(base) - strlen(".json"));
    if (*id == NULL)
        return rl_error_set(err, "out of memory reading %s", path);
    if ((*id)[0] == '\0')
        return rl_error_set(err, "no model id in the path: name the file ID.json (%s)", path);
    unsigned cp;
    if (utf8_invalid_at(*id) != (size_t)-1 || text_forbidden_at(*id, 0, &cp) != (size_t)-1)
        return rl_error_set(err, "the model id from the path is not UTF-8 text without control characters: rename "
                                 "the file or its folder (%s)",
                            path);
    return 0;
}

static int read_name(json_t *root, const char *path, char **name, rl_error *err)
{
    json_t *v = get(root, "_name_or_path");
    char buf[48];
    if (v == NULL || (json_is_string(v) && json_string_length(v) == 0))
        return 0;
    if (!json_is_string(v))
        return rl_error_set(err, "_name_or_path: %s is not a string (%s)", shown(v, buf, sizeof buf), path);
    const char *s = json_string_value(v);
    for (const char *p = s; *p != '\0'; p++)
        if ((unsigned char)*p < 0x20)
            return rl_error_set(err, "_name_or_path: a control character in '%.40s' (%s)", s, path);
    if (strlen(s) > NAME_MAX_BYTES)
        return rl_error_set(err, "_name_or_path: longer than %d bytes (%s)", NAME_MAX_BYTES, path);
    *name = strdup(s);
    return *name == NULL ? rl_error_set(err, "out of memory reading %s", path) : 0;
}

/* The attention widths: head_dim's default, and heads x head_dim that fit. */
static int attention_shape(json_t *root, const char *path, hf_config *h, rl_error *err)
{
    int rc = count_key(root, "num_key_value_heads", 0, path, &h->kv_heads, err);
    if (rc == 1)
        h->kv_heads = h->heads;
    if (rc >= 0 && h->heads % h->kv_heads != 0)
        return rl_error_set(err, "num_attention_heads %llu is not a multiple of num_key_value_heads %llu (%s)",
                            (unsigned long long)h->heads, (unsigned long long)h->kv_heads, path);
    if (rc >= 0 && (rc = count_key(root, "head_dim", 0, path, &h->head_dim, err)) == 1) {
        if (h->hidden % h->heads != 0)
            return rl_error_set(err, "hidden_size %llu is not a multiple of num_attention_heads %llu, and no "
                                     "head_dim says the heads' width (%s)",
                                (unsigned long long)h->hidden, (unsigned long long)h->heads, path);
        h->head_dim = h->hidden / h->heads;
    }
    if (rc < 0)
        return -1;
    if (h->heads > UINT64_MAX / h->head_dim)
        return rl_error_set(err, "num_attention_heads x head_dim is larger than %llu (%s)",
                            (unsigned long long)UINT64_MAX, path);
    h->q_dim = h->heads * h->head_dim;
    h->kv_dim = h->kv_heads * h->head_dim;
    return 0;
}

static int sliding_window(json_t *root, const char *path, hf_config *h, rl_error *err)
{
    int use = 1;
    if (bool_key(root, "use_sliding_window", 1, path, &use, err) != 0)
        return -1;
    h->sliding_window = 0;
    if (!use) /* Qwen2 names a window it does not use */
        return 0;
    return count_key(root, "sliding_window", 0, path, &h->sliding_window, err) < 0 ? -1 : 0;
}

static int read_keys(json_t *root, const char *path, hf_config *h, rl_error *err)
{
    if (!json_is_object(root))
        return rl_error_set(err, "not a Hugging Face config: the JSON is no object (%s)", path);
    if (check_decoder(root, path, err) != 0)
        return -1;
    static const struct {
        const char *key;
        size_t offset;
    } required[] = {
        {"num_hidden_layers", offsetof(hf_config, layers)},
        {"hidden_size", offsetof(hf_config, hidden)},
        {"intermediate_size", offsetof(hf_config, intermediate)},
        {"num_attention_heads", offsetof(hf_config, heads)},
        {"vocab_size", offsetof(hf_config, vocab)},
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (count_key(root, required[i].key, 1, path, (uint64_t *)((char *)h + required[i].offset), err) != 0)
            return -1;
    if (attention_shape(root, path, h, err) != 0 || sliding_window(root, path, h, err) != 0 ||
        bool_key(root, "tie_word_embeddings", 0, path, &h->tied_embeddings, err) != 0)
        return -1;
    return read_name(root, path, &h->name, err);
}

int hf_config_read(hf_config *h, const char *path, rl_error *err)
{
    memset(h, 0, sizeof *h);
    char *text;
    size_t len;
    if (whole_file_read(path, HF_CONFIG_MAX_BYTES, "HF_CONFIG_MAX_BYTES in common/hf_config.h", &text, &len, err) != 0)
        return -1;
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    free(text);
    int rc;
    if (root == NULL && jerr.column > 0)
        rc = rl_error_set(err, "malformed JSON: %s, column %d (%s:%d)", jerr.text, jerr.column, path, jerr.line);
    else if (root == NULL)
        rc = rl_error_set(err, "malformed JSON: %s (%s:%d)", jerr.text, path, jerr.line);
    else
        rc = read_keys(root, path, h, err);
    json_decref(root);
    if (rc == 0)
        rc = model_id(path, &h->id, err);
    if (rc != 0)
        hf_config_free(h);
    return rc;
}

void hf_config_free(hf_config *h)
{
    free(h->id);
    free(h->name);
    memset(h, 0, sizeof *h);
}
