#include "model_case.h"

#include <math.h>

int model_case_in_error_stats(const model_case *c)
{
    double ws = isnan(c->working_set_bytes) ? c->bytes : c->working_set_bytes;
    return c->check_ok && !c->sets_ceiling && !c->l2_resident && !c->decode_step && ws >= 4.0 * c->l2_bytes;
}

double model_case_err_datasheet(const model_case *c)
{
    return roofline_err_pct(c->t_pred_datasheet_us, c->time_us);
}

double model_case_err_measured(const model_case *c)
{
    return isnan(c->t_pred_measured_us) ? NAN : roofline_err_pct(c->t_pred_measured_us, c->time_us);
}

int model_case_issue_bound(const model_case *c)
{
    return c->t_issue_us > c->t_pred_measured_us; /* false when either is NaN */
}
