/* fuzz-zlib.h — zlib's deflate buffers kept from one execution to the
 * next, in the libFuzzer build of the writer harnesses.
 *
 * libzip compresses every part of a DOCX with a fresh deflate stream at
 * memory level 9: five buffers of up to 128 KB each, allocated, cleared
 * (deflateReset) and freed for every part, a dozen times per input.
 * Under AddressSanitizer a block over 128 KB is mapped and unmapped
 * each time, and the clearing faults in fresh pages: profiled, that was
 * a third of the harness's time, none of it in missive's code.
 *
 * This file defines deflateInit2_, which the executable exports to
 * libzip in place of zlib's: it calls zlib's (found with dlsym) after
 * giving the stream an allocator that reuses blocks of the same size
 * (zlib asks for the same sizes every time).  zlib does the same work
 * and writes the same bytes; only where its memory comes from changes.
 * zlib is not instrumented, so no check is lost.  Included only when
 * the plugins are linked in (fuzz.sh): the `make check` replay loads
 * the writer modules and keeps zlib's own allocator. */
#ifndef MS_FUZZ_ZLIB_H
#define MS_FUZZ_ZLIB_H

#include <dlfcn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <zlib.h>

static struct {
	void *p;
	size_t size;
	bool used;
} fuzz_zpool[48];

static voidpf
fuzz_zalloc(voidpf opaque, uInt items, uInt size)
{
	size_t n = (size_t)items * size, i;
	(void)opaque;
	for (i = 0; i < sizeof fuzz_zpool / sizeof fuzz_zpool[0]; i++)
		if (fuzz_zpool[i].p && !fuzz_zpool[i].used && fuzz_zpool[i].size == n) {
			fuzz_zpool[i].used = true;
			return fuzz_zpool[i].p;
		}
	for (i = 0; i < sizeof fuzz_zpool / sizeof fuzz_zpool[0]; i++)
		if (!fuzz_zpool[i].p) {
			fuzz_zpool[i].p = malloc(n);
			fuzz_zpool[i].size = n;
			fuzz_zpool[i].used = fuzz_zpool[i].p != NULL;
			return fuzz_zpool[i].p;
		}
	return malloc(n);       /* pool full: an ordinary block */
}

static void
fuzz_zfree(voidpf opaque, voidpf p)
{
	size_t i;
	(void)opaque;
	for (i = 0; i < sizeof fuzz_zpool / sizeof fuzz_zpool[0]; i++)
		if (fuzz_zpool[i].p == p) {
			if (!fuzz_zpool[i].used)
				abort();        /* zlib freed a block twice */
			fuzz_zpool[i].used = false;
			return;
		}
	free(p);
}

int deflateInit2_(z_streamp strm, int level, int method, int window_bits,
                  int mem_level, int strategy, const char *version,
                  int stream_size);

int
deflateInit2_(z_streamp strm, int level, int method, int window_bits,
              int mem_level, int strategy, const char *version,
              int stream_size)
{
	typedef int (*init_fn)(z_streamp, int, int, int, int, int,
	                       const char *, int);
	static init_fn real;
	if (!real) {
		*(void **)&real = dlsym(RTLD_NEXT, "deflateInit2_");
		if (!real)
			abort();
	}
	if (strm && !strm->zalloc && !strm->zfree) {
		strm->zalloc = fuzz_zalloc;
		strm->zfree = fuzz_zfree;
		strm->opaque = NULL;
	}
	return real(strm, level, method, window_bits, mem_level, strategy,
	            version, stream_size);
}

#endif
