/* The CSV reader on what an attacker or a clumsy user gives it (issue 18):
 * a file with no line end, a file over the size bound, a file that is not
 * a CSV at all (refused on its header, before its body is parsed), memory
 * running out (said as such, never "empty file"), control characters and
 * a byte-order mark inside the file, hexadecimal floats, a formula in a
 * text cell (guarded by the writer, read back as it was), a FIFO, and
 * several files in one table, each row naming its own file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "csv_row.h"
#include "csv_table.h"

#if defined(__SANITIZE_ADDRESS__)
#define RL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RL_ASAN 1
#endif
#endif

static char dir[] = "/tmp/rl_csv_bounds_XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd);
}

static const char *path_of(const char *name)
{
    static char path[4][256];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s", dir, name);
    return p;
}

static void write_bytes(const char *path, const char *text, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

/* The raw header, one good row, then rows: each the good row with column
 * col's cell replaced by value (col < 0: the good row), joined as given. */
static void raw_csv(const char *path, int col, const char *value)
{
    char text[8192] = "", good[2048] = "", bad[2048] = "";
    for (size_t c = 0; c < RAW_CSV_SCHEMA.count; c++) {
        const csv_column *cc = &RAW_CSV_SCHEMA.columns[c];
        const char *sep = c ? "," : "";
        const char *v = cc->type == CSV_TEXT ? "t" : "1";
        strcat(text, sep);
        strcat(text, cc->name);
        strcat(good, sep);
        strcat(good, v);
        strcat(bad, sep);
        strcat(bad, (int)c == col ? value : v);
    }
    strcat(text, "\r\n");
    strcat(text, good);
    strcat(text, "\r\n");
    strcat(text, bad);
    strcat(text, "\r\n");
    write_bytes(path, text, strlen(text));
}

static void expect_error(const char *path, const csv_limits *lim, const char *want)
{
    rl_error err = {{0}};
    csv_table t;
    assert_int_equal(csv_table_load_limited(&t, path, &RAW_CSV_SCHEMA, lim, &err), -1);
    if (strstr(err.text, want) == NULL)
        fail_msg("error '%s' lacks '%s'", err.text, want);
}

/* /dev/zero has no line end: getline read it into one line until memory
 * ran out. The reader stops at the line bound, and says which. */
static void a_line_without_end_stops_at_the_bound(void **state)
{
    (void)state;
    csv_limits lim = {4096, CSV_MAX_FILE_BYTES, "--max-line-bytes", "--max-file-bytes"};
    expect_error("/dev/zero", &lim,
                 "line longer than 4096 bytes, the most a line may hold; --max-line-bytes N raises it: "
                 "not a csv? (/dev/zero:1)");
    /* a long line after a good header and row: its own line number */
    char *text = malloc(3 * 4096);
    assert_non_null(text);
    const char *path = path_of("long.csv");
    raw_csv(path, -1, "");
    FILE *fp = fopen(path, "ab");
    memset(text, 'x', 3 * 4096);
    fwrite(text, 1, 3 * 4096, fp);
    fclose(fp);
    free(text);
    expect_error(path, &lim, "not a csv? (");
    expect_error(path, &lim, "long.csv:4)");
    /* the defaults: a line of 1 MiB + 1 byte */
    expect_error("/dev/zero", NULL, "line longer than 1048576 bytes, the most a line may hold: not a csv?");
}

static void a_file_over_the_bound(void **state)
{
    (void)state;
    const char *path = path_of("big.csv");
    raw_csv(path, -1, "");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    csv_limits lim = {CSV_MAX_LINE_BYTES, (unsigned long long)st.st_size - 1, NULL, "--max-file-bytes"};
    char want[256];
    snprintf(want, sizeof want, "file larger than %lld bytes, the most a csv may hold; --max-file-bytes N raises it (",
             (long long)st.st_size - 1);
    expect_error(path, &lim, want);
    expect_error(path, &lim, "big.csv:3)");
    lim.max_file_bytes = (unsigned long long)st.st_size; /* exactly the bound: read */
    rl_error err;
    csv_table t;
    assert_int_equal(csv_table_load_limited(&t, path, &RAW_CSV_SCHEMA, &lim, &err), 0);
    assert_int_equal(t.nrows, 2);
    csv_table_free(&t);
}

