/* measure: runs the CUDA kernels, checks each against a CPU reference, times
 * it and writes one raw CSV row per case (common/csv_schema.h).
 * Exit status: 0 all good; 1 an error (nothing or a .partial file written);
 * 2 usage; 3 a kernel failed its check (the CSV is written, the row says
 * "wrong"). Ctrl-C or SIGTERM: it names the partial file holding the rows
 * so far and dies of the signal; an earlier CSV at -o is left as it was. */
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "case_list.h"
#include "csv_ranges.h"
#include "csv_row.h"
#include "gemv_launch.h"
#include "llm_pick.h"
#include "workloads.h"

enum { MAX_CASES = 512, EXIT_WRONG = 3, LABEL_LEN = 192 };

typedef struct options {
    const char *out_path;
    const char *only;
    case_set set;
    int list, device, no_energy;
    uint64_t seed;
    const char *llm, *llm_ids; /* --llm, --llm-model: NULL for the defaults (llm_pick.h) */
    uint64_t decode_memory_mib; /* --decode-memory-mib: 0 for what the device has */
} options;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: measure [options]\n"
            "Runs the roofline kernels on a CUDA GPU and writes a raw CSV.\n\n"
            "  -o FILE        raw CSV to write (default out/raw.csv); written whole or not at all\n"
            "  --quick        fewer shapes and shorter timing (well under a minute)\n"
            "  --check-only   check every kernel against its CPU reference, time nothing, write nothing\n"
            "  --only A,B     run only cases whose label contains A or B; a trailing $ anchors\n"
            "                 at the end (labels: --list)\n"
            "  --list         print the case labels of this run and exit\n"
            "  --device N     CUDA device index (default 0)\n"
            "  --seed N       seed for the random check data (default: from the clock); the\n"
            "                 quantization-accuracy columns always come from one fixed draw\n"
            "  --no-energy    skip the energy loop (about 0.6 s per case, about 1 s on a Jetson,\n"
            "                 whose INA3221 needs that long for 50 samples); power_source = none\n"
            "  --llm FILE     LLM shapes for the decode_step cases: models.ini format or a Hugging\n"
            "                 Face config.json (default: specs/llm/models.ini)\n"
            "  --llm-model IDS  the models of FILE whose decode step to run, comma-separated\n"
            "                 (default: llama-3-8b and tinyllama-1.1b; --quick, --check-only:\n"
            "                 tinyllama-1.1b; all of FILE when it has neither)\n"
            "  --decode-memory-mib N  device memory a decode step may use (default: what is\n"
            "                 free); a model that does not fit runs the layers that do, and\n"
            "                 its row scales tokens/s to the whole model\n"
            "  --columns      print the raw CSV columns as a Markdown table and exit\n"
            "  -h, --help     this text\n\n"
            "environment (kernel development only; leave unset for runs you archive):\n"
            "  RL_GEMV_SPLIT=1|2|4|8  warps sharing one row group;  RL_GEMV_TIGHT=1|2  cap registers or not;\n"
            "  RL_GEMV_ROWS=2|4|8 (CUDA cores, batch 1) or 16|32 (tensor cores)  rows per warp;\n"
            "  RL_GEMV_PATH=1|2  CUDA-core or tensor-core GEMV at every batch (default: by batch);\n"
            "  RL_GEMV_XSMEM=1|2  batch-1 int4/int2 activations staged in shared memory or not\n"
            "  (decode steps honour SPLIT and XSMEM);\n"
            "  RL_DECODE_EARLY=none|1|2  chunks of weights a lane loads before its decode-step\n"
            "  launch waits on the one before (PDL schemes; default 1)\n"
            "test only (make test-gpu): RL_TEST_BREAK_KERNEL=KERNEL/FORMAT, e.g. gemv/w4a16_g128,\n"
            "  makes that GEMV case's check see one wrong output: its row says wrong, exit 3\n\n"
            "exit status: 0 ok, 1 error, 2 usage, 3 a kernel failed its check (CSV still written)\n");
}

