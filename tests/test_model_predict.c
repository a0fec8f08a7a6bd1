/* The roofline arithmetic of model/predict.c against values computed by hand.
 * Units: 1 GB/s = 1e3 bytes/us, 1 GFLOP/s = 1e3 flop/us. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "../model/predict.h"

#define assert_close(a, b) assert_true(fabs((a) - (b)) <= 1e-9 * fmax(1.0, fabs(b)))

/* fp16 GEMV 1024 x 1024, batch 1 (workloads.h counting):
 *   bytes = 2*1024*1024 + 2*1024 + 2*1024 = 2101248
 *   flop  = 2*1024*1024                   = 2097152
 * Ceilings 1000 GB/s and 10000 GFLOP/s:
 *   t_memory  = 2101248 / 1e6 = 2.101248 us
 *   t_compute = 2097152 / 1e7 = 0.2097152 us   -> memory bound, 2.101248 us
 *   intensity = 2097152 / 2101248 = 0.998050682...  */
static void memory_bound_gemv(void **state)
{
    (void)state;
    roofline r;
    assert_int_equal(roofline_predict(2101248, 2097152, 1000, 10000, &r), 0);
    assert_close(r.t_memory_us, 2.101248);
    assert_close(r.t_compute_us, 0.2097152);
    assert_close(r.time_us, 2.101248);
    assert_close(r.intensity_flop_per_byte, 2097152.0 / 2101248.0);
    assert_int_equal(r.bound, ROOFLINE_MEMORY);
    assert_string_equal(roofline_bound_name(r.bound), "memory");
}

/* Same GEMV at batch 64:
 *   bytes = 2*1024*1024 + 2*1024*64 + 2*1024*64 = 2359296
 *   flop  = 2*1024*1024*64 = 134217728
 *   t_memory  = 2359296 / 1e6     = 2.359296 us
 *   t_compute = 134217728 / 1e7   = 13.4217728 us -> compute bound */
static void compute_bound_gemm(void **state)
{
    (void)state;
    roofline r;
    assert_int_equal(roofline_predict(2359296, 134217728, 1000, 10000, &r), 0);
    assert_close(r.time_us, 13.4217728);
    assert_int_equal(r.bound, ROOFLINE_COMPUTE);
    assert_string_equal(roofline_bound_name(r.bound), "compute");
}

/* On the ridge point both times are equal: 1000 B at 1 GB/s = 1 us,
 * 10000 flop at 10 GFLOP/s = 1 us. The tie counts as memory bound. */
static void ridge_point_is_memory_bound(void **state)
{
    (void)state;
    roofline r;
    assert_int_equal(roofline_predict(1000, 10000, 1, 10, &r), 0);
    assert_close(r.t_memory_us, 1.0);
    assert_close(r.t_compute_us, 1.0);
    assert_int_equal(r.bound, ROOFLINE_MEMORY);
}

/* DESIGN.md: cuBLAS fp16 GEMV 8192 x 8192 on an H100 SXM ran 62.0 us.
 *   bytes = 2*8192*8192 + 2*8192 + 2*8192 = 134250496
 *   at 3352 GB/s: 134250496 / 3.352e6 = 40.05086396... us
 *   err = 100 * (40.05086396 - 62.0) / 62.0 = -35.40183...% */
static void h100_gemv_reference(void **state)
{
    (void)state;
    roofline r;
    assert_int_equal(roofline_predict(134250496, 134217728, 3352, 66908.16, &r), 0);
    assert_true(fabs(r.time_us - 40.05086396) < 1e-6);
    assert_true(fabs(roofline_err_pct(r.time_us, 62.0) - (-35.40183232)) < 1e-6);
}

/* err_pct = 100 * (pred - measured) / measured: negative when the model
 * promised a faster call than the hardware gave. */
static void error_sign(void **state)
{
    (void)state;
    assert_close(roofline_err_pct(3.0, 4.0), -25.0);
    assert_close(roofline_err_pct(5.0, 4.0), 25.0);
    assert_close(roofline_err_pct(4.0, 4.0), 0.0);
    assert_true(isnan(roofline_err_pct(1.0, 0.0)));
}

/* 4e6 bytes in 5 us = 8e11 bytes/s = 800 GB/s; 1e6 flop in 5 us = 200 GFLOP/s. */
static void achieved_rates(void **state)
{
    (void)state;
    assert_close(roofline_rate_gbs(4e6, 5.0), 800.0);
    assert_close(roofline_rate_gflops(1e6, 5.0), 200.0);
    assert_true(isnan(roofline_rate_gbs(4e6, 0.0)));
}

static void rejects_what_has_no_roofline(void **state)
{
    (void)state;
    roofline r;
    assert_int_equal(roofline_predict(0, 100, 1000, 1000, &r), -1);   /* no intensity */
    assert_int_equal(roofline_predict(100, 100, 0, 1000, &r), -1);    /* no bandwidth */
    assert_int_equal(roofline_predict(100, 100, 1000, -1, &r), -1);   /* negative peak */
    assert_int_equal(roofline_predict(100, NAN, 1000, 1000, &r), -1); /* not finite */
    assert_int_equal(roofline_predict(100, 0, 1000, 1000, &r), 0);    /* no flop is fine */
    assert_int_equal(r.bound, ROOFLINE_MEMORY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memory_bound_gemv),
        cmocka_unit_test(compute_bound_gemm),
        cmocka_unit_test(ridge_point_is_memory_bound),
        cmocka_unit_test(h100_gemv_reference),
        cmocka_unit_test(error_sign),
        cmocka_unit_test(achieved_rates),
        cmocka_unit_test(rejects_what_has_no_roofline),
    };
    return cmocka_run_group_tests_name("model_predict", tests, NULL, NULL);
}
