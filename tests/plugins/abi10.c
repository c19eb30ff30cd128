/* abi10.c — a plugin built against plugin ABI 1.0, as the first
 * missive-plugin.h declared it: the descriptor and the locale are copied
 * here as they were then (this file does not include missive-plugin.h,
 * which has since moved ms_locale to missive-locale.h and appended
 * members to it), with MS_PLUGIN_ABI_MINOR 0 and the 1.0 descriptor
 * size.  The host must load it, and what it reads through the 1.0
 * layout must be what missive filled in: it writes every 1.0 member of
 * the locale and a few parts of the letter, and tests/test-plugin.c
 * compares them with the locale the host was given. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>

#include "missive.h"   /* the document model: only ever appended to */

/* ---- plugin ABI 1.0, verbatim */
#define MS_PLUGIN_ABI_MAJOR 1
#define MS_PLUGIN_ABI_MINOR 0
#define MS_PLUGIN_EXPORT __attribute__((visibility("default")))

typedef struct ms_locale {
	const char *lang;
	const char *source_lang;
	const char *paper;
	double paper_width_pt;
	double paper_height_pt;
	int text_width;
	bool draft;
	const char *date_align;
	bool name_after_title;
	const char *recipient_suffix;
	const char *font_serif;
	const char *font_sans;
	const char *generator;
} ms_locale;

typedef struct ms_output ms_output;
ms_status ms_output_puts(ms_output *out, const char *s);
ms_status ms_output_printf(ms_output *out, const char *fmt, ...) MS_PRINTF(2, 3);

typedef struct ms_plugin {
	uint16_t abi_major, abi_minor;
	uint32_t struct_size;
	const char *name;
	const char *summary;
	const char *version;
	const char *const *extensions;
	uint32_t caps;
	ms_status (*render)(const ms_letter *letter, const ms_locale *locale,
	                    ms_output *out, ms_diag_handler *diag);
	void (*reserved[4])(void);
} ms_plugin;
/* ---- end of ABI 1.0 */

MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe(void);

static const char *
str(const char *s)
{
	return s ? s : "(null)";
}

static ms_status
render(const ms_letter *l, const ms_locale *loc, ms_output *out,
       ms_diag_handler *h)
{
	ms_buf plain = MS_BUF_INIT;
	ms_status st;

	(void)h;
	ms_inline_plain(l->subject.inlines, &plain);
	st = ms_output_printf(out,
	        "lang=%s\nsource_lang=%s\npaper=%s\nsize=%.3f x %.3f\n"
	        "text_width=%d\ndraft=%d\ndate_align=%s\nname_after_title=%d\n"
	        "recipient_suffix=%s\nfont_serif=%s\nfont_sans=%s\n"
	        "generator=%s\nsubject=%s\ndate_text=%s\n",
	        str(loc->lang), str(loc->source_lang), str(loc->paper),
	        loc->paper_width_pt, loc->paper_height_pt, loc->text_width,
	        loc->draft, str(loc->date_align), loc->name_after_title,
	        str(loc->recipient_suffix), str(loc->font_serif),
	        str(loc->font_sans), str(loc->generator), plain.ptr,
	        str(l->date_text));
	ms_buf_release(&plain);
	return st;
}

static const char *const exts[] = { "abi10", NULL };

static const ms_plugin plugin = {
	MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof(ms_plugin),
	"abi10", "built against plugin ABI 1.0", "1.0", exts, 0, render,
	{ NULL }
};

const ms_plugin *
missive_plugin_describe(void)
{
	return &plugin;
}
