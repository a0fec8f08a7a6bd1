/* The LLM config readers (common/llm_config.c, common/hf_config.c) beyond
 * what test_model_decode.c checks: files that are not regular files, and the
 * size bound of the reader under both (common/whole_file.c). */
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
        cmocka_unit_test_setup_teardown(reads_a_fifo, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_a_file_over_the_bound, setup, teardown),
    };
    return cmocka_run_group_tests_name("common_llm_config", tests, NULL, NULL);
}
