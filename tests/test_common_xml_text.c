/* xml_text: what render writes into SVG and HTML is XML 1.0. The five
 * specials are escaped; a control character (an ESC from a device name
 * made 6 of 9 SVGs ill-formed: issue 18), U+FFFE and a byte that is not
 * UTF-8 become U+FFFD; tab, line breaks and all other text pass. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "xml_text.h"

static void escaped(const char *in, int apos, const char *want)
{
    sbuf b = {0};
    xml_text_escape(&b, in, apos);
    assert_false(b.failed);
    assert_string_equal(sbuf_str(&b), want);
    sbuf_free(&b);
}

static void specials_are_escaped(void **state)
{
    (void)state;
    escaped("a<b>&\"c'd", 1, "a&lt;b&gt;&amp;&quot;c&apos;d");
    escaped("a<b>&\"c'd", 0, "a&lt;b&gt;&amp;&quot;c'd");
    escaped("8192\xC3\x97" "8192 \xC2\xB5s", 1, "8192\xC3\x97" "8192 \xC2\xB5s"); /* the multiplication sign and mu stay */
    escaped("", 1, "");
}

static void what_xml_cannot_hold_is_replaced(void **state)
{
    (void)state;
    escaped("H100\x1b]0;pwned\x07", 1, "H100\xEF\xBF\xBD]0;pwned\xEF\xBF\xBD");
    escaped("tab\tand\nbreaks\r\n", 1, "tab\tand\nbreaks\r\n");
    escaped("Jos\xe9", 1, "Jos\xEF\xBF\xBD");                /* Latin-1 */
    escaped("x\xEF\xBF\xBEy", 1, "x\xEF\xBF\xBDy");           /* U+FFFE */
    escaped("\xED\xA0\x80", 1, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* a surrogate, byte by byte */
    sbuf b = {0};
    xml_text_clean(&b, "<p>a\x01" "b</p>", 10);
    assert_string_equal(sbuf_str(&b), "<p>a\xEF\xBF\xBD" "b</p>");
    sbuf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(specials_are_escaped),
        cmocka_unit_test(what_xml_cannot_hold_is_replaced),
    };
    return cmocka_run_group_tests_name("common_xml_text", tests, NULL, NULL);
}
