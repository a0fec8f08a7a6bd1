/* Error statistics per group (model/error_stats.c) and the seed's hypotheses
 * (model/hypotheses.c) on hand-made cases; every expected value is worked
 * out in the comment above its test. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "../model/error_stats.h"
#include "../model/hypotheses.h"

#define assert_close(a, b) assert_true(fabs((double)(a) - (double)(b)) <= 1e-9 * fmax(1.0, fabs((double)(b))))

/* A case of run r on device D: in the error statistics unless changed. */
static model_case mk(const char *format, uint64_t n, uint64_t batch, roofline_bound bound, double t,
                     double t_ds, double t_ms)
{
    model_case c;
    memset(&c, 0, sizeof c);
    c.run_id = "r";
    c.device = "D";
    c.kernel = "gemv";
    c.format = format;
    c.unit = "cuda_fp32";
    c.n = c.k = n;
    c.batch = batch;
    c.bytes = 1e6;
    c.flop = 1e6;
    c.time_us = t;
    c.energy_uj = NAN;
    c.working_set_bytes = 100;
    c.l2_bytes = 1;
    c.check_ok = 1;
    c.bound = bound;
    c.t_pred_datasheet_us = t_ds;
    c.bw_measured_gbs = 1;
    c.t_pred_measured_us = t_ms;
    return c;
}

/* Errors (datasheet / measured / measured + floor 1 us), %:
 *   1 fp16  1024 memory  t 4   ds 2 -> -50  ms 3   -> -25  floor 4   ->   0
 *   2 w8a16 1024 memory  t 2   ds 1 -> -50  ms 1.5 -> -25  floor 2.5 -> +25
 *   3 fp16  2048 memory  t 10  ds 8 -> -20  ms 9   -> -10  floor 10  ->   0
 *   4 w8a16 2048 memory  t 5   ds 4 -> -20  ms 4.5 -> -10  floor 5.5 -> +10
 *   5 fp16  1024 compute t 10  ds 5 -> -50  ms 5   -> -50  floor 6   -> -40
 * plus rows that must not count: a stream_read, an L2-resident case, another run.
 *   all:           ds {20,20,50,50,50} median 50 max 50; ms {10,10,25,25,50} 25 / 50;
 *                  floor {0,0,10,25,40} 10 / 40
 *   bound=memory:  ds {20,20,50,50} 35 / 50; ms 17.5 / 25; floor {0,0,10,25} 5 / 25
 *   bound=compute: 50 / 50, 50 / 50, 40 / 40
 *   format=fp16 (memory rows 1, 3): ds 35; ms 17.5; floor {0,0} 0
 *   format=w8a16 (rows 2, 4): floor {10,25} 17.5 / 25 */
static void groups_by_hand(void **state)
{
    (void)state;
    model_case c[8];
    c[0] = mk("fp16", 1024, 1, ROOFLINE_MEMORY, 4, 2, 3);
    c[1] = mk("w8a16", 1024, 1, ROOFLINE_MEMORY, 2, 1, 1.5);
    c[2] = mk("fp16", 2048, 1, ROOFLINE_MEMORY, 10, 8, 9);
    c[3] = mk("w8a16", 2048, 1, ROOFLINE_MEMORY, 5, 4, 4.5);
    c[4] = mk("fp16", 1024, 4, ROOFLINE_COMPUTE, 10, 5, 5);
    c[5] = mk("fp32", 1, 1, ROOFLINE_MEMORY, 1, 9, 9);
    c[5].kernel = "stream_read";
    c[5].sets_ceiling = 1;
    c[6] = mk("fp16", 64, 1, ROOFLINE_MEMORY, 1, 9, 9);
    c[6].working_set_bytes = 3; /* < 4 x L2 */
    c[7] = mk("fp16", 64, 1, ROOFLINE_MEMORY, 1, 9, 9);
    c[7].run_id = "other";
    run_fit f = {.run_id = "r", .device = "D", .floor_us = 1.0};
    err_groups g;
    assert_int_equal(err_groups_collect(&g, c, 8, &f), 0);
    assert_int_equal(g.count, 6);
    static const char *const order[] = {"all", "bound=memory", "bound=compute", "format=fp16",
                                        "format=w8a16", "kernel=gemv"};
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(g.groups[i].subject, order[i]);
    const err_group *all = err_groups_find(&g, "all");
    assert_int_equal(all->rows, 5);
    assert_close(all->stat[ERR_DATASHEET].median, 50);
    assert_close(all->stat[ERR_MEASURED].median, 25);
    assert_close(all->stat[ERR_MEASURED].max, 50);
    assert_close(all->stat[ERR_MEASURED_FLOOR].median, 10);
    assert_close(all->stat[ERR_MEASURED_FLOOR].max, 40);
    const err_group *mem = err_groups_find(&g, "bound=memory");
    assert_int_equal(mem->rows, 4);
    assert_close(mem->stat[ERR_DATASHEET].median, 35);
    assert_close(mem->stat[ERR_MEASURED].median, 17.5);
    assert_close(mem->stat[ERR_MEASURED_FLOOR].median, 5);
    assert_close(mem->stat[ERR_MEASURED_FLOOR].max, 25);
    assert_close(err_groups_find(&g, "bound=compute")->stat[ERR_MEASURED_FLOOR].median, 40);
    assert_close(err_groups_find(&g, "format=fp16")->stat[ERR_MEASURED_FLOOR].max, 0);
    assert_close(err_groups_find(&g, "format=w8a16")->stat[ERR_MEASURED_FLOOR].median, 17.5);
    assert_null(err_groups_find(&g, "format=fp32"));
    err_groups_free(&g);
}

