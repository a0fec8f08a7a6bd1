/* mode_data: one device's cases in each of its power modes, picked from the
 * model CSV (and model's decode CSV) once, so the report's power-mode
 * section and the energy chart by mode quote the same numbers.
 *
 * A device has several power modes when its rows carry two or more spec
 * modes (model's spec_mode: the row's power_mode matched against the
 * spec, a Jetson's nvpmodel mode; scripts/sweep-modes.sh writes one run per
 * mode). Modes keep the order in which they first appear in the CSV; the
 * first is the reference every scaling is relative to.
 *
 * Formats: one per weight width, the first of each in the format table
 * (formats.h) that the device ran as a batch-1 `gemv`: fp16, w8a16,
 * w4a16_g128, w2a16_g64. Shape: the square n x n at batch 1 with the most
 * (mode, format) cases, the largest of those. Per mode and format, the
 * first such row (CSV order): its measured median time, the roofline's
 * datasheet prediction for that mode (specs/<id>.ini, model's
 * time_us_pred_datasheet), power, energy, GFLOP/s per watt (flop per
 * joule / 1e9), SM clock, the Jetson rails cell, and from the decode CSV
 * the tokens per joule of the decode table's LLM (decode_data.h) with that
 * run's energy fit.
 *
 * Scaling of mode m over the reference r, format f:
 *   measured  = time(r, f) / time(m, f)
 *   predicted = pred(r, f) / pred(m, f)
 * both > 1 when m is faster. NAN where a case is missing.
 *
 * Strings point into the tables, which must outlive the data; nothing is
 * allocated that the caller frees.
 */
#ifndef RENDER_MODE_DATA_H
#define RENDER_MODE_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "csv_table.h"
#include "decode_data.h"

#define MODE_MAX 8
#define MODE_MAX_FORMATS 4
#define MODE_MAX_DEVICES 4

typedef struct mode_cell {
    int have;
    size_t row;          /* in the model CSV */
    double time_us;      /* measured median */
    double pred_us;      /* roofline, datasheet ceilings of the mode */
    double power_w;      /* average over the energy loop; NAN */
    double energy_uj;    /* per call; NAN */
    double gflops_per_w; /* NAN without energy */
    double sm_clock_mhz; /* NAN */
    double tokens_per_j; /* decode, the table's LLM; NAN */
    const char *rails;   /* rails_power_w_avg (rail_cell.h); NULL */
} mode_cell;

typedef struct mode_data {
    const char *device;  /* NULL: no device with two modes */
    const char *spec_id;
    uint64_t n, k;       /* the shape compared, batch 1 */
    size_t nmodes;
    const char *mode[MODE_MAX]; /* spec_mode, CSV order; [0] the reference */
    const char *run[MODE_MAX];  /* the run of the mode's first case */
    size_t nformats;
    const char *format[MODE_MAX_FORMATS];
    mode_cell cell[MODE_MAX][MODE_MAX_FORMATS];
    const char *llm_name; /* tokens/J's LLM; NULL without a decode CSV */
    size_t modes_left_out; /* past MODE_MAX */
} mode_data;

/* The devices of t with two or more spec modes among their batch-1 gemv
 * rows, in CSV order (up to max). */
size_t mode_devices(const csv_table *t, const char **devices, size_t max);

/* The picks for device (NULL: the first of mode_devices; d->device stays
 * NULL when there is none). dec: decode_data_from_table's picks of the
 * decode CSV (figure_set_build's, which the decode chart draws), or NULL;
 * without a decode CSV (NULL, or have 0) tokens/J stays NAN. */
void mode_data_from_table(const csv_table *t, const decode_data *dec, const char *device,
                          mode_data *d);

/* The picks for every device of mode_devices (up to MODE_MAX_DEVICES),
 * in its order: what the report's power-mode section shows, and the first
 * is what the energy chart draws by mode. A device's picks keep device
 * NULL when they find fewer than two modes; per_device[0].device is NULL
 * when ndevices is 0. */
typedef struct mode_set {
    size_t ndevices;
    mode_data per_device[MODE_MAX_DEVICES];
} mode_set;

/* dec as in mode_data_from_table. */
void mode_set_from_table(const csv_table *t, const decode_data *dec, mode_set *s);

double mode_scaling_measured(const mode_data *d, size_t m, size_t f);
double mode_scaling_predicted(const mode_data *d, size_t m, size_t f);

#endif
