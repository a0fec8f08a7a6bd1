#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_data.h"
#include "chart_output.h"
#include "csv_table.h"
#include "fonts.h"
#include "html_out.h"
#include "md_doc.h"
#include "outputs.h"
#include "pdf_out.h"
#include "report_data.h"
#include "template.h"
#include "utf8.h"

#define CHART_DPI 300.0
#define CHART_PNG "fig/roofline.png"

enum { OUT_MD, OUT_HTML, OUT_PDF, OUT_PNG, OUT_SVG, OUT_COUNT };

typedef struct job {
    const render_options *opt;
    render_fonts fonts;
    csv_table table;
    output out[OUT_COUNT];
} job;

/* The only image the template may show is the chart drawn in this run. */
static int chart_image(void *ctx, const char *url, const void **data, size_t *len, rl_error *err)
{
    const job *j = ctx;
    if (strcmp(url, CHART_PNG) != 0)
        return rl_error_set(err, "image %s in the report template is not one render draws (use %s)",
                            url, CHART_PNG);
    *data = j->out[OUT_PNG].data.data;
    *len = j->out[OUT_PNG].data.len;
    return 0;
}

/* report.md: the template with the CSV's values filled in. */
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
    if (rc == 0)
        rc = utf8_check_text(sbuf_str(&text), path, err);
    if (rc == 0 && j->opt->note != NULL)
        rc = utf8_check_text(j->opt->note, "--note", err);
    if (rc == 0)
        rc = report_data_fill(&j->table, j->opt->model_csv, j->opt->note, &vars, err);
    if (rc == 0)
        rc = template_expand(sbuf_str(&text), path, &vars, &j->out[OUT_MD].data, err);
    sbuf_free(&text);
    tmpl_vars_free(&vars);
    free(path);
    free(dir);
    return rc;
}

static int make_charts(job *j, render_summary *sum, rl_error *err)
{
    chart_data d;
    if (chart_data_from_table(&j->table, &d, err) != 0)
        return -1;
    sum->chart_points = d.npoints;
    int rc = chart_png(&d, &j->fonts, CHART_DPI, &j->out[OUT_PNG].data, err);
    if (rc == 0)
        rc = chart_svg(&d, &j->fonts, &j->out[OUT_SVG].data, err);
    chart_data_free(&d);
    return rc;
}

static int make_documents(job *j, rl_error *err)
{
    md_doc doc;
    const sbuf *md = &j->out[OUT_MD].data;
    if (md_doc_parse(&doc, sbuf_str(md), md->len, err) != 0)
        return -1;
    sbuf title = {0};
    md_doc_first_heading(&doc, &title);
    int rc = html_out_write(&doc, sbuf_str(&title), &j->out[OUT_HTML].data, err);
    pdf_out_options po = {&j->fonts, sbuf_str(&title), chart_image, j};
    if (rc == 0)
        rc = pdf_out_write(&doc, &po, &j->out[OUT_PDF].data, err);
    sbuf_free(&title);
    md_doc_free(&doc);
    return rc;
}

int render_run(const render_options *opt, render_summary *sum, rl_error *err)
{
    static const char *const paths[OUT_COUNT] = {"report.md", "report.html", "report.pdf", CHART_PNG,
                                                 "fig/roofline.svg"};
    job j = {.opt = opt};
    for (int i = 0; i < OUT_COUNT; i++)
        j.out[i].path = paths[i];
    memset(sum, 0, sizeof *sum);
    int rc = render_fonts_find(opt->fonts_dir, &j.fonts, err);
    int have_table = 0;
    if (rc == 0)
        rc = csv_table_load(&j.table, opt->model_csv, &MODEL_CSV_SCHEMA, err);
    have_table = rc == 0;
    if (rc == 0)
        rc = utf8_check_table(&j.table, err);
    if (rc == 0)
        rc = make_markdown(&j, err);
    if (rc == 0)
        rc = make_charts(&j, sum, err);
    if (rc == 0)
        rc = make_documents(&j, err);
    for (int i = 0; rc == 0 && i < OUT_COUNT; i++)
        if (j.out[i].data.failed)
            rc = rl_error_set(err, "out of memory making %s", j.out[i].path);
    if (rc == 0)
        rc = outputs_commit(opt->outdir, j.out, OUT_COUNT, err);
    sum->rows = have_table ? j.table.nrows : 0;
    sum->pdf_bytes = j.out[OUT_PDF].data.len;
    for (int i = 0; i < OUT_COUNT; i++)
        sbuf_free(&j.out[i].data);
    if (have_table)
        csv_table_free(&j.table);
    render_fonts_free(&j.fonts);
    return rc;
}