static int parse_args(int argc, char **argv, options *o)
{
    enum { OPT_QUICK = 256, OPT_CHECK, OPT_ONLY, OPT_LIST, OPT_DEVICE, OPT_SEED, OPT_COLUMNS, OPT_NO_ENERGY,
           OPT_LLM, OPT_LLM_MODEL, OPT_DECODE_MEMORY };
    static const struct option longs[] = {
        {"quick", no_argument, NULL, OPT_QUICK},     {"check-only", no_argument, NULL, OPT_CHECK},
        {"only", required_argument, NULL, OPT_ONLY}, {"list", no_argument, NULL, OPT_LIST},
        {"device", required_argument, NULL, OPT_DEVICE}, {"seed", required_argument, NULL, OPT_SEED},
        {"columns", no_argument, NULL, OPT_COLUMNS}, {"help", no_argument, NULL, 'h'},
        {"no-energy", no_argument, NULL, OPT_NO_ENERGY}, {"llm", required_argument, NULL, OPT_LLM},
        {"llm-model", required_argument, NULL, OPT_LLM_MODEL},
        {"decode-memory-mib", required_argument, NULL, OPT_DECODE_MEMORY},
        {NULL, 0, NULL, 0}};
    *o = (options){.out_path = "out/raw.csv", .set = CASES_FULL, .seed = (uint64_t)time(NULL)};
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "o:h", longs, NULL)) != -1) {
        switch (c) {
        case 'o': o->out_path = optarg; break;
        case OPT_QUICK: o->set = CASES_QUICK; break;
        case OPT_CHECK: o->set = CASES_CHECK; break;
        case OPT_ONLY: o->only = optarg; break;
        case OPT_LIST: o->list = 1; break;
        case OPT_NO_ENERGY: o->no_energy = 1; break;
        case OPT_LLM: o->llm = optarg; break;
        case OPT_LLM_MODEL: o->llm_ids = optarg; break;
        case OPT_DECODE_MEMORY:
            o->decode_memory_mib = strtoull(optarg, &end, 10);
            if (*end != '\0' || o->decode_memory_mib == 0 || o->decode_memory_mib > (1ull << 40)) {
                fprintf(stderr, "measure: --decode-memory-mib wants a whole number of MiB > 0, not '%s'\n", optarg);
                return 2;
            }
            break;
        case OPT_DEVICE: {
            /* digits only, and an int: '' read as device 0, 4294967296 wrapped to 0 (issue 18) */
            uint64_t v;
            if (csv_parse_count(optarg, &v) != 0 || v > INT_MAX) {
                fprintf(stderr, "measure: --device wants a device index, 0 to %d, not '%s'\n", INT_MAX, optarg);
                return 2;
            }
            o->device = (int)v;
            break;
        }
        case OPT_SEED:
            /* digits only: strtoull took '-1' as 18446744073709551615 (issue 18) */
            if (csv_parse_count(optarg, &o->seed) != 0) {
                fprintf(stderr, "measure: --seed wants a whole number, 0 to %llu, not '%s'\n",
                        (unsigned long long)UINT64_MAX, optarg);
                return 2;
            }
            break;
        case OPT_COLUMNS: csv_schema_print_markdown(&RAW_CSV_SCHEMA, stdout); exit(0);
        case 'h': usage(stdout); exit(0);
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "measure: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    return 0;
}

/* Ctrl-C or SIGTERM mid-run: every row so far is already flushed to the
 * partial file (csv_writer_row) and the target was never touched; say
 * where the rows are, then die of the signal as before. The message is
 * made up front: a handler may only write(2). */
static char interrupt_msg[1024];
static size_t interrupt_len;

static void on_interrupt(int sig)
{
    ssize_t n = write(STDERR_FILENO, interrupt_msg, interrupt_len);
    (void)n;
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    sigaction(sig, &dfl, NULL);
    raise(sig);
}

static void say_partial_on_interrupt(const char *partial, const char *target)
{
    int n = snprintf(interrupt_msg, sizeof interrupt_msg,
                     "\nmeasure: interrupted; the rows measured so far are in %s, %s is untouched\n",
                     partial, target);
    interrupt_len = n > 0 && (size_t)n < sizeof interrupt_msg ? (size_t)n : 0;
    struct sigaction sa = {.sa_handler = on_interrupt}, old;
    sigemptyset(&sa.sa_mask);
    const int sigs[2] = {SIGINT, SIGTERM};
    for (int i = 0; i < 2; i++) /* a signal ignored on entry (nohup, `measure &`) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
}

/* A tuning override from the environment; 0 when unset or not a number. */
static int env_int(const char *name)
{
    const char *v = getenv(name);
    char *end;
    long x = v != NULL ? strtol(v, &end, 10) : 0;
    return v != NULL && *end == '\0' && x > 0 && x < 64 ? (int)x : 0;
}

/* RL_DECODE_EARLY: none, 1 or 2 (gemv_args.early_chunks); unset: 0, the
 * launcher's default. */
static int decode_early_from_env(void)
{
    const char *v = getenv("RL_DECODE_EARLY");
    if (v != NULL && strcmp(v, "none") == 0)
        return GEMV_EARLY_NONE;
    const int n = env_int("RL_DECODE_EARLY");
    return n <= 2 ? n : 0;
}

static void report_progress(size_t i, size_t total, const char *label, const case_result *res,
                            uint64_t bytes, double elapsed_s)
{
    double gbs = res->times.median_us > 0 ? (double)bytes / res->times.median_us / 1e3 : 0.0;
    double eta = i + 1 < total ? elapsed_s / (double)(i + 1) * (double)(total - i - 1) : 0.0;
    char watts[24] = "";
    if (res->energy_valid)
        snprintf(watts, sizeof watts, " %6.1f W", res->power_w);
    fprintf(stderr, "[%zu/%zu] %-32s %10.2f us %8.1f GB/s%s  %s  (eta %.0f s)\n", i + 1, total, label,
            res->times.median_us, gbs, watts, res->check_ok ? "ok" : "WRONG", eta);
}

/* Runs the selected cases, writing each row as it completes. */
static int run_cases(const options *o, const run_context *ctx, case_shape *shapes, size_t count,
                     csv_writer *w, int *wrong, rl_error *err)
{
    case_options copt = {.plan = timing_plan_default(o->set == CASES_QUICK),
                         .check_only = o->set == CASES_CHECK,
                         .energy = !o->no_energy,
                         /* --quick: the 300 ms the sensor's 100 ms ticks still resolve to ~3% */
                         .energy_min_ms = o->set == CASES_QUICK ? 300.0 : 0.0,
                         .seed = o->seed,
                         .gemv = {env_int("RL_GEMV_SPLIT"), env_int("RL_GEMV_TIGHT"), env_int("RL_GEMV_ROWS"),
                                  env_int("RL_GEMV_PATH"), env_int("RL_GEMV_XSMEM")},
                         .decode_memory_bytes = o->decode_memory_mib << 20,
                         .decode_early_chunks = decode_early_from_env()};
    csv_row row;
    if (csv_row_init(&row, &RAW_CSV_SCHEMA) != 0)
        return rl_error_set(err, "out of memory");
    time_t start = time(NULL);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < count; i++) {
        char label[LABEL_LEN];
        case_shape_label(&shapes[i], label, sizeof label);
        case_result res;
        rc = case_list_runner(shapes[i].kernel)(ctx, &shapes[i], &copt, &res, err);
        if (rc != 0) {
            rl_error_prefix(err, "%s", label);
            break;
        }
        *wrong += !res.check_ok;
        rc = case_result_fill_row(ctx, &shapes[i], &res, &row, err);
        if (rc == 0 && w != NULL)
            rc = csv_writer_row(w, &row, err);
        workload_count cnt = {res.bytes, res.flop};
        if (!res.counted)
            workload_count_case(shapes[i].kernel, shapes[i].format, shapes[i].n, shapes[i].k, shapes[i].batch,
                                &cnt);
        report_progress(i, count, label, &res, cnt.bytes, difftime(time(NULL), start));
    }
    csv_row_free(&row);
    return rc;
}

/* --only takes comma-separated pieces; a label matches when it contains any. */
static int label_matches(const char *label, const char *only)
{
    char piece[128];
    for (const char *p = only; *p != '\0';) {
        size_t len = strcspn(p, ",");
        if (len > 0 && len < sizeof piece) {
            memcpy(piece, p, len);
            piece[len] = '\0';
            size_t ll = strlen(label);
            if (piece[len - 1] == '$') { /* "...$": the label ends with it */
                piece[len - 1] = '\0';
                if (ll >= len - 1 && strcmp(label + ll - (len - 1), piece) == 0)
                    return 1;
            } else if (strstr(label, piece) != NULL) {
                return 1;
            }
        }
        p += len + (p[len] == ',');
    }
    return 0;
}

static size_t select_cases(const options *o, const run_context *ctx, const llm_configs *llms, case_shape *shapes)
{
    case_shape all[MAX_CASES];
    size_t n = case_list_build(o->set, ctx, llms, all, MAX_CASES), kept = 0;
    for (size_t i = 0; i < n; i++) {
        char label[LABEL_LEN];
        case_shape_label(&all[i], label, sizeof label);
        if (o->only == NULL || label_matches(label, o->only))
            shapes[kept++] = all[i];
    }
    return kept;
}

/* Lists, or runs and writes, the selected cases; returns the exit status. */
static int measure_run(const options *o, run_context *ctx, const llm_configs *llms)
{
    static case_shape shapes[MAX_CASES];
    size_t count = select_cases(o, ctx, llms, shapes);
    if (o->list || count == 0) {
        for (size_t i = 0; i < count; i++) {
            char label[LABEL_LEN];
            case_shape_label(&shapes[i], label, sizeof label);
            puts(label);
        }
        if (count == 0)
            fprintf(stderr, "measure: no case matches --only '%s'\n", o->only ? o->only : "");
        return count == 0 ? 2 : 0;
    }
    fprintf(stderr, "measure: %s, %d SMs, L2 %zu MiB, run %s, %zu cases\n", ctx->device, ctx->sm_count,
            ctx->l2_bytes >> 20, ctx->run_id, count);
    rl_error err;
    csv_writer w;
    int writing = o->set != CASES_CHECK;
    if (writing)
        run_context_quant_accuracy(ctx);
    if (writing && csv_writer_open(&w, o->out_path, &RAW_CSV_SCHEMA, &err) != 0) {
        fprintf(stderr, "measure: %s\n", err.text);
        return 1;
    }
    if (writing)
        say_partial_on_interrupt(w.file->temp_path, o->out_path);
    int wrong = 0;
    int rc = run_cases(o, ctx, shapes, count, writing ? &w : NULL, &wrong, &err);
    if (rc != 0 && writing)
        fprintf(stderr, "measure: %s\nmeasure: rows measured so far are kept in %s\n", err.text,
                w.file->temp_path);
    else if (rc != 0)
        fprintf(stderr, "measure: %s\n", err.text);
    if (rc == 0 && writing && csv_writer_commit(&w, &err) != 0) {
        fprintf(stderr, "measure: %s\n", err.text);
        rc = -1;
    }
    if (rc != 0)
        return 1;
    if (writing)
        fprintf(stderr, "measure: wrote %s\n", o->out_path);
    if (wrong > 0)
        fprintf(stderr, "measure: %d case(s) failed their check\n", wrong);
    return wrong > 0 ? EXIT_WRONG : 0;
}

int main(int argc, char **argv)
{
    options o;
    int rc = parse_args(argc, argv, &o);
    if (rc != 0)
        return rc;
    rl_error err;
    run_context ctx;
    int use_power = !o.no_energy && o.set != CASES_CHECK && !o.list;
    if (run_context_init(&ctx, o.device, use_power, &err) != 0) {
        fprintf(stderr, "measure: %s\n", err.text);
        return 1;
    }
    llm_configs llms;
    if (llm_pick(&llms, o.llm, o.llm_ids, o.set, &err) != 0) {
        fprintf(stderr, "measure: %s\n", err.text);
        run_context_finish(&ctx);
        return 1;
    }
    rc = measure_run(&o, &ctx, &llms);
    llm_configs_free(&llms);
    run_context_finish(&ctx);
    return rc;
}
