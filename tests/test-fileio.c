/* test-fileio.c — the file rules of core/fileio.h: what missive reads
 * (regular files of bounded size, never blocking on a FIFO), where it
 * writes (inside the confined folders, never through a link below them),
 * and the replacement that refuses to overwrite a file someone changed. */
#include "internal.h"
#include "fileio.h"
#include "tap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static ms_buf msgs = MS_BUF_INIT;

static void
collect(const ms_diag *d, void *data)
{
	(void)data;
	ms_buf_printf(&msgs, "%s: %s\n", d->file ? d->file : "-", d->message);
}

static ms_diag_handler handler = { collect, NULL, 0, 0 };
static char top[] = "/tmp/missive-fileio-XXXXXX";

static void
reset(void)
{
	ms_buf_reset(&msgs);
	handler.errors = handler.warnings = 0;
}

static void
put(const char *rel, const char *text)
{
	FILE *f = fopen(rel, "w");
	fputs(text, f);
	fclose(f);
}

static char *
slurp(const char *rel)
{
	char *d = NULL;
	size_t n;
	if (ms_read_file(rel, &d, &n, NULL) != MS_OK)
		return NULL;
	return d;
}

static void
test_read(void)
{
	char *d = NULL;
	size_t n;
	ms_status st;

	put("plain.txt", "hello");
	st = ms_read_file("plain.txt", &d, &n, &handler);
	OK(st == MS_OK && n == 5 && !strcmp(d, "hello"), "a regular file is read");
	free(d);

	mkfifo("fifo", 0600);
	reset();
	st = ms_read_file("fifo", &d, &n, &handler);   /* must not block */
	INT_EQ(st, MS_ERR_IO, "a FIFO is refused without blocking");
	OK(strstr(msgs.ptr, "fifo: refusing to read something that is not a regular file") != NULL,
	   "and named: %s", msgs.ptr);

	symlink("/dev/zero", "zero");
	reset();
	st = ms_read_file("zero", &d, &n, &handler);
	INT_EQ(st, MS_ERR_IO, "a link to /dev/zero is refused");

	symlink("plain.txt", "link.txt");
	st = ms_read_file("link.txt", &d, &n, &handler);
	OK(st == MS_OK && !strcmp(d, "hello"), "a link to a regular file is read");
	free(d);

	reset();
	st = ms_read_file(".", &d, &n, &handler);
	INT_EQ(st, MS_ERR_IO, "a folder is refused");

	{
		FILE *f = fopen("big.txt", "w");
		for (int i = 0; i < 5 * 1024; i++)
			fputs("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
			      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
			      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
			      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc\n", f);
		fclose(f);
		setenv("MISSIVE_MAX_INPUT_MB", "1", 1);
		INT_EQ(ms_read_max(), 1 << 20, "the limit follows MISSIVE_MAX_INPUT_MB");
		reset();
		st = ms_read_file("big.txt", &d, &n, &handler);
		INT_EQ(st, MS_ERR_IO, "a file over the limit is refused");
		OK(strstr(msgs.ptr, "file too large") != NULL, "and said so: %s", msgs.ptr);
		unsetenv("MISSIVE_MAX_INPUT_MB");
		st = ms_read_file("big.txt", &d, &n, &handler);
		{
			struct stat sb;
			stat("big.txt", &sb);
			OK(st == MS_OK && n == (size_t)sb.st_size && n > (1 << 20),
			   "under the default limit it is read whole");
		}
		free(d);
	}
}

static void
test_confine(void)
{
	char *roots[] = { "po", "out", NULL };
	ms_status st;
	char *d;

	mkdir("po", 0777);
	mkdir("elsewhere", 0777);
	ms_fs_confine(roots);

	reset();
	st = ms_atomic_write("po/ko.po", "x", 1, &handler);
	INT_EQ(st, MS_OK, "a write inside po/");
	st = ms_atomic_write("out/ko/letter.txt", "y", 1, &handler);
	INT_EQ(st, MS_OK, "a write creates the folders it needs inside out/");
	d = slurp("out/ko/letter.txt");
	STR_EQ(d, "y", "and the file is there");
	free(d);

	reset();
	st = ms_atomic_write("elsewhere/x", "z", 1, &handler);
	INT_EQ(st, MS_ERR_IO, "a write outside the roots is refused");
	OK(strstr(msgs.ptr, "refusing to write outside") != NULL, "with a reason: %s", msgs.ptr);
	OK(access("elsewhere/x", F_OK) != 0, "and nothing is written there");

	reset();
	st = ms_atomic_write("out/../elsewhere/y", "z", 1, &handler);
	INT_EQ(st, MS_ERR_IO, "'..' below a root is refused");
	OK(access("elsewhere/y", F_OK) != 0, "and nothing escapes");

	symlink("../elsewhere", "out/.missive");
	reset();
	st = ms_atomic_write("out/.missive/gate-ko", "k", 1, &handler);
	INT_EQ(st, MS_ERR_IO, "a link below out/ is not followed");
	OK(strstr(msgs.ptr, "refusing to follow the symbolic link 'out/.missive'") != NULL,
	   "and named: %s", msgs.ptr);
	OK(access("elsewhere/gate-ko", F_OK) != 0, "nothing written through it");
	reset();
	st = ms_mkdirs("out/.missive/sub", &handler);
	INT_EQ(st, MS_ERR_IO, "ms_mkdirs does not follow it either");

	symlink("../elsewhere/target", "po/es.po");
	put("elsewhere/target", "keep");
	reset();
	st = ms_atomic_write("po/es.po", "new", 3, &handler);
	INT_EQ(st, MS_ERR_IO, "a link as the file itself is refused");
	d = slurp("elsewhere/target");
	STR_EQ(d, "keep", "its target is untouched");
	free(d);

	symlink("../elsewhere/lockfile", "po/.missive.lock");
	reset();
	OK(ms_fs_open_lock("po/.missive.lock", &handler) < 0, "a lock file that is a link is refused");
	OK(access("elsewhere/lockfile", F_OK) != 0, "and not created where it points");
	unlink("po/.missive.lock");
	{
		int fd = ms_fs_open_lock("po/.missive.lock", &handler);
		OK(fd >= 0, "a real lock file opens");
		if (fd >= 0)
			close(fd);
	}
	ms_fs_confine(NULL);
	st = ms_atomic_write("elsewhere/free", "f", 1, &handler);
	INT_EQ(st, MS_OK, "without confinement, writes go anywhere");
}

/* The tests' hook: the "editor" that saves in the window. */
static void
write_hook(const char *path)
{
	FILE *f = fopen(path, "w");
	fprintf(f, "#!/bin/sh\nprintf 'saved by the translator\\n' > \"$1.new\" && mv \"$1.new\" \"$1\"\n");
	fclose(f);
	chmod(path, 0755);
}

static void
test_replace(void)
{
	ms_file_id id, later;
	ms_status st;
	char *d;
	char hook[512];

	put("cat.po", "version 1\n");
	st = ms_file_id_get("cat.po", true, &id, &handler);
	OK(st == MS_OK && id.exists && id.hashed, "identity recorded");
	ms_file_id_get("cat.po", true, &later, &handler);
	OK(ms_file_id_same(&id, &later), "the same file is the same");

	st = ms_atomic_replace("cat.po", "version 2\n", 10, 0, &id, &handler);
	INT_EQ(st, MS_OK, "an unchanged file is replaced");
	d = slurp("cat.po");
	STR_EQ(d, "version 2\n", "with the new content");
	free(d);

	/* changed before the write: refused */
	put("cat.po", "version 1\n");
	ms_file_id_get("cat.po", true, &id, &handler);
	usleep(20000);
	put("cat.po", "translator's version\n");
	reset();
	st = ms_atomic_replace("cat.po", "merged\n", 7, 0, &id, &handler);
	INT_EQ(st, MS_ERR_CHANGED, "a file changed since it was read is not replaced");
	d = slurp("cat.po");
	STR_EQ(d, "translator's version\n", "the translator's save survives");
	free(d);

	/* changed in the window right before the replacement */
	snprintf(hook, sizeof hook, "%s/hook.sh", top);
	write_hook(hook);
	put("cat.po", "version 1\n");
	ms_file_id_get("cat.po", true, &id, &handler);
	setenv("MISSIVE_TEST_BEFORE_REPLACE", hook, 1);
	reset();
	st = ms_atomic_replace("cat.po", "merged\n", 7, 0, &id, &handler);
	unsetenv("MISSIVE_TEST_BEFORE_REPLACE");
	INT_EQ(st, MS_ERR_CHANGED, "a save in the window is noticed");
	d = slurp("cat.po");
	STR_EQ(d, "saved by the translator\n", "and survives");
	free(d);
	{
		int leftovers = 0;
		FILE *p = popen("ls -a | grep -c '^\\.cat\\.po\\.tmp'", "r");
		if (p) {
			if (fscanf(p, "%d", &leftovers) != 1)
				leftovers = -1;
			pclose(p);
		}
		INT_EQ(leftovers, 0, "no temporary file left behind");
	}

	/* a file that did not exist, created meanwhile */
	unlink("new.po");
	ms_file_id_get("new.po", true, &id, &handler);
	OK(!id.exists, "a missing file is recorded as missing");
	put("new.po", "someone else\n");
	st = ms_atomic_replace("new.po", "mine\n", 5, 0, &id, &handler);
	INT_EQ(st, MS_ERR_CHANGED, "a file created meanwhile is not replaced");
	unlink("new.po");
	st = ms_atomic_replace("new.po", "mine\n", 5, 0, &id, &handler);
	INT_EQ(st, MS_OK, "a still-missing file is created");
}

int
main(void)
{
	if (!mkdtemp(top) || chdir(top) != 0) {
		OK(0, "temporary folder");
		return done_testing();
	}
	test_read();
	test_confine();
	test_replace();
	if (chdir("/") == 0) {
		char cmd[600];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", top);
	}
	ms_buf_release(&msgs);
	return done_testing();
}
