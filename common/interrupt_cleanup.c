#include "interrupt_cleanup.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const int SIGNALS[] = {SIGINT, SIGTERM, SIGHUP};
enum { NSIGNALS = sizeof SIGNALS / sizeof SIGNALS[0] };

/* The registered files; changed only with SIGNALS held. */
static char **files;
static size_t nfiles, cap;

static void on_signal(int sig)
{
    for (size_t i = 0; i < nfiles; i++)
        unlink(files[i]);
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig); /* delivered when the handler returns: the process ends by sig */
}

void interrupt_cleanup_install(void)
{
    struct sigaction sa = {.sa_handler = on_signal}, old;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < NSIGNALS; i++)
        sigaddset(&sa.sa_mask, SIGNALS[i]); /* one handler at a time */
    for (int i = 0; i < NSIGNALS; i++)
        if (sigaction(SIGNALS[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(SIGNALS[i], &sa, NULL);
}

void interrupt_hold(sigset_t *saved)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < NSIGNALS; i++)
        sigaddset(&set, SIGNALS[i]);
    sigprocmask(SIG_BLOCK, &set, saved);
}

void interrupt_release(const sigset_t *saved)
{
    sigprocmask(SIG_SETMASK, saved, NULL);
}

int interrupt_cleanup_add(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return -1;
    sigset_t saved;
    interrupt_hold(&saved);
    int rc = 0;
    if (nfiles == cap) {
        size_t want = cap ? 2 * cap : 64;
        char **grown = realloc(files, want * sizeof *grown);
        if (grown == NULL)
            rc = -1;
        else {
            files = grown;
            cap = want;
        }
    }
    if (rc == 0)
        files[nfiles++] = copy;
    else
        free(copy);
    interrupt_release(&saved);
    return rc;
}

void interrupt_cleanup_forget(const char *path)
{
    sigset_t saved;
    interrupt_hold(&saved);
    for (size_t i = nfiles; i-- > 0;)
        if (strcmp(files[i], path) == 0) {
            free(files[i]);
            files[i] = files[--nfiles];
            break;
        }
    if (nfiles == 0) { /* nothing registered: give the table back */
        free(files);
        files = NULL;
        cap = 0;
    }
    interrupt_release(&saved);
}
