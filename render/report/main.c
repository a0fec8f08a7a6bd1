/* render: model CSV in, report and charts out. See render.h. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interrupt_cleanup.h"
#include "render.h"

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: render [--summary FILE]... [--decode FILE]... [--modes FILE]... [--llm FILE]\n"
            "              [--note TEXT] [--templates DIR] [--fonts DIR]\n"
            "              [--max-line-bytes N] [--max-file-bytes N]\n"
            "              -o OUTDIR MODEL.csv [MODEL.csv ...]\n"
            "\n"
            "Reads one or more model CSVs (written by model), as one set of runs, and\n"
            "writes, under OUTDIR:\n"
            "  report.md, report.html, report.pdf   the validation report\n"
            "  fig/NAME.png (300 dpi), .svg, .pdf     each chart: roofline, speedup,\n"
            "                                       predicted, energy, batch, efficiency,\n"
            "                                       accuracy, decode, memory\n"
            "Nothing is written unless every input is good, and no output may be an input.\n"
            "A second render (or model) writing in the same folder waits for this one.\n"
            "\n"
            "  -o, --output OUTDIR  folder for the outputs (created when missing)\n"
            "  --summary FILE       model's per-run summary of the same runs (model -s): error\n"
            "                       statistics, the launch floor scored out of sample, the\n"
            "                       energy fit's parameters and curve; once per model CSV\n"
            "  --decode FILE        model's decode predictions (model -d): tokens/s by device,\n"
            "                       power mode and format, and the memory fit; once per model CSV\n"
            "  --modes FILE         model's power-mode predictions with the issue roof (model\n"
            "                       --modes): the Orin Nano's time, energy bound, the bound that\n"
            "                       wins and the ratio to 15W per format and mode; without it\n"
            "                       the report has no such table\n"
            "  --llm FILE           the LLMs whose layer shapes are \"LLM layer shapes\" in the\n"
            "                       verdicts (as model --llm: an INI file or a config.json;\n"
            "                       default: specs/llm/models.ini beside the binary's folder,\n"
            "                       else under the current folder)\n"
            "  --note TEXT          a note for the report's header, e.g. where the data came from\n"
            "  --templates DIR      folder holding report.md (default: $RL_TEMPLATE_DIR,\n"
            "                       else ../templates beside the binary, else ./templates)\n"
            "  --fonts DIR          folder holding the DejaVu Sans TrueType files (default:\n"
            "                       $RL_FONT_DIR, else /usr/share/fonts/truetype/dejavu)\n"
            "  --max-line-bytes N   refuse a CSV line longer than N bytes (default 1048576)\n"
            "  --max-file-bytes N   refuse a CSV larger than N bytes (default 1073741824)\n"
            "  -h, --help           this text\n"
            "\n"
            "Without --summary or --decode the sections built on them say what is missing.\n"
            "Exit status: 0 done, 1 bad input or failed output, 2 bad usage.\n");
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

static int bad_usage(const char *fmt, const char *what)
{
    fprintf(stderr, "render: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n");
    usage(stderr);
    return 2;
}

/* The option given an empty name, or NULL. */
static const char *empty_name(const render_options *opt, char *const *models, int nmodels)
{
    if (opt->outdir[0] == '\0')
        return "-o";
    const struct {
        const char *option, *value;
    } named[] = {{"--llm", opt->llm}, {"--templates", opt->templates_dir}, {"--fonts", opt->fonts_dir}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].value != NULL && named[i].value[0] == '\0')
            return named[i].option;
    for (size_t i = 0; i < opt->nsummary_csvs; i++)
        if (opt->summary_csvs[i][0] == '\0')
            return "--summary";
    for (size_t i = 0; i < opt->ndecode_csvs; i++)
        if (opt->decode_csvs[i][0] == '\0')
            return "--decode";
    for (size_t i = 0; i < opt->nmodes_csvs; i++)
        if (opt->modes_csvs[i][0] == '\0')
            return "--modes";
    for (int i = 0; i < nmodels; i++)
        if (models[i][0] == '\0')
            return "MODEL.csv";
    return NULL;
}

/* The options into opt (whose --summary, --decode and --modes arrays hold
 * argc entries), then the render; the exit status. */
