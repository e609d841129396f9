/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * worker: the one way the core starts a thread (include/fanye/worker.h).
 */
#include "build.h"
#include "fanye/worker.h"

#include <signal.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

bool worker_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	/* The mask is inherited: set it around the start, then put it back. */
	sigset_t all, old;
	sigfillset(&all);
	sigdelset(&all, SIGBUS); /* the mapping's guard (doc.c) */
	sigdelset(&all, SIGSEGV);
	sigdelset(&all, SIGFPE);
	sigdelset(&all, SIGILL);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int failed = pthread_create(t, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return failed == 0;
}

void worker_trim(void)
{
#ifdef HAVE_MALLOC_TRIM
	malloc_trim(0);
#endif
}
