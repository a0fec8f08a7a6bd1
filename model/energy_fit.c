#include "energy_fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A pivot this much smaller than the largest one, after the columns are
 * scaled to unit norm, means the columns are dependent. */
static const double RANK_TOL = 1e-10;
static const double PICO_PER_MICRO = 1e-6; /* pJ -> uJ */

/* Applies the reflection I - 2 v v^T / vv to rows j..n-1 of column c. */
static void reflect(double *c, const double *v, double vv, size_t j, size_t n)
{
    double s = 0.0;
    for (size_t i = j; i < n; i++)
        s += v[i] * c[i];
    s = 2.0 * s / vv;
    for (size_t i = j; i < n; i++)
        c[i] -= s * v[i];
}

/* Householder QR in place: R in the upper triangle of a, Q^T b in b. */
static int householder(double *a, double *b, size_t n, size_t p, double *v)
{
    for (size_t j = 0; j < p; j++) {
        double *col = a + j * n, norm = 0.0;
        for (size_t i = j; i < n; i++)
            norm += col[i] * col[i];
        norm = sqrt(norm);
        if (norm == 0.0)
            return -1;
        double alpha = col[j] > 0.0 ? -norm : norm;
        memcpy(v + j, col + j, (n - j) * sizeof *v);
        v[j] -= alpha;
        double vv = 0.0;
        for (size_t i = j; i < n; i++)
            vv += v[i] * v[i];
        if (vv == 0.0)
            continue; /* the column is already reduced */
        for (size_t c = j; c < p; c++)
            reflect(a + c * n, v, vv, j, n);
        reflect(b, v, vv, j, n);
    }
    return 0;
}

int least_squares(double *a, double *b, size_t n, size_t p, double *x)
{
    if (p == 0 || n < p)
        return -1;
    double scale[ENERGY_FIT_MAX_PARAMS];
    if (p > ENERGY_FIT_MAX_PARAMS)
        return -1;
    for (size_t j = 0; j < p; j++) { /* unit-norm columns: the rank test compares like with like */
        double s = 0.0;
        for (size_t i = 0; i < n; i++)
            s += a[j * n + i] * a[j * n + i];
        scale[j] = sqrt(s);
        if (!(scale[j] > 0.0) || !isfinite(scale[j]))
            return -1;
        for (size_t i = 0; i < n; i++)
            a[j * n + i] /= scale[j];
    }
    double *v = malloc(n * sizeof *v);
    if (v == NULL || householder(a, b, n, p, v) != 0) {
        free(v);
        return -1;
    }
    free(v);
    double biggest = 0.0;
    for (size_t j = 0; j < p; j++)
        biggest = fmax(biggest, fabs(a[j * n + j]));
    for (size_t j = p; j-- > 0;) {
        double rjj = a[j * n + j];
        if (!(fabs(rjj) > RANK_TOL * biggest))
            return -1;
        double s = b[j];
        for (size_t c = j + 1; c < p; c++)
            s -= a[c * n + j] * x[c];
        x[j] = s / rjj;
    }
    for (size_t j = 0; j < p; j++)
        x[j] /= scale[j];
    return 0;
}

double energy_fit_predict_uj(const energy_fit *f, size_t unit, double flop, double bytes,
                             double time_us)
{
    return PICO_PER_MICRO * (f->e_flop_pj[unit] * flop + f->e_byte_pj * bytes) + f->p0_w * time_us;
}

/* Row i of the design matrix: one flop column per unit, then bytes, then time. */
static void design_row(double *a, size_t n, size_t i, const energy_obs *o, size_t nunits)
{
    for (size_t u = 0; u < nunits; u++)
        a[u * n + i] = o->unit == u ? PICO_PER_MICRO * o->flop : 0.0;
    a[nunits * n + i] = PICO_PER_MICRO * o->bytes;
    a[(nunits + 1) * n + i] = o->time_us;
}

static int check_obs(const energy_obs *obs, size_t n, size_t nunits, rl_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const energy_obs *o = &obs[i];
        if (o->unit >= nunits || !isfinite(o->flop) || !isfinite(o->bytes) || !isfinite(o->time_us) ||
            !isfinite(o->energy_uj) || o->flop < 0.0 || o->bytes < 0.0 || !(o->time_us > 0.0) ||
            !(o->energy_uj > 0.0))
            return rl_error_set(err, "energy fit: row %zu has a unit, count, time or energy out of range", i);
    }
    return 0;
}

static void r_squared(energy_fit *f, const energy_obs *obs, size_t n)
{
    double mean = 0.0, ss_res = 0.0, ss_tot = 0.0;
    for (size_t i = 0; i < n; i++)
        mean += obs[i].energy_uj / (double)n;
    for (size_t i = 0; i < n; i++) {
        const energy_obs *o = &obs[i];
        double e = o->energy_uj - energy_fit_predict_uj(f, o->unit, o->flop, o->bytes, o->time_us);
        ss_res += e * e;
        ss_tot += (o->energy_uj - mean) * (o->energy_uj - mean);
    }
    f->r_squared = ss_tot > 0.0 ? 1.0 - ss_res / ss_tot : NAN;
}

int energy_fit_solve(energy_fit *out, const energy_obs *obs, size_t n, rl_error *err)
{
    size_t nu = out->nunits, p = nu + 2;
    if (nu == 0 || nu > ENERGY_FIT_MAX_UNITS)
        return rl_error_set(err, "energy fit: %zu compute units, want 1 to %d", nu, ENERGY_FIT_MAX_UNITS);
    if (n <= p)
        return rl_error_set(err, "energy fit: %zu rows with energy for %zu parameters; need more rows", n, p);
    if (check_obs(obs, n, nu, err) != 0)
        return -1;
    double *a = malloc((p + 1) * n * sizeof *a);
    if (a == NULL)
        return rl_error_set(err, "out of memory fitting energy");
    double *b = a + p * n, x[ENERGY_FIT_MAX_PARAMS];
    /* Each row divided by its energy: the fit minimises relative errors,
     * so a 10 ms GEMM weighs no more than a 5 us GEMV (energy_fit.h). */
    for (size_t i = 0; i < n; i++) {
        design_row(a, n, i, &obs[i], nu);
        for (size_t j = 0; j < p; j++)
            a[j * n + i] /= obs[i].energy_uj;
        b[i] = 1.0;
    }
    int rc = least_squares(a, b, n, p, x);
    free(a);
    if (rc != 0)
        return rl_error_set(err, "energy fit: the rows cannot tell flop, bytes and time apart "
                                 "(too few distinct shapes)");
    memcpy(out->e_flop_pj, x, nu * sizeof *x);
    out->e_byte_pj = x[nu];
    out->p0_w = x[nu + 1];
    out->rows = n;
    r_squared(out, obs, n);
    return 0;
}
