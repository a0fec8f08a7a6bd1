#include "energy_integral.h"

void energy_integral_init(energy_integral *in)
{
    in->samples = 0;
    in->last_ns = 0;
    in->last_mw = 0;
    in->uj = 0;
}

void energy_integral_add(energy_integral *in, uint64_t t_ns, double p_mw)
{
    if (!(p_mw > 0)) /* also drops NaN */
        p_mw = 0;
    if (in->samples > 0 && t_ns > in->last_ns) {
        /* mW * ns = 1e-12 J = 1e-6 uJ */
        double dt_ns = (double)(t_ns - in->last_ns);
        in->uj += 0.5 * (in->last_mw + p_mw) * dt_ns * 1e-6;
    }
    if (in->samples == 0 || t_ns >= in->last_ns) {
        in->last_ns = t_ns;
        in->last_mw = p_mw;
    }
    in->samples++;
}
