/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history: the search history, one query a line, most recent last, in
 * $XDG_STATE_HOME/fanye/search-history.  Adding a query locks the file,
 * reads what other fanye processes added since, and writes the union, so
 * no process's queries are lost.  Headless.
 */
#ifndef FANYE_HISTORY_H
#define FANYE_HISTORY_H

#include <stddef.h>

#define HISTORY_MAX 200

typedef struct history {
	char **items;
	size_t n;
} history;

/* Loads the history (an empty one if there is no file). */
void history_load(history *h);
/* Adds a query (moving a repeat to the end) and saves the file, merged with
 * what is there.  Returns 0, or -1 with a message. */
int history_add(history *h, const char *query, char *err, size_t errlen);
void history_free(history *h);

#endif
