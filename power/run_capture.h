/* run_capture: runs a command without a shell and keeps what it prints on
 * stdout (and stderr, when asked), with a time limit; stdin is /dev/null. */
#ifndef RUN_CAPTURE_H
#define RUN_CAPTURE_H

#include <stddef.h>

#include "rl_error.h"

/* Runs argv (argv[0] searched in PATH when it has no slash) and stores its
 * stdout, NUL-terminated, in out; with with_stderr its stderr goes to the
 * same place (interleaved as written), else to /dev/null. Fails when it
 * cannot start, prints len - 1 bytes or more, runs past timeout_ms (it is
 * then killed) or exits non-zero; out then holds what it printed before. */
int run_capture(char *const argv[], int timeout_ms, int with_stderr, char *out, size_t len, rl_error *err);

#endif
