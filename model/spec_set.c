#include "spec_set.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_spec_name(const char *name)
{
    size_t len = strlen(name);
    return name[0] != '.' && len > 4 && strcmp(name + len - 4, ".ini") == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/* The sorted *.ini names in dir. */
static int list_specs(const char *dir, char ***out, size_t *count, rl_error *err)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return rl_error_set(err, "cannot open specs directory %s: %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (!is_spec_name(e->d_name))
            continue;
        char **grown = realloc(names, (n + 1) * sizeof *grown);
        if (grown == NULL || (grown[n] = strdup(e->d_name)) == NULL) {
            names = grown ? grown : names;
            rc = rl_error_set(err, "out of memory listing %s", dir);
            break;
        }
        names = grown;
        n++;
    }
    closedir(d);
    if (rc != 0) {
        free_names(names, n);
        return -1;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, compare_names);
    *out = names;
    *count = n;
    return 0;
}

static int load_one(hw_spec *spec, const char *dir, const char *name, rl_error *err)
{
    size_t len = strlen(dir) + 1 + strlen(name) + 1;
    char *path = malloc(len);
    if (path == NULL)
        return rl_error_set(err, "out of memory loading %s", name);
    snprintf(path, len, "%s/%s", dir, name);
    int rc = hw_spec_load(spec, path, err);
    free(path);
    return rc;
}

int hw_spec_set_load(hw_spec_set *set, const char *dir, rl_error *err)
{
    memset(set, 0, sizeof *set);
    char **names = NULL;
    size_t n = 0;
    if (list_specs(dir, &names, &n, err) != 0)
        return -1;
    if (n == 0) {
        free_names(names, n);
        return rl_error_set(err, "no hardware specs (*.ini) in %s", dir);
    }
    set->specs = calloc(n, sizeof *set->specs);
    int rc = set->specs == NULL ? rl_error_set(err, "out of memory loading specs") : 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = load_one(&set->specs[i], dir, names[i], err);
        if (rc == 0)
            set->count = i + 1;
    }
    free_names(names, n);
    if (rc != 0)
        hw_spec_set_free(set);
    return rc;
}

void hw_spec_set_free(hw_spec_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        hw_spec_free(&set->specs[i]);
    free(set->specs);
    memset(set, 0, sizeof *set);
}

const hw_spec *hw_spec_set_find(const hw_spec_set *set, const char *id)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->specs[i].id, id) == 0)
            return &set->specs[i];
    return NULL;
}

const hw_spec *hw_spec_set_match(const hw_spec_set *set, const char *device, const hw_spec **tie)
{
    const hw_spec *best = NULL, *second = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < set->count; i++) {
        size_t len = hw_spec_match_length(&set->specs[i], device);
        if (len > best_len) {
            best = &set->specs[i];
            best_len = len;
            second = NULL;
        } else if (len > 0 && len == best_len) {
            second = &set->specs[i];
        }
    }
    if (tie != NULL)
        *tie = second;
    return best;
}

void hw_spec_set_ids(const hw_spec_set *set, char *buf, size_t len)
{
    if (len == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < set->count; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", i ? ", " : "", set->specs[i].id);
    }
}
