/* plugin.c — the plugin host: finding writer modules with libltdl,
 * checking their descriptors before anything else in them is touched, and
 * calling them with an output sink that collects bytes in memory.
 *
 * A host owns every module it opened.  Modules that pass the checks stay
 * loaded until ms_plugin_host_free; the others are unloaded at once and
 * only their record (path, name, reason) is kept, so that `missive plugins`
 * can say why they are unusable.  No state lives outside the host, except
 * libltdl's own reference count (lt_dlinit/lt_dlexit pair up per host). */
#include "internal.h"
#include "plugin.h"

#include <dirent.h>
#include <errno.h>
#ifdef HAVE_DLFCN_H
#include <dlfcn.h>
#endif
#include <limits.h>
#include <ltdl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef PKGLIBDIR
#define PKGLIBDIR ""
#endif

/* The size of a 1.0 descriptor: members are only ever appended, so this
 * stays fixed even when ms_plugin grows. */
#define DESCRIPTOR_SIZE_1_0 \
	(offsetof(ms_plugin, reserved) + sizeof(((ms_plugin *)0)->reserved))

/* The sink a writer writes to: bytes go to BUF; NAME is for messages. */
struct ms_output {
	ms_buf *buf;
	const char *name;
};

typedef struct module {
	ms_plugin_info info;  /* what callers see; points into this record */
	lt_dlhandle handle;   /* open only while the module is OK */
	char *path;
	char *name;
	char *version;
	char *summary;
	char *reason;
} module;

struct ms_plugin_host {
	module *mods;
	size_t n, cap;
	char **dirs;          /* folders searched, as given (for messages) */
	char **real_dirs;     /* the same, resolved, to skip repeats */
	bool ltdl_up;
};

/* ------------------------------------------------------------ output */

ms_status
ms_output_write(ms_output *out, const void *data, size_t len)
{
	if (!out || !out->buf || (!data && len))
		return MS_ERR_USAGE;
	ms_buf_put(out->buf, data, len);
	return MS_OK;
}

ms_status
ms_output_puts(ms_output *out, const char *s)
{
	if (!s)
		return MS_ERR_USAGE;
	return ms_output_write(out, s, strlen(s));
}

ms_status
ms_output_printf(ms_output *out, const char *fmt, ...)
{
	va_list ap;
	if (!out || !out->buf || !fmt)
		return MS_ERR_USAGE;
	va_start(ap, fmt);
	ms_buf_vprintf(out->buf, fmt, ap);
	va_end(ap);
	return MS_OK;
}

const char *
ms_output_name(const ms_output *out)
{
	return out ? out->name : NULL;
}

/* ------------------------------------------------------------ scanning */

static module *
module_add(ms_plugin_host *host, const char *dir, const char *file)
{
	module *m;
	ms_buf path = MS_BUF_INIT;
	const char *dot = strrchr(file, '.');

	if (host->n == host->cap) {
		host->cap = host->cap ? host->cap * 2 : 8;
		host->mods = ms_xrealloc(host->mods, host->cap * sizeof *host->mods);
	}
	m = &host->mods[host->n++];
	memset(m, 0, sizeof *m);
	ms_buf_puts(&path, dir);
	if (path.len && path.ptr[path.len - 1] != '/')
		ms_buf_putc(&path, '/');
	ms_buf_puts(&path, file);
	m->path = ms_buf_detach(&path, NULL);
	/* Until a descriptor names it, a module is called by its file name
	 * without the extension. */
	m->name = ms_xstrndup(file, dot ? (size_t)(dot - file) : strlen(file));
	m->info.state = MS_PLUGIN_FAILED;
	return m;
}

static void
module_reject(module *m, ms_plugin_state state, const char *fmt, ...)
	MS_PRINTF(3, 4);

static void
module_reject(module *m, ms_plugin_state state, const char *fmt, ...)
{
	ms_buf reason = MS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ms_buf_vprintf(&reason, fmt, ap);
	va_end(ap);
	free(m->reason);
	m->reason = ms_buf_detach(&reason, NULL);
	m->info.state = state;
	if (m->handle) {
		lt_dlclose(m->handle);
		m->handle = NULL;
	}
}

