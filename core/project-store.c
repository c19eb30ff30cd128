/* project-store.c — what the files missive keeps in "<out>/.missive/"
 * (the gate's cache, the build manifest) are made of: tab-separated
 * escaped fields, hashes of files' content, and the identity of the code
 * that made an output. */
#include "project-impl.h"
#include "hash.h"
#include "profile.h"

#include <dirent.h>
#include <dlfcn.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

void
proj_put_field(ms_buf *b, const char *s, bool last)
{
	if (!s) {
		ms_buf_puts(b, "\\N");
	} else {
		for (; *s; s++) {
			switch (*s) {
			case '\\': ms_buf_puts(b, "\\\\"); break;
			case '\t': ms_buf_puts(b, "\\t"); break;
			case '\n': ms_buf_puts(b, "\\n"); break;
			default: ms_buf_putc(b, *s);
			}
		}
	}
	ms_buf_putc(b, last ? '\n' : '\t');
}

void
proj_put_hash(ms_buf *b, uint64_t h, bool last)
{
	ms_buf_printf(b, "%016llx%c", (unsigned long long)h, last ? '\n' : '\t');
}

bool
proj_get_fields(char **at, char **field, size_t n)
{
	char *s = *at, *w = s;
	size_t k = 0;
	field[0] = w;
	for (;; s++) {
		if (*s == '\0')
			return false;
		if (*s == '\t' || *s == '\n') {
			bool end = *s == '\n';
			*w++ = '\0';
			if (++k == n) {
				if (!end)
					return false;
				*at = s + 1;
				return true;
			}
			if (end)
				return false;
			field[k] = w;
			continue;
		}
		if (*s == '\\') {
			s++;
			if (*s == 'N' && w == field[k] && (s[1] == '\t' || s[1] == '\n')) {
				field[k] = NULL;
				continue;
			}
			if (*s == 't')
				*w++ = '\t';
			else if (*s == 'n')
				*w++ = '\n';
			else if (*s == '\\')
				*w++ = '\\';
			else
				return false;
			continue;
		}
		*w++ = *s;
	}
}

bool
proj_parse_uint(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;
	if (!s || !*s || *s < '0' || *s > '9')
		return false;
	*v = strtoull(s, &end, 10);
	return *end == '\0' && *v <= max;
}

bool
proj_parse_hash(const char *s, uint64_t *v)
{
	char *end;
	if (!s || strlen(s) != 16)
		return false;
	*v = (uint64_t)strtoull(s, &end, 16);
	return *end == '\0';
}

uint64_t
proj_hash_data(uint64_t h, const char *data, size_t len)
{
	h = ms_hash_bytes(h, &len, sizeof len);
	return ms_hash_bytes(h, data, len);
}

/* proj_hash_file, keeping the bytes read in *KEEP and *KEEP_LEN when
 * KEEP is not NULL (NULL when the file cannot be read). */
static uint64_t
hash_file_keep(uint64_t h, const char *path, char **keep, size_t *keep_len)
{
	char *data = NULL;
	size_t len = 0;
	if (!path || ms_read_file(path, &data, &len, NULL) != MS_OK)
		return ms_hash_str(h, "\001missing");
	h = proj_hash_data(h, data, len);
	if (keep) {
		*keep = data;
		*keep_len = len;
	} else {
		free(data);
	}
	return h;
}

