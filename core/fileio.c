/* fileio.c — reading whole files, creating folders, atomic writes. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

ms_status
ms_read_file(const char *path, char **data, size_t *len, ms_diag_handler *h)
{
	ms_buf b = MS_BUF_INIT;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot open: %s"), strerror(errno));
		return errno == ENOENT ? MS_ERR_NOT_FOUND : MS_ERR_IO;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot read: %s"), strerror(EISDIR));
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
	}
	close(fd);
	*data = ms_buf_detach(&b, len);
	return MS_OK;
}

ms_status
ms_mkdirs(const char *dir, ms_diag_handler *h)
{
	char *p = ms_xstrdup(dir);
	size_t n = strlen(p);
	ms_status st = MS_OK;
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
	if (st == MS_OK) {
		struct stat sb;
		if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			ms_diag_emit(h, MS_ERROR, NULL, dir, 0, 0,
			             _("not a folder"));
			st = MS_ERR_IO;
		}
	}
	free(p);
	return st;
}

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

/* True when the file at PATH holds exactly DATA (LEN bytes). */
static bool
same_content(const char *path, const void *data, size_t len)
{
	char buf[65536];
	size_t off = 0;
	bool same = true;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
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

ms_status
ms_atomic_write(const char *path, const void *data, size_t len,
                ms_diag_handler *h)
{
	return ms_atomic_write_flags(path, data, len, 0, h);
}

ms_status
ms_atomic_write_flags(const char *path, const void *data, size_t len,
                      unsigned flags, ms_diag_handler *h)
{
	struct stat st;
	mode_t mode, mask;
	const char *slash = strrchr(path, '/');
	ms_buf tmp = MS_BUF_INIT;
	int fd, err;

	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
			             _("refusing to write through a symbolic link"));
			return MS_ERR_IO;
		}
		if (!S_ISREG(st.st_mode)) {
			ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
			             _("refusing to replace something that is not a regular file"));
			return MS_ERR_IO;
		}
		mode = st.st_mode & 07777;
		if ((flags & MS_WRITE_IF_CHANGED) && (size_t)st.st_size == len
		    && same_content(path, data, len)) {
			/* Same bytes: keep the file (and its inode), mark it
			 * fresh so that make-style checks see it up to date. */
			if (utimensat(AT_FDCWD, path, NULL, 0) == 0)
				return MS_OK;
		}
	} else {
		mask = umask(022);
		umask(mask);
		mode = 0666 & ~mask;
	}

	if (slash)
		ms_buf_put(&tmp, path, (size_t)(slash - path + 1));
	ms_buf_printf(&tmp, ".%s.tmpXXXXXX", slash ? slash + 1 : path);
	fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot create a temporary file beside it: %s"),
		             strerror(errno));
		ms_buf_release(&tmp);
		return MS_ERR_IO;
	}
	if (write_all(fd, data, len) != 0 || fchmod(fd, mode) != 0
	    || (!(flags & MS_WRITE_NO_SYNC) && fsync(fd) != 0)) {
		err = errno;
		close(fd);
		unlink(tmp.ptr);
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot write: %s"), strerror(err));
		ms_buf_release(&tmp);
		return MS_ERR_IO;
	}
	if (close(fd) != 0) {
		err = errno;
		unlink(tmp.ptr);
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot write: %s"), strerror(err));
		ms_buf_release(&tmp);
		return MS_ERR_IO;
	}
	if (rename(tmp.ptr, path) != 0) {
		err = errno;
		unlink(tmp.ptr);
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0,
		             _("cannot replace: %s"), strerror(err));
		ms_buf_release(&tmp);
		return MS_ERR_IO;
	}
	ms_buf_release(&tmp);
	return MS_OK;
}
