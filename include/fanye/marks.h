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

#include "fanye/doc.h"

/* The state directory, created (0700) if missing.  Returns 0, or -1 with a
 * one-line message in err. */
int marks_state_dir(char *buf, size_t n, char *err, size_t errlen);
/* Writes len bytes to path atomically, mode 0600.  Returns 0, or -1 with a
 * message; the old file is then left as it was. */
int marks_write_file(const char *path, const char *data, size_t len, char *err, size_t errlen);
/* Reads a whole file (at most max bytes) into a malloc'd, NUL-terminated
 * buffer; NULL if it cannot be read (errno set).  Refuses symbolic links. */
char *marks_read_file(const char *path, size_t max, size_t *len);

/* ---- marks, bookmarks and the reading position of one document ---------- */

/* A letter mark (letter set) or a named bookmark (letter 0). */
typedef struct marks_entry {
	char id[48];        /* "m97" for mark a; a unique id for a bookmark */
	int letter;
	size_t offset;
	char *label, *note, *section; /* bookmarks (may be NULL) */
	char *before, *after;         /* the text around it, to find it again */
	long long created, modified;  /* microseconds since the epoch */
	bool lost;          /* not found in the document as it is now */
} marks_entry;

typedef struct marks_store {
	char file[4200];    /* the state file, or "" when nothing can be kept */
	bool deferred;      /* no store yet: file, fingerprint and directory at the first save */
	char doc_path[4096];/* the document's absolute path, or "" */
	char fingerprint[64];
	bool has_position;
	size_t position;
	char *pos_before, *pos_after;
	marks_entry *e;
	size_t n;
	char **deleted;     /* ids deleted here since the last save */
	size_t ndeleted;
	char msg[600];      /* something to tell the user, or "" */
} marks_store;

/* Finds the document's state (by content, then by path; re-anchoring what
 * moved if the document changed) and loads it.  Never fails: problems
 * (a damaged store moved aside, no state directory) are put in s->msg. */
void marks_open(marks_store *s, const doc *d, const char *path);
/* Saves: locks, re-reads what another fanye may have written, merges,
 * writes atomically.  Returns 0, or -1 with a message (the old file stays). */
int marks_save(marks_store *s, const doc *d, char *err, size_t errlen);
void marks_close(marks_store *s);

/* Sets mark `letter` (a-z, A-Z) at off; returns it. */
marks_entry *marks_set_mark(marks_store *s, const doc *d, int letter, size_t off);
/* The mark with that letter, or NULL. */
marks_entry *marks_find_mark(marks_store *s, int letter);
/* Adds a bookmark at off. */
marks_entry *marks_add_bookmark(marks_store *s, const doc *d, size_t off, const char *label,
                                const char *note, const char *section);
/* Renames entry i (a bookmark). */
void marks_rename(marks_store *s, size_t i, const char *label);
/* Deletes entry i; returns a copy to give back to marks_restore (undo). */
marks_entry marks_delete(marks_store *s, size_t i);
void marks_restore(marks_store *s, marks_entry e);
void marks_set_position(marks_store *s, const doc *d, size_t off);
/* Entries in document order (stable). */
void marks_sort(marks_store *s);

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
