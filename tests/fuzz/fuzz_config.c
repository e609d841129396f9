/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_config: the config reader (ini and the options table) on arbitrary
 * files. */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include "fanye/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/fanye-fuzz-config-%d.ini", (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	config *c = config_new();
	config_load(c, path, true);
	unlink(path);
	FILE *null = fopen("/dev/null", "w");
	config_print(c, null);
	fclose(null);
	config_free(c);
	return 0;
}
