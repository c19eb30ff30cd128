/* outline.c — a complete, minimal missive writer plugin, built out of
 * tree against an installed missive (see README.md and the Makefile).
 *
 * It writes the outline of a letter: its language, date, subject and the
 * first words of each body paragraph, one per line.  Everything a writer
 * needs is here: the descriptor with its ABI version, the one exported
 * function, output through ms_output_*, and a located diagnostic with a
 * non-OK status when there is nothing to write. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <missive-plugin.h>

/* How many bytes of a paragraph the outline shows (cut at a character
 * boundary). */
#define FIRST_BYTES 60

static ms_status
put_plain(ms_output *out, const ms_inline *list, size_t max)
{
	ms_buf b = MS_BUF_INIT;
	ms_status s;
	bool cut = false;

	ms_inline_plain(list, &b);
	if (max && b.len > max) {
		size_t n = max;
		/* back up to the first byte of a UTF-8 sequence */
		while (n > 0 && ((unsigned char)b.ptr[n] & 0xC0) == 0x80)
			n--;
		ms_buf_truncate(&b, n);
		cut = true;
	}
	s = ms_output_puts(out, b.ptr);
	if (s == MS_OK && cut)
		s = ms_output_puts(out, "…");
	ms_buf_release(&b);
	return s;
}

static ms_status
render(const ms_letter *l, const ms_locale *loc, ms_output *out, ms_diag_handler *h)
{
	ms_status s;
	unsigned n = 0;

	if (!l->body) {
		ms_diag_emit(h, MS_ERROR, NULL, l->path, 0, 0,
		             "outline: the letter '%s' has no body", l->id);
		return MS_ERR_INVALID;
	}
	s = ms_output_printf(out, "%s%s\t%s\n", loc->lang, loc->draft ? " (draft)" : "",
	                     l->date_text ? l->date_text : "");
	if (s == MS_OK)
		s = put_plain(out, l->subject.inlines, 0);
	if (s == MS_OK)
		s = ms_output_puts(out, "\n");
	for (const ms_block *b = l->body; b && s == MS_OK; b = b->next) {
		if (b->type != MS_BLOCK_PARAGRAPH && b->type != MS_BLOCK_HEADING)
			continue;
		s = ms_output_printf(out, "%u. ", ++n);
		if (s == MS_OK)
			s = put_plain(out, b->inlines, FIRST_BYTES);
		if (s == MS_OK)
			s = ms_output_puts(out, "\n");
	}
	return s;
}

static const char *const extensions[] = { "outline", NULL };

static const ms_plugin plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof(ms_plugin),
	"outline", "the subject and the opening of each paragraph", "1.0",
	extensions, 0, render, { NULL }
};

MS_PLUGIN_EXPORT const ms_plugin *
missive_plugin_describe(void)
{
	return &plugin;
}
