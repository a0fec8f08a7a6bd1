/* The report's first page and its verdicts (see report_tables.h): the
 * abstract, the validation guide's criteria as a checklist, the claims
 * judged per shape class, the "< 15 %" criterion for both predictions and
 * the large errors, each explained or listed as unexplained. Every number
 * comes from the story's picks (charts/story_data.h), so page 1, the
 * verdicts and the hero figure quote one set. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charts/charts.h"
#include "doc/doc.h"
#include "formats.h"
#include "report_tables.h"

#define NCOLS(a) (sizeof(a) / sizeof(a)[0])

static void shape_text(uint64_t n, uint64_t k, char *buf, size_t size)
{
    snprintf(buf, size, "%llu×%llu", (unsigned long long)n, (unsigned long long)k);
}

/* "1.94×, 3.58× and 5.97×" of one value per claim; 0 when one is missing. */
static int per_claim(const run_story *s, sbuf *out, double (*value)(const claim_result *))
{
    for (size_t c = 0; c < STORY_NCLAIMS; c++)
        if (isnan(value(&s->claims[c])))
            return 0;
    for (size_t c = 0; c < STORY_NCLAIMS; c++) {
        char v[32];
        fmt_times(v, sizeof v, value(&s->claims[c]));
        sbuf_printf(out, "%s%s", c == 0 ? "" : c + 1 == STORY_NCLAIMS ? " and " : ", ", v);
    }
    return 1;
}

static double square_speedup(const claim_result *c)
{
    return c->cls[CLASS_SQUARE].median;
}
static double ideal_speedup(const claim_result *c)
{
    return c->ideal;
}
static double llm_speedup(const claim_result *c)
{
    return c->cls[CLASS_LLM].median;
}
static double llm_floor_speedup(const claim_result *c)
{
    return c->cls[CLASS_LLM].pred_floor;
}
static double token_speedup(const claim_result *c)
{
    return c->cls[CLASS_TOKEN].median;
}

/* "INT8, INT4 and INT2": the claims' widths, as the guide names them. */
static void claim_names(sbuf *out)
{
    for (size_t c = 0; c < STORY_NCLAIMS; c++) {
        const weight_format *f = weight_format_find(story_claim_format(c));
        sbuf_printf(out, "%sINT%u", c == 0 ? "" : c + 1 == STORY_NCLAIMS ? " and " : ", ",
                    f != NULL ? f->weight_bits : 0u);
    }
}

/* Sentence 1: what was measured, on which card. */
static void abstract_what(const run_story *s, sbuf *out)
{
    sbuf_puts(out, "On the ");
    md_escape(out, report_text(s->device));
    sbuf_puts(out, " of run ");
    md_escape(out, report_text(s->run_id));
    sbuf_puts(out, ", a GEMV kernel that reads ");
    claim_names(out);
    sbuf_printf(out, " weights in registers was timed against the same kernel in fp16, in %zu weight "
                     "formats at %zu matrix shapes",
                s->gemv_formats, s->gemv_shapes);
    if (s->steps > 0)
        sbuf_printf(out, ", and in %zu whole decode tokens of real LLMs", s->steps);
    sbuf_printf(out, " (%zu cases, ", s->rows);
    if (s->wrong == 0)
        sbuf_puts(out, "every output checked against a CPU reference).");
    else
        sbuf_printf(out, "%zu of them with a wrong output).", s->wrong);
}

