/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * clock: the UI's one clock, for redraw pacing and the reading position's
 * periodic save.
 */
#include "build.h"
#include "ui_priv.h"

#include <time.h>

long long ui_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
