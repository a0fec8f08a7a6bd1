#include "figures.h"

#include <stdio.h>
#include <string.h>

#include "chart_roofline.h"
#include "chart_draw.h"

static void draw_roofline(const canvas *c, const figure_set *s, double w, double h)
{
    chart_gemv_roofline_draw(c, &s->gemv, w, h);
}

static void draw_roofline_all(const canvas *c, const figure_set *s, double w, double h)
{
    chart_roofline_draw(c, &s->roofline, w, h);
}

static void draw_speedup(const canvas *c, const figure_set *s, double w, double h)
{
    chart_speedup_draw(c, &s->compare, w, h);
}

static void draw_predicted(const canvas *c, const figure_set *s, double w, double h)
{
    chart_predicted_draw(c, &s->predicted, w, h);
}

/* The energy chart's power modes: the first device that ran in several,
 * or NULL when none did (the chart is then by shape). */
static const mode_data *energy_modes(const figure_set *s)
{
    const mode_data *m = &s->modes.per_device[0];
    return m->device != NULL ? m : NULL;
}

static void draw_energy(const canvas *c, const figure_set *s, double w, double h)
{
    if (energy_modes(s) != NULL)
        chart_energy_modes_draw(c, energy_modes(s), w, h);
    else
        chart_energy_draw(c, &s->compare, w, h);
}

static void draw_batch(const canvas *c, const figure_set *s, double w, double h)
{
    chart_batch_draw(c, &s->batch, w, h);
}

static void draw_efficiency(const canvas *c, const figure_set *s, double w, double h)
{
    chart_efficiency_draw(c, &s->efficiency, w, h);
}

static void draw_accuracy(const canvas *c, const figure_set *s, double w, double h)
{
    chart_accuracy_draw(c, &s->accuracy, w, h);
}

static void draw_decode(const canvas *c, const figure_set *s, double w, double h)
{
    chart_decode_draw(c, &s->decode, w, h);
}

static void draw_memory(const canvas *c, const figure_set *s, double w, double h)
{
    chart_memory_draw(c, &s->decode, w, h);
}

static void draw_claims(const canvas *c, const figure_set *s, double w, double h)
{
    chart_story_draw(c, &s->story, w, h);
}

static void draw_decode_step(const canvas *c, const figure_set *s, double w, double h)
{
    chart_step_draw(c, &s->steps, w, h);
}

static void draw_fleet(const canvas *c, const figure_set *s, double w, double h)
{
    chart_fleet_draw(c, &s->fleet, w, h);
}