/* Sentence 2: what each format delivered against its bytes, per class. */
static void abstract_speedups(const run_story *s, sbuf *out)
{
    const class_result *sq = &s->claims[0].cls[CLASS_SQUARE];
    char shape[64], fl[32];
    shape_text(sq->hi_n, sq->hi_k, shape, sizeof shape);
    sbuf_printf(out, " Where DRAM bandwidth is the limit (%s), ", shape);
    claim_names(out);
    sbuf_puts(out, " weights ran ");
    per_claim(s, out, square_speedup);
    sbuf_puts(out, " faster than fp16, against ");
    per_claim(s, out, ideal_speedup);
    sbuf_puts(out, " from their bytes");
    const class_result *llm = &s->claims[0].cls[CLASS_LLM];
    sbuf b = {0};
    if (llm->n > 0 && per_claim(s, &b, llm_speedup)) {
        sbuf_printf(out, "; at the %zu shapes of real LLM layers they ran a median %s", llm->n, sbuf_str(&b));
        sbuf_free(&b);
        if (!isnan(s->floor_us)) {
            snprintf(fl, sizeof fl, "%.2g", s->floor_us);
            sbuf_printf(out, ", because every call also pays a fixed cost of about %s µs that narrower "
                             "weights do not shrink",
                        fl);
        }
    }
    sbuf_free(&b);
    const class_result *tok = &s->claims[0].cls[CLASS_TOKEN];
    if (tok->n > 0 && per_claim(s, &b, token_speedup))
        sbuf_printf(out, "; a whole decode token ran %s faster (median over %zu LLM%s)", sbuf_str(&b), tok->n,
                    tok->n == 1 ? "" : "s");
    sbuf_free(&b);
    sbuf_puts(out, ".");
}

/* Sentence 3: whether the roofline predicts it, within what error. */
static void abstract_error(const run_story *s, sbuf *out)
{
    const error_criterion *e = &s->err;
    if (e->n[PRED_BYTES] == 0)
        return;
    sbuf_printf(out, " The bytes-only roofline misses the %zu memory-bound cases by a median %.1f %%, so it "
                     "%s the validation guide's < 15 %% criterion",
                e->n[PRED_BYTES], e->median[PRED_BYTES],
                e->median[PRED_BYTES] < STORY_CRITERION_PCT ? "meets" : "fails");
    if (!isnan(e->oos_median))
        sbuf_printf(out, "; the roofline + launch floor misses by a median %.1f %% (90th percentile %.1f %%) "
                         "on shapes it was not fitted on, and %s it",
                    e->oos_median, e->oos_p90, e->oos_median < STORY_CRITERION_PCT ? "meets" : "fails");
    else if (e->n[PRED_FLOOR] > 0)
        sbuf_printf(out, "; the roofline + launch floor misses by a median %.1f %% on the cases it was "
                         "fitted on (not scored out of sample: no summary CSV)",
                    e->median[PRED_FLOOR]);
    sbuf_puts(out, ".");
}

/* Sentence 4: what INT2 costs in accuracy, against INT4. */
static void abstract_accuracy(const accuracy_data *a, sbuf *out)
{
    const accuracy_format *i2 = NULL, *i4 = NULL;
    for (size_t i = 0; i < a->nformats; i++) {
        const weight_format *f = weight_format_find(a->f[i].format);
        if (f == NULL || isnan(a->f[i].err_gaussian))
            continue;
        if (f->weight_bits == 2 && i2 == NULL)
            i2 = &a->f[i];
        if (f->weight_bits == 4 && i4 == NULL)
            i4 = &a->f[i];
    }
    if (i2 == NULL)
        return;
    sbuf_printf(out, " INT2 buys its speed with accuracy: ");
    md_escape(out, i2->format);
    sbuf_printf(out, " weights move a GEMV's output by %.0f %% on Gaussian weights and %.0f %% with outliers",
                100.0 * i2->err_gaussian, 100.0 * i2->err_outliers);
    if (i4 != NULL) {
        sbuf_puts(out, ", where ");
        md_escape(out, i4->format);
        sbuf_printf(out, " moves it by %.0f %% and %.0f %%", 100.0 * i4->err_gaussian, 100.0 * i4->err_outliers);
    }
    sbuf_puts(out, ".");
}

void report_abstract(const figure_set *figs, sbuf *out)
{
    const story_data *d = &figs->story;
    if (d->nruns == 0)
        return;
    const run_story *s = &d->runs[0];
    abstract_what(s, out);
    if (!isnan(s->claims[0].cls[CLASS_SQUARE].median))
        abstract_speedups(s, out);
    abstract_error(s, out);
    abstract_accuracy(&figs->accuracy, out);
    sbuf_puts(out, "\n");
    if (d->nruns > 1) {
        sbuf_printf(out, "\nThis page reads run ");
        md_escape(out, report_text(s->run_id));
        sbuf_printf(out, "; the report holds %zu runs, set side by side in *Runs compared*.\n", d->nruns);
    }
}

