/* The fleet section (see report_tables.h): every card of a fleet against
 * the median of its kind and pass, from the fleet chart's picks
 * (fleet_data.h), so the sentence, the chart and the table quote one set
 * of numbers. Nothing at all when the input has fewer than two cards: a
 * report of one GPU has no fleet to speak of. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts/charts.h"
#include "doc/doc.h"
#include "report_tables.h"
#include "stats.h"

#define TABLE_ALL 24    /* up to this many entries, every one a row; beyond, those that fall short */
#define TABLE_SHORT 64  /* at most this many rows of cards that fall short */
#define LISTED_SHORT 12 /* cards that fall short named in the text */
#define NCOLS 10

static const char *pass_words(const char *load)
{
    if (load == NULL)
        return "measured by itself";
    if (strcmp(load, "alone") == 0)
        return "alone";
    if (strcmp(load, "all") == 0)
        return "all at once";
    if (strcmp(load, "array") == 0)
        return "one Slurm array task each";
    return load;
}

/* "serial FIXTURE0003" or the UUID's first group "GPU-f1ee7000…". */
static void card_id(const fleet_entry *e, char *buf, size_t size)
{
    if (e->serial != NULL)
        snprintf(buf, size, "%s", e->serial);
    else if (e->uuid != NULL)
        snprintf(buf, size, "%.12s…", e->uuid);
    else
        snprintf(buf, size, "\u2013");
}

static void intro(const fleet_data *d, sbuf *out)
{
    sbuf_printf(out, "%zu cards on %zu host%s, measured by `scripts/fleet.sh` in %zu group%s (a device and a pass: ",
                d->ncards, d->nhosts, d->nhosts == 1 ? "" : "s", d->ngroups, d->ngroups == 1 ? "" : "s");
    for (size_t g = 0; g < d->ngroups; g++) {
        const fleet_group *grp = &d->groups[g];
        sbuf_puts(out, g == 0 ? "" : "; ");
        md_escape(out, report_text(grp->device));
        sbuf_printf(out, ", %s, %zu cards", pass_words(grp->load), grp->entries);
    }
    sbuf_puts(out, "). A card's numbers in a pass are the median of its runs there. It is set against the median "
                   "of the cards of its device and pass, and **falls short** where it lies below that median by "
                   "more than 3 %, or by more than its own run-to-run noise (the spread of its repeated runs, "
                   "measured on the same card) where that is larger. ");
    if (d->gemv_n > 0)
        sbuf_printf(out, "The GEMVs are fp16 and " FLEET_W4_FORMAT " at %llu × %llu, batch 1; the SM clock and the "
                         "power are read during the fp16 GEMV, which streams the memory at full speed.",
                    (unsigned long long)d->gemv_n, (unsigned long long)d->gemv_k);
    sbuf_puts(out, "\n\n");
}

/* "read stream 2764 GB/s, 9.9 % below the median 3069" */
static void shortfall(const fleet_data *d, const fleet_entry *e, fleet_metric m, sbuf *out)
{
    char v[32], med[32];
    fmt_sig3(v, sizeof v, e->value[m]);
    fmt_sig3(med, sizeof med, d->groups[e->group].median[m]);
    sbuf_printf(out, "%s %s %s, %.1f %% below the median %s", fleet_metric_name(m), v, fleet_metric_unit(m),
                e->below[m], med);
}

/* The band the shortfalls of e were judged by, once for the card: 3 %, or
 * its noise where that is larger. */
static void band_words(const fleet_entry *e, sbuf *out)
{
    double noise = NAN, band = FLEET_SHORT_PCT;
    for (int m = 0; m < FLEET_METRICS; m++)
        if (e->short_of[m]) {
            band = fmax(band, e->band[m]);
            if (!isnan(e->noise[m]))
                noise = isnan(noise) ? e->noise[m] : fmax(noise, e->noise[m]);
        }
    if (isnan(noise))
        sbuf_printf(out, " (band %.0f %%: one run, its noise not known)", FLEET_SHORT_PCT);
    else if (band > FLEET_SHORT_PCT)
        sbuf_printf(out, " (band: its run-to-run noise, up to %.1f %%)", band);
    else
        sbuf_printf(out, " (band %.0f %%; its run-to-run noise at most %.1f %%)", FLEET_SHORT_PCT, noise);
}

