#include "outputs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "output_set.h"

/* mkdir -p: every prefix of path that ends at a '/' (and path itself). */
static int make_dirs(const char *path, rl_error *err)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return rl_error_set(err, "path too long: %.200s", path);
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        struct stat st;
        if (mkdir(buf, 0777) != 0 && (errno != EEXIST || stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)))
            return rl_error_set(err, "cannot create folder %s: %s", buf,
                                errno == EEXIST ? "a file is in the way" : strerror(errno));
        *p = saved;
        if (saved == '\0')
            return 0;
    }
}

static char *join(const char *dir, const char *name)
{
    size_t len = strlen(dir) + 1 + strlen(name) + 1;
    char *s = malloc(len);
    if (s != NULL)
        snprintf(s, len, "%s/%s", dir, name);
    return s;
}

/* Makes the folder that will hold outdir/rel. */
static int make_parent(const char *outdir, const char *rel, rl_error *err)
{
    char *full = join(outdir, rel);
    if (full == NULL)
        return rl_error_set(err, "out of memory");
    char *slash = strrchr(full, '/');
    *slash = '\0';
    int rc = make_dirs(full, err);
    free(full);
    return rc;
}

int outputs_prepare(output_set *set, const char *outdir, const output *outs, size_t n, const char *const *inputs,
                    size_t ninputs, rl_error *err)
{
    for (size_t i = 0; i < ninputs; i++)
        if (inputs[i] != NULL && output_set_input(set, inputs[i], err) != 0)
            return -1;
    for (size_t i = 0; i < n; i++) {
        char *full = join(outdir, outs[i].path);
        if (full == NULL)
            return rl_error_set(err, "out of memory");
        const char *staged = output_set_stage(set, full, err);
        free(full);
        if (staged == NULL)
            return -1;
    }
    return 0;
}

/* o written whole to staged, its staging file. */
static int write_one(const output *o, const char *staged, rl_error *err)
{
    atomic_file *af = atomic_file_open(staged, err);
    if (af == NULL)
        return -1;
    if (o->data.len > 0 && fwrite(o->data.data, 1, o->data.len, af->fp) != o->data.len) {
        rl_error_set(err, "cannot write %s: %s", af->temp_path, strerror(errno));
        atomic_file_abort(af);
        return -1;
    }
    return atomic_file_commit(af, err);
}

int outputs_commit(output_set *set, const char *outdir, const output *outs, size_t n, rl_error *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = make_parent(outdir, outs[i].path, err);
    if (rc == 0)
        rc = output_set_lock(set, "render", err);
    /* Every output written to its staging file, then all renamed into place
     * together (output_set.h); a failure anywhere leaves the earlier ones. */
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = write_one(&outs[i], set->items[i].staged, err);
    if (rc == 0)
        rc = output_set_commit(set, err);
    return rc;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* <folder of the running binary>/rel when it exists, else NULL (*oom set
 * when out of memory). */
static char *beside_binary(const char *rel, int *oom)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return NULL;
    *slash = '\0';
    char *candidate = join(exe, rel);
    if (candidate == NULL)
        *oom = 1;
    else if (access(candidate, R_OK) != 0) {
        free(candidate);
        candidate = NULL;
    }
    return candidate;
}

char *outputs_llm_file(const char *path, int *oom)
{
    *oom = 0;
    if (path != NULL && path[0] != '\0') {
        char *copy = strdup(path);
        *oom = copy == NULL;
        return copy;
    }
    char *found = beside_binary("../specs/llm/models.ini", oom);
    if (found != NULL || *oom || access("specs/llm/models.ini", R_OK) != 0)
        return found;
    found = strdup("specs/llm/models.ini");
    *oom = found == NULL;
    return found;
}

char *outputs_templates_dir(const char *dir)
{
    if (dir == NULL || dir[0] == '\0')
        dir = getenv("RL_TEMPLATE_DIR");
    if (dir != NULL && dir[0] != '\0')
        return strdup(dir);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            char *candidate = join(exe, "../templates");
            if (candidate == NULL || is_dir(candidate))
                return candidate;
            free(candidate);
        }
    }
    return strdup("templates");
}
