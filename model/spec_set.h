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
 */
#ifndef SPEC_SET_H
#define SPEC_SET_H

#include <stddef.h>

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

/* Writes "id1, id2, ..." into buf (truncated to len). */
void hw_spec_set_ids(const hw_spec_set *set, char *buf, size_t len);

#endif
