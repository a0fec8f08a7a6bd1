/* The power-mode section (see report_tables.h): per device that ran in two
 * or more power modes, each mode's time, power, GFLOP/s per watt and
 * tokens per joule for the main GEMV formats, and the measured against the
 * predicted scaling between modes (mode_data.h, the picks the energy chart
 * draws by mode); without such a device, that every Jetson number of the
 * report is a prediction, with the scaling the specs predict. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charts/charts.h"
#include "doc/doc.h"
#include "rail_cell.h"
#include "report_tables.h"
#include "stats.h"

/* Text for a cell that may be empty. */
static const char *txt(const char *s)
{
    return s != NULL ? s : "?";
}

/* Per mode and format: what ran and what it cost. */
static void cells_table(const mode_data *d, sbuf *out)
{
    static const char *const head[] = {"power mode", "format",       "SM MHz",
                                       "time µs",    "predicted µs", "average W",
                                       "GFLOP/s per W", "tokens/J"};
    static const md_align align[] = {MD_LEFT,  MD_LEFT,  MD_RIGHT, MD_RIGHT,
                                     MD_RIGHT, MD_RIGHT, MD_RIGHT, MD_RIGHT};
    md_table_header(out, 8, head, align);
    for (size_t m = 0; m < d->nmodes; m++)
        for (size_t f = 0; f < d->nformats; f++) {
            const mode_cell *c = &d->cell[m][f];
            if (!c->have)
                continue;
            char v[6][32];
            const char *cells[] = {
                d->mode[m],
                d->format[f],
                sig3_cell(c->sm_clock_mhz, v[0], sizeof v[0]),
                sig3_cell(c->time_us, v[1], sizeof v[1]),
                sig3_cell(c->pred_us, v[2], sizeof v[2]),
                sig3_cell(c->power_w, v[3], sizeof v[3]),
                sig3_cell(c->gflops_per_w, v[4], sizeof v[4]),
                sig3_cell(c->tokens_per_j, v[5], sizeof v[5]),
            };
            md_table_row(out, 8, cells);
        }
}

/* Per mode but the reference: measured / predicted speed over it. */
static void scaling_table(const mode_data *d, sbuf *out)
{
    const char *head[1 + MODE_MAX_FORMATS];
    md_align align[1 + MODE_MAX_FORMATS];
    head[0] = "power mode";
    align[0] = MD_LEFT;
    for (size_t f = 0; f < d->nformats; f++) {
        head[1 + f] = d->format[f];
        align[1 + f] = MD_RIGHT;
    }
    md_table_header(out, 1 + d->nformats, head, align);
    for (size_t m = 1; m < d->nmodes; m++) {
        const char *cells[1 + MODE_MAX_FORMATS];
        char v[MODE_MAX_FORMATS][48];
        cells[0] = d->mode[m];
        for (size_t f = 0; f < d->nformats; f++) {
            double a = mode_scaling_measured(d, m, f), b = mode_scaling_predicted(d, m, f);
            cells[1 + f] = NULL;
            if (isnan(a) && isnan(b))
                continue;
            char x[16] = "–", y[16] = "–";
            times_cell(a, x, sizeof x);
            times_cell(b, y, sizeof y);
            snprintf(v[f], sizeof v[f], "%s / %s", x, y);
            cells[1 + f] = v[f];
        }
        md_table_row(out, 1 + d->nformats, cells);
    }
}

/* One sentence per mode: how much of the predicted speed-up it got. */
static void scaling_sentences(const mode_data *d, sbuf *out)
{
    for (size_t m = 1; m < d->nmodes; m++) {
        double ratio[MODE_MAX_FORMATS];
        size_t n = 0;
        for (size_t f = 0; f < d->nformats; f++) {
            double a = mode_scaling_measured(d, m, f), b = mode_scaling_predicted(d, m, f);
            if (!isnan(a) && !isnan(b))
                ratio[n++] = a / b;
        }
        if (n == 0)
            continue;
        double med = stats_median(ratio, n);
        sbuf_puts(out, "- ");
        md_escape(out, txt(d->mode[m]));
        sbuf_printf(out, " against ");
        md_escape(out, txt(d->mode[0]));
        sbuf_printf(out, ": measured over predicted speed-up %.2f (median over %zu %s); ", med, n,
                    n == 1 ? "format" : "formats");
        if (med < 0.9)
            sbuf_puts(out, "the mode gave less than the spec's ceilings promise.\n");
        else if (med > 1.1)
            sbuf_puts(out, "the mode gave more than the spec's ceilings promise.\n");
        else
            sbuf_puts(out, "within 10 % of the spec's ratio.\n");
    }
}