/* --- the checklist */

static const char *verdict_word(const char *v)
{
    if (v == NULL)
        return NULL;
    if (strcmp(v, "holds") == 0)
        return "pass";
    return strcmp(v, "short") == 0 ? "fail" : "fail (above the range)";
}

static void claim_evidence(const claim_result *c, enum story_class cls, char *buf, size_t size)
{
    const class_result *r = &c->cls[cls];
    char a[32], b[32], m[32];
    fmt_times(m, sizeof m, r->median);
    fmt_times(a, sizeof a, r->lo);
    fmt_times(b, sizeof b, r->hi);
    if (cls == CLASS_SQUARE)
        snprintf(buf, size, "%s: %s at %llu×%llu (ideal %.2f×)", c->format, m, (unsigned long long)r->hi_n,
                 (unsigned long long)r->hi_k, c->ideal);
    else
        snprintf(buf, size, "%s: median %s (%s–%s), %zu %s", c->format, m, a, b, r->n,
                 cls == CLASS_LLM ? (r->n == 1 ? "shape" : "shapes") : (r->n == 1 ? "LLM" : "LLMs"));
}

/* "INT8 weights 1.8–2.2× faster": the claim's subject (before its ':')
 * and its range. */
static void claim_short(const claim_result *c, char *buf, size_t size)
{
    const char *colon = strchr(c->claim, ':');
    int len = colon != NULL ? (int)(colon - c->claim) : (int)strlen(c->claim);
    snprintf(buf, size, "%.*s %.4g–%.4g× faster", len, c->claim, c->low, c->high);
}

static void checklist_claims(const run_story *s, int have_llm, sbuf *out)
{
    for (size_t c = 0; c < STORY_NCLAIMS; c++) {
        const claim_result *cr = &s->claims[c];
        for (int cls = 0; cls < CLASS_COUNT; cls++) {
            static const char *const where[CLASS_COUNT] = {"largest square", "LLM layers", "decode token"};
            char crit[200], ev[160], claim[128];
            claim_short(cr, claim, sizeof claim);
            snprintf(crit, sizeof crit, "%s: %s", claim, where[cls]);
            const char *verdict = verdict_word(cr->cls[cls].verdict);
            if (cr->cls[cls].n > 0)
                claim_evidence(cr, (enum story_class)cls, ev, sizeof ev);
            else
                snprintf(ev, sizeof ev, "%s", cls == CLASS_TOKEN ? "no decode step of it and fp16"
                                              : cls == CLASS_LLM && !have_llm ? "no LLM file (render --llm)"
                                                                              : "no shape with it and fp16");
            const char *cells[] = {crit, verdict != NULL ? verdict : "not measured in this run", ev};
            md_table_row_strong(out, NCOLS(cells), cells, MD_STRONG(1)); /* the verdict */
        }
    }
}

static void checklist_errors(const run_story *s, sbuf *out)
{
    const error_criterion *e = &s->err;
    char ev[200];
    if (e->n[PRED_BYTES] > 0)
        snprintf(ev, sizeof ev, "median %.1f %%, p90 %.1f %%, %zu memory-bound cases", e->median[PRED_BYTES],
                 e->p90[PRED_BYTES], e->n[PRED_BYTES]);
    const char *a[] = {"< 15 % error: bytes-only roofline",
                       e->n[PRED_BYTES] == 0 ? "not measured in this run"
                       : e->median[PRED_BYTES] < STORY_CRITERION_PCT ? "pass"
                                                                      : "fail",
                       e->n[PRED_BYTES] > 0 ? ev : "no measured ceiling"};
    md_table_row_strong(out, NCOLS(a), a, MD_STRONG(1));
    char ev2[240];
    const char *verdict = "not measured in this run";
    if (!isnan(e->oos_median)) {
        snprintf(ev2, sizeof ev2, "median %.1f %%, p90 %.1f %%, max %.0f %% on shapes left out of its fit",
                 e->oos_median, e->oos_p90, e->oos_max);
        verdict = e->oos_median < STORY_CRITERION_PCT ? "pass" : "fail";
    } else if (e->n[PRED_FLOOR] > 0) {
        snprintf(ev2, sizeof ev2, "median %.1f %% on the cases it was fitted on (no out-of-sample score)",
                 e->median[PRED_FLOOR]);
        verdict = e->median[PRED_FLOOR] < STORY_CRITERION_PCT ? "pass (in sample only)" : "fail";
    } else {
        snprintf(ev2, sizeof ev2, "no launch floor fitted");
    }
    const char *b[] = {"< 15 % error: roofline + launch floor", verdict, ev2};
    md_table_row_strong(out, NCOLS(b), b, MD_STRONG(1));
}

