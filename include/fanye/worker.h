/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * worker: starting the second threads of the core (the outline's parts,
 * a long search's second half).  The reader's thread keeps the
 * terminal, the keys and the signals: a worker never touches the screen
 * and takes no signal but the faults it makes itself.
 */
#ifndef FANYE_WORKER_H
#define FANYE_WORKER_H

#include <pthread.h>
#include <stdbool.h>

/* Starts fn(arg) on a new thread in *t, with every signal blocked but
 * SIGBUS, SIGSEGV, SIGFPE and SIGILL (a resize, a stop or ^C goes to the
 * reader's thread).  False if no thread could be made. */
bool worker_start(pthread_t *t, void *(*fn)(void *), void *arg);

/* Gives back to the system the memory the C library holds free, once a
 * worker's results are taken over and its own data freed: a thread's
 * malloc arena otherwise keeps its high-water mark for good. */
void worker_trim(void);

#endif
