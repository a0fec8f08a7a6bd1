/* summary_print: the per-run summary for a person, on stderr (summary.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hypotheses.h"
#include "launch_floor.h"
#include "summary.h"

/* "12.3 / 45.6" or "-" when no row has the prediction. */
static const char *median_max(const abs_err_stat *s, char *buf, size_t len)
{
    if (s->n == 0)
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%.1f / %.1f", s->median, s->max);
    return buf;
}

static void print_errors(FILE *fp, const err_groups *g)
{
    fprintf(fp, "model:   |err_pct| median / max, %%  rows  %-14s %-14s %s\n", "datasheet", "measured",
            "measured+floor");
    for (size_t i = 0; i < g->count; i++) {
        const err_group *e = &g->groups[i];
        if (strncmp(e->subject, "kernel=", 7) == 0)
            continue; /* in the CSV; the formats say enough here */
        char a[40], b[40], c[40];
        fprintf(fp, "model:   %-27s %5zu  %-14s %-14s %s\n", e->subject, e->rows,
                median_max(&e->stat[ERR_DATASHEET], a, sizeof a),
                median_max(&e->stat[ERR_MEASURED], b, sizeof b),
                median_max(&e->stat[ERR_MEASURED_FLOOR], c, sizeof c));
    }
}

/* The issue roof per format, for a run with gemv_issue rows. */
static void print_issue(FILE *fp, const run_summary *s)
{
    if (s->nissue == 0)
        return;
    fprintf(fp, "model:   issue roof (gemv_issue, weights in L2)   weights/SM/cycle  Gweight/s   rows  "
                "|err_pct_issue_roof| median / max, %% (batch-1 gemv)\n");
    for (size_t i = 0; i < s->nissue; i++) {
        const issue_summary *is = &s->issue[i];
        char subject[96], err[40];
        snprintf(subject, sizeof subject, "format=%s", is->rate->format);
        fprintf(fp, "model:   %-40s %16.4g  %9.1f  %5zu  %s\n", subject, is->rate->weights_per_sm_cycle,
                is->rate->weights_per_s / 1e9, is->err.n, median_max(&is->err, err, sizeof err));
    }
}

static void print_energy(FILE *fp, const run_fit *f, const abs_err_stat *e)
{
    if (!f->energy_ok) {
        fprintf(fp, "model:   energy fit: none (%s)\n", f->energy_why);
        return;
    }
    const energy_fit *ef = &f->energy;
    fprintf(fp, "model:   energy fit over %zu rows: ", ef->rows);
    for (size_t u = 0; u < ef->nunits; u++)
        fprintf(fp, "e_flop %.3g pJ/flop (%s), ", ef->e_flop_pj[u], ef->units[u]);
    fprintf(fp, "e_byte %.3g pJ/byte, P0 %.4g W; R^2 %.3f; |err| median %.1f%%, max %.1f%%\n",
            ef->e_byte_pj, ef->p0_w, ef->r_squared, e->median, e->max);
}

static void print_hypothesis(FILE *fp, const hypothesis_result *r)
{
    const hypothesis *h = r->h;
    if (r->shapes == 0) {
        fprintf(fp, "model:   %s: no %s and %s pair to judge\n", h->name, HYPOTHESIS_BASELINE, h->format);
        return;
    }
    fprintf(fp,
            "model:   %s (%g-%gx): %s %.2fx at %llux%llu (median %.2fx over %zu shape%s; "
            "bytes ratio %.2fx; predicted %.2fx): %s\n",
            h->name, h->low, h->high, h->format, r->speedup_measured, (unsigned long long)r->n,
            (unsigned long long)r->k, r->speedup_median, r->shapes, r->shapes == 1 ? "" : "s", r->speedup_bytes,
            r->speedup_pred_floor, r->verdict);
}

/* The floor's |err_pct| on the rows it was fitted on and on shapes it never saw. */
static void print_floor_scores(FILE *fp, const run_summary *s)
{
    const floor_score *in = &s->floor[FLOOR_IN_SAMPLE];
    if (in->rows == 0)
        return;
    fprintf(fp, "model:   launch floor |err_pct| median / p90 / max, %%: in sample %.1f / %.1f / %.1f (%zu rows)",
            in->median, in->p90, in->max, in->rows);
    for (int p = FLOOR_LEAVE_ONE_SHAPE_OUT; p < FLOOR_SCHEME_COUNT; p++) {
        const floor_score *fs = &s->floor[p];
        if (fs->rows > 0)
            fprintf(fp, "; %s %.1f / %.1f / %.1f (floors %.3g-%.3g us)", floor_scheme_name((enum floor_scheme)p),
                    fs->median, fs->p90, fs->max, fs->floor_min_us, fs->floor_max_us);
    }
    fputc('\n', fp);
}

static void print_run(FILE *fp, const run_summary *s)
{
    const run_fit *f = s->f;
    fprintf(fp, "model: run %s on %s (spec %s, mode %s): %zu rows\n", f->run_id, f->device, f->spec->id,
            f->mode->name, f->rows);
    if (isnan(f->bw_measured_gbs))
        fputs("model:   no measured ceiling (no checked stream_read row): no measured predictions\n", fp);
    else if (isnan(f->floor_us))
        fprintf(fp, "model:   ceiling %.1f GB/s; no launch floor (under %d memory-bound rows)\n",
                f->bw_measured_gbs, LAUNCH_FLOOR_MIN_ROWS);
    else
        fprintf(fp, "model:   ceiling %.1f GB/s; launch floor %.3f us from %zu memory-bound rows\n",
                f->bw_measured_gbs, f->floor_us, f->floor_rows);
    if (!isnan(f->bw_l2_measured_gbs))
        fprintf(fp, "model:   L2 ceiling %.1f GB/s (stream_read_l2; its rows are predicted against it)\n",
                f->bw_l2_measured_gbs);
    print_errors(fp, &s->errors);
    print_issue(fp, s);
    print_floor_scores(fp, s);
    print_energy(fp, f, &s->energy);
    for (size_t h = 0; h < SEED_HYPOTHESIS_COUNT; h++)
        print_hypothesis(fp, &s->hypotheses[h]);
}

void summary_print(FILE *fp, const run_summaries *s)
{
    for (size_t i = 0; i < s->count; i++)
        print_run(fp, &s->runs[i]);
}
