/* dequant: turning packed integer codes (common/quant.h) into fp16 pairs,
 * shared by the CUDA-core GEMV (gemv.cu) and the tensor-core one
 * (gemv_mma.cu).
 *
 * A code pair sitting 16 bits apart in a 32-bit word is ORed into 0x6400
 * (fp16 1024), giving (1024 + u) exactly, and one HSUB2 or HFMA2 (for
 * codes stored at a higher bit, scaled by 2^-shift) leaves (u - zi) with
 * zi = 2^(bits-1), exactly. fmt<BITS>::dequant(word) yields the word's
 * pairs in layout order: out[i] = (weight 2i, weight 2i+1) of the word.
 */
#ifndef DEQUANT_CUH
#define DEQUANT_CUH

#include <cuda_fp16.h>

namespace {

__device__ __forceinline__ __half2 as_h2(unsigned u)
{
    return *reinterpret_cast<__half2 *>(&u);
}

__device__ __forceinline__ unsigned as_u32(__half2 h)
{
    return *reinterpret_cast<unsigned *>(&h);
}

__device__ __forceinline__ __half2 h2(float v)
{
    return __float2half2_rn(v);
}

constexpr unsigned MAGIC = 0x64006400u; /* fp16 1024 in both halves */

/* (q & MASK) | MAGIC in one LOP3: written in C, the compiler emits an AND
 * and an OR, since LOP3 takes one immediate (SASS of the int2 kernel: 267
 * LOP3 where 128 do). 0xea is the truth table of (a & b) | c. */
template <unsigned MASK> __device__ __forceinline__ unsigned mask_magic(unsigned q)
{
    unsigned d;
    asm("lop3.b32 %0, %1, %2, %3, 0xea;" : "=r"(d) : "r"(q), "n"(MASK), "n"(MAGIC));
    return d;
}

/* Per format: pairs per 32-bit word and the dequantization of one word
 * into (u - zi) pairs, in the layout order of quant.h. */
template <int BITS> struct fmt;

template <> struct fmt<16> {
    static constexpr int PAIRS = 1;
    static constexpr bool QUANT = false, HALF_ACC = false;
    __device__ static void dequant(unsigned q, __half2 *out) { out[0] = as_h2(q); }
};

template <> struct fmt<8> {
    static constexpr int PAIRS = 2;
    static constexpr bool QUANT = true, HALF_ACC = false;
    static constexpr float ZI = 128.0f;
    __device__ static void dequant(unsigned q, __half2 *out)
    {
        out[0] = __hsub2(as_h2(mask_magic<0x00ff00ffu>(q)), h2(1024.0f + ZI));
        out[1] = __hsub2(as_h2(mask_magic<0x00ff00ffu>(q >> 8)), h2(1024.0f + ZI));
    }
};

template <> struct fmt<4> {
    static constexpr int PAIRS = 4;
    static constexpr bool QUANT = true, HALF_ACC = true;
    static constexpr float ZI = 8.0f;
    __device__ static void dequant(unsigned q, __half2 *out)
    {
#pragma unroll
        for (int half = 0; half < 2; half++, q >>= 8) {
            out[2 * half] = __hsub2(as_h2(mask_magic<0x000f000fu>(q)), h2(1024.0f + ZI));
            /* codes at bit 4: (1024 + 16u) / 16 - (64 + zi) = u - zi, exact */
            out[2 * half + 1] = __hfma2(as_h2(mask_magic<0x00f000f0u>(q)), h2(1.0f / 16), h2(-(64.0f + ZI)));
        }
    }
};

template <> struct fmt<2> {
    static constexpr int PAIRS = 8;
    static constexpr bool QUANT = true, HALF_ACC = true;
    static constexpr float ZI = 2.0f;
    __device__ static void dequant(unsigned q, __half2 *out)
    {
#pragma unroll
        for (int half = 0; half < 2; half++, q >>= 8) {
            __half2 *o = out + 4 * half;
            o[0] = __hsub2(as_h2(mask_magic<0x00030003u>(q)), h2(1024.0f + ZI));
            o[1] = __hfma2(as_h2(mask_magic<0x000c000cu>(q)), h2(1.0f / 4), h2(-(256.0f + ZI)));
            o[2] = __hfma2(as_h2(mask_magic<0x00300030u>(q)), h2(1.0f / 16), h2(-(64.0f + ZI)));
            o[3] = __hfma2(as_h2(mask_magic<0x00c000c0u>(q)), h2(1.0f / 64), h2(-(16.0f + ZI)));
        }
    }
};

} // namespace

#endif
