/* project-lock.c — one writer of the catalogue folder at a time, and
 * catalogues rewritten only while they are the file that was read
 * (project-po.h). */
#include "project-impl.h"
#include "project-po.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int
ms_project_lock(const ms_project *p, ms_diag_handler *h)
{
	ms_buf path = MS_BUF_INIT;
	int fd;
	ms_buf_printf(&path, "%s/.missive.lock", p->config->po_dir);
	/* never through a symbolic link, never outside po/ (fileio's rule) */
	if ((fd = ms_fs_open_lock(path.ptr, h)) < 0) {
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

ms_status
ms_project_po_read(const char *path, ms_catalog **po, ms_file_id *as_read,
                   ms_diag_handler *h)
{
	ms_status st;
	*po = NULL;
	/* first what the file is, then what it says: a save in between is
	 * seen as a change when the catalogue is written back */
	if ((st = ms_file_id_get(path, true, as_read, h)) != MS_OK)
		return st;
	return ms_catalog_read(path, po, h);
}

ms_status
ms_project_po_write(const ms_catalog *po, const char *path, const ms_file_id *as_read,
                    const char *changed_msg, bool *changed, ms_diag_handler *h)
{
	ms_file_id none, now;
	if (changed)
		*changed = false;
	if (!as_read) {
		memset(&none, 0, sizeof none);
		as_read = &none;
	}
	/* the early check, in the command's words */
	if (ms_file_id_get(path, as_read->hashed, &now, NULL) != MS_OK
	    || !ms_file_id_same(&now, as_read)) {
		ms_diag_emit(h, MS_ERROR, NULL, path, 0, 0, "%s", changed_msg);
		return MS_ERR_CHANGED;
	}
	proj_test_pause("po-write");
	/* and the last one, as the new file is swapped in */
	return ms_catalog_write_replace(po, path, as_read, changed, h);
}

void
proj_po_date_now(char when[64])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, 64, "%Y-%m-%d %H:%M+0000", &tm);
}
