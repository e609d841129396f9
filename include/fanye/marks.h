/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * marks: each document's letter marks, named bookmarks and reading
 * position, in one file per document under the state directory's docs/,
 * named by the document's fingerprint.  Opening finds the store by
 * content, then by path (a document edited since), and checks every place
 * against the text kept around it (anchor) before it is used.  Saving
 * locks the store, reads what another fanye wrote since (only then),
 * merges, and writes atomically.  A store is set aside only when its text
 * is proven bad; one that cannot be read now is never written over.
 * Headless.
 */
#ifndef FANYE_MARKS_H
#define FANYE_MARKS_H

#include <stdbool.h>
#include <stddef.h>

#include "fanye/doc.h"
#include "fanye/state.h"

/* A store larger than this is not read (and so never written over). */
#define MARKS_STORE_MAX ((size_t)64 << 20)

/* A letter mark (letter set) or a named bookmark (letter 0). */
typedef struct marks_entry {
	char id[48];        /* "m97" for mark a; a unique id for a bookmark */
	int letter;
	size_t offset;
	char *label, *note, *section; /* bookmarks (may be NULL) */
	char *before, *after;         /* the text around it, to find it again */
	long long created, modified;  /* microseconds since the epoch */
	bool lost;          /* not found in the document as it is now */
	/* private: the entry as the store file had it when last read or
	 * written, to tell a deletion by another process from a new entry */
	bool on_disk;
	long long disk_modified;
} marks_entry;

typedef struct marks_store {
	char file[4200];    /* the state file, or "" when nothing can be kept */
	bool deferred;      /* no store yet: file, fingerprint and directory at the first save */
	bool readonly;      /* not read (too large, or opening was interrupted): never written */
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
	/* private */
	state_stamp stamp;  /* the file as last read or written */
	char generation[40];/* written into the file by the last write here */
	bool cleaned;       /* stale temporary files looked for */
	bool path_pending;  /* the store by path is still to be looked for */
} marks_store;

/* Asked now and then while a large store is read: true stops the reading. */
typedef bool (*marks_cancel)(void *ctx);

/* Finds the document's state (by content, then by path) and loads it.
 * Never fails: problems are put in s->msg. */
void marks_open(marks_store *s, const doc *d, const char *path);
/* marks_open asking cancel(ctx) as it goes, by content only; false when it
 * was stopped: the store is then left unread and read-only.  When no store
 * has this content, s->path_pending says that marks_open_by_path is still
 * to look for one of this path (an edited document), which reads every
 * store: the pager does it after the first screen.  It returns true when
 * it found one (its entries and position are then in s). */
bool marks_open_cancel(marks_store *s, const doc *d, const char *path, marks_cancel cancel, void *ctx);
bool marks_open_by_path(marks_store *s, const doc *d, marks_cancel cancel, void *ctx);
/* Saves: locks, reads what another fanye may have written, merges, writes
 * atomically.  Returns 0, or -1 with a message (the old file stays). */
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
/* Sets entry i's note (empty or NULL: none). */
void marks_set_note(marks_store *s, size_t i, const char *note);
/* Deletes entry i; returns a copy to give back to marks_restore (undo). */
marks_entry marks_delete(marks_store *s, size_t i);
void marks_restore(marks_store *s, marks_entry e);
void marks_set_position(marks_store *s, const doc *d, size_t off);
/* Entries in document order (stable). */
void marks_sort(marks_store *s);

#endif
