#include "case_list.h"

#include <stdio.h>
#include <string.h>

#include "case_gemv.h"
#include "case_stream.h"

static const struct {
    const char *kernel;
    case_run_fn run;
} runners[] = {
    {"stream_read", case_stream_run},
    {"gemv", case_gemv_run},
};

/* GEMV shapes (n output rows x k): squares across the sizes that decide
 * whether launch cost or bandwidth dominates, then the projections of
 * 7B/8B and 1.1B models (Llama-2-7B, Llama-3-8B/Mistral-7B, TinyLlama). */
static const struct {
    unsigned n, k;
    int quick;
} gemv_shapes[] = {
    {2048, 2048, 0},   {4096, 4096, 1},   {8192, 8192, 1},   {16384, 16384, 0},
    {11008, 4096, 0},  {4096, 11008, 0},  {14336, 4096, 0},  {4096, 14336, 0},
    {5632, 2048, 0},   {2048, 5632, 0},
};

/* Check-only shapes: small, with ragged sizes that exercise the tails. */
static const struct {
    unsigned n, k;
} gemv_check_shapes[] = {{1000, 1032}, {7, 8}, {4096, 4096}};

case_run_fn case_list_runner(const char *kernel)
{
    for (size_t i = 0; i < sizeof runners / sizeof runners[0]; i++)
        if (strcmp(runners[i].kernel, kernel) == 0)
            return runners[i].run;
    return NULL;
}

static size_t add(case_shape *shapes, size_t count, size_t max, case_shape s)
{
    if (count < max)
        shapes[count] = s;
    return count + 1;
}

size_t case_list_build(case_set set, const run_context *ctx, case_shape *shapes, size_t max)
{
    size_t count = 0;
    uint64_t stream_n = set == CASES_CHECK ? (1u << 24) : case_stream_elements(ctx);
    count = add(shapes, count, max, (case_shape){"stream_read", "fp32", stream_n, 1, 1});
    if (set == CASES_CHECK) {
        for (size_t i = 0; i < sizeof gemv_check_shapes / sizeof gemv_check_shapes[0]; i++)
            count = add(shapes, count, max,
                        (case_shape){"gemv", "fp16", gemv_check_shapes[i].n, gemv_check_shapes[i].k, 1});
        return count < max ? count : max;
    }
    for (size_t i = 0; i < sizeof gemv_shapes / sizeof gemv_shapes[0]; i++)
        if (set == CASES_FULL || gemv_shapes[i].quick)
            count = add(shapes, count, max, (case_shape){"gemv", "fp16", gemv_shapes[i].n, gemv_shapes[i].k, 1});
    return count < max ? count : max;
}

void case_shape_label(const case_shape *shape, char *out, size_t len)
{
    snprintf(out, len, "%s/%s/%llux%llu/b%llu", shape->kernel, shape->format,
             (unsigned long long)shape->n, (unsigned long long)shape->k,
             (unsigned long long)shape->batch);
}