/* The rails of the first format's case in each mode (Jetson INA3221). */
static void rails_table(const mode_data *d, sbuf *out)
{
    char names[RAIL_CELL_MAX][RAIL_CELL_NAME_MAX];
    size_t nnames = 0;
    rail_watts r[RAIL_CELL_MAX];
    size_t n;
    for (size_t m = 0; m < d->nmodes; m++)
        if (rail_cell_parse(d->cell[m][0].rails, r, &n, NULL) == 0)
            for (size_t i = 0; i < n; i++) {
                size_t j = 0;
                while (j < nnames && strcmp(names[j], r[i].name) != 0)
                    j++;
                if (j == nnames && nnames < RAIL_CELL_MAX)
                    memcpy(names[nnames++], r[i].name, sizeof names[0]); /* both NUL-terminated, 32 bytes */
            }
    if (nnames == 0)
        return;
    sbuf_printf(out, "\nEvery rail of the power monitor over the same loops, watts, %s at %llu×%llu "
                     "(`rails_power_w_avg`):\n\n",
                d->format[0], (unsigned long long)d->n, (unsigned long long)d->k);
    const char *head[1 + RAIL_CELL_MAX];
    md_align align[1 + RAIL_CELL_MAX];
    head[0] = "power mode";
    align[0] = MD_LEFT;
    for (size_t j = 0; j < nnames; j++) {
        head[1 + j] = names[j];
        align[1 + j] = MD_RIGHT;
    }
    md_table_header(out, 1 + nnames, head, align);
    for (size_t m = 0; m < d->nmodes; m++) {
        const char *cells[1 + RAIL_CELL_MAX];
        char v[RAIL_CELL_MAX][32];
        cells[0] = d->mode[m];
        for (size_t j = 0; j < nnames; j++)
            cells[1 + j] = NULL;
        if (rail_cell_parse(d->cell[m][0].rails, r, &n, NULL) == 0)
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < nnames; j++)
                    if (strcmp(names[j], r[i].name) == 0)
                        cells[1 + j] = sig3_cell(r[i].watts, v[j], sizeof v[j]);
        md_table_row(out, 1 + nnames, cells);
    }
}

static void device_section(const csv_table *t, const mode_data *d, sbuf *out)
{
    const char *source = NULL;
    for (size_t m = 0; m < d->nmodes && source == NULL; m++)
        for (size_t f = 0; f < d->nformats && source == NULL; f++)
            if (d->cell[m][f].have)
                source = csv_table_text(t, d->cell[m][f].row, RAW_COL_power_source);
    sbuf_puts(out, "**");
    md_escape(out, txt(d->device));
    sbuf_printf(out, "** (spec ");
    md_escape(out, txt(d->spec_id));
    sbuf_printf(out, "), %zu power modes, measured: our GEMV at %llu×%llu, batch 1, in each "
                     "mode. *predicted µs* is the roofline with the datasheet ceilings of the "
                     "mode's section of specs/",
                d->nmodes, (unsigned long long)d->n, (unsigned long long)d->k);
    md_escape(out, txt(d->spec_id));
    sbuf_puts(out, ".ini (no launch floor); power is the average over each case's energy loop as ");
    if (source != NULL && strchr(source, '`') == NULL && strchr(source, '\n') == NULL) {
        sbuf_puts(out, "`");
        sbuf_puts(out, source); /* a code span: no escaping inside */
        sbuf_puts(out, "`");
    } else {
        sbuf_puts(out, "the power source");
    }
    sbuf_puts(out, " reports it (on a Jetson the whole module, not the GPU alone)");
    if (d->llm_name != NULL) {
        sbuf_puts(out, "; *tokens/J* is ");
        md_escape(out, txt(d->llm_name));
        sbuf_puts(out, "'s predicted decode with that mode's run: its measured ceiling, launch "
                       "floor and energy fit (`model -d`)");
    } else {
        sbuf_puts(out, "; *tokens/J* needs the decode CSV (`render --decode`)");
    }
    sbuf_puts(out, ".");
    if (d->modes_left_out > 0)
        sbuf_printf(out, " %zu more modes are left out (more than %d).", d->modes_left_out, MODE_MAX);
    sbuf_puts(out, "\n\n");
    cells_table(d, out);
    sbuf_puts(out, "\nSpeed relative to ");
    md_escape(out, txt(d->mode[0]));
    sbuf_puts(out, " (the first mode in the CSV), measured / predicted: the measured time in ");
    md_escape(out, txt(d->mode[0]));
    sbuf_puts(out, " over the measured time in the mode, and the same ratio of the predicted "
                   "times. Above 1× the mode is faster.\n\n");
    scaling_table(d, out);
    sbuf_puts(out, "\n");
    scaling_sentences(d, out);
    rails_table(d, out);
}

