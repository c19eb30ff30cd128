/* url.c — cleaning and vetting link targets for the writers. */
#include "internal.h"

#include <string.h>

void
ms_url_clean(const char *url, ms_buf *b)
{
	size_t n = strlen(url), i = 0, lead = 0;

	ms_buf_reset(b);
	while (i < n) {
		uint32_t c;
		size_t len = ms_utf8_decode(url + i, n - i, &c);
		if (c == UINT32_MAX)
			ms_buf_puts(b, "%EF%BF%BD");
		else if (!(c < 0x20 || (c >= 0x7f && c <= 0x9f)))
			ms_buf_put(b, url + i, len);
		i += len;
	}
	while (b->len && b->ptr[b->len - 1] == ' ')
		ms_buf_truncate(b, b->len - 1);
	while (lead < b->len && b->ptr[lead] == ' ')
		lead++;
	if (lead) {
		memmove(b->ptr, b->ptr + lead, b->len - lead);
		ms_buf_truncate(b, b->len - lead);
	}
}

static bool
ascii_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool
ms_url_safe(const char *url)
{
	static const char *const ok[] = { "http", "https", "mailto" };
	size_t n = 0;

	if (!ascii_alpha((unsigned char)url[0]))
		return true;
	while (url[n] && url[n] != ':') {
		int c = (unsigned char)url[n];
		if (!(ascii_alpha(c) || (c >= '0' && c <= '9') || c == '+'
		      || c == '-' || c == '.'))
			return true;  /* no scheme: a relative reference */
		n++;
	}
	if (!url[n])
		return true;
	for (size_t i = 0; i < MS_ARRAY_SIZE(ok); i++) {
		size_t k = 0;
		if (strlen(ok[i]) != n)
			continue;
		while (k < n && (url[k] | 0x20) == ok[i][k])
			k++;
		if (k == n)
			return true;
	}
	return false;
}