/* Without a floor (NaN) or a ceiling, those statistics have no rows. */
static void missing_predictions_have_no_rows(void **state)
{
    (void)state;
    model_case c[2] = {mk("fp16", 1024, 1, ROOFLINE_MEMORY, 4, 2, NAN),
                       mk("fp16", 2048, 1, ROOFLINE_MEMORY, 4, 2, NAN)};
    run_fit f = {.run_id = "r", .device = "D", .floor_us = NAN};
    err_groups g;
    assert_int_equal(err_groups_collect(&g, c, 2, &f), 0);
    const err_group *all = err_groups_find(&g, "all");
    assert_int_equal(all->stat[ERR_DATASHEET].n, 2);
    assert_int_equal(all->stat[ERR_MEASURED].n, 0);
    assert_true(isnan(all->stat[ERR_MEASURED].median));
    assert_int_equal(all->stat[ERR_MEASURED_FLOOR].n, 0);
    err_groups_free(&g);
    double none[1];
    abs_err_stat s;
    abs_err_stat_of(none, 0, &s);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.median) && isnan(s.max));
}

static const hypothesis *find_hypothesis(const char *format)
{
    for (size_t i = 0; i < SEED_HYPOTHESIS_COUNT; i++)
        if (strcmp(SEED_HYPOTHESIS_TABLE[i].format, format) == 0)
            return &SEED_HYPOTHESIS_TABLE[i];
    fail_msg("no hypothesis for %s", format);
    return NULL;
}

/* gemv batch 1, times (us):    fp16   w8a16  w4a16_g128  w2a16_g64
 *   1024 x 1024                4      2
 *   2048 x 2048                10     6      2.5         1.25
 * plus a larger fp16 batch-2 row and a larger cuBLAS pair, which must not count.
 *   int8: 1024 -> 2.0x, 2048 -> 10/6 = 1.667x; the largest shape (2048) judges:
 *         short (< 1.8); median of the two 1.8333; bytes 8e6/4e6 = 2;
 *         predicted with ceiling times 8 and 4 us and floor 2: 10/6 = 1.667
 *   int4: 10/2.5 = 4.0x at 2048: holds (the range 3-4 is closed)
 *   int2: 10/1.25 = 8.0x: exceeds 7.04 */
static void hypotheses_by_hand(void **state)
{
    (void)state;
    model_case c[9];
    c[0] = mk("fp16", 1024, 1, ROOFLINE_MEMORY, 4, 1, 1);
    c[1] = mk("w8a16", 1024, 1, ROOFLINE_MEMORY, 2, 1, 1);
    c[2] = mk("fp16", 2048, 1, ROOFLINE_MEMORY, 10, 1, 8);
    c[2].bytes = 8e6;
    c[3] = mk("w8a16", 2048, 1, ROOFLINE_MEMORY, 6, 1, 4);
    c[3].bytes = 4e6;
    c[4] = mk("w4a16_g128", 2048, 1, ROOFLINE_MEMORY, 2.5, 1, 1);
    c[5] = mk("w2a16_g64", 2048, 1, ROOFLINE_MEMORY, 1.25, 1, 1);
    c[6] = mk("fp16", 4096, 2, ROOFLINE_MEMORY, 20, 1, 1);
    c[7] = mk("w8a16", 4096, 2, ROOFLINE_MEMORY, 1, 1, 1);
    c[8] = mk("w8a16", 8192, 1, ROOFLINE_MEMORY, 1, 1, 1);
    c[8].kernel = "gemv_cublas";
    run_fit f = {.run_id = "r", .device = "D", .floor_us = 2.0};
    hypothesis_result r;
    assert_int_equal(hypothesis_judge(find_hypothesis("w8a16"), c, 9, &f, &r), 0);
    assert_int_equal(r.shapes, 2);
    assert_true(r.n == 2048 && r.k == 2048);
    assert_close(r.speedup_measured, 10.0 / 6.0);
    assert_close(r.speedup_median, (2.0 + 10.0 / 6.0) / 2.0);
    assert_close(r.speedup_bytes, 2.0);
    assert_close(r.speedup_pred_floor, 10.0 / 6.0);
    assert_string_equal(r.verdict, "short");
    assert_int_equal(hypothesis_judge(find_hypothesis("w4a16_g128"), c, 9, &f, &r), 0);
    assert_close(r.speedup_measured, 4.0);
    assert_string_equal(r.verdict, "holds");
    assert_int_equal(hypothesis_judge(find_hypothesis("w2a16_g64"), c, 9, &f, &r), 0);
    assert_string_equal(r.verdict, "exceeds");
    /* another run has none of these rows: nothing to judge */
    run_fit other = {.run_id = "x", .device = "D", .floor_us = NAN};
    assert_int_equal(hypothesis_judge(find_hypothesis("w8a16"), c, 9, &other, &r), 0);
    assert_int_equal(r.shapes, 0);
    assert_null(r.verdict);
    assert_true(isnan(r.speedup_measured));
}

static void verdict_edges(void **state)
{
    (void)state;
    const hypothesis *h = find_hypothesis("w8a16"); /* 1.8 - 2.2 */
    assert_string_equal(hypothesis_verdict(h, 1.8), "holds");
    assert_string_equal(hypothesis_verdict(h, 2.2), "holds");
    assert_string_equal(hypothesis_verdict(h, 1.79), "short");
    assert_string_equal(hypothesis_verdict(h, 2.21), "exceeds");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(groups_by_hand),
        cmocka_unit_test(missing_predictions_have_no_rows),
        cmocka_unit_test(hypotheses_by_hand),
        cmocka_unit_test(verdict_edges),
    };
    return cmocka_run_group_tests_name("model_stats", tests, NULL, NULL);
}
