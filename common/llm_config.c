#include "llm_config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_ranges.h"
#include "hf_config.h"
#include "ini_doc.h"

static const char MODEL_PREFIX[] = "model ";

typedef struct llm_where {
    const char *path;
    const ini_section *sec;
} llm_where;

static int text_key(const llm_where *w, const ini_key *k, char **out, rl_error *err)
{
    if (k->value[0] == '\0')
        return rl_error_set(err, "%s is empty (%s:%ld)", k->name, w->path, k->line);
    free(*out); /* a key given twice: check_keys reports it, after this */
    *out = strdup(k->value);
    return *out == NULL ? rl_error_set(err, "out of memory reading %s", w->path) : 0;
}

/* The index of the GEMV named name, or m->ngemvs. */
static size_t gemv_index(const llm_config *m, const char *name)
{
    size_t i = 0;
    while (i < m->ngemvs && strcmp(m->gemvs[i].name, name) != 0)
        i++;
    return i;
}

/* "NAME N K" */
static int gemv_key(const llm_where *w, const ini_key *k, llm_config *m, rl_error *err)
{
    char name[64], n[32], kk[32], extra[2];
    if (sscanf(k->value, "%63s %31s %31s %1s", name, n, kk, extra) != 3)
        return rl_error_set(err, "gemv: '%.60s' is not NAME N K (%s:%ld)", k->value, w->path, k->line);
    llm_gemv g = {NULL, 0, 0, 0};
    if (csv_parse_count(n, &g.n) != 0 || csv_parse_count(kk, &g.k) != 0 || g.n == 0 || g.k == 0)
        return rl_error_set(err, "gemv %s: N and K must be integers > 0 (%s:%ld)", name, w->path, k->line);
    if (gemv_index(m, name) < m->ngemvs) /* shared_input names GEMVs */
        return rl_error_set(err, "gemv %s given twice in [%s] (%s:%ld)", name, w->sec->name, w->path, k->line);
    llm_gemv *grown = realloc(m->gemvs, (m->ngemvs + 1) * sizeof *grown);
    if (grown == NULL || (g.name = strdup(name)) == NULL) {
        m->gemvs = grown ? grown : m->gemvs;
        return rl_error_set(err, "out of memory reading %s", w->path);
    }
    m->gemvs = grown;
    m->gemvs[m->ngemvs++] = g;
    return 0;
}

static int lm_head_key(const llm_where *w, const ini_key *k, llm_config *m, rl_error *err)
{
    char n[32], kk[32], extra[2];
    if (sscanf(k->value, "%31s %31s %1s", n, kk, extra) != 2 || csv_parse_count(n, &m->lm_head_n) != 0 ||
        csv_parse_count(kk, &m->lm_head_k) != 0 || m->lm_head_n == 0 || m->lm_head_k == 0)
        return rl_error_set(err, "lm_head: '%.60s' is not N K, integers > 0 (%s:%ld)", k->value, w->path,
                            k->line);
    return 0;
}

/* The count keys, in the order the layout lists them; kv_window is optional. */
static uint64_t *count_field(llm_config *m, const char *name)
{
    if (strcmp(name, "layers") == 0)
        return &m->layers;
    if (strcmp(name, "hidden") == 0)
        return &m->hidden;
    if (strcmp(name, "vocab") == 0)
        return &m->vocab;
    if (strcmp(name, "q_dim") == 0)
        return &m->q_dim;
    if (strcmp(name, "kv_dim") == 0)
        return &m->kv_dim;
    if (strcmp(name, "kv_window") == 0)
        return &m->kv_window;
    return NULL;
}

static int yes_no_key(const llm_where *w, const ini_key *k, int *out, rl_error *err)
{
    if (strcmp(k->value, "yes") == 0 || strcmp(k->value, "no") == 0) {
        *out = k->value[0] == 'y';
        return 0;
    }
    return rl_error_set(err, "%s: '%.40s' is not yes or no (%s:%ld)", k->name, k->value, w->path, k->line);
}

