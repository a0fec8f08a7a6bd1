/* summary_write: the per-run summary as SUMMARY_CSV_SCHEMA rows (summary.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csv_row.h"
#include "hypotheses.h"
#include "summary.h"
#include "summary_schema.h"

static const char FLOOR_NOTE[] = "weighted median of measured - time_us_pred_measured, weights "
                                 "1/measured, over the memory-bound rows in the error statistics";

typedef struct sum_out {
    csv_writer w;
    csv_row row;
    const run_fit *f;
    int rc;
    rl_error *err;
} sum_out;

typedef struct sum_cell {
    const char *section, *subject, *quantity;
    double value;
    const char *unit;
    size_t rows;
    const char *verdict, *note;
} sum_cell;

static void emit(sum_out *o, sum_cell c)
{
    if (o->rc != 0)
        return;
    csv_row_clear(&o->row);
    int rc = csv_row_set_text(&o->row, SUM_COL_run_id, o->f->run_id);
    rc |= csv_row_set_text(&o->row, SUM_COL_device, o->f->device);
    rc |= csv_row_set_text(&o->row, SUM_COL_spec_id, o->f->spec->id);
    rc |= csv_row_set_text(&o->row, SUM_COL_spec_mode, o->f->mode->name);
    rc |= csv_row_set_text(&o->row, SUM_COL_section, c.section);
    rc |= csv_row_set_text(&o->row, SUM_COL_subject, c.subject);
    rc |= csv_row_set_text(&o->row, SUM_COL_quantity, c.quantity);
    if (isfinite(c.value))
        rc |= csv_row_set_real(&o->row, SUM_COL_value, c.value);
    rc |= csv_row_set_text(&o->row, SUM_COL_unit, c.unit);
    rc |= csv_row_set_count(&o->row, SUM_COL_rows, c.rows);
    rc |= csv_row_set_text(&o->row, SUM_COL_verdict, c.verdict);
    rc |= csv_row_set_text(&o->row, SUM_COL_note, c.note);
    if (rc != 0)
        o->rc = rl_error_set(o->err, "out of memory writing the summary");
    else
        o->rc = csv_writer_row(&o->w, &o->row, o->err);
}

static void emit_errors(sum_out *o, const err_groups *g)
{
    for (size_t i = 0; i < g->count; i++)
        for (int p = 0; p < ERR_PRED_COUNT; p++) {
            const abs_err_stat *s = &g->groups[i].stat[p];
            char median[64], max[64];
            snprintf(median, sizeof median, "median_abs_err_pct_%s", err_pred_name((enum err_pred)p));
            snprintf(max, sizeof max, "max_abs_err_pct_%s", err_pred_name((enum err_pred)p));
            emit(o, (sum_cell){"errors", g->groups[i].subject, median, s->median, "%", s->n, NULL, NULL});
            emit(o, (sum_cell){"errors", g->groups[i].subject, max, s->max, "%", s->n, NULL, NULL});
        }
}

static void emit_energy(sum_out *o, const abs_err_stat *e)
{
    const run_fit *f = o->f;
    if (!f->energy_ok) {
        emit(o, (sum_cell){"energy_fit", "fit", "value", NAN, "", f->energy_rows, NULL, f->energy_why});
        return;
    }
    const energy_fit *ef = &f->energy;
    for (size_t u = 0; u < ef->nunits; u++) {
        char subject[64];
        snprintf(subject, sizeof subject, "e_flop_%s", ef->units[u]);
        emit(o, (sum_cell){"energy_fit", subject, "value", ef->e_flop_pj[u], "pJ/flop", ef->rows, NULL,
                           "per flop (per op for integer units) on this compute unit"});
    }
    emit(o, (sum_cell){"energy_fit", "e_byte", "value", ef->e_byte_pj, "pJ/byte", ef->rows, NULL,
                       "per DRAM byte"});
    emit(o, (sum_cell){"energy_fit", "p0", "value", ef->p0_w, "W", ef->rows, NULL,
                       "board power for as long as a call runs"});
    emit(o, (sum_cell){"energy_fit", "r_squared", "value", ef->r_squared, "", ef->rows, NULL,
                       "of energy_uj; the fit minimises relative errors (model/energy_fit.h)"});
    emit(o, (sum_cell){"energy_fit", "abs_err_pct", "median", e->median, "%", e->n, NULL, NULL});
    emit(o, (sum_cell){"energy_fit", "abs_err_pct", "max", e->max, "%", e->n, NULL, NULL});
}

static void emit_hypothesis(sum_out *o, const hypothesis_result *r)
{
    const hypothesis *h = r->h;
    char note[200];
    if (r->shapes == 0) {
        snprintf(note, sizeof note, "no %s batch-1 %s and %s rows of one shape in this run",
                 HYPOTHESIS_KERNEL, HYPOTHESIS_BASELINE, h->format);
        emit(o, (sum_cell){"hypothesis", h->name, "speedup_measured", NAN, "x", 0, NULL, note});
        return;
    }
    snprintf(note, sizeof note, "%s: %s vs %s, %s batch 1, %llux%llu; claim %g-%gx", h->claim, h->format,
             HYPOTHESIS_BASELINE, HYPOTHESIS_KERNEL, (unsigned long long)r->n, (unsigned long long)r->k,
             h->low, h->high);
    emit(o, (sum_cell){"hypothesis", h->name, "speedup_measured", r->speedup_measured, "x", 2, r->verdict,
                       note});
    emit(o, (sum_cell){"hypothesis", h->name, "speedup_measured_median", r->speedup_median, "x",
                       2 * r->shapes, NULL, "over every shape with both rows"});
    emit(o, (sum_cell){"hypothesis", h->name, "speedup_bytes_ratio", r->speedup_bytes, "x", 2, NULL,
                       "bytes of fp16 / bytes of the format: the roofline's ideal"});
    emit(o, (sum_cell){"hypothesis", h->name, "speedup_pred_floor", r->speedup_pred_floor, "x", 2, NULL,
                       "predicted with the measured ceiling and the launch floor"});
}

/* Beside the format's other medians: the issue roof's error over the
 * run's batch-1 gemv rows of the format (summary.h). */
