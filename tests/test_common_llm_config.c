/* The LLM config reader (common/llm_config.c) beyond what
 * test_model_decode.c checks: shared_input groups, tied embeddings, files
 * that are not regular files, and the size bound of the reader under it
 * (common/whole_file.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture_tree.h"
#include "ini_doc.h"
#include "llm_config.h"

static const char TINY[] = "[model tiny]\n"
                           "name = Tiny\n"
                           "source = test\n"
                           "layers = 2\n"
                           "hidden = 64\n"
                           "vocab = 100\n"
                           "q_dim = 128\n"
                           "kv_dim = 128\n"
                           "gemv = up 256 128\n"
                           "gemv = down 128 256\n"
                           "lm_head = 100 128\n";

/* A Llama-style layer; line numbers matter: errors are checked against them. */
static const char LAYER[] = "[model t]\n"                /* 1 */
                            "name = T\n"                 /* 2 */
                            "source = test\n"            /* 3 */
                            "layers = 1\n"               /* 4 */
                            "hidden = 64\n"              /* 5 */
                            "vocab = 100\n"              /* 6 */
                            "q_dim = 64\n"               /* 7 */
                            "kv_dim = 16\n"              /* 8 */
                            "gemv = q_proj 64 64\n"      /* 9 */
                            "gemv = k_proj 16 64\n"      /* 10 */
                            "gemv = v_proj 16 64\n"      /* 11 */
                            "gemv = o_proj 64 64\n"      /* 12 */
                            "gemv = gate_proj 128 64\n"  /* 13 */
                            "gemv = up_proj 128 64\n"    /* 14 */
                            "gemv = down_proj 64 128\n"  /* 15 */
                            "lm_head = 100 64\n";        /* 16 */

typedef struct fixture {
    char dir[128];
    char path[256];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL || fx_tmpdir(f->dir, sizeof f->dir, "test_llm_config") != 0) {
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

/* f->path = dir/rel, holding text (when not NULL). */
static const char *put(fixture *f, const char *rel, const char *text)
{
    snprintf(f->path, sizeof f->path, "%s/%s", f->dir, rel);
    if (text != NULL)
        assert_int_equal(fx_write(f->dir, rel, text), 0);
    return f->path;
}

/* Loads path, which must fail with an error holding want and, when line > 0,
 * "(path:line)". */
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
    snprintf(where, sizeof where, "(%s:%ld)", path, line);
    if (line > 0 && strstr(err.text, where) == NULL)
        fail_msg("error '%s' does not name %s", err.text, where);
}

/* dir/name = a then b; returns its path. */
static const char *put2(fixture *f, const char *name, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *text = malloc(la + lb + 1);
    assert_non_null(text);
    memcpy(text, a, la);
    memcpy(text + la, b, lb + 1);
    put(f, name, text);
    free(text);
    return f->path;
}

static void load_ok(const char *path, llm_configs *c)
{
    rl_error err = {{0}};
    if (llm_configs_load(c, path, &err) != 0)
        fail_msg("%s", err.text);
}

/* q, k, v: one group; gate, up: another; o and down alone. A group may come
 * before the GEMVs it names. */
static void reads_shared_input_groups(void **state)
{
    fixture *f = *state;
    static const int want[] = {0, 1, 1, 0, 0, 1, 0}; /* q k v o gate up down */
    llm_configs c;
    load_ok(put2(f, "t.ini", LAYER, "shared_input = q_proj k_proj v_proj\nshared_input = gate_proj up_proj\n"), &c);
    assert_int_equal(c.models[0].ngemvs, 7);
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(c.models[0].gemvs[i].same_input_as_prev, want[i]);
    assert_int_equal(c.models[0].tied_embeddings, 0);
    llm_configs_free(&c);
    /* the groups above the gemv lines, tab-separated names */
    char moved[sizeof LAYER + 80];
    snprintf(moved, sizeof moved, "%.*sshared_input = gate_proj\tup_proj\nshared_input = q_proj k_proj v_proj\n%s",
             (int)(strstr(LAYER, "gemv") - LAYER), LAYER, strstr(LAYER, "gemv"));
    load_ok(put(f, "moved.ini", moved), &c);
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(c.models[0].gemvs[i].same_input_as_prev, want[i]);
    llm_configs_free(&c);
    /* without groups, every GEMV reads its own input */
    load_ok(put2(f, "none.ini", LAYER, ""), &c);
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(c.models[0].gemvs[i].same_input_as_prev, 0);
    llm_configs_free(&c);
}

