#include "jetson_mode.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "run_capture.h"
#include "sysfs_read.h"

enum { MODE_ID_MAX = 1000, LINE_MAX_BYTES = 1024 };

void jetson_mode_options_default(jetson_mode_options *o)
{
    o->root = "/";
    o->conf_path = "etc/nvpmodel.conf";
    o->nvpmodel = "nvpmodel";
    o->timeout_ms = 5000;
}

static int set_name(jetson_mode *m, const char *name, const char *where, rl_error *err)
{
    int n = snprintf(m->name, sizeof m->name, "%s", name);
    if (n <= 0 || (size_t)n >= sizeof m->name)
        return rl_error_set(err, "bad power mode name '%.32s' at %s", name, where);
    return 0;
}

/* Splits "< TAG K=V K=V >" in place: *tag and up to 4 key=value pairs.
 * Returns the pair count, or -1 when the line is no such tag. */
static int split_tag(char *line, char **tag, char *keys[4], char *vals[4])
{
    char *p = line;
    while (isspace((unsigned char)*p))
        p++;
    char *close = strrchr(p, '>');
    if (*p != '<' || close == NULL)
        return -1;
    *close = '\0';
    char *save = NULL;
    *tag = strtok_r(p + 1, " \t", &save);
    if (*tag == NULL)
        return -1;
    int n = 0;
    for (char *t; n < 4 && (t = strtok_r(NULL, " \t", &save)) != NULL; n++) {
        char *eq = strchr(t, '=');
        if (eq == NULL)
            return -1;
        *eq = '\0';
        keys[n] = t;
        vals[n] = eq + 1;
    }
    return n;
}

/* Adds "< POWER_MODEL ID=N NAME=X >" to conf; other lines are skipped. */
static int parse_conf_line(char *line, jetson_mode_conf *conf, const char *where, rl_error *err)
{
    char *tag, *keys[4], *vals[4];
    int n = split_tag(line, &tag, keys, vals);
    if (n < 0)
        return 0;
    int model = strcmp(tag, "POWER_MODEL") == 0;
    if (!model && strcmp(tag, "PM_CONFIG") != 0)
        return 0;
    long long id = -1;
    const char *name = NULL;
    for (int i = 0; i < n; i++) {
        if (strcmp(keys[i], model ? "ID" : "DEFAULT") == 0) {
            if (sysfs_parse_ll(vals[i], 0, MODE_ID_MAX, &id, where, err) != 0)
                return -1;
        } else if (strcmp(keys[i], "NAME") == 0) {
            name = vals[i];
        }
    }
    if (!model) {
        conf->default_id = (int)id;
        return 0;
    }
    if (id < 0 || name == NULL || name[0] == '\0')
        return rl_error_set(err, "POWER_MODEL without ID or NAME at %s", where);
    if (jetson_mode_conf_find(conf, (int)id) != NULL)
        return rl_error_set(err, "power mode id %lld listed twice at %s", id, where);
    if (conf->count == JETSON_MODE_MAX)
        return rl_error_set(err, "more than %d power modes at %s", JETSON_MODE_MAX, where);
    jetson_mode *m = &conf->modes[conf->count];
    m->id = (int)id;
    if (set_name(m, name, where, err) != 0)
        return -1;
    conf->count++;
    return 0;
}

int jetson_mode_conf_read(const char *path, jetson_mode_conf *out, rl_error *err)
{
    out->count = 0;
    out->default_id = -1;
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        return rl_error_set(err, "cannot open %s", path);
    char line[LINE_MAX_BYTES];
    char where[PATH_MAX + 32];
    int rc = 0;
    for (long no = 1; rc == 0 && fgets(line, sizeof line, fp) != NULL; no++) {
        snprintf(where, sizeof where, "%s:%ld", path, no);
        if (strchr(line, '\n') == NULL && !feof(fp))
            rc = rl_error_set(err, "line longer than %d bytes at %s", LINE_MAX_BYTES - 2, where);
        else
            rc = parse_conf_line(line, out, where, err);
    }
    if (rc == 0 && ferror(fp))
        rc = rl_error_set(err, "cannot read %s", path);
    fclose(fp);
    if (rc == 0 && out->count == 0)
        rc = rl_error_set(err, "no POWER_MODEL lines in %s", path);
    return rc;
}

