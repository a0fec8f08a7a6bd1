#include "atomic_file.h"

#include "interrupt_cleanup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dup_printf2(const char *a, const char *b)
{
    size_t len = strlen(a) + strlen(b) + 1;
    char *s = malloc(len);
    if (s != NULL)
        snprintf(s, len, "%s%s", a, b);
    return s;
}

static void atomic_file_free(atomic_file *af)
{
    free(af->final_path);
    free(af->temp_path);
    free(af);
}

atomic_file *atomic_file_open(const char *path, rl_error *err)
{
    atomic_file *af = calloc(1, sizeof *af);
    if (af == NULL) {
        rl_error_set(err, "out of memory opening %s", path);
        return NULL;
    }
    af->final_path = dup_printf2(path, "");
    af->temp_path = dup_printf2(path, ".partial.XXXXXX");
    if (af->final_path == NULL || af->temp_path == NULL) {
        rl_error_set(err, "out of memory opening %s", path);
        atomic_file_free(af);
        return NULL;
    }
    sigset_t saved; /* created and registered together: a Ctrl-C between them would leave it */
    interrupt_hold(&saved);
    int fd = mkstemp(af->temp_path);
    if (fd >= 0)
        (void)interrupt_cleanup_add(af->temp_path);
    interrupt_release(&saved);
    if (fd < 0) {
        rl_error_set(err, "cannot create %s: %s", af->temp_path, strerror(errno));
        atomic_file_free(af);
        return NULL;
    }
    /* mkstemp makes 0600; a finished output gets the usual 0666 & ~umask. */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    af->fp = fdopen(fd, "w");
    if (af->fp == NULL) {
        rl_error_set(err, "cannot open %s: %s", af->temp_path, strerror(errno));
        close(fd);
        unlink(af->temp_path);
        interrupt_cleanup_forget(af->temp_path);
        atomic_file_free(af);
        return NULL;
    }
    return af;
}

int atomic_file_commit(atomic_file *af, rl_error *err)
{
    int rc = 0;
    /* fflush and fsync surface a full disk here, before the rename. */
    if (fflush(af->fp) != 0 || ferror(af->fp) || fsync(fileno(af->fp)) != 0)
        rc = rl_error_set(err, "cannot write %s: %s", af->temp_path, strerror(errno));
    if (fclose(af->fp) != 0 && rc == 0)
        rc = rl_error_set(err, "cannot close %s: %s", af->temp_path, strerror(errno));
    if (rc == 0 && rename(af->temp_path, af->final_path) != 0)
        rc = rl_error_set(err, "cannot rename %s to %s: %s", af->temp_path, af->final_path,
                          strerror(errno));
    if (rc != 0)
        unlink(af->temp_path);
    interrupt_cleanup_forget(af->temp_path);
    atomic_file_free(af);
    return rc;
}

void atomic_file_abort(atomic_file *af)
{
    if (af == NULL)
        return;
    fclose(af->fp);
    unlink(af->temp_path);
    interrupt_cleanup_forget(af->temp_path);
    atomic_file_free(af);
}
