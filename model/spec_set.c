#include "spec_set.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* --- picking by everything a row says (spec_set.h) */

enum { PICK_MAX = 64 };

typedef struct pick {
    const hw_spec *spec[PICK_MAX];
    size_t len[PICK_MAX]; /* name match length */
    size_t n;
} pick;

static void pick_ids(const pick *p, char *buf, size_t len)
{
    buf[0] = '\0';
    for (size_t i = 0; i < p->n; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", i ? ", " : "", p->spec[i]->id);
    }
}

/* Keeps the candidates that pass keep(); with only_narrow, a filter that
 * would keep none keeps all. Returns how many were kept. */
static size_t narrow(pick *p, int (*keep)(const hw_spec *, const hw_device_facts *), const hw_device_facts *d,
                     int only_narrow)
{
    pick q = {.n = 0};
    for (size_t i = 0; i < p->n; i++)
        if (keep(p->spec[i], d)) {
            q.spec[q.n] = p->spec[i];
            q.len[q.n++] = p->len[i];
        }
    if (q.n > 0 || !only_narrow)
        *p = q;
    return q.n;
}

static int has_sm_count(const hw_spec *s, uint64_t sms)
{
    if (s->sm_count == sms)
        return 1;
    for (size_t i = 0; i < s->nmodes; i++)
        if (s->modes[i].sm_count == sms)
            return 1;
    return 0;
}

/* Within 25%: row in (0.75, 1.25] x spec. */
static int has_memory(const hw_spec *s, uint64_t bytes)
{
    double r = (double)bytes / (double)s->memory_bytes;
    return r > 0.75 && r <= 1.25;
}

/* Releases "A.B.C" by number, missing parts 0. */
static int release_cmp(const char *a, const char *b)
{
    for (int i = 0; i < 3; i++) {
        char *ea, *eb;
        unsigned long x = strtoul(a, &ea, 10), y = strtoul(b, &eb, 10);
        if (x != y)
            return x < y ? -1 : 1;
        a = *ea == '.' ? ea + 1 : ea;
        b = *eb == '.' ? eb + 1 : eb;
    }
    return 0;
}

/* The row's table is one this spec lists (conf), or its release lies in
 * the spec's range (l4t). */
static int lists_table(const hw_spec *s, const hw_device_facts *d)
{
    for (size_t i = 0; i < s->ntables; i++)
        if (strcasecmp(s->tables[i], d->nvpmodel_conf) == 0)
            return 1;
    return 0;
}

static int in_release_range(const hw_spec *s, const hw_device_facts *d)
{
    if (s->l4t_min == NULL && s->l4t_below == NULL)
        return 0;
    return (s->l4t_min == NULL || release_cmp(d->l4t_release, s->l4t_min) >= 0) &&
           (s->l4t_below == NULL || release_cmp(d->l4t_release, s->l4t_below) < 0);
}

/* Specs that state no tables (no releases) say nothing against a row. */
static int silent_on_table(const hw_spec *s, const hw_device_facts *d)
{
    (void)d;
    return s->ntables == 0;
}

static int silent_on_release(const hw_spec *s, const hw_device_facts *d)
{
    (void)d;
    return s->l4t_min == NULL && s->l4t_below == NULL;
}

/* Step 4: the specs that list the row's table win; failing those, the
 * ones that list no table at all (a table they do not list rules a spec
 * out). The same with the L4T release where the row names no table. */
static size_t narrow_by_table(pick *p, const hw_device_facts *d)
{
    int by_conf = d->nvpmodel_conf != NULL && d->nvpmodel_conf[0] != '\0';
    int by_l4t = !by_conf && d->l4t_release != NULL && d->l4t_release[0] != '\0';
    if (!by_conf && !by_l4t)
        return p->n;
    pick q = *p;
    if (narrow(&q, by_conf ? lists_table : in_release_range, d, 0) > 0) {
        *p = q;
        return p->n;
    }
    return narrow(p, by_conf ? silent_on_table : silent_on_release, d, 0);
}