/* A file that is not a raw CSV is refused on its first line. The whole
 * file was parsed before: its second line, an unterminated quote, was
 * what the error named (and a 300 MB file took 17 s and 5 GB). */
static void the_header_is_checked_first(void **state)
{
    (void)state;
    const char *path = path_of("notcsv.csv");
    static const char text[] = "a,b,c\n\"never closed\n1,2,3\n";
    write_bytes(path, text, sizeof text - 1);
    expect_error(path, NULL, "missing column run_id: not a raw csv? (");
}

/* Memory running out while reading is said as such. getline's -1 on
 * ENOMEM read as the end of the file: "empty file". Under an address-space
 * bound a child reads one long line. Sanitizers reserve address space of
 * their own: skipped there. */
static void out_of_memory_is_not_the_end_of_the_file(void **state)
{
    (void)state;
#ifdef RL_ASAN
    skip();
#endif
    const char *path = path_of("huge_line.csv");
    size_t len = 96u << 20; /* 96 MiB, no newline */
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, (long)len - 1, SEEK_SET), 0);
    fputc('x', fp);
    fclose(fp);
    int pipefd[2];
    assert_int_equal(pipe(pipefd), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit rl;
        getrlimit(RLIMIT_AS, &rl);
        rl.rlim_cur = 64u << 20; /* the line needs 96 MiB, the buffer doubles past it */
        /* what this process maps already counts too: give it 64 MiB more */
        FILE *maps = fopen("/proc/self/statm", "r");
        unsigned long pages = 0;
        if (maps != NULL && fscanf(maps, "%lu", &pages) == 1)
            rl.rlim_cur += (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE);
        if (maps != NULL)
            fclose(maps);
        setrlimit(RLIMIT_AS, &rl);
        csv_limits lim = {1u << 30, CSV_MAX_FILE_BYTES, NULL, NULL};
        rl_error err = {{0}};
        csv_table t;
        int rc = csv_table_load_limited(&t, path, &RAW_CSV_SCHEMA, &lim, &err);
        ssize_t w = write(pipefd[1], err.text, strlen(err.text) + 1);
        (void)w;
        _exit(rc == -1 ? 0 : 1);
    }
    close(pipefd[1]);
    char msg[512] = "";
    ssize_t n = read(pipefd[0], msg, sizeof msg - 1);
    close(pipefd[0]);
    int status;
    waitpid(pid, &status, 0);
    assert_true(n > 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    if (strstr(msg, "out of memory reading") == NULL || strstr(msg, "huge_line.csv:1)") == NULL)
        fail_msg("got '%s'", msg);
    unlink(path);
}

/* An ESC in a device name retitled the user's terminal through model's
 * stderr, and broke 6 of 9 SVGs; a line break or any control character
 * but tab is refused where the text enters, naming the cell. */
static void control_characters_are_refused(void **state)
{
    (void)state;
    char want[256];
    const char *path = path_of("esc.csv");
    raw_csv(path, RAW_COL_device, "H100\x1b]0;pwned\x07");
    snprintf(want, sizeof want,
             "device (column %d): control character U+001B (ESC) at character 5; a cell may hold no control "
             "character but tab",
             RAW_COL_device + 1);
    expect_error(path, NULL, want);
    expect_error(path, NULL, "esc.csv:3)");
    raw_csv(path, RAW_COL_device, "\"two\nlines\"");
    expect_error(path, NULL, "control character U+000A (LF) at character 4");
    raw_csv(path, RAW_COL_kernel, "gemv\x7f");
    expect_error(path, NULL, "control character U+007F (DEL)");
    raw_csv(path, RAW_COL_kernel, "gemv\xc2\x9b" "2J"); /* C1 CSI */
    expect_error(path, NULL, "control character U+009B");
    raw_csv(path, RAW_COL_time_us_min, "1\x1b");
    expect_error(path, NULL, "time_us_min (column");
    raw_csv(path, RAW_COL_device, "H100\tSXM"); /* a tab is text */
    rl_error err;
    csv_table t;
    assert_int_equal(csv_table_load(&t, path, &RAW_CSV_SCHEMA, &err), 0);
    assert_string_equal(csv_table_text(&t, 1, RAW_COL_device), "H100\tSXM");
    csv_table_free(&t);
}

