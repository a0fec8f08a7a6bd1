/* LLM configurations (common/llm_config.c) and decode predictions
 * (model/decode.c): a hand-made two-layer model whose every count is worked
 * out below, and bad configuration files that must fail naming their line. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../model/decode.h"
#include "llm_config.h"

#define assert_close(a, b) assert_true(fabs((a) - (b)) <= 1e-9 * fmax(1.0, fabs(b)))

/* Line numbers matter: errors below are checked against them. */
static const char TINY[] = "[model tiny]\n"           /* 1 */
                           "name = Tiny\n"            /* 2 */
                           "source = test\n"          /* 3 */
                           "layers = 2\n"             /* 4 */
                           "hidden = 64\n"            /* 5 */
                           "vocab = 100\n"            /* 6 */
                           "q_dim = 128\n"            /* 7 */
                           "kv_dim = 128\n"           /* 8 */
                           "gemv = up 256 128\n"      /* 9 */
                           "gemv = down 128 256\n"    /* 10 */
                           "lm_head = 100 128\n";     /* 11 */

static char path[64];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/test_model_decode_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return unlink(path);
}

static void write_file(const char *a, const char *b)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(a, fp);
    fputs(b, fp);
    assert_int_equal(fclose(fp), 0);
}

static void load_tiny(llm_configs *c, const char *more)
{
    write_file(TINY, more);
    rl_error err = {{0}};
    if (llm_configs_load(c, path, &err) != 0)
        fail_msg("%s", err.text);
}

static void loads_a_config(void **state)
{
    (void)state;
    llm_configs c;
    load_tiny(&c, "\n[model other]\nname = O\nsource = t\nlayers = 1\nhidden = 8\nvocab = 8\n"
                  "q_dim = 8\nkv_dim = 8\nkv_window = 4\ngemv = a 8 8\nlm_head = 8 8\n");
    assert_int_equal(c.count, 2);
    const llm_config *m = llm_configs_find(&c, "tiny");
    assert_non_null(m);
    assert_string_equal(m->name, "Tiny");
    assert_true(m->layers == 2 && m->hidden == 64 && m->vocab == 100 && m->q_dim == 128 && m->kv_dim == 128);
    assert_true(m->kv_window == 0);
    assert_int_equal(m->ngemvs, 2);
    assert_string_equal(m->gemvs[1].name, "down");
    assert_true(m->gemvs[1].n == 128 && m->gemvs[1].k == 256);
    assert_true(m->lm_head_n == 100 && m->lm_head_k == 128);
    assert_true(llm_configs_find(&c, "other")->kv_window == 4);
    llm_configs_free(&c);
}

static void selects_models_by_id(void **state)
{
    (void)state;
    llm_configs c;
    const char *other = "\n[model other]\nname = O\nsource = t\nlayers = 1\nhidden = 8\nvocab = 8\n"
                        "q_dim = 8\nkv_dim = 8\ngemv = a 8 8\nlm_head = 8 8\n";
    load_tiny(&c, other);
    rl_error err = {{0}};
    assert_int_equal(llm_configs_select(&c, "other", &err), 0);
    assert_int_equal(c.count, 1);
    assert_string_equal(c.models[0].id, "other");
    llm_configs_free(&c);
    load_tiny(&c, other);
    assert_int_equal(llm_configs_select(&c, "tiny,nope", &err), -1);
    assert_non_null(strstr(err.text, "unknown model config 'nope'"));
    assert_non_null(strstr(err.text, "has tiny, other)"));
    assert_int_equal(c.count, 2); /* a failed selection keeps every model */
    assert_int_equal(llm_configs_select(&c, "", &err), -1);
    llm_configs_free(&c);
}

static void expect_error(const char *a, const char *b, const char *want, long line)
{
    write_file(a, b);
    llm_configs c;
    rl_error err = {{0}};
    if (llm_configs_load(&c, path, &err) == 0) {
        llm_configs_free(&c);
        fail_msg("loaded a config that should fail with '%s'", want);
    }
    if (strstr(err.text, want) == NULL)
        fail_msg("error '%s' does not say '%s'", err.text, want);
    char where[96];
    snprintf(where, sizeof where, "(%s:%ld)", path, line);
    if (line > 0 && strstr(err.text, where) == NULL)
        fail_msg("error '%s' does not name %s", err.text, where);
}