static int has_mode(const hw_spec *s, const hw_device_facts *d)
{
    return hw_spec_find_mode(s, d->power_mode) != NULL;
}

static int keep_sms(const hw_spec *s, const hw_device_facts *d)
{
    return has_sm_count(s, d->sm_count);
}

static int keep_memory(const hw_spec *s, const hw_device_facts *d)
{
    return has_memory(s, d->memory_bytes);
}

/* The longest name match among p; *tie the second spec of that length. */
static const hw_spec *longest(const pick *p, const hw_spec **tie)
{
    size_t best = 0;
    *tie = NULL;
    for (size_t i = 1; i < p->n; i++) {
        if (p->len[i] > p->len[best]) {
            best = i;
            *tie = NULL;
        } else if (p->len[i] == p->len[best] && *tie == NULL) {
            *tie = p->spec[i];
        }
    }
    return p->spec[best];
}

static int known(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* Steps 2-4 of spec_set.h: each fact the row knows rules out the specs
 * that disagree with it; none left is an error naming the fact. */
static int narrow_by_facts(pick *p, const hw_device_facts *d, rl_error *err)
{
    char ids[256];
    pick_ids(p, ids, sizeof ids);
    if (d->sm_count > 0 && narrow(p, keep_sms, d, 0) == 0)
        return rl_error_set(err,
                            "device '%.80s' has %llu SMs, which none of the specs its name matches has "
                            "(%s); add a spec or pass --device ID",
                            d->name, (unsigned long long)d->sm_count, ids);
    pick_ids(p, ids, sizeof ids);
    if (d->memory_bytes > 0 && narrow(p, keep_memory, d, 0) == 0)
        return rl_error_set(err,
                            "device '%.80s' has %.2f GB of memory, not within 25%% of any spec its name and "
                            "SM count match (%s); add a spec or pass --device ID",
                            d->name, (double)d->memory_bytes / 1e9, ids);
    pick_ids(p, ids, sizeof ids);
    if (narrow_by_table(p, d) == 0)
        return rl_error_set(err,
                            "device '%.80s' ran nvpmodel table '%.60s' (L4T %.20s), which none of the specs it "
                            "matches holds (%s); add match_nvpmodel_conf to the right spec or pass --device ID",
                            d->name, known(d->nvpmodel_conf) ? d->nvpmodel_conf : "unknown",
                            known(d->l4t_release) ? d->l4t_release : "unknown", ids);
    if (p->n > 1 && known(d->power_mode))
        narrow(p, has_mode, d, 1);
    return 0;
}

int hw_spec_set_pick(const hw_spec_set *set, const hw_device_facts *d, const hw_spec **out, rl_error *err)
{
    *out = NULL;
    pick p = {.n = 0};
    for (size_t i = 0; i < set->count && p.n < PICK_MAX; i++) {
        size_t len = hw_spec_match_length(&set->specs[i], d->name);
        if (len > 0) {
            p.spec[p.n] = &set->specs[i];
            p.len[p.n++] = len;
        }
    }
    if (p.n == 0) {
        char ids[256];
        hw_spec_set_ids(set, ids, sizeof ids);
        return rl_error_set(err, "device '%.80s' matches no hardware spec (known: %s; add a match line or pass --device ID)",
                            d->name, ids);
    }
    if (narrow_by_facts(&p, d, err) != 0)
        return -1;
    const hw_spec *tie = NULL, *best = longest(&p, &tie);
    if (tie != NULL) {
        int tables = best->ntables > 0 || best->l4t_min != NULL || best->l4t_below != NULL;
        return rl_error_set(err, "device '%.80s' matches specs %s and %s equally%s; pass --device ID", d->name, best->id,
                            tie->id,
                            tables && !known(d->nvpmodel_conf) && !known(d->l4t_release)
                                ? ": the row does not say which nvpmodel table ran (nvpmodel_conf, l4t_release)"
                                : "");
    }
    *out = best;
    return 0;
}
