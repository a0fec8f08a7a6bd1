/* The figures as a set (issue 14): the GEMV roofline's picks and drawing
 * against values computed by hand, every figure's colours against the
 * Okabe-Ito palette, and a device swept over three power modes drawn one
 * panel per mode. The recorder and the clash check are in
 * test_render_recorder.h. */
#include "test_render_recorder.h"

#include <unistd.h>

#include "../render/charts/chart_data.h"
#include "../render/charts/chart_draw.h"
#include "../render/charts/chart_parts.h"
#include "../render/charts/chart_roofline.h"
#include "../render/charts/figures.h"
#include "../render/charts/gemv_data.h"
#include "../render/charts/inputs.h"

/* --- the GEMV roofline: fp16 at the largest square (16384, 3.0 TFLOP/s)
 * and at three other shapes (2.0, 1.0 and 2.5 TFLOP/s: median 2.0), a
 * w4a16_g128 at the largest square and at batch 2 and 16 of 8192x8192 on
 * the tensor cores; a failed check and a stream kernel that are no marks. */
#define H100 "device=H spec_mode=m bw_datasheet_gbs=3352 bw_measured_gbs=3065 run_id=r check=ok "
#define FP32 "compute_unit=cuda_fp32 peak_datasheet_gflops=66900 "
#define TC "compute_unit=tensor_fp16 peak_datasheet_gflops=989000 "
static const char *const GEMV_ROWS[] = {
    H100 FP32 "kernel=gemv format=fp16 n=16384 k=16384 batch=1 intensity_flop_per_byte=1.0 achieved_gflops=3000",
    H100 FP32 "kernel=gemv format=fp16 n=4096 k=4096 batch=1 intensity_flop_per_byte=0.99 achieved_gflops=2000",
    H100 FP32 "kernel=gemv format=fp16 n=2048 k=5632 batch=1 intensity_flop_per_byte=0.98 achieved_gflops=1000",
    H100 FP32 "kernel=gemv format=fp16 n=4096 k=11008 batch=1 intensity_flop_per_byte=0.995 achieved_gflops=2500",
    H100 FP32 "kernel=gemv format=w4a16_g128 n=16384 k=16384 batch=1 intensity_flop_per_byte=3.9 "
              "achieved_gflops=11000",
    H100 TC "kernel=gemv format=w4a16_g128 n=8192 k=8192 batch=16 intensity_flop_per_byte=62 achieved_gflops=89000",
    H100 TC "kernel=gemv format=w4a16_g128 n=8192 k=8192 batch=2 intensity_flop_per_byte=7.8 achieved_gflops=20000",
    "device=H spec_mode=m bw_datasheet_gbs=3352 run_id=r check=wrong " FP32
    "kernel=gemv format=fp16 n=8192 k=8192 batch=1 intensity_flop_per_byte=1 achieved_gflops=9",
    H100 FP32 "kernel=stream_read format=fp32 n=100 k=1 batch=1 intensity_flop_per_byte=0.25 achieved_gflops=700",
};
#define NGEMV (sizeof GEMV_ROWS / sizeof GEMV_ROWS[0])

