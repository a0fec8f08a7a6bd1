/* output_set: several outputs replaced together. Every output is staged,
 * then all are renamed into place; a rename that fails midway (simulated
 * here by a folder standing where an output goes, and by a rename(2) that
 * fails on purpose) puts back the outputs already replaced, and when even
 * that fails the error names which outputs are new and which are not. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture_tree.h"
#include "output_set.h"

static char dir[128]; /* fx_tmpdir refuses a longer TMPDIR */

static int setup(void **state)
{
    (void)state;
    return fx_tmpdir(dir, sizeof dir, "rl_output_set");
}

static int teardown(void **state)
{
    (void)state;
    return fx_rmtree(dir);
}

static void at(char *out, size_t len, const char *name)
{
    snprintf(out, len, "%s/%s", dir, name);
}

static void put(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

/* The whole file, or "<absent>", or "<folder>". */
static const char *got(const char *path)
{
    static char buf[256];
    struct stat st;
    if (stat(path, &st) != 0)
        return "<absent>";
    if (S_ISDIR(st.st_mode))
        return "<folder>";
    FILE *fp = fopen(path, "r");
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return buf;
}

/* Nothing but the named entries is left in dir (no .partial. or .old.). */
static void only_outputs_left(int expected)
{
    char cmd[512]; /* two folder names of up to 127 bytes and the command */
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq %d && ! ls -A %s | grep -q -e '\\.partial\\.' -e '\\.old\\.'",
             dir, expected, dir);
    if (system(cmd) != 0) {
        snprintf(cmd, sizeof cmd, "ls -la %s >&2", dir);
        (void)system(cmd);
        fail_msg("left in %s: not just the %d outputs", dir, expected);
    }
}

static void clean(void)
{
    assert_int_equal(fx_rmtree(dir), 0);
    assert_int_equal(mkdir(dir, 0700), 0);
}

/* a, b, c staged as the set of one run; each staging file gets "new a" ... */
static void stage_three(output_set *s, char paths[3][256])
{
    rl_error err;
    output_set_init(s);
    static const char *const names[3] = {"a.csv", "b.csv", "c.csv"};
    for (int i = 0; i < 3; i++) {
        at(paths[i], sizeof paths[i], names[i]);
        const char *staged = output_set_stage(s, paths[i], &err);
        assert_non_null(staged);
        assert_non_null(strstr(staged, ".partial."));
        char text[32];
        snprintf(text, sizeof text, "new %c", 'a' + i);
        put(staged, text);
    }
}

static void all_are_replaced_together(void **state)
{
    (void)state;
    clean();
    char p[3][256];
    output_set s;
    rl_error err;
    at(p[0], sizeof p[0], "a.csv");
    put(p[0], "old a");
    stage_three(&s, p);
    assert_string_equal(got(p[0]), "old a"); /* nothing moves before the commit */
    assert_string_equal(got(p[1]), "<absent>");
    assert_int_equal(output_set_commit(&s, &err), 0);
    output_set_free(&s);
    assert_string_equal(got(p[0]), "new a");
    assert_string_equal(got(p[1]), "new b");
    assert_string_equal(got(p[2]), "new c");
    only_outputs_left(3);
}

static void a_run_that_stops_leaves_nothing(void **state)
{
    (void)state;
    clean();
    char p[3][256];
    output_set s;
    at(p[0], sizeof p[0], "a.csv");
    put(p[0], "old a");
    stage_three(&s, p);
    output_set_free(&s); /* a writer failed: no commit */
    assert_string_equal(got(p[0]), "old a");
    assert_string_equal(got(p[1]), "<absent>");
    only_outputs_left(1);
}

static void one_file_named_twice_is_refused(void **state)
{
    (void)state;
    clean();
    char path[256];
    output_set s;
    rl_error err;
    at(path, sizeof path, "same.csv");
    output_set_init(&s);
    assert_non_null(output_set_stage(&s, path, &err));
    assert_null(output_set_stage(&s, path, &err));
    assert_non_null(strstr(err.text, "is named for two outputs"));
    output_set_free(&s);
}

/* c.csv is a folder: its rename fails after a and b were renamed; both go
 * back, a to its earlier text and b (new to this run) away. */
static void a_failed_rename_puts_the_earlier_outputs_back(void **state)
{
    (void)state;
    clean();
    char p[3][256];
    output_set s;
    rl_error err;
    at(p[0], sizeof p[0], "a.csv");
    at(p[2], sizeof p[2], "c.csv");
    put(p[0], "old a");
    assert_int_equal(mkdir(p[2], 0777), 0);
    char inside[300];
    snprintf(inside, sizeof inside, "%s/keep", p[2]);
    put(inside, "x"); /* a folder that is not empty */
    stage_three(&s, p);
    assert_int_equal(output_set_commit(&s, &err), -1);
    output_set_free(&s);
    assert_non_null(strstr(err.text, "cannot rename "));
    assert_non_null(strstr(err.text, "c.csv: Is a directory"));
    assert_non_null(strstr(err.text, "no output was replaced: each is as it was before this run"));
    assert_string_equal(got(p[0]), "old a");
    assert_string_equal(got(p[1]), "<absent>");
    assert_string_equal(got(p[2]), "<folder>");
    only_outputs_left(2);
}

/* A rename(2) that fails from its nth call on: the commit's third rename,
 * and every rename back after it. */
static int calls, fail_from;
static int failing_rename(const char *from, const char *to)
{
    if (++calls >= fail_from) {
        errno = EIO;
        return -1;
    }
    return rename(from, to);
}

/* The undo fails too: a stays new (its earlier text could not be renamed
 * back), b is removed (it had none), c was never touched: the error says
 * which is which. */
static void when_the_undo_fails_the_error_names_new_and_old(void **state)
{
    (void)state;
    clean();
    char p[3][256];
    output_set s;
    rl_error err;
    at(p[0], sizeof p[0], "a.csv");
    at(p[2], sizeof p[2], "c.csv");
    put(p[0], "old a");
    put(p[2], "old c");
    stage_three(&s, p);
    calls = 0;
    fail_from = 3;
    output_set_rename = failing_rename;
    int rc = output_set_commit(&s, &err);
    output_set_rename = rename;
    output_set_free(&s);
    assert_int_equal(rc, -1);
    char want[2048];
    snprintf(want, sizeof want,
             "cannot rename %s.partial.%ld to %s: Input/output error; %s is new (this run's); "
             "%s, %s are as before",
             p[2], (long)getpid(), p[2], p[0], p[1], p[2]);
    assert_string_equal(err.text, want);
    assert_string_equal(got(p[0]), "new a");
    assert_string_equal(got(p[1]), "<absent>");
    assert_string_equal(got(p[2]), "old c");
    only_outputs_left(2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(all_are_replaced_together),
        cmocka_unit_test(a_run_that_stops_leaves_nothing),
        cmocka_unit_test(one_file_named_twice_is_refused),
        cmocka_unit_test(a_failed_rename_puts_the_earlier_outputs_back),
        cmocka_unit_test(when_the_undo_fails_the_error_names_new_and_old),
    };
    return cmocka_run_group_tests_name("common_output_set", tests, setup, teardown);
}
