/* model: roofline predictions for raw measurement CSVs.
 *
 *   model [--specs DIR] [--device SPEC_ID] [--power-mode NAME] -o OUT.csv [-s SUMMARY.csv]
 *         [-d DECODE.csv [--llm FILE] [--llm-model ID,...] [--context TOKENS,...]]
 *         [--modes MODES.csv [--modes-shape NxK]] RAW.csv [RAW.csv ...]
 *
 * Reads the raw CSVs (validated against RAW_CSV_SCHEMA), matches each row's
 * device to a hardware spec (spec_set.h), and writes one model row per raw
 * row (model_row.h, model_table.h) to OUT.csv; with -s, the per-run summary
 * (summary.h) to SUMMARY.csv; with -d, decode predictions for the LLMs of
 * FILE (llm_config.h) on every spec (decode_out.h) to DECODE.csv; with
 * --modes, one GEMV per spec, power mode and format against the DRAM and
 * issue roofs (modes_out.h) to MODES.csv. Every output goes through csv_writer, so it
 * appears whole or not at all, and the outputs of one run replace earlier
 * ones together: a run that fails leaves every earlier output as it was.
 * A raw file without data rows, or a row given twice (csv_dups.h), is an
 * error. Diagnostics and the summary go to stderr;
 * stdout carries only --help and --columns. Exit status: 0 done, 1 error,
 * 2 bad command line.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_dups.h"
#include "csv_runs.h"
#include "csv_shapes.h"
#include "rail_cell.h"
#include "csv_row.h"
#include "csv_schema.h"
#include "csv_table.h"
#include "decode_out.h"
#include "formats.h"
#include "decode_schema.h"
#include "llm_config.h"
#include "measured_bw.h"
#include "modes_out.h"
#include "modes_schema.h"
#include "model_row.h"
#include "model_table.h"
#include "interrupt_cleanup.h"
#include "issue_rate.h"
#include "output_set.h"
#include "spec_set.h"
#include "str_index.h"
#include "summary.h"
#include "summary_schema.h"

enum { EXIT_USAGE = 2 };

/* Tokens in the KV cache when -d predicts the next one: none (the weights
 * alone, what measure's decode step times), a short prompt (what most
 * published benchmarks use) and TinyLlama's full context, half of
 * Llama-2's (where the KV cache costs Llama-2-7B 7-22% of a token). */
#define DEFAULT_CONTEXTS "0,128,2048"
enum { MAX_CONTEXTS = 16 };

/* The GEMV --modes predicts: a 4096-wide layer, the shape the issue's
 * Orin Nano arithmetic is made on. */
#define DEFAULT_MODES_SHAPE "4096x4096"

typedef struct options {
    const char *specs_dir; /* NULL: find one */
    const char *device;    /* spec id forced on every row, or NULL */
    const char *power_mode; /* --power-mode: the mode of rows without one, or NULL */
    const char *out;
    const char *summary; /* -s: NULL for none */
    const char *decode;  /* -d: NULL for none */
    const char *llm;     /* --llm: NULL for <specs>/llm/models.ini */
    const char *llm_ids; /* --llm-model: NULL for all */
    const char *modes;   /* --modes: NULL for none */
    const char *modes_shape; /* --modes-shape as given, NULL: the default */
    uint64_t modes_n, modes_k;
    uint64_t contexts[MAX_CONTEXTS]; /* --context */
    size_t ncontexts;
    int context_given;
    unsigned long long max_line, max_file; /* --max-line-bytes, --max-file-bytes */
    char **raw;
    int nraw;
} options;

static const char SYNOPSIS[] =
    "usage: model [--specs DIR] [--device SPEC_ID] [--power-mode NAME] -o OUT.csv [-s SUMMARY.csv]\n"
    "             [-d DECODE.csv [--llm FILE] [--llm-model ID,...] [--context TOKENS,...]]\n"
    "             [--modes MODES.csv [--modes-shape NxK]]\n"
    "             [--max-line-bytes N] [--max-file-bytes N] RAW.csv [RAW.csv ...]\n"
    "       model --columns | --help\n";

