/* Hugging Face config.json through llm_configs_load (common/hf_config.c):
 * two real configs from the hub (tests/fixtures/llm/) must give the shapes
 * of their hand-written sections of specs/llm/models.ini, and bad files must
 * fail naming the file, and the line or the key. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture_tree.h"
#include "hf_config.h"
#include "llm_config.h"

typedef struct fixture {
    char dir[128];
    char path[256];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL || fx_tmpdir(f->dir, sizeof f->dir, "test_hf_config") != 0) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    int rc = fx_rmtree(f->dir);
    free(f);
    return rc;
}

/* f->path = dir/rel, holding text */
static const char *put(fixture *f, const char *rel, const char *text)
{
    snprintf(f->path, sizeof f->path, "%s/%s", f->dir, rel);
    assert_int_equal(fx_write(f->dir, rel, text), 0);
    return f->path;
}

static void load_ok(const char *path, llm_configs *c)
{
    rl_error err = {{0}};
    if (llm_configs_load(c, path, &err) != 0)
        fail_msg("%s", err.text);
}

/* Loading path fails with an error holding want and "(path:line)", or
 * "(path)" when line is 0. */
static void expect_error(const char *path, const char *want, long line)
{
    llm_configs c;
    rl_error err = {{0}};
    if (llm_configs_load(&c, path, &err) == 0) {
        llm_configs_free(&c);
        fail_msg("%s loaded, but should fail with '%s'", path, want);
    }
    if (strstr(err.text, want) == NULL)
        fail_msg("error '%s' does not say '%s'", err.text, want);
    char where[320];
    if (line > 0)
        snprintf(where, sizeof where, "(%s:%ld)", path, line);
    else
        snprintf(where, sizeof where, "(%s)", path);
    if (strstr(err.text, where) == NULL)
        fail_msg("error '%s' does not name %s", err.text, where);
}

/* Every shape of a equals b's: what a decode step runs, and what it counts. */
static void assert_same_shapes(const llm_config *a, const llm_config *b)
{
    assert_true(a->layers == b->layers);
    assert_true(a->hidden == b->hidden);
    assert_true(a->vocab == b->vocab);
    assert_true(a->q_dim == b->q_dim);
    assert_true(a->kv_dim == b->kv_dim);
    assert_true(a->kv_window == b->kv_window);
    assert_true(a->lm_head_n == b->lm_head_n && a->lm_head_k == b->lm_head_k);
    assert_int_equal(a->tied_embeddings, b->tied_embeddings);
    assert_int_equal(a->ngemvs, b->ngemvs);
    for (size_t i = 0; i < a->ngemvs; i++) {
        assert_string_equal(a->gemvs[i].name, b->gemvs[i].name);
        assert_true(a->gemvs[i].n == b->gemvs[i].n && a->gemvs[i].k == b->gemvs[i].k);
        assert_int_equal(a->gemvs[i].same_input_as_prev, b->gemvs[i].same_input_as_prev);
    }
}

/* The section id of specs/llm/models.ini, alone. */
static void load_shipped(llm_configs *c, const char *id)
{
    char path[PATH_MAX];
    tests_path(path, sizeof path, "../specs/llm/models.ini");
    load_ok(path, c);
    rl_error err = {{0}};
    if (llm_configs_select(c, id, &err) != 0)
        fail_msg("%s", err.text);
}

typedef struct want_gemv {
    const char *name;
    uint64_t n, k;
    int same_input_as_prev;
} want_gemv;

static void assert_layer(const llm_config *m, const want_gemv *want)
{
    assert_int_equal(m->ngemvs, 7);
    for (size_t i = 0; i < 7; i++) {
        assert_string_equal(m->gemvs[i].name, want[i].name);
        assert_true(m->gemvs[i].n == want[i].n);
        assert_true(m->gemvs[i].k == want[i].k);
        assert_int_equal(m->gemvs[i].same_input_as_prev, want[i].same_input_as_prev);
    }
}

