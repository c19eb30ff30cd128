/* fileio.c — reading whole files, creating folders, atomic writes. */
#include "internal.h"
#include "fileio.h"
#include "hash.h"

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

size_t
ms_read_max(void)
{
	const char *env = getenv("MISSIVE_MAX_INPUT_MB");
	if (env && *env) {
		char *end;
		unsigned long mb = strtoul(env, &end, 10);
		if (!*end && mb > 0 && mb < ((size_t)-1 >> 20))
			return (size_t)mb << 20;
	}
	return MS_READ_MAX;
}

ms_status
ms_read_file(const char *path, char **data, size_t *len, ms_diag_handler *h)
{
	return ms_read_file_flags(path, 0, data, len, h);
}

ms_status
ms_read_file_flags(const char *path, unsigned flags, char **data, size_t *len,
                   ms_diag_handler *h)
{
	ms_buf b = MS_BUF_INIT;
	struct stat st;
	size_t max = ms_read_max();
	bool stream = (flags & MS_READ_STREAM) != 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer (it is
	 * refused below); regular files ignore the flag.  A stream the user
	 * named is waited for. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (stream ? 0 : O_NONBLOCK));
	if (fd < 0) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot open: %s"), strerror(errno));
		return errno == ENOENT ? MS_ERR_NOT_FOUND : MS_ERR_IO;
	}
	if (fstat(fd, &st) != 0) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot read: %s"), strerror(errno));
		close(fd);
		return MS_ERR_IO;
	}
	if (S_ISDIR(st.st_mode)) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot read: %s"), strerror(EISDIR));
		close(fd);
		return MS_ERR_IO;
	}
	if (!S_ISREG(st.st_mode) && !(stream && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)))) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("refusing to read something that is not a regular file (a FIFO, socket or device)"));
		close(fd);
		return MS_ERR_IO;
	}
	if ((uintmax_t)st.st_size > max) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("file too large: %jd bytes, more than the %zu MiB limit (MISSIVE_MAX_INPUT_MB)"),
		             (intmax_t)st.st_size, max >> 20);
		close(fd);
		return MS_ERR_IO;
	}
	if (st.st_size > 0)
		ms_buf_grow(&b, (size_t)st.st_size);
	for (;;) {
		ssize_t n;
		ms_buf_grow(&b, 65536);
		n = read(fd, b.ptr + b.len, b.cap - b.len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
			             _("cannot read: %s"), strerror(errno));
			close(fd);
			ms_buf_release(&b);
			return MS_ERR_IO;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		b.ptr[b.len] = '\0';
		if (b.len > max) {
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
			             _("file too large: it grew past the %zu MiB limit while being read (MISSIVE_MAX_INPUT_MB)"),
			             max >> 20);
			close(fd);
			ms_buf_release(&b);
			return MS_ERR_IO;
		}
	}
	close(fd);
	*data = ms_buf_detach(&b, len);
	return MS_OK;
}

/* ------------------------------------------------------------ confinement */

static char **fs_roots;   /* where writes may go; NULL: anywhere */

void
ms_fs_confine(char *const *roots)
{
	ms_strv_free(fs_roots);
	fs_roots = NULL;
	if (!roots)
		return;
	fs_roots = ms_xcalloc(1, sizeof(char *));
	for (size_t i = 0; roots[i]; i++) {
		/* "out/" and "out" are the same folder */
		char *r = ms_xstrdup(roots[i]);
		size_t n = strlen(r);
		while (n > 1 && r[n - 1] == '/')
			r[--n] = '\0';
		ms_strv_push(&fs_roots, r);
		free(r);
	}
}

/* The root PATH lies in (its length), or 0 when none. */
static size_t
root_of(const char *path)
{
	size_t best = 0;
	for (size_t i = 0; fs_roots && fs_roots[i]; i++) {
		size_t n = strlen(fs_roots[i]);
		if (!strncmp(path, fs_roots[i], n) && (path[n] == '/' || !path[n])
		    && n > best)
			best = n;
	}
	return best;
}

static ms_status
refuse_link(const char *path, const char *comp, size_t comp_len,
            ms_diag_handler *h)
{
	ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
	             _("refusing to follow the symbolic link '%.*s' inside the project's folders"),
	             (int)comp_len, comp);
	return MS_ERR_IO;
}

/* Open the folder DIR[0..LEN) for writing into, creating what is missing
 * when CREATE: under the confinement rule, one component at a time
 * without following links below the root.  *FD is a descriptor to close.
 * PATH names what is being written, for messages. */
