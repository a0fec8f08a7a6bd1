/* xml_text: text as XML 1.0 takes it, for everything render writes into
 * SVG and HTML.
 *
 * XML 1.0 allows tab, line feed, carriage return and the characters from
 * U+0020 on, but for the surrogates, U+FFFE and U+FFFF. An escape sequence
 * in a device name made 6 of 9 SVGs ill-formed and went into report.html
 * (issue 18). The readers now refuse control characters where the text
 * enters (utf8_valid.h); these writers make sure anyway: a character XML
 * cannot hold, and a byte that is not UTF-8, becomes U+FFFD.
 */
#ifndef XML_TEXT_H
#define XML_TEXT_H

#include <stddef.h>

#include "sbuf.h"

/* Appends s to b with &, <, > and " escaped (and ' with apos set: in an
 * SVG's attributes and text alike), and what XML cannot hold replaced. */
void xml_text_escape(sbuf *b, const char *s, int apos);

/* Appends s[0..len) to b as it is, but for what XML cannot hold, replaced;
 * for markup already escaped (cmark's HTML, cairo's SVG). */
void xml_text_clean(sbuf *b, const char *s, size_t len);

#endif
