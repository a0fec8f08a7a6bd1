/* fixture_tree: throw-away directory trees that stand in for a Jetson's
 * sysfs and /etc in the power tests, scratch folders for the others, and
 * the path of a file under tests/.
 * Header-only (static inline) because each tests/test_*.c is its own
 * binary. */
#ifndef FIXTURE_TREE_H
#define FIXTURE_TREE_H

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* tests/<rel> (TESTS_DIR is set by tests/run.sh) */
static inline void tests_path(char *buf, size_t len, const char *rel)
{
    const char *dir = getenv("TESTS_DIR");
    snprintf(buf, len, "%s/%s", dir != NULL ? dir : "tests", rel);
}

/* Makes a fresh directory /tmp/<tag>.XXXXXX into buf. */
static inline int fx_tmpdir(char *buf, size_t len, const char *tag)
{
    const char *tmp = getenv("TMPDIR");
    if (snprintf(buf, len, "%s/%s.XXXXXX", tmp != NULL ? tmp : "/tmp", tag) >= (int)len)
        return -1;
    return mkdtemp(buf) == NULL ? -1 : 0;
}

/* mkdir -p of the directory part of root/rel. */
static inline int fx_mkparents(const char *path)
{
    char p[PATH_MAX];
    if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p)
        return -1;
    for (char *s = strchr(p + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST)
            return -1;
        *s = '/';
    }
    return 0;
}

/* Writes len bytes to root/rel through a rename, so a sampling thread never
 * reads a half-written value. */
static inline int fx_write_n(const char *root, const char *rel, const char *data, size_t len)
{
    char path[PATH_MAX], tmp[PATH_MAX + 8];
    if (snprintf(path, sizeof path, "%s/%s", root, rel) >= (int)sizeof path ||
        snprintf(tmp, sizeof tmp, "%s.new", path) >= (int)sizeof tmp || fx_mkparents(path) != 0)
        return -1;
    FILE *fp = fopen(tmp, "wb");
    if (fp == NULL)
        return -1;
    size_t n = fwrite(data, 1, len, fp);
    if (fclose(fp) != 0 || n != len)
        return -1;
    return rename(tmp, path);
}

static inline int fx_write(const char *root, const char *rel, const char *text)
{
    return fx_write_n(root, rel, text, strlen(text));
}

static inline int fx_remove(const char *root, const char *rel)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", root, rel) >= (int)sizeof path)
        return -1;
    return unlink(path);
}

/* rm -r path (no symlinks are followed: fixtures hold none). */
static inline int fx_rmtree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *d = opendir(path);
    if (d == NULL)
        return -1;
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char child[PATH_MAX];
        if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) >= (int)sizeof child ||
            fx_rmtree(child) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(path) != 0 ? -1 : rc;
}

#endif