static void verdict(const fleet_data *d, sbuf *out)
{
    if (d->nshort == 0) {
        sbuf_printf(out, "**No card falls short**: each of the %zu lies within its band of the median in every "
                         "metric and pass.\n\n",
                    d->ncards);
        return;
    }
    sbuf_printf(out, "**%zu of %zu cards %s short**", d->nshort_cards, d->ncards, d->nshort_cards == 1 ? "falls" : "fall");
    if (d->nentries > d->ncards)
        sbuf_printf(out, ", in %zu of the %zu passes of the cards", d->nshort, d->nentries);
    sbuf_puts(out, ":\n\n");
    size_t listed = 0;
    for (size_t i = 0; i < d->nentries && listed < LISTED_SHORT; i++) {
        const fleet_entry *e = &d->entries[i];
        if (!e->falls_short)
            continue;
        char name[128], id[64];
        fleet_entry_name(e, name, sizeof name);
        card_id(e, id, sizeof id);
        sbuf_puts(out, "- **");
        md_escape(out, name);
        sbuf_puts(out, "** (");
        md_escape(out, id);
        sbuf_printf(out, "), %s: ", pass_words(e->load));
        int first = 1;
        for (int m = 0; m < FLEET_METRICS; m++)
            if (e->short_of[m]) {
                sbuf_puts(out, first ? "" : "; ");
                shortfall(d, e, (fleet_metric)m, out);
                first = 0;
            }
        band_words(e, out);
        sbuf_puts(out, ".\n");
        listed++;
    }
    if (d->nshort > listed)
        sbuf_printf(out, "- and %zu more, in the table and the chart below.\n", d->nshort - listed);
    sbuf_puts(out, "\n");
}

/* The noise the bands were drawn from: per metric, the median spread over
 * the entries that ran twice or more, and the largest. */
static void noise_note(const fleet_data *d, sbuf *out)
{
    double *v = malloc((d->nentries ? d->nentries : 1) * sizeof *v);
    if (v == NULL)
        return;
    int any = 0;
    for (int m = 0; m < FLEET_METRICS; m++) {
        size_t n = 0, worst = 0;
        for (size_t i = 0; i < d->nentries; i++)
            if (!isnan(d->entries[i].noise[m])) {
                if (n == 0 || d->entries[i].noise[m] > d->entries[worst].noise[m])
                    worst = i;
                v[n++] = d->entries[i].noise[m];
            }
        if (n == 0)
            continue;
        char name[128];
        fleet_entry_name(&d->entries[worst], name, sizeof name);
        sbuf_puts(out, any ? "; " : "**Run-to-run noise** on the same card (the spread of its runs in one pass): ");
        sbuf_printf(out, "%s median %.1f %% over %zu cards, at most %.1f %% (", fleet_metric_name((fleet_metric)m),
                    stats_median(v, n), n, d->entries[worst].noise[m]);
        md_escape(out, name);
        sbuf_puts(out, ")");
        any = 1;
    }
    if (any)
        sbuf_puts(out, ". Where it passes 3 %, that card's band is its noise.\n\n");
    else
        sbuf_puts(out, "No card ran twice in one pass, so no run-to-run noise is known: every band is 3 % "
                       "(`scripts/fleet.sh --repeat 2` measures it).\n\n");
    free(v);
}

/* Each card's fp16 GEMV against its bytes-only roofline from the card's
 * own read stream (model fits every run by itself). */