const jetson_mode *jetson_mode_conf_find(const jetson_mode_conf *conf, int id)
{
    for (int i = 0; i < conf->count; i++)
        if (conf->modes[i].id == id)
            return &conf->modes[i];
    return NULL;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

int jetson_mode_parse_query(const char *text, jetson_mode *out, rl_error *err)
{
    static const char KEY[] = "NV Power Mode:";
    out->id = -1;
    out->name[0] = '\0';
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", text) >= (int)sizeof buf)
        return rl_error_set(err, "nvpmodel -q printed more than %zu bytes", sizeof buf - 1);
    char *save = NULL;
    int seen = 0;
    for (char *l = strtok_r(buf, "\n", &save); l != NULL; l = strtok_r(NULL, "\n", &save)) {
        char *t = trim(l);
        if (!seen && strncmp(t, KEY, sizeof KEY - 1) == 0) {
            const char *name = trim(t + sizeof KEY - 1);
            if (name[0] == '\0' || set_name(out, name, "nvpmodel -q", err) != 0)
                return rl_error_set(err, "empty or overlong mode name in nvpmodel -q output");
            seen = 1;
        } else if (seen && isdigit((unsigned char)t[0])) {
            long long id = 0;
            if (sysfs_parse_ll(t, 0, MODE_ID_MAX, &id, "nvpmodel -q output", err) != 0)
                return -1;
            out->id = (int)id;
            break;
        }
    }
    if (!seen)
        return rl_error_set(err, "no '%s' line in nvpmodel -q output", KEY);
    return 0;
}

/* The first non-blank line of text, at most 160 bytes, into buf. */
static void first_line(const char *text, char *buf, size_t len)
{
    text += strspn(text, " \t\r\n");
    size_t n = strcspn(text, "\r\n");
    if (n > 160)
        n = 160;
    snprintf(buf, len, "%.*s", (int)n, text);
}

/* stderr is kept with stdout: a non-root nvpmodel says why it failed
 * there ("NVPM ERROR: ..."), and the message should show it. */
int jetson_mode_query(const jetson_mode_options *o, jetson_mode *out, rl_error *err)
{
    char out_text[4096], line[168];
    char *argv[] = {(char *)o->nvpmodel, "-q", NULL};
    out->id = -1;
    out->name[0] = '\0';
    rl_error why = {{0}};
    if (run_capture(argv, o->timeout_ms, 1, out_text, sizeof out_text, &why) != 0) {
        first_line(out_text, line, sizeof line);
        return rl_error_set(err, "nvpmodel -q failed: %s%s%s%s", why.text, line[0] ? " (it printed '" : "",
                            line, line[0] ? "')" : "");
    }
    if (jetson_mode_parse_query(out_text, out, &why) == 0)
        return 0;
    first_line(out_text, line, sizeof line);
    return rl_error_set(err, "nvpmodel -q failed: %s%s%s%s", why.text, line[0] ? " (it printed '" : "", line,
                        line[0] ? "')" : " (it printed nothing)");
}

/* Checks the queried mode against the conf; fills a missing id by name. */
static int match_conf(const jetson_mode_conf *conf, const char *path, jetson_mode *m,
                      rl_error *err)
{
    if (m->id < 0) {
        for (int i = 0; i < conf->count; i++)
            if (strcmp(conf->modes[i].name, m->name) == 0)
                m->id = conf->modes[i].id;
        return 0;
    }
    const jetson_mode *c = jetson_mode_conf_find(conf, m->id);
    if (c == NULL)
        return rl_error_set(err, "nvpmodel -q reports mode %d, which %s does not list", m->id,
                            path);
    if (strcmp(m->name, c->name) != 0)
        return rl_error_set(err, "nvpmodel -q calls mode %d '%s' but %s calls it '%s'", m->id,
                            m->name, path, c->name);
    return 0;
}

int jetson_mode_read(const jetson_mode_options *o, jetson_mode *out, rl_error *err)
{
    if (jetson_mode_query(o, out, err) != 0)
        return -1;
    char path[PATH_MAX];
    if (sysfs_path(path, sizeof path, err, o->root, "%s", o->conf_path) != 0)
        return -1;
    if (!sysfs_exists(path))
        return 0;
    jetson_mode_conf conf;
    if (jetson_mode_conf_read(path, &conf, err) != 0)
        return -1;
    return match_conf(&conf, path, out, err);
}

/* Adds to the error in err what the rows will say instead: the mode the
 * sweep set, or nothing. */
static int say_what_rows_hold(rl_error *err, const char *expect)
{
    if (err == NULL)
        return -1;
    rl_error why = *err;
    if (expect != NULL)
        return rl_error_set(err, "%s; rows say %s, the mode the sweep set", why.text, expect);
    return rl_error_set(err, "%s; power_mode left empty (nvpmodel needs root on some boards; "
                             "model then wants --power-mode NAME for these rows)",
                        why.text);
}

int jetson_power_mode_name(const char *root, const char *nvpmodel_cmd, const char *expect,
                           char *buf, size_t len, rl_error *err)
{
    jetson_mode_options o;
    jetson_mode_options_default(&o);
    if (root != NULL)
        o.root = root;
    if (nvpmodel_cmd != NULL)
        o.nvpmodel = nvpmodel_cmd;
    int told = expect != NULL && expect[0] != '\0';
    if (len == 0)
        return rl_error_set(err, "no room for the power mode name");
    buf[0] = '\0';
    if (told && strlen(expect) >= len)
        return rl_error_set(err, "expected power mode name '%.32s' longer than %zu bytes", expect,
                            len - 1);
    snprintf(buf, len, "%s", told ? expect : "");
    char path[PATH_MAX];
    if (sysfs_path(path, sizeof path, err, o.root, "%s", o.conf_path) != 0)
        return -1;
    if (!sysfs_exists(path))
        return 1; /* not a Jetson: never run an nvpmodel found in PATH */
    jetson_mode m;
    if (jetson_mode_read(&o, &m, err) != 0)
        return say_what_rows_hold(err, told ? expect : NULL);
    if (strlen(m.name) >= len)
        return rl_error_set(err, "power mode name '%s' longer than %zu bytes", m.name, len - 1);
    snprintf(buf, len, "%s", m.name);
    if (told && strcmp(m.name, expect) != 0)
        return rl_error_set(err, "nvpmodel -q says the power mode is %s, expected %s", m.name,
                            expect);
    return 0;
}
