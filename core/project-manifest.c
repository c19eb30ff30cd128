/* project-manifest.c — what each output was made from, so that build
 * decides freshness from content, never from modification times.
 *
 * "<out>/.missive/manifest-<lang>" keeps, for each letter of the
 * language, the hashes of what its publication rests on — the letter
 * file, the catalogue entries its units use, everything all letters share
 * (missive.yaml, the glossary, the library's code), and the whole
 * catalogue file they were checked against — with the facts the
 * decision took (units, units missing, check errors); and for each of its
 * outputs, the inputs it was written from, the hash of the writer
 * plugin's module, the publish state it was written for, and the file's
 * identity and content hash.  A renamed letter has a new id, a letter
 * with an old modification time has new content, a rebuilt plugin has
 * another hash: each is rebuilt.  A letter gone from the corpus leaves
 * records whose outputs a full build removes.
 *
 *   missive-manifest 2
 *   L id path letter entries common catalogue units missing errors
 *   K id keys
 *   O id ext letter entries common plugin state size ino sec nsec content
 *   end hash-of-the-lines-above
 *
 * K, the letter's units index: the hash of each unit's key, 16 hex
 * digits each, in order (proj_letter_scan), so that after a catalogue
 * changes the entries the letter uses are found without reading it
 * again (proj_keys_scan).  A letter without K is read and walked.
 *
 * (fields separated by tabs, escaped as in project-store.c).  A file
 * that does not end with the hash of its lines — damaged, cut short or
 * edited — is ignored: everything is rebuilt.
 *
 * Threads.  The letters of a language may be built by several threads at
 * once, each on letters of its own: the index of the letters and the
 * "changed" flag are shared, and guarded by the manifest's lock; a
 * letter's record is only ever used by the thread that builds it. */
#include "project-impl.h"
#include "hash.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct proj_manifest {
	char *path;
	ms_htab *letters;        /* id → proj_mletter */
	bool dirty;
	pthread_mutex_t lock;    /* over LETTERS and DIRTY */
};

static proj_manifest *
manifest_new(const char *out_dir, const char *lang)
{
	proj_manifest *m = ms_xcalloc(1, sizeof *m);
	m->path = proj_state_path(out_dir, "manifest", lang);
	m->letters = ms_htab_new(64);
	pthread_mutex_init(&m->lock, NULL);
	return m;
}

static void
mark_dirty(proj_manifest *m)
{
	pthread_mutex_lock(&m->lock);
	m->dirty = true;
	pthread_mutex_unlock(&m->lock);
}

enum { L_FIELDS = 10, O_FIELDS = 13 };

static proj_mletter *
letter_new(proj_manifest *m, const char *id, const char *path)
{
	proj_mletter *l = ms_xcalloc(1, sizeof *l);
	l->id = ms_xstrdup(id);
	l->path = ms_xstrdup(path);
	ms_htab_put(m->letters, l->id, strlen(l->id), l);
	return l;
}

static void
outs_free(proj_mout *o)
{
	while (o) {
		proj_mout *next = o->next;
		free(o->ext);
		free(o);
		o = next;
	}
}

/* The 16 hex digits at S (lowercase, as written) into *V. */
static bool
hex16(const char *s, uint64_t *v)
{
	uint64_t x = 0;
	for (int i = 0; i < 16; i++) {
		char c = s[i];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
		             : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 16;
		if (d > 15)
			return false;
		x = x << 4 | d;
	}
	*v = x;
	return true;
}

