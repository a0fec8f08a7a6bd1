/* The runs set against each other (see report_tables.h). */
#include "report_tables.h"

void report_comparison(const csv_table *t, const figure_set *figs, sbuf *out)
{
    (void)t;
    (void)figs;
    (void)out;
}
