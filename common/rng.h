/* rng: a small, fast, seedable generator (splitmix64) for test and check
 * data. Reproducible from the seed on every platform; never zero-filled data. */
#ifndef RNG_H
#define RNG_H

#include <stdint.h>

typedef struct rng {
    uint64_t state;
} rng;

void rng_seed(rng *r, uint64_t seed);
/* Generator number `stream` of a seed: blocks or rows of one array each
 * take their own, so they fill in parallel, in any order, and the whole
 * stays reproducible from the seed. */
void rng_seed_stream(rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next_u64(rng *r);
/* Uniform in [lo, hi). */
float rng_uniform(rng *r, float lo, float hi);

#endif