static void
module_set_name(module *m, const char *name)
{
	if (!name || !*name)
		return;
	free(m->name);
	m->name = ms_xstrdup(name);
}

static const module *
find_ok_by_name(const ms_plugin_host *host, const char *name)
{
	for (size_t i = 0; i < host->n; i++) {
		const module *m = &host->mods[i];
		if (m->info.state == MS_PLUGIN_OK && strcmp(m->name, name) == 0)
			return m;
	}
	return NULL;
}

/* Check the descriptor P of M against our ABI.  On success M is OK. */
static void
module_check(ms_plugin_host *host, module *m, const ms_plugin *p)
{
	const module *other;

	m->info.abi_major = p->abi_major;
	m->info.abi_minor = p->abi_minor;
	/* Only the two version numbers sit at a fixed place in every ABI:
	 * read nothing else until they match. */
	if (p->abi_major != MS_PLUGIN_ABI_MAJOR
	    || p->abi_minor > MS_PLUGIN_ABI_MINOR) {
		module_reject(m, MS_PLUGIN_REFUSED,
		              _("%s: built for plugin ABI %u.%u, this missive speaks %d.%d"),
		              m->path, (unsigned)p->abi_major,
		              (unsigned)p->abi_minor, MS_PLUGIN_ABI_MAJOR,
		              MS_PLUGIN_ABI_MINOR);
		return;
	}
	if (p->struct_size < DESCRIPTOR_SIZE_1_0) {
		module_reject(m, MS_PLUGIN_REFUSED,
		              _("%s: its descriptor has %u bytes, fewer than the %u of plugin ABI 1.0: built with a damaged header?"),
		              m->path, (unsigned)p->struct_size,
		              (unsigned)DESCRIPTOR_SIZE_1_0);
		return;
	}
	module_set_name(m, p->name);
	if (p->version)
		m->version = ms_xstrdup(p->version);
	if (p->summary)
		m->summary = ms_xstrdup(p->summary);
	if (!p->name || !*p->name) {
		module_reject(m, MS_PLUGIN_REFUSED,
		              _("%s: its descriptor has no name"), m->path);
		return;
	}
	if (!p->version) {
		module_reject(m, MS_PLUGIN_REFUSED,
		              _("%s: its descriptor has no version"), m->path);
		return;
	}
	if (!p->render) {
		module_reject(m, MS_PLUGIN_REFUSED,
		              _("%s: its descriptor has no render function"),
		              m->path);
		return;
	}
	if (!p->extensions || !p->extensions[0]) {
		module_reject(m, MS_PLUGIN_REFUSED,
		              _("%s: its descriptor lists no file extensions"),
		              m->path);
		return;
	}
	for (size_t i = 0; p->extensions[i]; i++) {
		if (!*p->extensions[i]) {
			module_reject(m, MS_PLUGIN_REFUSED,
			              _("%s: its descriptor lists an empty file extension"),
			              m->path);
			return;
		}
	}
	other = find_ok_by_name(host, m->name);
	if (other) {
		module_reject(m, MS_PLUGIN_REFUSED,
		              _("%s: shadowed by \"%s\" found earlier in the search path (%s)"),
		              m->path, m->name, other->path);
		return;
	}
	m->info.state = MS_PLUGIN_OK;
	m->info.plugin = p;
	m->info.extensions = p->extensions;
}

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

/* The shared object a libtool .la file at PATH stands for, or NULL. */
static char *
la_target(const char *path)
{
	char *data = NULL, *line, *save = NULL;
	ms_buf target = MS_BUF_INIT;
	char *dlname = NULL;
	bool installed = true;
	const char *slash;
	size_t len;

	if (ms_read_file(path, &data, &len, NULL) != MS_OK)
		return NULL;
	for (line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "dlname='", 8) == 0) {
			char *end = strchr(line + 8, '\'');
			if (end && end > line + 8)
				dlname = ms_xstrndup(line + 8, (size_t)(end - line - 8));
		} else if (strcmp(line, "installed=no") == 0) {
			installed = false;
		}
	}
	free(data);
	if (!dlname)
		return NULL;
	slash = strrchr(path, '/');
	if (slash)
		ms_buf_put(&target, path, (size_t)(slash - path + 1));
	if (!installed)
		ms_buf_puts(&target, ".libs/");
	ms_buf_puts(&target, dlname);
	free(dlname);
	return ms_buf_detach(&target, NULL);
}

