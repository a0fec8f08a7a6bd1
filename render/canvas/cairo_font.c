/* Why dlsym: FreeType's functions live in libfreetype, which cairo already
 * loads, but the Makefile does not link it directly (RENDER_PKGS names only
 * cairo and libcmark-gfm), and the linker refuses symbols reached only
 * through another library. The handful used here are looked up in the copy
 * cairo loaded. Adding freetype2 to RENDER_PKGS would let this file call
 * them directly. */
#include "cairo_font.h"

#include <cairo-ft.h>
#include <dlfcn.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H

typedef FT_Error (*ft_init_fn)(FT_Library *);
typedef FT_Error (*ft_new_face_fn)(FT_Library, const char *, FT_Long, FT_Face *);
typedef FT_Error (*ft_done_face_fn)(FT_Face);

typedef struct freetype {
    FT_Library lib;
    ft_new_face_fn new_face;
    ft_done_face_fn done_face;
} freetype;

/* One library for the process: cairo keeps faces in its font caches after
 * the last surface is gone and frees them later through FT_Done_Face, so the
 * library must outlive every render; it is never closed. */
static freetype ft;

static int sym(void *lib, const char *name, void *fn, size_t size)
{
    void *p = dlsym(lib, name);
    if (p == NULL)
        return -1;
    memcpy(fn, &p, size); /* ISO C has no cast from void * to a function pointer */
    return 0;
}

static int freetype_open(rl_error *err)
{
    if (ft.lib != NULL)
        return 0;
    void *lib = dlopen("libfreetype.so.6", RTLD_NOW);
    ft_init_fn init = NULL;
    if (lib == NULL || sym(lib, "FT_Init_FreeType", &init, sizeof init) != 0 ||
        sym(lib, "FT_New_Face", &ft.new_face, sizeof ft.new_face) != 0 ||
        sym(lib, "FT_Done_Face", &ft.done_face, sizeof ft.done_face) != 0)
        return rl_error_set(err, "cannot load libfreetype.so.6: %s", dlerror());
    if (init(&ft.lib) != 0) {
        ft.lib = NULL;
        return rl_error_set(err, "cannot start freetype");
    }
    return 0;
}

static void done_face(void *face)
{
    ft.done_face(face);
}

cairo_font_face_t *cairo_font_load(const char *path, rl_error *err)
{
    static const cairo_user_data_key_t key;
    if (freetype_open(err) != 0)
        return NULL;
    FT_Face face = NULL;
    FT_Error fe = ft.new_face(ft.lib, path, 0, &face);
    if (fe != 0) {
        rl_error_set(err, "cannot load font %s: freetype error %d", path, fe);
        return NULL;
    }
    cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(face, 0);
    /* The FT_Face must live as long as cairo's face: cairo frees it through
     * this user data when its last reference goes. */
    cairo_status_t st = cairo_font_face_status(cf);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_font_face_set_user_data(cf, &key, face, done_face);
    if (st != CAIRO_STATUS_SUCCESS) {
        rl_error_set(err, "cannot use font %s: %s", path, cairo_status_to_string(st));
        cairo_font_face_destroy(cf);
        ft.done_face(face);
        return NULL;
    }
    return cf;
}