static int run(int argc, char **argv, render_options *opt, const char **summaries, const char **decodes,
               const char **modes)
{
    enum { OPT_NOTE = 256, OPT_TEMPLATES, OPT_FONTS, OPT_SUMMARY, OPT_DECODE, OPT_MODES, OPT_LLM, OPT_MAX_LINE,
           OPT_MAX_FILE };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},  {"note", required_argument, NULL, OPT_NOTE},
        {"templates", required_argument, NULL, OPT_TEMPLATES},
        {"fonts", required_argument, NULL, OPT_FONTS}, {"help", no_argument, NULL, 'h'},
        {"summary", required_argument, NULL, OPT_SUMMARY},
        {"decode", required_argument, NULL, OPT_DECODE},
        {"modes", required_argument, NULL, OPT_MODES},
        {"llm", required_argument, NULL, OPT_LLM},
        {"max-line-bytes", required_argument, NULL, OPT_MAX_LINE},
        {"max-file-bytes", required_argument, NULL, OPT_MAX_FILE},
        {NULL, 0, NULL, 0},
    };
    static csv_limits limits = {CSV_MAX_LINE_BYTES, CSV_MAX_FILE_BYTES, "--max-line-bytes", "--max-file-bytes"};
    unsigned long long max_line = CSV_MAX_LINE_BYTES;
    opt->limits = &limits;
    opt->summary_csvs = summaries;
    opt->decode_csvs = decodes;
    opt->modes_csvs = modes;
    opterr = 0; /* our own messages, in our own words */
    int c;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': opt->outdir = optarg; break;
        case OPT_NOTE: opt->note = optarg; break;
        case OPT_TEMPLATES: opt->templates_dir = optarg; break;
        case OPT_FONTS: opt->fonts_dir = optarg; break;
        case OPT_SUMMARY: summaries[opt->nsummary_csvs++] = optarg; break;
        case OPT_DECODE: decodes[opt->ndecode_csvs++] = optarg; break;
        case OPT_MODES: modes[opt->nmodes_csvs++] = optarg; break;
        case OPT_LLM: opt->llm = optarg; break;
        case OPT_MAX_LINE:
            if (parse_limit(optarg, &max_line) != 0)
                return bad_usage("--max-line-bytes wants a whole number of bytes from 1, not '%.40s'", optarg);
            limits.max_line_bytes = (size_t)max_line;
            break;
        case OPT_MAX_FILE:
            if (parse_limit(optarg, &limits.max_file_bytes) != 0)
                return bad_usage("--max-file-bytes wants a whole number of bytes from 1, not '%.40s'", optarg);
            break;
        case 'h': usage(stdout); return 0;
        case ':': return bad_usage("option %s needs an argument", argv[optind - 1]);
        default: return bad_usage("unknown option %s", argv[optind - 1]);
        }
    }
    if (opt->outdir == NULL)
        return bad_usage("%s", "missing -o OUTDIR");
    if (optind == argc)
        return bad_usage("%s", "missing MODEL.csv");
    const char *empty = empty_name(opt, argv + optind, argc - optind);
    if (empty != NULL) /* -o "" failed later, as bad input (exit 1) */
        return bad_usage("%s wants a name, not an empty string", empty);
    opt->model_csvs = (const char *const *)argv + optind;
    opt->nmodel_csvs = (size_t)(argc - optind);

    rl_error err = {{0}};
    render_summary sum;
    if (render_run(opt, &sum, &err) != 0) {
        fprintf(stderr, "render: %s\n", err.text);
        return 1;
    }
    fprintf(stderr, "render: %lu cases (%lu on the roofline) -> %s/report.{md,html,pdf}, %lu figures in %s/fig/\n",
            sum.rows, sum.chart_points, opt->outdir, sum.figures, opt->outdir);
    return 0;
}

int main(int argc, char **argv)
{
    interrupt_cleanup_install(); /* Ctrl-C removes the staged outputs */
    render_options opt = {0};
    const char **summaries = calloc((size_t)argc, sizeof *summaries);
    const char **decodes = calloc((size_t)argc, sizeof *decodes);
    const char **modes = calloc((size_t)argc, sizeof *modes);
    int rc = 1;
    if (summaries == NULL || decodes == NULL || modes == NULL)
        fprintf(stderr, "render: out of memory\n");
    else
        rc = run(argc, argv, &opt, summaries, decodes, modes);
    free(summaries);
    free(decodes);
    free(modes);
    return rc;
}