static int model_key(const llm_where *w, const ini_key *k, llm_config *m, rl_error *err)
{
    uint64_t *count = count_field(m, k->name);
    if (count != NULL)
        return ini_key_count(w->path, k, count, err);
    if (strcmp(k->name, "name") == 0)
        return text_key(w, k, &m->name, err);
    if (strcmp(k->name, "source") == 0)
        return text_key(w, k, &m->source, err);
    if (strcmp(k->name, "gemv") == 0)
        return gemv_key(w, k, m, err);
    if (strcmp(k->name, "lm_head") == 0)
        return lm_head_key(w, k, m, err);
    if (strcmp(k->name, "tied_embeddings") == 0)
        return yes_no_key(w, k, &m->tied_embeddings, err);
    if (strcmp(k->name, "shared_input") == 0)
        return 0; /* once every gemv is read: shared_inputs() */
    return rl_error_set(err, "unknown key %s in [%s] (%s:%ld)", k->name, w->sec->name, w->path, k->line);
}

static int repeats(const char *key)
{
    return strcmp(key, "gemv") == 0 || strcmp(key, "shared_input") == 0;
}

static int check_keys(const llm_where *w, rl_error *err)
{
    static const char *const required[] = {"name", "source", "layers", "hidden", "vocab",
                                           "q_dim", "kv_dim", "gemv", "lm_head"};
    const ini_section *sec = w->sec;
    for (size_t i = 0; i < sec->nkeys; i++)
        for (size_t j = 0; j < i; j++)
            if (!repeats(sec->keys[i].name) && strcmp(sec->keys[i].name, sec->keys[j].name) == 0)
                return rl_error_set(err, "%s given twice in [%s] (%s:%ld)", sec->keys[i].name, sec->name,
                                    w->path, sec->keys[i].line);
    for (size_t r = 0; r < sizeof required / sizeof required[0]; r++) {
        size_t i = 0;
        while (i < sec->nkeys && strcmp(sec->keys[i].name, required[r]) != 0)
            i++;
        if (i == sec->nkeys)
            return rl_error_set(err, "[%s] has no %s (%s:%ld)", sec->name, required[r], w->path, sec->line);
    }
    return 0;
}

/* One shared_input line, "NAME NAME ...": its GEMVs follow one another in
 * the gemv list, in the order given, with one K; group_of[i] holds the line
 * of the group GEMV i is in, 0 for none. */
static int shared_input_key(const llm_where *w, const ini_key *k, llm_config *m, long *group_of, rl_error *err)
{
    char names[INI_DOC_MAX_LINE + 1], *save = NULL;
    snprintf(names, sizeof names, "%s", k->value);
    size_t first = 0, count = 0;
    for (char *name = strtok_r(names, " \t", &save); name != NULL; name = strtok_r(NULL, " \t", &save), count++) {
        size_t i = gemv_index(m, name);
        if (i == m->ngemvs)
            return rl_error_set(err, "shared_input: no gemv named %.60s in [%s] (%s:%ld)", name, w->sec->name,
                                w->path, k->line);
        if (count == 0)
            first = i;
        else if (i != first + count)
            return rl_error_set(err,
                                "shared_input: %s is not the gemv right after %s; a group's GEMVs follow one "
                                "another in gemv order (%s:%ld)",
                                name, m->gemvs[first + count - 1].name, w->path, k->line);
        else if (m->gemvs[i].k != m->gemvs[first].k)
            return rl_error_set(err, "shared_input: %s has K %llu, %s has K %llu; a group reads one input (%s:%ld)",
                                name, (unsigned long long)m->gemvs[i].k, m->gemvs[first].name,
                                (unsigned long long)m->gemvs[first].k, w->path, k->line);
        if (group_of[i] != 0)
            return rl_error_set(err, "shared_input: %s is already in the group of line %ld (%s:%ld)", name,
                                group_of[i], w->path, k->line);
        group_of[i] = k->line;
    }
    if (count < 2)
        return rl_error_set(err, "shared_input: '%.60s' names fewer than two GEMVs (%s:%ld)", k->value, w->path,
                            k->line);
    for (size_t j = 1; j < count; j++)
        m->gemvs[first + j].same_input_as_prev = 1;
    return 0;
}

static int shared_inputs(const llm_where *w, llm_config *m, rl_error *err)
{
    long *group_of = calloc(m->ngemvs, sizeof *group_of);
    if (group_of == NULL)
        return rl_error_set(err, "out of memory reading %s", w->path);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < w->sec->nkeys; i++)
        if (strcmp(w->sec->keys[i].name, "shared_input") == 0)
            rc = shared_input_key(w, &w->sec->keys[i], m, group_of, err);
    free(group_of);
    return rc;
}