static ms_status
open_dir(const char *path, const char *dir, size_t len, bool create, int *fd,
         ms_diag_handler *h)
{
	char *d = ms_xstrndup(dir, len);
	size_t root = fs_roots ? root_of(d) : len;
	ms_status st = MS_OK;
	int cur;

	*fd = -1;
	if (fs_roots && !root && len) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("refusing to write outside the project's po and out folders"));
		free(d);
		return MS_ERR_IO;
	}
	if (!len) {
		if (fs_roots) {
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
			             _("refusing to write outside the project's po and out folders"));
			free(d);
			return MS_ERR_IO;
		}
		free(d);
		*fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		return *fd < 0 ? MS_ERR_IO : MS_OK;
	}
	/* The root as configured (links in it are the user's choice). */
	d[root] = '\0';
	if (create && root) {
		/* mkdir -p of the root, following links as the user wrote it */
		for (size_t i = 1; i <= root; i++) {
			if (d[i] != '/' && d[i] != '\0')
				continue;
			char c = d[i];
			d[i] = '\0';
			if (mkdir(d, 0777) != 0 && errno != EEXIST) {
				ms_diag_emit(h, MS_ERROR, NULL, d, 0, 0,
				             _("cannot create folder: %s"), strerror(errno));
				free(d);
				return MS_ERR_IO;
			}
			d[i] = c;
		}
	}
	cur = open(root ? d : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cur < 0) {
		ms_diag_emit(h, MS_ERROR, NULL, root ? d : "/", 0, 0,
		             _("cannot open folder: %s"), strerror(errno));
		free(d);
		return MS_ERR_IO;
	}
	/* Below the root: component by component, never through a link. */
	for (size_t i = root; i < len && st == MS_OK;) {
		size_t j;
		int next;
		while (i < len && dir[i] == '/')
			i++;
		if (i >= len)
			break;
		for (j = i; j < len && dir[j] != '/'; j++)
			;
		memcpy(d, dir + i, j - i);
		d[j - i] = '\0';
		if (!strcmp(d, "..")) {
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
			             _("refusing a path with '..' inside the project's folders"));
			st = MS_ERR_IO;
			break;
		}
		if (strcmp(d, ".") != 0) {
			next = openat(cur, d, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (next < 0 && errno == ENOENT && create) {
				if (mkdirat(cur, d, 0777) != 0 && errno != EEXIST) {
					ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
					             _("cannot create folder '%s': %s"), d,
					             strerror(errno));
					st = MS_ERR_IO;
					break;
				}
				next = openat(cur, d, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			}
			if (next < 0) {
				struct stat sb;
				int err = errno;
				if (fstatat(cur, d, &sb, AT_SYMLINK_NOFOLLOW) == 0
				    && S_ISLNK(sb.st_mode) && fs_roots) {
					st = refuse_link(path, dir, j, h);
				} else {
					ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
					             _("cannot open folder '%.*s': %s"),
					             (int)j, dir, strerror(err));
					st = err == ENOENT ? MS_ERR_NOT_FOUND : MS_ERR_IO;
				}
				break;
			}
			close(cur);
			cur = next;
		}
		i = j;
	}
	free(d);
	if (st != MS_OK) {
		close(cur);
		return st;
	}
	*fd = cur;
	return MS_OK;
}

/* The folder holding PATH (opened as open_dir does) and its last
 * component. */
static ms_status
open_parent(const char *path, bool create, int *fd, const char **name,
            ms_diag_handler *h)
{
	const char *slash = strrchr(path, '/');
	if (!*path || (slash && !slash[1])) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0, _("not a file name"));
		return MS_ERR_USAGE;
	}
	*name = slash ? slash + 1 : path;
	if (!strcmp(*name, "..") || !strcmp(*name, ".")) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0, _("not a file name"));
		return MS_ERR_USAGE;
	}
	if (!slash)
		return open_dir(path, "", 0, create, fd, h);
	return open_dir(path, path, slash == path ? 1 : (size_t)(slash - path),
	                create, fd, h);
}

ms_status
ms_mkdirs(const char *dir, ms_diag_handler *h)
{
	int fd;
	ms_status st;
	if (!fs_roots) {
		char *p = ms_xstrdup(dir);
		size_t n = strlen(p);
		st = MS_OK;
		for (size_t i = 1; i <= n; i++) {
			if (p[i] != '/' && p[i] != '\0')
				continue;
			char c = p[i];
			p[i] = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				ms_diag_emit(h, MS_ERROR, NULL, p, 0, 0,
				             _("cannot create folder: %s"), strerror(errno));
				st = MS_ERR_IO;
				break;
			}
			p[i] = c;
		}
		free(p);
		if (st == MS_OK) {
			struct stat sb;
			if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
				ms_diag_emit(h, MS_ERROR, NULL, dir, 0, 0,
				             _("not a folder"));
				st = MS_ERR_IO;
			}
		}
		return st;
	}
	st = open_dir(dir, dir, strlen(dir), true, &fd, h);
	if (st == MS_OK)
		close(fd);
	return st;
}

