/* case_energy: energy per call of a case, from a sustained loop of the same
 * launches the timing used (power/energy_meter.h: at least 500 ms between
 * two ticks of the sensor's counter, and at least 50 samples of a sensor
 * that counts them, weights still rotating over >= 4x L2). */
#ifndef CASE_ENERGY_H
#define CASE_ENERGY_H

#include "case_result.h"

/* call_us: the measured median, to size batches of about 5 ms; min_ms:
 * the shortest loop (0: the meter's 500 ms). Leaves res->energy_valid = 0
 * when the run has no energy sensor. */
int case_energy_measure(const run_context *ctx, timed_launch_fn launch, void *state, double call_us,
                        double min_ms, case_result *res, rl_error *err);

/* What every case does after its check passed: time the calls, then (with
 * opt->energy) measure their energy; nothing in check-only mode. */
int case_time_and_energy(const run_context *ctx, const case_options *opt, timed_launch_fn launch, void *state,
                         case_result *res, rl_error *err);

#endif
