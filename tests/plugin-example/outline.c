/* outline.c — a complete, minimal missive writer plugin, built out of
 * tree against an installed missive (see README.md and the Makefile).
 *
 * It writes the outline of a letter: its language, date, subject and the
 * first words of each body paragraph, one per line.  Everything a writer
 * needs is here: the descriptor with its ABI version, the one exported
 * function, a loop over the writer kit's events (missive-kit.h), output
 * through ms_output_*, and a located diagnostic with a non-OK status when
 * there is nothing to write. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <missive-kit.h>

/* How many bytes of a paragraph the outline shows (cut at a character
 * boundary). */
#define FIRST_BYTES 60

/* TEXT's plain text, at most MAX bytes of it (0: all), on one line. */
static ms_status
put_plain(ms_output *out, const ms_text *text, size_t max)
{
	ms_buf b = MS_BUF_INIT;
	const char *s = ms_kit_plain(text, &b);
	size_t n = strlen(s);
	ms_status st;
	bool cut = false;

	if (max && n > max) {
		n = max;
		/* back up to the first byte of a UTF-8 sequence */
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		cut = true;
	}
	st = ms_output_write(out, s, n);
	if (st == MS_OK && cut)
		st = ms_output_puts(out, "…");
	if (st == MS_OK)
		st = ms_output_puts(out, "\n");
	ms_buf_release(&b);
	return st;
}

static ms_status
render(const ms_letter *l, const ms_locale *loc, ms_output *out, ms_diag_handler *h)
{
	ms_kit_iter *it;
	ms_kit_node *n;
	ms_kit_event ev;
	ms_buf date = MS_BUF_INIT;
	ms_status st = MS_OK;
	unsigned count = 0;

	if (!l->body) {
		ms_diag_emit(h, MS_ERROR, NULL, l->path, 0, 0,
		             "outline: the letter '%s' has no body", l->id);
		return MS_ERR_INVALID;
	}
	it = ms_kit_iter_new(l, loc, 0);
	while (st == MS_OK && (ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
		if (ev != MS_KIT_ENTER)
			continue;
		switch (n->part) {
		case MS_KIT_LETTER:
			/* the localised date, or the date in ISO 8601 */
			st = ms_output_printf(out, "%s%s\t%s\n", loc->lang,
			                      loc->draft ? " (draft)" : "",
			                      ms_kit_date_text(l->date_text, &l->date,
			                                       &date));
			break;
		case MS_KIT_SUBJECT:
			st = put_plain(out, n->ms, 0);
			ms_kit_iter_skip(it);   /* its inlines are not needed */
			break;
		case MS_KIT_BLOCK:
			/* paragraphs and headings of the body itself, not those
			 * inside lists or quotes */
			if (n->parent->part == MS_KIT_BODY
			    && (n->block->type == MS_BLOCK_PARAGRAPH
			        || n->block->type == MS_BLOCK_HEADING)) {
				ms_text t = { NULL, n->block->inlines, { 0, 0 } };
				st = ms_output_printf(out, "%u. ", ++count);
				if (st == MS_OK)
					st = put_plain(out, &t, FIRST_BYTES);
			}
			if (!n->leaf)
				ms_kit_iter_skip(it);
			break;
		default:
			break;
		}
	}
	ms_kit_iter_free(it);
	ms_buf_release(&date);
	return st;
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
