/* The decode step's plan (common/decode_plan.h) on TinyLlama-1.1B's shapes:
 * launches, inputs and bytes counted by hand from the GEMV rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "decode_plan.h"

/* TinyLlama-1.1B (models.ini): 22 layers, hidden 2048, MLP 5632, KV 256. */
static llm_gemv tiny_gemvs[] = {
    {"q_proj", 2048, 2048, 0},    {"k_proj", 256, 2048, 1},   {"v_proj", 256, 2048, 1},
    {"o_proj", 2048, 2048, 0},    {"gate_proj", 5632, 2048, 0}, {"up_proj", 5632, 2048, 1},
    {"down_proj", 2048, 5632, 0},
};

static llm_config tiny(void)
{
    llm_config m = {0};
    m.id = "tinyllama-1.1b";
    m.layers = 22;
    m.hidden = 2048;
    m.vocab = 32000;
    m.q_dim = 2048;
    m.kv_dim = 256;
    m.gemvs = tiny_gemvs;
    m.ngemvs = sizeof tiny_gemvs / sizeof tiny_gemvs[0];
    m.lm_head_n = 32000;
    m.lm_head_k = 2048;
    return m;
}

static const weight_format *fmt(const char *name)
{
    const weight_format *f = weight_format_find(name);
    assert_non_null(f);
    return f;
}

/* w4a16_g128, fused, batch 1: each launch nk/2 + 2nk/128 + 2k + 2n.
 *   q/k/v  n 2560 k 2048: 2621440 + 81920 + 4096 + 5120   = 2712576
 *   o      n 2048 k 2048: 2097152 + 65536 + 4096 + 4096   = 2170880
 *   gate/up n 11264 k 2048: 11534336 + 360448 + 4096 + 22528 = 11921408
 *   down   n 2048 k 5632: 5767168 + 180224 + 11264 + 4096 = 5962752
 *   a layer 22767616; LM head n 32000 k 2048: 32768000 + 1024000 + 4096
 *   + 64000 = 33860096; 22 layers and the head: 534747648. */
static void tinyllama_fused_bytes(void **state)
{
    (void)state;
    llm_config m = tiny();
    decode_plan p;
    rl_error err;
    assert_int_equal(decode_plan_build(&p, &m, fmt("w4a16_g128"), 1, 22, 1, &err), 0);
    assert_int_equal(p.nlaunches, 22 * 4 + 1);
    assert_int_equal(p.nmatrices, 22 * 4 + 1);
    assert_int_equal(p.bytes, 534747648u);
    /* flop: 2 x weights = 2 x (22 x (2560 + 2048 + 11264) x 2048 + 22 x 2048 x 5632 + 32000 x 2048) */
    assert_int_equal(p.flop, 2u * (22u * 15872u * 2048u + 22u * 2048u * 5632u + 32000u * 2048u));
    /* weights: the same without activations and outputs: a layer 2703360 + 2162688 + 11894784 +
     * 5947392 = 22708224, the head 33792000 */
    assert_int_equal(p.weight_bytes, 22u * 22708224u + 33792000u);
    assert_int_equal(p.launches[0].n, 2560);
    assert_int_equal(p.launches[2].n, 11264);
    assert_int_equal(p.launches[88].n, 32000);
    decode_plan_free(&p);
}

/* Unfused: q, k and v read x once each: 2 x 4096 more per layer, gate and
 * up 4096 more; 22 x 7 + 1 launches. */
static void tinyllama_unfused_bytes(void **state)
{
    (void)state;
    llm_config m = tiny();
    decode_plan p;
    rl_error err;
    assert_int_equal(decode_plan_build(&p, &m, fmt("w4a16_g128"), 1, 22, 0, &err), 0);
    assert_int_equal(p.nlaunches, 22 * 7 + 1);
    assert_int_equal(p.nmatrices, 22 * 4 + 1);
    assert_int_equal(p.bytes, 534747648u + 22u * 3u * 4096u);
    /* k_proj: rows 2048..2303 of the stacked q/k/v matrix */
    assert_int_equal(p.launches[1].matrix, 0);
    assert_int_equal(p.launches[1].row0, 2048);
    assert_int_equal(p.launches[1].n, 256);
    assert_int_equal(p.launches[2].row0, 2304);
    assert_int_equal(p.launches[5].row0, 5632); /* up_proj in gate/up */
    decode_plan_free(&p);
}

