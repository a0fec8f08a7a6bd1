/* output_set: the outputs of one run, replaced together or not at all, as
 * far as POSIX allows; never one of the run's inputs, and never two runs
 * at once in one folder.
 *
 * model writes a model CSV, a summary and decode predictions; render a
 * report in three formats and every chart in three. Renamed one by one as
 * each was finished, a failure midway left new outputs beside old ones. So:
 *
 *   0. output_set_input() names each file the run reads. output_set_stage()
 *      refuses an output that is one of them, or another output: compared
 *      by device and inode (the folder's, and the name, for an output not
 *      there yet), not by spelling, so "-s ./x.csv" and a link are caught
 *      too. `model -o m.csv -s archive/x.csv archive/x.csv` wrote the
 *      summary over the archived measurement and exited 0 (issue 18):
 *        output archive/x.csv is the input archive/x.csv (one file: device
 *        8:1, inode 1234): name another output
 *   1. output_set_stage() hands out a staging path, "<path>.staged.<pid>",
 *      for each output; the caller writes the whole output there (through
 *      atomic_file or csv_writer, so the staging file too appears whole).
 *      A name too long for that suffix is shortened, and a hash of it
 *      keeps it apart ("<first 190 bytes>~<16 hex>.staged.<pid>").
 *   2. output_set_lock() takes an exclusive flock(2) on ".roofline.lock" in
 *      each folder the outputs go to (in one order, so two runs cannot
 *      wait for each other); a second run waits for the first, saying so:
 *        render: waiting: another run (pid 4242) is writing in out (out/.roofline.lock)
 *      Holding the lock it removes what a killed run left of these outputs
 *      (their "<name>.staged.<pid>*" and "<name>.old.<pid>" files: measure's
 *      partial files, "<name>.partial.XXXXXX", are never touched). Every
 *      staging file is registered with interrupt_cleanup.h: Ctrl-C removes
 *      them.
 *   3. output_set_commit(), once every output is staged, renames them into
 *      place one after another, with Ctrl-C held back until it is done.
 *      Before that it gives each existing output a second name,
 *      "<path>.old.<pid>" (a hard link), so that when a rename fails midway
 *      the outputs already replaced are put back: renamed back from that
 *      name, or removed when there was none before. Only when that too
 *      fails does a mix remain, and the error then says exactly which
 *      outputs are new and which are not:
 *        cannot rename out/fig/x.svg.staged.12 to out/fig/x.svg: Is a directory;
 *        out/report.md, out/report.pdf are new (this run's), out/fig/x.svg is as before
 *   4. Every staging and .old file is removed on the way out, on success and
 *      on failure alike; the folders of the outputs are synced after the
 *      renames; output_set_free() lets the locks go.
 * POSIX has no rename of several files at once: another process reading
 * the outputs during step 3 can still see a mix for that moment.
 *
 * Returns 0, or -1 with err set (rl_error.h).
 */
#ifndef OUTPUT_SET_H
#define OUTPUT_SET_H

#include <stddef.h>
#include <sys/types.h>

#include "rl_error.h"

/* Where a file is: its device and inode; for an output not there yet, its
 * folder's, and its name. */
typedef struct file_key {
    dev_t dev;
    ino_t ino;
    const char *name; /* NULL when the file exists */
} file_key;

typedef struct output_set_item {
    char *path;   /* the output */
    char *staged; /* where it is written first */
    char *old;    /* the earlier output's second name during commit, or NULL */
    int existed;  /* an earlier output was there when the commit began */
    file_key key;
    char *stem; /* the staging name's start, in the output's folder */
} output_set_item;

typedef struct output_set_input_item {
    char *path;
    file_key key;
} output_set_input_item;

typedef struct output_set_lock_item {
    int fd;
    dev_t dev;
    ino_t ino;
    char *folder;
} output_set_lock_item;

typedef struct output_set {
    output_set_item *items;
    size_t n, cap;
    output_set_input_item *inputs;
    size_t ninputs;
    output_set_lock_item *locks;
    size_t nlocks;
} output_set;

#define OUTPUT_SET_LOCK_NAME ".roofline.lock"

void output_set_init(output_set *s);

/* Names a file the run reads. A path that cannot be looked at (absent,
 * unreadable) is left to its reader to report: 0. -1 out of memory. */
int output_set_input(output_set *s, const char *path, rl_error *err);

/* The staging path for the output path (owned by the set), or NULL with err
 * set: out of memory, path is an input (output_set_input) or already in
 * the set, as a file (device and inode) rather than as a spelling. */
const char *output_set_stage(output_set *s, const char *path, rl_error *err);

/* Locks every output's folder (each must exist by now), waiting for
 * another run that holds one, and removes what killed runs left of these
 * outputs. who names the program in the note printed while waiting. */
int output_set_lock(output_set *s, const char *who, rl_error *err);

/* Renames every staged output into place, as above. */
int output_set_commit(output_set *s, rl_error *err);

/* Removes whatever staging files are left, lets the locks go and frees the
 * set; call it after output_set_commit and on every path that does not
 * commit. */
void output_set_free(output_set *s);

/* rename(2) as output_set_commit calls it; tests swap in a failing one. */
extern int (*output_set_rename)(const char *from, const char *to);

#endif