static void gemv_marks_picked_by_hand(void **state)
{
    (void)state;
    mem_table m;
    chart_data all;
    gemv_roof_data d;
    rl_error err = {{0}};
    mem_table_init(&m, GEMV_ROWS, NGEMV);
    assert_int_equal(chart_data_from_table(&m.t, &all, &err), 0);
    gemv_roof_data_from_table(&m.t, &all, &d);
    assert_int_equal(d.ngroups, 1);
    const gemv_group *g = &d.g[0];
    assert_int_equal(g->largest, 16384);
    assert_int_equal(g->batch_n, 8192);
    assert_int_equal(g->batch_k, 8192);
    assert_int_equal(g->nother, 3); /* 4096x4096, 2048x5632, 4096x11008; not the failed 8192 */
    assert_int_equal(g->nmarks, 5);
    /* fp16 first (the format table's order), then by class and batch */
    assert_string_equal(g->mark[0].format, "fp16");
    assert_int_equal(g->mark[0].cls, GEMV_LARGEST);
    assert_float_equal(g->mark[0].tflops, 3.0, 1e-12);
    assert_int_equal(g->mark[1].cls, GEMV_OTHER);
    assert_int_equal(g->mark[1].ncases, 3);
    assert_float_equal(g->mark[1].intensity, 0.99, 1e-12); /* median of 0.99, 0.98, 0.995 */
    assert_float_equal(g->mark[1].tflops, 2.0, 1e-12);
    assert_float_equal(g->mark[1].tflops_min, 1.0, 1e-12);
    assert_float_equal(g->mark[1].tflops_max, 2.5, 1e-12);
    assert_string_equal(g->mark[2].format, "w4a16_g128");
    assert_int_equal(g->mark[2].cls, GEMV_LARGEST);
    assert_int_equal(g->mark[3].cls, GEMV_BATCH);
    assert_int_equal(g->mark[3].batch, 2);
    assert_int_equal(g->mark[4].batch, 16);
    assert_string_equal(g->mark[4].unit, "tensor_fp16");
    /* the roofs the marks use, ascending */
    assert_int_equal(g->nroofs, 2);
    assert_string_equal(g->roof[0].unit, "cuda_fp32");
    assert_float_equal(g->roof[0].peak_tflops, 66.9, 1e-12);
    assert_string_equal(g->roof[1].unit, "tensor_fp16");
    chart_data_free(&all);
    mem_table_free(&m);
}

/* The plot frame: the one outlined rectangle at least 200 points wide. */
static const rec_rect *plot_frame(const recorder *r)
{
    for (size_t i = 0; i < r->nr; i++)
        if (!r->r[i].fill && r->r[i].w > 200.0)
            return &r->r[i];
    return NULL;
}

static const rec_marker *marker_at(const recorder *r, double x, double y, int fill)
{
    for (size_t i = 0; i < r->nm; i++)
        if (fabs(r->m[i].x - x) < 1e-6 && fabs(r->m[i].y - y) < 1e-6 && r->m[i].fill == fill &&
            fabs(r->m[i].size - CHART_MARKER_SIZE) < 1e-9)
            return &r->m[i];
    return NULL;
}

