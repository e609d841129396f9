/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * clock: the UI's one clock, for redraw pacing, the reading position's
 * periodic save and the length of a turn of background work.
 */
#include "build.h"
#include "ui_priv.h"

#include <time.h>

long long ui_clock_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

long long ui_clock_ms(void)
{
	return ui_clock_us() / 1000;
}
