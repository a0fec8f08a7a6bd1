#include "output_set.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "grow.h"
#include "interrupt_cleanup.h"

int (*output_set_rename)(const char *from, const char *to) = rename;

void output_set_init(output_set *s)
{
    memset(s, 0, sizeof *s);
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

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

/* A name longer than this is shortened for its staging names: the longest
 * suffix is ".staged.<pid>.partial.XXXXXX", 37 bytes with a 7-digit pid. */
enum { STEM_MAX = NAME_MAX - 48, STEM_KEEP = STEM_MAX - 17 };

/* path's folder and the start of its staging names: its own name, or,
 * when that is too long, its first bytes (whole UTF-8 characters), '~'
 * and a hash of the whole name. A new string, or NULL. */
static char *stem_of(const char *path)
{
    const char *base = base_of(path);
    size_t dir_len = (size_t)(base - path), len = strlen(base);
    char hash[24] = "";
    if (len > STEM_MAX) {
        uint64_t h = 14695981039346656037ull; /* FNV-1a */
        for (const unsigned char *p = (const unsigned char *)base; *p != '\0'; p++)
            h = (h ^ *p) * 1099511628211ull;
        snprintf(hash, sizeof hash, "~%016llx", (unsigned long long)h);
        len = STEM_KEEP;
        while (len > 0 && ((unsigned char)base[len] & 0xC0) == 0x80)
            len--;
    }
    size_t size = dir_len + len + strlen(hash) + 1;
    char *stem = malloc(size);
    if (stem != NULL)
        snprintf(stem, size, "%.*s%.*s%s", (int)dir_len, path, (int)len, base, hash);
    return stem;
}

/* stem + suffix + pid, in a new string */
static char *with_pid(const char *stem, const char *suffix)
{
    size_t len = strlen(stem) + strlen(suffix) + 24;
    char *p = malloc(len);
    if (p != NULL)
        snprintf(p, len, "%s%s%ld", stem, suffix, (long)getpid());
    return p;
}

/* Where path is: the file's device and inode, or, when there is no file
 * yet, its folder's and its name; -1 when neither can be looked at. */
static int key_of(const char *path, file_key *k)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        *k = (file_key){st.st_dev, st.st_ino, NULL};
        return 0;
    }
    char dir[PATH_MAX];
    parent_of(path, dir, sizeof dir);
    if (errno != ENOENT || stat(dir, &st) != 0)
        return -1;
    *k = (file_key){st.st_dev, st.st_ino, base_of(path)};
    return 0;
}

static int same_file(const file_key *a, const file_key *b)
{
    if (a->dev != b->dev || a->ino != b->ino || (a->name == NULL) != (b->name == NULL))
        return 0;
    return a->name == NULL || strcmp(a->name, b->name) == 0;
}

static void say_key(const file_key *k, char *buf, size_t size)
{
    if (k->name == NULL)
        snprintf(buf, size, "one file: device %u:%u, inode %llu", (unsigned)major(k->dev), (unsigned)minor(k->dev),
                 (unsigned long long)k->ino);
    else
        snprintf(buf, size, "one name in one folder");
}

int output_set_input(output_set *s, const char *path, rl_error *err)
{
    file_key k;
    struct stat st;
    if (stat(path, &st) != 0)
        return 0; /* its reader says why */
    k = (file_key){st.st_dev, st.st_ino, NULL};
    output_set_input_item *grown = realloc(s->inputs, (s->ninputs + 1) * sizeof *grown);
    if (grown == NULL)
        return rl_error_set(err, "out of memory");
    s->inputs = grown;
    s->inputs[s->ninputs].key = k;
    if ((s->inputs[s->ninputs].path = strdup(path)) == NULL)
        return rl_error_set(err, "out of memory");
    s->ninputs++;
    return 0;
}

/* The output at path against the inputs and the outputs staged before. */
static int check_distinct(const output_set *s, const char *path, const file_key *k, rl_error *err)
{
    char why[96];
    say_key(k, why, sizeof why);
    for (size_t i = 0; i < s->ninputs; i++)
        if (same_file(&s->inputs[i].key, k))
            return rl_error_set(err, "output %s is the input %s (%s): name another output", path, s->inputs[i].path,
                                why);
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->items[i].path, path) == 0)
            return rl_error_set(err, "%s is named for two outputs: each needs its own file", path);
        if (same_file(&s->items[i].key, k))
            return rl_error_set(err, "%s is named for two outputs, as %s and %s (%s): each needs its own file", path,
                                s->items[i].path, path, why);
    }
    return 0;
}