static void gemv_roofline_drawn_by_hand(void **state)
{
    (void)state;
    mem_table m;
    chart_data all;
    gemv_roof_data d;
    rl_error err = {{0}};
    mem_table_init(&m, GEMV_ROWS, NGEMV);
    assert_int_equal(chart_data_from_table(&m.t, &all, &err), 0);
    gemv_roof_data_from_table(&m.t, &all, &d);
    canvas c;
    recorder *rec = rec_new(&c);
    chart_gemv_roofline_draw(&c, &d, 540.0, 450.0);
    const rec_rect *f = plot_frame(rec);
    assert_non_null(f);
    /* x: 0.5 to 64, seven octaves, ticks at every power of two */
    static const char *const ticks[] = {"0.5", "1", "2", "4", "8", "16", "32", "64"};
    for (size_t i = 0; i < 8; i++)
        if (rec_find_text(rec, ticks[i]) == NULL)
            fail_msg("no x tick '%s'", ticks[i]);
    /* y: from min(3352 x 0.5 / 1e3 = 1.676, 1.0) / 1.08 to max(3352 x 64 /
     * 1e3 = 214.5 (under tensor_fp16's 989), 89, 66.9) x 1.6 = 343, in
     * whole decades: 0.1 to 1000 TFLOP/s. */
    assert_non_null(rec_find_text(rec, "0.1"));
    assert_non_null(rec_find_text(rec, "1000"));
    assert_null(rec_find_text(rec, "10000"));
    double L = f->x, R = f->x + f->w, T = f->y, B = f->y + f->h;
#define PX(v) (L + log2((v) / 0.5) / 7.0 * (R - L))
#define PY(v) (B - (log10(v) + 1.0) / 4.0 * (B - T))
    /* fp16 at the largest square: a filled circle at (1.0, 3.0) */
    const rec_marker *mk = marker_at(rec, PX(1.0), PY(3.0), 1);
    assert_non_null(mk);
    assert_int_equal(mk->shape, MARKER_CIRCLE);
    /* the other shapes: a hollow circle at the medians (0.99, 2.0), over a
     * bar from 1.0 to 2.5 */
    assert_non_null(marker_at(rec, PX(0.99), PY(2.0), 0));
    int bar = 0;
    for (size_t i = 0; i < rec->nlines && i < REC_LINES; i++) {
        const rec_polyline *l = &rec->l[i];
        bar |= l->n == 2 && fabs(l->x[0] - PX(0.99)) < 1e-6 && fabs(l->y[0] - PY(1.0)) < 1e-6 &&
               fabs(l->y[1] - PY(2.5)) < 1e-6;
    }
    assert_true(bar);
    /* batch 16 on the tensor cores: a triangle, the tensor_fp16 roof's marker */
    mk = marker_at(rec, PX(62.0), PY(89.0), 1);
    assert_non_null(mk);
    assert_int_equal(mk->shape, MARKER_TRIANGLE);
    /* the roofs: cuda_fp32 drawn from its ridge 66.9 / 3.352 = 19.96, which
     * a dot and a label mark; tensor_fp16's 989 TFLOP/s past the chart,
     * named with its ridge 989 / 3.352 = 295.05 */
    assert_non_null(rec_find_text(rec, "roof cuda_fp32 66.9 TFLOP/s"));
    assert_non_null(rec_find_text(rec, "ridge 20.0"));
    int dot = 0;
    for (size_t i = 0; i < rec->nm; i++)
        dot |= fabs(rec->m[i].x - PX(66.9 / 3.352)) < 1e-6 && fabs(rec->m[i].y - PY(66.9)) < 1e-6;
    assert_true(dot);
    assert_non_null(rec_find_text(rec, "roof tensor_fp16 989 TFLOP/s, ridge 295 flop/byte: above the chart"));
    /* the w4a16_g128 at batch 16 sits above the fp32 roof: whose roof it is */
    assert_non_null(rec_find_text(rec, "w4a16_g128: roof tensor_fp16, not cuda_fp32"));
    assert_non_null(rec_find_text(rec, "batch 1, 16384×16384 (largest square)"));
    assert_non_null(rec_find_text(rec, "batch 1, 3 other shapes: median, range"));
    assert_non_null(rec_find_text(rec, CHART_GEMV_Y_LABEL));
    assert_int_equal(clashes(rec, "gemv roofline", 540.0, 1), 0);
    assert_int_equal(rec->clip_depth, 0);
#undef PX
#undef PY
    free(rec);
    chart_data_free(&all);
    mem_table_free(&m);
}

/* --- colours: every figure of a full run and of a power-mode sweep uses
 * at most six colours: five hues of Okabe and Ito's palette and greys.
 * Mixing a colour with white or black keeps its HSV hue, so shades and
 * tints count as their hue. */

/* Okabe & Ito, "Color Universal Design" (2008), as published (sRGB, 0-255). */
static const int OKABE_ITO[][3] = {
    {230, 159, 0}, {86, 180, 233}, {0, 158, 115}, {240, 228, 66}, {0, 114, 178}, {213, 94, 0}, {204, 121, 167},
};

/* HSV hue in degrees, or -1 for a grey (saturation below 0.12). */
static double hue_of(double r, double g, double b)
{
    double mx = fmax(r, fmax(g, b)), mn = fmin(r, fmin(g, b));
    if (mx <= 0.0 || (mx - mn) / mx < 0.12)
        return -1.0;
    double h;
    if (mx == r)
        h = fmod((g - b) / (mx - mn), 6.0);
    else if (mx == g)
        h = (b - r) / (mx - mn) + 2.0;
    else
        h = (r - g) / (mx - mn) + 4.0;
    h *= 60.0;
    return h < 0.0 ? h + 360.0 : h;
}

static void note_hue(double h, double *seen, size_t *n, int *foreign)
{
    if (h < 0.0)
        return;
    int okabe = 0;
    for (size_t i = 0; i < sizeof OKABE_ITO / sizeof OKABE_ITO[0]; i++) {
        double o = hue_of(OKABE_ITO[i][0] / 255.0, OKABE_ITO[i][1] / 255.0, OKABE_ITO[i][2] / 255.0);
        okabe |= fabs(o - h) < 1.0;
    }
    if (!okabe)
        *foreign += 1;
    for (size_t i = 0; i < *n; i++)
        if (fabs(seen[i] - h) < 1.0)
            return;
    seen[(*n)++] = h;
}

