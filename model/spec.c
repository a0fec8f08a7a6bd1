#include "spec.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ini_doc.h"

static const char SOURCE_PREFIX[] = "source_";
static const char PEAK_SUFFIX[] = "_gflops";
static const char MODE_PREFIX[] = "mode ";

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const ini_key *section_key(const ini_section *sec, const char *name)
{
    for (size_t i = 0; i < sec->nkeys; i++)
        if (strcmp(sec->keys[i].name, name) == 0)
            return &sec->keys[i];
    return NULL;
}

/* Text keys carry no number, so they need no source line. */
static int is_text_key(const char *name)
{
    return strcmp(name, "name") == 0 || strcmp(name, "match") == 0 ||
           strcmp(name, "default_mode") == 0 || strcmp(name, "power_modes") == 0 ||
           strcmp(name, "match_nvpmodel_conf") == 0 || strcmp(name, "l4t_min") == 0 ||
           strcmp(name, "l4t_below") == 0;
}

/* No key twice, the repeatable ones excepted. */
static int check_duplicate(const char *path, const ini_section *sec, const ini_key *k, rl_error *err)
{
    if (strcmp(k->name, "match") != 0 && strcmp(k->name, "match_nvpmodel_conf") != 0 &&
        section_key(sec, k->name) != k)
        return rl_error_set(err, "%s given twice in [%s] (%s:%ld)", k->name, sec->name, path, k->line);
    return 0;
}

/* Every number has its source_<key> line and every source_<key> line has
 * its number, so a typo in either shows up. Runs after the values are
 * checked, so a bad value is reported before its missing source. */
static int check_sources(const char *path, const ini_section *sec, rl_error *err)
{
    for (size_t i = 0; i < sec->nkeys; i++) {
        const ini_key *k = &sec->keys[i];
        if (starts_with(k->name, SOURCE_PREFIX)) {
            const char *of = k->name + strlen(SOURCE_PREFIX);
            if (section_key(sec, of) == NULL || is_text_key(of))
                return rl_error_set(err, "%s cites a source for no number called %s in [%s] (%s:%ld)",
                                    k->name, of, sec->name, path, k->line);
            continue;
        }
        char source[96];
        snprintf(source, sizeof source, "%s%s", SOURCE_PREFIX, k->name);
        if (!is_text_key(k->name) && section_key(sec, source) == NULL)
            return rl_error_set(err, "%s has no %s line saying where the number comes from (%s:%ld)",
                                k->name, source, path, k->line);
    }
    return 0;
}

/* Every number of a spec (MHz, GB/s, GFLOP/s, W) lies far inside this
 * range: the predictions divide byte and flop counts of up to 2^64 by them,
 * and 1e-300 GB/s made every predicted time infinite. */
#define SPEC_REAL_MIN 1e-6
#define SPEC_REAL_MAX 1e12

static int key_real(const char *path, const ini_key *k, double *out, rl_error *err)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(k->value, &end);
    int range_error = errno == ERANGE; /* past 1.8e308, or below 2.2e-308 */
    if (k->value[0] == '\0' || *end != '\0' || isnan(v) || (isinf(v) && !range_error) || v < 0.0 ||
        (v == 0.0 && !range_error))
        return rl_error_set(err, "%s: '%.40s' is not a number > 0 (%s:%ld)", k->name, k->value, path,
                            k->line);
    if (range_error || v < SPEC_REAL_MIN || v > SPEC_REAL_MAX)
        return rl_error_set(err, "%s: '%.40s' is out of range: accepted %g to %g (%s:%ld)", k->name, k->value,
                            SPEC_REAL_MIN, SPEC_REAL_MAX, path, k->line);
    *out = v;
    return 0;
}

static int key_text(const char *path, const ini_key *k, char **out, rl_error *err)
{
    if (k->value[0] == '\0')
        return rl_error_set(err, "%s is empty (%s:%ld)", k->name, path, k->line);
    *out = strdup(k->value);
    return *out == NULL ? rl_error_set(err, "out of memory reading %s", path) : 0;
}

static int add_text(hw_spec *spec, const ini_key *k, char ***list, size_t *n, rl_error *err)
{
    char **m = realloc(*list, (*n + 1) * sizeof *m);
    if (m == NULL)
        return rl_error_set(err, "out of memory reading %s", spec->path);
    *list = m;
    if (key_text(spec->path, k, &m[*n], err) != 0)
        return -1;
    (*n)++;
    return 0;
}