/* libltdl says "file not found" whatever went wrong; ask the system
 * loader directly for the real reason ("invalid ELF header", the name
 * of a missing library).  Freshly allocated, or NULL. */
static char *
load_detail(const char *path)
{
#ifdef HAVE_DLFCN_H
	char *target = has_suffix(path, ".la") ? la_target(path)
	               : ms_xstrdup(path);
	char *detail = NULL;
	void *probe;

	if (!target)
		return NULL;
	dlerror();
	probe = dlopen(target, RTLD_LAZY | RTLD_LOCAL);
	if (probe) {
		dlclose(probe);
	} else {
		const char *err = dlerror();
		size_t n = strlen(target);
		/* glibc starts with the path; ours is said already. */
		if (err && strncmp(err, target, n) == 0 && err[n] == ':'
		    && strcmp(target, path) == 0)
			err += n + (err[n + 1] == ' ' ? 2 : 1);
		if (err && *err)
			detail = ms_xstrdup(err);
	}
	free(target);
	return detail;
#else
	return NULL;
#endif
}

static void
module_load(ms_plugin_host *host, const char *dir, const char *file)
{
	module *m = module_add(host, dir, file);
	lt_dladvise advise;
	const char *err;
	void *sym;
	ms_plugin_describe_fn describe;
	const ms_plugin *p;

	lt_dlerror();  /* forget any earlier error */
	/* Local symbols: every module exports the same entry point. */
	if (lt_dladvise_init(&advise) == 0) {
		lt_dladvise_local(&advise);
		m->handle = lt_dlopenadvise(m->path, advise);
		lt_dladvise_destroy(&advise);
#ifdef __SANITIZE_ADDRESS__
		/* Keep modules mapped under AddressSanitizer: memory the
		 * libraries they pull in keep for the whole process (GLib's type
		 * system, fontconfig's caches) would lose its roots when the
		 * module is unmapped and be reported as leaked, without a name.
		 * Real leaks still show, with their stacks. */
		if (m->handle)
			lt_dlmakeresident(m->handle);
#endif
	}
	if (!m->handle) {
		char *detail;
		err = lt_dlerror();
		detail = load_detail(m->path);
		module_reject(m, MS_PLUGIN_FAILED,
		              _("%s: cannot load: %s (run ldd on it to see missing libraries)"),
		              m->path, detail ? detail : err ? err
		              : _("unknown error"));
		free(detail);
		return;
	}
	sym = lt_dlsym(m->handle, MS_PLUGIN_ENTRY_NAME);
	if (!sym) {
		module_reject(m, MS_PLUGIN_FAILED,
		              _("%s: does not export %s: not a missive plugin, or built for another version?"),
		              m->path, MS_PLUGIN_ENTRY_NAME);
		return;
	}
	/* ISO C has no cast from object to function pointer; POSIX
	 * guarantees that the bytes are the same. */
	memcpy(&describe, &sym, sizeof describe);
	p = describe();
	if (!p) {
		module_reject(m, MS_PLUGIN_FAILED,
		              _("%s: %s returned no descriptor"), m->path,
		              MS_PLUGIN_ENTRY_NAME);
		return;
	}
	module_check(host, m, p);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
scan_dir(ms_plugin_host *host, const char *dir, ms_diag_handler *h)
{
	char **names = NULL;
	size_t count;
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d) {
		/* A folder that is not there (an uninstalled PKGLIBDIR, say)
		 * simply holds no plugins. */
		if (errno != ENOENT)
			ms_diag_emit(h, MS_WARNING, NULL, dir, 0, 0,
			             _("cannot read plugin folder: %s"),
			             strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (has_suffix(de->d_name, ".la") || has_suffix(de->d_name, ".so"))
			ms_strv_push(&names, de->d_name);
	}
	closedir(d);
	count = ms_strv_len(names);
	if (count > 1)
		qsort(names, count, sizeof *names, cmp_names);
	for (size_t i = 0; i < count; i++) {
		if (has_suffix(names[i], ".so")) {
			/* A module libtool installed: its .la speaks for it. */
			size_t n = strlen(names[i]);
			char *la = ms_xstrdup(names[i]);
			bool seen;
			memcpy(la + n - 3, ".la", 3);
			seen = ms_strv_contains(names, la);
			free(la);
			if (seen)
				continue;
		}
		module_load(host, dir, names[i]);
	}
	ms_strv_free(names);
}

/* Scan each folder of the colon-separated LIST, once per real folder. */
static void
scan_list(ms_plugin_host *host, const char *list, ms_diag_handler *h)
{
	const char *p = list;
	while (*p) {
		const char *end = strchr(p, ':');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n) {
			char *dir = ms_xstrndup(p, n);
			char *real = realpath(dir, NULL);
			const char *key = real ? real : dir;
			if (!ms_strv_contains(host->real_dirs, key)) {
				ms_strv_push(&host->real_dirs, key);
				ms_strv_push(&host->dirs, dir);
				scan_dir(host, dir, h);
			}
			free(real);
			free(dir);
		}
		p += n;
		if (*p == ':')
			p++;
	}
}

