/* atomic_file: outputs that appear whole or not at all.
 *
 * atomic_file_open() creates "<path>.partial.XXXXXX" beside the target, so a
 * run cut short leaves a clearly named partial file and never a truncated
 * target. atomic_file_commit() flushes, fsyncs and renames it over the
 * target; atomic_file_abort() removes it. Either call frees the handle.
 * While it exists the partial file is registered with interrupt_cleanup.h,
 * so a process that installed that handler removes it on Ctrl-C (measure
 * does not: its rows so far are what the partial file is for).
 */
#ifndef ATOMIC_FILE_H
#define ATOMIC_FILE_H

#include <stdio.h>

#include "rl_error.h"

typedef struct atomic_file {
    FILE *fp;          /* write through this */
    char *final_path;  /* owned */
    char *temp_path;   /* owned */
} atomic_file;

/* Returns a new handle, or NULL with err set. */
atomic_file *atomic_file_open(const char *path, rl_error *err);

/* 0 on success; on failure the temp file is removed and err set. */
int atomic_file_commit(atomic_file *af, rl_error *err);

void atomic_file_abort(atomic_file *af);

#endif
