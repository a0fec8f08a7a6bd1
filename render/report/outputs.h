/* outputs: the files of one render, held in memory and then written
 * together (internal to report/; see render.h). */
#ifndef RENDER_OUTPUTS_H
#define RENDER_OUTPUTS_H

#include <stddef.h>

#include "output_set.h"
#include "rl_error.h"
#include "sbuf.h"

typedef struct output {
    const char *path; /* relative to the output folder: "report.md", "fig/roofline.png" */
    sbuf data;
} output;

/* Names every input in set, then stages outdir/outs[i].path for each
 * output: an output that is an input, or another output, is refused here,
 * before anything is read or written (output_set.h). Creates nothing. */
int outputs_prepare(output_set *set, const char *outdir, const output *outs, size_t n, const char *const *inputs,
                    size_t ninputs, rl_error *err);

/* Creates outdir (and the folders of the paths) when missing, locks them
 * (a second render waits), writes every output to its staging file, and
 * only when all are written renames them into place, together
 * (output_set.h); on failure the earlier outputs are kept and no partial
 * file is left. set is the one outputs_prepare filled, with outs in the
 * same order. */
int outputs_commit(output_set *set, const char *outdir, const output *outs, size_t n, rl_error *err);

/* The templates folder: dir when given, else $RL_TEMPLATE_DIR, else
 * <folder of the running binary>/../templates when it exists, else
 * "templates". Returns a new string (free it), or NULL out of memory. */
char *outputs_templates_dir(const char *dir);

/* The LLM file: path when given, else <folder of the running binary>/
 * ../specs/llm/models.ini when it exists, else specs/llm/models.ini when
 * it exists. Returns a new string (free it), or NULL when there is none
 * (*oom set when out of memory). */
char *outputs_llm_file(const char *path, int *oom);

#endif