/* Meta-Llama-3-8B: 32 heads of 4096 / 32 = 128, 8 KV heads: kv_dim 8 x 128 = 1024. */
static void llama_3_8b_matches_models_ini(void **state)
{
    (void)state;
    char path[PATH_MAX];
    tests_path(path, sizeof path, "fixtures/llm/Meta-Llama-3-8B/config.json");
    llm_configs json, ini;
    load_ok(path, &json);
    load_shipped(&ini, "llama-3-8b");
    assert_int_equal(json.count, 1);
    const llm_config *m = &json.models[0];
    assert_string_equal(m->id, "Meta-Llama-3-8B"); /* its folder's name */
    assert_string_equal(m->name, "Meta-Llama-3-8B"); /* no _name_or_path in the hub's file */
    assert_string_equal(m->source, path);
    assert_true(m->layers == 32 && m->hidden == 4096 && m->vocab == 128256);
    assert_true(m->q_dim == 32 * 128 && m->kv_dim == 8 * 128 && m->kv_window == 0);
    static const want_gemv layer[] = {
        {"q_proj", 4096, 4096, 0},     {"k_proj", 1024, 4096, 1},     {"v_proj", 1024, 4096, 1},
        {"o_proj", 4096, 4096, 0},     {"gate_proj", 14336, 4096, 0}, {"up_proj", 14336, 4096, 1},
        {"down_proj", 4096, 14336, 0},
    };
    assert_layer(m, layer);
    assert_true(m->lm_head_n == 128256 && m->lm_head_k == 4096);
    assert_int_equal(m->tied_embeddings, 0);
    assert_same_shapes(m, &ini.models[0]);
    llm_configs_free(&json);
    llm_configs_free(&ini);
}

/* TinyLlama-1.1B: 32 heads of 2048 / 32 = 64, 4 KV heads: kv_dim 4 x 64 = 256. */
static void tinyllama_matches_models_ini(void **state)
{
    (void)state;
    char path[PATH_MAX];
    tests_path(path, sizeof path, "fixtures/llm/tinyllama-1.1b.json");
    llm_configs json, ini;
    load_ok(path, &json);
    load_shipped(&ini, "tinyllama-1.1b");
    const llm_config *m = &json.models[0];
    assert_string_equal(m->id, "tinyllama-1.1b"); /* the base name less .json */
    assert_true(m->layers == 22 && m->hidden == 2048 && m->vocab == 32000);
    assert_true(m->q_dim == 32 * 64 && m->kv_dim == 4 * 64);
    static const want_gemv layer[] = {
        {"q_proj", 2048, 2048, 0},    {"k_proj", 256, 2048, 1},     {"v_proj", 256, 2048, 1},
        {"o_proj", 2048, 2048, 0},    {"gate_proj", 5632, 2048, 0}, {"up_proj", 5632, 2048, 1},
        {"down_proj", 2048, 5632, 0},
    };
    assert_layer(m, layer);
    assert_true(m->lm_head_n == 32000 && m->lm_head_k == 2048);
    assert_same_shapes(m, &ini.models[0]);
    /* --llm-model picks it by that id, as it picks an INI section */
    rl_error err = {{0}};
    assert_int_equal(llm_configs_select(&json, "tinyllama-1.1b", &err), 0);
    assert_int_equal(llm_configs_select(&json, "llama-3-8b", &err), -1);
    assert_non_null(strstr(err.text, "unknown model config 'llama-3-8b'"));
    llm_configs_free(&json);
    llm_configs_free(&ini);
}

/* A small config whose every shape is worked out in the test using it. */
#define MINI_KEYS                                                                                                    \
    "  \"architectures\": [\"LlamaForCausalLM\"],\n  \"model_type\": \"llama\",\n  \"num_hidden_layers\": 2,\n"      \
    "  \"hidden_size\": 64,\n  \"intermediate_size\": 96,\n  \"num_attention_heads\": 4,\n  \"vocab_size\": 100"

static void malformed_json_names_file_and_line(void **state)
{
    fixture *f = *state;
    /* cut short inside the object: the end of the file is on line 3 */
    expect_error(put(f, "cut.json", "{\n  \"hidden_size\": 64,\n  \"vocab_size\": 100"),
                 "malformed JSON: '}' expected near end of file", 3);
    /* a trailing comma: the '}' on line 4, column 1, where a key should be */
    expect_error(put(f, "comma.json", "{\n  \"num_hidden_layers\": 2,\n  \"hidden_size\": 64,\n}\n"),
                 "malformed JSON: string or '}' expected near '}', column 1", 4);
    expect_error(put(f, "empty.json", ""), "malformed JSON", 1);
    expect_error(put(f, "twice.json", "{\n" MINI_KEYS ",\n  \"vocab_size\": 100\n}\n"),
                 "malformed JSON: duplicate object key", 9);
    expect_error(put(f, "latin1.json", "{\"_name_or_path\": \"caf\xe9\"}"), "malformed JSON", 1);
    expect_error(put(f, "list.json", "[1, 2]"), "not a Hugging Face config: the JSON is no object", 0);
}

