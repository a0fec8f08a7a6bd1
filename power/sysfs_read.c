#include "sysfs_read.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sysfs_path(char *out, size_t len, rl_error *err, const char *root, const char *fmt, ...)
{
    char rel[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(rel, sizeof rel, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof rel)
        return rl_error_set(err, "path too long under %s", root);
    size_t rl = strlen(root);
    const char *sep = (rl > 0 && root[rl - 1] == '/') || rel[0] == '/' ? "" : "/";
    n = snprintf(out, len, "%s%s%s", root, sep, rel);
    if (n < 0 || (size_t)n >= len)
        return rl_error_set(err, "path too long: %s%s%s", root, sep, rel);
    return 0;
}

int sysfs_glob_escape(char *out, size_t len, const char *s, rl_error *err)
{
    size_t j = 0;
    for (size_t i = 0; s[i] != '\0'; i++) {
        int special = strchr("*?[\\", s[i]) != NULL;
        if (j + (size_t)special + 1 >= len)
            return rl_error_set(err, "path too long: %s", s);
        if (special)
            out[j++] = '\\';
        out[j++] = s[i];
    }
    out[j] = '\0';
    return 0;
}

/* Reads at most len - 1 bytes; returns the count or -1. */
static ssize_t read_bounded(int fd, char *buf, size_t len)
{
    size_t got = 0;
    while (got < len - 1) {
        ssize_t n = read(fd, buf + got, len - 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    buf[got] = '\0';
    return (ssize_t)got;
}

int sysfs_read_text(const char *path, char *buf, size_t len, rl_error *err)
{
    if (len < 2)
        return rl_error_set(err, "buffer too small for %s", path);
    buf[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return rl_error_set(err, "cannot open %s: %s", path, strerror(errno));
    ssize_t got = read_bounded(fd, buf, len);
    int saved = errno;
    close(fd);
    if (got < 0)
        return rl_error_set(err, "cannot read %s: %s", path, strerror(saved));
    if ((size_t)got >= len - 1)
        return rl_error_set(err, "value longer than %zu bytes in %s", len - 2, path);
    size_t n = strlen(buf); /* a device-tree string ends at its NUL */
    while (n > 0 && isspace((unsigned char)buf[n - 1]))
        buf[--n] = '\0';
    if (n == 0)
        return rl_error_set(err, "empty value in %s", path);
    return 0;
}

int sysfs_parse_ll(const char *text, long long min, long long max, long long *out,
                   const char *where, rl_error *err)
{
    const char *p = text;
    if (*p == '+' || *p == '-')
        p++;
    if (!isdigit((unsigned char)*p))
        return rl_error_set(err, "not a number '%.32s' in %s", text, where);
    errno = 0;
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    if (*end != '\0')
        return rl_error_set(err, "not a number '%.32s' in %s", text, where);
    if (errno == ERANGE || v < min || v > max)
        return rl_error_set(err, "value %.32s out of range [%lld, %lld] in %s", text, min, max,
                            where);
    *out = v;
    return 0;
}

int sysfs_read_ll(const char *path, long long min, long long max, long long *out, rl_error *err)
{
    char buf[SYSFS_VALUE_MAX];
    if (sysfs_read_text(path, buf, sizeof buf, err) != 0)
        return -1;
    return sysfs_parse_ll(buf, min, max, out, path, err);
}

int sysfs_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}
