#include "jetson_board.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysfs_read.h"

int jetson_nvpmodel_table(const char *root, char *buf, size_t len, rl_error *err)
{
    if (len == 0)
        return rl_error_set(err, "no room for the nvpmodel table name");
    buf[0] = '\0';
    char path[PATH_MAX];
    if (sysfs_path(path, sizeof path, err, root, "etc/nvpmodel.conf") != 0)
        return -1;
    if (!sysfs_exists(path))
        return 1;
    char *real = realpath(path, NULL);
    if (real == NULL)
        return rl_error_set(err, "cannot resolve %s", path);
    const char *base = strrchr(real, '/');
    base = base != NULL ? base + 1 : real;
    int n = snprintf(buf, len, "%s", base);
    free(real);
    if (n <= 0 || (size_t)n >= len) {
        buf[0] = '\0';
        return rl_error_set(err, "nvpmodel table name under %s longer than %zu bytes", path, len - 1);
    }
    return 0;
}

/* Reads one unsigned base-10 number of 1 to 6 digits at *p; advances p. */
static int read_part(const char **p, long long *out)
{
    const char *s = *p;
    size_t n = strspn(s, "0123456789");
    if (n == 0 || n > 6)
        return -1;
    char digits[8];
    memcpy(digits, s, n);
    digits[n] = '\0';
    if (sysfs_parse_ll(digits, 0, 999999, out, "l4t release", NULL) != 0)
        return -1;
    *p = s + n;
    return 0;
}

/* "# R36 (release), REVISION: 4.3, GCID: ..." -> 36, 4, 3. */
static int parse_release_line(const char *line, long long v[3])
{
    const char *r = strstr(line, "# R");
    const char *rev = strstr(line, "REVISION:");
    if (r == NULL || rev == NULL)
        return -1;
    const char *p = r + 3;
    if (read_part(&p, &v[0]) != 0)
        return -1;
    p = rev + strlen("REVISION:");
    p += strspn(p, " \t");
    if (read_part(&p, &v[1]) != 0)
        return -1;
    v[2] = 0;
    if (*p == '.' && (++p, read_part(&p, &v[2]) != 0))
        return -1;
    return 0;
}

int jetson_l4t_release(const char *root, char *buf, size_t len, rl_error *err)
{
    if (len == 0)
        return rl_error_set(err, "no room for the l4t release");
    buf[0] = '\0';
    char path[PATH_MAX], text[512];
    if (sysfs_path(path, sizeof path, err, root, "etc/nv_tegra_release") != 0)
        return -1;
    if (!sysfs_exists(path))
        return 1;
    if (sysfs_read_text(path, text, sizeof text, err) != 0)
        return -1;
    text[strcspn(text, "\n")] = '\0';
    long long v[3];
    if (parse_release_line(text, v) != 0)
        return rl_error_set(err, "no '# R<major> (release), REVISION: <minor>.<patch>' in %s:1", path);
    int n = snprintf(buf, len, "%lld.%lld.%lld", v[0], v[1], v[2]);
    if (n <= 0 || (size_t)n >= len) {
        buf[0] = '\0';
        return rl_error_set(err, "no room for the l4t release of %s", path);
    }
    return 0;
}