/* "36.4.3": one to three dot-separated numbers of up to 6 digits. */
static int key_release(const char *path, const ini_key *k, char **out, rl_error *err)
{
    const char *p = k->value;
    for (int part = 0; part < 3; part++) {
        size_t n = strspn(p, "0123456789");
        if (n == 0 || n > 6)
            break;
        p += n;
        if (*p == '\0')
            return key_text(path, k, out, err);
        if (*p != '.' || part == 2)
            break;
        p++;
    }
    return rl_error_set(err, "%s: '%.40s' is not a release like 36.4.3 (%s:%ld)", k->name, k->value, path, k->line);
}

static int device_key(hw_spec *spec, const ini_key *k, char **default_mode, rl_error *err)
{
    const char *path = spec->path;
    if (strcmp(k->name, "name") == 0)
        return key_text(path, k, &spec->name, err);
    if (strcmp(k->name, "match") == 0)
        return add_text(spec, k, &spec->match, &spec->nmatch, err);
    if (strcmp(k->name, "match_nvpmodel_conf") == 0)
        return add_text(spec, k, &spec->tables, &spec->ntables, err);
    if (strcmp(k->name, "l4t_min") == 0)
        return key_release(path, k, &spec->l4t_min, err);
    if (strcmp(k->name, "l4t_below") == 0)
        return key_release(path, k, &spec->l4t_below, err);
    if (strcmp(k->name, "default_mode") == 0)
        return key_text(path, k, default_mode, err);
    if (strcmp(k->name, "power_modes") == 0) {
        if (strcmp(k->value, "nvpmodel") != 0 && strcmp(k->value, "fixed") != 0)
            return rl_error_set(err, "power_modes: '%.40s' is neither nvpmodel nor fixed (%s:%ld)", k->value, path,
                                k->line);
        spec->modes_required = strcmp(k->value, "nvpmodel") == 0;
        return 0;
    }
    if (strcmp(k->name, "sm_count") == 0)
        return ini_key_count(path, k, &spec->sm_count, err);
    if (strcmp(k->name, "l2_bytes") == 0)
        return ini_key_count(path, k, &spec->l2_bytes, err);
    if (strcmp(k->name, "memory_bytes") == 0)
        return ini_key_count(path, k, &spec->memory_bytes, err);
    if (strcmp(k->name, "memory_reserve_bytes") == 0)
        return ini_key_count(path, k, &spec->memory_reserve_bytes, err);
    if (starts_with(k->name, SOURCE_PREFIX))
        return 0;
    return rl_error_set(err, "unknown key %s in [device] (%s:%ld)", k->name, path, k->line);
}

