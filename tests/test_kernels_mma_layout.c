/* The tensor-core GEMV's register layout (kernels/mma_layout.h), emulated
 * on the CPU: each lane's registers are filled the way gemv_mma.cu fills
 * them, read back the way the PTX ISA says mma.m16n8k16 reads them, and
 * the product compared with the plain sum over k. Integer-valued data, so
 * the comparison is exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mma_layout.h"
#include "rng.h"

enum { MAX_CW = 64, MAX_KS = 4 * MAX_CW };

/* One super-step of 16 rows and 8 columns with chunk width cw (weights per
 * 16-byte chunk: 8 for fp16, 16 int8, 32 int4, 64 int2). */
static void check_super_step(int cw, uint64_t seed)
{
    const int ks = 4 * cw, steps = cw / 4;
    static double w[MMA_M][MAX_KS], x[MMA_N][MAX_KS];
    rng r;
    rng_seed(&r, seed);
    for (int i = 0; i < MMA_M; i++)
        for (int k = 0; k < ks; k++)
            w[i][k] = (double)(rng_next_u64(&r) % 17) - 8.0;
    for (int j = 0; j < MMA_N; j++)
        for (int k = 0; k < ks; k++)
            x[j][k] = (double)(rng_next_u64(&r) % 9) - 4.0;

    double c[MMA_M][MMA_N] = {{0}};
    int k_seen[MAX_KS] = {0};
    for (int s = 0; s < steps; s++) {
        /* what the hardware sees, and which k each A and B cell came from */
        double a[MMA_M][MMA_K], b[MMA_K][MMA_N];
        int ka[MMA_M][MMA_K], kb[MMA_K][MMA_N];
        memset(ka, -1, sizeof ka);
        memset(kb, -1, sizeof kb);
        for (int lane = 0; lane < MMA_LANES; lane++) {
            const int chunk0 = mma_lane_chunk(lane) * cw;
            for (int reg = 0; reg < 4; reg++)
                for (int h = 0; h < 2; h++) {
                    /* the kernel: row g or g + 8 of the tile, weight pair mma_a_pair */
                    const int row = ptx_a_row(lane, mma_a_row_half(reg));
                    const int k = chunk0 + 2 * mma_a_pair(s, reg) + h;
                    /* the hardware */
                    const int hr = ptx_a_row(lane, reg), hc = ptx_a_col(lane, reg, h);
                    assert_int_equal(row, hr);
                    assert_int_equal(ka[hr][hc], -1); /* each cell written once */
                    ka[hr][hc] = k;
                    a[hr][hc] = w[row][k];
                }
            for (int reg = 0; reg < 2; reg++)
                for (int h = 0; h < 2; h++) {
                    const int col = ptx_b_col(lane);
                    const int k = chunk0 + 2 * mma_b_pair(s, reg) + h;
                    const int hr = ptx_b_row(lane, reg, h);
                    if (kb[hr][col] != -1)
                        fail_msg("B[%d][%d] written twice", hr, col);
                    kb[hr][col] = k;
                    b[hr][col] = x[col][k];
                }
        }
        /* one k per K slot, the same in A and B, and no k twice in a step */
        int used[MAX_KS] = {0};
        for (int slot = 0; slot < MMA_K; slot++) {
            const int k = ka[0][slot];
            assert_true(k >= 0 && k < ks);
            for (int i = 0; i < MMA_M; i++)
                assert_int_equal(ka[i][slot], k);
            for (int j = 0; j < MMA_N; j++)
                assert_int_equal(kb[slot][j], k);
            assert_int_equal(used[k]++, 0);
            k_seen[k]++;
        }
        /* the mma */
        for (int i = 0; i < MMA_M; i++)
            for (int j = 0; j < MMA_N; j++)
                for (int slot = 0; slot < MMA_K; slot++)
                    c[i][j] += a[i][slot] * b[slot][j];
    }
    for (int k = 0; k < ks; k++)
        assert_int_equal(k_seen[k], 1); /* every k of the super-step exactly once */
    for (int i = 0; i < MMA_M; i++)
        for (int j = 0; j < MMA_N; j++) {
            double ref = 0.0;
            for (int k = 0; k < ks; k++)
                ref += w[i][k] * x[j][k];
            assert_true(c[i][j] == ref);
        }
}

static void fp16_chunks(void **state)
{
    (void)state;
    check_super_step(8, 1);
}

static void int8_chunks(void **state)
{
    (void)state;
    check_super_step(16, 2);
}

static void int4_chunks(void **state)
{
    (void)state;
    check_super_step(32, 3);
}

static void int2_chunks(void **state)
{
    (void)state;
    check_super_step(64, 4);
}

/* C's fragment covers the 16 x 8 tile once: the store writes every output. */
static void c_fragment_covers_tile(void **state)
{
    (void)state;
    int seen[MMA_M][MMA_N] = {{0}};
    for (int lane = 0; lane < MMA_LANES; lane++)
        for (int v = 0; v < 4; v++)
            seen[ptx_c_row(lane, v)][ptx_c_col(lane, v)]++;
    for (int i = 0; i < MMA_M; i++)
        for (int j = 0; j < MMA_N; j++)
            assert_int_equal(seen[i][j], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fp16_chunks),  cmocka_unit_test(int8_chunks),
        cmocka_unit_test(int4_chunks),  cmocka_unit_test(int2_chunks),
        cmocka_unit_test(c_fragment_covers_tile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
