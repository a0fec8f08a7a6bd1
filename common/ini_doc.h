/* ini_doc: an INI file read whole through inih, every key with its line.
 *
 * inih hands keys to a callback one at a time and knows line numbers only
 * for the first syntax error; it also cuts lines longer than its buffer
 * without saying so. This wrapper reads the file once into memory
 * (whole_file.h: bounded, and a pipe reads like a file), feeds it to inih
 * through a line-counting reader, rejects over-long lines, and keeps every
 * [section] and key = value in file order with the line it came from, so
 * the spec validator can name the line of any bad or missing value.
 *
 * Repeated keys are kept as separate entries (the validator decides whether
 * a key may repeat). A section that appears twice is kept twice.
 * ini_doc_free() releases everything; the doc owns all strings in it.
 */
#ifndef INI_DOC_H
#define INI_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "rl_error.h"

/* Longest line accepted, without its line break. inih's fixed buffer is 200
 * bytes including "\r\n\0". */
#define INI_DOC_MAX_LINE 197

/* Largest file accepted: a spec is a few kB, an LLM file a few per model. */
#define INI_DOC_MAX_BYTES (1024 * 1024)

typedef struct ini_key {
    char *name;
    char *value;
    long line; /* 1-based */
} ini_key;

typedef struct ini_section {
    char *name; /* "" for keys before any [section] */
    long line;  /* line of the [header]; 0 for the unnamed section */
    ini_key *keys;
    size_t nkeys, cap;
} ini_section;

typedef struct ini_doc {
    char *path;
    ini_section *sections;
    size_t nsections, cap;
} ini_doc;

/* Reads path into doc. On failure doc is empty and err says what and where
 * ("malformed line, expected key = value (specs/x.ini:7)"). */
int ini_doc_load(ini_doc *doc, const char *path, rl_error *err);
void ini_doc_free(ini_doc *doc);

/* The value of k as an integer > 0 (csv_parse_count's digits), for the
 * spec and LLM readers; else -1 with err naming the key, the value and
 * path:line ("larger than 18446744073709551615, the largest integer
 * accepted", or "not an integer > 0"). */
int ini_key_count(const char *path, const ini_key *k, uint64_t *out, rl_error *err);

#endif
