/* plugin.h — the plugin host: finding, checking and calling writer plugins.
 * Internal to missive (the CLI and tests); plugins see missive-plugin.h. */
#ifndef MS_PLUGIN_HOST_H
#define MS_PLUGIN_HOST_H

#include "missive-plugin.h"

typedef enum ms_plugin_state {
	MS_PLUGIN_OK = 0,       /* loaded and checked: usable */
	MS_PLUGIN_REFUSED = 1,  /* loaded but its descriptor failed a check */
	MS_PLUGIN_FAILED = 2,   /* could not be loaded at all */
} ms_plugin_state;

/* What the host knows of one module file.  All strings borrowed from the
 * host; valid until ms_plugin_host_free. */
typedef struct ms_plugin_info {
	const char *path;       /* the module file */
	const char *name;       /* descriptor name, or the file's base name */
	const char *version;    /* NULL unless loaded */
	const char *summary;    /* NULL unless loaded */
	const char *const *extensions; /* NULL unless OK */
	unsigned abi_major, abi_minor; /* as found in the descriptor */
	ms_plugin_state state;
	const char *reason;     /* why REFUSED or FAILED (with a hint) */
	const ms_plugin *plugin; /* NULL unless OK */
} ms_plugin_info;

typedef struct ms_plugin_host ms_plugin_host;

/* Scan for plugins.  SEARCH is a colon-separated list of folders; NULL
 * means $MISSIVE_PLUGIN_PATH (when set) followed by PKGLIBDIR.  In each
 * folder, every "*.la" module is considered, and every "*.so" without a
 * ".la" beside it.  Broken modules are recorded, never fatal: only a
 * failure of libltdl itself makes this return an error.  *OUT is freshly
 * allocated; free with ms_plugin_host_free. */
ms_status ms_plugin_host_new(const char *search, ms_plugin_host **out,
                             ms_diag_handler *h);
void ms_plugin_host_free(ms_plugin_host *host);

size_t ms_plugin_host_count(const ms_plugin_host *host);
const ms_plugin_info *ms_plugin_host_get(const ms_plugin_host *host, size_t i);

/* The usable plugin that writes FORMAT (an extension such as "txt" or a
 * plugin name such as "text").  When none does, reports an error listing
 * the available formats (and any refused or failed module that claims the
 * name) and returns NULL. */
const ms_plugin *ms_plugin_host_find(const ms_plugin_host *host,
                                     const char *format, ms_diag_handler *h);

/* Render LETTER with PLUGIN into memory (appended to OUT). */
ms_status ms_plugin_render_buf(const ms_plugin *plugin, const ms_letter *letter,
                               const ms_locale *locale, ms_buf *out,
                               ms_diag_handler *h);
/* Render into PATH atomically: nothing is written unless render succeeds,
 * and then the file appears whole (ms_atomic_write). */
ms_status ms_plugin_render_file(const ms_plugin *plugin, const ms_letter *letter,
                                const ms_locale *locale, const char *path,
                                ms_diag_handler *h);

#endif
