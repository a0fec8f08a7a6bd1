/* grow: the doubling step of a realloc'd array built one element at a time.
 *
 * Such arrays keep a count n and a capacity cap next to the pointer; when
 * n reaches cap, the capacity doubles (from first when the array is still
 * empty). grow_array() is that step, once, with the size checked for
 * overflow:
 *
 *     if (g->n == g->cap) {
 *         size_t *rows = grow_array(g->rows, &g->cap, sizeof *rows, 64);
 *         if (rows == NULL)
 *             return -1;
 *         g->rows = rows;
 *     }
 *     g->rows[g->n++] = i;
 */
#ifndef GROW_H
#define GROW_H

#include <stddef.h>

/* array (NULL while empty, else room for *cap elements of size bytes)
 * reallocated to twice *cap elements (first when *cap is 0), *cap updated.
 * NULL when out of memory or the size would not fit a size_t: array and
 * *cap are unchanged then. */
void *grow_array(void *array, size_t *cap, size_t size, size_t first);

#endif
