#include "line_reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int line_reader_open(line_reader *lr, const char *path, size_t max_line, unsigned long long max_file)
{
    memset(lr, 0, offsetof(line_reader, chunk));
    lr->at = lr->end = 0;
    lr->max_line = max_line;
    lr->max_file = max_file;
    lr->fp = fopen(path, "rb");
    return lr->fp == NULL ? -1 : 0;
}

/* Room for n more bytes and the NUL, never past max_line + 2. */
static int reserve(line_reader *lr, size_t n)
{
    if (lr->len + n + 1 <= lr->cap)
        return 0;
    size_t want = lr->cap ? lr->cap : 256;
    while (want < lr->len + n + 1)
        want *= 2;
    if (want > lr->max_line + 2)
        want = lr->max_line + 2;
    char *grown = realloc(lr->buf, want);
    if (grown == NULL)
        return -1;
    lr->buf = grown;
    lr->cap = want;
    return 0;
}

/* Refills chunk; 0 at the end of the file, -1 on a read error. */
static int refill(line_reader *lr)
{
    lr->at = 0;
    lr->end = fread(lr->chunk, 1, sizeof lr->chunk, lr->fp);
    if (lr->end == 0 && ferror(lr->fp)) {
        lr->read_errno = errno ? errno : EIO;
        return -1;
    }
    return lr->end > 0;
}

enum line_status line_reader_next(line_reader *lr)
{
    lr->len = 0;
    for (;;) {
        if (lr->at == lr->end) {
            int got = refill(lr);
            if (got < 0)
                return LINE_READ_ERROR;
            if (got == 0)
                break;
        }
        const char *start = lr->chunk + lr->at;
        const char *nl = memchr(start, '\n', lr->end - lr->at);
        size_t n = nl != NULL ? (size_t)(nl - start) + 1 : lr->end - lr->at;
        if (lr->used + n > lr->max_file) {
            lr->line++;
            return LINE_TOO_LARGE;
        }
        if (lr->len + n > lr->max_line) {
            lr->line++;
            return LINE_TOO_LONG;
        }
        if (reserve(lr, n) != 0) {
            lr->line++;
            return LINE_NO_MEMORY;
        }
        memcpy(lr->buf + lr->len, start, n);
        lr->len += n;
        lr->used += n;
        lr->at += n;
        if (nl != NULL)
            break;
    }
    if (lr->len == 0)
        return LINE_EOF;
    lr->buf[lr->len] = '\0';
    lr->line++;
    return LINE_OK;
}

void line_reader_close(line_reader *lr)
{
    if (lr->fp != NULL)
        fclose(lr->fp);
    free(lr->buf);
    lr->buf = NULL;
    lr->fp = NULL;
}
