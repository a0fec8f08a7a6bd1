/* fuzz_file: the fuzzers' input as a file, for readers that take a path.
 *
 * csv_table_load, hw_spec_load and llm_configs_load open a path; the input
 * goes into one memory file (memfd) that is rewritten for each run, and
 * its /proc/self/fd path is handed to the reader. No disk is touched.
 */
#ifndef FUZZ_FILE_H
#define FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>

/* The path of a memory file now holding data[0..size), or NULL. */
const char *fuzz_file(const uint8_t *data, size_t size);

#endif
