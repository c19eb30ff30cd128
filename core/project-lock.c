/* project-lock.c — one writer of the catalogue folder at a time, and how
 * a catalogue changed by someone else meanwhile is noticed. */
#include "project-impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int
proj_lock_po(const ms_project *p, ms_diag_handler *h)
{
	ms_buf path = MS_BUF_INIT;
	int fd;
	ms_buf_printf(&path, "%s/.missive.lock", p->config->po_dir);
	fd = open(path.ptr, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		ms_diag_emit(h, MS_ERROR, NULL, path.ptr, 0, 0,
		             _("cannot create the lock file: %s"), strerror(errno));
		ms_buf_release(&path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (p->ev.lock_wait)
			p->ev.lock_wait(p->config->po_dir, p->ev.data);
		if (flock(fd, LOCK_EX) != 0) {
			ms_diag_emit(h, MS_ERROR, NULL, path.ptr, 0, 0,
			             _("cannot lock: %s"), strerror(errno));
			close(fd);
			fd = -1;
		}
	}
	ms_buf_release(&path);
	return fd;
}

bool
proj_same_file_state(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_size == b->st_size
	       && a->st_mtim.tv_sec == b->st_mtim.tv_sec
	       && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

void
proj_po_date_now(char when[64])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, 64, "%Y-%m-%d %H:%M+0000", &tm);
}
