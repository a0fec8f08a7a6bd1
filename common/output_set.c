#include "output_set.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int (*output_set_rename)(const char *from, const char *to) = rename;

void output_set_init(output_set *s)
{
    memset(s, 0, sizeof *s);
}

/* path + suffix + "." + pid, in a new string */
static char *with_pid(const char *path, const char *suffix)
{
    size_t len = strlen(path) + strlen(suffix) + 24;
    char *p = malloc(len);
    if (p != NULL)
        snprintf(p, len, "%s%s%ld", path, suffix, (long)getpid());
    return p;
}

const char *output_set_stage(output_set *s, const char *path, rl_error *err)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->items[i].path, path) == 0) {
            rl_error_set(err, "%s is named for two outputs: each needs its own file", path);
            return NULL;
        }
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        output_set_item *items = realloc(s->items, cap * sizeof *items);
        if (items == NULL) {
            rl_error_set(err, "out of memory");
            return NULL;
        }
        s->items = items;
        s->cap = cap;
    }
    output_set_item *it = &s->items[s->n];
    memset(it, 0, sizeof *it);
    it->path = strdup(path);
    it->staged = with_pid(path, ".partial.");
    if (it->path == NULL || it->staged == NULL) {
        free(it->path);
        free(it->staged);
        rl_error_set(err, "out of memory");
        return NULL;
    }
    s->n++;
    return it->staged;
}

/* Gives each existing output its second name, "<path>.old.<pid>". An output
 * that cannot have one (a folder, a file system without hard links) is
 * left without: it cannot be put back. */
static void name_old_outputs(output_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        output_set_item *it = &s->items[i];
        struct stat st;
        it->existed = lstat(it->path, &st) == 0;
        if (!it->existed || S_ISDIR(st.st_mode) || (it->old = with_pid(it->path, ".old.")) == NULL)
            continue;
        unlink(it->old); /* left by a run killed with this pid */
        if (link(it->path, it->old) != 0) {
            free(it->old);
            it->old = NULL;
        }
    }
}

static void drop_old_names(output_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->items[i].old != NULL)
            unlink(s->items[i].old);
        free(s->items[i].old);
        s->items[i].old = NULL;
    }
}

/* The folder holding path, into dir ("." for a bare name). */
static void parent_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        snprintf(dir, size, ".");
    else if (slash == path)
        snprintf(dir, size, "/");
    else
        snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

/* fsync of each output's folder, so the renames outlive a crash. A folder
 * that cannot be opened or synced (some file systems refuse) is skipped:
 * the outputs are in place either way. */
static void sync_folders(const output_set *s)
{
    char dir[4096], prev[4096] = "";
    for (size_t i = 0; i < s->n; i++) {
        parent_of(s->items[i].path, dir, sizeof dir);
        if (strcmp(dir, prev) == 0)
            continue; /* outputs of one folder come together: one sync each */
        snprintf(prev, sizeof prev, "%s", dir);
        int fd = open(dir, O_RDONLY | O_DIRECTORY);
        if (fd >= 0) {
            (void)fsync(fd);
            close(fd);
        }
    }
}

/* Appends "a, b, c" (the paths of items whose is_new equals want) to buf. */
static size_t list_paths(const output_set *s, const int *is_new, int want, char *buf, size_t size)
{
    size_t count = 0, used = strlen(buf);
    for (size_t i = 0; i < s->n; i++) {
        if (is_new[i] != want)
            continue;
        int w = snprintf(buf + used, size - used, "%s%s", count ? ", " : "", s->items[i].path);
        if (w > 0)
            used = used + (size_t)w < size ? used + (size_t)w : size - 1;
        count++;
    }
    return count;
}

/* Undoes the renames of items [0, done): each goes back to its earlier
 * output, or away when there was none. is_new[i] says where that failed. */
static void roll_back(output_set *s, size_t done, int *is_new)
{
    for (size_t i = done; i-- > 0;) {
        output_set_item *it = &s->items[i];
        if (it->old != NULL && output_set_rename(it->old, it->path) == 0) {
            free(it->old);
            it->old = NULL;
        } else if (!it->existed && unlink(it->path) == 0) {
            /* there was none: again there is none */
        } else {
            is_new[i] = 1;
        }
    }
}

int output_set_commit(output_set *s, rl_error *err)
{
    name_old_outputs(s);
    size_t done = 0;
    while (done < s->n && output_set_rename(s->items[done].staged, s->items[done].path) == 0)
        done++;
    if (done == s->n) {
        drop_old_names(s);
        sync_folders(s);
        return 0;
    }
    char why[RL_ERROR_LEN];
    snprintf(why, sizeof why, "cannot rename %s to %s: %s", s->items[done].staged, s->items[done].path,
             strerror(errno));
    int *is_new = calloc(s->n ? s->n : 1, sizeof *is_new);
    if (is_new == NULL) {
        drop_old_names(s);
        return rl_error_set(err, "%s; out of memory undoing the %zu renames before it", why, done);
    }
    roll_back(s, done, is_new);
    drop_old_names(s);
    size_t nnew = 0;
    for (size_t i = 0; i < s->n; i++)
        nnew += is_new[i] != 0;
    if (nnew == 0) {
        free(is_new);
        return rl_error_set(err, "%s; no output was replaced: each is as it was before this run", why);
    }
    /* Some could not be put back: name the new ones and the rest. */
    char list[RL_ERROR_LEN] = "";
    list_paths(s, is_new, 1, list, sizeof list);
    size_t nold = s->n - nnew;
    int rc = rl_error_set(err, "%s; %s %s new (this run's); the other %zu output%s as before", why, list,
                          nnew == 1 ? "is" : "are", nold, nold == 1 ? " is" : "s are");
    if (nold <= 4) { /* few enough to name too */
        char olds[RL_ERROR_LEN] = "";
        list_paths(s, is_new, 0, olds, sizeof olds);
        rc = rl_error_set(err, "%s; %s %s new (this run's); %s %s as before", why, list,
                          nnew == 1 ? "is" : "are", olds, nold == 1 ? "is" : "are");
    }
    free(is_new);
    return rc;
}

void output_set_free(output_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        unlink(s->items[i].staged); /* ENOENT once renamed */
        if (s->items[i].old != NULL)
            unlink(s->items[i].old);
        free(s->items[i].path);
        free(s->items[i].staged);
        free(s->items[i].old);
    }
    free(s->items);
    memset(s, 0, sizeof *s);
}
