#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/fonts.h"
#include "charts/charts.h"
#include "csv_dups.h"
#include "csv_runs.h"
#include "csv_shapes.h"
#include "csv_table.h"
#include "doc/doc.h"
#include "llm_config.h"
#include "outputs.h"
#include "rail_cell.h"
#include "report_data.h"
#include "utf8_valid.h"

#define CHART_DPI 300.0

/* The documents, then png, svg and pdf of every figure. */
enum { OUT_MD, OUT_HTML, OUT_PDF, OUT_FIGS, OUT_COUNT = OUT_FIGS + 3 * FIG_COUNT };
enum { FIG_PNG, FIG_SVG, FIG_PDF };

typedef struct job {
    const render_options *opt;
    output_set set; /* the outputs, checked against the inputs up front */
    render_fonts fonts;
    csv_table table, summary, decode, modes;
    llm_configs llms;
    render_tables in; /* table, and summary, decode and llms when given */
    figure_set figs;
    output out[OUT_COUNT];
    char fig_paths[3 * FIG_COUNT][64];
} job;

static output *fig_out(job *j, int fig, int kind)
{
    return &j->out[OUT_FIGS + 3 * fig + kind];
}

/* report.md: the template with the CSV's values filled in; the sections
 * that quote a chart read its data from j->figs, built before. */
static int make_markdown(job *j, rl_error *err)
{
    char *dir = outputs_templates_dir(j->opt->templates_dir);
    if (dir == NULL)
        return rl_error_set(err, "out of memory");
    size_t len = strlen(dir) + sizeof "/report.md";
    char *path = malloc(len);
    tmpl_vars vars = {0};
    sbuf text = {0};
    int rc = path == NULL ? rl_error_set(err, "out of memory") : 0;
    if (rc == 0) {
        snprintf(path, len, "%s/report.md", dir);
        rc = template_read_file(path, &text, err);
    }
    if (rc == 0 && j->opt->note != NULL) /* an escape sequence in it would reach report.md and the HTML */
        rc = utf8_check_text(j->opt->note, "--note", err) != 0 ? -1 : text_check_controls(j->opt->note, "--note", err);
    if (rc == 0)
        rc = report_data_fill(&j->in, &j->figs, j->table.path, j->opt->note, &vars, err);
    if (rc == 0)
        rc = template_expand(sbuf_str(&text), path, &vars, &j->out[OUT_MD].data, err);
    sbuf_free(&text);
    tmpl_vars_free(&vars);
    free(path);
    free(dir);
    return rc;
}

/* Every figure as PNG (300 dpi), SVG and PDF, with cairo. */
static int make_charts(job *j, rl_error *err)
{
    chart_writer w = {0};
    if (chart_writer_open(&w, &j->fonts, err) != 0)
        return -1;
    int rc = 0;
    for (int f = 0; rc == 0 && f < FIG_COUNT; f++) {
        rc = chart_png(&w, &j->figs, (figure_id)f, CHART_DPI, &fig_out(j, f, FIG_PNG)->data, err);
        if (rc == 0)
            rc = chart_svg(&w, &j->figs, (figure_id)f, &fig_out(j, f, FIG_SVG)->data, err);
        if (rc == 0)
            rc = chart_pdf(&w, &j->figs, (figure_id)f, &fig_out(j, f, FIG_PDF)->data, err);
    }
    chart_writer_close(&w);
    return rc;
}

static void draw_figure(const canvas *c, const void *arg, int id)
{
    figure_draw(c, arg, (figure_id)id);
}

/* The only images the template may show are the figures render draws. */
static int pdf_figure_for(void *ctx, const char *url, pdf_figure *fig, rl_error *err)
{
    const job *j = ctx;
    int id = figure_from_url(url);
    if (id < 0)
        return rl_error_set(err, "image %s in the report template is not a figure render draws "
                                 "(fig/roofline.png, fig/speedup.png, ...)",
                            url);
    figure_size((figure_id)id, &fig->width, &fig->height);
    fig->draw = draw_figure;
    fig->arg = &j->figs;
    fig->id = id;
    return 0;
}

