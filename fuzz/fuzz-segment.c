/* fuzz-segment.c — the sentence segmenter for en, es and ko.  The first
 * byte picks the language and mode; the rest is the paragraph.  Checks
 * the documented span invariants and the one-line text of each span,
 * and that the cleaned text is valid UTF-8 and no longer. */
#include <config.h>
#include "fuzz-common.h"
#include <string.h>
#include "segment.h"

static ms_segmenter *segs[6];

static ms_segmenter *
get_seg(unsigned k)
{
	static const char *langs[] = { "en", "es", "ko" };
	ms_diag_handler h = fuzz_handler();
	if (!segs[k]) {
		if (ms_segmenter_new(langs[k % 3], k < 3 ? MS_SEG_SENTENCE
		                                         : MS_SEG_PARAGRAPH,
		                     FUZZ_SRCDIR "/data", &segs[k], &h) != MS_OK)
			abort();
	}
	return segs[k];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ms_span *sp = NULL;
	size_t n = 0, i, prev = 0;
	const char *text;
	size_t len;
	ms_status st;
	if (size < 1)
		return 0;
	text = (const char *)data + 1;
	len = size - 1;
	st = ms_segmenter_split(get_seg(data[0] % 6), text, len, &sp, &n);
	if (st == MS_OK) {
		ms_buf line = MS_BUF_INIT;
		for (i = 0; i < n; i++) {
			if (sp[i].start >= sp[i].end || sp[i].end > len ||
			    sp[i].start < prev)
				abort();
			prev = sp[i].end;
			/* the one-line text: no more bytes than the span, no
			 * line break, no space at either end */
			ms_buf_reset(&line);
			ms_segment_normalize(&line, text + sp[i].start,
			                     sp[i].end - sp[i].start);
			if (line.len == 0 || line.len > sp[i].end - sp[i].start
			    || memchr(line.ptr, '\n', line.len)
			    || line.ptr[0] == ' ' || line.ptr[line.len - 1] == ' ')
				abort();
		}
		ms_buf_release(&line);
		/* the cleaned text (segment --clean): valid UTF-8, never
		 * longer than the text */
		ms_buf clean = MS_BUF_INIT;
		size_t bad;
		unsigned bl, bc;
		if (ms_utf8_validate(text, len, &bad, &bl, &bc)) {
			ms_segment_clean(&clean, text, len);
			if (clean.len > len
			    || !ms_utf8_validate(clean.ptr, clean.len, &bad, &bl, &bc))
				abort();
		}
		ms_buf_release(&clean);
	}
	free(sp);
	return 0;
}
