#include "rng.h"

void rng_seed(rng *r, uint64_t seed)
{
    r->state = seed;
}

void rng_seed_stream(rng *r, uint64_t seed, uint64_t stream)
{
    rng_seed(r, seed ^ (0x9e3779b97f4a7c15ull * (stream + 1)));
}

uint64_t rng_next_u64(rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

float rng_uniform(rng *r, float lo, float hi)
{
    /* 24 random bits: every value exactly representable in float */
    float u = (float)(rng_next_u64(r) >> 40) * (1.0f / 16777216.0f);
    return lo + (hi - lo) * u;
}
