/* mma_layout: where the tensor-core GEMV (gemv_mma.cu) puts each weight and
 * activation in the registers of mma.sync.m16n8k16 (fp16 in, fp32 out).
 *
 * The hardware's fragments (PTX ISA, "Matrix fragments for mma.m16n8k16",
 * floating-point types), for lane l with g = l / 4 and t = l % 4:
 *   A (16 x 16, row-major), four registers of two halves:
 *     register r, half h: row g + 8*(r & 1), column 2t + h + 8*(r >> 1)
 *   B (16 x 8), two registers: register r, half h: row 2t + h + 8r, column g
 *   C (16 x 8, fp32), four values: value i: row g + 8*(i >> 1), column 2t + (i & 1)
 * The ptx_* functions below state exactly that, for the tests.
 *
 * The GEMV computes C[row][col] = sum_k W[row][k] x[col][k]: weight rows
 * are A's rows, batch columns are B's and C's columns, and the reduction
 * index k is the mma's K. Since a sum does not care about the order of k,
 * the 16 K slots of one mma may hold any 16 distinct k, as long as A and B
 * agree. We pick the order that lets each lane read its weights with one
 * 16-byte load per row:
 *   - a super-step covers 4 chunks of 16 bytes of each row (4 * 128/bits
 *     weights); lane t of a group of four reads chunk t, weights
 *     [t * CW, (t + 1) * CW) of the super-step, CW = 128/bits;
 *   - mma step s (s = 0 .. CW/4 - 1) takes weights t*CW + 4s .. 4s + 3 of
 *     each lane: pair 2s into A registers 0 and 1 (rows g, g + 8), pair
 *     2s + 1 into registers 2 and 3, and the same two activation pairs into
 *     B registers 0 and 1.
 * So K slot 2t + h + 8j (j = 0, 1) holds weight t*CW + 4s + 2j + h: every
 * lane of a column group agrees, and the 16 slots of step s cover 16
 * distinct k. The mma_* functions state that; the kernel is written with
 * them.
 *
 * Usable from C and CUDA. */
#ifndef MMA_LAYOUT_H
#define MMA_LAYOUT_H

#ifdef __CUDACC__
#define MMA_FN __host__ __device__ static inline
#else
#define MMA_FN static inline
#endif

enum { MMA_M = 16, MMA_N = 8, MMA_K = 16, MMA_LANES = 32 };

/* --- the hardware's fragments --------------------------------------- */
MMA_FN int ptx_a_row(int lane, int reg) { return lane / 4 + 8 * (reg & 1); }
MMA_FN int ptx_a_col(int lane, int reg, int half) { return 2 * (lane % 4) + half + 8 * (reg >> 1); }
MMA_FN int ptx_b_row(int lane, int reg, int half) { return 2 * (lane % 4) + half + 8 * reg; }
MMA_FN int ptx_b_col(int lane) { return lane / 4; }
MMA_FN int ptx_c_row(int lane, int i) { return lane / 4 + 8 * (i >> 1); }
MMA_FN int ptx_c_col(int lane, int i) { return 2 * (lane % 4) + (i & 1); }

/* --- our choice of k order ------------------------------------------ */
/* The 16-byte chunk of each row a lane reads in a super-step. */
MMA_FN int mma_lane_chunk(int lane) { return lane % 4; }
/* The weight pair (within that chunk) in A register reg at mma step s. */
MMA_FN int mma_a_pair(int step, int reg) { return 2 * step + (reg >> 1); }
/* Which of the lane's two rows (0: g, 1: g + 8) A register reg holds. */
MMA_FN int mma_a_row_half(int reg) { return reg & 1; }
/* The activation pair (within the lane's chunk) in B register reg. */
MMA_FN int mma_b_pair(int step, int reg) { return 2 * step + reg; }

#endif
