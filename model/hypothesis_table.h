/* hypothesis_table: the seed's claims as one X() table (hypotheses.h
 * judges them), in a header of its own that includes nothing, so render
 * reads the same table (render/charts/story_data.h) without model's types.
 * Each row: the name the summary CSV gives it, the format that stands for
 * it, the range of speedups over fp16 that counts as holding ("about X" is
 * X +- 10%) and the claim in words. */
#ifndef HYPOTHESIS_TABLE_H
#define HYPOTHESIS_TABLE_H

/* clang-format off */
/* X(name, format, low, high, claim) */
#define SEED_HYPOTHESES(X) \
    X("int8_about_2x", "w8a16",      1.8,  2.2,  "INT8 weights: about 2x faster than fp16") \
    X("int4_3_to_4x",  "w4a16_g128", 3.0,  4.0,  "INT4 weights: 3-4x faster than fp16") \
    X("int2_6.4x",     "w2a16_g64",  5.76, 7.04, "INT2 weights: 6.4x faster than fp16")
/* clang-format on */

/* The verdict on a speedup: "holds" inside [low, high], "short" below,
 * "exceeds" above. */
static inline const char *hypothesis_range_verdict(double low, double high, double speedup)
{
    if (speedup < low)
        return "short";
    return speedup > high ? "exceeds" : "holds";
}

#endif
