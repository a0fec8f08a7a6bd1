#include "whole_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FIRST_CAP = 64 * 1024 };

/* The buffer never grows past max_bytes + 2: max_bytes + 1 bytes of data
 * (one past the bound is how an oversized file shows) and the NUL. */
static char *grow(char *buf, size_t *cap, size_t max_bytes)
{
    size_t want = *cap == 0 ? FIRST_CAP : 2 * *cap;
    if (want > max_bytes + 2)
        want = max_bytes + 2;
    char *more = realloc(buf, want);
    if (more != NULL)
        *cap = want;
    return more;
}

int whole_file_read(const char *path, size_t max_bytes, const char *raise, char **data, size_t *len, rl_error *err)
{
    *data = NULL;
    *len = 0;
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return rl_error_set(err, "cannot open %s: %s", path, strerror(errno));
    char *buf = NULL;
    size_t cap = 0, used = 0;
    int out_of_memory = 0;
    for (;;) {
        if (cap - used < 2) { /* room for a byte and the NUL */
            char *more = grow(buf, &cap, max_bytes);
            if (more == NULL) {
                out_of_memory = 1;
                break;
            }
            buf = more;
        }
        size_t n = fread(buf + used, 1, cap - 1 - used, fp);
        used += n;
        if (n == 0 || used > max_bytes)
            break; /* end of file, a read error, or too large */
    }
    int saved = errno, bad = ferror(fp);
    fclose(fp);
    int rc = 0;
    if (out_of_memory)
        rc = rl_error_set(err, "out of memory reading %s", path);
    else if (used > max_bytes)
        rc = rl_error_set(err, "file larger than %zu bytes, the most this reader accepts%s%s%s (%s)", max_bytes,
                          raise != NULL ? "; " : "", raise != NULL ? raise : "", raise != NULL ? " raises it" : "",
                          path);
    else if (bad)
        rc = rl_error_set(err, "cannot read %s: %s", path, strerror(saved));
    if (rc != 0) {
        free(buf);
        return -1;
    }
    buf[used] = '\0';
    *data = buf;
    *len = used;
    return 0;
}