static void bad_keys_name_the_key(void **state)
{
    fixture *f = *state;
    /* MINI without num_hidden_layers */
    expect_error(put(f, "m.json", "{\"intermediate_size\": 96, \"hidden_size\": 64, \"num_attention_heads\": 4, "
                                  "\"vocab_size\": 100}"),
                 "no num_hidden_layers, a required key", 0);
    /* null is as good as absent */
    expect_error(put(f, "m.json", "{\"num_hidden_layers\": null, \"intermediate_size\": 96, \"hidden_size\": 64, "
                                  "\"num_attention_heads\": 4, \"vocab_size\": 100}"),
                 "no num_hidden_layers, a required key", 0);
    expect_error(put(f, "m.json", "{\"num_hidden_layers\": 2, \"hidden_size\": \"64\", \"intermediate_size\": 96}"),
                 "hidden_size: \"64\" is not an integer > 0", 0);
    expect_error(put(f, "m.json", "{\"num_hidden_layers\": 2.0, \"intermediate_size\": 96}"),
                 "num_hidden_layers: 2.0 is not an integer > 0", 0);
    expect_error(put(f, "m.json", "{\"num_hidden_layers\": 0, \"intermediate_size\": 96}"),
                 "num_hidden_layers: 0 is not an integer > 0", 0);
    expect_error(put(f, "m.json", "{\"num_hidden_layers\": -32, \"intermediate_size\": 96}"),
                 "num_hidden_layers: -32 is not an integer > 0", 0);
    expect_error(put(f, "m.json", "{\n" MINI_KEYS ",\n  \"num_key_value_heads\": true\n}"),
                 "num_key_value_heads: true is not an integer > 0", 0);
    expect_error(put(f, "m.json", "{\n" MINI_KEYS ",\n  \"tie_word_embeddings\": \"yes\"\n}"),
                 "tie_word_embeddings: \"yes\" is not true or false", 0);
    expect_error(put(f, "m.json", "{\n" MINI_KEYS ",\n  \"sliding_window\": 0\n}"),
                 "sliding_window: 0 is not an integer > 0", 0);
    expect_error(put(f, "m.json", "{\n" MINI_KEYS ",\n  \"_name_or_path\": 7\n}"),
                 "_name_or_path: 7 is not a string", 0);
    /* 4 heads cannot share 3 KV heads; 64 is no multiple of 3 heads */
    expect_error(put(f, "m.json", "{\n" MINI_KEYS ",\n  \"num_key_value_heads\": 3\n}"),
                 "num_attention_heads 4 is not a multiple of num_key_value_heads 3", 0);
    expect_error(put(f, "m.json", "{\"num_hidden_layers\": 2, \"hidden_size\": 64, \"intermediate_size\": 96, "
                                  "\"num_attention_heads\": 3, \"vocab_size\": 100}"),
                 "hidden_size 64 is not a multiple of num_attention_heads 3, and no head_dim", 0);
}

/* What is clearly no Llama-style decoder is refused, saying what is read. */
static void refuses_other_architectures(void **state)
{
    fixture *f = *state;
    expect_error(put(f, "gpt2.json", "{\"architectures\": [\"GPT2LMHeadModel\"], \"model_type\": \"gpt2\", "
                                     "\"n_embd\": 768, \"n_layer\": 12, \"vocab_size\": 50257}"),
                 "no intermediate_size: model_type gpt2 (GPT2LMHeadModel) has no gated MLP; this reader supports "
                 "Llama-style decoders",
                 0);
    expect_error(put(f, "bert.json", "{\"architectures\": [\"BertForMaskedLM\"], \"model_type\": \"bert\", "
                                     "\"intermediate_size\": 3072}"),
                 "model_type bert (BertForMaskedLM) is not a causal LM", 0);
    expect_error(put(f, "neox.json", "{\"architectures\": [\"GPTNeoXForCausalLM\"], \"model_type\": \"gpt_neox\", "
                                     "\"intermediate_size\": 24576}"),
                 "model_type gpt_neox has a plain MLP, not a gated one", 0);
    expect_error(put(f, "moe.json", "{\n" MINI_KEYS ",\n  \"num_local_experts\": 8\n}"),
                 "a mixture of experts (num_local_experts 8) is not supported", 0);
}

