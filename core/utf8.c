/* utf8.c — UTF-8 validation with located errors. */
#include "internal.h"

#include <string.h>

/* Length of the UTF-8 sequence starting at S (at most LEN bytes), or 0 when
 * it is not well formed (overlongs, surrogates and values past U+10FFFF are
 * rejected, as RFC 3629 requires). */
static size_t
seq_len(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		if (len < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0;   /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0;   /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80
		    || (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

bool
ms_utf8_validate(const char *str, size_t len, size_t *bad,
                 unsigned *line, unsigned *col)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned ln = 1, cl = 1;
	size_t i = 0;
	/* Validate first, a word at a time over ASCII runs; the position of a
	 * bad byte is only worked out when there is one. */
	while (i < len) {
		size_t n;
		if (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			/* no byte >= 0x80 and no NUL byte among the eight */
			if (!(w & 0x8080808080808080ULL)
			    && !((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)) {
				i += 8;
				continue;
			}
		}
		if (s[i] == 0)
			break;
		n = seq_len(s + i, len - i);
		if (n == 0)
			break;
		i += n;
	}
	if (i >= len)
		return true;
	for (size_t k = 0; k < i;) {
		size_t n = seq_len(s + k, i - k);
		if (s[k] == '\n') {
			ln++;
			cl = 1;
		} else {
			cl++;
		}
		k += n ? n : 1;
	}
	if (bad)
		*bad = i;
	if (line)
		*line = ln;
	if (col)
		*col = cl;
	return false;
}

bool
ms_utf8_is_unwanted(uint32_t c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n';
	if (c >= 0x7f && c <= 0x9f)
		return true;
	if (c >= 0xfdd0 && c <= 0xfdef)
		return true;
	return (c & 0xfffe) == 0xfffe;
}

size_t
ms_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len = n ? seq_len(s, n) : 0;
	uint32_t c;
	if (len == 0) {
		*cp = UINT32_MAX;
		return 1;
	}
	if (len == 1) {
		*cp = s[0];
		return 1;
	}
	c = s[0] & (0xff >> (len + 1));
	for (size_t i = 1; i < len; i++)
		c = (c << 6) | (s[i] & 0x3f);
	*cp = c;
	return len;
}

/* ------------------------------------------------------------ NFC */

#include <stdlib.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

char *
ms_utf8_nfc(const char *s, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc;
	UChar *u = NULL, *v = NULL;
	int32_t ulen = 0, vlen, outlen = 0;
	char *out = NULL;
	size_t i;

	/* ASCII is always normalised: the common case costs one pass */
	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len || len > INT32_MAX / 2)
		return ms_xstrndup(s, len);
	nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err))
		return ms_xstrndup(s, len);
	u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)len, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return ms_xstrndup(s, len);
	err = U_ZERO_ERROR;
	u = ms_xmalloc(((size_t)ulen + 1) * sizeof *u);
	u_strFromUTF8(u, ulen + 1, NULL, s, (int32_t)len, &err);
	if (U_FAILURE(err) || unorm2_isNormalized(nfc, u, ulen, &err) || U_FAILURE(err)) {
		free(u);
		return ms_xstrndup(s, len);
	}
	/* composition never makes a string longer */
	v = ms_xmalloc(((size_t)ulen + 1) * sizeof *v);
	vlen = unorm2_normalize(nfc, u, ulen, v, ulen + 1, &err);
	if (U_SUCCESS(err)) {
		u_strToUTF8(NULL, 0, &outlen, v, vlen, &err);
		err = U_ZERO_ERROR;
		out = ms_xmalloc((size_t)outlen + 1);
		u_strToUTF8(out, outlen + 1, NULL, v, vlen, &err);
		if (U_FAILURE(err)) {
			free(out);
			out = NULL;
		}
	}
	free(u);
	free(v);
	return out ? out : ms_xstrndup(s, len);
}

/* S as a diagnostic shows it: at most MAX characters (then "…"), cut
 * between characters, with control characters, line and paragraph
 * separators and bidirectional controls escaped (\n, \u202e), so that
 * text from an XLIFF file can neither forge a line of a log nor reorder
 * what a terminal shows.  Returns OUT's text (OUT is reset first). */
const char *
ms_utf8_shown(ms_buf *out, const char *s, size_t max)
{
	size_t len = s ? strlen(s) : 0, chars = 0;
	ms_buf_reset(out);
	for (size_t i = 0; i < len; chars++) {
		uint32_t c;
		size_t n = ms_utf8_decode(s + i, len - i, &c);
		if (chars == max) {
			ms_buf_puts(out, "…");
			break;
		}
		if (c == '\n')
			ms_buf_puts(out, "\\n");
		else if (c == '\r')
			ms_buf_puts(out, "\\r");
		else if (c == '\t')
			ms_buf_puts(out, "\\t");
		else if (c == UINT32_MAX)
			ms_buf_puts(out, "\\ufffd");
		else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029
		         || c == 0x61c || c == 0x200e || c == 0x200f
		         || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
			ms_buf_printf(out, "\\u%04x", (unsigned)c);
		else
			ms_buf_put(out, s + i, n);
		i += n;
	}
	return out->ptr;
}