static void prediction_note(const fleet_data *d, sbuf *out)
{
    double *v = malloc((d->nentries ? d->nentries : 1) * sizeof *v);
    if (v == NULL)
        return;
    size_t n = 0;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < d->nentries; i++)
        if (!isnan(d->entries[i].fp16_err_pct)) {
            lo = fmin(lo, d->entries[i].fp16_err_pct);
            hi = fmax(hi, d->entries[i].fp16_err_pct);
            v[n++] = d->entries[i].fp16_err_pct;
        }
    if (n > 0) {
        char med[32], a[32], b[32];
        fmt_pct(med, sizeof med, stats_median(v, n));
        fmt_pct(a, sizeof a, lo);
        fmt_pct(b, sizeof b, hi);
        sbuf_printf(out, "**Predictions per card.** model predicts every card's cases from that card's own "
                         "ceilings, the read stream of the same run: the fp16 GEMV's bytes-only roofline was off "
                         "by %s %% (median over %zu cards and passes; from %s to %s %%). A card whose memory streams less is "
                         "predicted slower too, so its GEMVs still meet their prediction: the shortfall is the "
                         "card's memory, not the kernel.\n\n",
                    med, n, a, b);
    }
    free(v);
}

/* One table cell of metric m of e: the value, and how far below the
 * median when the card falls short in it. */
static const char *metric_cell(const fleet_entry *e, fleet_metric m, char *buf, size_t size)
{
    if (isnan(e->value[m]))
        return NULL;
    char v[32];
    fmt_sig3(v, sizeof v, e->value[m]);
    if (e->short_of[m])
        snprintf(buf, size, "%s (−%.1f %%)", v, e->below[m]);
    else
        snprintf(buf, size, "%s", v);
    return buf;
}

static void entry_row(const fleet_entry *e, sbuf *out)
{
    char name[128], id[64], pass[48], v[8][48];
    fleet_entry_name(e, name, sizeof name);
    card_id(e, id, sizeof id);
    snprintf(pass, sizeof pass, "%s ×%zu", e->load != NULL ? e->load : "–", e->runs);
    const char *cells[NCOLS] = {name, id, pass,
                                metric_cell(e, FLEET_READ, v[0], sizeof v[0]),
                                metric_cell(e, FLEET_L2, v[1], sizeof v[1]),
                                sig3_cell(e->fp16_us, v[2], sizeof v[2]),
                                sig3_cell(e->w4_us, v[3], sizeof v[3]),
                                metric_cell(e, FLEET_CLOCK, v[4], sizeof v[4]),
                                sig3_cell(e->power_w, v[5], sizeof v[5]),
                                NULL};
    if (e->short_of[FLEET_FP16])
        snprintf(v[2] + strlen(v[2]), sizeof v[2] - strlen(v[2]), " (−%.1f %%)", e->below[FLEET_FP16]);
    if (e->short_of[FLEET_W4])
        snprintf(v[3] + strlen(v[3]), sizeof v[3] - strlen(v[3]), " (−%.1f %%)", e->below[FLEET_W4]);
    if (!isnan(e->fp16_err_pct)) {
        fmt_pct(v[6], sizeof v[6], e->fp16_err_pct);
        cells[9] = v[6];
    }
    static const int col_of[FLEET_METRICS] = {3, 4, 5, 6, 7};
    unsigned strong = 0;
    for (int m = 0; m < FLEET_METRICS; m++)
        if (e->short_of[m])
            strong |= MD_STRONG(col_of[m]);
    if (e->falls_short)
        strong |= MD_STRONG(0) | MD_STRONG(1);
    md_table_row_strong(out, NCOLS, cells, strong);
}

/* The median of the field of the group's entries (NAN when none). */
static double group_median_of(const fleet_data *d, size_t g, size_t offset, double *scratch)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nentries; i++) {
        double x;
        memcpy(&x, (const char *)&d->entries[i] + offset, sizeof x);
        if (d->entries[i].group == g && !isnan(x))
            scratch[n++] = x;
    }
    return n > 0 ? stats_median(scratch, n) : NAN;
}

