/* What an interrupted measure leaves behind, without a GPU.
 *
 * measure writes its rows through csv_writer (common/csv_row.h): each row is
 * flushed to "<path>.partial.XXXXXX" as it is measured, and only
 * csv_writer_commit renames that over <path>. A child process here opens a
 * writer over an earlier CSV, writes two rows and is then killed (SIGINT
 * with its default action, as Ctrl-C does, and SIGKILL, which nothing can
 * catch). The earlier CSV must be byte for byte what it was, and the
 * partial file, named as such, must hold the header and both rows. A disk
 * that fills mid-run must stop the writer at that row, not at the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csv_row.h"
#include "csv_schema.h"
#include "csv_table.h"

static const char EARLIER[] = "run_id,device\r\nearlier-run,An earlier GPU\r\n";

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fputs(text, fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
}

static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return buf;
}

static void fill_row(csv_row *row, const char *run_id)
{
    csv_row_clear(row);
    for (int c = 0; c < (int)RAW_CSV_SCHEMA.count; c++)
        if (RAW_CSV_SCHEMA.columns[c].presence == CSV_MUST)
            csv_row_set_text(row, c, RAW_CSV_SCHEMA.columns[c].type == CSV_TEXT ? "x" : "1");
    csv_row_set_text(row, RAW_COL_run_id, run_id);
}

/* The child: a writer over path, two rows, then the signal. */
static void child_measures_then_dies(const char *path, int sig)
{
    rl_error err;
    csv_writer w;
    csv_row row;
    if (csv_writer_open(&w, path, &RAW_CSV_SCHEMA, &err) != 0 || csv_row_init(&row, &RAW_CSV_SCHEMA) != 0)
        _exit(10);
    fill_row(&row, "row-one");
    if (csv_writer_row(&w, &row, &err) != 0)
        _exit(11);
    fill_row(&row, "row-two");
    if (csv_writer_row(&w, &row, &err) != 0)
        _exit(12);
    raise(sig);
    _exit(13); /* not reached: the signal ends the process */
}

/* The one "<name>.partial.*" in dir, or fails. */
static void find_partial(const char *dir, const char *name, char *out, size_t len)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int found = 0;
    struct dirent *e;
    char prefix[256];
    snprintf(prefix, sizeof prefix, "%s.partial.", name);
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
            snprintf(out, len, "%s/%s", dir, e->d_name);
            found++;
        }
    closedir(d);
    assert_int_equal(found, 1);
}

static void interrupted_run_keeps_the_earlier_csv(int sig)
{
    char dir[] = "/tmp/rl_interrupt.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], partial[512];
    snprintf(path, sizeof path, "%s/raw.csv", dir);
    write_file(path, EARLIER);

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        child_measures_then_dies(path, sig);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), sig);

    assert_string_equal(read_file(path), EARLIER);
    find_partial(dir, "raw.csv", partial, sizeof partial);
    /* the partial file is a raw CSV with both rows, readable as it is */
    csv_table t;
    rl_error err;
    assert_int_equal(csv_table_load(&t, partial, &RAW_CSV_SCHEMA, &err), 0);
    assert_int_equal(t.nrows, 2);
    assert_string_equal(csv_table_text(&t, 0, RAW_COL_run_id), "row-one");
    assert_string_equal(csv_table_text(&t, 1, RAW_COL_run_id), "row-two");
    csv_table_free(&t);

    unlink(partial);
    unlink(path);
    rmdir(dir);
}

static void ctrl_c_keeps_the_earlier_csv(void **state)
{
    (void)state;
    interrupted_run_keeps_the_earlier_csv(SIGINT);
}

static void kill_keeps_the_earlier_csv(void **state)
{
    (void)state;
    interrupted_run_keeps_the_earlier_csv(SIGKILL);
}

/* A disk that fills mid-run (a 4 KiB file size limit here): the row that
 * does not fit is an error at once, not at the commit an hour later, and
 * the rows before it stay in the partial file; the earlier CSV is kept. */
static void full_disk_stops_at_the_row_that_does_not_fit(void **state)
{
    (void)state;
    char dir[] = "/tmp/rl_interrupt.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], partial[512];
    snprintf(path, sizeof path, "%s/raw.csv", dir);
    write_file(path, EARLIER);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit lim = {4096, 4096};
        signal(SIGXFSZ, SIG_IGN); /* write fails with EFBIG instead */
        rl_error err;
        csv_writer w;
        csv_row row;
        if (setrlimit(RLIMIT_FSIZE, &lim) != 0 || csv_writer_open(&w, path, &RAW_CSV_SCHEMA, &err) != 0 ||
            csv_row_init(&row, &RAW_CSV_SCHEMA) != 0)
            _exit(10);
        for (int i = 0; i < 1000; i++) {
            fill_row(&row, i == 0 ? "row-one" : "row-more");
            if (csv_writer_row(&w, &row, &err) != 0)
                _exit(strstr(err.text, "cannot write") != NULL && i > 0 ? 20 : 11);
        }
        _exit(12); /* 1000 rows into 4 KiB: the error was never seen */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 20);
    assert_string_equal(read_file(path), EARLIER);
    find_partial(dir, "raw.csv", partial, sizeof partial);
    assert_non_null(strstr(read_file(partial), "\r\nrow-one,"));
    unlink(partial);
    unlink(path);
    rmdir(dir);
}

/* The opposite case, so the test can tell: a committed run replaces it. */
static void committed_run_replaces_it(void **state)
{
    (void)state;
    char dir[] = "/tmp/rl_interrupt.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/raw.csv", dir);
    write_file(path, EARLIER);
    rl_error err;
    csv_writer w;
    csv_row row;
    assert_int_equal(csv_writer_open(&w, path, &RAW_CSV_SCHEMA, &err), 0);
    assert_int_equal(csv_row_init(&row, &RAW_CSV_SCHEMA), 0);
    fill_row(&row, "row-one");
    assert_int_equal(csv_writer_row(&w, &row, &err), 0);
    assert_int_equal(csv_writer_commit(&w, &err), 0);
    csv_row_free(&row);
    assert_non_null(strstr(read_file(path), "row-one"));
    unlink(path);
    assert_int_equal(rmdir(dir), 0); /* nothing partial left beside it */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ctrl_c_keeps_the_earlier_csv),
        cmocka_unit_test(kill_keeps_the_earlier_csv),
        cmocka_unit_test(full_disk_stops_at_the_row_that_does_not_fit),
        cmocka_unit_test(committed_run_replaces_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
