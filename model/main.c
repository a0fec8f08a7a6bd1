/* model: roofline predictions for raw measurement CSVs.
 *
 *   model [--specs DIR] [--device SPEC_ID] -o OUT.csv [-s SUMMARY.csv]
 *         RAW.csv [RAW.csv ...]
 *
 * Reads the raw CSVs (validated against RAW_CSV_SCHEMA), matches each row's
 * device to a hardware spec (spec_set.h), and writes one model row per raw
 * row (model_row.h, model_table.h) to OUT.csv; with -s, the per-run summary
 * (summary.h) to SUMMARY.csv. Every output goes through csv_writer, so it
 * appears whole or not at all. Diagnostics and the summary go to stderr;
 * stdout carries only --help and --columns. Exit status: 0 done, 1 error,
 * 2 bad command line.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_row.h"
#include "csv_schema.h"
#include "csv_table.h"
#include "measured_bw.h"
#include "model_row.h"
#include "model_table.h"
#include "spec_set.h"
#include "summary.h"
#include "summary_schema.h"

enum { EXIT_USAGE = 2 };

typedef struct options {
    const char *specs_dir; /* NULL: find one */
    const char *device;    /* spec id forced on every row, or NULL */
    const char *out;
    const char *summary; /* -s: NULL for none */
    char **raw;
    int nraw;
} options;

static const char SYNOPSIS[] =
    "usage: model [--specs DIR] [--device SPEC_ID] -o OUT.csv [-s SUMMARY.csv]\n"
    "             RAW.csv [RAW.csv ...]\n"
    "       model --columns | --help\n";

static void usage(FILE *fp)
{
    fputs(SYNOPSIS, fp);
    fputs("\n"
          "Predicts each raw row's time with the roofline, from the datasheet ceilings of\n"
          "its device's spec and from the bandwidth its own run measured (stream_read),\n"
          "and writes the raw columns plus predictions and signed errors to OUT.csv.\n"
          "Per run it fits a launch floor (a fixed per-call cost) and the energy model\n"
          "E = e_flop*flop + e_byte*bytes + P0*time, and prints error statistics and the\n"
          "seed's hypotheses to stderr. Every output is written whole or not at all.\n"
          "\n"
          "  -o, --output OUT.csv  where to write the model CSV\n"
          "  -s, --summary FILE    also write the per-run summary CSV: ceiling, launch\n"
          "                        floor, error statistics, energy fit, hypotheses\n"
          "  --specs DIR           hardware specs, one DIR/<id>.ini per device\n"
          "                        (default: ./specs, else <binary dir>/../specs)\n"
          "  --device SPEC_ID      use spec SPEC_ID for every row instead of matching\n"
          "                        the device column\n"
          "  --columns             print the columns of every output as Markdown tables\n"
          "  -h, --help            print this help\n",
          fp);
}

/* A Markdown cell: '|' would end the cell early. */
static void put_md_cell(const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '|')
            putchar('\\');
        putchar(*p);
    }
}

static void print_schema(const char *title, const csv_schema *schema)
{
    printf("## %s\n\n| column | unit | meaning |\n| --- | --- | --- |\n", title);
    for (size_t i = 0; i < schema->count; i++) {
        const csv_column *c = &schema->columns[i];
        printf("| %s | ", c->name);
        put_md_cell(c->unit);
        fputs(" | ", stdout);
        put_md_cell(c->meaning);
        puts(" |");
    }
}

static void print_columns(void)
{
    print_schema("model CSV (-o)", &MODEL_CSV_SCHEMA);
    putchar('\n');
    print_schema("summary CSV (-s)", &SUMMARY_CSV_SCHEMA);
}

