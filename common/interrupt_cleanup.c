#include "interrupt_cleanup.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static const int SIGNALS[] = {SIGINT, SIGTERM, SIGHUP};
enum { NSIGNALS = sizeof SIGNALS / sizeof SIGNALS[0] };

/* The registered files: fixed slots, so the handler never meets memory
 * that another thread frees or moves (model writes its CSV on a thread of
 * its own). A slot is filled, then marked used; emptied by marking it
 * unused. Changes take the mutex, with the signals held in the thread
 * that makes them; the handler only reads. 128 slots: render has 39
 * outputs, each staged and, during the commit, given a second name. */
enum { SLOTS = 128 };
static struct {
    volatile sig_atomic_t used;
    char path[PATH_MAX];
} slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void on_signal(int sig)
{
    for (int i = 0; i < SLOTS; i++)
        if (slots[i].used)
            unlink(slots[i].path);
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
    pthread_sigmask(SIG_BLOCK, &set, saved);
}

void interrupt_release(const sigset_t *saved)
{
    pthread_sigmask(SIG_SETMASK, saved, NULL);
}

int interrupt_cleanup_add(const char *path)
{
    size_t len = strlen(path);
    if (len >= PATH_MAX)
        return -1;
    sigset_t saved;
    interrupt_hold(&saved);
    pthread_mutex_lock(&lock);
    int rc = -1;
    for (int i = 0; i < SLOTS && rc != 0; i++)
        if (!slots[i].used) {
            memcpy(slots[i].path, path, len + 1);
            atomic_thread_fence(memory_order_release); /* the path before the mark */
            slots[i].used = 1;
            rc = 0;
        }
    pthread_mutex_unlock(&lock);
    interrupt_release(&saved);
    return rc; /* -1: every slot taken; the file is then only not cleaned up */
}

void interrupt_cleanup_forget(const char *path)
{
    sigset_t saved;
    interrupt_hold(&saved);
    pthread_mutex_lock(&lock);
    for (int i = 0; i < SLOTS; i++)
        if (slots[i].used && strcmp(slots[i].path, path) == 0) {
            slots[i].used = 0;
            break;
        }
    pthread_mutex_unlock(&lock);
    interrupt_release(&saved);
}
