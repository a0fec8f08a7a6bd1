#include "llm_pick.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char MODELS_INI[] = "specs/llm/models.ini";

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* specs/llm/models.ini here, else beside the binary; 0 when neither. */
static int find_default(char *buf, size_t len)
{
    if (is_file(MODELS_INI))
        return snprintf(buf, len, "%s", MODELS_INI) < (int)len;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash != NULL)
        *slash = '\0';
    return snprintf(buf, len, "%s/../%s", exe, MODELS_INI) < (int)len && is_file(buf);
}

/* The set's default ids that the file has, comma-joined into buf; "" when none. */
static void default_ids(const llm_configs *c, case_set set, char *buf, size_t len)
{
    static const char *const full[] = {"llama-3-8b", "tinyllama-1.1b"};
    const size_t count = set == CASES_FULL ? 2 : 1;
    const char *const *ids = set == CASES_FULL ? full : full + 1;
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        if (llm_configs_find(c, ids[i]) == NULL)
            continue;
        const int n = snprintf(buf + used, len - used, "%s%s", used > 0 ? "," : "", ids[i]);
        if (n < 0 || (size_t)n >= len - used)
            return; /* cannot happen with these ids; keep what fits whole */
        used += (size_t)n;
    }
}

int llm_pick(llm_configs *out, const char *path, const char *ids, case_set set, rl_error *err)
{
    memset(out, 0, sizeof *out);
    char found[4200];
    if (path == NULL && !find_default(found, sizeof found)) {
        fprintf(stderr, "measure: no %s here or beside the binary: no decode_step cases (--llm FILE adds them)\n",
                MODELS_INI);
        return 0;
    }
    if (llm_configs_load(out, path != NULL ? path : found, err) != 0)
        return -1;
    char picked[128];
    if (ids == NULL) {
        default_ids(out, set, picked, sizeof picked);
        ids = picked[0] != '\0' ? picked : NULL;
    }
    if (ids != NULL && llm_configs_select(out, ids, err) != 0) {
        llm_configs_free(out);
        return -1;
    }
    return 0;
}