int
ms_fs_open_lock(const char *path, ms_diag_handler *h)
{
	const char *name;
	int dfd, fd;
	struct stat sb;
	if (open_parent(path, true, &dfd, &name, h) != MS_OK)
		return -1;
	fd = openat(dfd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK,
	            0666);
	if (fd < 0) {
		int err = errno;
		if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0
		    && S_ISLNK(sb.st_mode))
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
			             _("refusing to write through a symbolic link"));
		else
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
			             _("cannot open the lock file: %s"), strerror(err));
		close(dfd);
		return -1;
	}
	close(dfd);
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("refusing a lock file that is not a regular file"));
		close(fd);
		return -1;
	}
	return fd;
}

/* ------------------------------------------------------------ identity */

static uint64_t
hash_fd(int fd, bool *ok)
{
	char buf[65536];
	uint64_t hv = MS_HASH_SEED;
	*ok = true;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*ok = false;
			break;
		}
		if (n == 0)
			break;
		hv = ms_hash_bytes(hv, buf, (size_t)n);
	}
	return hv;
}

/* The identity of NAME in folder DFD (no link followed). */
static ms_status
id_at(int dfd, const char *name, bool hash, ms_file_id *id)
{
	struct stat sb;
	memset(id, 0, sizeof *id);
	if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? MS_OK : MS_ERR_IO;
	id->exists = true;
	id->dev = sb.st_dev;
	id->ino = sb.st_ino;
	id->size = sb.st_size;
	id->mtime = sb.st_mtim;
	if (hash && S_ISREG(sb.st_mode)) {
		int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		bool ok = false;
		if (fd >= 0) {
			id->hash = hash_fd(fd, &ok);
			close(fd);
		}
		id->hashed = ok;
	}
	return MS_OK;
}

ms_status
ms_file_id_get(const char *path, bool hash, ms_file_id *id, ms_diag_handler *h)
{
	const char *slash = strrchr(path, '/');
	ms_buf dir = MS_BUF_INIT;
	ms_status st;
	int dfd;
	if (slash)
		ms_buf_put(&dir, path, slash == path ? 1 : (size_t)(slash - path));
	else
		ms_buf_puts(&dir, ".");
	dfd = open(dir.ptr, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ms_buf_release(&dir);
	memset(id, 0, sizeof *id);
	if (dfd < 0)
		return errno == ENOENT ? MS_OK : MS_ERR_IO;
	st = id_at(dfd, slash ? slash + 1 : path, hash, id);
	close(dfd);
	if (st != MS_OK)
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0, _("cannot read: %s"),
		             strerror(errno));
	return st;
}

bool
ms_file_id_same(const ms_file_id *a, const ms_file_id *b)
{
	if (a->exists != b->exists)
		return false;
	if (!a->exists)
		return true;
	if (a->dev != b->dev || a->ino != b->ino || a->size != b->size
	    || a->mtime.tv_sec != b->mtime.tv_sec
	    || a->mtime.tv_nsec != b->mtime.tv_nsec)
		return false;
	return !(a->hashed && b->hashed) || a->hash == b->hash;
}

/* ------------------------------------------------------------ writing */

static int
write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* True when NAME in DFD holds exactly DATA (LEN bytes). */
static bool
same_content(int dfd, const char *name, const void *data, size_t len)
{
	char buf[65536];
	size_t off = 0;
	bool same = true;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return false;
	while (same) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			same = n == 0 && off == len;
			break;
		}
		if ((size_t)n > len - off || memcmp(buf, (const char *)data + off, (size_t)n) != 0)
			same = false;
		off += (size_t)n;
	}
	close(fd);
	return same;
}

