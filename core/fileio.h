/* fileio.h — the file rules every path missive touches obeys.  Not
 * installed; missive.h declares ms_read_file, ms_mkdirs and
 * ms_atomic_write*, which follow these rules too.
 *
 * Reading: only regular files are read (a FIFO, a device such as
 * /dev/zero or a folder is refused with its path, and opening never
 * blocks), and at most MS_READ_MAX bytes ($MISSIVE_MAX_INPUT_MB raises or
 * lowers it): a file that is larger, or grows past it while being read,
 * is refused.  Symbolic links are followed when reading: a letter may
 * live elsewhere.
 *
 * Writing: once the caller has said where missive may write
 * (ms_fs_confine: the project's po/ and out/ folders), every write, new
 * folder and lock file must lie inside one of those folders, and no
 * component below the folder is followed if it is a symbolic link — not a
 * sub-folder (out/.missive, out/report, out/ko), not the file itself.
 * Folders are opened one component at a time with O_NOFOLLOW, so a link
 * swapped in while missive works is refused too.  The folders themselves
 * are taken as the user configured them.  Without ms_fs_confine (library
 * users, unit tests), writes go anywhere but still never through a
 * symbolic link at the file's own name. */
#ifndef MS_FILEIO_H
#define MS_FILEIO_H

#include "missive.h"

#include <sys/types.h>
#include <time.h>

/* The default largest input: 512 MiB. */
#define MS_READ_MAX ((size_t)512 << 20)

/* Flags of ms_read_file_flags. */
enum {
	/* Also read a FIFO or character device (waiting for its writer):
	 * for an input the user named on the command line, such as
	 * `missive import <(…)`.  The size limit still holds, so /dev/zero
	 * stops there. */
	MS_READ_STREAM = 1 << 0
};
ms_status ms_read_file_flags(const char *path, unsigned flags, char **data,
                             size_t *len, ms_diag_handler *h);

/* The largest input ms_read_file accepts now. */
size_t ms_read_max(void);

/* Allow writes only inside the folders ROOTS (NULL-terminated, copied;
 * NULL lifts the rule).  Process-wide: set it once, at start-up, before
 * threads write. */
void ms_fs_confine(char *const *roots);

/* What a file was when it was read: identity and content.  Used to
 * notice that someone else (a translator's editor) replaced or changed it
 * since. */
typedef struct ms_file_id {
	bool exists;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	uint64_t hash;          /* of the content (ms_hash_bytes) */
	bool hashed;
} ms_file_id;

/* Record PATH's identity, and its content's hash when HASH is true.  A
 * missing file gives exists = false and MS_OK. */
ms_status ms_file_id_get(const char *path, bool hash, ms_file_id *id,
                         ms_diag_handler *h);
/* True when A and B describe the same file with the same content (the
 * hashes are compared when both have one). */
bool ms_file_id_same(const ms_file_id *a, const ms_file_id *b);

/* ms_atomic_write_flags, replacing PATH only if it is still what EXPECT
 * says (EXPECT may be NULL: no condition).  The check is made as late as
 * the system allows: the new content is swapped in atomically
 * (renameat2 RENAME_EXCHANGE) and the file it displaced is compared with
 * EXPECT; if it differs — someone saved in between — the swap is undone
 * and MS_ERR_CHANGED is returned with nothing lost.  Where the file
 * system cannot exchange, the comparison is made just before the rename.
 * MS_ERR_CHANGED is reported through H. */
ms_status ms_atomic_replace(const char *path, const void *data, size_t len,
                            unsigned flags, const ms_file_id *expect,
                            ms_diag_handler *h);

/* Open (creating it) the lock file PATH under the write rules: never
 * through a symbolic link, inside the confined folders.  Returns a
 * descriptor, or -1 after reporting. */
int ms_fs_open_lock(const char *path, ms_diag_handler *h);

/* The hook the tests use to drive the window between writing a new file
 * and putting it in place: when $MISSIVE_TEST_BEFORE_REPLACE names an
 * executable, it is run (with the path as argument) right before the
 * replacement of a file that has an EXPECT.  Unset in normal use. */

#endif
