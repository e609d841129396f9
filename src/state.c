/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * state: the state directory, private atomic writes, bounded reads, lock
 * files and file stamps, for the bookmark stores and the search history.
 */
#include "build.h"
#include "fanye/state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int state_dir_path(char *buf, size_t n, char *err, size_t errlen)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	int w;
	if (xdg && xdg[0] == '/')
		w = snprintf(buf, n, "%s/fanye", xdg);
	else if (home && home[0] == '/')
		w = snprintf(buf, n, "%s/.local/state/fanye", home);
	else {
		snprintf(err, errlen, "no state directory: neither XDG_STATE_HOME nor HOME is set");
		return -1;
	}
	if (w < 0 || (size_t)w >= n) {
		snprintf(err, errlen, "state directory path too long");
		return -1;
	}
	return 0;
}

/* mkdir -p with mode 0700 for the parts it creates. */
static int make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

bool state_dir_ok(const char *path, char *err, size_t errlen)
{
	struct stat st;
	if (lstat(path, &st) < 0) {
		snprintf(err, errlen, "%.400s: %s", path, strerror(errno));
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%.400s: not a directory", path);
		return false;
	}
	if (st.st_uid != geteuid()) {
		snprintf(err, errlen, "%.400s belongs to another user (uid %ld): not used", path,
		         (long)st.st_uid);
		return false;
	}
	if ((st.st_mode & 077) && chmod(path, 0700) < 0) {
		snprintf(err, errlen, "%.400s may be written by others and cannot be made private: %s", path,
		         strerror(errno));
		return false;
	}
	return true;
}

int state_dir(char *buf, size_t n, const char *sub, char *err, size_t errlen)
{
	if (state_dir_path(buf, n, err, errlen) < 0)
		return -1;
	if (make_dirs(buf) < 0) {
		snprintf(err, errlen, "%.400s: %s", buf, strerror(errno));
		return -1;
	}
	if (!state_dir_ok(buf, err, errlen))
		return -1;
	if (!sub)
		return 0;
	size_t l = strlen(buf);
	if (snprintf(buf + l, n - l, "/%s", sub) >= (int)(n - l)) {
		snprintf(err, errlen, "state directory path too long");
		return -1;
	}
	if (mkdir(buf, 0700) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "%.400s: %s", buf, strerror(errno));
		return -1;
	}
	return state_dir_ok(buf, err, errlen) ? 0 : -1;
}

int state_write_file(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
	char tmp[4400];
	if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp) {
		snprintf(err, errlen, "%.300s: path too long", path);
		return -1;
	}
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		snprintf(err, errlen, "%.300s: is a symbolic link; not writing through it", path);
		return -1;
	}
	/* A unique name: a temporary file left by a killed writer, or one of
	 * another process that had the same PID, is never in the way. */
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%.300s: %s", tmp, strerror(errno));
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t k = write(fd, data + done, len - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			snprintf(err, errlen, "%.300s: %s", path, k < 0 ? strerror(errno) : "short write");
			close(fd);
			unlink(tmp);
			return -1;
		}
		done += (size_t)k;
	}
	if (fsync(fd) < 0) {
		snprintf(err, errlen, "%.300s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		snprintf(err, errlen, "%.300s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static state_stamp stamp_from(const struct stat *st)
{
	state_stamp s;
	memset(&s, 0, sizeof s);
	s.known = true;
	s.dev = (unsigned long long)st->st_dev;
	s.ino = (unsigned long long)st->st_ino;
	s.size = (unsigned long long)st->st_size;
	s.mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
	s.ctime_ns = (long long)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
	return s;
}

enum state_read state_read_file(const char *path, size_t max, char **out, size_t *len,
                                state_stamp *stamp, char *err, size_t errlen)
{
	*out = NULL;
	*len = 0;
	int fd;
	do
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		if (errno == ENOENT)
			return STATE_ABSENT;
		snprintf(err, errlen, "%.300s: %s", path, errno == ELOOP ? "a symbolic link" : strerror(errno));
		return errno == ELOOP ? STATE_NOT_FILE : STATE_IO_ERROR;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%.300s: %s", path, strerror(errno));
		close(fd);
		return STATE_IO_ERROR;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%.300s: not a regular file", path);
		close(fd);
		return STATE_NOT_FILE;
	}
	if ((unsigned long long)st.st_size > max) {
		snprintf(err, errlen, "%.300s is larger than %zu MiB", path, max >> 20);
		close(fd);
		return STATE_TOO_BIG;
	}
	if (stamp)
		*stamp = stamp_from(&st);
	size_t n = (size_t)st.st_size;
	char *buf = malloc(n + 1);
	if (!buf) {
		snprintf(err, errlen, "%.300s: out of memory", path);
		close(fd);
		return STATE_IO_ERROR;
	}
	size_t got = 0;
	while (got < n) {
		ssize_t k = read(fd, buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			snprintf(err, errlen, "%.300s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return STATE_IO_ERROR;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	buf[got] = 0;
	*out = buf;
	*len = got;
	return STATE_READ;
}

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int state_lock(const char *lockpath, long wait_ms, char *err, size_t errlen)
{
	int fd;
	do
		fd = open(lockpath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		snprintf(err, errlen, "%.300s: %s", lockpath, strerror(errno));
		return -1;
	}
	/* Polled rather than blocking: a signal (a resize, Ctrl-C) never makes
	 * the wait end without the lock, and a holder that never lets go (a
	 * stopped process) is a clear failure after wait_ms. */
	long long until = now_ms() + wait_ms;
	long nap_us = 500;
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			snprintf(err, errlen, "%.300s: cannot lock: %s", lockpath, strerror(errno));
			close(fd);
			return -1;
		}
		if (now_ms() >= until) {
			snprintf(err, errlen, "%.300s is locked by another process for more than %ld s", lockpath,
			         wait_ms / 1000);
			close(fd);
			return -1;
		}
		struct timespec ts = {0, nap_us * 1000};
		nanosleep(&ts, NULL);
		if (nap_us < 8000)
			nap_us *= 2;
	}
}

void state_unlock(int fd)
{
	if (fd >= 0) {
		flock(fd, LOCK_UN);
		close(fd);
	}
}

void state_remove_stale(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return;
	char dir[4400], prefix[512];
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	int pl = snprintf(prefix, sizeof prefix, "%s.tmp.", slash + 1);
	if (pl <= 0 || (size_t)pl >= sizeof prefix)
		return;
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, (size_t)pl) != 0)
			continue;
		char f[4800];
		struct stat st;
		snprintf(f, sizeof f, "%s/%s", dir, de->d_name);
		if (lstat(f, &st) == 0 && S_ISREG(st.st_mode))
			unlink(f);
	}
	closedir(d);
}

state_stamp state_stamp_of(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		state_stamp s;
		memset(&s, 0, sizeof s);
		return s;
	}
	return stamp_from(&st);
}

bool state_stamp_same(const state_stamp *a, const state_stamp *b)
{
	return a->known && b->known && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}