/* Two files pasted together: the second's byte-order mark starts a line
 * inside the file. It made a run_id of its own (a phantom run). */
static void a_byte_order_mark_inside_the_file(void **state)
{
    (void)state;
    const char *path = path_of("bom.csv");
    raw_csv(path, RAW_COL_run_id, "\xEF\xBB\xBFrun-2");
    expect_error(path, NULL, "run_id (column 1): byte-order mark U+FEFF at character 1");
    expect_error(path, NULL, "files pasted together?) (");
    raw_csv(path, -1, ""); /* at the start of the file it is skipped */
    FILE *fp = fopen(path, "rb");
    char body[8192];
    size_t n = fread(body, 1, sizeof body - 4, fp);
    fclose(fp);
    memmove(body + 3, body, n);
    memcpy(body, "\xEF\xBB\xBF", 3);
    write_bytes(path, body, n + 3);
    rl_error err;
    csv_table t;
    assert_int_equal(csv_table_load(&t, path, &RAW_CSV_SCHEMA, &err), 0);
    csv_table_free(&t);
}

/* strtod takes hexadecimal floats and leading spaces; they were accepted
 * and copied verbatim into the model CSV. */
static void hexadecimal_floats_are_refused(void **state)
{
    (void)state;
    const char *path = path_of("hex.csv");
    raw_csv(path, RAW_COL_time_us_median, "0x1p3");
    expect_error(path, NULL, "time_us_median: '0x1p3' is not a finite number >= 0 in plain decimal notation");
    raw_csv(path, RAW_COL_time_us_median, "1e1\xc2\xa0"); /* a no-break space */
    expect_error(path, NULL, "time_us_median: '1e1\xc2\xa0' is not a finite number >= 0");
    double d;
    assert_int_equal(csv_parse_real(" 8", &d), -1); /* libcsv trims spaces around a cell; strtod took them */
    assert_int_equal(csv_parse_real("0x10", &d), -1);
    assert_int_equal(csv_parse_real("1e", &d), -1);
    assert_int_equal(csv_parse_real(".5", &d), 0);
    assert_int_equal(csv_parse_real("-2.5e-3", &d), 0);
}

/* A formula in a text cell is written with a quote in front (OWASP), and
 * read back without it; numbers, in numeric and in text columns, are left
 * alone. */
static void formula_cells_are_guarded(void **state)
{
    (void)state;
    static const char *const texts[] = {"=HYPERLINK(\"http://x\",\"click\")", "+cmd", "-1+2", "@SUM(A1)",
                                        "\tx", "'=already quoted", "''", "-4.2", "plain"};
    static const char *const written[] = {"'=HYPERLINK", "'+cmd", "'-1+2", "'@SUM", "'\tx", "''=already",
                                          "''", "-4.2", "plain"};
    const char *path = path_of("formula.csv");
    csv_row row;
    assert_int_equal(csv_row_init(&row, &RAW_CSV_SCHEMA), 0);
    for (size_t c = 0; c < RAW_CSV_SCHEMA.count; c++)
        if (RAW_CSV_SCHEMA.columns[c].presence == CSV_MUST)
            csv_row_set_text(&row, (int)c, RAW_CSV_SCHEMA.columns[c].type == CSV_TEXT ? "t" : "3");
    csv_writer w;
    rl_error err;
    assert_int_equal(csv_writer_open(&w, path, &RAW_CSV_SCHEMA, &err), 0);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        csv_row_set_text(&row, RAW_COL_device, texts[i]);
        csv_row_set_text(&row, RAW_COL_reps, i < 2 ? "7" : "8");
        csv_row_set_text(&row, RAW_COL_run_id, texts[i]);
        assert_int_equal(csv_writer_row(&w, &row, &err), 0);
    }
    assert_int_equal(csv_writer_commit(&w, &err), 0);
    FILE *fp = fopen(path, "rb");
    char file[8192];
    size_t n = fread(file, 1, sizeof file - 1, fp);
    fclose(fp);
    file[n] = '\0';
    for (size_t i = 0; i < sizeof written / sizeof written[0]; i++)
        if (strstr(file, written[i]) == NULL)
            fail_msg("'%s' not written as '%s' in %s", texts[i], written[i], file);
    assert_null(strstr(file, ",=")); /* no cell starts with a bare formula */
    csv_table t;
    assert_int_equal(csv_table_load(&t, path, &RAW_CSV_SCHEMA, &err), 0);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        assert_string_equal(csv_table_text(&t, i, RAW_COL_device), texts[i]);
    csv_table_free(&t);
    csv_row_free(&row);
}

