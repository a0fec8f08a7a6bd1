#include "predict.h"

#include <math.h>

/* 1 GB/s moves 1e9 bytes in 1e6 us: 1e3 bytes per us. The same holds for
 * GFLOP/s and flop. */
static const double PER_US_PER_GIGA = 1e3;

int roofline_predict(double bytes, double flop, double bw_gbs, double peak_gflops, roofline *out)
{
    if (!isfinite(bytes) || !isfinite(flop) || !isfinite(bw_gbs) || !isfinite(peak_gflops))
        return -1;
    if (!(bytes > 0.0) || flop < 0.0 || !(bw_gbs > 0.0) || !(peak_gflops > 0.0))
        return -1;
    out->intensity_flop_per_byte = flop / bytes;
    out->t_memory_us = bytes / (bw_gbs * PER_US_PER_GIGA);
    out->t_compute_us = flop / (peak_gflops * PER_US_PER_GIGA);
    out->bound = out->t_memory_us >= out->t_compute_us ? ROOFLINE_MEMORY : ROOFLINE_COMPUTE;
    out->time_us = out->bound == ROOFLINE_MEMORY ? out->t_memory_us : out->t_compute_us;
    return 0;
}

const char *roofline_bound_name(roofline_bound bound)
{
    return bound == ROOFLINE_COMPUTE ? "compute" : "memory";
}

double roofline_err_pct(double predicted_us, double measured_us)
{
    if (!(measured_us > 0.0))
        return NAN;
    return 100.0 * (predicted_us - measured_us) / measured_us;
}

double roofline_rate_gbs(double bytes, double time_us)
{
    if (!(time_us > 0.0))
        return NAN;
    return bytes / (time_us * PER_US_PER_GIGA);
}

double roofline_rate_gflops(double flop, double time_us)
{
    return roofline_rate_gbs(flop, time_us); /* same scaling: 1e9 per s = 1e3 per us */
}
