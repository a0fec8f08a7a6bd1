/* line_reader: a text file read one line at a time, bounded.
 *
 * getline(3) grows its line without end: a file with no newline
 * (/dev/zero, a sparse file of 2 GB) was read into one line until the
 * machine ran out of memory, and under a memory limit the failure looked
 * like the end of the file ("empty file"). Here a line longer than
 * max_line bytes and a file larger than max_file bytes stop the reading,
 * each with its own status, and running out of memory is told apart from
 * the end of the file and from a read error. The reader never seeks, so
 * a pipe or FIFO (<(cat x.csv)) reads as a regular file does.
 *
 * line_reader_next() returns LINE_OK with the line (its '\n' included,
 * when it has one) in buf[0..len) and NUL-terminated; the line may hold
 * NUL bytes. The reader owns buf; line_reader_close() frees it and closes
 * the file it opened.
 */
#ifndef LINE_READER_H
#define LINE_READER_H

#include <stddef.h>
#include <stdio.h>

enum line_status {
    LINE_OK,
    LINE_EOF,        /* no more lines */
    LINE_TOO_LONG,   /* the line passed max_line bytes */
    LINE_TOO_LARGE,  /* the file passed max_file bytes */
    LINE_NO_MEMORY,  /* the line could not grow */
    LINE_READ_ERROR, /* read(2) failed: errno in read_errno */
};

typedef struct line_reader {
    FILE *fp;
    char *buf; /* the current line */
    size_t len, cap;
    size_t max_line;
    unsigned long long used, max_file; /* bytes read so far, and the bound */
    long line;                         /* number of the current line, from 1 */
    int read_errno;
    char chunk[64 * 1024]; /* read ahead */
    size_t at, end;
} line_reader;

/* Opens path; -1 with errno set when it cannot be opened. */
int line_reader_open(line_reader *lr, const char *path, size_t max_line, unsigned long long max_file);
enum line_status line_reader_next(line_reader *lr);
void line_reader_close(line_reader *lr);

#endif
