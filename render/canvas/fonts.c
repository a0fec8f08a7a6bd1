#include "fonts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const FONT_FILES[FONT_COUNT] = {
    [FONT_REGULAR] = "DejaVuSans.ttf",
    [FONT_BOLD] = "DejaVuSans-Bold.ttf",
    [FONT_OBLIQUE] = "DejaVuSans-Oblique.ttf",
    [FONT_BOLD_OBLIQUE] = "DejaVuSans-BoldOblique.ttf",
    [FONT_MONO] = "DejaVuSansMono.ttf",
};

/* A TrueType file starts with the sfnt version 0x00010000 or "true". */
static int check_truetype(const char *path, rl_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return rl_error_set(err, "cannot open font %s: %s (see --fonts)", path, strerror(errno));
    unsigned char magic[4] = {0};
    size_t n = fread(magic, 1, sizeof magic, fp);
    fclose(fp);
    if (n != sizeof magic ||
        (memcmp(magic, "\x00\x01\x00\x00", 4) != 0 && memcmp(magic, "true", 4) != 0))
        return rl_error_set(err, "not a TrueType font: %s", path);
    return 0;
}

int render_fonts_find(const char *dir, render_fonts *f, rl_error *err)
{
    memset(f, 0, sizeof *f);
    if (dir == NULL || dir[0] == '\0')
        dir = getenv("RL_FONT_DIR");
    if (dir == NULL || dir[0] == '\0')
        dir = RENDER_FONT_DIR_DEFAULT;
    for (int i = 0; i < FONT_COUNT; i++) {
        size_t len = strlen(dir) + 1 + strlen(FONT_FILES[i]) + 1;
        f->path[i] = malloc(len);
        if (f->path[i] == NULL) {
            render_fonts_free(f);
            return rl_error_set(err, "out of memory finding fonts");
        }
        snprintf(f->path[i], len, "%s/%s", dir, FONT_FILES[i]);
        if (check_truetype(f->path[i], err) != 0) {
            render_fonts_free(f);
            return -1;
        }
    }
    return 0;
}

void render_fonts_free(render_fonts *f)
{
    for (int i = 0; i < FONT_COUNT; i++)
        free(f->path[i]);
    memset(f, 0, sizeof *f);
}