/* A FIFO (a pipe, <(cat raw.csv)) loads as a file does: nothing seeks. */
static void a_fifo_loads(void **state)
{
    (void)state;
    const char *src = path_of("src.csv");
    raw_csv(src, -1, "");
    const char *fifo = path_of("raw.fifo");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        FILE *in = fopen(src, "rb"), *out = fopen(fifo, "wb");
        char buf[4096];
        size_t n;
        while (in != NULL && out != NULL && (n = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, n, out);
        if (out != NULL)
            fclose(out);
        _exit(0);
    }
    rl_error err;
    csv_table t;
    if (csv_table_load(&t, fifo, &RAW_CSV_SCHEMA, &err) != 0)
        fail_msg("%s", err.text);
    assert_int_equal(t.nrows, 2);
    csv_table_free(&t);
    waitpid(pid, NULL, 0);
}

/* Several files in one table: each row knows its file (render named the
 * joined "a + b" as the file of every row). */
static void each_row_names_its_file(void **state)
{
    (void)state;
    const char *a = path_of("a.csv"), *b = path_of("b.csv");
    raw_csv(a, RAW_COL_reps, "5");
    raw_csv(b, RAW_COL_reps, "6");
    rl_error err;
    csv_table t;
    assert_int_equal(csv_table_init(&t, &RAW_CSV_SCHEMA, a, &err), 0);
    assert_int_equal(csv_table_load_into(&t, a, NULL, &err), 0);
    assert_int_equal(csv_table_load_into(&t, b, NULL, &err), 0);
    assert_int_equal(t.nrows, 4);
    assert_string_equal(csv_table_file(&t, 1), a);
    assert_string_equal(csv_table_file(&t, 3), b);
    assert_int_equal(t.lines[3], 3);
    char joined[600];
    snprintf(joined, sizeof joined, "%s + %s", a, b);
    assert_string_equal(t.path, joined);
    /* text cells of one column share their text, and compare by id */
    assert_int_equal(csv_table_text_id(&t, 0, RAW_COL_device), csv_table_text_id(&t, 3, RAW_COL_device));
    assert_ptr_equal(csv_table_text(&t, 0, RAW_COL_device), csv_table_text(&t, 3, RAW_COL_device));
    assert_int_equal(csv_table_text_lookup(&t, RAW_COL_device, "t"), csv_table_text_id(&t, 0, RAW_COL_device));
    assert_int_equal(csv_table_text_lookup(&t, RAW_COL_device, "u"), 0);
    uint64_t reps;
    assert_int_equal(csv_table_count(&t, 3, RAW_COL_reps, &reps), 0);
    assert_int_equal(reps, 6);
    csv_table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_line_without_end_stops_at_the_bound),
        cmocka_unit_test(a_file_over_the_bound),
        cmocka_unit_test(the_header_is_checked_first),
        cmocka_unit_test(out_of_memory_is_not_the_end_of_the_file),
        cmocka_unit_test(control_characters_are_refused),
        cmocka_unit_test(a_byte_order_mark_inside_the_file),
        cmocka_unit_test(hexadecimal_floats_are_refused),
        cmocka_unit_test(formula_cells_are_guarded),
        cmocka_unit_test(a_fifo_loads),
        cmocka_unit_test(each_row_names_its_file),
    };
    return cmocka_run_group_tests_name("common_csv_bounds", tests, setup, teardown);
}