/* Create a new temporary file beside NAME in DFD: its name goes to TMP. */
static int
make_temp(int dfd, const char *name, ms_buf *tmp)
{
	static unsigned counter;
	for (int tries = 0; tries < 100; tries++) {
		struct timespec ts;
		int fd;
		clock_gettime(CLOCK_REALTIME, &ts);
		ms_buf_reset(tmp);
		ms_buf_printf(tmp, ".%s.tmp%ld.%lx%x", name, (long)getpid(),
		              (unsigned long)ts.tv_nsec,
		              __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED));
		fd = openat(dfd, tmp->ptr, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		            0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

/* Run the test hook named by $MISSIVE_TEST_BEFORE_REPLACE, if any. */
static void
test_hook(const char *path)
{
	const char *hook = getenv("MISSIVE_TEST_BEFORE_REPLACE");
	pid_t pid;
	if (!hook || !*hook)
		return;
	pid = fork();
	if (pid == 0) {
		execl(hook, hook, path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		int status;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
}

static ms_status
changed(const char *path, ms_diag_handler *h)
{
	ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
	             _("the file changed while missive worked on it (saved by an editor?): left as it is, run the command again"));
	return MS_ERR_CHANGED;
}

ms_status
ms_atomic_write(const char *path, const void *data, size_t len,
                ms_diag_handler *h)
{
	return ms_atomic_replace(path, data, len, 0, NULL, h);
}

ms_status
ms_atomic_write_flags(const char *path, const void *data, size_t len,
                      unsigned flags, ms_diag_handler *h)
{
	return ms_atomic_replace(path, data, len, flags, NULL, h);
}

ms_status
ms_atomic_replace(const char *path, const void *data, size_t len,
                  unsigned flags, const ms_file_id *expect, ms_diag_handler *h)
{
	struct stat st;
	mode_t mode, mask;
	ms_buf tmp = MS_BUF_INIT;
	const char *name;
	int dfd, fd, err;
	ms_status rc;

	rc = open_parent(path, fs_roots != NULL, &dfd, &name, h);
	if (rc != MS_OK)
		return rc;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISLNK(st.st_mode)) {
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
			             _("refusing to write through a symbolic link"));
			close(dfd);
			return MS_ERR_IO;
		}
		if (!S_ISREG(st.st_mode)) {
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
			             _("refusing to replace something that is not a regular file"));
			close(dfd);
			return MS_ERR_IO;
		}
		mode = st.st_mode & 07777;
		if ((flags & MS_WRITE_IF_CHANGED) && !expect
		    && (size_t)st.st_size == len && same_content(dfd, name, data, len)) {
			/* Same bytes: keep the file (and its inode), mark it
			 * fresh so that make-style checks see it up to date. */
			if (utimensat(dfd, name, NULL, AT_SYMLINK_NOFOLLOW) == 0) {
				close(dfd);
				return MS_OK;
			}
		}
	} else {
		mask = umask(022);
		umask(mask);
		mode = 0666 & ~mask;
	}

	fd = make_temp(dfd, name, &tmp);
	if (fd < 0) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot create a temporary file beside it: %s"),
		             strerror(errno));
		rc = MS_ERR_IO;
		goto out;
	}
	if (write_all(fd, data, len) != 0 || fchmod(fd, mode) != 0
	    || (!(flags & MS_WRITE_NO_SYNC) && fsync(fd) != 0)) {
		err = errno;
		close(fd);
		unlinkat(dfd, tmp.ptr, 0);
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot write: %s"), strerror(err));
		rc = MS_ERR_IO;
		goto out;
	}
	if (close(fd) != 0) {
		err = errno;
		unlinkat(dfd, tmp.ptr, 0);
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot write: %s"), strerror(err));
		rc = MS_ERR_IO;
		goto out;
	}
	if (expect) {
		ms_file_id now;
		test_hook(path);
		id_at(dfd, name, expect->hashed, &now);
		if (!expect->exists) {
			/* nothing was there: put ours in place only if that is
			 * still so, atomically where the file system can */
			if (now.exists) {
				unlinkat(dfd, tmp.ptr, 0);
				rc = changed(path, h);
				goto out;
			}
			if (renameat2(dfd, tmp.ptr, dfd, name, RENAME_NOREPLACE) == 0)
				goto synced;
			if (errno == EEXIST) {
				unlinkat(dfd, tmp.ptr, 0);
				rc = changed(path, h);
				goto out;
			}
			if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
				goto rename_failed;
			goto plain;
		}
		if (!ms_file_id_same(&now, expect)) {
			unlinkat(dfd, tmp.ptr, 0);
			rc = changed(path, h);
			goto out;
		}
		/* Swap ours in and look at what we displaced: a save that
		 * landed after the comparison above is swapped back. */
		if (renameat2(dfd, tmp.ptr, dfd, name, RENAME_EXCHANGE) == 0) {
			ms_file_id old;
			id_at(dfd, tmp.ptr, expect->hashed, &old);
			if (!ms_file_id_same(&old, expect)) {
				if (renameat2(dfd, tmp.ptr, dfd, name, RENAME_EXCHANGE) == 0)
					unlinkat(dfd, tmp.ptr, 0);
				rc = changed(path, h);
				goto out;
			}
			unlinkat(dfd, tmp.ptr, 0);
			goto synced;
		}
		if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
			goto rename_failed;
		/* no exchange on this file system: the check above is the
		 * last one */
	}
plain:
	if (renameat(dfd, tmp.ptr, dfd, name) != 0)
		goto rename_failed;
synced:
	if (!(flags & MS_WRITE_NO_SYNC))
		fsync(dfd);   /* the rename itself, for translators' work */
	rc = MS_OK;
	goto out;
rename_failed:
	err = errno;
	unlinkat(dfd, tmp.ptr, 0);
	ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
	             _("cannot replace: %s"), strerror(err));
	rc = MS_ERR_IO;
out:
	close(dfd);
	ms_buf_release(&tmp);
	return rc;
}
