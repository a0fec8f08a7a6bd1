/* libFuzzer target: the template engine (render/doc/template.c) as render
 * uses it: read the file (NUL bytes refused), check its UTF-8, fill its
 * placeholders. The values include one that looks like a placeholder,
 * which must come out verbatim, never expanded again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/template.h"
#include "fuzz_file.h"
#include "utf8_valid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const VARS[][2] = {
    {"title", "Roofline validation: NVIDIA H100 80GB HBM3"},
    {"summary", "{{title}} is a value, not a placeholder"},
    {"note", "µs × ≤ — “quoted”"},
    {"validation_table", "| a | b |\n| --- | --- |\n| 1 | 2 |\n"},
    {"empty", ""},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size);
    if (path == NULL)
        return 0;
    rl_error err;
    tmpl_vars vars = {0};
    for (size_t i = 0; i < sizeof VARS / sizeof VARS[0]; i++)
        if (tmpl_vars_set(&vars, VARS[i][0], VARS[i][1], &err) != 0)
            abort();
    sbuf text = {0}, out = {0};
    if (template_read_file(path, &text, &err) == 0 && utf8_check_text(sbuf_str(&text), path, &err) == 0 &&
        template_expand(sbuf_str(&text), path, &vars, &out, &err) == 0) {
        /* every byte of the template outside placeholders is kept */
        if (out.len < text.len && strstr(sbuf_str(&text), "{{") == NULL)
            abort();
    }
    sbuf_free(&out);
    sbuf_free(&text);
    tmpl_vars_free(&vars);
    return 0;
}
