/* output_set: several outputs replaced together. Every output is staged,
 * then all are renamed into place; a rename that fails midway (simulated
 * here by a folder standing where an output goes, and by a rename(2) that
 * fails on purpose) puts back the outputs already replaced, and when even
 * that fails the error names which outputs are new and which are not.
 * Issue 18: an output that is an input, or another output, by device and
 * inode rather than spelling, is refused before anything is staged; a
 * long name stages; a second writer waits for the first's lock; what a
 * killed run left is removed by the next, and measure's partial rows are
 * not; Ctrl-C while staging leaves nothing. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture_tree.h"
#include "interrupt_cleanup.h"
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

/* Nothing but the named entries is left in dir (no .staged., .partial. or
 * .old., and no lock unless one was taken). */
static void only_outputs_left(int expected)
{
    char cmd[640]; /* two folder names of up to 127 bytes and the command */
    snprintf(cmd, sizeof cmd,
             "test $(ls -A %s | grep -v -x -F " OUTPUT_SET_LOCK_NAME " | wc -l) -eq %d && "
             "! ls -A %s | grep -q -e '\\.staged\\.' -e '\\.partial\\.' -e '\\.old\\.'",
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
        assert_non_null(strstr(staged, ".staged."));
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
             "cannot rename %s.staged.%ld to %s: Input/output error; %s is new (this run's); "
             "%s, %s are as before",
             p[2], (long)getpid(), p[2], p[0], p[1], p[2]);
    assert_string_equal(err.text, want);
    assert_string_equal(got(p[0]), "new a");
    assert_string_equal(got(p[1]), "<absent>");
    assert_string_equal(got(p[2]), "old c");
    only_outputs_left(2);
}

/* The inputs by inode: the same path, a "./" spelling, a hard link and a
 * symbolic link are all the input; the summary named as the raw CSV was
 * written over it and model exited 0. Nothing is staged. */
static void an_output_that_is_an_input_is_refused(void **state)
{
    (void)state;
    clean();
    char raw[256], link_path[256], sym[256], dotted[300], other[256];
    at(raw, sizeof raw, "raw.csv");
    at(link_path, sizeof link_path, "hard.csv");
    at(sym, sizeof sym, "sym.csv");
    at(other, sizeof other, "m.csv");
    snprintf(dotted, sizeof dotted, "%s/./raw.csv", dir);
    put(raw, "measured");
    assert_int_equal(link(raw, link_path), 0);
    assert_int_equal(symlink("raw.csv", sym), 0);
    const char *outs[] = {raw, dotted, link_path, sym};
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++) {
        output_set s;
        rl_error err;
        output_set_init(&s);
        assert_int_equal(output_set_input(&s, raw, &err), 0);
        assert_non_null(output_set_stage(&s, other, &err));
        assert_null(output_set_stage(&s, outs[i], &err));
        char want[1024];
        snprintf(want, sizeof want, "output %s is the input %s (one file: device ", outs[i], raw);
        if (strstr(err.text, want) == NULL || strstr(err.text, "): name another output") == NULL)
            fail_msg("got '%s'", err.text);
        output_set_free(&s);
    }
    assert_string_equal(got(raw), "measured");
    only_outputs_left(3);
}

/* Two outputs that are one file: -o x.csv -s ./x.csv failed late, on a
 * rename, with a message that named neither option's file. */
static void two_spellings_of_one_output_are_refused(void **state)
{
    (void)state;
    clean();
    char a[256], b[300];
    at(a, sizeof a, "x.csv");
    snprintf(b, sizeof b, "%s/./x.csv", dir);
    output_set s;
    rl_error err;
    output_set_init(&s);
    assert_non_null(output_set_stage(&s, a, &err));
    assert_null(output_set_stage(&s, b, &err));
    char want[1024];
    snprintf(want, sizeof want, "%s is named for two outputs, as %s and %s (one name in one folder)", b, a, b);
    if (strstr(err.text, want) == NULL)
        fail_msg("got '%s'", err.text);
    output_set_free(&s);
    put(a, "there"); /* an existing file: by inode */
    output_set_init(&s);
    assert_non_null(output_set_stage(&s, b, &err));
    assert_null(output_set_stage(&s, a, &err));
    assert_non_null(strstr(err.text, "(one file: device "));
    output_set_free(&s);
}

/* A legal name of 250 bytes: "<name>.partial.<pid>.partial.XXXXXX" was
 * longer than a name may be, and the run failed. */
