/*
 * marks: what fanye keeps between runs, under $XDG_STATE_HOME/fanye/
 * (default ~/.local/state/fanye/): the directory is 0700, files are 0600,
 * written atomically (temporary file, fsync, rename) and never through a
 * symbolic link.  This part holds the files and the search history.
 * Headless.
 */
#ifndef FANYE_MARKS_H
#define FANYE_MARKS_H

#include <stdbool.h>
#include <stddef.h>

/* The state directory, created (0700) if missing.  Returns 0, or -1 with a
 * one-line message in err. */
int marks_state_dir(char *buf, size_t n, char *err, size_t errlen);
/* Writes len bytes to path atomically, mode 0600.  Returns 0, or -1 with a
 * message; the old file is then left as it was. */
int marks_write_file(const char *path, const char *data, size_t len, char *err, size_t errlen);
/* Reads a whole file (at most max bytes) into a malloc'd, NUL-terminated
 * buffer; NULL if it cannot be read (errno set).  Refuses symbolic links. */
char *marks_read_file(const char *path, size_t max, size_t *len);

/* Search history: most recent last. */
typedef struct marks_history {
	char **items;
	size_t n;
} marks_history;

#define MARKS_HISTORY_MAX 200

/* Loads the history (an empty one if there is no file). */
void marks_history_load(marks_history *h);
/* Adds a query (moving a repeat to the end) and saves the file. Returns 0,
 * or -1 with a message. */
int marks_history_add(marks_history *h, const char *query, char *err, size_t errlen);
void marks_history_free(marks_history *h);

#endif
