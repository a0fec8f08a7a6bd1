/* jetson_mode: which nvpmodel power mode a Jetson runs, read only.
 *
 * Mode ids and names differ between boards and JetPack versions (15W, 7W,
 * 25W, MAXN_SUPER), so nothing is hard-coded: the current mode comes from
 * `nvpmodel -q` ("NV Power Mode: 15W" then the id on its own line) and is
 * checked against ROOT/etc/nvpmodel.conf's "< POWER_MODEL ID=N NAME=X >"
 * lines. Changing the mode is a separate command the user runs as root;
 * nothing here does it. */
#ifndef JETSON_MODE_H
#define JETSON_MODE_H

#include <stddef.h>

#include "rl_error.h"

#define JETSON_MODE_NAME_MAX 64
#define JETSON_MODE_MAX 32

typedef struct jetson_mode {
    int id;                          /* -1: unknown */
    char name[JETSON_MODE_NAME_MAX]; /* "": unknown */
} jetson_mode;

typedef struct jetson_mode_conf {
    int count;
    jetson_mode modes[JETSON_MODE_MAX]; /* in file order */
    int default_id;                     /* "< PM_CONFIG DEFAULT=N >", -1 if absent */
} jetson_mode_conf;

typedef struct jetson_mode_options {
    const char *root;      /* default "/" */
    const char *conf_path; /* under root, default "etc/nvpmodel.conf" */
    const char *nvpmodel;  /* command, default "nvpmodel" (searched in PATH) */
    int timeout_ms;        /* nvpmodel -q is killed after this, default 5000 */
} jetson_mode_options;

void jetson_mode_options_default(jetson_mode_options *o);

/* Reads the modes of an nvpmodel.conf at path (errors name path:line). */
int jetson_mode_conf_read(const char *path, jetson_mode_conf *out, rl_error *err);

/* The mode of conf with this id, or NULL. */
const jetson_mode *jetson_mode_conf_find(const jetson_mode_conf *conf, int id);

/* Parses the text nvpmodel -q printed. */
int jetson_mode_parse_query(const char *text, jetson_mode *out, rl_error *err);

/* Runs `nvpmodel -q` (no shell, stderr kept with stdout) and parses what
 * it prints. A non-zero exit, or output with no mode line (a non-root
 * nvpmodel prints only "NVPM ERROR: ..." lines on some boards), fails
 * with "nvpmodel -q failed: ..." and the first line it printed. */
int jetson_mode_query(const jetson_mode_options *o, jetson_mode *out, rl_error *err);

/* The current mode: nvpmodel -q, checked against nvpmodel.conf when the
 * file exists (an id the file lacks, or a name the two disagree on, is an
 * error; an id missing from the query is looked up by name). */
int jetson_mode_read(const jetson_mode_options *o, jetson_mode *out, rl_error *err);

/* The power_mode cell of measure's rows: the name of the mode this Jetson
 * runs now, into buf (len bytes, always NUL-terminated).
 *   root          sysfs and /etc root, NULL for "/"
 *   nvpmodel_cmd  NULL for "nvpmodel" (searched in PATH)
 *   expect        the mode the caller was told it runs under (the sweep,
 *                 scripts/sweep-modes.sh, exports it as RL_POWER_MODE), or
 *                 NULL or "" when none was
 * Returns
 *   1  root holds no etc/nvpmodel.conf: not a Jetson. nvpmodel is not run;
 *      buf is expect, or "".
 *   0  buf is the mode nvpmodel -q names, checked against nvpmodel.conf
 *      (jetson_mode_read), and equal to expect when expect is given.
 *  -1  err says why and what the rows will hold; buf still holds the best
 *      answer, so a caller can warn and go on: the queried mode when it
 *      disagrees with expect (the rows must say what ran), else expect, or
 *      "" when nvpmodel -q failed and nobody said the mode: never a guess
 *      (model then refuses to pick a Jetson mode without --power-mode). */
int jetson_power_mode_name(const char *root, const char *nvpmodel_cmd, const char *expect,
                           char *buf, size_t len, rl_error *err);

#endif
