/* sysfs_read: bounded reads of small text files (sysfs, device tree, config)
 * and path building under a root directory.
 *
 * Every read lands in a caller buffer that is always NUL-terminated; a file
 * that fills the buffer is an error ("longer than N bytes"), never a silent
 * truncation. Numbers are base 10 only, range checked. Errors name the file. */
#ifndef SYSFS_READ_H
#define SYSFS_READ_H

#include <stddef.h>

#include "rl_error.h"

/* Small sysfs values ("5080\n", "VDD_IN\n") fit with room to spare. */
#define SYSFS_VALUE_MAX 128

/* Writes root + "/" + the formatted relative path into out, dropping a
 * duplicate slash; fails if it does not fit. */
int sysfs_path(char *out, size_t len, rl_error *err, const char *root, const char *fmt, ...)
    RL_PRINTF(5, 6);

/* Copies s into out with glob metacharacters (*?[\) escaped, so a root
 * directory can prefix a glob pattern; fails if it does not fit. */
int sysfs_glob_escape(char *out, size_t len, const char *s, rl_error *err);

/* Reads the whole file into buf (len > 1) and stops at the first NUL (device
 * tree strings end in one); trailing white space is removed. Fails on a
 * missing file, a file of len - 1 bytes or more, or an empty value. */
int sysfs_read_text(const char *path, char *buf, size_t len, rl_error *err);

/* Reads one base-10 integer (optional sign, no other text) in [min, max]. */
int sysfs_read_ll(const char *path, long long min, long long max, long long *out, rl_error *err);

/* Parses text the same way; where names the source in the message. */
int sysfs_parse_ll(const char *text, long long min, long long max, long long *out,
                   const char *where, rl_error *err);

/* 1 if path exists (any type), else 0. */
int sysfs_exists(const char *path);

#endif