static void bad_shared_input_names_its_line(void **state)
{
    fixture *f = *state;
    expect_error(put2(f, "t.ini", LAYER, "shared_input = q_proj v_proj\n"),
                 "shared_input: v_proj is not the gemv right after q_proj", 17);
    expect_error(put2(f, "t.ini", LAYER, "shared_input = k_proj q_proj\n"),
                 "shared_input: q_proj is not the gemv right after k_proj", 17);
    expect_error(put2(f, "t.ini", LAYER, "shared_input = up_proj down_proj\n"),
                 "shared_input: down_proj has K 128, up_proj has K 64", 17);
    expect_error(put2(f, "t.ini", LAYER, "shared_input = q_proj x_proj\n"),
                 "shared_input: no gemv named x_proj in [model t]", 17);
    expect_error(put2(f, "t.ini", LAYER, "shared_input = q_proj k_proj\nshared_input = k_proj v_proj\n"),
                 "shared_input: k_proj is already in the group of line 17", 18);
    expect_error(put2(f, "t.ini", LAYER, "shared_input = q_proj k_proj v_proj\nshared_input = v_proj o_proj\n"),
                 "shared_input: v_proj is already in the group of line 17", 18);
    expect_error(put2(f, "t.ini", LAYER, "shared_input = q_proj\n"),
                 "shared_input: 'q_proj' names fewer than two GEMVs", 17);
    expect_error(put2(f, "t.ini", LAYER, "shared_input = q_proj q_proj\n"),
                 "shared_input: q_proj is not the gemv right after q_proj", 17);
    /* the names must be unique for a group to say which GEMV it means */
    expect_error(put2(f, "t.ini", LAYER, "gemv = k_proj 16 64\n"), "gemv k_proj given twice in [model t]", 17);
}

static void reads_tied_embeddings(void **state)
{
    fixture *f = *state;
    llm_configs c;
    load_ok(put2(f, "t.ini", LAYER, "tied_embeddings = yes\n"), &c);
    assert_int_equal(c.models[0].tied_embeddings, 1);
    llm_configs_free(&c);
    load_ok(put2(f, "t.ini", LAYER, "tied_embeddings = no\n"), &c);
    assert_int_equal(c.models[0].tied_embeddings, 0);
    llm_configs_free(&c);
    expect_error(put2(f, "t.ini", LAYER, "tied_embeddings = true\n"), "tied_embeddings: 'true' is not yes or no",
                 17);
    expect_error(put2(f, "t.ini", LAYER, "tied_embeddings = no\ntied_embeddings = no\n"),
                 "tied_embeddings given twice in [model t]", 18);
    /* TINY's head is 100 x 128, its table 100 x 64: they cannot be one matrix */
    expect_error(put2(f, "t.ini", TINY, "tied_embeddings = yes\n"),
                 "tied_embeddings = yes, but lm_head 100 128 is not the embedding table, vocab x hidden 100 64", 12);
}

/* Every model of the shipped specs/llm/models.ini is Llama-style: q/k/v and
 * gate/up are its two groups. */
static void shipped_models_have_two_groups(void **state)
{
    (void)state;
    static const int want[] = {0, 1, 1, 0, 0, 1, 0};
    llm_configs c;
    char path[256];
    const char *tests = getenv("TESTS_DIR");
    snprintf(path, sizeof path, "%s/../specs/llm/models.ini", tests != NULL ? tests : "tests");
    load_ok(path, &c);
    assert_int_equal(c.count, 4);
    for (size_t m = 0; m < c.count; m++) {
        assert_int_equal(c.models[m].ngemvs, 7);
        for (size_t i = 0; i < 7; i++)
            assert_int_equal(c.models[m].gemvs[i].same_input_as_prev, want[i]);
    }
    llm_configs_free(&c);
}

/* Issue 18: model --llm <(cat models.ini) read nothing, because the reader
 * read the file once to check it, then rewound, and a rewind on a pipe fails
 * without a word. A FIFO fed by a child process stands in for the pipe. */
static void reads_a_fifo(void **state)
{
    fixture *f = *state;
    const char *path = put(f, "llm.fifo", NULL);
    assert_int_equal(mkfifo(path, 0600), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        FILE *fp = fopen(path, "w");
        _exit(fp != NULL && fputs(TINY, fp) >= 0 && fclose(fp) == 0 ? 0 : 1);
    }
    llm_configs c;
    rl_error err = {{0}};
    int rc = llm_configs_load(&c, path, &err);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    if (rc != 0)
        fail_msg("%s", err.text);
    assert_int_equal(c.count, 1);
    assert_string_equal(c.models[0].id, "tiny");
    assert_int_equal(c.models[0].ngemvs, 2);
    assert_true(c.models[0].lm_head_n == 100 && c.models[0].lm_head_k == 128);
    llm_configs_free(&c);
}

/* INI_DOC_MAX_BYTES of comment lines load (and find no model); one byte
 * more is refused before the text is parsed. */
static void refuses_a_file_over_the_bound(void **state)
{
    fixture *f = *state;
    size_t n = INI_DOC_MAX_BYTES;
    char *text = malloc(n + 2);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        text[i] = i % 64 == 63 ? '\n' : '#';
    text[n] = '\0';
    assert_int_equal(fx_write(f->dir, "big.ini", text), 0);
    const char *path = put(f, "big.ini", NULL);
    expect_error(path, "no [model ID] section", 0);
    text[n] = '#';
    text[n + 1] = '\0';
    put(f, "big.ini", text);
    char want[96];
    snprintf(want, sizeof want, "file larger than %d bytes, the most this reader accepts", INI_DOC_MAX_BYTES);
    expect_error(path, want, 0);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(reads_shared_input_groups, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_shared_input_names_its_line, setup, teardown),
        cmocka_unit_test_setup_teardown(reads_tied_embeddings, setup, teardown),
        cmocka_unit_test_setup_teardown(shipped_models_have_two_groups, NULL, NULL),
        cmocka_unit_test_setup_teardown(reads_a_fifo, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_a_file_over_the_bound, setup, teardown),
    };
    return cmocka_run_group_tests_name("common_llm_config", tests, NULL, NULL);
}
