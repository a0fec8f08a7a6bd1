/* code_pairs: where weight pair p of a 16-byte chunk of b-bit codes sits
 * (common/quant.h's layout), and the fp16 exponent that turns it into a
 * number with one LOP3. Usable from C (tests) and CUDA (gemv_mma_b1.cu).
 *
 * A chunk holds 16/b pairs per 32-bit word. Pair p lies in word
 * code_pair_word(), and after a right shift by code_pair_shift() (0 or 8)
 * at bits b * code_pair_pos() of each 16-bit half. ORing those b bits into
 * an fp16 whose exponent is 2^e, e = 10 - b * pos, puts their lowest bit on
 * the mantissa's weight-1 place: the half reads exactly 2^e + u. No shift
 * or subtraction per pair; the 2^e is taken off per group (gemv_mma_b1.cu). */
#ifndef CODE_PAIRS_H
#define CODE_PAIRS_H

#ifdef __CUDACC__
#define CODE_PAIRS_FN __host__ __device__ static inline constexpr
#else
#define CODE_PAIRS_FN static inline
#endif

CODE_PAIRS_FN int code_pairs_per_word(int bits) { return 16 / bits; }
CODE_PAIRS_FN int code_pos_per_byte(int bits) { return 8 / bits; }
CODE_PAIRS_FN int code_pair_word(int bits, int p) { return p / code_pairs_per_word(bits); }
CODE_PAIRS_FN int code_pair_shift(int bits, int p)
{
    return 8 * ((p % code_pairs_per_word(bits)) / code_pos_per_byte(bits));
}
CODE_PAIRS_FN int code_pair_pos(int bits, int p) { return p % code_pos_per_byte(bits); }
/* e = 10 - bits * pos: the power of two under the code at pos */
CODE_PAIRS_FN int code_magic_exp(int bits, int pos) { return 10 - bits * pos; }
/* fp16 bits of 2^e (biased exponent e + 15, mantissa 0) */
CODE_PAIRS_FN unsigned code_magic_half(int bits, int pos) { return (unsigned)(code_magic_exp(bits, pos) + 15) << 10; }
/* the code bits at pos, in one 16-bit half */
CODE_PAIRS_FN unsigned code_mask_half(int bits, int pos) { return ((1u << bits) - 1u) << (bits * pos); }

#endif
