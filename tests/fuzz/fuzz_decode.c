/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_decode: encoding detection and decoding of arbitrary bytes (a
 * compressed file's through libarchive, read to its end), then the line
 * index over what came out. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "fanye/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	doc_detect(data, size);
	char path[] = "/tmp/fanye-fuzz-decodeXXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	char err[256];
	doc *d = doc_open(path, err, sizeof err);
	unlink(path);
	if (!d)
		return 0;
	doc_read_all(d, (size_t)16 << 20);
	doc_index_step(d, 0);
	if (d->len)
		doc_line_number(d, d->len - 1, 0);
	doc_line_offset(d, 3);
	doc_close(d);
	return 0;
}
