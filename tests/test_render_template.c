/* The report template engine: {{name}} substitution and its errors, which
 * must name the template file and the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "../render/doc/template.h"
#include "utf8_valid.h"

static void set(tmpl_vars *v, const char *key, const char *value)
{
    rl_error err = {{0}};
    assert_int_equal(tmpl_vars_set(v, key, value, &err), 0);
}

/* Expands text and returns 0 or -1; out and err hold what came out. */
static int expand(const char *text, const tmpl_vars *v, sbuf *out, rl_error *err)
{
    memset(out, 0, sizeof *out);
    memset(err, 0, sizeof *err);
    return template_expand(text, "t.md", v, out, err);
}

static void substitutes_every_placeholder(void **state)
{
    (void)state;
    tmpl_vars v = {0};
    set(&v, "title", "H100 × 2");
    set(&v, "n", "15");
    sbuf out;
    rl_error err;
    assert_int_equal(expand("# {{title}}\n\n{{ n }} cases, {{n}} again.\n", &v, &out, &err), 0);
    assert_string_equal(sbuf_str(&out), "# H100 × 2\n\n15 cases, 15 again.\n");
    sbuf_free(&out);
    /* Text without placeholders passes through unchanged, single braces too. */
    assert_int_equal(expand("a { b } c}}", &v, &out, &err), 0);
    assert_string_equal(sbuf_str(&out), "a { b } c}}");
    sbuf_free(&out);
    tmpl_vars_free(&v);
}

static void values_are_not_expanded_again(void **state)
{
    (void)state;
    tmpl_vars v = {0};
    set(&v, "note", "user typed {{secret}}");
    sbuf out;
    rl_error err;
    assert_int_equal(expand("> {{note}}", &v, &out, &err), 0);
    assert_string_equal(sbuf_str(&out), "> user typed {{secret}}");
    sbuf_free(&out);
    tmpl_vars_free(&v);
}

static void later_value_replaces_earlier(void **state)
{
    (void)state;
    tmpl_vars v = {0};
    set(&v, "a", "one");
    set(&v, "a", "two");
    assert_int_equal(v.count, 1);
    assert_string_equal(tmpl_vars_get(&v, "a"), "two");
    assert_null(tmpl_vars_get(&v, "b"));
    tmpl_vars_free(&v);
}

static void unknown_placeholder_names_file_and_line(void **state)
{
    (void)state;
    tmpl_vars v = {0};
    set(&v, "title", "x");
    sbuf out;
    rl_error err;
    assert_int_equal(expand("# {{title}}\n\nsee {{titel}}\n", &v, &out, &err), -1);
    assert_string_equal(err.text, "unknown placeholder {{titel}} (t.md:3)");
    sbuf_free(&out);
    tmpl_vars_free(&v);
}

static void unterminated_placeholder_is_an_error(void **state)
{
    (void)state;
    tmpl_vars v = {0};
    set(&v, "title", "x");
    sbuf out;
    rl_error err;
    assert_int_equal(expand("line 1\n{{title\n", &v, &out, &err), -1);
    assert_string_equal(err.text,
                        "unterminated placeholder: '{{' without '}}' on the same line (t.md:2)");
    sbuf_free(&out);
    /* A "}}" on a later line does not close it. */
    assert_int_equal(expand("{{title\n}}", &v, &out, &err), -1);
    assert_non_null(strstr(err.text, "(t.md:1)"));
    sbuf_free(&out);
    /* Nor does running into the end of the file. */
    assert_int_equal(expand("a\nb\nc {{", &v, &out, &err), -1);
    assert_non_null(strstr(err.text, "unterminated placeholder"));
    assert_non_null(strstr(err.text, "(t.md:3)"));
    sbuf_free(&out);
    tmpl_vars_free(&v);
}

static void bad_names_are_errors(void **state)
{
    (void)state;
    tmpl_vars v = {0};
    sbuf out;
    rl_error err;
    assert_int_equal(expand("{{two words}}", &v, &out, &err), -1);
    assert_string_equal(err.text, "bad placeholder name 'two words': use letters, digits and _ (t.md:1)");
    sbuf_free(&out);
    assert_int_equal(expand("x\n{{ }}", &v, &out, &err), -1);
    assert_string_equal(err.text, "empty placeholder {{}} (t.md:2)");
    sbuf_free(&out);
    tmpl_vars_free(&v);
}

static void utf8_is_checked_with_its_line(void **state)
{
    (void)state;
    assert_true(utf8_invalid_at("12 µs × 2 ≤ 3") == (size_t)-1);
    assert_int_equal(utf8_invalid_at("a\xff"), 1);         /* never valid */
    assert_int_equal(utf8_invalid_at("\xc3\xa9t\xe9"), 3); /* Latin-1 after UTF-8 */
    assert_int_equal(utf8_invalid_at("\xc0\xaf"), 0);      /* overlong '/' */
    assert_int_equal(utf8_invalid_at("\xed\xa0\x80"), 0);  /* a surrogate */
    assert_int_equal(utf8_invalid_at("x\xe2\x89"), 1);      /* cut short */
    rl_error err = {{0}};
    assert_int_equal(utf8_check_text("ok\nstill ok\nbad \xff\n", "t.md", &err), -1);
    assert_string_equal(err.text, "byte 0xFF at column 5 is not UTF-8 (a Latin-1 file?); save it as UTF-8 (t.md:3)");
    assert_int_equal(utf8_check_text("\xc2\xb5s\n\xc3\x97 \xe9t\xe9", "t.md", &err), -1);
    assert_string_equal(err.text, "byte 0xE9 at column 3 is not UTF-8 (a Latin-1 file?); save it as UTF-8 (t.md:2)");
    assert_int_equal(utf8_column("\xc2\xb5\xc3\x97x", 5), 4); /* µ×x: three characters before byte 5 */
    assert_int_equal(utf8_check_text("ok", "t.md", &err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(substitutes_every_placeholder),
        cmocka_unit_test(values_are_not_expanded_again),
        cmocka_unit_test(later_value_replaces_earlier),
        cmocka_unit_test(unknown_placeholder_names_file_and_line),
        cmocka_unit_test(unterminated_placeholder_is_an_error),
        cmocka_unit_test(bad_names_are_errors),
        cmocka_unit_test(utf8_is_checked_with_its_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