static void bad_configs_name_their_line(void **state)
{
    (void)state;
    /* TINY without its last line: no lm_head, reported at the [model tiny] header */
    char no_head[sizeof TINY];
    snprintf(no_head, sizeof no_head, "%s", TINY);
    *strstr(no_head, "lm_head") = '\0';
    expect_error(no_head, "", "[model tiny] has no lm_head", 1);
    expect_error(TINY, "heads = 32\n", "unknown key heads in [model tiny]", 12);
    expect_error(TINY, "layers = 3\n", "layers given twice in [model tiny]", 12);
    expect_error(TINY, "kv_window = 0\n", "kv_window: '0' is not an integer > 0", 12);
    expect_error(TINY, "gemv = gate 256\n", "gemv: 'gate 256' is not NAME N K", 12);
    expect_error(TINY, "gemv = gate 256 x\n", "gemv gate: N and K must be integers > 0", 12);
    expect_error(TINY, "[model tiny]\nname = again\n", "model tiny defined twice", 12);
    expect_error(TINY, "[llm x]\nname = x\n", "unknown section [llm x], expected [model ID]", 12);
    expect_error("hidden = 4\n", TINY, "key hidden outside any [model ID] section", 1);
    expect_error("# nothing\n", "", "no [model ID] section", 0);
}

/* The tiny model at a context of 10 tokens, fp16:
 *   up   256 x 128: matrix 2*256*128 = 65536 B + activations 2*128 + outputs 2*256 = 66304 B,
 *                   65536 flop
 *   down 128 x 256: 65536 + 512 + 256 = 66304 B, 65536 flop
 *   head 100 x 128: 25600 + 256 + 200 = 26056 B, 25600 flop
 *   attention, per layer: K and V 2*10*128*2 = 5120 B + q in and out 2*128*2 = 512 -> 5632 B;
 *                   4*10*128 = 5120 flop
 *   calls: 2 layers x 2 GEMVs + head = 5 GEMVs, + 2 attention = 7
 *   weights: embedding 100*64*2 = 12800 + 2*(65536 + 65536) + 25600 = 300544 B
 *   KV cache: 2 * 2 layers * 10 * 128 * 2 = 10240 B
 *   per token: 2*5632 + 2*(66304 + 66304) + 26056 = 302536 B; 2*5120 + 4*65536 + 25600 = 297984 flop */
static void counts_a_token_by_hand(void **state)
{
    (void)state;
    llm_configs c;
    load_tiny(&c, "");
    decode_counts k;
    assert_int_equal(decode_count(&c.models[0], weight_format_find("fp16"), 10, &k), 0);
    assert_int_equal(k.kv_tokens, 10);
    assert_int_equal(k.gemv_calls, 5);
    assert_int_equal(k.calls, 7);
    assert_int_equal(k.weight_bytes, 300544);
    assert_int_equal(k.kv_cache_bytes, 10240);
    assert_int_equal(k.bytes_per_token, 302536);
    assert_int_equal(k.flop_per_token, 297984);
    /* w4a16_g128: up and down 128*256/2 = 16384 + scales 2*32768/128 = 512 -> 16896 B each;
     * head 100*128/2 = 6400 + 2*100 = 200 -> 6600; weights 12800 + 2*(16896*2) + 6600 = 86984 */
    assert_int_equal(decode_count(&c.models[0], weight_format_find("w4a16_g128"), 10, &k), 0);
    assert_int_equal(k.weight_bytes, 86984);
    /* a sliding window of 4 keeps 4 tokens: KV 2*2*4*128*2 = 4096 B */
    c.models[0].kv_window = 4;
    assert_int_equal(decode_count(&c.models[0], weight_format_find("fp16"), 10, &k), 0);
    assert_int_equal(k.kv_tokens, 4);
    assert_int_equal(k.kv_cache_bytes, 4096);
    /* context 0, the weights-only step measure times: no KV cache, no attention call;
     * 2*(66304 + 66304) + 26056 = 291272 B and 2*65536*2 + 25600 = 287744 flop */
    c.models[0].kv_window = 0;
    assert_int_equal(decode_count(&c.models[0], weight_format_find("fp16"), 0, &k), 0);
    assert_int_equal(k.kv_tokens, 0);
    assert_int_equal(k.calls, 5);
    assert_int_equal(k.kv_cache_bytes, 0);
    assert_int_equal(k.bytes_per_token, 291272);
    assert_int_equal(k.flop_per_token, 287744);
    /* K = 96 is no multiple of 128: w4a16_g128 cannot store it, fp16 can */
    c.models[0].gemvs[0].k = 96;
    assert_int_equal(decode_count(&c.models[0], weight_format_find("w4a16_g128"), 10, &k), -1);
    assert_int_equal(decode_count(&c.models[0], weight_format_find("fp16"), 10, &k), 0);
    llm_configs_free(&c);
}

