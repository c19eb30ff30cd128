/* cli-segment.c — `missive segment`: text on standard input split into
 * one segment per line, for any evaluation harness to drive the
 * segmenter. */
#include "cli.h"
#include "segment.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Segment the paragraph in PARA, print one segment per line (with CLEAN,
 * not those that are layout: a page number, a rule), empty PARA. */
static bool
print_segments(ms_segmenter *seg, ms_buf *para, bool clean)
{
	ms_span *spans = NULL;
	size_t n = 0;
	bool ok = ms_segmenter_split(seg, para->ptr, para->len, &spans, &n) == MS_OK;
	ms_buf line = MS_BUF_INIT;
	for (size_t i = 0; ok && i < n; i++) {
		if (clean && ms_segment_is_layout(para->ptr + spans[i].start,
		                                  spans[i].end - spans[i].start))
			continue;       /* a page number, a rule */
		ms_buf_reset(&line);
		ms_segment_normalize(&line, para->ptr + spans[i].start, spans[i].end - spans[i].start);
		puts(line.ptr);
	}
	ms_buf_release(&line);
	free(spans);
	ms_buf_reset(para);
	return ok;
}

int
cmd_segment(ms_project *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "mode", required_argument, NULL, 'm' },
		{ "clean", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *lang = ms_project_config(p)->source_lang;
	ms_seg_mode mode = MS_SEG_SENTENCE;
	ms_segmenter *seg = NULL;
	ms_buf input = MS_BUF_INIT, para = MS_BUF_INIT, cleaned = MS_BUF_INIT;
	bool clean = false;
	size_t bad;
	unsigned bl, bc;
	int c, rc = EXIT_CLEAN;

	while ((c = getopt_long(argc, argv, "l:m:ch", opts, NULL)) != -1) {
		switch (c) {
		case 'c': clean = true; break;
		case 'l': lang = optarg; break;
		case 'm':
			if (!strcmp(optarg, "sentence"))
				mode = MS_SEG_SENTENCE;
			else if (!strcmp(optarg, "paragraph"))
				mode = MS_SEG_PARAGRAPH;
			else {
				cli_usage_error(_("unknown mode '%s' (sentence or paragraph)"), optarg);
				return EXIT_ERROR;
			}
			break;
		case 'h':
			printf(_("Usage: %s segment [--lang LANG] [--mode sentence|paragraph] [--clean]\n"
			         "Read text on standard input and print one segment per line.\n"
			         "Blank lines separate paragraphs; a single line break ends a\n"
			         "segment after a list item, a heading or a short line, and is\n"
			         "otherwise a space; white space inside a segment becomes one space.\n"
			         "--clean first removes markup tags, character references, rules,\n"
			         "dot leaders and page numbers, and joins words set one letter a\n"
			         "line (doc/segmentation.md).\n"), cli_progname);
			return EXIT_CLEAN;
		default:
			return EXIT_ERROR;
		}
	}
	if (ms_segmenter_new(lang, mode, NULL, &seg, &cli_diag) != MS_OK)
		return EXIT_ERROR;
	/* Read everything: paragraphs may be long, and a located error needs
	 * the line numbers of the whole input. */
	for (;;) {
		size_t n;
		ms_buf_grow(&input, 1 << 16);
		n = fread(input.ptr + input.len, 1, input.cap - input.len - 1, stdin);
		if (n == 0)
			break;
		input.len += n;
		input.ptr[input.len] = '\0';
	}
	if (!ms_utf8_validate(input.ptr, input.len, &bad, &bl, &bc)) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, "<stdin>", bl, bc,
		             _("invalid UTF-8 or NUL byte (byte offset %zu)"), bad);
		rc = EXIT_ERROR;
		goto out;
	}
	if (clean) {
		ms_segment_clean(&cleaned, input.ptr, input.len);
		ms_buf_release(&input);
		input = cleaned;
	}
	/* Split into paragraphs at blank lines and segment each. */
	const char *s = input.ptr, *end = input.ptr + input.len;
	while (s < end && rc == EXIT_CLEAN) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		const char *q = s;
		while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		bool blank = q == le;
		if (!blank) {
			if (para.len)
				ms_buf_putc(&para, '\n');
			ms_buf_put(&para, s, (size_t)(le - s));
		}
		if ((blank || !nl) && para.len && !print_segments(seg, &para, clean))
			rc = EXIT_ERROR;
		s = nl ? nl + 1 : end;
	}
	if (rc == EXIT_CLEAN && para.len && !print_segments(seg, &para, clean))
		rc = EXIT_ERROR;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ms_diag_emit(&cli_diag, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot write to standard output: %s"), strerror(errno));
		rc = EXIT_ERROR;
	}
out:
	ms_buf_release(&input);
	ms_buf_release(&para);
	ms_segmenter_free(seg);
	return rc;
}