static void set_hues(const figure_set *s, const char *name, size_t *nhues, int *foreign)
{
    double seen[512];
    size_t n = 0;
    for (int id = 0; id < FIG_COUNT; id++) {
        canvas c;
        recorder *rec = rec_new(&c);
        figure_draw(&c, s, (figure_id)id);
        int before = *foreign;
        for (size_t i = 0; i < rec->nm; i++)
            note_hue(hue_of(rec->m[i].colour.r, rec->m[i].colour.g, rec->m[i].colour.b), seen, &n, foreign);
        for (size_t i = 0; i < rec->nr; i++)
            note_hue(hue_of(rec->r[i].colour.r, rec->r[i].colour.g, rec->r[i].colour.b), seen, &n, foreign);
        for (size_t i = 0; i < rec->nt; i++)
            note_hue(hue_of(rec->t[i].colour.r, rec->t[i].colour.g, rec->t[i].colour.b), seen, &n, foreign);
        for (size_t i = 0; i < rec->nlines && i < REC_LINES; i++)
            note_hue(hue_of(rec->l[i].colour.r, rec->l[i].colour.g, rec->l[i].colour.b), seen, &n, foreign);
        if (*foreign > before)
            print_error("%s %s: %d colour(s) off the Okabe-Ito hues\n", name, figure_name((figure_id)id),
                        *foreign - before);
        free(rec);
    }
    *nhues = n;
}

static void figures_keep_to_six_okabe_ito_colours(void **state)
{
    (void)state;
    const char *const fixtures[] = {"model_h100_full.csv", "model_orin_modes.csv", "model_small.csv"};
    for (size_t k = 0; k < sizeof fixtures / sizeof fixtures[0]; k++) {
        csv_table t;
        figure_set s;
        rl_error err = {{0}};
        csv_table sum, dec;
        int full = k == 0; /* with model's summary and decode CSVs: every chart drawn */
        load_fixture(&t, fixtures[k]);
        if (full) {
            load_fixture_schema(&sum, "summary_h100_full.csv", &RENDER_SUMMARY_SCHEMA);
            load_fixture_schema(&dec, "decode_h100_full.csv", &RENDER_DECODE_SCHEMA);
        }
        assert_int_equal(
            figure_set_build(&(render_tables){&t, full ? &sum : NULL, full ? &dec : NULL, NULL}, &s, &err), 0);
        size_t nhues = 0;
        int foreign = 0;
        set_hues(&s, fixtures[k], &nhues, &foreign);
        if (nhues > 5 || foreign > 0)
            fail_msg("%s: %zu hues (want at most 5 and grey), %d drawings off the palette", fixtures[k], nhues,
                     foreign);
        figure_set_free(&s);
        csv_table_free(&t);
        if (full) {
            csv_table_free(&sum);
            csv_table_free(&dec);
        }
    }
    /* the format table's kinds, as the palette's hues */
    canvas_colour fp16 = chart_format_colour("fp16"), g64 = chart_format_colour("w4a16_g64");
    canvas_colour g128 = chart_format_colour("w4a16_g128"), g32 = chart_format_colour("w4a16_g32");
    assert_float_equal(fp16.r * 255.0, 0.0, 1e-9);
    assert_float_equal(fp16.g * 255.0, 114.0, 1e-9);
    assert_float_equal(fp16.b * 255.0, 178.0, 1e-9);
    assert_float_equal(hue_of(g64.r, g64.g, g64.b), hue_of(g128.r, g128.g, g128.b), 1e-9);
    assert_true(g32.g < g64.g && g64.g < g128.g); /* smaller groups: darker shades */
}

/* --- a Jetson swept over three power modes (tests/fixtures/render/
 * model_orin_modes.csv, bin/model on orin_modes_raw.csv): one panel per
 * mode on both rooflines, each naming its mode, so no two modes' DRAM
 * labels stack; no text on another. */