/* The run's device in two or more power modes: does the roofline predict
 * the change between the first two (fp16, mode_data.h)? */
static void checklist_modes(const figure_set *figs, const run_story *s, sbuf *out)
{
    const mode_data *m = NULL;
    for (size_t i = 0; i < figs->modes.ndevices; i++)
        if (figs->modes.per_device[i].device != NULL && strcmp(figs->modes.per_device[i].device, s->device) == 0)
            m = &figs->modes.per_device[i];
    char ev[200];
    const char *verdict = "not measured on this device";
    snprintf(ev, sizeof ev, "one power mode in the input");
    if (m != NULL && m->nmodes >= 2 && m->nformats > 0) {
        double meas = mode_scaling_measured(m, 1, 0), pred = mode_scaling_predicted(m, 1, 0);
        if (!isnan(meas) && !isnan(pred)) {
            snprintf(ev, sizeof ev, "%s over %s, %s: measured %.2f×, predicted %.2f×", m->mode[1], m->mode[0],
                     m->format[0], meas, pred);
            verdict = fabs(meas / pred - 1.0) < STORY_CRITERION_PCT / 100.0 ? "pass" : "fail";
        }
    }
    const char *cells[] = {"7 W / 15 W modes: the roofline predicts the change", verdict, ev};
    md_table_row_strong(out, NCOLS(cells), cells, MD_STRONG(1));
}

static void checklist_energy(const run_story *s, sbuf *out)
{
    char ev[200];
    const char *verdict = "not measured on this device";
    snprintf(ev, sizeof ev, "no power sensor");
    const double lo = s->gflops_per_w_fp16; /* the baseline's, and the best format's above it */
    double hi = lo;
    size_t best = STORY_NCLAIMS;
    for (size_t c = 0; c < STORY_NCLAIMS; c++)
        if (s->gflops_per_w[c] > hi) {
            hi = s->gflops_per_w[c];
            best = c;
        }
    if (!isnan(lo)) {
        char a[32], b[32];
        fmt_sig3(a, sizeof a, lo);
        fmt_sig3(b, sizeof b, hi);
        snprintf(ev, sizeof ev, "%s GFLOP/s per W (fp16) to %s (%s), %llu×%llu", a, b,
                 best < STORY_NCLAIMS ? s->claims[best].format : "fp16",
                 (unsigned long long)s->claims[0].cls[CLASS_SQUARE].hi_n,
                 (unsigned long long)s->claims[0].cls[CLASS_SQUARE].hi_k);
        verdict = "pass";
    }
    const char *cells[] = {"FLOPS per watt measured", verdict, ev};
    md_table_row_strong(out, NCOLS(cells), cells, MD_STRONG(1));
}

void report_checklist(const figure_set *figs, sbuf *out)
{
    static const char *const head[] = {"criterion (the validation guide)", "verdict", "evidence"};
    const story_data *d = &figs->story;
    if (d->nruns == 0)
        return;
    const run_story *s = &d->runs[0];
    sbuf_puts(out, "**The validation guide's criteria**, run ");
    md_escape(out, report_text(s->run_id));
    sbuf_puts(out, ": a speedup passes inside the claim's range (at a class's median), an error when its "
                   "median is under 15 %.\n\n");
    md_table_header(out, NCOLS(head), head, NULL);
    checklist_claims(s, d->nllm_shapes > 0, out);
    checklist_errors(s, out);
    checklist_modes(figs, s, out);
    checklist_energy(s, out);
}

/* --- the claims per shape class */