/* A one-GEMV model whose LM head is vocab x hidden, so it may be tied. fp16:
 *   embedding table 100 x 64 x 2 = 12800 B; up 2 layers x 2*256*64 = 65536 B;
 *   head 2*100*64 = 12800 B. Untied: 12800 + 65536 + 12800 = 91136 B.
 *   Tied, the head is the table: 65536 + 12800 = 78336 B, 12800 = vocab x hidden x 2 less.
 *   Bytes per token do not change: the head's GEMV reads its matrix either way. */
static void tied_embeddings_drop_the_table(void **state)
{
    (void)state;
    static const char HEAD[] = "[model t]\nname = T\nsource = test\nlayers = 2\nhidden = 64\nvocab = 100\n"
                               "q_dim = 64\nkv_dim = 64\ngemv = up 256 64\nlm_head = 100 64\n";
    const weight_format *fp16 = weight_format_find("fp16");
    llm_configs c;
    rl_error err = {{0}};
    decode_counts untied, tied;
    write_file(HEAD, "tied_embeddings = no\n");
    if (llm_configs_load(&c, path, &err) != 0)
        fail_msg("%s", err.text);
    assert_int_equal(c.models[0].tied_embeddings, 0);
    assert_int_equal(decode_count(&c.models[0], fp16, 10, &untied), 0);
    llm_configs_free(&c);
    write_file(HEAD, "tied_embeddings = yes\n");
    if (llm_configs_load(&c, path, &err) != 0)
        fail_msg("%s", err.text);
    assert_int_equal(c.models[0].tied_embeddings, 1);
    assert_int_equal(decode_count(&c.models[0], fp16, 10, &tied), 0);
    llm_configs_free(&c);
    assert_int_equal(untied.weight_bytes, 91136);
    assert_int_equal(tied.weight_bytes, 78336);
    assert_int_equal(untied.weight_bytes - tied.weight_bytes, 100 * 64 * 2);
    assert_int_equal(tied.bytes_per_token, untied.bytes_per_token);
}

/* At 1000 GB/s (1e6 B/us) and 10000 GFLOP/s every call is memory-bound:
 * 302536 / 1e6 = 0.302536 us; with a 1 us floor on each of 7 calls, 7.302536.
 * At 10 GFLOP/s (1e4 flop/us) every call is compute-bound: 297984 / 1e4 = 29.7984 us. */
static void times_a_token_by_hand(void **state)
{
    (void)state;
    llm_configs c;
    load_tiny(&c, "");
    const weight_format *fp16 = weight_format_find("fp16");
    decode_ceilings ceil = {1000, 10000, NAN};
    assert_close(decode_time_us(&c.models[0], fp16, 10, &ceil), 0.302536);
    ceil.floor_us = 1.0;
    assert_close(decode_time_us(&c.models[0], fp16, 10, &ceil), 7.302536);
    /* context 0: the 5 GEMV calls alone, 291272 B: 0.291272 us + 5 floors */
    assert_close(decode_time_us(&c.models[0], fp16, 0, &ceil), 5.291272);
    decode_ceilings slow = {1000, 10, NAN};
    assert_close(decode_time_us(&c.models[0], fp16, 10, &slow), 29.7984);
    decode_ceilings none = {0, 10, NAN};
    assert_true(isnan(decode_time_us(&c.models[0], fp16, 10, &none)));
    llm_configs_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(loads_a_config, setup, teardown),
        cmocka_unit_test_setup_teardown(selects_models_by_id, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_configs_name_their_line, setup, teardown),
        cmocka_unit_test_setup_teardown(counts_a_token_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(times_a_token_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(tied_embeddings_drop_the_table, setup, teardown),
    };
    return cmocka_run_group_tests_name("model_decode", tests, NULL, NULL);
}
