/* render: the third stage of the pipeline, as a library call, and the
 * contract of render/report/, the room on top of the other three: it fills
 * the report template's sections from the charts' picks (charts/charts.h)
 * and typesets the result (doc/doc.h).
 *
 * Reads one or more model CSVs (csv_schema.h: MODEL_CSV_SCHEMA), as one
 * table of every run, and, when given, model's summary, decode and modes
 * CSVs of the same runs (inputs.h; any number of each), and writes,
 * under outdir:
 *   report.md         templates/report.md with its placeholders filled
 *   report.html       that Markdown as one self-contained HTML document
 *                     (cmark-gfm): every figure's SVG inlined, nothing linked
 *   report.pdf        that Markdown typeset (libharu), fonts embedded, its
 *                     charts drawn in as vectors
 *   fig/<name>.png    every figure of figures.h at 300 dpi (cairo)
 *   fig/<name>.svg    the same as SVG
 *   fig/<name>.pdf    the same as a one-page PDF
 * Every input is read and checked and every output made in memory before
 * the first file is written; the files are then written as
 * "<path>.partial.*" and renamed into place together, so bad input leaves no
 * output at all and a crash leaves only clearly named partial files.
 *
 * Nothing returned is the caller's to free: render_run fills *sum, and the
 * strings of render_options stay the caller's. Returns 0, or -1 with err set
 * (rl_error.h): one line naming the file, and the line where there is one.
 *
 * Inside: render.c loads, builds and writes; report_data.c fills each
 * {{placeholder}} of templates/report.md from one report_*.c function
 * (report_tables.h); outputs.c writes the files together. A new section is
 * such a function, a row in report_data.c and its placeholder in the
 * template.
 */
#ifndef RENDER_RENDER_H
#define RENDER_RENDER_H

#include "csv_table.h"
#include "rl_error.h"

typedef struct render_options {
    const char *const *model_csvs; /* required: one or more, read as one table */
    size_t nmodel_csvs;
    const char *const *summary_csvs; /* --summary, any number: model -s output */
    size_t nsummary_csvs;
    const char *const *decode_csvs;  /* --decode, any number: model -d output */
    size_t ndecode_csvs;
    const char *const *modes_csvs;   /* --modes, any number: model --modes output */
    size_t nmodes_csvs;
    const char *outdir;        /* required; created when missing */
    const char *note;          /* --note: a line for the report's header, or NULL */
    const char *templates_dir; /* NULL: $RL_TEMPLATE_DIR, <binary>/../templates, ./templates */
    const char *fonts_dir;     /* NULL: $RL_FONT_DIR, then the Debian DejaVu folder */
    const char *llm;           /* --llm: the LLM shapes (llm_config.h: an INI file or a
                                  config.json); NULL: specs/llm/models.ini beside the
                                  binary's folder, else under ., else none */
    const csv_limits *limits;  /* how much of each CSV is read; NULL: CSV_DEFAULT_LIMITS */
} render_options;

/* What render_run made, for the caller's progress line. */
typedef struct render_summary {
    unsigned long rows, chart_points, figures, pdf_bytes;
} render_summary;

int render_run(const render_options *opt, render_summary *sum, rl_error *err);

#endif