/* The HTML inlines each figure's SVG, made by make_charts before. */
static const char *html_figure_svg(void *ctx, const char *url, size_t *len)
{
    job *j = ctx;
    int id = figure_from_url(url);
    if (id < 0)
        return NULL;
    const sbuf *svg = &fig_out(j, id, FIG_SVG)->data;
    *len = svg->len;
    return svg->len > 0 ? svg->data : NULL;
}

static int make_documents(job *j, rl_error *err)
{
    md_doc doc;
    const sbuf *md = &j->out[OUT_MD].data;
    if (md_doc_parse(&doc, sbuf_str(md), md->len, err) != 0)
        return -1;
    sbuf title = {0};
    md_doc_first_heading(&doc, &title);
    html_out_options ho = {sbuf_str(&title), html_figure_svg, j};
    int rc = html_out_write(&doc, &ho, &j->out[OUT_HTML].data, err);
    pdf_out_options po = {
        .fonts = &j->fonts, .title = sbuf_str(&title), .figures = pdf_figure_for, .figures_ctx = j};
    if (rc == 0)
        rc = pdf_out_write(&doc, &po, &j->out[OUT_PDF].data, err);
    sbuf_free(&title);
    md_doc_free(&doc);
    return rc;
}

static void name_outputs(job *j)
{
    static const char *const ext[3] = {"png", "svg", "pdf"};
    j->out[OUT_MD].path = "report.md";
    j->out[OUT_HTML].path = "report.html";
    j->out[OUT_PDF].path = "report.pdf";
    for (int f = 0; f < FIG_COUNT; f++)
        for (int k = 0; k < 3; k++) {
            char *p = j->fig_paths[3 * f + k];
            snprintf(p, sizeof j->fig_paths[0], "fig/%s.%s", figure_name((figure_id)f), ext[k]);
            fig_out(j, f, k)->path = p;
        }
}

/* The LLM shapes: --llm, else the project's models.ini when there is one
 * (none: the report has no LLM shape class and says so). */
static int load_llms(job *j, rl_error *err)
{
    int oom;
    char *path = outputs_llm_file(j->opt->llm, &oom);
    if (path == NULL)
        return oom ? rl_error_set(err, "out of memory") : 0;
    int rc = llm_configs_load(&j->llms, path, err);
    j->in.llms = rc == 0 ? &j->llms : NULL;
    free(path);
    return rc;
}

/* The model CSVs, loaded into one table and checked together (a row in
 * two files is an error, as in model), then the summary, decode and modes
 * CSVs when given. */
static int load_inputs(job *j, rl_error *err)
{
    const render_options *opt = j->opt;
    const csv_limits *lim = opt->limits;
    int rc = csv_table_init(&j->table, &MODEL_CSV_SCHEMA, opt->model_csvs[0], err);
    if (rc != 0)
        return -1;
    j->in.model = &j->table;
    for (size_t i = 0; rc == 0 && i < opt->nmodel_csvs; i++)
        rc = csv_table_load_into(&j->table, opt->model_csvs[i], lim, err);
    if (rc == 0) /* a row twice is an error here as in model */
        rc = csv_tables_check_duplicates(&j->table, 1, err);
    if (rc == 0) /* and so is a run_id of two devices, or a run given twice (csv_runs.h) */
        rc = csv_tables_check_runs(&j->table, 1, err);
    if (rc == 0) /* nor an empty shape: batch 0 broke the batch chart's log axis */
        rc = csv_tables_check_shapes(&j->table, 1, err);
    if (rc == 0) /* nor sample statistics out of order */
        rc = csv_tables_check_times(&j->table, 1, err);
    if (rc == 0) /* the Jetson rails cell, NAME=WATTS;... (rail_cell.h) */
        rc = csv_tables_check_rails(&j->table, 1, err);
    if (rc == 0 && opt->nsummary_csvs > 0) {
        rc = render_load_summaries(&j->summary, opt->summary_csvs, opt->nsummary_csvs, &j->table, lim, err);
        j->in.summary = rc == 0 ? &j->summary : NULL;
    }
    if (rc == 0 && opt->ndecode_csvs > 0) {
        rc = render_load_decodes(&j->decode, opt->decode_csvs, opt->ndecode_csvs, &j->table, lim, err);
        j->in.decode = rc == 0 ? &j->decode : NULL;
    }
    if (rc == 0 && opt->nmodes_csvs > 0) {
        rc = render_load_modes(&j->modes, opt->modes_csvs, opt->nmodes_csvs, &j->table, lim, err);
        j->in.modes = rc == 0 ? &j->modes : NULL;
    }
    if (rc == 0)
        rc = load_llms(j, err);
    return rc;
}

