/* render: model CSV in, report and charts out. See render.h. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: render [--summary FILE]... [--decode FILE]... [--llm FILE] [--note TEXT]\n"
            "              [--templates DIR] [--fonts DIR] -o OUTDIR MODEL.csv [MODEL.csv ...]\n"
            "\n"
            "Reads one or more model CSVs (written by model), as one set of runs, and\n"
            "writes, under OUTDIR:\n"
            "  report.md, report.html, report.pdf   the validation report\n"
            "  fig/NAME.png (300 dpi), .svg, .pdf     each chart: roofline, speedup,\n"
            "                                       predicted, energy, batch, efficiency,\n"
            "                                       accuracy, decode, memory\n"
            "Nothing is written unless every input is good.\n"
            "\n"
            "  -o, --output OUTDIR  folder for the outputs (created when missing)\n"
            "  --summary FILE       model's per-run summary of the same runs (model -s): error\n"
            "                       statistics, the launch floor scored out of sample, the\n"
            "                       energy fit's parameters and curve; once per model CSV\n"
            "  --decode FILE        model's decode predictions (model -d): tokens/s by device,\n"
            "                       power mode and format, and the memory fit; once per model CSV\n"
            "  --llm FILE           the LLMs whose layer shapes are \"LLM layer shapes\" in the\n"
            "                       verdicts (as model --llm: an INI file or a config.json;\n"
            "                       default: specs/llm/models.ini beside the binary's folder,\n"
            "                       else under the current folder)\n"
            "  --note TEXT          a note for the report's header, e.g. where the data came from\n"
            "  --templates DIR      folder holding report.md (default: $RL_TEMPLATE_DIR,\n"
            "                       else ../templates beside the binary, else ./templates)\n"
            "  --fonts DIR          folder holding the DejaVu Sans TrueType files (default:\n"
            "                       $RL_FONT_DIR, else /usr/share/fonts/truetype/dejavu)\n"
            "  -h, --help           this text\n"
            "\n"
            "Without --summary or --decode the sections built on them say what is missing.\n"
            "Exit status: 0 done, 1 bad input or failed output, 2 bad usage.\n");
}

static int bad_usage(const char *fmt, const char *what)
{
    fprintf(stderr, "render: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n");
    usage(stderr);
    return 2;
}

/* The options into opt (whose --summary and --decode arrays hold argc
 * entries), then the render; the exit status. */
static int run(int argc, char **argv, render_options *opt, const char **summaries, const char **decodes)
{
    enum { OPT_NOTE = 256, OPT_TEMPLATES, OPT_FONTS, OPT_SUMMARY, OPT_DECODE, OPT_LLM };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},  {"note", required_argument, NULL, OPT_NOTE},
        {"templates", required_argument, NULL, OPT_TEMPLATES},
        {"fonts", required_argument, NULL, OPT_FONTS}, {"help", no_argument, NULL, 'h'},
        {"summary", required_argument, NULL, OPT_SUMMARY},
        {"decode", required_argument, NULL, OPT_DECODE},
        {"llm", required_argument, NULL, OPT_LLM},
        {NULL, 0, NULL, 0},
    };
    opt->summary_csvs = summaries;
    opt->decode_csvs = decodes;
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
        case OPT_LLM: opt->llm = optarg; break;
        case 'h': usage(stdout); return 0;
        case ':': return bad_usage("option %s needs an argument", argv[optind - 1]);
        default: return bad_usage("unknown option %s", argv[optind - 1]);
        }
    }
    if (opt->outdir == NULL)
        return bad_usage("%s", "missing -o OUTDIR");
    if (optind == argc)
        return bad_usage("%s", "missing MODEL.csv");
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
    render_options opt = {0};
    const char **summaries = calloc((size_t)argc, sizeof *summaries);
    const char **decodes = calloc((size_t)argc, sizeof *decodes);
    int rc = 1;
    if (summaries == NULL || decodes == NULL)
        fprintf(stderr, "render: out of memory\n");
    else
        rc = run(argc, argv, &opt, summaries, decodes);
    free(summaries);
    free(decodes);
    return rc;
}