static bool
parse_line(proj_manifest *m, char **at)
{
	char *f[O_FIELDS];
	unsigned long long n[6];
	uint64_t h[5];
	char *s = *at;
	proj_mletter *l;

	if (s[0] == 'L' && s[1] == '\t') {
		*at = s + 2;
		if (!proj_get_fields(at, f, L_FIELDS - 1) || !f[0] || !f[1]
		    || !ms_letter_id_valid(f[0]) || ms_htab_get(m->letters, f[0], strlen(f[0])))
			return false;
		for (int i = 0; i < 4; i++)
			if (!proj_parse_hash(f[2 + i], &h[i]))
				return false;
		for (int i = 0; i < 3; i++)
			if (!proj_parse_uint(f[6 + i], SIZE_MAX, &n[i]))
				return false;
		l = letter_new(m, f[0], f[1]);
		l->letter = h[0];
		l->entries = h[1];
		l->common = h[2];
		l->catalogue = h[3];
		l->units = (size_t)n[0];
		l->missing = (size_t)n[1];
		l->errors = (size_t)n[2];
		return true;
	}
	if (s[0] == 'K' && s[1] == '\t') {
		size_t hexlen;
		*at = s + 2;
		if (!proj_get_fields(at, f, 2) || !f[0] || !f[1]
		    || !(l = ms_htab_get(m->letters, f[0], strlen(f[0]))) || l->has_keys
		    || (hexlen = strlen(f[1])) % 16)
			return false;
		l->nkeys = hexlen / 16;
		l->keys = ms_xcalloc(l->nkeys + 1, sizeof *l->keys);
		for (size_t i = 0; i < l->nkeys; i++)
			if (!hex16(f[1] + 16 * i, &l->keys[i]))
				return false;
		l->has_keys = true;
		return true;
	}
	if (s[0] == 'O' && s[1] == '\t') {
		proj_mout *o;
		*at = s + 2;
		if (!proj_get_fields(at, f, O_FIELDS - 1) || !f[0] || !f[1]
		    || !(l = ms_htab_get(m->letters, f[0], strlen(f[0]))))
			return false;
		for (int i = 0; i < 4; i++)
			if (!proj_parse_hash(f[2 + i], &h[i]))
				return false;
		for (int i = 0; i < 5; i++)
			if (!proj_parse_uint(f[6 + i], UINT64_MAX, &n[i]))
				return false;
		if (!proj_parse_hash(f[11], &h[4]) || n[0] > MS_PUBLISH_BLOCKED + 1)
			return false;
		o = ms_xcalloc(1, sizeof *o);
		o->ext = ms_xstrdup(f[1]);
		o->letter = h[0];
		o->entries = h[1];
		o->common = h[2];
		o->plugin = h[3];
		o->state = (int)n[0] - 1;
		o->size = n[1];
		o->ino = n[2];
		o->sec = (int64_t)n[3];
		o->nsec = (long)n[4];
		o->content = h[4];
		o->next = l->outs;
		l->outs = o;
		return true;
	}
	return false;
}

proj_manifest *
proj_manifest_load(const char *out_dir, const char *lang)
{
	proj_manifest *m = manifest_new(out_dir, lang);
	char *data = NULL, *at, *end;
	size_t len = 0;
	static const char head[] = "missive-manifest 2\n";
	bool ok = false;

	if (ms_read_file(m->path, &data, &len, NULL) != MS_OK)
		return m;
	/* the last line: "end HASH" of everything before it */
	end = len >= 2 ? data + len - 1 : NULL;
	while (end && end > data && end[-1] != '\n')
		end--;
	if (end && len > sizeof head && !strncmp(data, head, sizeof head - 1)
	    && !strncmp(end, "end\t", 4)) {
		uint64_t want;
		char *nl = strchr(end, '\n');
		if (nl && nl[1] == '\0') {
			*nl = '\0';
			ok = proj_parse_hash(end + 4, &want)
			     && ms_hash_bytes(MS_HASH_SEED, data, (size_t)(end - data)) == want;
		}
	}
	if (ok) {
		*end = '\0';
		at = data + sizeof head - 1;
		while (ok && *at)
			ok = parse_line(m, &at);
	}
	if (!ok) {
		/* ignored: everything is rebuilt and the file rewritten */
		proj_manifest_free(m);
		m = manifest_new(out_dir, lang);
		m->dirty = true;
	}
	free(data);
	return m;
}