static void power_modes_get_a_panel_each(void **state)
{
    (void)state;
    csv_table t;
    figure_set s;
    rl_error err = {{0}};
    load_fixture(&t, "model_orin_modes.csv");
    assert_int_equal(figure_set_build(&(render_tables){&t, NULL, NULL, NULL}, &s, &err), 0);
    assert_int_equal(s.gemv.ngroups, 3);
    const figure_id ids[] = {FIG_ROOFLINE, FIG_ROOFLINE_ALL};
    for (size_t k = 0; k < 2; k++) {
        canvas c;
        recorder *rec = rec_new(&c);
        figure_draw(&c, &s, ids[k]);
        size_t frames = 0;
        for (size_t i = 0; i < rec->nr; i++)
            frames += !rec->r[i].fill && rec->r[i].w > 100.0;
        assert_int_equal(frames, 3);
        for (const char *const *mode = (const char *const[]){"Orin (15W)", "Orin (MAXN_SUPER)", "Orin (7W)", NULL};
             *mode != NULL; mode++)
            if (rec_find_text(rec, *mode) == NULL)
                fail_msg("%s: no panel titled '%s'", figure_name(ids[k]), *mode);
        size_t dram = 0;
        for (size_t i = 0; i < rec->nt; i++)
            dram += strncmp(rec->t[i].s, "DRAM ", 5) == 0;
        assert_true(dram <= 3); /* one per panel at most */
        assert_int_equal(clashes(rec, figure_name(ids[k]), 540.0, 1), 0);
        free(rec);
    }
    figure_set_free(&s);
    csv_table_free(&t);
}

/* Three runs of one card in one mode, as make report RAW="a b c" over the
 * archive gives: model_h100_full.csv's 140 cases written three times under
 * three run ids. Each run gets its own panel on both rooflines (its own
 * measured ceiling, nothing pooled), titled by its run alone (the chart's
 * title names the card), and every label stays inside the chart and off
 * every other text: the first merged report printed the roof notes, ridge
 * labels and panel titles of the narrow panels over one another. */
static const char *const RUNS[] = {"20261126T091854Z-1041", "20261126T095606Z-1196", "20261206T142837Z-558"};

static void write_three_runs(const char *path)
{
    const char *dir = getenv("TESTS_DIR");
    char src[512], line[8192];
    snprintf(src, sizeof src, "%s/fixtures/render/model_h100_full.csv", dir != NULL ? dir : "tests");
    FILE *in = fopen(src, "r"), *out = fopen(path, "w");
    assert_non_null(in);
    assert_non_null(out);
    assert_non_null(fgets(line, sizeof line, in));
    fputs(line, out);
    long body = ftell(in);
    for (size_t k = 0; k < 3; k++) {
        fseek(in, body, SEEK_SET);
        while (fgets(line, sizeof line, in) != NULL) {
            const char *comma = strchr(line, ',');
            assert_non_null(comma);
            fprintf(out, "%s%s", RUNS[k], comma);
        }
    }
    fclose(in);
    fclose(out);
}

/* Texts that overlap one another, each pair printed. */
static int texts_overlap(const recorder *r, const char *figure)
{
    int n = 0;
    for (size_t i = 0; i < r->nt; i++)
        for (size_t j = i + 1; j < r->nt; j++) {
            double ax[4], ay[4], bx[4], by[4];
            rec_text_corners(&r->t[i], ax, ay);
            rec_text_corners(&r->t[j], bx, by);
            if (rec_quads_overlap(ax, ay, bx, by, 0.25)) {
                print_error("%s: '%s' overlaps '%s'\n", figure, r->t[i].s, r->t[j].s);
                n++;
            }
        }
    return n;
}

