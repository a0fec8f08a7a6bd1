#include "chart_parts.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct mark_key {
    int64_t x, y, y2;
    uint64_t colour;
    int shape, style;
} mark_key;

static int64_t cell_of(double v)
{
    return isnan(v) ? INT64_MIN : (int64_t)llround(v / CHART_MARK_QUANTUM);
}

static mark_key key_of(const chart_mark *m)
{
    mark_key k = {cell_of(m->x), cell_of(m->y), cell_of(m->y2), 0, m->shape, m->style};
    /* the colour's channels, each to 1/65535 */
    k.colour = (uint64_t)llround(m->colour.r * 65535.0) << 48 | (uint64_t)llround(m->colour.g * 65535.0) << 32 |
               (uint64_t)llround(m->colour.b * 65535.0) << 16 | (uint64_t)llround(m->colour.a * 65535.0);
    return k;
}

static uint64_t hash_key(const mark_key *k)
{
    uint64_t h = 14695981039346656037ull;
    const uint64_t parts[6] = {(uint64_t)k->x, (uint64_t)k->y, (uint64_t)k->y2, k->colour, (uint64_t)k->shape,
                               (uint64_t)k->style};
    for (int i = 0; i < 6; i++)
        h = (h ^ parts[i]) * 1099511628211ull;
    return h ^ (h >> 29);
}

static int same_key(const mark_key *a, const mark_key *b)
{
    return a->x == b->x && a->y == b->y && a->y2 == b->y2 && a->colour == b->colour && a->shape == b->shape &&
           a->style == b->style;
}

int chart_marks_keep_last(const chart_mark *marks, size_t n, unsigned char *keep)
{
    if (n < CHART_MARKS_MERGE_FROM) {
        for (size_t i = 0; i < n; i++)
            keep[i] = 1;
        return 0;
    }
    size_t nslots = 16;
    while (nslots < 2 * n)
        nslots *= 2;
    size_t *slot = malloc(nslots * sizeof *slot); /* the last mark of a key, + 1; 0 free */
    mark_key *keys = malloc((n + 1) * sizeof *keys);
    for (size_t i = 0; i < n; i++)
        keep[i] = 1;
    if (slot == NULL || keys == NULL) {
        free(slot);
        free(keys);
        return -1;
    }
    memset(slot, 0, nslots * sizeof *slot);
    for (size_t i = 0; i < n; i++) {
        keys[i] = key_of(&marks[i]);
        if (isnan(marks[i].x) || isnan(marks[i].y))
            continue; /* not drawn: nothing to cover */
        size_t s = (size_t)hash_key(&keys[i]) & (nslots - 1);
        while (slot[s] != 0 && !same_key(&keys[slot[s] - 1], &keys[i]))
            s = (s + 1) & (nslots - 1);
        if (slot[s] != 0)
            keep[slot[s] - 1] = 0; /* a later one covers it */
        slot[s] = i + 1;
    }
    free(slot);
    free(keys);
    return 0;
}