void
proj_manifest_free(proj_manifest *m)
{
	const char *key;
	size_t len;
	void *v;
	if (!m)
		return;
	for (size_t i = 0; ms_htab_next(m->letters, &i, &key, &len, &v); ) {
		proj_mletter *l = v;
		outs_free(l->outs);
		free(l->keys);
		free(l->path);
		free(l->id);
		free(l);
	}
	ms_htab_free(m->letters);
	pthread_mutex_destroy(&m->lock);
	free(m->path);
	free(m);
}

static int
cmp_letter(const void *a, const void *b)
{
	return strcmp((*(proj_mletter *const *)a)->id, (*(proj_mletter *const *)b)->id);
}

static int
cmp_out(const void *a, const void *b)
{
	return strcmp((*(proj_mout *const *)a)->ext, (*(proj_mout *const *)b)->ext);
}

/* The live letters of M, sorted by id (freshly allocated, *N of them). */
static proj_mletter **
sorted_letters(const proj_manifest *m, size_t *n)
{
	const char *key;
	size_t len;
	void *v;
	proj_mletter **ls = ms_xcalloc(ms_htab_count(m->letters) + 1, sizeof *ls);
	*n = 0;
	for (size_t i = 0; ms_htab_next(m->letters, &i, &key, &len, &v); )
		if (!((proj_mletter *)v)->dropped)
			ls[(*n)++] = v;
	if (*n)
		qsort(ls, *n, sizeof *ls, cmp_letter);
	return ls;
}

void
proj_manifest_store(proj_manifest *m)
{
	ms_buf b = MS_BUF_INIT;
	size_t n;
	proj_mletter **ls;
	if (!m->dirty)
		return;
	ls = sorted_letters(m, &n);
	ms_buf_puts(&b, "missive-manifest 2\n");
	for (size_t i = 0; i < n; i++) {
		proj_mletter *l = ls[i];
		ms_buf_puts(&b, "L\t");
		proj_put_field(&b, l->id, false);
		proj_put_field(&b, l->path, false);
		proj_put_hash(&b, l->letter, false);
		proj_put_hash(&b, l->entries, false);
		proj_put_hash(&b, l->common, false);
		proj_put_hash(&b, l->catalogue, false);
		ms_buf_printf(&b, "%zu\t%zu\t%zu\n", l->units, l->missing, l->errors);
		if (l->has_keys) {
			ms_buf_puts(&b, "K\t");
			proj_put_field(&b, l->id, false);
			for (size_t k = 0; k < l->nkeys; k++)
				ms_buf_printf(&b, "%016llx", (unsigned long long)l->keys[k]);
			ms_buf_putc(&b, '\n');
		}
	}
	for (size_t i = 0; i < n; i++) {
		proj_mletter *l = ls[i];
		size_t no = 0, k = 0;
		for (proj_mout *o = l->outs; o; o = o->next)
			no++;
		proj_mout **os = ms_xcalloc(no + 1, sizeof *os);
		for (proj_mout *o = l->outs; o; o = o->next)
			os[k++] = o;
		if (no)
			qsort(os, no, sizeof *os, cmp_out);
		for (k = 0; k < no; k++) {
			proj_mout *o = os[k];
			ms_buf_puts(&b, "O\t");
			proj_put_field(&b, l->id, false);
			proj_put_field(&b, o->ext, false);
			proj_put_hash(&b, o->letter, false);
			proj_put_hash(&b, o->entries, false);
			proj_put_hash(&b, o->common, false);
			proj_put_hash(&b, o->plugin, false);
			ms_buf_printf(&b, "%d\t%llu\t%llu\t%lld\t%ld\t", o->state + 1,
			              (unsigned long long)o->size, (unsigned long long)o->ino,
			              (long long)o->sec, o->nsec);
			proj_put_hash(&b, o->content, true);
		}
		free(os);
	}
	ms_buf_puts(&b, "end\t");
	proj_put_hash(&b, ms_hash_bytes(MS_HASH_SEED, b.ptr, b.len - 4), true);
	proj_state_write(m->path, &b);
	ms_buf_release(&b);
	free(ls);
	m->dirty = false;
}

