#include "workloads.h"

#include <string.h>

#define WORKLOAD_X_ROW(name, unit, fn, what) {name, unit, fn, what},
static const workload workload_table[] = {WORKLOADS(WORKLOAD_X_ROW)};
#undef WORKLOAD_X_ROW

enum { FP16_BYTES = 2, FP32_BYTES = 4 };

int workload_count_gemv(const char *format, uint64_t n, uint64_t k, uint64_t batch, workload_count *out)
{
    const weight_format *f = weight_format_find(format);
    if (f == NULL || batch == 0 || !weight_format_shape_ok(f, n, k))
        return -1;
    uint64_t activations = FP16_BYTES * k * batch;
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

const workload *workload_find(const char *name)
{
    for (size_t i = 0; i < sizeof workload_table / sizeof workload_table[0]; i++)
        if (strcmp(workload_table[i].name, name) == 0)
            return &workload_table[i];
    return NULL;
}

int workload_count_case(const char *kernel, const char *format, uint64_t n, uint64_t k,
                        uint64_t batch, workload_count *out)
{
    const workload *w = workload_find(kernel);
    return w == NULL ? -1 : w->count(format, n, k, batch, out);
}