static void a_long_name_stages(void **state)
{
    (void)state;
    clean();
    char name[251], path[512];
    memset(name, 'n', 246);
    strcpy(name + 246, ".csv");
    snprintf(path, sizeof path, "%s/%s", dir, name);
    output_set s;
    rl_error err;
    output_set_init(&s);
    const char *staged = output_set_stage(&s, path, &err);
    assert_non_null(staged);
    assert_non_null(strstr(staged, "~"));
    put(staged, "long");
    assert_int_equal(output_set_commit(&s, &err), 0);
    output_set_free(&s);
    assert_string_equal(got(path), "long");
    only_outputs_left(1);
}

/* A child holds the folder's lock for a moment; the set waits for it and
 * says so. Two renders into one folder could both exit 0 and leave a mix
 * of their files. */
static void a_second_writer_waits(void **state)
{
    (void)state;
    clean();
    char lock[256], out[256];
    at(lock, sizeof lock, OUTPUT_SET_LOCK_NAME);
    at(out, sizeof out, "a.csv");
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(lock, O_RDWR | O_CREAT, 0666);
        flock(fd, LOCK_EX);
        ssize_t w = write(ready[1], "x", 1);
        (void)w;
        usleep(300 * 1000);
        _exit(0); /* the lock goes with the process */
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    output_set s;
    rl_error err;
    output_set_init(&s);
    assert_non_null(output_set_stage(&s, out, &err));
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    char said[256];
    at(said, sizeof said, "said.txt");
    int fd = open(said, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, STDERR_FILENO);
    int rc = output_set_lock(&s, "test", &err);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(fd);
    assert_int_equal(rc, 0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    char want[700];
    snprintf(want, sizeof want, "test: waiting: another run (pid %ld) is writing in %s (%s)\n", (long)pid, dir, lock);
    assert_string_equal(got(said), want);
    output_set_free(&s);
    unlink(said);
    close(ready[0]);
    close(ready[1]);
}

/* A run killed while staging (or committing) left "<name>.staged.<pid>"
 * and "<name>.old.<pid>" files that no later run removed. The next run
 * that holds the lock removes those of its own outputs; measure's partial
 * rows and other files stay. */
static void leftovers_of_a_killed_run_are_removed(void **state)
{
    (void)state;
    clean();
    static const char *const left[] = {"a.csv.staged.999999", "a.csv.staged.999999.partial.Xy12Zw",
                                       "a.csv.old.999999"};
    static const char *const kept[] = {"a.csv.partial.123456", "a.csv.staged.notapid", "b.csv.staged.999999",
                                       "a.csv.old.1.2"};
    char path[256];
    for (size_t i = 0; i < 3; i++) {
        at(path, sizeof path, left[i]);
        put(path, "left");
    }
    for (size_t i = 0; i < 4; i++) {
        at(path, sizeof path, kept[i]);
        put(path, "kept");
    }
    output_set s;
    rl_error err;
    output_set_init(&s);
    at(path, sizeof path, "a.csv");
    assert_non_null(output_set_stage(&s, path, &err));
    assert_int_equal(output_set_lock(&s, "test", &err), 0);
    output_set_free(&s);
    for (size_t i = 0; i < 3; i++) {
        at(path, sizeof path, left[i]);
        assert_string_equal(got(path), "<absent>");
    }
    for (size_t i = 0; i < 4; i++) {
        at(path, sizeof path, kept[i]);
        assert_string_equal(got(path), "kept");
    }
}

/* Ctrl-C while the outputs are staged: every staging file goes, the earlier
 * output stays, and the process ends by the signal. */
static void ctrl_c_while_staging_leaves_nothing(void **state)
{
    (void)state;
    clean();
    char p[3][256];
    at(p[0], sizeof p[0], "a.csv");
    put(p[0], "old a");
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        interrupt_cleanup_install();
        output_set s;
        stage_three(&s, p);
        ssize_t w = write(ready[1], "x", 1);
        (void)w;
        pause();
        _exit(3);
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    kill(pid, SIGINT);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
    assert_string_equal(got(p[0]), "old a");
    only_outputs_left(1);
    close(ready[0]);
    close(ready[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_output_that_is_an_input_is_refused),
        cmocka_unit_test(two_spellings_of_one_output_are_refused),
        cmocka_unit_test(a_long_name_stages),
        cmocka_unit_test(a_second_writer_waits),
        cmocka_unit_test(leftovers_of_a_killed_run_are_removed),
        cmocka_unit_test(ctrl_c_while_staging_leaves_nothing),
        cmocka_unit_test(all_are_replaced_together),
        cmocka_unit_test(a_run_that_stops_leaves_nothing),
        cmocka_unit_test(one_file_named_twice_is_refused),
        cmocka_unit_test(a_failed_rename_puts_the_earlier_outputs_back),
        cmocka_unit_test(when_the_undo_fails_the_error_names_new_and_old),
    };
    return cmocka_run_group_tests_name("common_output_set", tests, setup, teardown);
}