static void emit_issue_errors(sum_out *o, const run_summary *s)
{
    static const char NOTE[] = "over the run's batch-1 gemv rows of the format on the CUDA cores in the error "
                               "statistics: max(time_us_pred_measured, time_us_issue) + launch floor";
    for (size_t i = 0; i < s->nissue; i++) {
        const issue_summary *is = &s->issue[i];
        char subject[96];
        snprintf(subject, sizeof subject, "format=%s", is->rate->format);
        emit(o, (sum_cell){"errors", subject, "median_abs_err_pct_issue_roof", is->err.median, "%", is->err.n, NULL,
                           NOTE});
        emit(o, (sum_cell){"errors", subject, "max_abs_err_pct_issue_roof", is->err.max, "%", is->err.n, NULL, NULL});
    }
}

/* The run's issue roof per format (issue_rate.h). */
static void emit_issue_rates(sum_out *o, const run_summary *s)
{
    for (size_t i = 0; i < s->nissue; i++) {
        const issue_rate *r = s->issue[i].rate;
        char subject[96];
        snprintf(subject, sizeof subject, "format=%s", r->format);
        emit(o, (sum_cell){"issue_rate", subject, "weights_per_sm_cycle", r->weights_per_sm_cycle, "weight/SM/cycle",
                           r->rows, NULL,
                           "median over the run's checked gemv_issue rows (weights resident in L2): the format's "
                           "issue roof per SM and clock cycle"});
        emit(o, (sum_cell){"issue_rate", subject, "weights_per_s", r->weights_per_s, "weight/s", r->rows, NULL,
                           "median weights_per_s of those rows"});
    }
}

/* The floor in sample and out of sample (floor_score.h): one subject per scheme. */
static void emit_floor_scores(sum_out *o, const run_summary *s)
{
    static const char *const notes[FLOOR_SCHEME_COUNT] = {
        "the run's floor, fitted and scored on the same memory-bound rows",
        "refitted without each shape (n, k) in turn and scored on that shape's rows",
        "refitted on every other shape (ascending n x k) and scored on the others, both ways",
    };
    for (int p = 0; p < FLOOR_SCHEME_COUNT; p++) {
        const floor_score *fs = &s->floor[p];
        const char *subject = floor_scheme_name((enum floor_scheme)p);
        emit(o, (sum_cell){"floor_score", subject, "median_abs_err_pct", fs->median, "%", fs->rows, NULL, notes[p]});
        emit(o, (sum_cell){"floor_score", subject, "p90_abs_err_pct", fs->p90, "%", fs->rows, NULL, NULL});
        emit(o, (sum_cell){"floor_score", subject, "max_abs_err_pct", fs->max, "%", fs->rows, NULL, NULL});
        emit(o, (sum_cell){"floor_score", subject, "floor_us_min", fs->floor_min_us, "us", fs->folds, NULL,
                           "smallest floor of the folds (rows: folds fitted)"});
        emit(o, (sum_cell){"floor_score", subject, "floor_us_max", fs->floor_max_us, "us", fs->folds, NULL,
                           "largest floor of the folds (rows: folds fitted)"});
    }
}

static void emit_run(sum_out *o, const run_summary *s)
{
    const run_fit *f = o->f;
    emit(o, (sum_cell){"ceiling", "bw_measured", "value", f->bw_measured_gbs, "GB/s", s->ceiling_rows, NULL,
                       "best checked stream_read of the run"});
    if (!isnan(f->bw_l2_measured_gbs)) /* a run without one (every archive before it) gets no row */
        emit(o, (sum_cell){"ceiling", "bw_l2_measured", "value", f->bw_l2_measured_gbs, "GB/s",
                           s->l2_ceiling_rows, NULL, "best checked stream_read_l2 of the run: the L2-resident read"});
    emit_issue_rates(o, s); /* none for a run without gemv_issue rows (every archive before issue 15) */
    emit(o, (sum_cell){"launch_floor", "floor", "value", f->floor_us, "us", f->floor_rows, NULL,
                       isnan(f->floor_us) ? "not fitted: no measured ceiling or too few memory-bound rows" : FLOOR_NOTE});
    emit_errors(o, &s->errors);
    emit_issue_errors(o, s);
    emit_floor_scores(o, s);
    emit_energy(o, &s->energy);
    for (size_t h = 0; h < SEED_HYPOTHESIS_COUNT; h++)
        emit_hypothesis(o, &s->hypotheses[h]);
}

int summary_write(const char *path, const run_summaries *s, rl_error *err)
{
    sum_out o = {.err = err};
    if (csv_row_init(&o.row, &SUMMARY_CSV_SCHEMA) != 0)
        return rl_error_set(err, "out of memory writing the summary");
    o.rc = csv_writer_open_buffered(&o.w, path, &SUMMARY_CSV_SCHEMA, err);
    if (o.rc == 0) {
        for (size_t i = 0; o.rc == 0 && i < s->count; i++) {
            o.f = s->runs[i].f;
            emit_run(&o, &s->runs[i]);
        }
        if (o.rc == 0)
            o.rc = csv_writer_commit(&o.w, err);
        else
            csv_writer_abort(&o.w);
    }
    csv_row_free(&o.row);
    return o.rc;
}