static const struct {
    const char *name;
    double width, height; /* points */
    void (*draw)(const canvas *, const figure_set *, double, double);
    const char *description;
} FIGURES[FIG_COUNT] = {
    [FIG_ROOFLINE] = {"roofline", 540.0, 450.0, draw_roofline,
                      "Log-log roofline of the GEMV cases, one panel per device, power mode and run. x axis: "
                      CHART_X_LABEL ", 0.5 to 64. y axis: " CHART_GEMV_Y_LABEL ". One marker per format and "
                      "shape class (filled: batch 1 at the largest square, and each batch size, joined; hollow "
                      "with a range bar: the median over the other batch-1 shapes), coloured by format, shaped "
                      "by the compute unit whose roof bounds it; each roof named with its peak and ridge "
                      "point; where a run measured them, each format's issue roof (its GEMV with the weights "
                      "in L2) as a dash-dotted line in the format's colour, named with the format."},
    [FIG_SPEEDUP] = {"speedup", 540.0, 360.0, draw_speedup,
                     "Horizontal bars, one row per weight format. x axis: " CHART_SPEEDUP_X_LABEL
                     ". Bars: measured speedup at two square shapes; diamonds: predicted by the "
                     "roofline; black ticks: the ideal 16 / bits per weight."},
    [FIG_PREDICTED] = {"predicted", 540.0, 460.0, draw_predicted,
                       "Scatter. x axis (log): " CHART_PREDICTED_X_LABEL ". y axis: " CHART_PREDICTED_Y_LABEL
                       ", 100 × (predicted − measured) / measured. Hollow: the " PRED_BYTES_ONLY
                       "; filled: the " PRED_WITH_FLOOR "; a bar: the " PRED_ISSUE_ROOF " where the run "
                       "measured its formats' issue roofs; joined per case. The shaded band holds "
                       "|error| ≤ 10 %."},
    [FIG_ENERGY] = {"energy", 540.0, 340.0, draw_energy,
                    "Two panels of horizontal bars, one row per weight format (one bar per shape, "
                    "or per power mode when a device ran in several). Left: energy per "
                    "call. Right: " CHART_EFFICIENCY_X_LABEL "."},
    [FIG_BATCH] = {"batch", 540.0, 340.0, draw_batch,
                   "Line chart. x axis: " CHART_BATCH_X_LABEL ". y axis: " CHART_BATCH_Y_LABEL
                   ". Solid: measured; dashed: the " PRED_BYTES_ONLY "; dotted: the " PRED_WITH_FLOOR "."},
    [FIG_EFFICIENCY] = {"efficiency", 540.0, 378.0, draw_efficiency,
                        "Log-log scatter. x axis: " CHART_EFFICIENCY_INTENSITY_LABEL
                        ". y axis: " CHART_EFFICIENCY_X_LABEL ", measured (filled) and fitted by the "
                        "model's energy fit (hollow), coloured by format, shaped by kernel."},
    [FIG_ACCURACY] = {"accuracy", 540.0, 340.0, draw_accuracy,
                      "Scatter. x axis (log): " CHART_ACCURACY_X_LABEL
                      ". y axis: " CHART_SPEEDUP_X_LABEL ". One horizontal span per weight "
                      "format at its measured speedup, from its error on Gaussian weights "
                      "(circle) to its error on heavy-tailed weights with outliers (diamond), named with its "
                      "speedup; spans that would pile up are spread a marker apart."},
    [FIG_DECODE] = {"decode", 540.0, 640.0, draw_decode,
                    "Dot plots, one panel per LLM, one row per device spec and power mode. x axis "
                    "(log, shared): "
                    CHART_DECODE_X_LABEL ". One marker per weight format: hollow, predicted from "
                    "the datasheet alone; filled, with a measured run's ceiling and launch floor; "
                    "a cross where the format does not fit in the device's memory."},
    [FIG_MEMORY] = {"memory", 540.0, 400.0, draw_memory,
                    "Horizontal stacked bars, one row per LLM and weight format. x axis: "
                    CHART_MEMORY_X_LABEL ". Bars: weights, then the KV cache; dashed lines: "
                    "the usable memory of each device (memory minus the OS reserve)."},
    [FIG_ROOFLINE_ALL] = {"roofline_all", 540.0, 378.0, draw_roofline_all,
                          "Log-log roofline chart of every case. x axis: " CHART_X_LABEL ". y axis: " CHART_Y_LABEL
                          ". Points: measured cases, coloured by weight format, shaped by kernel; dash-dotted "
                          "lines: each format's issue roof where a run measured it; one panel per "
                          "device, power mode and run when there are several."},
    [FIG_CLAIMS] = {"claims", 540.0, 220.0, draw_claims,
                    "Dot plot, one row per claim of the validation guide (its format). x axis: "
                    CHART_SPEEDUP_X_LABEL ". Filled markers: measured at the largest square (circle), "
                    "at LLM layer shapes (diamond) and in a whole decode token (square), medians with "
                    "their range as a whisker; hollow: the roofline + launch floor's prediction; the "
                    "band is the claim's range, the black tick the ideal 16 / bits per weight."},
    [FIG_DECODE_STEP] = {"decode_step", 540.0, 300.0, draw_decode_step,
                         "Dot plot, one row per LLM and weight format. x axis (log): " CHART_STEP_X_LABEL
                         ". Filled: measured; hollow diamond: the roofline + launch floor; hollow circle: "
                         "the bytes-only roofline."},
    [FIG_FLEET] = {"fleet", 540.0, 380.0, draw_fleet,
                   "Dot strips, one row per metric (read stream, L2 read, fp16 and w4a16 GEMV, SM clock) and "
                   "pass of scripts/fleet.sh (alone, all at once). x axis: each card's value as a percentage "
                   "of the median of the cards of its device and pass. One dot per card; vermillion and "
                   "named: a card more than 3 % or its run-to-run noise below the median; shaded: within "
                   "3 %; black ticks: the datasheet."},
};

