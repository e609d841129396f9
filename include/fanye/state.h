/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * state: the files fanye keeps between runs, under $XDG_STATE_HOME/fanye/
 * (default ~/.local/state/fanye/).  The directory is 0700 and must belong
 * to the user; files are 0600, written atomically (a unique temporary
 * file, fsync, rename) and never through a symbolic link; writers take a
 * lock file beside what they write.  Headless.
 */
#ifndef FANYE_STATE_H
#define FANYE_STATE_H

#include <stdbool.h>
#include <stddef.h>

/* The state directory's path, without creating it.  0, or -1 with err. */
int state_dir_path(char *buf, size_t n, char *err, size_t errlen);
/* The state directory (and sub, when not NULL, below it), created 0700 if
 * missing.  A directory that belongs to another user, or that others may
 * write in and we cannot make private, is refused.  0, or -1 with err. */
int state_dir(char *buf, size_t n, const char *sub, char *err, size_t errlen);
/* Whether an existing directory may hold our state (see state_dir). */
bool state_dir_ok(const char *path, char *err, size_t errlen);

/* Writes len bytes to path atomically, mode 0600.  Returns 0, or -1 with a
 * message; the old file is then left as it was. */
int state_write_file(const char *path, const char *data, size_t len, char *err, size_t errlen);

/* Identity of a file as last read or written, to tell whether another
 * process has written it since (every writer renames a new file in). */
typedef struct state_stamp {
	bool known;
	unsigned long long dev, ino, size;
	long long mtime_ns, ctime_ns;
} state_stamp;
/* The stamp of path now (known false if it does not exist). */
state_stamp state_stamp_of(const char *path);
bool state_stamp_same(const state_stamp *a, const state_stamp *b);

enum state_read { STATE_READ, STATE_ABSENT, STATE_IO_ERROR, STATE_TOO_BIG, STATE_NOT_FILE };
/* Reads a whole regular file of at most max bytes into a malloc'd,
 * NUL-terminated buffer (*out, length *len), and its stamp when stamp is
 * not NULL.  A symbolic link or anything but a regular file is
 * STATE_NOT_FILE.  Every answer but STATE_READ and STATE_ABSENT puts a
 * message in err. */
enum state_read state_read_file(const char *path, size_t max, char **out, size_t *len,
                                state_stamp *stamp, char *err, size_t errlen);

/* Takes the lock file lockpath (made if missing), waiting up to wait_ms for
 * another process to let it go; signals do not cut the wait short.  Returns
 * the descriptor, or -1 with a message: nothing may then be written. */
int state_lock(const char *lockpath, long wait_ms, char *err, size_t errlen);
void state_unlock(int fd);
/* With the lock of path held: removes temporary files of path left by a
 * writer that was killed (no writer holds one without the lock). */
void state_remove_stale(const char *path);

#endif