static void runs_of_one_device_get_a_panel_each(void **state)
{
    (void)state;
    char path[] = "/tmp/test_render_figures.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_three_runs(path);
    csv_table t;
    figure_set s;
    rl_error err = {{0}};
    assert_int_equal(csv_table_load(&t, path, &MODEL_CSV_SCHEMA, &err), 0);
    unlink(path);
    assert_int_equal(figure_set_build(&(render_tables){&t, NULL, NULL, NULL}, &s, &err), 0);
    assert_int_equal(s.roofline.ngroups, 3);
    assert_int_equal(s.gemv.ngroups, 3);
    for (size_t g = 0; g < 3; g++) /* each run's own cases, not all three runs' */
        assert_int_equal(s.gemv.g[g].mark[0].ncases, 1);
    const figure_id ids[] = {FIG_ROOFLINE, FIG_ROOFLINE_ALL};
    for (size_t k = 0; k < 2; k++) {
        canvas c;
        recorder *rec = rec_new(&c);
        double w, h;
        figure_size(ids[k], &w, &h);
        figure_draw(&c, &s, ids[k]);
        for (size_t g = 0; g < 3; g++) {
            char title[64];
            snprintf(title, sizeof title, "run %s", RUNS[g]);
            if (rec_find_text(rec, title) == NULL)
                fail_msg("%s: no panel titled '%s'", figure_name(ids[k]), title);
        }
        /* the GEMV roofline finds a free place for every label; the zoo's
         * narrow panels have none for some roof labels, which may then
         * cover a point, never another text */
        int n = k == 0 ? clashes(rec, figure_name(ids[k]), w, 1) : texts_overlap(rec, figure_name(ids[k]));
        assert_int_equal(n + rec_off_canvas(rec, figure_name(ids[k]), w, h, 1), 0);
        free(rec);
    }
    figure_set_free(&s);
    csv_table_free(&t);
}

/* --- the newest archived run with its summary and decode CSVs */
static void load_full(csv_table *t, csv_table *sum, csv_table *dec, figure_set *s)
{
    rl_error err = {{0}};
    load_fixture(t, "model_h100_full.csv");
    load_fixture_schema(sum, "summary_h100_full.csv", &RENDER_SUMMARY_SCHEMA);
    load_fixture_schema(dec, "decode_h100_full.csv", &RENDER_DECODE_SCHEMA);
    assert_int_equal(figure_set_build(&(render_tables){t, sum, dec, NULL}, s, &err), 0);
}

static void free_full(csv_table *t, csv_table *sum, csv_table *dec, figure_set *s)
{
    figure_set_free(s);
    csv_table_free(t);
    csv_table_free(sum);
    csv_table_free(dec);
}

/* 1 when text t comes within gap points of the box [x0, x1] x [y0, y1]. */
static int text_near(const rec_text *t, double x0, double y0, double x1, double y1, double gap)
{
    double ax[4], ay[4], bx[4], by[4];
    rec_text_corners(t, ax, ay);
    rec_box_corners(x0 - gap, y0 - gap, x1 + gap, y1 + gap, bx, by);
    return rec_quads_overlap(ax, ay, bx, by, 0.0);
}

/* Speedup bars: the legend lists the shapes in the order their bars run
 * down a row (the smaller shape's lighter bar on top), and every value
 * keeps 2.5 points from every diamond and ideal tick. */
static void speedup_legend_in_bar_order_values_clear(void **state)
{
    (void)state;
    csv_table t, sum, dec;
    figure_set s;
    load_full(&t, &sum, &dec, &s);
    canvas c;
    recorder *rec = rec_new(&c);
    figure_draw(&c, &s, FIG_SPEEDUP);
    char small[32], big[32];
    snprintf(small, sizeof small, "%llu×%llu", (unsigned long long)s.compare.n[0], (unsigned long long)s.compare.k[0]);
    snprintf(big, sizeof big, "%llu×%llu", (unsigned long long)s.compare.n[1], (unsigned long long)s.compare.k[1]);
    const rec_text *ls = rec_find_text(rec, small), *lb = rec_find_text(rec, big);
    assert_non_null(ls);
    assert_non_null(lb);
    assert_true(ls->y < lb->y); /* the legend: smaller shape first */
    /* the bars: in row w8a16, the smaller shape's bar is the upper one */
    size_t row = 0;
    while (row < s.compare.ncats && strcmp(s.compare.cat[row].label, "w8a16") != 0)
        row++;
    assert_true(row < s.compare.ncats);
    assert_true(compare_speedup(&s.compare, row, 0) < compare_speedup(&s.compare, row, 1));
    int checked = 0;
    for (size_t i = 0; i < rec->nt; i++) {
        const rec_text *v = &rec->t[i];
        size_t len = strlen(v->s);
        if (len < 3 || strcmp(v->s + len - 2, "×") != 0 || v->st.angle_deg != 0.0 || v->s[0] < '0' || v->s[0] > '9')
            continue;
        checked++;
        for (size_t k = 0; k < rec->nm; k++) {
            double h = 0.5 * rec->m[k].size;
            if (text_near(v, rec->m[k].x - h, rec->m[k].y - h, rec->m[k].x + h, rec->m[k].y + h, 2.5))
                fail_msg("speedup: '%s' within 2.5 points of a marker at (%.1f, %.1f)", v->s, rec->m[k].x,
                         rec->m[k].y);
        }
        for (size_t k = 0; k < rec->nr; k++) { /* the ideal ticks: 2 points wide */
            const rec_rect *r = &rec->r[k];
            if (r->fill && fabs(r->w - 2.0) < 1e-9 && text_near(v, r->x, r->y, r->x + r->w, r->y + r->h, 2.5))
                fail_msg("speedup: '%s' within 2.5 points of an ideal tick at x %.1f", v->s, r->x);
        }
    }
    assert_true(checked >= 2 * 8); /* two shapes of cuBLAS and seven formats at least */
    free(rec);
    free_full(&t, &sum, &dec, &s);
}

