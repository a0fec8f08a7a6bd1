/* jetson_board: which software a Jetson runs, as far as the model needs to
 * tell NVIDIA's power-mode tables apart, read only.
 *
 * An Orin Nano's modes depend on the table nvpmodel uses: JetPack 5 to 6.1
 * ship nvpmodel_p3767_0003.conf (15W at 624.75 MHz, 7W), JetPack 6.2 with
 * the Super firmware nvpmodel_p3767_0003_super.conf (15W at 612 MHz, 25W,
 * MAXN_SUPER). ROOT/etc/nvpmodel.conf is a link to the table in use, so its
 * target's file name says which; the L4T release (ROOT/etc/nv_tegra_release,
 * "# R36 (release), REVISION: 4.3, ...") says which JetPack, for when the
 * conf is not a link. Paths are relative to ROOT ("/" on the board, a
 * fixture tree in the tests). Bounded reads, base-10 numbers. */
#ifndef JETSON_BOARD_H
#define JETSON_BOARD_H

#include <stddef.h>

#include "rl_error.h"

/* The file name ROOT/etc/nvpmodel.conf resolves to, e.g.
 * "nvpmodel_p3767_0003_super.conf" ("nvpmodel.conf" when it is no link).
 * 0 found; 1 no such file (not a Jetson), buf ""; -1 error. */
int jetson_nvpmodel_table(const char *root, char *buf, size_t len, rl_error *err);

/* The L4T release as MAJOR.MINOR.PATCH, e.g. "36.4.3", from the first line
 * of ROOT/etc/nv_tegra_release. 0 found; 1 no such file, buf ""; -1 a file
 * that does not read as one (err names it). */
int jetson_l4t_release(const char *root, char *buf, size_t len, rl_error *err);

#endif
