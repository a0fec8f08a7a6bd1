#include "clock_watch.h"

void clock_watch_init(clock_watch *cw)
{
    *cw = (clock_watch){0};
}

void clock_watch_add(clock_watch *cw, power_reading sm_mhz, int reasons_valid, uint64_t reasons)
{
    if (sm_mhz.valid) {
        if (cw->readings == 0 || sm_mhz.value < cw->sm_min_mhz)
            cw->sm_min_mhz = sm_mhz.value;
        if (cw->readings == 0 || sm_mhz.value > cw->sm_max_mhz)
            cw->sm_max_mhz = sm_mhz.value;
        cw->readings++;
    }
    if (reasons_valid) {
        cw->reasons_valid = 1;
        cw->reasons |= reasons;
    }
}

int clock_watch_throttled(const clock_watch *cw)
{
    return cw->reasons_valid && (cw->reasons & CLOCK_WATCH_THROTTLE_REASONS) != 0;
}

int clock_watch_changed(const clock_watch *cw)
{
    if (cw->readings == 0 && !cw->reasons_valid)
        return -1;
    int moved = cw->readings > 0 && cw->sm_max_mhz - cw->sm_min_mhz > CLOCK_WATCH_STEP_MHZ;
    return moved || clock_watch_throttled(cw);
}
