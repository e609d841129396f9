/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history: the search history file, merged under a lock.
 */
#include "build.h"
#include "fanye/history.h"
#include "fanye/state.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY_FILE_MAX ((size_t)1 << 20)
#define LOCK_WAIT_MS 10000

static int history_path(char *buf, size_t n, char *err, size_t errlen)
{
	char dir[4000];
	if (state_dir(dir, sizeof dir, NULL, err, errlen) < 0)
		return -1;
	snprintf(buf, n, "%s/search-history", dir);
	return 0;
}

/* Moves the query at i to the end (it is the most recent). */
static void drop_at(history *h, size_t i)
{
	free(h->items[i]);
	memmove(h->items + i, h->items + i + 1, (h->n - i - 1) * sizeof *h->items);
	h->n--;
}

/* Appends a copy of q, dropping an equal one and the oldest past the cap. */
static bool push(history *h, const char *q)
{
	if (!h->items) {
		h->items = calloc(HISTORY_MAX, sizeof *h->items);
		if (!h->items)
			return false;
	}
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->items[i], q) == 0) {
			drop_at(h, i);
			break;
		}
	if (h->n == HISTORY_MAX)
		drop_at(h, 0);
	h->items[h->n] = strdup(q);
	if (!h->items[h->n])
		return false;
	h->n++;
	return true;
}

/* The file's queries, oldest first (none if it cannot be read). */
static void read_into(history *h, const char *path)
{
	char *buf, err[300];
	size_t len;
	if (state_read_file(path, HISTORY_FILE_MAX, &buf, &len, NULL, err, sizeof err) != STATE_READ)
		return;
	for (char *save = NULL, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		if (*l)
			push(h, l);
	free(buf);
}

void history_load(history *h)
{
	h->items = NULL;
	h->n = 0;
	char path[4096], err[300];
	if (history_path(path, sizeof path, err, sizeof err) == 0)
		read_into(h, path);
}

int history_add(history *h, const char *query, char *err, size_t errlen)
{
	if (!query || !*query || strchr(query, '\n'))
		return 0;
	if (!push(h, query)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	char path[4096], lockp[4200];
	if (history_path(path, sizeof path, err, errlen) < 0)
		return -1;
	snprintf(lockp, sizeof lockp, "%s.lock", path);
	int lk = state_lock(lockp, LOCK_WAIT_MS, err, errlen);
	if (lk < 0)
		return -1;
	state_remove_stale(path);
	/* Under the lock: what the others added, then ours on top (a query
	 * both have takes our place, the most recent). */
	history merged = {NULL, 0};
	read_into(&merged, path);
	for (size_t i = 0; i < h->n; i++)
		push(&merged, h->items[i]);
	size_t cap = 1, len = 0;
	for (size_t i = 0; i < merged.n; i++)
		cap += strlen(merged.items[i]) + 1;
	char *out = malloc(cap);
	int rc = -1;
	if (!out)
		snprintf(err, errlen, "out of memory");
	else {
		for (size_t i = 0; i < merged.n; i++)
			len += (size_t)sprintf(out + len, "%s\n", merged.items[i]);
		rc = state_write_file(path, out, len, err, errlen);
	}
	free(out);
	state_unlock(lk);
	if (rc == 0) {
		/* What this process now shows: the merged list. */
		history_free(h);
		*h = merged;
	} else
		history_free(&merged);
	return rc;
}

void history_free(history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->items[i]);
	free(h->items);
	h->items = NULL;
	h->n = 0;
}
