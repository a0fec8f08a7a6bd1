#include "run_context.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cuda_check.h"

#include "git_commit.h"

static void version_text(int v, char *out, size_t len)
{
    snprintf(out, len, "%d.%d", v / 1000, (v % 1000) / 10);
}

int run_context_init(run_context *ctx, int ordinal, rl_error *err)
{
    memset(ctx, 0, sizeof *ctx);
    int count = 0;
    CUDA_TRY(err, cudaGetDeviceCount(&count));
    if (ordinal < 0 || ordinal >= count)
        return rl_error_set(err, "no CUDA device %d (this machine has %d)", ordinal, count);
    ctx->ordinal = ordinal;
    CUDA_TRY(err, cudaSetDevice(ordinal));
    struct cudaDeviceProp prop;
    CUDA_TRY(err, cudaGetDeviceProperties(&prop, ordinal));
    snprintf(ctx->device, sizeof ctx->device, "%s", prop.name);
    ctx->sm_count = prop.multiProcessorCount;
    ctx->l2_bytes = (size_t)prop.l2CacheSize;
    ctx->memory_bytes = prop.totalGlobalMem;
    int v = 0;
    CUDA_TRY(err, cudaRuntimeGetVersion(&v));
    version_text(v, ctx->cuda_runtime, sizeof ctx->cuda_runtime);
    CUDA_TRY(err, cudaDriverGetVersion(&v));
    version_text(v, ctx->cuda_driver, sizeof ctx->cuda_driver);
    CUDA_TRY(err, cudaStreamCreateWithFlags(&ctx->stream, cudaStreamNonBlocking));

    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ctx->timestamp_utc, sizeof ctx->timestamp_utc, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char stamp[20];
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(ctx->run_id, sizeof ctx->run_id, "%s-%ld", stamp, (long)getpid());
    return 0;
}

void run_context_finish(run_context *ctx)
{
    if (ctx->stream != NULL)
        cudaStreamDestroy(ctx->stream);
    ctx->stream = NULL;
}

void run_context_fill_row(const run_context *ctx, csv_row *row)
{
    csv_row_set_text(row, RAW_COL_run_id, ctx->run_id);
    csv_row_set_text(row, RAW_COL_timestamp_utc, ctx->timestamp_utc);
    csv_row_set_text(row, RAW_COL_device, ctx->device);
    csv_row_set_count(row, RAW_COL_sm_count, (uint64_t)ctx->sm_count);
    csv_row_set_count(row, RAW_COL_l2_bytes, ctx->l2_bytes);
    csv_row_set_text(row, RAW_COL_cuda_runtime, ctx->cuda_runtime);
    csv_row_set_text(row, RAW_COL_cuda_driver, ctx->cuda_driver);
    csv_row_set_text(row, RAW_COL_git_commit, GIT_COMMIT);
    /* No power sensor is read yet: say so instead of writing 0. */
    csv_row_set_text(row, RAW_COL_power_source, "none");
}

size_t run_context_cold_bytes(const run_context *ctx)
{
    return 4 * ctx->l2_bytes;
}
