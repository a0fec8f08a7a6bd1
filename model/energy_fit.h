/* energy_fit: what a call's energy is made of, fitted over a run's rows.
 *
 *   E = sum_u e_flop[u] * F_u + e_byte * Q + P0 * T
 *
 * E the measured energy per call (uJ), F_u the call's operations on compute
 * unit u (flop, or op for integer units), Q its DRAM bytes, T its measured
 * median time (us). e_flop is in pJ/flop, e_byte in pJ/byte and P0 in W,
 * so E[uJ] = 1e-6 * (e_flop * F + e_byte * Q) + P0 * T. P0 is the power the
 * board draws for as long as a call runs whatever it computes (static power,
 * clocks, fans, the rest of the board). Each unit gets its own e_flop, so a
 * run whose rows use several units separates them where the rows allow.
 *
 * Least squares on relative errors, (E_fit - E) / E (Householder QR on
 * unit-norm columns): one 10 ms GEMM must not outweigh a hundred GEMVs of
 * 5 us (on an absolute fit the largest calls set P0, below idle power on
 * one H100 run). Rows need E > 0. R^2 = 1 - SS_res / SS_tot is reported on
 * E itself: the share of the variance of E across the rows that the fit
 * explains. The
 * parameters are not forced to be >= 0: a negative one is reported as fitted
 * and says the rows cannot tell the terms apart.
 */
#ifndef ENERGY_FIT_H
#define ENERGY_FIT_H

#include <stddef.h>

#include "rl_error.h"

/* A full run uses five: cuda_fp32, cuda_fp16x2, cuda_dp4a, tensor_fp16 and
 * tensor_int8; room for a few more. */
#define ENERGY_FIT_MAX_UNITS 8
#define ENERGY_FIT_MAX_PARAMS (ENERGY_FIT_MAX_UNITS + 2)

typedef struct energy_obs {
    size_t unit; /* index into the fit's units */
    double flop, bytes, time_us, energy_uj;
} energy_obs;

typedef struct energy_fit {
    size_t nunits;
    const char *units[ENERGY_FIT_MAX_UNITS]; /* borrowed; set by the caller */
    double e_flop_pj[ENERGY_FIT_MAX_UNITS];
    double e_byte_pj;
    double p0_w;
    double r_squared; /* NaN when all rows have the same energy */
    size_t rows;
} energy_fit;

/* Fits out->nunits units (set it, and out->units, first) over n rows. -1
 * with err set when there are no more rows than parameters, a row is not
 * finite or out of range, or the rows cannot separate the terms (the
 * columns are linearly dependent, e.g. every row the same shape). */
int energy_fit_solve(energy_fit *out, const energy_obs *obs, size_t n, rl_error *err);

/* The fitted energy of one call, uJ. */
double energy_fit_predict_uj(const energy_fit *f, size_t unit, double flop, double bytes,
                             double time_us);

/* Least squares: x (p values) minimising |A x - b| over n >= p rows. a is
 * column-major (a[j * n + i] = A[i][j]); a and b are overwritten. -1 when A
 * has a column of zeros or rank below p (relative to its largest pivot). */
int least_squares(double *a, double *b, size_t n, size_t p, double *x);

#endif