/* Accuracy: no two formats' markers on one another (the group sizes of
 * one width run at one speedup), and each name says its speedup. */
static void accuracy_points_do_not_pile_up(void **state)
{
    (void)state;
    csv_table t, sum, dec;
    figure_set s;
    load_full(&t, &sum, &dec, &s);
    canvas c;
    recorder *rec = rec_new(&c);
    figure_draw(&c, &s, FIG_ACCURACY);
    for (size_t i = 0; i < rec->nm; i++)
        for (size_t j = i + 1; j < rec->nm; j++) {
            const rec_marker *a = &rec->m[i], *b = &rec->m[j];
            if (fabs(a->x - b->x) < 1e-9 && fabs(a->y - b->y) < 1e-9)
                continue; /* one marker: its fill, then its rim */
            if (fabs(a->x - b->x) < CHART_MARKER_SIZE && fabs(a->y - b->y) < CHART_MARKER_SIZE)
                fail_msg("accuracy: markers at (%.1f, %.1f) and (%.1f, %.1f) overlap", a->x, a->y, b->x, b->y);
        }
    char name[64];
    for (size_t i = 0; i < s.accuracy.nformats; i++) {
        const accuracy_format *a = &s.accuracy.f[i];
        if (!(a->speedup > 0.0) || !(a->err_gaussian > 0.0))
            continue;
        snprintf(name, sizeof name, "%s %.2f×", a->format, a->speedup);
        if (rec_find_text(rec, name) == NULL)
            fail_msg("accuracy: no label '%s'", name);
    }
    assert_int_equal(clashes(rec, "accuracy", 540.0, 1), 0);
    free(rec);
    free_full(&t, &sum, &dec, &s);
}

/* Energy: one unit, the µJ of the report's energy tables, even where the
 * values reach six digits (the H100's 16384x16384 fp16 call: 107242 µJ). */
static void energy_in_microjoules(void **state)
{
    (void)state;
    csv_table t, sum, dec;
    figure_set s;
    load_full(&t, &sum, &dec, &s);
    canvas c;
    recorder *rec = rec_new(&c);
    figure_draw(&c, &s, FIG_ENERGY);
    assert_non_null(rec_find_text(rec, "Energy per call (µJ)"));
    for (size_t i = 0; i < rec->nt; i++)
        assert_null(strstr(rec->t[i].s, "mJ"));
    free(rec);
    free_full(&t, &sum, &dec, &s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gemv_marks_picked_by_hand),
        cmocka_unit_test(gemv_roofline_drawn_by_hand),
        cmocka_unit_test(figures_keep_to_six_okabe_ito_colours),
        cmocka_unit_test(power_modes_get_a_panel_each),
        cmocka_unit_test(runs_of_one_device_get_a_panel_each),
        cmocka_unit_test(speedup_legend_in_bar_order_values_clear),
        cmocka_unit_test(accuracy_points_do_not_pile_up),
        cmocka_unit_test(energy_in_microjoules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
