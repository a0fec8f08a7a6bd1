/* decode_plan: the kernel launches of one measured decode step of an LLM
 * (llm_config.h), in order, and what they count. Pure C: measure runs the
 * plan on the GPU, the tests and model count with it.
 *
 * A step is one token's weight traffic at batch B (B tokens at once):
 * layer by layer every GEMV of the layer list, then the LM head. No
 * attention, norms or activations: the step measures the GEMVs, which move
 * nearly all of a token's bytes at short context.
 *
 * Weights. Every layer has its own. One matrix per shared_input group (its
 * GEMVs' rows stacked in list order, as serving engines store q/k/v and
 * gate/up) or per lone GEMV, and one for the LM head.
 *
 * Launches. Fused: one launch per matrix. Unfused: one per GEMV, on its
 * rows of the stacked matrix (the same bytes and values). Each launch
 * writes its own output, [B][n] fp16.
 *
 * Inputs. The values do not matter, the traffic and the order do, so each
 * launch reads what an earlier one wrote: the first K x B values of the
 * output of the nearest launch before its group whose output holds at
 * least K x B values, read as [B][K]; where there is none (the first
 * layer's first group), the step's input x0, [B][input_k]. All GEMVs of a
 * shared_input group read the same input. In a Llama layer: q/k/v read the
 * previous layer's down_proj, o_proj the q part of q/k/v, gate/up o_proj's
 * output, down_proj the gate part of gate/up.
 *
 * Counting: bytes and flop are the sum over the launches of the GEMV rule
 * (workloads.h) at each launch's n, k and B, so a fused launch reads its
 * input once; weight_bytes are the stored matrices (codes, scales, zeros).
 *
 * decode_plan_build() allocates; decode_plan_free() releases. Errors follow
 * rl_error.h.
 */
#ifndef DECODE_PLAN_H
#define DECODE_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "formats.h"
#include "llm_config.h"
#include "rl_error.h"

/* How a step's launches run (one table; measure times a row per scheme,
 * model predicts each). Every scheme runs the step as one CUDA graph. */
typedef struct decode_scheme {
    const char *name;
    int fused; /* GEMVs that share an input (shared_input groups) stacked into one launch */
    int pdl;   /* each launch a programmatic dependent of the one before: it starts while that one
                  finishes and waits before reading its input (compute capability 9.0 on) */
} decode_scheme;

/* clang-format off */
#define DECODE_SCHEMES(X) \
    X(DECODE_GRAPH,           "graph",           0, 0) \
    X(DECODE_GRAPH_PDL,       "graph_pdl",       0, 1) \
    X(DECODE_GRAPH_FUSED,     "graph_fused",     1, 0) \
    X(DECODE_GRAPH_FUSED_PDL, "graph_fused_pdl", 1, 1)
/* clang-format on */

#define DECODE_SCHEME_ENUM(id, name, fused, pdl) id,
typedef enum decode_scheme_id { DECODE_SCHEMES(DECODE_SCHEME_ENUM) DECODE_SCHEME_COUNT } decode_scheme_id;
#undef DECODE_SCHEME_ENUM

extern const decode_scheme DECODE_SCHEME_TABLE[DECODE_SCHEME_COUNT];

/* The scheme called name, or NULL. */
const decode_scheme *decode_scheme_find(const char *name);

typedef struct decode_matrix {
    uint64_t layer;  /* 0-based; for the LM head, the plan's layers_run */
    size_t gemv;     /* index of its first GEMV in the layer list; ngemvs for the LM head */
    size_t members;  /* GEMVs stacked */
    uint64_t n, k;   /* rows of all members, reduction length */
} decode_matrix;

typedef struct decode_launch {
    size_t matrix;   /* the matrix it reads */
    uint64_t row0;   /* its first row in that matrix */
    uint64_t n, k;
    long input;      /* launch whose output it reads; -1: the step input x0 */
} decode_launch;

typedef struct decode_plan {
    uint64_t batch, layers_run;
    int fused;
    decode_matrix *matrices;
    size_t nmatrices;
    decode_launch *launches;
    size_t nlaunches;
    uint64_t input_k;      /* columns of x0: the longest K that reads it */
    uint64_t weight_bytes; /* every matrix as stored in the format */
    uint64_t bytes, flop;  /* of the whole step */
} decode_plan;

/* The plan for layers_run layers (1 .. m->layers) of m, plus the LM head,
 * in format f at batch 1 .. 16. -1 when a shape does not suit the format
 * (K not a multiple of its packing or group size), batch or layers_run is
 * out of range, a count would pass 2^64, or memory runs out. */
int decode_plan_build(decode_plan *p, const llm_config *m, const weight_format *f, uint64_t batch,
                      uint64_t layers_run, int fused, rl_error *err);
void decode_plan_free(decode_plan *p);

/* The most layers (at most m->layers) whose plan fits in budget_bytes with
 * weight_copies copies of the weights (rotated to keep L2 cold) and one
 * set of activations and outputs; 0 when not even one layer does. */
uint64_t decode_layers_that_fit(const llm_config *m, const weight_format *f, uint64_t batch, int fused,
                                uint64_t weight_copies, uint64_t budget_bytes);

/* Device bytes the plan needs: weight_copies copies of the weights, x0 and
 * every launch's output. */
uint64_t decode_plan_device_bytes(const decode_plan *p, uint64_t weight_copies);

#endif
