/* spec_set: every hardware spec of a directory, and device matching.
 *
 * hw_spec_set_load() reads every *.ini of dir (sorted by name, so listings
 * and ties are stable) and fails on the first bad file, naming its line: a
 * broken spec is never skipped silently. A directory with no spec is an
 * error. The set owns its specs; hw_spec_set_free() releases them.
 *
 * Matching: a device name matches a spec when one of the spec's match
 * strings occurs in it, ignoring case. The spec with the longest matching
 * string wins, so a later "H200 NVL" spec beats a plain "H200" one.
 *
 * A name is not always enough: CUDA calls every Jetson Orin GPU "Orin"
 * (an Orin Nano 4GB, an 8GB, an 8GB on JetPack 6.2's Super table, an NX,
 * an AGX). hw_spec_set_pick() therefore matches what a raw row says of its
 * device, each fact only where the row knows it:
 *   1. the name, as above (every spec that matches at all);
 *   2. the SM count: the spec's, or one of its modes' (a Jetson mode that
 *      power-gates TPCs may leave fewer);
 *   3. the memory: within 25% of the spec's memory_bytes (CUDA reports
 *      less than the datasheet: ECC, carve-outs, a Jetson's OS; never half
 *      or double);
 *   4. the mode table: the specs whose match_nvpmodel_conf lines hold the
 *      row's nvpmodel_conf win; if none does, the specs that list no table
 *      remain (a spec that lists others is not this board's). A row without
 *      nvpmodel_conf: the same with its l4t_release and the specs' ranges
 *      [l4t_min, l4t_below);
 *   5. where several remain, those that have the row's power mode;
 *   6. the longest name match. A tie, or no spec left, is an error that
 *      says which fact ruled the others out, and suggests --device.
 */
#ifndef SPEC_SET_H
#define SPEC_SET_H

#include <stddef.h>
#include <stdint.h>

#include "rl_error.h"
#include "spec.h"

typedef struct hw_spec_set {
    hw_spec *specs;
    size_t count;
} hw_spec_set;

int hw_spec_set_load(hw_spec_set *set, const char *dir, rl_error *err);
void hw_spec_set_free(hw_spec_set *set);

/* The spec whose id is id, or NULL. */
const hw_spec *hw_spec_set_find(const hw_spec_set *set, const char *id);

/* The best match for device, or NULL. When two specs match equally well,
 * *tie (if not NULL) is set to the second one, else to NULL. */
const hw_spec *hw_spec_set_match(const hw_spec_set *set, const char *device, const hw_spec **tie);

/* What a raw row says of its device; 0, NULL or "": not known. */
typedef struct hw_device_facts {
    const char *name;
    uint64_t sm_count;
    uint64_t memory_bytes;
    const char *power_mode;
    const char *nvpmodel_conf;
    const char *l4t_release;
} hw_device_facts;

/* The one spec that fits dev (steps above), or -1 with err saying why. */
int hw_spec_set_pick(const hw_spec_set *set, const hw_device_facts *dev, const hw_spec **out, rl_error *err);

/* Writes "id1, id2, ..." into buf (truncated to len). */
void hw_spec_set_ids(const hw_spec_set *set, char *buf, size_t len);

#endif