/* Predicted, from the decode CSV: each multi-mode spec's decode speed per
 * mode relative to its first mode, at its widest format that fits in
 * every mode (else its first). */
static void predicted_scaling(const decode_data *d, sbuf *out)
{
    for (size_t s = 0; s < d->nspecs; s++) {
        const char *spec = d->specs[s].spec_id;
        const decode_row *rows[DEC_MAX_ROWS];
        size_t n = 0;
        for (size_t i = 0; i < d->nrows; i++)
            if (strcmp(d->rows[i].spec_id, spec) == 0 && d->rows[i].run_id == NULL)
                rows[n++] = &d->rows[i];
        if (n < 2)
            continue;
        size_t k = 0, pick = d->nformats;
        for (; k < d->nformats && pick == d->nformats; k++) {
            int ok = 1;
            for (size_t i = 0; i < n; i++)
                ok &= rows[i]->fits[k] != 0 && rows[i]->datasheet[k] > 0.0;
            if (ok)
                pick = k;
        }
        if (pick == d->nformats)
            pick = 0;
        if (!(rows[0]->datasheet[pick] > 0.0))
            continue;
        sbuf_puts(out, "- ");
        md_escape(out, txt(spec));
        sbuf_puts(out, " (predicted: ");
        md_escape(out, txt(d->llm_name));
        sbuf_puts(out, " decode at ");
        md_escape(out, txt(d->formats[pick]));
        sbuf_puts(out, ", speed relative to ");
        md_escape(out, txt(rows[0]->spec_mode));
        sbuf_puts(out, "):");
        for (size_t i = 0; i < n; i++) {
            sbuf_puts(out, i ? ", " : " ");
            md_escape(out, txt(rows[i]->spec_mode));
            sbuf_printf(out, " %.2f×", rows[i]->datasheet[pick] / rows[0]->datasheet[pick]);
        }
        sbuf_puts(out, ".\n");
    }
}

void report_power_modes(const csv_table *t, const mode_set *modes, const decode_data *dec,
                        sbuf *out)
{
    if (modes->ndevices == 0) {
        sbuf_puts(out, "No device in these CSVs ran in more than one power mode, so nothing here "
                       "measures how time, power and energy change between modes. **The Jetson "
                       "numbers in this report are predictions, not measurements:** the edge "
                       "section's rows for the Jetson boards come from their spec files "
                       "(`specs/orin_*.ini`, one section per nvpmodel mode) with no run behind "
                       "them. To measure them, run `scripts/sweep-modes.sh` on the board "
                       "(`docs/jetson.md`) and render its combined CSV: this section then shows, "
                       "per mode, the time, average power, GFLOP/s per watt and tokens per joule "
                       "of the main GEMV formats, and the measured against the predicted scaling "
                       "between modes.\n");
        if (dec->have) {
            sbuf_puts(out, "\nThe scaling between modes that the specs predict (memory-bound "
                           "decode follows the DRAM bandwidth of each mode):\n\n");
            predicted_scaling(dec, out);
        }
        return;
    }
    for (size_t i = 0; i < modes->ndevices; i++) {
        const mode_data *d = &modes->per_device[i];
        if (d->device == NULL)
            continue;
        sbuf_puts(out, i ? "\n" : "");
        device_section(t, d, out);
    }
}
