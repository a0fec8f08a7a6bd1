/* interrupt_cleanup: files a Ctrl-C must not leave behind.
 *
 * model and render stage every output before renaming them into place
 * (output_set.h). Killed by SIGINT, SIGTERM or SIGHUP while staging, they
 * left the staged files ("x.csv.staged.123", "x.csv.staged.123.partial.AbC")
 * and no later run removed them (issue 18). Each file is registered here
 * while it exists; interrupt_cleanup_install() makes those signals remove
 * every registered file, then end the process by the same signal, as its
 * default action would. A signal that was ignored on entry (nohup) stays
 * ignored.
 *
 * measure does not install it: a measurement cut short keeps its rows in
 * its partial file (atomic_file.h), which it names on the way out.
 *
 * The files sit in fixed slots (128) that a mutex guards, changed with
 * those signals held in the changing thread, so the handler never meets a
 * slot half-filled or memory freed under it (model writes its CSV on a
 * second thread); the handler only calls unlink(2), sigaction(2) and
 * raise(3), which are async-signal-safe.
 */
#ifndef INTERRUPT_CLEANUP_H
#define INTERRUPT_CLEANUP_H

#include <signal.h>

void interrupt_cleanup_install(void);

/* Removes path on a signal until interrupt_cleanup_forget(path); 0, or -1
 * out of memory (the file is then only not cleaned up). */
int interrupt_cleanup_add(const char *path);
void interrupt_cleanup_forget(const char *path);

/* Holds SIGINT, SIGTERM and SIGHUP back (while renaming the outputs into
 * place, so Ctrl-C cannot stop the commit halfway), and lets them through
 * again; a signal that came meanwhile is then handled. */
void interrupt_hold(sigset_t *saved);
void interrupt_release(const sigset_t *saved);

#endif
