/* missive-plugin.h — the writer plugin ABI.
 *
 * A writer plugin is a shared module (libtool -module -avoid-version) that
 * exports one function, MS_PLUGIN_ENTRY_NAME, returning a pointer to a
 * static const ms_plugin descriptor.  The host checks the descriptor before
 * it uses anything else in the module:
 *
 *   - abi_major must equal the host's MS_PLUGIN_ABI_MAJOR;
 *   - abi_minor must not be newer than the host's MS_PLUGIN_ABI_MINOR;
 *   - struct_size must be at least the size of the 1.0 descriptor;
 *   - name, version, extensions and render must be set.
 *
 * A plugin that fails a check is listed by `missive plugins` as refused
 * and is never called.  The plugin never reads PO files or configuration:
 * it receives a localised letter, a locale, an output sink and a
 * diagnostics handler, and it writes bytes.
 *
 * Compatibility rules:
 *   - the minor version grows when something is added that a plugin may
 *     use: members appended to ms_plugin, ms_locale (missive-locale.h),
 *     the document model (missive.h) or the kit's node (missive-kit.h), and
 *     functions added to the library that plugins may call.  A plugin
 *     built against an older minor keeps working: nothing it uses moved
 *     or changed meaning.  A plugin built against a newer minor is
 *     refused, since it may call functions or read members this missive
 *     does not have;
 *   - the major version grows on any other change (a member removed,
 *     reordered or retyped, a function's meaning changed).
 *
 * History:
 *   1.0  the first ABI;
 *   1.1  the writer kit (missive-kit.h); ms_url_clean, ms_url_safe,
 *        ms_utf8_decode and ms_buf_put_json (missive.h) and the
 *        capability MS_CAP_REENTRANT, which came after 1.0 without a
 *        bump; ms_locale moved to missive-locale.h and given line_break,
 *        emphasis, font_size_pt, east_asian_lang, line_height,
 *        font_package, paper_links, quotes and notice.
 *   1.2  the letter model of issue 14 (missive.h): letterhead (ms_sender,
 *        ms_image), place, references, signers, enclosures, footnotes,
 *        tables, strikethrough, courtesy and gender of recipients, labels
 *        past 1.1 (ms_letter_label); the kit's parts, roles and node
 *        members for them (missive-kit.h) and ms_kit_note_plain;
 *        ms_utf8_is_unwanted, the characters writers drop.
 *   1.3  ms_locale.profile: the kit lays a letter out with the project's
 *        own language profile (missive.yaml profiles:).
 *
 * Minimal plugin:
 *
 *   static ms_status render (const ms_letter *l, const ms_locale *loc,
 *                            ms_output *out, ms_diag_handler *h)
 *   {
 *           return ms_output_puts (out, l->subject.src);
 *   }
 *   static const char *const exts[] = { "subj", NULL };
 *   static const ms_plugin plugin = {
 *           MS_PLUGIN_ABI_MAJOR, MS_PLUGIN_ABI_MINOR, sizeof (ms_plugin),
 *           "subject", "the subject line only", "1.0", exts, 0, render,
 *           { NULL }
 *   };
 *   MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe (void)
 *   {
 *           return &plugin;
 *   }
 */
#ifndef MISSIVE_PLUGIN_H
#define MISSIVE_PLUGIN_H

#include "missive.h"
#include "missive-locale.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MS_PLUGIN_ABI_MAJOR 1
#define MS_PLUGIN_ABI_MINOR 3

/* The symbol every plugin exports. */
#define MS_PLUGIN_ENTRY_NAME "missive_plugin_describe"

#if defined(__GNUC__)
#define MS_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define MS_PLUGIN_EXPORT
#endif

/* Capabilities. */
#define MS_CAP_BINARY   (1u << 0)  /* output is not text */
#define MS_CAP_FONTS    (1u << 1)  /* needs fonts (PDF) */
#define MS_CAP_PAGED    (1u << 2)  /* has pages and paper size */
/* render may run in several threads at once (on different letters): it
 * keeps no global state and its libraries allow it.  missive builds
 * letters in parallel only when every writer asked for says so; a
 * plugin without this bit is only ever called from one thread. */
#define MS_CAP_REENTRANT (1u << 3)

/* ms_locale (how the letter should look in its language) is declared
 * in missive-locale.h, included above. */

/* An output sink.  Writers write bytes; the host decides where they go
 * (a temporary file renamed into place on success, or memory in tests). */
typedef struct ms_output ms_output;

ms_status ms_output_write(ms_output *out, const void *data, size_t len);
ms_status ms_output_puts(ms_output *out, const char *s);
ms_status ms_output_printf(ms_output *out, const char *fmt, ...) MS_PRINTF(2, 3);
/* The final path the output will have (for messages); may be NULL. */
const char *ms_output_name(const ms_output *out);

typedef struct ms_plugin {
	uint16_t abi_major, abi_minor;  /* what the plugin was built against */
	uint32_t struct_size;           /* sizeof (ms_plugin) in the plugin */
	const char *name;               /* "text" */
	const char *summary;            /* one line, English */
	const char *version;            /* the plugin's own version */
	const char *const *extensions;  /* NULL-terminated: { "txt", NULL } */
	uint32_t caps;                  /* MS_CAP_* */
	ms_status (*render)(const ms_letter *letter, const ms_locale *locale,
	                    ms_output *out, ms_diag_handler *diag);
	void (*reserved[4])(void);
} ms_plugin;

typedef const ms_plugin *(*ms_plugin_describe_fn)(void);

/* What every plugin defines (declared here so plugins need not). */
MS_PLUGIN_EXPORT const ms_plugin *missive_plugin_describe(void);

#ifdef __cplusplus
}
#endif
#endif /* MISSIVE_PLUGIN_H */