/* A tied LM head is the embedding table: vocab x hidden. */
static int check_tied(const llm_where *w, const llm_config *m, rl_error *err)
{
    if (!m->tied_embeddings || (m->lm_head_n == m->vocab && m->lm_head_k == m->hidden))
        return 0;
    size_t i = 0;
    while (strcmp(w->sec->keys[i].name, "tied_embeddings") != 0)
        i++;
    return rl_error_set(err,
                        "tied_embeddings = yes, but lm_head %llu %llu is not the embedding table, vocab x hidden "
                        "%llu %llu (%s:%ld)",
                        (unsigned long long)m->lm_head_n, (unsigned long long)m->lm_head_k,
                        (unsigned long long)m->vocab, (unsigned long long)m->hidden, w->path, w->sec->keys[i].line);
}

static void config_free(llm_config *m)
{
    for (size_t i = 0; i < m->ngemvs; i++)
        free(m->gemvs[i].name);
    free(m->gemvs);
    free(m->id);
    free(m->name);
    free(m->source);
    memset(m, 0, sizeof *m);
}

static int parse_model(llm_configs *c, const ini_section *sec, rl_error *err)
{
    llm_where w = {c->path, sec};
    if (sec->name[0] == '\0')
        return rl_error_set(err, "key %s outside any [model ID] section (%s:%ld)", sec->keys[0].name,
                            c->path, sec->keys[0].line);
    if (strncmp(sec->name, MODEL_PREFIX, strlen(MODEL_PREFIX)) != 0 || sec->name[strlen(MODEL_PREFIX)] == '\0')
        return rl_error_set(err, "unknown section [%s], expected [model ID] (%s:%ld)", sec->name, c->path,
                            sec->line);
    const char *id = sec->name + strlen(MODEL_PREFIX);
    if (llm_configs_find(c, id) != NULL)
        return rl_error_set(err, "model %s defined twice (%s:%ld)", id, c->path, sec->line);
    llm_config m;
    memset(&m, 0, sizeof m);
    m.line = sec->line;
    int rc = (m.id = strdup(id)) == NULL ? rl_error_set(err, "out of memory reading %s", c->path) : 0;
    for (size_t i = 0; rc == 0 && i < sec->nkeys; i++)
        rc = model_key(&w, &sec->keys[i], &m, err);
    if (rc == 0)
        rc = check_keys(&w, err);
    if (rc == 0)
        rc = shared_inputs(&w, &m, err);
    if (rc == 0)
        rc = check_tied(&w, &m, err);
    llm_config *grown = rc == 0 ? realloc(c->models, (c->count + 1) * sizeof *grown) : NULL;
    if (rc == 0 && grown == NULL)
        rc = rl_error_set(err, "out of memory reading %s", c->path);
    if (rc != 0) {
        config_free(&m);
        return -1;
    }
    c->models = grown;
    c->models[c->count++] = m;
    return 0;
}

/* The Llama-family layer of a Hugging Face config, in the order its
 * forward pass runs the GEMVs; q/k/v and gate/up read one input each. */
enum { LLAMA_GEMVS = 7 };
static int llama_layer(llm_config *m, const hf_config *h)
{
    const llm_gemv layer[LLAMA_GEMVS] = {
        {"q_proj", h->q_dim, h->hidden, 0},           {"k_proj", h->kv_dim, h->hidden, 1},
        {"v_proj", h->kv_dim, h->hidden, 1},          {"o_proj", h->hidden, h->q_dim, 0},
        {"gate_proj", h->intermediate, h->hidden, 0}, {"up_proj", h->intermediate, h->hidden, 1},
        {"down_proj", h->hidden, h->intermediate, 0},
    };
    if ((m->gemvs = calloc(LLAMA_GEMVS, sizeof *m->gemvs)) == NULL)
        return -1;
    for (size_t i = 0; i < LLAMA_GEMVS; i++) {
        m->gemvs[i] = layer[i];
        m->gemvs[i].name = strdup(layer[i].name); /* config_free() frees it, NULL or not */
        m->ngemvs++;
        if (m->gemvs[i].name == NULL)
            return -1;
    }
    return 0;
}