static void median_row(const fleet_data *d, size_t g, double *scratch, sbuf *out)
{
    const fleet_group *grp = &d->groups[g];
    char name[64], pass[48], v[8][32];
    snprintf(name, sizeof name, "median of %zu", grp->entries);
    snprintf(pass, sizeof pass, "%s", grp->load != NULL ? grp->load : "–");
    const char *cells[NCOLS] = {name, NULL, pass,
                                sig3_cell(grp->median[FLEET_READ], v[0], sizeof v[0]),
                                sig3_cell(grp->median[FLEET_L2], v[1], sizeof v[1]),
                                sig3_cell(group_median_of(d, g, offsetof(fleet_entry, fp16_us), scratch), v[2],
                                          sizeof v[2]),
                                sig3_cell(group_median_of(d, g, offsetof(fleet_entry, w4_us), scratch), v[3],
                                          sizeof v[3]),
                                sig3_cell(grp->median[FLEET_CLOCK], v[4], sizeof v[4]),
                                sig3_cell(group_median_of(d, g, offsetof(fleet_entry, power_w), scratch), v[5],
                                          sizeof v[5]),
                                NULL};
    double err = group_median_of(d, g, offsetof(fleet_entry, fp16_err_pct), scratch);
    if (!isnan(err)) {
        fmt_pct(v[6], sizeof v[6], err);
        cells[9] = v[6];
    }
    md_table_row(out, NCOLS, cells);
}

static void card_table(const fleet_data *d, sbuf *out)
{
    static const char *const head[NCOLS] = {"card", "serial or UUID", "pass, runs", "read stream GB/s",
                                            "L2 read GB/s", "fp16 GEMV µs", "w4a16 GEMV µs", "SM clock MHz",
                                            "power W", "fp16 predicted, error %"};
    static const md_align align[NCOLS] = {MD_LEFT, MD_LEFT, MD_LEFT, MD_RIGHT, MD_RIGHT,
                                          MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT};
    int all = d->nentries <= TABLE_ALL;
    double *scratch = malloc((d->nentries ? d->nentries : 1) * sizeof *scratch);
    if (scratch == NULL)
        return;
    if (all)
        sbuf_puts(out, "Every card, each pass a row; bold: where it falls short, and by how much below the "
                       "median. The last column is the fp16 GEMV's bytes-only roofline from the card's own "
                       "read stream.\n\n");
    else
    {
        sbuf_puts(out, "The cards that fall short");
        if (d->nshort > TABLE_SHORT)
            sbuf_printf(out, " (the first %d)", TABLE_SHORT);
        sbuf_printf(out, ", each pass a row (the other %zu are dots in the chart), and the median of every group; "
                         "bold: where a card falls short, and by how much below the median.\n\n",
                    d->nentries - d->nshort);
    }
    md_table_header(out, NCOLS, head, align);
    size_t rows = 0;
    for (size_t g = 0; g < d->ngroups; g++) {
        for (size_t i = 0; i < d->nentries; i++) {
            const fleet_entry *e = &d->entries[i];
            if (e->group != g || (!all && (!e->falls_short || rows == TABLE_SHORT)))
                continue;
            entry_row(e, out);
            rows++;
        }
        median_row(d, g, scratch, out);
    }
    sbuf_puts(out, "\n");
    free(scratch);
}

void report_fleet(const fleet_data *d, sbuf *out)
{
    if (d->ncards < 2)
        return;
    sbuf_puts(out, "## Fleet\n\n");
    intro(d, out);
    verdict(d, out);
    sbuf_puts(out, "![Fleet: every card against the median of its kind](fig/fleet.png)\n\n");
    sbuf_puts(out, "Each card is a dot at its value as a percentage of the median of the cards of its device "
                   "and pass, one strip per metric and pass: the read stream and the L2 read (each run's own "
                   "ceilings), the fp16 and w4a16 GEMVs (their achieved GB/s) and the SM clock during the fp16 "
                   "GEMV. Vermillion, and named for the first few of a strip: a card that falls short. Shaded: "
                   "within 3 % of the median. A black tick: the datasheet's bandwidth (the most a GEMV can "
                   "stream), past the axis an arrow. A strip holds hundreds of cards: the table below lists "
                   "the ones to look at.\n\n");
    noise_note(d, out);
    prediction_note(d, out);
    card_table(d, out);
}
