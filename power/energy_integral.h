/* energy_integral: the energy of a sampled power signal, by the trapezoid
 * rule over the sample times. Pure arithmetic, no clock of its own, so tests
 * feed it hand-made samples. */
#ifndef ENERGY_INTEGRAL_H
#define ENERGY_INTEGRAL_H

#include <stdint.h>

typedef struct energy_integral {
    int samples;      /* samples added so far */
    uint64_t last_ns; /* time of the last sample, ns on any monotonic clock */
    double last_mw;   /* power of the last sample, mW */
    double uj;        /* energy from the first sample to the last, uJ */
} energy_integral;

void energy_integral_init(energy_integral *in);

/* Adds a sample of p_mw at t_ns. A negative power (a sensor's offset around
 * 0 A) counts as 0 and a time that does not advance adds nothing, so the
 * integral never decreases. */
void energy_integral_add(energy_integral *in, uint64_t t_ns, double p_mw);

#endif
