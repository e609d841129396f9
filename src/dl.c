/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dl: loading a library and its functions when first needed (see dl.h).
 */
#include "build.h"
#include "fanye/dl.h"

#include <dlfcn.h>

bool dl_bind(const char *const *names, const dl_sym *syms, size_t n)
{
	void *h = NULL;
	for (size_t k = 0; names[k] && !h; k++)
		h = dlopen(names[k], RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return false;
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		ok &= (*syms[i].slot = dlsym(h, syms[i].name)) != NULL;
	return ok;
}