/* Each group reads the nearest earlier output with at least K values. */
static void inputs_follow_the_layer(void **state)
{
    (void)state;
    llm_config m = tiny();
    decode_plan p;
    rl_error err;
    assert_int_equal(decode_plan_build(&p, &m, fmt("fp16"), 1, 2, 0, &err), 0);
    /* layer 0: q k v o gate up down = launches 0..6, layer 1: 7..13, head 14 */
    const long want[] = {-1, -1, -1, 0, 3, 3, 5, 6, 6, 6, 7, 10, 10, 12, 13};
    assert_int_equal(p.nlaunches, 15);
    for (size_t l = 0; l < p.nlaunches; l++)
        assert_int_equal(p.launches[l].input, want[l]);
    assert_int_equal(p.input_k, 2048);
    decode_plan_free(&p);
    assert_int_equal(decode_plan_build(&p, &m, fmt("fp16"), 4, 2, 1, &err), 0);
    const long fused[] = {-1, 0, 1, 2, 3, 4, 5, 6, 7};
    assert_int_equal(p.nlaunches, 9);
    for (size_t l = 0; l < p.nlaunches; l++)
        assert_int_equal(p.launches[l].input, fused[l]);
    decode_plan_free(&p);
}

/* fp16, fused, one layer, batch 1, one copy: weights 2 x (2560 + 2048 +
 * 11264) x 2048 + 2 x 2048 x 5632 + 2 x 32000 x 2048 = 65011712 + 23068672
 * + 131072000 = 219152384; x0 4096; outputs 2 x (2560 + 2048 + 11264 +
 * 2048 + 32000) = 99840. */
static void device_bytes_and_fit(void **state)
{
    (void)state;
    llm_config m = tiny();
    decode_plan p;
    rl_error err;
    assert_int_equal(decode_plan_build(&p, &m, fmt("fp16"), 1, 1, 1, &err), 0);
    assert_int_equal(decode_plan_device_bytes(&p, 1), 219152384u + 4096u + 99840u);
    assert_int_equal(decode_plan_device_bytes(&p, 2), 2u * 219152384u + 4096u + 99840u);
    decode_plan_free(&p);
    assert_int_equal(decode_plan_build(&p, &m, fmt("fp16"), 1, 3, 1, &err), 0);
    const uint64_t three = decode_plan_device_bytes(&p, 1);
    decode_plan_free(&p);
    assert_int_equal(decode_layers_that_fit(&m, fmt("fp16"), 1, 1, 1, three), 3);
    assert_int_equal(decode_layers_that_fit(&m, fmt("fp16"), 1, 1, 1, three - 1), 2);
    assert_int_equal(decode_layers_that_fit(&m, fmt("fp16"), 1, 1, 1, 219152384u), 0);
    assert_int_equal(decode_layers_that_fit(&m, fmt("fp16"), 1, 1, 1, UINT64_MAX / 4), 22);
}

static void bad_plans_are_refused(void **state)
{
    (void)state;
    llm_config m = tiny();
    decode_plan p;
    rl_error err;
    assert_int_equal(decode_plan_build(&p, &m, fmt("fp16"), 0, 22, 1, &err), -1);
    assert_int_equal(decode_plan_build(&p, &m, fmt("fp16"), 17, 22, 1, &err), -1);
    assert_int_equal(decode_plan_build(&p, &m, fmt("fp16"), 1, 23, 1, &err), -1);
    assert_int_equal(decode_plan_build(&p, &m, fmt("fp16"), 1, 0, 1, &err), -1);
    /* a K of 5696 is not a whole number of groups of 128 */
    tiny_gemvs[6].k = 5632 + 64;
    assert_int_equal(decode_plan_build(&p, &m, fmt("w4a16_g128"), 1, 1, 1, &err), -1);
    tiny_gemvs[6].k = 5632;
    /* a shared_input group must share K */
    tiny_gemvs[5].k = 4096;
    assert_int_equal(decode_plan_build(&p, &m, fmt("fp16"), 1, 1, 1, &err), -1);
    tiny_gemvs[5].k = 2048;
    m.layers = UINT64_MAX / 2;
    assert_int_equal(decode_plan_build(&p, &m, fmt("fp16"), 1, m.layers, 1, &err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tinyllama_fused_bytes),   cmocka_unit_test(tinyllama_unfused_bytes),
        cmocka_unit_test(inputs_follow_the_layer), cmocka_unit_test(device_bytes_and_fit),
        cmocka_unit_test(bad_plans_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
