#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

void *grow_array(void *array, size_t *cap, size_t size, size_t first)
{
    if (*cap > SIZE_MAX / 2)
        return NULL;
    size_t want = *cap ? 2 * *cap : first;
    if (size != 0 && want > SIZE_MAX / size)
        return NULL;
    void *grown = realloc(array, want * size);
    if (grown != NULL)
        *cap = want;
    return grown;
}