/* MINI: 4 heads of 64 / 4 = 16; no num_key_value_heads: as many as heads. */
static void reads_defaults_and_optional_keys(void **state)
{
    fixture *f = *state;
    llm_configs c;
    load_ok(put(f, "mini.json", "{\n" MINI_KEYS "\n}\n"), &c);
    const llm_config *m = &c.models[0];
    assert_string_equal(m->id, "mini");
    assert_string_equal(m->name, "mini");
    assert_true(m->q_dim == 64 && m->kv_dim == 64 && m->kv_window == 0 && m->tied_embeddings == 0);
    assert_true(m->gemvs[6].n == 64 && m->gemvs[6].k == 96); /* down_proj: hidden x intermediate */
    llm_configs_free(&c);
    /* head_dim 32 (not 64 / 4): q = 4 x 32 = 128, kv = 2 x 32 = 64, o_proj 64 x 128 */
    load_ok(put(f, "mini.json", "{\n" MINI_KEYS ",\n  \"head_dim\": 32,\n  \"num_key_value_heads\": 2,\n"
                                "  \"sliding_window\": 16,\n  \"tie_word_embeddings\": true,\n"
                                "  \"_name_or_path\": \"someone/Mini-2L\"\n}\n"),
            &c);
    m = &c.models[0];
    assert_string_equal(m->name, "someone/Mini-2L");
    assert_true(m->q_dim == 128 && m->kv_dim == 64 && m->kv_window == 16 && m->tied_embeddings == 1);
    assert_true(m->gemvs[0].n == 128 && m->gemvs[0].k == 64);
    assert_true(m->gemvs[1].n == 64 && m->gemvs[2].n == 64);
    assert_true(m->gemvs[3].n == 64 && m->gemvs[3].k == 128);
    llm_configs_free(&c);
    /* Qwen2 names a window it does not use; null is no window */
    load_ok(put(f, "mini.json", "{\n" MINI_KEYS ",\n  \"sliding_window\": 4096,\n  \"use_sliding_window\": false\n}"),
            &c);
    assert_true(c.models[0].kv_window == 0);
    llm_configs_free(&c);
    load_ok(put(f, "mini.json", "{\n" MINI_KEYS ",\n  \"sliding_window\": null,\n  \"head_dim\": null\n}"), &c);
    assert_true(c.models[0].kv_window == 0 && c.models[0].q_dim == 64);
    llm_configs_free(&c);
}

/* A config.json takes its folder's name, however the path spells it. */
static void config_json_takes_its_folder_name(void **state)
{
    fixture *f = *state;
    llm_configs c;
    load_ok(put(f, "Mini-2L/config.json", "{\n" MINI_KEYS "\n}\n"), &c);
    assert_string_equal(c.models[0].id, "Mini-2L");
    llm_configs_free(&c);
    char path[320];
    snprintf(path, sizeof path, "%s/Mini-2L//config.json", f->dir);
    load_ok(path, &c);
    assert_string_equal(c.models[0].id, "Mini-2L");
    llm_configs_free(&c);
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(path, sizeof path, "%s/Mini-2L", f->dir);
    assert_int_equal(chdir(path), 0);
    static const char *const spellings[] = {"config.json", "./config.json", "../Mini-2L/config.json"};
    for (size_t i = 0; i < 3; i++) {
        rl_error err = {{0}};
        int rc = llm_configs_load(&c, spellings[i], &err);
        if (rc == 0) {
            rc = strcmp(c.models[0].id, "Mini-2L");
            llm_configs_free(&c);
        }
        if (rc != 0) {
            assert_int_equal(chdir(cwd), 0);
            fail_msg("%s: %s", spellings[i], rc < 0 ? err.text : "not named Mini-2L");
        }
    }
    assert_int_equal(chdir(cwd), 0);
}

/* HF_CONFIG_MAX_BYTES of blanks is still read (and is no JSON); one more is not. */
static void refuses_a_file_over_the_bound(void **state)
{
    fixture *f = *state;
    size_t n = HF_CONFIG_MAX_BYTES + 1;
    char *text = malloc(n + 1);
    assert_non_null(text);
    memset(text, ' ', n);
    text[n] = '\0';
    char want[96];
    snprintf(want, sizeof want, "file larger than %d bytes, the most this reader accepts", HF_CONFIG_MAX_BYTES);
    expect_error(put(f, "big.json", text), want, 0);
    text[n - 1] = '\0';
    expect_error(put(f, "big.json", text), "malformed JSON", 1);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(llama_3_8b_matches_models_ini),
        cmocka_unit_test(tinyllama_matches_models_ini),
        cmocka_unit_test_setup_teardown(malformed_json_names_file_and_line, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_keys_name_the_key, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_other_architectures, setup, teardown),
        cmocka_unit_test_setup_teardown(reads_defaults_and_optional_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(config_json_takes_its_folder_name, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_a_file_over_the_bound, setup, teardown),
    };
    return cmocka_run_group_tests_name("common_hf_config", tests, NULL, NULL);
}
