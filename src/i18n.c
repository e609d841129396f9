/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * i18n: binding the message catalogue (see include/fanye/i18n.h).
 */
#include "build.h"
#include "fanye/i18n.h"

#include <locale.h>
#include <stdlib.h>

void i18n_init(void)
{
	setlocale(LC_MESSAGES, "");
	const char *dir = getenv("FANYE_LOCALEDIR");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}
