#include "rl_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int rl_error_set(rl_error *err, const char *fmt, ...)
{
    if (err == NULL)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
    return -1;
}

int rl_error_prefix(rl_error *err, const char *fmt, ...)
{
    if (err == NULL)
        return -1;
    char prefix[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    char old[RL_ERROR_LEN];
    memcpy(old, err->text, sizeof old);
    snprintf(err->text, sizeof err->text, "%s: %.380s", prefix, old);
    return -1;
}