static void run_label(const run_story *s, sbuf *out)
{
    sbuf_puts(out, "run ");
    md_escape(out, report_text(s->run_id));
    sbuf_puts(out, " on ");
    md_escape(out, report_text(s->device));
    if (s->power_mode != NULL) {
        sbuf_puts(out, ", power mode ");
        md_escape(out, s->power_mode);
    }
}

static void class_row(const claim_result *cr, enum story_class cls, sbuf *out)
{
    const class_result *r = &cr->cls[cls];
    char claim[160], where[96], m[128], b[32], f[32];
    snprintf(claim, sizeof claim, "%s (%s, %.4g–%.4g×)", cr->claim, cr->format, cr->low, cr->high);
    if (cls == CLASS_SQUARE && r->n > 0)
        snprintf(where, sizeof where, "the largest square, %llu×%llu", (unsigned long long)r->hi_n,
                 (unsigned long long)r->hi_k);
    else if (r->n > 0)
        snprintf(where, sizeof where, "%s (%zu)", story_class_name(cls), r->n);
    else
        snprintf(where, sizeof where, "%s", story_class_name(cls));
    if (r->n > 1) {
        char lo[32], hi[32], med[32];
        fmt_times(med, sizeof med, r->median);
        fmt_times(lo, sizeof lo, r->lo);
        fmt_times(hi, sizeof hi, r->hi);
        snprintf(m, sizeof m, "%s (%s to %s)", med, lo, hi);
    }
    const char *cells[] = {
        claim,
        where,
        r->n > 1 ? m : times_cell(r->median, m, sizeof m),
        times_cell(r->pred_bytes, b, sizeof b),
        times_cell(r->pred_floor, f, sizeof f),
        r->verdict != NULL ? r->verdict : "not measured",
    };
    md_table_row_strong(out, NCOLS(cells), cells, MD_STRONG(NCOLS(cells) - 1)); /* the verdict */
}

/* Why the classes differ: the per-call fixed cost, with the numbers that
 * show it. */
static void fixed_cost_reason(const run_story *s, sbuf *out)
{
    const claim_result *c0 = &s->claims[0];
    if (c0->cls[CLASS_LLM].n == 0 || isnan(s->floor_us))
        return;
    char fl[32];
    fmt_sig3(fl, sizeof fl, s->floor_us);
    sbuf_printf(out, "\nThe gap between the largest square and the LLM layer shapes is the per-call fixed "
                     "cost. The bytes-only roofline predicts each format's full bytes ratio at every shape "
                     "(");
    per_claim(s, out, ideal_speedup);
    sbuf_printf(out, " ideally), because it counts only bytes; every call also pays the launch, the ramp-up "
                     "and the drain, which this run's launch floor puts at %s µs whatever the format. At a "
                     "layer shape a narrow format's bytes take a few µs, so that cost is a large share of its "
                     "call and a small one of fp16's: the roofline + launch floor predicts a median ",
                fl);
    if (!per_claim(s, out, llm_floor_speedup))
        sbuf_puts(out, "–");
    sbuf_puts(out, " at the LLM layer shapes, where the kernels measured ");
    per_claim(s, out, llm_speedup);
    sbuf_puts(out, ".\n");
}

void report_claims_by_class(const story_data *d, sbuf *out)
{
    static const char *const head[] = {"claim (the validation guide)", "shape class", "measured",
                                       "bytes-only roofline", "roofline + launch floor", "verdict"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_LEFT};
    if (d->nruns == 0)
        return;
    sbuf_puts(out, "Each claim's format against our fp16 GEMV, batch 1, per shape class: the largest square "
                   "measured (where DRAM bandwidth is the limit), ");
    if (d->nllm_shapes > 0) {
        sbuf_puts(out, "the shapes measured that are layers of the LLMs of the LLM file (");
        for (size_t m = 0; m < d->llms->count; m++) {
            sbuf_puts(out, m == 0 ? "" : m + 1 == d->llms->count ? " and " : ", ");
            md_escape(out, d->llms->models[m].name);
        }
        sbuf_puts(out, "; median, and the range in brackets)");
    } else {
        sbuf_puts(out, "the LLM layer shapes (none known here: `render --llm`)");
    }
    sbuf_puts(out, ", and a whole decode token of each LLM measured (its fastest launch scheme). Beside each "
                   "measured speedup, the speedup each prediction gives for the same cases. A claim *holds* "
                   "inside its range, falls *short* below it, *exceeds* above it, judged on the median.\n");
    for (size_t i = 0; i < d->nruns; i++) {
        const run_story *s = &d->runs[i];
        sbuf_puts(out, "\n**Claims by shape class**, ");
        run_label(s, out);
        sbuf_puts(out, ".\n\n");
        md_table_header(out, NCOLS(head), head, align);
        for (size_t c = 0; c < STORY_NCLAIMS; c++)
            for (int cls = 0; cls < CLASS_COUNT; cls++)
                class_row(&s->claims[c], (enum story_class)cls, out);
        fixed_cost_reason(s, out);
    }
}

