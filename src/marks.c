/*
 * marks: the state directory, atomic private writes, and the search history
 * (one query a line, most recent last).
 */
#include "config.h"
#include "fanye/marks.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int marks_state_dir(char *buf, size_t n, char *err, size_t errlen)
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
	if (make_dirs(buf) < 0) {
		snprintf(err, errlen, "%s: %s", buf, strerror(errno));
		return -1;
	}
	struct stat st;
	if (lstat(buf, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: not a directory", buf);
		return -1;
	}
	if ((st.st_mode & 077) && st.st_uid == geteuid())
		chmod(buf, 0700);
	return 0;
}

int marks_write_file(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		snprintf(err, errlen, "%s: is a symbolic link; not writing through it", path);
		return -1;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t k = write(fd, data + done, len - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			snprintf(err, errlen, "%s: %s", path, k < 0 ? strerror(errno) : "short write");
			close(fd);
			unlink(tmp);
			return -1;
		}
		done += (size_t)k;
	}
	if (fsync(fd) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

char *marks_read_file(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	size_t n = (size_t)st.st_size;
	char *buf = malloc(n + 1);
	if (!buf) {
		close(fd);
		return NULL;
	}
	size_t got = 0;
	while (got < n) {
		ssize_t k = read(fd, buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	buf[got] = 0;
	if (len)
		*len = got;
	return buf;
}

static int history_path(char *buf, size_t n, char *err, size_t errlen)
{
	char dir[4000];
	if (marks_state_dir(dir, sizeof dir, err, errlen) < 0)
		return -1;
	snprintf(buf, n, "%s/search-history", dir);
	return 0;
}

void marks_history_load(marks_history *h)
{
	h->items = NULL;
	h->n = 0;
	char path[4096], err[256];
	if (history_path(path, sizeof path, err, sizeof err) < 0)
		return;
	size_t len;
	char *buf = marks_read_file(path, (size_t)1 << 20, &len);
	if (!buf)
		return;
	h->items = calloc(MARKS_HISTORY_MAX, sizeof *h->items);
	if (!h->items) {
		free(buf);
		return;
	}
	/* Keep the last MARKS_HISTORY_MAX non-empty lines. */
	for (char *save = NULL, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (!*l)
			continue;
		if (h->n == MARKS_HISTORY_MAX) {
			free(h->items[0]);
			memmove(h->items, h->items + 1, (MARKS_HISTORY_MAX - 1) * sizeof *h->items);
			h->n--;
		}
		h->items[h->n] = strdup(l);
		if (h->items[h->n])
			h->n++;
	}
	free(buf);
}

int marks_history_add(marks_history *h, const char *query, char *err, size_t errlen)
{
	if (!query || !*query || strchr(query, '\n'))
		return 0;
	if (!h->items) {
		h->items = calloc(MARKS_HISTORY_MAX, sizeof *h->items);
		if (!h->items) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->items[i], query) == 0) {
			free(h->items[i]);
			memmove(h->items + i, h->items + i + 1, (h->n - i - 1) * sizeof *h->items);
			h->n--;
			break;
		}
	if (h->n == MARKS_HISTORY_MAX) {
		free(h->items[0]);
		memmove(h->items, h->items + 1, (MARKS_HISTORY_MAX - 1) * sizeof *h->items);
		h->n--;
	}
	h->items[h->n] = strdup(query);
	if (!h->items[h->n]) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	h->n++;
	/* Re-read what another fanye may have added, then write the union. */
	marks_history merged;
	marks_history_load(&merged);
	size_t cap = 1;
	for (size_t i = 0; i < merged.n; i++)
		cap += strlen(merged.items[i]) + 1;
	for (size_t i = 0; i < h->n; i++)
		cap += strlen(h->items[i]) + 1;
	char *out = malloc(cap);
	if (!out) {
		marks_history_free(&merged);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	size_t len = 0;
	for (size_t i = 0; i < merged.n; i++) {
		bool mine = false;
		for (size_t j = 0; j < h->n && !mine; j++)
			mine = strcmp(merged.items[i], h->items[j]) == 0;
		if (!mine)
			len += (size_t)sprintf(out + len, "%s\n", merged.items[i]);
	}
	for (size_t i = 0; i < h->n; i++)
		len += (size_t)sprintf(out + len, "%s\n", h->items[i]);
	marks_history_free(&merged);
	char path[4096];
	int rc = history_path(path, sizeof path, err, errlen);
	if (rc == 0)
		rc = marks_write_file(path, out, len, err, errlen);
	free(out);
	return rc;
}

void marks_history_free(marks_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->items[i]);
	free(h->items);
	h->items = NULL;
	h->n = 0;
}
