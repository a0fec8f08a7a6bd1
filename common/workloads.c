#include "workloads.h"

#include <string.h>

#define WORKLOAD_X_ROW(name, unit, memory, fn, what) {name, unit, memory, fn, what},
static const workload workload_table[] = {WORKLOADS(WORKLOAD_X_ROW)};
#undef WORKLOAD_X_ROW

enum { FP16_BYTES = 2, FP32_BYTES = 4 };

int workload_count_gemv(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out)
{
    const weight_format *f = weight_format_find(format);
    if (f == NULL || batch == 0 || !weight_format_shape_ok(f, n, k))
        return -1;
    uint64_t activations = weight_format_activation_bytes(f, k, batch);
    uint64_t outputs = FP16_BYTES * n * batch;
    out->bytes = weight_format_matrix_bytes(f, n, k) + activations + outputs;
    out->flop = 2 * n * k * batch;
    return 0;
}

int workload_count_stream_read(const char *format, uint64_t n, uint64_t k, uint64_t batch,
                               workload_count *out)
{
    if (strcmp(format, "fp32") != 0 || n == 0 || k != 1 || batch != 1)
        return -1;
    out->bytes = FP32_BYTES * n;
    out->flop = n;
    return 0;
}

/* n elements read k times over: the bytes come from L2 (workloads.h). */
int workload_count_stream_read_l2(const char *format, uint64_t n, uint64_t k, uint64_t batch,
                                  workload_count *out)
{
    if (strcmp(format, "fp32") != 0 || n == 0 || k == 0 || batch != 1)
        return -1;
    out->bytes = FP32_BYTES * n * k;
    out->flop = n * k;
    return 0;
}

enum { INT8_BYTES = 1, INT32_BYTES = 4 };

int workload_count_gemm_int8(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out)
{
    if (strcmp(format, "int8") != 0 || n == 0 || k == 0 || batch == 0)
        return -1;
    out->bytes = INT8_BYTES * n * k + INT8_BYTES * k * batch + INT32_BYTES * n * batch;
    out->flop = 2 * n * k * batch;
    return 0;
}

/* Streams over n doubles moving `per_element` bytes and flop each. */
static int count_stream_fp64(const char *format, uint64_t n, uint64_t k, uint64_t batch, uint64_t bytes_each,
                             uint64_t flop_each, workload_count *out)
{
    if (strcmp(format, "fp64") != 0 || n == 0 || k != 1 || batch != 1)
        return -1;
    out->bytes = bytes_each * n;
    out->flop = flop_each * n;
    return 0;
}

int workload_count_stream_copy(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out)
{
    return count_stream_fp64(format, n, k, batch, 16, 0, out);
}

int workload_count_stream_triad(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out)
{
    return count_stream_fp64(format, n, k, batch, 24, 2, out);
}

int workload_count_intensity(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out)
{
    if (strcmp(format, "fp32") != 0 || n == 0 || k == 0 || batch != 1)
        return -1;
    out->bytes = 4 * n;
    out->flop = 2 * n * k;
    return 0;
}

/* n threads, k steps each, ops_per_step per step, 4 bytes written a thread. */
static int count_peak(const char *format, const char *want, uint64_t n, uint64_t k, uint64_t batch,
                      uint64_t ops_per_step, workload_count *out)
{
    if (strcmp(format, want) != 0 || n == 0 || k == 0 || batch != 1)
        return -1;
    out->bytes = 4 * n;
    out->flop = ops_per_step * n * k;
    return 0;
}

int workload_count_fma_fp32(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out)
{
    return count_peak(format, "fp32", n, k, batch, 2, out);
}

int workload_count_hfma2(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out)
{
    return count_peak(format, "fp16", n, k, batch, 4, out);
}

int workload_count_dp4a(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out)
{
    return count_peak(format, "int8", n, k, batch, 8, out);
}

int workload_count_decode_step(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out)
{
    (void)format, (void)n, (void)k, (void)batch, (void)out;
    return -1;
}

const workload *workload_find(const char *name)
{
    for (size_t i = 0; i < sizeof workload_table / sizeof workload_table[0]; i++)
        if (strcmp(workload_table[i].name, name) == 0)
            return &workload_table[i];
    return NULL;
}

const char *workload_memory_name(workload_memory m)
{
    return m == WORKLOAD_L2 ? "l2" : "dram";
}

int workload_is_l2(const char *name)
{
    const workload *w = name != NULL ? workload_find(name) : NULL;
    return w != NULL && w->memory == WORKLOAD_L2;
}

int workload_count_case(const char *kernel, const char *format, uint64_t n, uint64_t k,
                        uint64_t batch, workload_count *out)
{
    const workload *w = workload_find(kernel);
    /* Every rule is below 32*n*k*batch (gemv: 16-bit weights, activations,
     * outputs; peaks: 8 ops a step; int8 GEMM: 6nkb): refuse shapes whose counts would wrap
     * around 2^64 instead of returning a wrapped count. */
    double size = (double)(n ? n : 1) * (double)(k ? k : 1) * (double)(batch ? batch : 1) * 32.0;
    if (w == NULL || size >= 18446744073709551616.0)
        return -1;
    return w->count(format, n, k, batch, out);
}
