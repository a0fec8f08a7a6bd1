/* output_set: the outputs of one run, replaced together or not at all, as
 * far as POSIX allows.
 *
 * model writes a model CSV, a summary and decode predictions; render a
 * report in three formats and every chart in three. Renamed one by one as
 * each was finished, a failure midway left new outputs beside old ones. So:
 *
 *   1. output_set_stage() hands out a staging path, "<path>.partial.<pid>",
 *      for each output; the caller writes the whole output there (through
 *      atomic_file or csv_writer, so the staging file too appears whole).
 *   2. output_set_commit(), once every output is staged, renames them into
 *      place one after another. Before that it gives each existing output
 *      a second name, "<path>.old.<pid>" (a hard link), so that when a
 *      rename fails midway the outputs already replaced are put back:
 *      renamed back from that name, or removed when there was none before.
 *      Only when that too fails does a mix remain, and the error then says
 *      exactly which outputs are new and which are not:
 *        cannot rename out/fig/x.svg.partial.12 to out/fig/x.svg: Is a directory;
 *        out/report.md, out/report.pdf are new (this run's), out/fig/x.svg is as before
 *   3. Every staging and .old file is removed on the way out, on success and
 *      on failure alike; the folders of the outputs are synced after the
 *      renames.
 * POSIX has no rename of several files at once: another process reading
 * the outputs during step 2 can still see a mix for that moment.
 *
 * Returns 0, or -1 with err set (rl_error.h).
 */
#ifndef OUTPUT_SET_H
#define OUTPUT_SET_H

#include <stddef.h>

#include "rl_error.h"

typedef struct output_set_item {
    char *path;   /* the output */
    char *staged; /* where it is written first */
    char *old;    /* the earlier output's second name during commit, or NULL */
    int existed;  /* an earlier output was there when the commit began */
} output_set_item;

typedef struct output_set {
    output_set_item *items;
    size_t n, cap;
} output_set;

void output_set_init(output_set *s);

/* The staging path for the output path (owned by the set), or NULL with err
 * set: out of memory, or path already in the set ("-o and -s name one file"). */
const char *output_set_stage(output_set *s, const char *path, rl_error *err);

/* Renames every staged output into place, as above. */
int output_set_commit(output_set *s, rl_error *err);

/* Removes whatever staging files are left and frees the set; call it after
 * output_set_commit and on every path that does not commit. */
void output_set_free(output_set *s);

/* rename(2) as output_set_commit calls it; tests swap in a failing one. */
extern int (*output_set_rename)(const char *from, const char *to);

#endif