/* --- the < 15 % criterion */

static void criterion_row(sbuf *out, const char *what, size_t n, double med, double p90, double max,
                          const char *within, const char *verdict)
{
    char a[32], b[32], c[32], rows[32];
    snprintf(rows, sizeof rows, "%zu", n);
    const char *cells[] = {what, rows, sig3_cell(med, a, sizeof a), sig3_cell(p90, b, sizeof b),
                           sig3_cell(max, c, sizeof c), within, verdict};
    md_table_row_strong(out, NCOLS(cells), cells, MD_STRONG(NCOLS(cells) - 1)); /* the verdict */
}

void report_error_criterion(const story_data *d, sbuf *out)
{
    static const char *const head[] = {"prediction", "cases", "median |error| %", "90th percentile %",
                                       "largest %", "within 15 %", "< 15 % (median)"};
    static const md_align align[] = {MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_LEFT};
    for (size_t i = 0; i < d->nruns; i++) {
        const run_story *s = &d->runs[i];
        const error_criterion *e = &s->err;
        if (e->n[PRED_BYTES] == 0)
            continue;
        sbuf_puts(out, "**The validation guide's < 15 % criterion**, ");
        run_label(s, out);
        sbuf_printf(out, ": |error| over the %zu memory-bound cases model counts (check *ok*, a working set of "
                         "at least 4× L2, not the read stream that sets the ceiling), one population for "
                         "every line. The launch floor is fitted on these very cases, so it is also scored "
                         "on shapes left out of its fit (`model -s`, floor_score).\n\n",
                    e->rows);
        md_table_header(out, NCOLS(head), head, align);
        for (int p = 0; p < PRED_COUNT; p++) {
            char within[48], what[96];
            snprintf(within, sizeof within, "%zu of %zu", e->within[p], e->n[p]);
            snprintf(what, sizeof what, "%s%s", story_pred_name((enum story_pred)p),
                     p == PRED_FLOOR ? ", fitted and scored on the same cases" : "");
            criterion_row(out, what, e->n[p], e->median[p], e->p90[p], e->max[p], within,
                          p == PRED_FLOOR ? "in sample: not the verdict"
                          : e->median[p] < STORY_CRITERION_PCT ? "pass"
                                                                : "fail");
        }
        if (!isnan(e->oos_median))
            criterion_row(out, "roofline + launch floor, refitted without each shape, scored on it", e->oos_rows,
                          e->oos_median, e->oos_p90, e->oos_max, NULL,
                          e->oos_median < STORY_CRITERION_PCT ? "pass" : "fail");
        if (!isnan(e->half_median))
            criterion_row(out, "roofline + launch floor, fitted on half the shapes, scored on the other half",
                          e->half_rows, e->half_median, e->half_p90, e->half_max, NULL,
                          e->half_median < STORY_CRITERION_PCT ? "pass" : "fail");
        if (!isnan(e->oos_floor_lo)) {
            char lo[32], hi[32];
            fmt_sig3(lo, sizeof lo, e->oos_floor_lo);
            fmt_sig3(hi, sizeof hi, e->oos_floor_hi);
            sbuf_printf(out, "\nLeft out one shape at a time, the refitted floor moved between %s and %s µs.", lo,
                        hi);
        } else {
            sbuf_puts(out, "\nNo summary CSV (`render --summary`), so the floor is not scored out of sample "
                           "here.");
        }
        sbuf_puts(out, "\n\n");
    }
}

