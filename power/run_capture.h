/* run_capture: runs a command without a shell and keeps what it prints on
 * stdout, with a time limit; stdin and stderr are /dev/null. */
#ifndef RUN_CAPTURE_H
#define RUN_CAPTURE_H

#include <stddef.h>

#include "rl_error.h"

/* Runs argv (argv[0] searched in PATH when it has no slash) and stores its
 * stdout, NUL-terminated, in out. Fails when it cannot start, prints len - 1
 * bytes or more, runs past timeout_ms (it is then killed) or exits non-zero. */
int run_capture(char *const argv[], int timeout_ms, char *out, size_t len, rl_error *err);

#endif
