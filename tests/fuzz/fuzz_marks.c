/* fuzz_marks: the bookmark store reader on arbitrary state files, then a
 * save (merge) of what it made of them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fanye/marks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[64];
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/fanye-fuzz-marks-%d", (int)getpid());
		mkdir(dir, 0700);
		setenv("XDG_STATE_HOME", dir, 1);
	}
	const char *text = "a document\nwith two lines\n";
	doc *d = doc_from_bytes("f", text, strlen(text));
	marks_store s;
	marks_open(&s, d, NULL);
	if (!s.file[0]) {
		marks_close(&s);
		doc_close(d);
		return 0;
	}
	char file[sizeof s.file];
	snprintf(file, sizeof file, "%s", s.file);
	marks_close(&s);
	FILE *f = fopen(file, "wb");
	if (f) {
		fwrite(data, 1, size, f);
		fclose(f);
	}
	marks_open(&s, d, NULL);
	marks_set_mark(&s, d, 'a', 3);
	char err[256];
	marks_save(&s, d, err, sizeof err);
	marks_close(&s);
	/* Clean up whatever was moved aside. */
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -f %s/fanye/docs/*.corrupt-* 2>/dev/null", dir);
	if (system(cmd) < 0)
		return 0;
	doc_close(d);
	return 0;
}