static void usage(FILE *fp)
{
    fputs(SYNOPSIS, fp);
    fputs("\n"
          "Predicts each raw row's time with the roofline, from the datasheet ceilings of\n"
          "its device's spec and from the bandwidth its own run measured (stream_read;\n"
          "stream_read_l2 for the L2-resident read, predicted against the L2 ceilings),\n"
          "and writes the raw columns plus predictions and signed errors to OUT.csv.\n"
          "Per run it fits a launch floor (a fixed per-call cost) and the energy model\n"
          "E = e_flop*flop + e_byte*bytes + P0*time, and prints error statistics and the\n"
          "seed's hypotheses to stderr. Every output is written whole or not at all.\n"
          "\n"
          "  -o, --output OUT.csv  where to write the model CSV\n"
          "  -s, --summary FILE    also write the per-run summary CSV: ceiling, launch\n"
          "                        floor, error statistics, energy fit, hypotheses\n"
          "  -d, --decode FILE     also write decode predictions: per LLM, spec, power mode\n"
          "                        and format, the time, tokens/s and tokens/J of one token\n"
          "                        and whether weights + KV cache fit in memory\n"
          "  --llm FILE            LLM shapes for -d: an INI file (default:\n"
          "                        <specs dir>/llm/models.ini), or a Hugging Face\n"
          "                        config.json when FILE ends in .json (Llama-style\n"
          "                        decoders with a gated MLP)\n"
          "  --llm-model ID,...    only these LLMs of FILE; a .json file's one ID is its\n"
          "                        base name, or its folder's name for config.json\n"
          "  --context TOKENS,...  tokens already in the KV cache for -d, one set of rows\n"
          "                        each (default " DEFAULT_CONTEXTS "; 0: the weights alone, beside\n"
          "                        the run's measured decode step)\n"
          "  --modes FILE          also write mode predictions: per spec, power mode and\n"
          "                        format, one batch-1 GEMV against the DRAM roof and the\n"
          "                        format's issue roof (the newest input run's gemv_issue\n"
          "                        rates on the mode's SMs and clock; extrapolated on\n"
          "                        another spec), the bound that wins, the ratio to the\n"
          "                        spec's 15W (else default) mode and the energy at the\n"
          "                        mode's power budget. Without gemv_issue rows: a header\n"
          "                        and a warning\n"
          "  --modes-shape NxK     the GEMV of --modes: n output rows, k reduction (default\n"
          "                        " DEFAULT_MODES_SHAPE ", each 1 to 16777216)\n"
          "  --specs DIR           hardware specs, one DIR/<id>.ini per device\n"
          "                        (default: ./specs, else <binary dir>/../specs)\n"
          "  --device SPEC_ID      use spec SPEC_ID for every row instead of matching\n"
          "                        the device column\n"
          "  --power-mode NAME     the spec mode of rows whose power_mode is empty (a\n"
          "                        Jetson run whose nvpmodel -q failed); rows that name\n"
          "                        a mode keep theirs. Without it such Jetson rows are an\n"
          "                        error: their spec's modes differ and model will not guess\n"
          "  --max-line-bytes N    refuse a raw CSV line longer than N bytes (default 1048576)\n"
          "  --max-file-bytes N    refuse a raw CSV larger than N bytes (default 1073741824)\n"
          "  --columns             print the columns of every output as Markdown tables\n"
          "  -h, --help            print this help\n",
          fp);
}

/* One output's columns as a Markdown table (csv_schema.h escapes '|'). */
static void print_schema(const char *title, const csv_schema *schema)
{
    printf("## %s\n\n", title);
    csv_schema_print_markdown(schema, stdout);
}

static void print_columns(void)
{
    print_schema("model CSV (-o)", &MODEL_CSV_SCHEMA);
    putchar('\n');
    print_schema("summary CSV (-s)", &SUMMARY_CSV_SCHEMA);
    putchar('\n');
    print_schema("decode CSV (-d)", &DECODE_CSV_SCHEMA);
    putchar('\n');
    print_schema("modes CSV (--modes)", &MODES_CSV_SCHEMA);
}