const char *output_set_stage(output_set *s, const char *path, rl_error *err)
{
    file_key k;
    if (key_of(path, &k) != 0)
        k = (file_key){0, 0, path}; /* no folder yet: its writer will say; compared by spelling */
    if (check_distinct(s, path, &k, err) != 0)
        return NULL;
    if (s->n == s->cap) {
        output_set_item *items = grow_array(s->items, &s->cap, sizeof *items, 8);
        if (items == NULL) {
            rl_error_set(err, "out of memory");
            return NULL;
        }
        s->items = items;
    }
    output_set_item *it = &s->items[s->n];
    memset(it, 0, sizeof *it);
    it->path = strdup(path);
    it->stem = stem_of(path);
    it->staged = it->stem != NULL ? with_pid(it->stem, ".staged.") : NULL;
    if (it->path == NULL || it->staged == NULL || interrupt_cleanup_add(it->staged) != 0) {
        free(it->path);
        free(it->stem);
        free(it->staged);
        rl_error_set(err, "out of memory");
        return NULL;
    }
    it->key = k;
    if (k.name != NULL) /* point into the set's own copy */
        it->key.name = k.name == path ? it->path : base_of(it->path);
    s->n++;
    return it->staged;
}

/* ---- locks ---- */

static int lock_order(const void *a, const void *b)
{
    const output_set_lock_item *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    return (x->ino > y->ino) - (x->ino < y->ino);
}

/* The distinct folders of the outputs, in (device, inode) order. */
static int collect_folders(output_set *s, rl_error *err)
{
    s->locks = calloc(s->n ? s->n : 1, sizeof *s->locks);
    if (s->locks == NULL)
        return rl_error_set(err, "out of memory");
    for (size_t i = 0; i < s->n; i++) {
        char dir[PATH_MAX];
        parent_of(s->items[i].path, dir, sizeof dir);
        struct stat st;
        if (stat(dir, &st) != 0)
            return rl_error_set(err, "cannot write %s: %s (its folder %s)", s->items[i].path, strerror(errno), dir);
        if (!S_ISDIR(st.st_mode))
            return rl_error_set(err, "cannot write %s: %s is a file, not a folder", s->items[i].path, dir);
        size_t j = 0;
        while (j < s->nlocks && !(s->locks[j].dev == st.st_dev && s->locks[j].ino == st.st_ino))
            j++;
        if (j < s->nlocks)
            continue;
        s->locks[j] = (output_set_lock_item){-1, st.st_dev, st.st_ino, strdup(dir)};
        if (s->locks[j].folder == NULL)
            return rl_error_set(err, "out of memory");
        s->nlocks++;
    }
    qsort(s->locks, s->nlocks, sizeof *s->locks, lock_order);
    return 0;
}

/* The pid holding the flock on the file of fd, from /proc/locks ("1: FLOCK
 * ADVISORY WRITE 4242 08:01:1234 0 EOF"), or 0. The lock file itself stays
 * empty: a pid written into it made every run change the output folder. */
static long lock_holder(int fd)
{
    struct stat st;
    FILE *fp = fstat(fd, &st) == 0 ? fopen("/proc/locks", "r") : NULL;
    if (fp == NULL)
        return 0;
    char line[256];
    long found = 0;
    while (found == 0 && fgets(line, sizeof line, fp) != NULL) {
        char kind[16];
        long pid;
        unsigned maj, min;
        unsigned long long ino;
        if (sscanf(line, "%*[^:]: %15s %*s %*s %ld %x:%x:%llu", kind, &pid, &maj, &min, &ino) == 5 &&
            strcmp(kind, "FLOCK") == 0 && ino == (unsigned long long)st.st_ino && maj == major(st.st_dev) &&
            min == minor(st.st_dev))
            found = pid;
    }
    fclose(fp);
    return found;
}

/* Waits for the lock on fd, saying who holds it. */
static int wait_for(int fd, const char *who, const char *folder, const char *lock_path)
{
    long holder = lock_holder(fd);
    char pid[32] = "unknown";
    if (holder > 0)
        snprintf(pid, sizeof pid, "%ld", holder);
    fprintf(stderr, "%s: waiting: another run (pid %s) is writing in %s (%s)\n", who, pid, folder, lock_path);
    while (flock(fd, LOCK_EX) != 0)
        if (errno != EINTR)
            return -1;
    return 0;
}

