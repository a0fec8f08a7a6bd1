/* whole_file: a file read into memory in one pass, bounded.
 *
 * The readers of small text inputs (INI specs, LLM configs) read the whole
 * file once and parse the copy: they never seek, so a pipe or FIFO (model
 * --llm <(cat x.ini)) reads the same as a regular file (issue 18: a rewind
 * on a pipe failed silently and the file read as empty). A file larger than
 * the caller's bound is refused before it is all in memory.
 */
#ifndef WHOLE_FILE_H
#define WHOLE_FILE_H

#include <stddef.h>

#include "rl_error.h"

/* Reads path into *data (NUL-terminated; the caller frees it) and its
 * length, without the terminator, into *len. Errors (rl_error.h; *data is
 * NULL): "cannot open x: ...", "cannot read x: ...", "out of memory reading
 * x", "file larger than N bytes, the most this reader accepts; <raise>
 * raises it (x)" (raise: what does, e.g. "INI_DOC_MAX_BYTES in
 * common/ini_doc.h"; NULL says nothing). The text may hold NUL bytes: *len
 * says where it ends. Reading stops at the first allocation that fails. */
int whole_file_read(const char *path, size_t max_bytes, const char *raise, char **data, size_t *len, rl_error *err);

#endif
