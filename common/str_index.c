#include "str_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

void str_index_init(str_index *ix, size_t parts)
{
    memset(ix, 0, sizeof *ix);
    ix->parts = parts;
}

static uint64_t hash_key(const str_index *ix, const char *const *key)
{
    uint64_t h = 14695981039346656037ull; /* FNV-1a, a part's end marked */
    for (size_t p = 0; p < ix->parts; p++) {
        for (const unsigned char *c = (const unsigned char *)(key[p] != NULL ? key[p] : ""); *c != '\0'; c++)
            h = (h ^ *c) * 1099511628211ull;
        h = (h ^ (key[p] != NULL ? 0x1fu : 0x1eu)) * 1099511628211ull;
    }
    return h;
}

static int same_key(const str_index *ix, size_t i, const char *const *key)
{
    const char *const *have = ix->keys + i * ix->parts;
    for (size_t p = 0; p < ix->parts; p++) {
        if (have[p] == key[p])
            continue;
        if (have[p] == NULL || key[p] == NULL || strcmp(have[p], key[p]) != 0)
            return 0;
    }
    return 1;
}

/* The slot of key: where it is, or the empty one where it would go. */
static size_t find_slot(const str_index *ix, const char *const *key)
{
    size_t mask = ix->nslots - 1, i = (size_t)hash_key(ix, key) & mask;
    while (ix->slot[i] != 0 && !same_key(ix, ix->slot[i] - 1, key))
        i = (i + 1) & mask;
    return i;
}

static int grow(str_index *ix)
{
    size_t nslots = ix->nslots ? 2 * ix->nslots : 64;
    size_t *slot = calloc(nslots, sizeof *slot);
    if (slot == NULL)
        return -1;
    free(ix->slot);
    ix->slot = slot;
    ix->nslots = nslots;
    for (size_t k = 0; k < ix->count; k++)
        ix->slot[find_slot(ix, ix->keys + k * ix->parts)] = k + 1;
    return 0;
}

size_t str_index_put(str_index *ix, const char *const *key)
{
    if (2 * (ix->count + 1) > ix->nslots && grow(ix) != 0)
        return STR_INDEX_NONE;
    size_t i = find_slot(ix, key);
    if (ix->slot[i] != 0)
        return ix->slot[i] - 1;
    if (ix->count == ix->cap) {
        const char **keys = grow_array(ix->keys, &ix->cap, ix->parts * sizeof *keys, 16);
        if (keys == NULL)
            return STR_INDEX_NONE;
        ix->keys = keys;
    }
    memcpy(ix->keys + ix->count * ix->parts, key, ix->parts * sizeof *key);
    ix->slot[i] = ++ix->count;
    return ix->count - 1;
}

size_t str_index_get(const str_index *ix, const char *const *key)
{
    if (ix->nslots == 0)
        return STR_INDEX_NONE;
    size_t i = find_slot(ix, key);
    return ix->slot[i] != 0 ? ix->slot[i] - 1 : STR_INDEX_NONE;
}

void str_index_free(str_index *ix)
{
    free(ix->keys);
    free(ix->slot);
    memset(ix, 0, sizeof *ix);
}