/* digits, then nothing or ".partial." and anything (atomic_file's name) */
static int pid_tail(const char *s, int partial_ok)
{
    size_t d = strspn(s, "0123456789");
    if (d == 0)
        return 0;
    return s[d] == '\0' || (partial_ok && strncmp(s + d, ".partial.", 9) == 0);
}

/* What a killed run left of the outputs in folder: their staging files and
 * second names. Only ours: measure's "<name>.partial.XXXXXX" stays. */
static void remove_leftovers(const output_set *s, const output_set_lock_item *lk)
{
    DIR *d = opendir(lk->folder);
    if (d == NULL)
        return;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        for (size_t i = 0; i < s->n; i++) {
            const char *stem = base_of(s->items[i].stem);
            size_t len = strlen(stem);
            if (strncmp(e->d_name, stem, len) != 0)
                continue;
            const char *rest = e->d_name + len;
            int ours = (strncmp(rest, ".staged.", 8) == 0 && pid_tail(rest + 8, 1)) ||
                       (strncmp(rest, ".old.", 5) == 0 && pid_tail(rest + 5, 0));
            if (!ours)
                continue;
            char path[PATH_MAX];
            if (snprintf(path, sizeof path, "%s/%s", lk->folder, e->d_name) < (int)sizeof path) {
                struct stat st;
                if (stat(path, &st) == 0 && st.st_dev == lk->dev && S_ISREG(st.st_mode)) /* in this folder */
                    unlink(path);
            }
            break;
        }
    closedir(d);
}

static int lock_folder(output_set *s, output_set_lock_item *lk, const char *who, rl_error *err)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", lk->folder, OUTPUT_SET_LOCK_NAME) >= (int)sizeof path)
        return rl_error_set(err, "path too long: %.200s", lk->folder);
    lk->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (lk->fd < 0)
        return rl_error_set(err, "cannot write in %s: %s (its lock %s)", lk->folder, strerror(errno), path);
    if (flock(lk->fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK || wait_for(lk->fd, who, lk->folder, path) != 0)
            return rl_error_set(err, "cannot lock %s: %s", path, strerror(errno));
    }
    remove_leftovers(s, lk);
    return 0;
}

int output_set_lock(output_set *s, const char *who, rl_error *err)
{
    if (collect_folders(s, err) != 0)
        return -1;
    for (size_t i = 0; i < s->nlocks; i++)
        if (lock_folder(s, &s->locks[i], who, err) != 0)
            return -1;
    return 0;
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
        if (!it->existed || S_ISDIR(st.st_mode) || (it->old = with_pid(it->stem, ".old.")) == NULL)
            continue;
        unlink(it->old); /* left by a run killed with this pid */
        if (interrupt_cleanup_add(it->old) != 0 || link(it->path, it->old) != 0) {
            interrupt_cleanup_forget(it->old);
            free(it->old);
            it->old = NULL;
        }
    }
}

static void drop_old_names(output_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->items[i].old != NULL) {
            unlink(s->items[i].old);
            interrupt_cleanup_forget(s->items[i].old);
        }
        free(s->items[i].old);
        s->items[i].old = NULL;
    }
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
            interrupt_cleanup_forget(it->old);
            free(it->old);
            it->old = NULL;
        } else if (!it->existed && unlink(it->path) == 0) {
            /* there was none: again there is none */
        } else {
            is_new[i] = 1;
        }
    }
}

static int commit(output_set *s, rl_error *err);

/* Ctrl-C waits for the renames: stopped halfway they leave a mix. */
int output_set_commit(output_set *s, rl_error *err)
{
    sigset_t saved;
    interrupt_hold(&saved);
    int rc = commit(s, err);
    interrupt_release(&saved);
    return rc;
}

static int commit(output_set *s, rl_error *err)
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
        interrupt_cleanup_forget(s->items[i].staged);
        if (s->items[i].old != NULL) {
            unlink(s->items[i].old);
            interrupt_cleanup_forget(s->items[i].old);
        }
        free(s->items[i].path);
        free(s->items[i].staged);
        free(s->items[i].old);
        free(s->items[i].stem);
    }
    for (size_t i = 0; i < s->ninputs; i++)
        free(s->inputs[i].path);
    for (size_t i = 0; i < s->nlocks; i++) {
        if (s->locks[i].fd >= 0)
            close(s->locks[i].fd); /* lets the flock go */
        free(s->locks[i].folder);
    }
    free(s->items);
    free(s->inputs);
    free(s->locks);
    memset(s, 0, sizeof *s);
}
