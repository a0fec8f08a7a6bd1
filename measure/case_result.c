#include "case_result.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workloads.h"

/* The decode step's own columns: tokens/s and energy per token of the
 * whole model, scaled by bytes where only some layers fit. */
static void fill_decode_cells(const case_shape *shape, const case_result *res, csv_row *row)
{
    const decode_info *d = &res->decode;
    const double step_us = res->times.median_us * d->full_model_scale;
    csv_row_set_count(row, RAW_COL_n, d->layers_run); /* the shape asked for all of them */
    csv_row_set_text(row, RAW_COL_llm, d->llm);
    csv_row_set_count(row, RAW_COL_llm_layers, d->llm_layers);
    csv_row_set_count(row, RAW_COL_launches, d->launches);
    csv_row_set_text(row, RAW_COL_launch_scheme, d->scheme);
    if (step_us > 0.0)
        csv_row_set_real(row, RAW_COL_tokens_per_s, (double)shape->batch * 1e6 / step_us);
    if (res->energy_valid)
        csv_row_set_real(row, RAW_COL_energy_uj_per_token,
                         res->energy_uj * d->full_model_scale / (double)shape->batch);
}

/* gemv_issue: weights a second, and per SM and clock cycle (the SM clock
 * read during the energy loop, device busy; without it that cell stays
 * empty). */
static void fill_issue_cells(const run_context *ctx, const case_shape *shape, const case_result *res, csv_row *row)
{
    if (!(res->times.median_us > 0.0))
        return;
    const double weights_per_s = (double)shape->n * (double)shape->k / (res->times.median_us * 1e-6);
    csv_row_set_real(row, RAW_COL_weights_per_s, weights_per_s);
    if (res->clocks.sm_mhz.valid && res->clocks.sm_mhz.value > 0.0 && ctx->sm_count > 0)
        csv_row_set_real(row, RAW_COL_weights_per_sm_cycle,
                         weights_per_s / ((double)ctx->sm_count * res->clocks.sm_mhz.value * 1e6));
}

int case_result_fill_row(const run_context *ctx, const case_shape *shape, const case_result *res,
                         csv_row *row, rl_error *err)
{
    workload_count count = {res->bytes, res->flop};
    if (!res->counted &&
        workload_count_case(shape->kernel, shape->format, shape->n, shape->k, shape->batch, &count) != 0)
        return rl_error_set(err, "internal: no counting rule for %s/%s n=%llu k=%llu", shape->kernel,
                            shape->format, (unsigned long long)shape->n, (unsigned long long)shape->k);
    csv_row_clear(row);
    /* only weight-format GEMV rows carry a quantization error */
    int weights = strncmp(shape->kernel, "gemv", 4) == 0 || strncmp(shape->kernel, "gemm", 4) == 0;
    run_context_fill_row(ctx, weights ? shape->format : NULL, row);
    csv_row_set_text(row, RAW_COL_kernel, shape->kernel);
    csv_row_set_text(row, RAW_COL_format, shape->format);
    csv_row_set_count(row, RAW_COL_n, shape->n);
    csv_row_set_count(row, RAW_COL_k, shape->k);
    csv_row_set_count(row, RAW_COL_batch, shape->batch);
    csv_row_set_count(row, RAW_COL_bytes, count.bytes);
    csv_row_set_count(row, RAW_COL_flop, count.flop);
    csv_row_set_real(row, RAW_COL_time_us_median, res->times.median_us);
    csv_row_set_real(row, RAW_COL_time_us_min, res->times.min_us);
    csv_row_set_real(row, RAW_COL_time_us_p90, res->times.p90_us);
    csv_row_set_count(row, RAW_COL_reps, res->times.reps);
    csv_row_set_count(row, RAW_COL_working_set_bytes, res->working_set_bytes);
    csv_row_set_text(row, RAW_COL_check, res->check_ok ? "ok" : "wrong");
    if (res->kernel_unit != NULL)
        csv_row_set_text(row, RAW_COL_kernel_unit, res->kernel_unit);
    if (res->error_finite)
        csv_row_set_real(row, RAW_COL_max_rel_err, res->max_rel_err);
    if (res->energy_valid) {
        csv_row_set_real(row, RAW_COL_energy_uj, res->energy_uj);
        csv_row_set_real(row, RAW_COL_power_w_avg, res->power_w);
        char rails[RAIL_CELL_MAX * (RAIL_CELL_NAME_MAX + 16)];
        if (res->nrails > 0 && rail_cell_format(res->rails, res->nrails, rails, sizeof rails) == 0)
            csv_row_set_text(row, RAW_COL_rails_power_w_avg, rails);
        if (res->samples_counted) {
            csv_row_set_count(row, RAW_COL_energy_samples, res->energy_samples);
            csv_row_set_real(row, RAW_COL_energy_sample_rate_hz, res->energy_sample_rate_hz);
        }
    }
    if (res->clocks.sm_mhz.valid)
        csv_row_set_real(row, RAW_COL_sm_clock_mhz, res->clocks.sm_mhz.value);
    if (res->clocks.mem_mhz.valid)
        csv_row_set_real(row, RAW_COL_mem_clock_mhz, res->clocks.mem_mhz.value);
    const clock_watch *cw = &res->watch;
    if (cw->reasons_valid) {
        char hex[24];
        snprintf(hex, sizeof hex, "0x%llx", (unsigned long long)cw->reasons);
        csv_row_set_text(row, RAW_COL_clock_event_reasons, hex);
        csv_row_set_text(row, RAW_COL_throttled, clock_watch_throttled(cw) ? "yes" : "no");
    }
    if (cw->readings > 0) {
        csv_row_set_real(row, RAW_COL_sm_clock_mhz_min, cw->sm_min_mhz);
        csv_row_set_real(row, RAW_COL_sm_clock_mhz_max, cw->sm_max_mhz);
    }
    int changed = clock_watch_changed(cw);
    if (changed >= 0)
        csv_row_set_text(row, RAW_COL_clocks_changed, changed ? "yes" : "no");
    if (res->decode.llm != NULL)
        fill_decode_cells(shape, res, row);
    if (strcmp(shape->kernel, "gemv_issue") == 0)
        fill_issue_cells(ctx, shape, res, row);
    return 0;
}

int case_break_requested(const case_shape *shape)
{
    const char *want = getenv("RL_TEST_BREAK_KERNEL");
    size_t len = strlen(shape->kernel);
    return want != NULL && strncmp(want, shape->kernel, len) == 0 && want[len] == '/' &&
           strcmp(want + len + 1, shape->format) == 0;
}

void case_result_init(case_result *res)
{
    memset(res, 0, sizeof *res); /* clocks and energy: not reported */
    res->error_finite = 1;
    clock_watch_init(&res->watch);
}

void case_result_add_error(case_result *res, double y, double ref, double scale)
{
    double e = fabs(y - ref) / (scale > 0.0 ? scale : 1.0);
    if (!isfinite(e)) {
        res->error_finite = 0;
        return;
    }
    if (e > res->max_rel_err)
        res->max_rel_err = e;
}

uint64_t case_rotation_count(uint64_t bytes_each, uint64_t cold_bytes)
{
    uint64_t count = bytes_each ? (cold_bytes + bytes_each - 1) / bytes_each : 1;
    return count < 2 ? 2 : count;
}
