/* rl_error: the one error convention of this project.
 *
 * A function that can fail returns 0 on success and -1 on failure; on failure
 * it has written one line into the caller's rl_error: what went wrong first,
 * then where ("file:line" for input files), lower case, no full stop.
 * The caller decides whether to print it (the binaries print it to stderr with
 * their own name in front) or to add context with rl_error_prefix().
 */
#ifndef RL_ERROR_H
#define RL_ERROR_H

#include <stddef.h>

#define RL_ERROR_LEN 512

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rl_error {
    char text[RL_ERROR_LEN];
} rl_error;

#if defined(__GNUC__)
#define RL_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define RL_PRINTF(a, b)
#endif

/* Sets err (if not NULL) to the formatted message and returns -1. */
int rl_error_set(rl_error *err, const char *fmt, ...) RL_PRINTF(2, 3);

/* Puts "prefix: " in front of the message already in err; returns -1. */
int rl_error_prefix(rl_error *err, const char *fmt, ...) RL_PRINTF(2, 3);

#ifdef __cplusplus
}
#endif

#endif