/* A byte count for --max-line-bytes or --max-file-bytes: digits, >= 1. */
static int parse_limit(const char *text, unsigned long long *out)
{
    uint64_t v;
    if (csv_parse_count(text, &v) != 0 || v == 0)
        return -1;
    *out = v;
    return 0;
}

/* An empty file name (-o "") is a usage error, as a missing one is: it
 * failed later, as bad input (exit 1). */
static int empty_argument(const options *o, char *const *raw, int nraw)
{
    const struct {
        const char *option, *value;
    } named[] = {{"-o", o->out},         {"-s", o->summary}, {"-d", o->decode},      {"--llm", o->llm},
                 {"--specs", o->specs_dir}, {"--device", o->device}, {"--llm-model", o->llm_ids},
                 {"--modes", o->modes}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].value != NULL && named[i].value[0] == '\0') {
            fprintf(stderr, "model: %s wants a name, not an empty string\n", named[i].option);
            return 1;
        }
    for (int i = 0; i < nraw; i++)
        if (raw[i][0] == '\0') {
            fputs("model: an input named by an empty string: name a RAW.csv\n", stderr);
            return 1;
        }
    return 0;
}

/* "0,128,2048" into o->contexts; -1 on a bad number, an empty item or too many. */
static int parse_contexts(const char *list, options *o)
{
    o->ncontexts = 0;
    char item[32];
    for (const char *p = list;;) {
        const size_t len = strcspn(p, ",");
        if (len == 0 || len >= sizeof item || o->ncontexts == MAX_CONTEXTS)
            return -1;
        memcpy(item, p, len);
        item[len] = '\0';
        if (csv_parse_count(item, &o->contexts[o->ncontexts++]) != 0)
            return -1;
        if (p[len] == '\0')
            return 0;
        p += len + 1;
    }
}

/* "4096x4096" into o->modes_n and o->modes_k, each 1 to MODES_MAX_DIM. */
static int parse_modes_shape(const char *text, options *o)
{
    char part[32];
    const char *x = strchr(text, 'x');
    uint64_t n, k;
    if (x == NULL || x == text || (size_t)(x - text) >= sizeof part)
        return -1;
    memcpy(part, text, (size_t)(x - text));
    part[x - text] = '\0';
    if (csv_parse_count(part, &n) != 0 || csv_parse_count(x + 1, &k) != 0 || n == 0 || k == 0 || n > MODES_MAX_DIM ||
        k > MODES_MAX_DIM)
        return -1;
    o->modes_n = n;
    o->modes_k = k;
    return 0;
}