proj_mletter *
proj_manifest_get(proj_manifest *m, const char *id)
{
	proj_mletter *l;
	pthread_mutex_lock(&m->lock);
	l = ms_htab_get(m->letters, id, strlen(id));
	pthread_mutex_unlock(&m->lock);
	return l && !l->dropped ? l : NULL;
}

proj_mletter *
proj_manifest_put(proj_manifest *m, const char *id, const char *path)
{
	proj_mletter *l;
	pthread_mutex_lock(&m->lock);
	l = ms_htab_get(m->letters, id, strlen(id));
	m->dirty = true;
	if (!l)
		l = letter_new(m, id, path);
	pthread_mutex_unlock(&m->lock);
	if (strcmp(l->path, path)) {
		free(l->path);
		l->path = ms_xstrdup(path);
	}
	l->dropped = false;
	free(l->keys);         /* rebuilt: its index comes with its new scan */
	l->keys = NULL;
	l->nkeys = 0;
	l->has_keys = false;
	return l;
}

void
proj_manifest_drop(proj_manifest *m, proj_mletter *l)
{
	if (!l || l->dropped)
		return;
	outs_free(l->outs);
	l->outs = NULL;
	l->dropped = true;
	mark_dirty(m);
}

void
proj_manifest_touch(proj_manifest *m)
{
	mark_dirty(m);
}

proj_mletter **
proj_manifest_letters(const proj_manifest *m, size_t *n)
{
	return sorted_letters(m, n);
}

proj_mout *
proj_mletter_out(const proj_mletter *l, const char *ext)
{
	for (proj_mout *o = l->outs; o; o = o->next)
		if (!strcmp(o->ext, ext))
			return o;
	return NULL;
}

void
proj_mletter_drop_out(proj_manifest *m, proj_mletter *l, const char *ext)
{
	for (proj_mout **p = &l->outs; *p; p = &(*p)->next) {
		if (strcmp((*p)->ext, ext))
			continue;
		proj_mout *o = *p;
		*p = o->next;
		free(o->ext);
		free(o);
		mark_dirty(m);
		return;
	}
}

/* The identity of the file at PATH into O; false when it is not a
 * regular file. */
static bool
identity(proj_mout *o, const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	o->size = (uint64_t)st.st_size;
	o->ino = (uint64_t)st.st_ino;
	o->sec = (int64_t)st.st_mtim.tv_sec;
	o->nsec = st.st_mtim.tv_nsec;
	return true;
}

void
proj_mletter_set_keys(proj_manifest *m, proj_mletter *l, uint64_t *keys, size_t n)
{
	free(l->keys);
	l->keys = keys;
	l->nkeys = n;
	l->has_keys = true;
	mark_dirty(m);
}

void
proj_mletter_set_out(proj_manifest *m, proj_mletter *l, const char *ext,
                     uint64_t plugin, int state, const char *path)
{
	proj_mout *o = proj_mletter_out(l, ext);
	if (!o) {
		o = ms_xcalloc(1, sizeof *o);
		o->ext = ms_xstrdup(ext);
		o->next = l->outs;
		l->outs = o;
	}
	o->letter = l->letter;
	o->entries = l->entries;
	o->common = l->common;
	o->plugin = plugin;
	o->state = state;
	if (!identity(o, path)) {
		proj_mletter_drop_out(m, l, ext);
		return;
	}
	o->content = proj_hash_file(MS_HASH_SEED, path);
	mark_dirty(m);
}

bool
proj_mout_intact(proj_manifest *m, proj_mout *o, const char *path)
{
	proj_mout now = *o;
	if (!identity(&now, path))
		return false;
	if (now.size == o->size && now.ino == o->ino && now.sec == o->sec && now.nsec == o->nsec)
		return true;
	/* Another file, or the same one touched or copied (cp -p, tar):
	 * its content decides. */
	if (now.size != o->size || proj_hash_file(MS_HASH_SEED, path) != o->content)
		return false;
	o->ino = now.ino;
	o->sec = now.sec;
	o->nsec = now.nsec;
	mark_dirty(m);
	return true;
}
