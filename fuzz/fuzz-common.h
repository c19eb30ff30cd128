/* fuzz-common.h — helpers shared by the libFuzzer harnesses. */
#ifndef MS_FUZZ_COMMON_H
#define MS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "missive.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Harnesses run with a NULL-printing handler: diagnostics are formatted
 * (so format bugs show) but not printed. */
static inline void
fuzz_diag(const ms_diag *d, void *data)
{
	size_t *n = data;
	*n += strlen(d->message);
	if (d->file)
		*n += strlen(d->file);
}

static size_t fuzz_diag_bytes;

static inline ms_diag_handler
fuzz_handler(void)
{
	ms_diag_handler h = { fuzz_diag, &fuzz_diag_bytes, 0, 0 };
	return h;
}

/* Write DATA to a per-process temporary file and return its path
 * (static storage).  The parsers under test take paths, not memory. */
static inline const char *
fuzz_tmpfile(const uint8_t *data, size_t size, const char *suffix)
{
	static char path[256];
	FILE *f;
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof path, "%s/missive-fuzz-%ld%s", dir,
	                     (long)getpid(), suffix) >= sizeof path)
		abort();
	f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	if (fclose(f) != 0)
		abort();
	return path;
}

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "."
#endif

#endif