static int parse_options(int argc, char **argv, options *o)
{
    enum { OPT_SPECS = 1000, OPT_DEVICE, OPT_POWER_MODE, OPT_COLUMNS, OPT_LLM, OPT_LLM_MODEL, OPT_CONTEXT,
           OPT_MAX_LINE, OPT_MAX_FILE, OPT_MODES, OPT_MODES_SHAPE };
    static const struct option longs[] = {
        {"specs", required_argument, NULL, OPT_SPECS},   {"device", required_argument, NULL, OPT_DEVICE},
        {"power-mode", required_argument, NULL, OPT_POWER_MODE},
        {"output", required_argument, NULL, 'o'},        {"summary", required_argument, NULL, 's'},
        {"decode", required_argument, NULL, 'd'},        {"llm", required_argument, NULL, OPT_LLM},
        {"llm-model", required_argument, NULL, OPT_LLM_MODEL},
        {"context", required_argument, NULL, OPT_CONTEXT},
        {"columns", no_argument, NULL, OPT_COLUMNS},     {"help", no_argument, NULL, 'h'},
        {"max-line-bytes", required_argument, NULL, OPT_MAX_LINE},
        {"max-file-bytes", required_argument, NULL, OPT_MAX_FILE},
        {"modes", required_argument, NULL, OPT_MODES},
        {"modes-shape", required_argument, NULL, OPT_MODES_SHAPE},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->max_line = CSV_MAX_LINE_BYTES;
    o->max_file = CSV_MAX_FILE_BYTES;
    if (parse_contexts(DEFAULT_CONTEXTS, o) != 0 || parse_modes_shape(DEFAULT_MODES_SHAPE, o) != 0)
        return -1;
    opterr = 0; /* we print our own messages, prefixed with model: */
    int ch;
    while ((ch = getopt_long(argc, argv, ":o:s:d:h", longs, NULL)) != -1) {
        switch (ch) {
        case OPT_SPECS: o->specs_dir = optarg; break;
        case OPT_DEVICE: o->device = optarg; break;
        case OPT_POWER_MODE:
            if (optarg[0] == '\0') {
                fputs("model: --power-mode wants a mode name, e.g. 15W\n", stderr);
                return -1;
            }
            o->power_mode = optarg;
            break;
        case 'o': o->out = optarg; break;
        case 's': o->summary = optarg; break;
        case 'd': o->decode = optarg; break;
        case OPT_LLM: o->llm = optarg; break;
        case OPT_MAX_LINE:
        case OPT_MAX_FILE:
            if (parse_limit(optarg, ch == OPT_MAX_LINE ? &o->max_line : &o->max_file) != 0) {
                fprintf(stderr, "model: %s wants a whole number of bytes from 1, not '%.40s'\n", argv[optind - 1],
                        optarg);
                return -1;
            }
            break;
        case OPT_LLM_MODEL: o->llm_ids = optarg; break;
        case OPT_MODES: o->modes = optarg; break;
        case OPT_MODES_SHAPE:
            if (parse_modes_shape(optarg, o) != 0) {
                fprintf(stderr, "model: --modes-shape %.40s: want NxK, two whole numbers from 1 to %u, e.g. %s\n",
                        optarg, MODES_MAX_DIM, DEFAULT_MODES_SHAPE);
                return -1;
            }
            o->modes_shape = optarg;
            break;
        case OPT_CONTEXT:
            if (parse_contexts(optarg, o) != 0) {
                fprintf(stderr,
                        "model: --context %.40s: want up to %d whole numbers of tokens from 0 to %llu, "
                        "comma-separated\n",
                        optarg, MAX_CONTEXTS, (unsigned long long)UINT64_MAX);
                return -1;
            }
            o->context_given = 1;
            break;
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
    if (empty_argument(o, argv + optind, argc - optind))
        return -1;
    if (o->decode == NULL && (o->llm != NULL || o->llm_ids != NULL || o->context_given)) {
        fputs("model: --llm, --llm-model and --context need -d DECODE.csv\n", stderr);
        return -1;
    }
    if (o->modes == NULL && o->modes_shape != NULL) {
        fputs("model: --modes-shape needs --modes MODES.csv\n", stderr);
        return -1;
    }
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

enum { DIR_LEN = 4200 };

/* dir (DIR_LEN bytes) gets the specs directory used. */
static int load_specs(const options *o, hw_spec_set *specs, const hw_spec **forced, char *dir, rl_error *err)
{
    if (o->specs_dir != NULL)
        snprintf(dir, DIR_LEN, "%s", o->specs_dir);
    else if (find_specs_dir(dir, DIR_LEN, err) != 0)
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

static void free_tables(csv_table *tables, int n)
{
    for (int j = 0; j < n; j++)
        csv_table_free(&tables[j]);
}

/* Every raw file, each with rows, no row twice (csv_dups.h), no empty shape
 * (csv_shapes.h). */
static int load_tables(const options *o, csv_table *tables, rl_error *err)
{
    const csv_limits lim = {(size_t)o->max_line, o->max_file, "--max-line-bytes", "--max-file-bytes"};
    for (int i = 0; i < o->nraw; i++) {
        if (csv_table_load_limited(&tables[i], o->raw[i], &RAW_CSV_SCHEMA, &lim, err) != 0) {
            free_tables(tables, i);
            return -1;
        }
        if (tables[i].nrows == 0) { /* as render says of an empty model csv */
            rl_error_set(err, "no data rows, only a header (%s:1)", o->raw[i]);
            free_tables(tables, i + 1);
            return -1;
        }
        fprintf(stderr, "model: %s: %zu rows\n", o->raw[i], tables[i].nrows);
    }
    if (csv_tables_check_duplicates(tables, (size_t)o->nraw, err) != 0 ||
        csv_tables_check_runs(tables, (size_t)o->nraw, err) != 0 ||
        csv_tables_check_shapes(tables, (size_t)o->nraw, err) != 0 ||
        csv_tables_check_times(tables, (size_t)o->nraw, err) != 0 ||
        csv_tables_check_rails(tables, (size_t)o->nraw, err) != 0) {
        free_tables(tables, o->nraw);
        return -1;
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
        model_row_spec(ctx, t, r, &spec, NULL) != 0 || model_row_mode(ctx, t, r, spec, &mode, NULL) != 0)
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

/* A format in neither the formats table nor the element types of the
 * bandwidth and peak kernels passed silently (issue 18): said once per
 * format, with where it first shows. */
static int known_format(const char *format)
{
    static const char *const element_types[] = {"fp32", "fp64", "int8"};
    if (weight_format_find(format) != NULL)
        return 1;
    for (size_t i = 0; i < sizeof element_types / sizeof element_types[0]; i++)
        if (strcmp(format, element_types[i]) == 0)
            return 1;
    return 0;
}

static void warn_formats(const csv_table *tables, int ntables)
{
    str_index seen;
    str_index_init(&seen, 1);
    for (int i = 0; i < ntables; i++)
        for (size_t r = 0; r < tables[i].nrows; r++) {
            const char *f = csv_table_text(&tables[i], r, RAW_COL_format);
            size_t before = seen.count;
            if (str_index_put(&seen, &f) == STR_INDEX_NONE || seen.count == before || known_format(f))
                continue;
            fprintf(stderr,
                    "model: warning: format '%.60s' is in no table of this model (common/formats.h: weight formats; "
                    "fp32, fp64, int8: element types): its rows are modelled from the bytes and flop they give, "
                    "unchecked, and the speedup claims leave them out (%s:%ld)\n",
                    f, csv_table_file(&tables[i], r), tables[i].lines[r]);
        }
    str_index_free(&seen);
}

static void warn_rows(const model_ctx *ctx, const csv_table *tables, int ntables)
{
    const char *sm_warned = NULL;
    warn_formats(tables, ntables);
    for (int i = 0; i < ntables; i++)
        for (size_t r = 0; r < tables[i].nrows; r++)
            warn_row(ctx, &tables[i], r, &sm_warned);
}

/* The LLM file of -d: --llm, else <specs dir>/llm/models.ini. */
static void llm_path(const options *o, const char *specs_dir, char *path, size_t size)
{
    if (o->llm != NULL)
        snprintf(path, size, "%s", o->llm);
    else
        snprintf(path, size, "%s/llm/models.ini", specs_dir);
}

/* The LLMs for -d; --llm-model picks. */
static int load_llms(const options *o, const char *specs_dir, llm_configs *llms, rl_error *err)
{
    char path[DIR_LEN + 32];
    llm_path(o, specs_dir, path, sizeof path);
    if (llm_configs_load(llms, path, err) != 0)
        return -1;
    if (o->llm_ids != NULL && llm_configs_select(llms, o->llm_ids, err) != 0) {
        llm_configs_free(llms);
        return -1;
    }
    return 0;
}

/* The outputs of one run are replaced together or not at all
 * (output_set.h): each writer (atomic on its own) writes its staging file,
 * and those are renamed into place only once every one is written; a
 * rename that fails midway puts the earlier outputs back. So a summary that
 * cannot be written leaves the earlier model CSV as it was. No output may
 * be an input (a raw CSV, a spec, the LLM file), and a second model or
 * render writing in the same folder waits for this one. */
enum { OUT_MODEL, OUT_SUMMARY, OUT_DECODE, OUT_MODES, OUT_COUNT };
typedef struct staged {
    output_set set;
    const char *path[OUT_COUNT]; /* where the writers write; NULL: not asked for */
} staged;

/* Every file model reads, for the set to refuse as an output. */
static int name_inputs(output_set *set, const options *o, const hw_spec_set *specs, const char *dir, rl_error *err)
{
    for (int i = 0; i < o->nraw; i++)
        if (output_set_input(set, o->raw[i], err) != 0)
            return -1;
    for (size_t i = 0; i < specs->count; i++)
        if (output_set_input(set, specs->specs[i].path, err) != 0)
            return -1;
    char path[DIR_LEN + 32];
    llm_path(o, dir, path, sizeof path);
    return output_set_input(set, path, err);
}

/* Checked, staged and locked before any input is read beyond the specs. */
static int staged_init(staged *s, const options *o, const hw_spec_set *specs, const char *dir, rl_error *err)
{
    const char *finals[OUT_COUNT] = {o->out, o->summary, o->decode, o->modes};
    memset(s, 0, sizeof *s);
    output_set_init(&s->set);
    int rc = name_inputs(&s->set, o, specs, dir, err);
    for (int i = 0; rc == 0 && i < OUT_COUNT; i++)
        if (finals[i] != NULL && (s->path[i] = output_set_stage(&s->set, finals[i], err)) == NULL)
            rc = -1;
    if (rc == 0)
        rc = output_set_lock(&s->set, "model", err);
    if (rc != 0)
        output_set_free(&s->set);
    return rc;
}

static int decode_output(const options *o, const char *path, const llm_configs *llms, const model_ctx *ctx,
                         const model_table *m, size_t *rows, rl_error *err)
{
    *rows = 0;
    return decode_write(path, llms, o->contexts, o->ncontexts, ctx->specs, &m->fits, m->cases, m->n, rows, err);
}

static void say_decode(const options *o, const llm_configs *llms, size_t rows)
{
    fprintf(stderr, "model: wrote %zu decode predictions (%zu LLM%s at %zu context%s) to %s\n", rows, llms->count,
            llms->count == 1 ? "" : "s", o->ncontexts, o->ncontexts == 1 ? "" : "s", o->decode);
}

/* What --modes wrote; without any gemv_issue row in the inputs, a
 * warning: the file has its header only. */
static void say_modes(const options *o, const modes_result *r)
{
    if (r->source == NULL) {
        fprintf(stderr,
                "model: warning: --modes: no input has gemv_issue rows (measure's issue roof per format), so no mode "
                "can be predicted: wrote the header only to %s\n",
                o->modes);
        return;
    }
    fprintf(stderr,
            "model: wrote %zu mode predictions (%zu format%s at %llux%llu, issue rates of run %s on %s, spec %s) to %s\n",
            r->rows, r->formats, r->formats == 1 ? "" : "s", (unsigned long long)o->modes_n,
            (unsigned long long)o->modes_k, r->source->run_id, r->source->device,
            r->source_spec_id != NULL ? r->source_spec_id : "none", o->modes);
}

/* The model CSV, written on a thread of its own while the summary and the
 * decode predictions are made: its rows are half of model's time at a
 * million rows, and both only read what model_table_build left (issue 18:
 * 1M rows in under 15 s on 2 cores). */
typedef struct model_writer {
    const model_table *m;
    const csv_table *tables;
    size_t ntables;
    const char *path;
    int rc;
    rl_error err;
} model_writer;

static void *write_model_rows(void *arg)
{
    model_writer *w = arg;
    w->rc = model_table_write(w->m, w->tables, w->ntables, w->path, &w->err);
    return NULL;
}

/* The summary's, the decode CSV's and the modes CSV's part of the run,
 * after the rows. */
static int summary_and_decode(const options *o, const model_ctx *ctx, const llm_configs *llms, const model_table *m,
                              staged *st, run_summaries *sums, size_t *decode_rows, modes_result *modes,
                              rl_error *err)
{
    int rc = run_summaries_build(sums, m->cases, m->n, &m->fits, ctx->issue, err);
    if (rc == 0 && o->summary != NULL)
        rc = summary_write(st->path[OUT_SUMMARY], sums, err);
    if (rc == 0 && o->decode != NULL)
        rc = decode_output(o, st->path[OUT_DECODE], llms, ctx, m, decode_rows, err);
    if (rc == 0 && o->modes != NULL)
        rc = modes_write(st->path[OUT_MODES], ctx->specs, ctx->issue, &m->fits, o->modes_n, o->modes_k, modes, err);
    return rc;
}

/* The model rows, their fits and what is written from them; what was
 * written is said in the order it always was: rows, summary, decode, then
 * modes. */
static int model_outputs(const options *o, const model_ctx *ctx, const csv_table *tables,
                         const llm_configs *llms, staged *st, rl_error *err)
{
    model_table m;
    if (model_table_build(&m, ctx, tables, (size_t)o->nraw, err) != 0)
        return -1;
    warn_rows(ctx, tables, o->nraw);
    model_writer w = {&m, tables, (size_t)o->nraw, st->path[OUT_MODEL], 0, {{0}}};
    pthread_t thread;
    int threaded = pthread_create(&thread, NULL, write_model_rows, &w) == 0;
    if (!threaded)
        write_model_rows(&w);
    run_summaries sums = {0};
    rl_error later = {{0}};
    size_t decode_rows = 0;
    modes_result modes = {0};
    int rc_later = summary_and_decode(o, ctx, llms, &m, st, &sums, &decode_rows, &modes, &later);
    if (threaded)
        pthread_join(thread, NULL);
    int rc = w.rc;
    if (rc != 0)
        *err = w.err;
    else {
        fprintf(stderr, "model: wrote %zu rows of %zu run%s to %s\n", m.n, m.fits.count,
                m.fits.count == 1 ? "" : "s", o->out);
        summary_print(stderr, &sums);
        rc = rc_later;
        if (rc != 0)
            *err = later;
    }
    if (rc == 0 && o->summary != NULL)
        fprintf(stderr, "model: wrote the summary to %s\n", o->summary);
    if (rc == 0 && o->decode != NULL)
        say_decode(o, llms, decode_rows);
    if (rc == 0 && o->modes != NULL)
        say_modes(o, &modes);
    run_summaries_free(&sums);
    if (rc == 0)
        rc = output_set_commit(&st->set, err);
    model_table_free(&m);
    return rc;
}

/* With the specs (and the LLMs) loaded: the raw tables and the outputs. */
static int run_tables(const options *o, const hw_spec_set *specs, const hw_spec *forced,
                      const llm_configs *llms, staged *st, rl_error *err)
{
    csv_table *tables = calloc((size_t)o->nraw, sizeof *tables);
    if (tables == NULL)
        return rl_error_set(err, "out of memory");
    if (load_tables(o, tables, err) != 0) {
        free(tables);
        return -1;
    }
    measured_bw bw, bw_l2;
    issue_rates issue;
    int rc = measured_bw_collect(&bw, tables, (size_t)o->nraw, err);
    if (rc == 0 && (rc = measured_bw_collect_kernel(&bw_l2, tables, (size_t)o->nraw, MEASURED_BW_L2_KERNEL, err)) != 0)
        measured_bw_free(&bw);
    if (rc == 0 && (rc = issue_rates_collect(&issue, tables, (size_t)o->nraw, &bw_l2, err)) != 0) {
        measured_bw_free(&bw);
        measured_bw_free(&bw_l2);
    }
    if (rc == 0) {
        model_spec_memo memo = {0};
        model_ctx ctx = {specs, forced, &bw, &bw_l2, o->power_mode, &memo, &issue};
        rc = model_outputs(o, &ctx, tables, llms, st, err);
        measured_bw_free(&bw);
        measured_bw_free(&bw_l2);
        issue_rates_free(&issue);
    }
    free_tables(tables, o->nraw);
    free(tables);
    return rc;
}

static int run(const options *o, rl_error *err)
{
    hw_spec_set specs;
    const hw_spec *forced;
    char dir[DIR_LEN];
    if (load_specs(o, &specs, &forced, dir, err) != 0)
        return -1;
    staged st;
    if (staged_init(&st, o, &specs, dir, err) != 0) {
        hw_spec_set_free(&specs);
        return -1;
    }
    llm_configs llms = {0};
    int rc = o->decode != NULL ? load_llms(o, dir, &llms, err) : 0; /* before any output is written */
    if (rc == 0)
        rc = run_tables(o, &specs, forced, &llms, &st, err);
    output_set_free(&st.set);
    llm_configs_free(&llms);
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
    interrupt_cleanup_install(); /* Ctrl-C removes the staged outputs */
    rl_error err = {{0}};
    if (run(&o, &err) != 0) {
        fprintf(stderr, "model: %s\n", err.text);
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
