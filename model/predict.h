/* predict: the roofline, as pure functions of numbers.
 *
 *   t_memory_us  = bytes / (bw_gbs * 1e3)        1 GB/s = 1e3 bytes/us
 *   t_compute_us = flop / (peak_gflops * 1e3)    1 GFLOP/s = 1e3 flop/us
 *   time_us      = max(t_memory_us, t_compute_us)
 *   bound        = memory when t_memory_us >= t_compute_us, else compute
 *                  (a tie is memory: below the ridge point, or on it)
 *   err_pct      = 100 * (predicted - measured) / measured
 *                  negative: the model promised a faster call than the
 *                  hardware gave (the sign convention of csv_schema.h).
 *
 * No launch or latency floor is added here: if the report adds one, it is a
 * separate, named term. Nothing here reads files or allocates.
 */
#ifndef PREDICT_H
#define PREDICT_H

typedef enum roofline_bound { ROOFLINE_MEMORY, ROOFLINE_COMPUTE } roofline_bound;

typedef struct roofline {
    double intensity_flop_per_byte;
    double t_memory_us;
    double t_compute_us;
    double time_us; /* the larger of the two */
    roofline_bound bound;
} roofline;

/* Fills out; -1 when bytes is 0 (no intensity) or a ceiling is not > 0 or
 * an input is not finite. */
int roofline_predict(double bytes, double flop, double bw_gbs, double peak_gflops, roofline *out);

/* "memory" or "compute". */
const char *roofline_bound_name(roofline_bound bound);

/* 100 * (predicted_us - measured_us) / measured_us; NaN when measured_us is
 * not > 0 (the CSV writer turns NaN into an empty cell, never a number). */
double roofline_err_pct(double predicted_us, double measured_us);

/* Achieved rates over a measured time: bytes / time as GB/s, flop / time as
 * GFLOP/s. NaN when time_us is not > 0. */
double roofline_rate_gbs(double bytes, double time_us);
double roofline_rate_gflops(double flop, double time_us);

#endif