static int parse_device(hw_spec *spec, const ini_section *sec, char **default_mode, rl_error *err)
{
    for (size_t i = 0; i < sec->nkeys; i++)
        if (check_duplicate(spec->path, sec, &sec->keys[i], err) != 0 ||
            device_key(spec, &sec->keys[i], default_mode, err) != 0)
            return -1;
    if (check_sources(spec->path, sec, err) != 0)
        return -1;
    static const char *const required[] = {"name", "match", "sm_count", "l2_bytes", "memory_bytes",
                                           "default_mode"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (section_key(sec, required[i]) == NULL)
            return rl_error_set(err, "[device] has no %s (%s:%ld)", required[i], spec->path, sec->line);
    return 0;
}

static int mode_add_peak(hw_mode *mode, const char *path, const ini_key *k, rl_error *err)
{
    static const char unit_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
    size_t len = strlen(k->name) - strlen(PEAK_SUFFIX);
    if (len == 0 || len >= HW_UNIT_NAME_MAX || strspn(k->name, unit_chars) != strlen(k->name))
        return rl_error_set(err, "%s: a compute unit is 1 to %d characters of a-z, 0-9, _ (%s:%ld)",
                            k->name, HW_UNIT_NAME_MAX - 1, path, k->line);
    hw_peak *p = realloc(mode->peaks, (mode->npeaks + 1) * sizeof *p);
    if (p == NULL)
        return rl_error_set(err, "out of memory reading %s", path);
    mode->peaks = p;
    hw_peak *peak = &mode->peaks[mode->npeaks];
    memcpy(peak->unit, k->name, len);
    peak->unit[len] = '\0';
    if (key_real(path, k, &peak->gflops, err) != 0)
        return -1;
    mode->npeaks++;
    return 0;
}

static int mode_key(hw_mode *mode, const char *path, const ini_section *sec, const ini_key *k,
                    rl_error *err)
{
    if (strcmp(k->name, "sm_clock_mhz") == 0)
        return key_real(path, k, &mode->sm_clock_mhz, err);
    if (strcmp(k->name, "sm_count") == 0)
        return ini_key_count(path, k, &mode->sm_count, err);
    if (strcmp(k->name, "dram_bw_gbs") == 0)
        return key_real(path, k, &mode->dram_bw_gbs, err);
    if (strcmp(k->name, "l2_bw_gbs") == 0)
        return key_real(path, k, &mode->l2_bw_gbs, err);
    if (strcmp(k->name, "power_budget_w") == 0)
        return key_real(path, k, &mode->power_budget_w, err);
    if (starts_with(k->name, SOURCE_PREFIX)) /* before the suffix: source_x_gflops is no peak */
        return 0;
    if (ends_with(k->name, PEAK_SUFFIX))
        return mode_add_peak(mode, path, k, err);
    return rl_error_set(err, "unknown key %s in [%s] (%s:%ld)", k->name, sec->name, path, k->line);
}

static int parse_mode(hw_spec *spec, const ini_section *sec, rl_error *err)
{
    const char *name = sec->name + strlen(MODE_PREFIX);
    name += strspn(name, " \t");
    if (*name == '\0')
        return rl_error_set(err, "[%s] has no mode name (%s:%ld)", sec->name, spec->path, sec->line);
    if (hw_spec_find_mode(spec, name) != NULL)
        return rl_error_set(err, "mode %s defined twice (%s:%ld)", name, spec->path, sec->line);
    hw_mode *m = realloc(spec->modes, (spec->nmodes + 1) * sizeof *m);
    if (m == NULL)
        return rl_error_set(err, "out of memory reading %s", spec->path);
    spec->modes = m;
    hw_mode *mode = &spec->modes[spec->nmodes++];
    memset(mode, 0, sizeof *mode);
    mode->name = strdup(name);
    if (mode->name == NULL)
        return rl_error_set(err, "out of memory reading %s", spec->path);
    for (size_t i = 0; i < sec->nkeys; i++)
        if (check_duplicate(spec->path, sec, &sec->keys[i], err) != 0 ||
            mode_key(mode, spec->path, sec, &sec->keys[i], err) != 0)
            return -1;
    if (check_sources(spec->path, sec, err) != 0)
        return -1;
    static const char *const required[] = {"sm_clock_mhz", "dram_bw_gbs"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (section_key(sec, required[i]) == NULL)
            return rl_error_set(err, "[%s] has no %s (%s:%ld)", sec->name, required[i], spec->path,
                                sec->line);
    if (mode->npeaks == 0)
        return rl_error_set(err, "[%s] has no <unit>_gflops peak (%s:%ld)", sec->name, spec->path,
                            sec->line);
    return 0;
}

static int parse_section(hw_spec *spec, const ini_section *sec, const ini_section **device,
                         char **default_mode, rl_error *err)
{
    if (sec->name[0] == '\0')
        return rl_error_set(err, "key %s outside any [section] (%s:%ld)", sec->keys[0].name,
                            spec->path, sec->keys[0].line);
    if (strcmp(sec->name, "device") == 0) {
        if (*device != NULL)
            return rl_error_set(err, "[device] given twice (%s:%ld)", spec->path, sec->line);
        *device = sec;
        return parse_device(spec, sec, default_mode, err);
    }
    if (starts_with(sec->name, MODE_PREFIX))
        return parse_mode(spec, sec, err);
    return rl_error_set(err, "unknown section [%s], expected [device] or [mode NAME] (%s:%ld)",
                        sec->name, spec->path, sec->line);
}

static int spec_from_doc(hw_spec *spec, const ini_doc *doc, rl_error *err)
{
    const ini_section *device = NULL;
    char *default_mode = NULL;
    int rc = 0;
    for (size_t s = 0; rc == 0 && s < doc->nsections; s++)
        rc = parse_section(spec, &doc->sections[s], &device, &default_mode, err);
    if (rc == 0 && device == NULL)
        rc = rl_error_set(err, "no [device] section (%s:1)", spec->path);
    if (rc == 0) {
        spec->default_mode = hw_spec_find_mode(spec, default_mode);
        if (spec->default_mode == NULL)
            rc = rl_error_set(err, "default_mode %s has no [mode %s] section (%s:%ld)", default_mode,
                              default_mode, spec->path, section_key(device, "default_mode")->line);
    }
    free(default_mode);
    return rc;
}

static char *path_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    if (ends_with(base, ".ini"))
        len -= 4;
    return strndup(base, len);
}

int hw_spec_load(hw_spec *spec, const char *path, rl_error *err)
{
    memset(spec, 0, sizeof *spec);
    spec->path = strdup(path);
    spec->id = path_stem(path);
    if (spec->path == NULL || spec->id == NULL) {
        hw_spec_free(spec);
        return rl_error_set(err, "out of memory reading %s", path);
    }
    ini_doc doc;
    if (ini_doc_load(&doc, path, err) != 0) {
        hw_spec_free(spec);
        return -1;
    }
    int rc = spec_from_doc(spec, &doc, err);
    ini_doc_free(&doc);
    if (rc != 0)
        hw_spec_free(spec);
    return rc;
}

void hw_spec_free(hw_spec *spec)
{
    for (size_t i = 0; i < spec->nmatch; i++)
        free(spec->match[i]);
    for (size_t i = 0; i < spec->ntables; i++)
        free(spec->tables[i]);
    free(spec->tables);
    free(spec->l4t_min);
    free(spec->l4t_below);
    for (size_t i = 0; i < spec->nmodes; i++) {
        free(spec->modes[i].name);
        free(spec->modes[i].peaks);
    }
    free(spec->match);
    free(spec->modes);
    free(spec->name);
    free(spec->path);
    free(spec->id);
    memset(spec, 0, sizeof *spec);
}

const hw_mode *hw_spec_find_mode(const hw_spec *spec, const char *name)
{
    for (size_t i = 0; name != NULL && i < spec->nmodes; i++)
        if (strcasecmp(spec->modes[i].name, name) == 0)
            return &spec->modes[i];
    return NULL;
}

static void mode_names(const hw_spec *spec, char *names, size_t len)
{
    names[0] = '\0';
    for (size_t i = 0; i < spec->nmodes; i++) {
        size_t used = strlen(names);
        snprintf(names + used, len - used, "%s%s", i ? ", " : "", spec->modes[i].name);
    }
}

int hw_spec_pick_mode(const hw_spec *spec, const char *power_mode, const char *where,
                      const hw_mode **out, rl_error *err)
{
    char names[256];
    if (power_mode == NULL || power_mode[0] == '\0') {
        *out = spec->default_mode;
        if (!spec->modes_required)
            return 0;
        *out = NULL;
        mode_names(spec, names, sizeof names);
        return rl_error_set(err,
                            "row has no power_mode, and spec %s's modes (%s) differ: model will not guess "
                            "one; pass --power-mode NAME, the mode the board ran in (%s)",
                            spec->id, names, where);
    }
    *out = hw_spec_find_mode(spec, power_mode);
    if (*out != NULL)
        return 0;
    mode_names(spec, names, sizeof names);
    return rl_error_set(err, "power mode '%.60s' is not in spec %s, which has %s: add a [mode] to %s (%s)",
                        power_mode, spec->id, names, spec->path, where);
}

uint64_t hw_mode_sm_count(const hw_spec *spec, const hw_mode *mode)
{
    return mode->sm_count != 0 ? mode->sm_count : spec->sm_count;
}

int hw_mode_peak(const hw_mode *mode, const char *unit, double *gflops)
{
    for (size_t i = 0; i < mode->npeaks; i++)
        if (strcmp(mode->peaks[i].unit, unit) == 0) {
            *gflops = mode->peaks[i].gflops;
            return 0;
        }
    return -1;
}

static int contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay != '\0'; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

size_t hw_spec_match_length(const hw_spec *spec, const char *device)
{
    size_t best = 0;
    for (size_t i = 0; i < spec->nmatch; i++) {
        size_t len = strlen(spec->match[i]);
        if (len > best && contains_nocase(device, spec->match[i]))
            best = len;
    }
    return best;
}