ms_status
ms_plugin_host_new(const char *search, ms_plugin_host **out,
                   ms_diag_handler *h)
{
	ms_plugin_host *host;
	const char *err;

	if (!out) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("no place given for the plugin host"));
		return MS_ERR_USAGE;
	}
	*out = NULL;
	if (lt_dlinit() != 0) {
		err = lt_dlerror();
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot start the module loader: %s"),
		             err ? err : _("unknown error"));
		lt_dlexit();
		return MS_ERR_PLUGIN;
	}
	host = ms_xcalloc(1, sizeof *host);
	host->ltdl_up = true;
	if (search) {
		scan_list(host, search, h);
	} else {
		const char *env = getenv("MISSIVE_PLUGIN_PATH");
		if (env)
			scan_list(host, env, h);
		scan_list(host, PKGLIBDIR, h);
	}
	/* The array no longer moves: point each record at its strings. */
	for (size_t i = 0; i < host->n; i++) {
		module *m = &host->mods[i];
		m->info.path = m->path;
		m->info.name = m->name;
		m->info.version = m->version;
		m->info.summary = m->summary;
		m->info.reason = m->reason;
	}
	*out = host;
	return MS_OK;
}

void
ms_plugin_host_free(ms_plugin_host *host)
{
	if (!host)
		return;
	for (size_t i = 0; i < host->n; i++) {
		module *m = &host->mods[i];
		if (m->handle)
			lt_dlclose(m->handle);
		free(m->path);
		free(m->name);
		free(m->version);
		free(m->summary);
		free(m->reason);
	}
	free(host->mods);
	ms_strv_free(host->dirs);
	ms_strv_free(host->real_dirs);
	if (host->ltdl_up)
		lt_dlexit();
	free(host);
}

size_t
ms_plugin_host_count(const ms_plugin_host *host)
{
	return host ? host->n : 0;
}

const ms_plugin_info *
ms_plugin_host_get(const ms_plugin_host *host, size_t i)
{
	if (!host || i >= host->n)
		return NULL;
	return &host->mods[i].info;
}

/* ------------------------------------------------------------ lookup */

