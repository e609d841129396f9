/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * i18n: the reader's messages in the reader's language, with GNU gettext
 * (po/: zh_CN, zh_TW, ja).  What is shown on the screen (the help, the
 * status line, prompts and messages) and --help are translated; key names,
 * action and option names, and the machine-readable outputs (--keys,
 * --outline, --bookmarks, --render, --print-config) stay as they are.
 * The catalogue is chosen by LANGUAGE and LC_MESSAGES as usual, and read
 * in UTF-8 whatever the locale's encoding (fanye draws UTF-8 text).
 */
#ifndef FANYE_I18N_H
#define FANYE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#ifndef N_
#define N_(s) s
#endif

/* Binds fanye's catalogue: from LOCALEDIR, or from FANYE_LOCALEDIR when
 * set (a build tree's, for the tests), and takes LC_MESSAGES from the
 * environment.  Call once, after LC_CTYPE is set. */
void i18n_init(void);

#endif
