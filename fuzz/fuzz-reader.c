/* fuzz-reader.c — letters: YAML front matter and Markdown body
 * (ms_reader_read_mem), then a deep copy and the inline parser. */
#include <config.h>
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ms_diag_handler h = fuzz_handler();
	ms_letter *l = NULL;
	ms_status st = ms_reader_read_mem("fuzz.md", (const char *)data, size,
	                                  &l, &h);
	if (st == MS_OK) {
		ms_letter *c;
		ms_buf b = MS_BUF_INIT;
		if (!l)
			abort();
		c = ms_letter_clone(l);
		ms_inline_plain(l->subject.inlines, &b);
		ms_buf_release(&b);
		ms_letter_free(c);
		ms_letter_free(l);
	} else if (l) {
		abort();        /* a failure must not hand back a letter */
	}
	/* The front-matter inline parser on its own. */
	if (size < 4096) {
		ms_inline *in = ms_reader_parse_inline((const char *)data, size);
		ms_inline_free(in);
	}
	return 0;
}
