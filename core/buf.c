/* buf.c — allocation wrappers, ms_buf and string vectors. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char ms_buf_empty_[1];

static void
die_nomem(void)
{
	/* The one place the library gives up: memory is gone. */
	abort();
}

void *
ms_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_nomem();
	return p;
}

void *
ms_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		die_nomem();
	return p;
}

void *
ms_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_nomem();
	return q;
}

char *
ms_xstrdup(const char *s)
{
	return ms_xstrndup(s, strlen(s));
}

char *
ms_xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = ms_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
ms_buf_init(ms_buf *b, size_t hint)
{
	b->ptr = ms_buf_empty_;
	b->len = 0;
	b->cap = 0;
	if (hint)
		ms_buf_grow(b, hint);
}

void
ms_buf_release(ms_buf *b)
{
	if (b->cap)
		free(b->ptr);
	ms_buf_init(b, 0);
}

void
ms_buf_reset(ms_buf *b)
{
	ms_buf_truncate(b, 0);
}

void
ms_buf_grow(ms_buf *b, size_t extra)
{
	size_t want;
	if (extra > SIZE_MAX - b->len - 1)
		die_nomem();
	want = b->len + extra + 1;
	if (want <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 32;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	if (b->cap == 0) {
		b->ptr = ms_xmalloc(cap);
		b->ptr[0] = '\0';
	} else {
		b->ptr = ms_xrealloc(b->ptr, cap);
	}
	b->cap = cap;
}

void
ms_buf_put(ms_buf *b, const void *data, size_t n)
{
	if (n == 0)
		return;
	ms_buf_grow(b, n);
	memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void
ms_buf_puts(ms_buf *b, const char *s)
{
	ms_buf_put(b, s, strlen(s));
}

void
ms_buf_putc(ms_buf *b, int c)
{
	char ch = (char)c;
	ms_buf_put(b, &ch, 1);
}

void
ms_buf_vprintf(ms_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	ms_buf_grow(b, 64);
	va_copy(cp, ap);
	n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		ms_buf_grow(b, (size_t)n);
		va_copy(cp, ap);
		n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, cp);
		va_end(cp);
	}
	b->len += (size_t)n;
}

void
ms_buf_printf(ms_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
ms_buf_truncate(ms_buf *b, size_t len)
{
	if (len > b->len)
		return;
	b->len = len;
	if (b->cap)
		b->ptr[len] = '\0';
}

char *
ms_buf_detach(ms_buf *b, size_t *len)
{
	char *s;
	if (b->cap == 0)
		s = ms_xstrdup("");
	else
		s = b->ptr;
	if (len)
		*len = b->len;
	ms_buf_init(b, 0);
	return s;
}

void
ms_buf_put_json(ms_buf *b, const char *s, bool html_safe)
{
	size_t len, i = 0;
	if (!s) {
		ms_buf_puts(b, "null");
		return;
	}
	len = strlen(s);
	ms_buf_putc(b, '"');
	while (i < len) {
		uint32_t c;
		size_t n = ms_utf8_decode(s + i, len - i, &c);
		switch (c) {
		case '"': ms_buf_puts(b, "\\\""); break;
		case '\\': ms_buf_puts(b, "\\\\"); break;
		case '\n': ms_buf_puts(b, "\\n"); break;
		case '\r': ms_buf_puts(b, "\\r"); break;
		case '\t': ms_buf_puts(b, "\\t"); break;
		case '\b': ms_buf_puts(b, "\\b"); break;
		case '\f': ms_buf_puts(b, "\\f"); break;
		case UINT32_MAX: ms_buf_puts(b, "\\ufffd"); break;
		default:
			if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029
			    || (html_safe && c == '<'))
				ms_buf_printf(b, "\\u%04x", (unsigned)c);
			else
				ms_buf_put(b, s + i, n);
		}
		i += n;
	}
	ms_buf_putc(b, '"');
}

size_t
ms_strv_len(char *const *v)
{
	size_t n = 0;
	while (v && v[n])
		n++;
	return n;
}

void
ms_strv_free(char **v)
{
	if (!v)
		return;
	for (size_t i = 0; v[i]; i++)
		free(v[i]);
	free(v);
}

void
ms_strv_push(char ***v, const char *s)
{
	size_t n = ms_strv_len(*v);
	*v = ms_xrealloc(*v, (n + 2) * sizeof(char *));
	(*v)[n] = ms_xstrdup(s);
	(*v)[n + 1] = NULL;
}

bool
ms_strv_contains(char *const *v, const char *s)
{
	for (size_t i = 0; v && v[i]; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

bool
ms_threads_allowed(void)
{
	const char *v = getenv("MISSIVE_THREADS");
	return !(v && strcmp(v, "1") == 0);
}