/* --- errors over 25 % */

static void large_error_row(const csv_table *t, size_t r, const run_story *s, sbuf *out)
{
    char shape[64], eb[32], ef[32], why[300];
    snprintf(shape, sizeof shape, "%s×%s", csv_table_text(t, r, RAW_COL_n), csv_table_text(t, r, RAW_COL_k));
    double full = s->full_clock_mhz, clock;
    int held = csv_table_real(t, r, RAW_COL_sm_clock_mhz, &clock) == 0 && full > 0.0 && clock < full;
    if (!story_explain(t, r, s, why, sizeof why)) {
        char at[32];
        fmt_pct(at, sizeof at, story_err_at_clock(t, r, full));
        if (held && !isnan(story_err_at_clock(t, r, full)))
            snprintf(why, sizeof why, "unexplained: even at its held-down clock (%.0f %% of full) the roofline "
                                      "+ launch floor misses by %s %%",
                     100.0 * clock / full, at);
        else
            snprintf(why, sizeof why, "unexplained");
    }
    const char *cells[] = {
        csv_table_text(t, r, RAW_COL_kernel),
        csv_table_text(t, r, RAW_COL_format),
        shape,
        csv_table_text(t, r, RAW_COL_batch),
        fmt_cell(t, r, MODEL_COL_err_pct_measured, fmt_pct, eb, sizeof eb),
        fmt_cell(t, r, MODEL_COL_err_pct_measured_floor, fmt_pct, ef, sizeof ef),
        why,
    };
    md_table_row(out, NCOLS(cells), cells);
}

void report_large_errors(const csv_table *t, const story_data *d, sbuf *out)
{
    static const char *const head[] = {"kernel", "format", "n×k", "batch", "bytes-only roofline, error %",
                                       "roofline + launch floor, error %", "why"};
    static const md_align align[] = {MD_LEFT, MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_LEFT};
    for (size_t i = 0; i < d->nruns; i++) {
        const run_story *s = &d->runs[i];
        const error_criterion *e = &s->err;
        sbuf_puts(out, "**Errors over 25 %**, ");
        run_label(s, out);
        if (isnan(s->floor_us)) {
            sbuf_printf(out, ". This CSV carries no launch floor (made by an older model, or the run measured "
                             "no ceiling), so the per-call fixed cost cannot be told apart from the rest here: "
                             "%zu of the cases model counts miss by more than 25 %% with the bytes-only "
                             "roofline.\n\n",
                        e->over_bytes);
            continue;
        }
        sbuf_printf(out, ". Of the cases model counts, %zu miss by more than 25 %% with the bytes-only "
                         "roofline; for %zu of them the per-call fixed cost explains it: with the launch floor "
                         "their error falls under 25 %%. ",
                    e->over_bytes, e->fixed_cost);
        if (e->over_floor == 0) {
            sbuf_puts(out, "None misses by more than 25 % with the roofline + launch floor.\n\n");
            continue;
        }
        sbuf_printf(out, "%zu miss by more than 25 %% even with the roofline + launch floor; each is explained "
                         "below, or marked unexplained (%zu).\n\n",
                    e->over_floor, e->unexplained);
        md_table_header(out, NCOLS(head), head, align);
        size_t listed = 0;
        for (size_t r = s->first_row; r < t->nrows && listed < REPORT_CASE_LIST_MAX_ROWS; r++) {
            double ef;
            if (story_run_of(d, t, r) != s || csv_table_real(t, r, MODEL_COL_err_pct_measured_floor, &ef) != 0 ||
                !(fabs(ef) > STORY_LARGE_ERROR_PCT) || !story_counted(t, r))
                continue;
            large_error_row(t, r, s, out);
            listed++;
        }
        if (listed < e->over_floor)
            sbuf_printf(out, "\nThe table stops at %zu of these %zu cases (REPORT_CASE_LIST_MAX_ROWS in "
                             "render/report/report_tables.h); the others are in `model.csv` "
                             "(|err_pct_measured_floor| > 25).\n",
                        listed, e->over_floor);
        sbuf_puts(out, "\n");
    }
}
