/* str_index: keys of a few strings (a run_id and a device, a kernel and a
 * format...) numbered in the order they are first put, found by hashing.
 *
 * model and render group rows by run and by shape; scanning every row, or
 * every group, for every row made them quadratic (issue 18: 100k rows in
 * 641 runs took model 118 s). Index once, then look up: put each row's
 * key, keep the number it gets.
 *
 * The index borrows the strings of its keys (NULL is a key part of its
 * own, apart from ""): they must outlive it. str_index_free() releases
 * what it owns.
 */
#ifndef STR_INDEX_H
#define STR_INDEX_H

#include <stddef.h>

#define STR_INDEX_NONE ((size_t)-1)

typedef struct str_index {
    size_t parts;      /* strings in a key */
    const char **keys; /* count * parts, borrowed strings */
    size_t count, cap;
    size_t *slot;      /* open addressing: key number + 1, or 0 */
    size_t nslots;
} str_index;

void str_index_init(str_index *ix, size_t parts);
/* The number of key (parts strings): its own when put before, else the
 * next one (count before the call). STR_INDEX_NONE when out of memory. */
size_t str_index_put(str_index *ix, const char *const *key);
/* The number of key, or STR_INDEX_NONE when it was never put. */
size_t str_index_get(const str_index *ix, const char *const *key);
void str_index_free(str_index *ix);

#endif