const ms_plugin *
ms_plugin_host_find(const ms_plugin_host *host, const char *format,
                    ms_diag_handler *h)
{
	ms_buf avail = MS_BUF_INIT;
	const char *want = format;

	if (!host || !format || !*format) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("no output format given"));
		return NULL;
	}
	if (want[0] == '.' && want[1])
		want++;
	/* Extensions first ("txt"), then plugin names ("text"). */
	for (size_t i = 0; i < host->n; i++) {
		const module *m = &host->mods[i];
		if (m->info.state != MS_PLUGIN_OK)
			continue;
		for (size_t k = 0; m->info.extensions[k]; k++)
			if (strcasecmp(m->info.extensions[k], want) == 0)
				return m->info.plugin;
	}
	for (size_t i = 0; i < host->n; i++) {
		const module *m = &host->mods[i];
		if (m->info.state == MS_PLUGIN_OK && strcasecmp(m->name, want) == 0)
			return m->info.plugin;
	}

	for (size_t i = 0; i < host->n; i++) {
		const module *m = &host->mods[i];
		if (m->info.state != MS_PLUGIN_OK)
			continue;
		for (size_t k = 0; m->info.extensions[k]; k++) {
			if (avail.len)
				ms_buf_puts(&avail, ", ");
			ms_buf_printf(&avail, "%s (%s)", m->info.extensions[k],
			              m->name);
		}
	}
	if (avail.len) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("no plugin writes \"%s\"; available: %s"),
		             format, avail.ptr);
	} else {
		ms_buf_reset(&avail);
		for (size_t i = 0; host->dirs && host->dirs[i]; i++) {
			if (avail.len)
				ms_buf_putc(&avail, ':');
			ms_buf_puts(&avail, host->dirs[i]);
		}
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("no plugin writes \"%s\"; no usable plugin was found in \"%s\" (set MISSIVE_PLUGIN_PATH?)"),
		             format, avail.ptr);
	}
	ms_buf_release(&avail);
	for (size_t i = 0; i < host->n; i++) {
		const module *m = &host->mods[i];
		if (m->info.state != MS_PLUGIN_OK && strcasecmp(m->name, want) == 0)
			ms_diag_emit(h, MS_NOTE, NULL, NULL, 0, 0,
			             _("plugin \"%s\" is unusable: %s"),
			             m->name, m->reason);
	}
	return NULL;
}

/* ------------------------------------------------------------ rendering */

/* The plugin's diagnostics go to the caller's handler through a local
 * one that counts them: the caller's counters may be shared with other
 * threads rendering at the same time. */
static void
forward_diag(const ms_diag *d, void *data)
{
	ms_diag_send(data, d);
}

static ms_status
render_into(const ms_plugin *plugin, const ms_letter *letter,
            const ms_locale *locale, ms_output *out, ms_diag_handler *h)
{
	size_t start = out->buf->len;
	ms_diag_handler local = { forward_diag, h, 0, 0 };
	ms_status st;

	st = plugin->render(letter, locale, out, &local);
	if (st != MS_OK) {
		ms_buf_truncate(out->buf, start);
		/* Make sure the failure is said at least once. */
		if (h && local.errors == 0)
			ms_diag_emit(h, MS_ERROR, NULL, out->name, 0, 0,
			             _("plugin \"%s\" failed: %s"),
			             plugin->name ? plugin->name : "?",
			             ms_strerror(st));
	}
	return st;
}

static bool
render_args_ok(const ms_plugin *plugin, const ms_letter *letter,
               const ms_locale *locale, const void *out, ms_diag_handler *h)
{
	if (plugin && plugin->render && letter && locale && out)
		return true;
	ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
	             _("cannot render: a plugin, a letter, a locale and an output are all needed"));
	return false;
}

ms_status
ms_plugin_render_buf(const ms_plugin *plugin, const ms_letter *letter,
                     const ms_locale *locale, ms_buf *out,
                     ms_diag_handler *h)
{
	ms_output o;
	if (!render_args_ok(plugin, letter, locale, out, h))
		return MS_ERR_USAGE;
	o.buf = out;
	o.name = NULL;
	return render_into(plugin, letter, locale, &o, h);
}

ms_status
ms_plugin_render_file(const ms_plugin *plugin, const ms_letter *letter,
                      const ms_locale *locale, const char *path,
                      ms_diag_handler *h)
{
	ms_buf bytes = MS_BUF_INIT;
	ms_output o;
	ms_status st;

	if (!render_args_ok(plugin, letter, locale, path, h))
		return MS_ERR_USAGE;
	o.buf = &bytes;
	o.name = path;
	st = render_into(plugin, letter, locale, &o, h);
	if (st == MS_OK)
		st = ms_atomic_write_flags(path, bytes.ptr, bytes.len,
		                           MS_WRITE_NO_SYNC | MS_WRITE_IF_CHANGED, h);
	ms_buf_release(&bytes);
	return st;
}