int figure_set_build(const render_tables *in, figure_set *s, rl_error *err)
{
    const csv_table *t = in->model;
    memset(s, 0, sizeof *s);
    if (chart_data_from_table(t, &s->roofline, err) != 0)
        return -1;
    if (scatter_data_from_table(t, &s->predicted, err) != 0) {
        chart_data_free(&s->roofline);
        return -1;
    }
    if (efficiency_data_from_table(t, in->summary, &s->efficiency, err) != 0) {
        scatter_data_free(&s->predicted);
        chart_data_free(&s->roofline);
        return -1;
    }
    gemv_roof_data_from_table(t, &s->roofline, &s->gemv);
    if (step_data_from_table(t, &s->steps, err) != 0 ||
        story_data_from_tables(t, in->summary, in->llms, &s->steps, &s->story) != 0) {
        figure_set_free(s);
        return rl_error_set(err, "out of memory picking the runs' story");
    }
    compare_data_from_table(t, &s->compare);
    batch_data_from_table(t, &s->batch);
    accuracy_data_from_table(t, &s->compare, &s->accuracy);
    decode_data_from_table(in->decode, &s->decode);
    mode_set_from_table(t, &s->decode, &s->modes);
    if (fleet_data_from_table(t, &s->fleet, err) != 0) {
        figure_set_free(s);
        return -1;
    }
    return 0;
}

void figure_set_free(figure_set *s)
{
    chart_data_free(&s->roofline);
    scatter_data_free(&s->predicted);
    efficiency_data_free(&s->efficiency);
    step_data_free(&s->steps);
    fleet_data_free(&s->fleet);
    memset(s, 0, sizeof *s);
}

const char *figure_name(figure_id id)
{
    return FIGURES[id].name;
}

void figure_size(figure_id id, double *width, double *height)
{
    *width = FIGURES[id].width;
    *height = FIGURES[id].height;
}

void figure_title(const figure_set *s, figure_id id, char *buf, size_t size)
{
    switch (id) {
    case FIG_ROOFLINE: chart_gemv_roofline_title(&s->gemv, buf, size); return;
    case FIG_ROOFLINE_ALL: chart_roofline_title(&s->roofline, buf, size); return;
    case FIG_SPEEDUP: chart_speedup_title(&s->compare, buf, size); return;
    case FIG_PREDICTED: chart_predicted_title(&s->predicted, buf, size); return;
    case FIG_ENERGY:
        if (energy_modes(s) != NULL)
            chart_energy_modes_title(energy_modes(s), buf, size);
        else
            chart_energy_title(&s->compare, buf, size);
        return;
    case FIG_BATCH: chart_batch_title(&s->batch, buf, size); return;
    case FIG_EFFICIENCY: chart_efficiency_title(&s->efficiency, buf, size); return;
    case FIG_ACCURACY: chart_accuracy_title(&s->accuracy, buf, size); return;
    case FIG_DECODE: chart_decode_title(&s->decode, buf, size); return;
    case FIG_MEMORY: chart_memory_title(&s->decode, buf, size); return;
    case FIG_CLAIMS: chart_story_title(&s->story, buf, size); return;
    case FIG_DECODE_STEP: chart_step_title(&s->steps, buf, size); return;
    case FIG_FLEET: chart_fleet_title(&s->fleet, buf, size); return;
    case FIG_COUNT: break;
    }
    snprintf(buf, size, "?");
}

const char *figure_description(figure_id id)
{
    return FIGURES[id].description;
}

int figure_from_url(const char *url)
{
    if (strncmp(url, "fig/", 4) != 0)
        return -1;
    for (int i = 0; i < FIG_COUNT; i++) {
        size_t n = strlen(FIGURES[i].name);
        if (strncmp(url + 4, FIGURES[i].name, n) == 0 && strcmp(url + 4 + n, ".png") == 0)
            return i;
    }
    return -1;
}

void figure_draw(const canvas *c, const figure_set *s, figure_id id)
{
    FIGURES[id].draw(c, s, FIGURES[id].width, FIGURES[id].height);
}
