/* mt.c — the table of machine translation engines and running their
 * commands.  See mt.h. */
#include "internal.h"
#include "mt.h"
#include "langtag.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Spanish contractions of the article (a + el, de + el) that
 * apertium-eng-spa leaves undone; "él" the pronoun has its accent. */
static const char *const spanish_contractions[] = {
	"a el ", "al ", "A el ", "Al ", "de el ", "del ", "De el ", "Del ", NULL,
};

static const ms_mt_engine engines[] = {
	{ "apertium", "en", "es", "apertium", "MISSIVE_APERTIUM", "eng-spa",
	  ms_mt_apertium_probe, ms_mt_apertium_translate, spanish_contractions },
};

const ms_mt_engine *
ms_mt_engines(size_t *n)
{
	*n = MS_ARRAY_SIZE(engines);
	return engines;
}

const ms_mt_engine *
ms_mt_find(const char *name, const char *src, const char *tgt)
{
	for (size_t i = 0; i < MS_ARRAY_SIZE(engines); i++) {
		const ms_mt_engine *e = &engines[i];
		if (name && strcmp(name, e->name))
			continue;
		if (src && !ms_lang_is(src, e->source))
			continue;
		if (tgt && !ms_lang_is(tgt, e->target))
			continue;
		return e;
	}
	return NULL;
}

const char *
ms_mt_program(const ms_mt_engine *e)
{
	const char *v = e->env ? getenv(e->env) : NULL;
	return v && *v ? v : e->program;
}

/* TEXT with each FROM that starts a word replaced by TO; freshly
 * allocated. */
static char *
postedit(const char *text, const char *const *pairs)
{
	ms_buf b = MS_BUF_INIT;
	for (const char *s = text; *s;) {
		bool done = false;
		if (s == text || s[-1] == ' ' || s[-1] == '(' || s[-1] == '>') {
			for (size_t i = 0; pairs[i] && !done; i += 2) {
				size_t n = strlen(pairs[i]);
				if (!strncmp(s, pairs[i], n)) {
					ms_buf_puts(&b, pairs[i + 1]);
					s += n;
					done = true;
				}
			}
		}
		if (!done)
			ms_buf_putc(&b, *s++);
	}
	return ms_buf_detach(&b, NULL);
}

ms_status
ms_mt_translate(const ms_mt_engine *e, ms_mt_segment *segs, size_t n,
                ms_diag_handler *h)
{
	ms_status st = e->translate(e, segs, n, h);
	for (size_t i = 0; st == MS_OK && e->postedit && i < n; i++) {
		char *t;
		if (!segs[i].target)
			continue;
		t = postedit(segs[i].target, e->postedit);
		free(segs[i].target);
		segs[i].target = t;
	}
	return st;
}

void
ms_mt_segments_release(ms_mt_segment *segs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		MS_FREE(segs[i].target);
		MS_FREE(segs[i].problem);
	}
}

/* ----------------------------------------------------------- commands */

static bool
read_all(int fd, ms_buf *out)
{
	char chunk[65536];
	for (;;) {
		ssize_t k = read(fd, chunk, sizeof chunk);
		if (k > 0) {
			ms_buf_put(out, chunk, (size_t)k);
		} else if (k == 0) {
			return true;
		} else if (errno != EINTR) {
			return false;
		}
	}
}

static bool
write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k > 0) {
			p += k;
			n -= (size_t)k;
		} else if (k < 0 && errno != EINTR) {
			return false;
		}
	}
	return true;
}

/* An unlinked temporary file, not inherited by commands; -1 on error. */
static int
temp_fd(void)
{
	const char *dir = getenv("TMPDIR");
	ms_buf path = MS_BUF_INIT;
	int fd;
	ms_buf_printf(&path, "%s/missive-mt-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkostemp(path.ptr, O_CLOEXEC);
	if (fd >= 0)
		unlink(path.ptr);
	ms_buf_release(&path);
	return fd;
}

ms_status
ms_mt_run(char *const *argv, const char *in, size_t inlen, ms_buf *out,
          ms_diag_handler *h)
{
	posix_spawn_file_actions_t fa;
	int in_fd = -1, err_fd = -1, pipefd[2] = { -1, -1 }, status = 0, rc;
	pid_t pid;
	ms_status st = MS_OK;
	ms_buf err = MS_BUF_INIT;

	if ((in_fd = temp_fd()) < 0 || (err_fd = temp_fd()) < 0
	    || !write_all(in_fd, in, inlen) || lseek(in_fd, 0, SEEK_SET) != 0
	    || pipe2(pipefd, O_CLOEXEC) != 0) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0,
		             _("cannot prepare the input of '%s': %s"), argv[0], strerror(errno));
		st = MS_ERR_IO;
		goto out;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	pipefd[1] = -1;
	if (rc != 0) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0, _("cannot run '%s': %s"),
		             argv[0], strerror(rc));
		st = MS_ERR_NOT_FOUND;
		goto out;
	}
	if (!read_all(pipefd[0], out))
		st = MS_ERR_IO;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (st == MS_OK && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		goto out;
	/* what the command said: its first line of standard error */
	lseek(err_fd, 0, SEEK_SET);
	read_all(err_fd, &err);
	ms_buf_truncate(&err, strcspn(err.ptr, "\n"));
	/* posix_spawnp succeeds for a program that exec then fails to run
	 * only on some systems; the shell convention is status 127 */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0, _("cannot run '%s'%s%s"),
		             argv[0], err.len ? ": " : "", err.ptr);
		st = MS_ERR_NOT_FOUND;
	} else if (WIFEXITED(status)) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0, _("'%s' failed with status %d%s%s"),
		             argv[0], WEXITSTATUS(status), err.len ? ": " : "", err.ptr);
		st = MS_ERR_IO;
	} else {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0, _("'%s' was killed by signal %d"),
		             argv[0], WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		st = MS_ERR_IO;
	}
out:
	if (in_fd >= 0)
		close(in_fd);
	if (err_fd >= 0)
		close(err_fd);
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	ms_buf_release(&err);
	return st;
}
