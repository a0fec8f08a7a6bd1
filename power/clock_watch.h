/* clock_watch: what the SM clock did while a case ran, and whether the
 * case should be flagged.
 *
 * measure reads the clock (and the clock event reasons) in every batch of
 * a case's energy loop while the device is busy, and folds the readings
 * in here. A case is flagged when its clock moved by more than one NVML
 * clock step (15 MHz on Hopper) or a reason says the card held its clocks
 * down (power cap, thermal or hardware slowdown): its time was not taken
 * at one frequency. Pure C, no device: unit-tested. */
#ifndef CLOCK_WATCH_H
#define CLOCK_WATCH_H

#include <stdint.h>

#include "power_source.h"

/* NVML clock event reasons that mean clocks were held down: SW power cap
 * 0x4, HW slowdown 0x8, SW thermal 0x20, HW thermal 0x40, power brake 0x80
 * (nvml.h's nvmlClocksEventReason* bits). Idle (0x1) and sync boost (0x10)
 * are not throttling. */
#define CLOCK_WATCH_THROTTLE_REASONS (0x4ull | 0x8ull | 0x20ull | 0x40ull | 0x80ull)

/* One clock step of NVML's SM clock table on recent GPUs, MHz. */
#define CLOCK_WATCH_STEP_MHZ 15.0

typedef struct clock_watch {
    int readings;            /* SM clock readings folded in */
    double sm_min_mhz, sm_max_mhz;
    int reasons_valid;       /* at least one reasons reading */
    uint64_t reasons;        /* OR of every reading */
} clock_watch;

void clock_watch_init(clock_watch *cw);

/* Folds one reading in; not-reported parts are skipped, never taken as 0. */
void clock_watch_add(clock_watch *cw, power_reading sm_mhz, int reasons_valid, uint64_t reasons);

/* 1 when reasons say the card throttled. */
int clock_watch_throttled(const clock_watch *cw);

/* 1 when the clock moved by more than a step or the card throttled;
 * 0 when neither; -1 when nothing was read (not known). */
int clock_watch_changed(const clock_watch *cw);

#endif