/* One model from a Hugging Face config.json (hf_config.h). */
static int load_json(llm_configs *c, const char *path, rl_error *err)
{
    hf_config h;
    if (hf_config_read(&h, path, err) != 0)
        return -1;
    llm_config m;
    memset(&m, 0, sizeof m);
    m.id = h.id;
    m.name = h.name != NULL ? h.name : strdup(h.id);
    h.id = h.name = NULL; /* m owns them now */
    m.source = strdup(path);
    m.layers = h.layers;
    m.hidden = h.hidden;
    m.vocab = h.vocab;
    m.q_dim = h.q_dim;
    m.kv_dim = h.kv_dim;
    m.kv_window = h.sliding_window;
    m.lm_head_n = h.vocab;
    m.lm_head_k = h.hidden;
    m.tied_embeddings = h.tied_embeddings;
    if (m.name == NULL || m.source == NULL || llama_layer(&m, &h) != 0 ||
        (c->models = malloc(sizeof *c->models)) == NULL) {
        config_free(&m);
        return rl_error_set(err, "out of memory reading %s", path);
    }
    c->models[c->count++] = m;
    return 0;
}

static int load_ini(llm_configs *c, const char *path, rl_error *err)
{
    ini_doc doc;
    if (ini_doc_load(&doc, path, err) != 0)
        return -1;
    int rc = 0;
    for (size_t s = 0; rc == 0 && s < doc.nsections; s++)
        rc = parse_model(c, &doc.sections[s], err);
    if (rc == 0 && c->count == 0)
        rc = rl_error_set(err, "no [model ID] section in %s", path);
    ini_doc_free(&doc);
    return rc;
}

int llm_configs_load(llm_configs *c, const char *path, rl_error *err)
{
    memset(c, 0, sizeof *c);
    if ((c->path = strdup(path)) == NULL)
        return rl_error_set(err, "out of memory reading %s", path);
    size_t len = strlen(path);
    int json = len > 5 && strcmp(path + len - 5, ".json") == 0;
    int rc = json ? load_json(c, path, err) : load_ini(c, path, err);
    if (rc != 0)
        llm_configs_free(c);
    return rc;
}

void llm_configs_free(llm_configs *c)
{
    for (size_t i = 0; i < c->count; i++)
        config_free(&c->models[i]);
    free(c->models);
    free(c->path);
    memset(c, 0, sizeof *c);
}

const llm_config *llm_configs_find(const llm_configs *c, const char *id)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->models[i].id, id) == 0)
            return &c->models[i];
    return NULL;
}

/* 1 when id is one of the comma-separated ids. */
static int listed(const char *ids, const char *id)
{
    size_t len = strlen(id);
    for (const char *p = ids; *p != '\0';) {
        size_t n = strcspn(p, ",");
        if (n == len && strncmp(p, id, len) == 0)
            return 1;
        p += n + (p[n] == ',');
    }
    return 0;
}

static int check_ids_known(const llm_configs *c, const char *ids, rl_error *err)
{
    for (const char *p = ids; *p != '\0';) {
        size_t n = strcspn(p, ",");
        size_t i = 0;
        while (i < c->count && !(strlen(c->models[i].id) == n && strncmp(c->models[i].id, p, n) == 0))
            i++;
        if (i == c->count) {
            char known[256] = "";
            for (size_t j = 0; j < c->count; j++) {
                size_t used = strlen(known);
                snprintf(known + used, sizeof known - used, "%s%s", j ? ", " : "", c->models[j].id);
            }
            return rl_error_set(err, "unknown model config '%.*s' (%s has %s)", (int)(n < 60 ? n : 60), p,
                                c->path, known);
        }
        p += n + (p[n] == ',');
    }
    return 0;
}

int llm_configs_select(llm_configs *c, const char *ids, rl_error *err)
{
    if (check_ids_known(c, ids, err) != 0)
        return -1;
    size_t kept = 0;
    for (size_t i = 0; i < c->count; i++) {
        if (listed(ids, c->models[i].id))
            c->models[kept++] = c->models[i];
        else
            config_free(&c->models[i]);
    }
    c->count = kept;
    return kept > 0 ? 0 : rl_error_set(err, "no model config selected from %s", c->path);
}