static void free_inputs(job *j)
{
    if (j->in.model != NULL)
        csv_table_free(&j->table);
    if (j->in.summary != NULL)
        csv_table_free(&j->summary);
    if (j->in.decode != NULL)
        csv_table_free(&j->decode);
    if (j->in.modes != NULL)
        csv_table_free(&j->modes);
    if (j->in.llms != NULL)
        llm_configs_free(&j->llms);
}

/* Every file render reads, for the output set to refuse as an output:
 * model -o out/model.csv then render -o out/fig is fine; --templates out
 * -o out would write report.md over its own template. */
static int prepare_outputs(job *j, rl_error *err)
{
    const render_options *opt = j->opt;
    size_t n = opt->nmodel_csvs + opt->nsummary_csvs + opt->ndecode_csvs + opt->nmodes_csvs + 2, k = 0;
    const char **inputs = calloc(n, sizeof *inputs);
    char *dir = outputs_templates_dir(opt->templates_dir);
    int oom = 0;
    char *llm = outputs_llm_file(opt->llm, &oom);
    char *template = dir != NULL ? malloc(strlen(dir) + sizeof "/report.md") : NULL;
    int rc = inputs == NULL || template == NULL || oom ? rl_error_set(err, "out of memory") : 0;
    if (rc == 0) {
        sprintf(template, "%s/report.md", dir);
        for (size_t i = 0; i < opt->nmodel_csvs; i++)
            inputs[k++] = opt->model_csvs[i];
        for (size_t i = 0; i < opt->nsummary_csvs; i++)
            inputs[k++] = opt->summary_csvs[i];
        for (size_t i = 0; i < opt->ndecode_csvs; i++)
            inputs[k++] = opt->decode_csvs[i];
        for (size_t i = 0; i < opt->nmodes_csvs; i++)
            inputs[k++] = opt->modes_csvs[i];
        inputs[k++] = template;
        inputs[k++] = llm;
        rc = outputs_prepare(&j->set, opt->outdir, j->out, OUT_COUNT, inputs, k, err);
    }
    free(inputs);
    free(template);
    free(llm);
    free(dir);
    return rc;
}

int render_run(const render_options *opt, render_summary *sum, rl_error *err)
{
    job *j = calloc(1, sizeof *j);
    if (j == NULL)
        return rl_error_set(err, "out of memory");
    j->opt = opt;
    name_outputs(j);
    output_set_init(&j->set);
    memset(sum, 0, sizeof *sum);
    int rc = prepare_outputs(j, err);
    if (rc == 0)
        rc = render_fonts_find(opt->fonts_dir, &j->fonts, err);
    int have_figs = 0;
    if (rc == 0)
        rc = load_inputs(j, err);
    if (rc == 0) /* first: the charts and the report's sections both read it */
        rc = figure_set_build(&j->in, &j->figs, err);
    have_figs = rc == 0;
    if (rc == 0)
        rc = make_markdown(j, err);
    if (rc == 0)
        rc = make_charts(j, err);
    if (rc == 0)
        rc = make_documents(j, err);
    for (int i = 0; rc == 0 && i < OUT_COUNT; i++)
        if (j->out[i].data.failed)
            rc = rl_error_set(err, "out of memory making %s", j->out[i].path);
    if (rc == 0)
        rc = outputs_commit(&j->set, opt->outdir, j->out, OUT_COUNT, err);
    output_set_free(&j->set);
    sum->rows = j->in.model != NULL ? j->table.nrows : 0;
    sum->chart_points = have_figs ? j->figs.roofline.npoints : 0;
    sum->figures = FIG_COUNT;
    sum->pdf_bytes = j->out[OUT_PDF].data.len;
    for (int i = 0; i < OUT_COUNT; i++)
        sbuf_free(&j->out[i].data);
    if (have_figs)
        figure_set_free(&j->figs);
    free_inputs(j);
    render_fonts_free(&j->fonts);
    free(j);
    return rc;
}
