/* rail_cell: the raw CSV's rails_power_w_avg cell, every power rail of a
 * Jetson's INA3221 monitors with its average power over a case's energy
 * loop, written by measure and read by model and render.
 *
 * One cell, NAME=WATTS pairs joined by ';', in the order the monitors list
 * their channels:
 *
 *     VDD_IN=6.269;VDD_CPU_GPU_CV=2.080;VDD_SOC=3.056
 *
 * NAME is the rail's label (letters, digits and _ . + -; any other byte of
 * a sysfs label is written as '_'), each name once; WATTS a finite decimal
 * >= 0, three decimals (the sensors resolve mV and mA). A rail that stopped
 * reading during the loop is left out. The cell is empty where the source
 * has no rails (NVML, none, or a CSV from before the column existed). One
 * cell rather than one column per rail because boards name and number their
 * rails differently (Orin Nano: 3, AGX Orin: 6, Nano on JetPack 4: POM_*),
 * and the raw CSV's columns are fixed (csv_schema.h).
 *
 * No libcsv here: measure links this file too.
 */
#ifndef RAIL_CELL_H
#define RAIL_CELL_H

#include <stddef.h>

#include "csv_table.h"
#include "rl_error.h"

#define RAIL_CELL_MAX 12     /* rails in one cell (AGX Orin has 2 x 3 channels) */
#define RAIL_CELL_NAME_MAX 32 /* bytes of a name, NUL included */

typedef struct rail_watts {
    char name[RAIL_CELL_NAME_MAX];
    double watts;
} rail_watts;

/* Copies label into name (size bytes) as the cell spells it: bytes other
 * than letters, digits and _ . + - become '_'; cut to fit. */
void rail_cell_name(char *name, size_t size, const char *label);

/* Writes the n rails as one cell into buf; "" when n is 0. -1 when buf is
 * too small, a name is empty or not as rail_cell_name spells it, or a value
 * is not finite or < 0 (buf then holds ""). */
int rail_cell_format(const rail_watts *rails, size_t n, char *buf, size_t size);

/* Parses a cell (NULL or "" : no rails) into rails (RAIL_CELL_MAX entries);
 * *n gets the count. On a bad cell, -1 and err says what, without a place
 * (the caller adds it). */
int rail_cell_parse(const char *cell, rail_watts *rails, size_t *n, rl_error *err);

/* Every row's rails_power_w_avg cell (raw and model tables alike) parses;
 * else -1 and err names the column, file and line. */
int csv_tables_check_rails(const csv_table *tables, size_t ntables, rl_error *err);

#endif