/* 0: run; 1: done (help or columns printed); -1: bad command line. */
static int parse_options(int argc, char **argv, options *o)
{
    enum { OPT_SPECS = 1000, OPT_DEVICE, OPT_COLUMNS };
    static const struct option longs[] = {
        {"specs", required_argument, NULL, OPT_SPECS},   {"device", required_argument, NULL, OPT_DEVICE},
        {"output", required_argument, NULL, 'o'},        {"summary", required_argument, NULL, 's'},
        {"columns", no_argument, NULL, OPT_COLUMNS},     {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    opterr = 0; /* we print our own messages, prefixed with model: */
    int ch;
    while ((ch = getopt_long(argc, argv, ":o:s:h", longs, NULL)) != -1) {
        switch (ch) {
        case OPT_SPECS: o->specs_dir = optarg; break;
        case OPT_DEVICE: o->device = optarg; break;
        case 'o': o->out = optarg; break;
        case 's': o->summary = optarg; break;
        case OPT_COLUMNS: print_columns(); return 1;
        case 'h': usage(stdout); return 1;
        case ':':
            fprintf(stderr, "model: option %s needs an argument\n", argv[optind - 1]);
            return -1;
        default:
            fprintf(stderr, "model: unknown option %s\n", argv[optind - 1]);
            return -1;
        }
    }
    o->raw = argv + optind;
    o->nraw = argc - optind;
    if (o->out == NULL || o->nraw == 0) {
        fprintf(stderr, "model: %s\n", o->out == NULL ? "no output: -o OUT.csv is required"
                                                      : "no input: name at least one RAW.csv");
        return -1;
    }
    return 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ./specs, else the specs folder beside the binary's folder (bin/../specs),
 * so an installed or freshly built model works from any directory. */
static int find_specs_dir(char *buf, size_t len, rl_error *err)
{
    if (is_dir("specs"))
        return snprintf(buf, len, "specs") < (int)len ? 0 : -1;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return rl_error_set(err, "no ./specs directory and /proc/self/exe unreadable; pass --specs DIR");
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash != NULL)
        *slash = '\0';
    if (snprintf(buf, len, "%s/../specs", exe) < (int)len && is_dir(buf))
        return 0;
    return rl_error_set(err,
                        "no specs directory: neither ./specs nor %.300s/../specs exists; "
                        "pass --specs DIR",
                        exe);
}

static int load_specs(const options *o, hw_spec_set *specs, const hw_spec **forced, rl_error *err)
{
    char dir[4200];
    if (o->specs_dir != NULL)
        snprintf(dir, sizeof dir, "%s", o->specs_dir);
    else if (find_specs_dir(dir, sizeof dir, err) != 0)
        return -1;
    if (hw_spec_set_load(specs, dir, err) != 0)
        return -1;
    *forced = NULL;
    if (o->device == NULL)
        return 0;
    *forced = hw_spec_set_find(specs, o->device);
    if (*forced != NULL)
        return 0;
    char ids[256];
    hw_spec_set_ids(specs, ids, sizeof ids);
    hw_spec_set_free(specs);
    return rl_error_set(err, "--device %.60s: no such spec in %s (known: %s)", o->device, dir, ids);
}

static int load_tables(const options *o, csv_table *tables, rl_error *err)
{
    for (int i = 0; i < o->nraw; i++) {
        if (csv_table_load(&tables[i], o->raw[i], &RAW_CSV_SCHEMA, err) != 0) {
            for (int j = 0; j < i; j++)
                csv_table_free(&tables[j]);
            return -1;
        }
        fprintf(stderr, "model: %s: %zu rows\n", o->raw[i], tables[i].nrows);
    }
    return 0;
}

/* Warnings that keep the row: a wrong kernel, counts that disagree with the
 * counting table, a device whose SM count is not its spec's. */
static void warn_row(const model_ctx *ctx, const csv_table *t, size_t r, const char **sm_warned)
{
    char where[300];
    snprintf(where, sizeof where, "%s:%ld", t->path, t->lines[r]);
    const char *check = csv_table_text(t, r, RAW_COL_check);
    if (strcmp(check, "ok") != 0)
        fprintf(stderr, "model: warning: check is '%.40s', the kernel's output was wrong; row kept (%s)\n",
                check, where);
    workload_count want;
    if (model_row_counts_agree(t, r, &want) == 0)
        fprintf(stderr,
                "model: warning: bytes and flop differ from the counting table's %llu and %llu (%s)\n",
                (unsigned long long)want.bytes, (unsigned long long)want.flop, where);
    const hw_spec *spec;
    const hw_mode *mode;
    uint64_t sm_count;
    const char *device = csv_table_text(t, r, RAW_COL_device);
    if (csv_table_count(t, r, RAW_COL_sm_count, &sm_count) != 0 ||
        model_row_spec(ctx, t, r, &spec, NULL) != 0 ||
        hw_spec_pick_mode(spec, csv_table_text(t, r, RAW_COL_power_mode), where, &mode, NULL) != 0)
        return;
    /* A Jetson mode that power-gates TPCs may report either count (unconfirmed which). */
    uint64_t mode_sms = hw_mode_sm_count(spec, mode);
    if (sm_count == spec->sm_count || sm_count == mode_sms ||
        (*sm_warned != NULL && strcmp(*sm_warned, device) == 0))
        return;
    *sm_warned = device; /* once per device, not once per row */
    fprintf(stderr, "model: warning: device '%.80s' has %llu SMs, spec %s mode %s has %llu: wrong spec? (%s)\n",
            device, (unsigned long long)sm_count, spec->id, mode->name, (unsigned long long)mode_sms, where);
}

static void warn_rows(const model_ctx *ctx, const csv_table *tables, int ntables)
{
    const char *sm_warned = NULL;
    for (int i = 0; i < ntables; i++)
        for (size_t r = 0; r < tables[i].nrows; r++)
            warn_row(ctx, &tables[i], r, &sm_warned);
}

/* The model rows, their fits and what is written from them. */
static int model_outputs(const options *o, const model_ctx *ctx, const csv_table *tables, rl_error *err)
{
    model_table m;
    if (model_table_build(&m, ctx, tables, (size_t)o->nraw, err) != 0)
        return -1;
    warn_rows(ctx, tables, o->nraw);
    int rc = model_table_write(&m, o->out, err);
    if (rc == 0)
        fprintf(stderr, "model: wrote %zu rows of %zu run%s to %s\n", m.n, m.fits.count,
                m.fits.count == 1 ? "" : "s", o->out);
    if (rc == 0)
        rc = summary_print(stderr, m.cases, m.n, &m.fits, err);
    if (rc == 0 && o->summary != NULL && (rc = summary_write(o->summary, m.cases, m.n, &m.fits, err)) == 0)
        fprintf(stderr, "model: wrote the summary to %s\n", o->summary);
    model_table_free(&m);
    return rc;
}

static int run(const options *o, rl_error *err)
{
    hw_spec_set specs;
    const hw_spec *forced;
    if (load_specs(o, &specs, &forced, err) != 0)
        return -1;
    csv_table *tables = calloc((size_t)o->nraw, sizeof *tables);
    if (tables == NULL || load_tables(o, tables, err) != 0) {
        if (tables == NULL)
            rl_error_set(err, "out of memory");
        free(tables);
        hw_spec_set_free(&specs);
        return -1;
    }
    measured_bw bw;
    int rc = measured_bw_collect(&bw, tables, (size_t)o->nraw, err);
    if (rc == 0) {
        model_ctx ctx = {&specs, forced, &bw};
        rc = model_outputs(o, &ctx, tables, err);
        measured_bw_free(&bw);
    }
    for (int i = 0; i < o->nraw; i++)
        csv_table_free(&tables[i]);
    free(tables);
    hw_spec_set_free(&specs);
    return rc;
}

int main(int argc, char **argv)
{
    options o;
    int parsed = parse_options(argc, argv, &o);
    if (parsed < 0) {
        fputs(SYNOPSIS, stderr);
        return EXIT_USAGE;
    }
    if (parsed > 0)
        return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
    rl_error err = {{0}};
    if (run(&o, &err) != 0) {
        fprintf(stderr, "model: %s\n", err.text);
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