uint64_t
proj_hash_file(uint64_t h, const char *path)
{
	return hash_file_keep(h, path, NULL, NULL);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

uint64_t
proj_profiles_hash(uint64_t h, const ms_project *p, proj_hashes *c)
{
	char *const *dirs = ms_profiles_dirs(ms_config_profiles(p->config));
	ms_buf path = MS_BUF_INIT;
	for (size_t d = 0; dirs && dirs[d]; d++) {
		DIR *dir = opendir(dirs[d]);
		struct dirent *de;
		char **names = ms_xcalloc(1, sizeof *names);
		h = ms_hash_str(h, dirs[d]);
		while (dir && (de = readdir(dir)))
			if (de->d_name[0] != '.')
				ms_strv_push(&names, de->d_name);
		if (dir)
			closedir(dir);
		qsort(names, ms_strv_len(names), sizeof *names, cmp_name);
		for (size_t i = 0; names[i]; i++) {
			uint64_t f;
			ms_buf_reset(&path);
			ms_buf_printf(&path, "%s/%s", dirs[d], names[i]);
			f = proj_hashes_file(c, path.ptr);
			h = ms_hash_bytes(ms_hash_str(h, names[i]), &f, sizeof f);
		}
		ms_strv_free(names);
	}
	ms_buf_release(&path);
	return h;
}

uint64_t
proj_code_hash(proj_hashes *c, const void *addr)
{
	Dl_info info;
	if (!addr || !dladdr(addr, &info) || !info.dli_fname || !*info.dli_fname)
		return ms_hash_str(MS_HASH_SEED, "\001unknown code");
	return proj_hashes_file(c, info.dli_fname);
}

char *
proj_state_path(const char *out_dir, const char *name, const char *lang)
{
	ms_buf b = MS_BUF_INIT;
	ms_buf_printf(&b, "%s/.missive/%s-%s", out_dir, name, lang);
	return ms_buf_detach(&b, NULL);
}

void
proj_state_write(const char *path, const ms_buf *data)
{
	char *dir = ms_xstrndup(path, (size_t)(strrchr(path, '/') - path));
	/* Best effort: a build that cannot keep its state still builds. */
	if (ms_mkdirs(dir, NULL) == MS_OK)
		(void)ms_atomic_write_flags(path, data->ptr, data->len,
		                            MS_WRITE_NO_SYNC | MS_WRITE_IF_CHANGED, NULL);
	free(dir);
}

/* ------------------------------------------------------- the hash cache */

/* Hashing every input on every build is most of what a build with
 * nothing to do costs (catalogues of megabytes), so
 * "<out>/.missive/hashes" keeps each input's content hash with the
 * identity of the file it was read from — device, inode, size,
 * modification and change time — as git's index does.  The change time
 * moves with every write and cannot be set back, so a file whose
 * identity is unchanged was not written since.  Identities taken in the
 * last seconds are not kept (a write in the same clock tick could leave
 * them equal): such a file is hashed again next time. */

typedef struct hash_entry {
	char *path;
	uint64_t dev, ino, size;
	int64_t msec, csec;
	long mnsec, cnsec;
	uint64_t hash;
	bool loaded;              /* read from the file */
	bool used;                /* asked for by this build */
} hash_entry;

struct proj_hashes {
	char *path;
	ms_htab *index;           /* path → entry */
	pthread_mutex_t lock;
	time_t now;
	bool dirty;
};

enum { H_FIELDS = 10, RACY_SECONDS = 2 };

static hash_entry *
hentry_put(proj_hashes *c, const char *path)
{
	hash_entry *e = ms_htab_get(c->index, path, strlen(path));
	if (!e) {
		e = ms_xcalloc(1, sizeof *e);
		e->path = ms_xstrdup(path);
		ms_htab_put(c->index, e->path, strlen(e->path), e);
	}
	return e;
}

proj_hashes *
proj_hashes_load(const char *out_dir)
{
	proj_hashes *c = ms_xcalloc(1, sizeof *c);
	ms_buf b = MS_BUF_INIT;
	char *data = NULL, *at;
	size_t len = 0;
	static const char head[] = "missive-hashes 1\n";

	ms_buf_printf(&b, "%s/.missive/hashes", out_dir);
	c->path = ms_buf_detach(&b, NULL);
	c->index = ms_htab_new(256);
	c->now = time(NULL);
	pthread_mutex_init(&c->lock, NULL);
	if (ms_read_file(c->path, &data, &len, NULL) != MS_OK)
		return c;
	if (len < sizeof head || strncmp(data, head, sizeof head - 1)) {
		free(data);
		return c;
	}
	at = data + sizeof head - 1;
	while (*at) {
		char *f[H_FIELDS];
		unsigned long long n[8];
		uint64_t h;
		hash_entry *e;
		bool ok = proj_get_fields(&at, f, H_FIELDS) && f[0];
		for (int i = 0; ok && i < 8; i++)
			ok = proj_parse_uint(f[1 + i], UINT64_MAX, &n[i]);
		if (!ok || !proj_parse_hash(f[9], &h))
			break;     /* the rest is hashed again */
		e = hentry_put(c, f[0]);
		e->dev = n[0];
		e->ino = n[1];
		e->size = n[2];
		e->msec = (int64_t)n[3];
		e->mnsec = (long)n[4];
		e->csec = (int64_t)n[5];
		e->cnsec = (long)n[6];
		(void)n[7];
		e->hash = h;
		e->loaded = true;
	}
	free(data);
	return c;
}

static bool
same_identity(const hash_entry *e, const struct stat *st)
{
	return e->dev == (uint64_t)st->st_dev && e->ino == (uint64_t)st->st_ino
	       && e->size == (uint64_t)st->st_size
	       && e->msec == (int64_t)st->st_mtim.tv_sec && e->mnsec == st->st_mtim.tv_nsec
	       && e->csec == (int64_t)st->st_ctim.tv_sec && e->cnsec == st->st_ctim.tv_nsec;
}

uint64_t
proj_hashes_file(proj_hashes *c, const char *path)
{
	return proj_hashes_file_keep(c, path, NULL, NULL);
}

uint64_t
proj_hashes_file_keep(proj_hashes *c, const char *path, char **keep, size_t *keep_len)
{
	struct stat st;
	hash_entry *e;
	uint64_t h;
	if (keep) {
		*keep = NULL;
		*keep_len = 0;
	}
	if (!path)
		return proj_hash_file(MS_HASH_SEED, NULL);
	if (!c || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return hash_file_keep(MS_HASH_SEED, path, keep, keep_len);
	pthread_mutex_lock(&c->lock);
	e = ms_htab_get(c->index, path, strlen(path));
	if (e && e->ino && same_identity(e, &st)) {
		e->used = true;
		h = e->hash;
		pthread_mutex_unlock(&c->lock);
		return h;
	}
	pthread_mutex_unlock(&c->lock);
	/* the identity was taken before the bytes are read: a write after
	 * it changes the identity the next build sees */
	h = hash_file_keep(MS_HASH_SEED, path, keep, keep_len);
	pthread_mutex_lock(&c->lock);
	e = hentry_put(c, path);
	e->used = true;
	e->hash = h;
	if (st.st_ctim.tv_sec + RACY_SECONDS < c->now && st.st_mtim.tv_sec + RACY_SECONDS < c->now) {
		e->dev = (uint64_t)st.st_dev;
		e->ino = (uint64_t)st.st_ino;
		e->size = (uint64_t)st.st_size;
		e->msec = (int64_t)st.st_mtim.tv_sec;
		e->mnsec = st.st_mtim.tv_nsec;
		e->csec = (int64_t)st.st_ctim.tv_sec;
		e->cnsec = st.st_ctim.tv_nsec;
		c->dirty = true;
	} else {
		e->ino = 0;     /* too recent to vouch for: hashed again */
	}
	pthread_mutex_unlock(&c->lock);
	return h;
}

static int
cmp_hentry(const void *a, const void *b)
{
	return strcmp((*(hash_entry *const *)a)->path, (*(hash_entry *const *)b)->path);
}

void
proj_hashes_store(proj_hashes *c)
{
	const char *key;
	size_t len, n = 0, dropped = 0;
	void *v;
	hash_entry **es;
	ms_buf b = MS_BUF_INIT;
	if (!c)
		return;
	es = ms_xcalloc(ms_htab_count(c->index) + 1, sizeof *es);
	for (size_t i = 0; ms_htab_next(c->index, &i, &key, &len, &v); ) {
		hash_entry *e = v;
		if (e->used && e->ino)
			es[n++] = e;
		else if (e->loaded && !e->used)
			dropped++;
	}
	/* entries no longer asked for are dropped: the file stays small */
	if (!c->dirty && !dropped) {
		free(es);
		return;
	}
	if (n)
		qsort(es, n, sizeof *es, cmp_hentry);
	ms_buf_puts(&b, "missive-hashes 1\n");
	for (size_t i = 0; i < n; i++) {
		hash_entry *e = es[i];
		proj_put_field(&b, e->path, false);
		ms_buf_printf(&b, "%llu\t%llu\t%llu\t%lld\t%ld\t%lld\t%ld\t0\t",
		              (unsigned long long)e->dev, (unsigned long long)e->ino,
		              (unsigned long long)e->size, (long long)e->msec, e->mnsec,
		              (long long)e->csec, e->cnsec);
		proj_put_hash(&b, e->hash, true);
	}
	proj_state_write(c->path, &b);
	ms_buf_release(&b);
	free(es);
}

void
proj_hashes_free(proj_hashes *c)
{
	const char *key;
	size_t len;
	void *v;
	if (!c)
		return;
	for (size_t i = 0; ms_htab_next(c->index, &i, &key, &len, &v); ) {
		free(((hash_entry *)v)->path);
		free(v);
	}
	ms_htab_free(c->index);
	pthread_mutex_destroy(&c->lock);
	free(c->path);
	free(c);
}
