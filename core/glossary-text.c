/* glossary-text.c — the glossary's text layer: memory that lives as long
 * as a compiled glossary or a word cache (an arena), character
 * classes, and the normaliser that makes a msgid, a msgstr and a
 * glossary form comparable (inline tags dropped, NFC, one form for each
 * apostrophe, hyphen, middle dot, quote and space, case and accents
 * folded). */
#include "glossary-impl.h"
#include "units.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* ================================================================ arena */

struct gl_arena_blk {
	gl_arena_blk *next;
	size_t used, cap;
	_Alignas(max_align_t) char data[];
};

void *
gl_arena_alloc(gl_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!a->head || a->head->cap - a->head->used < n) {
		size_t cap = n > 32768 ? n : 32768;
		gl_arena_blk *b = ms_xmalloc(sizeof *b + cap);
		b->next = a->head;
		b->used = 0;
		b->cap = cap;
		a->head = b;
		a->total += cap;
	}
	void *p = a->head->data + a->head->used;
	a->head->used += n;
	return p;
}

char *
gl_arena_strndup(gl_arena *a, const char *s, size_t n)
{
	char *p = gl_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
gl_arena_release(gl_arena *a)
{
	while (a->head) {
		gl_arena_blk *next = a->head->next;
		free(a->head);
		a->head = next;
	}
	a->total = 0;
}

/* ======================================================= character sets */

bool
gl_is_latinish(UChar32 c)
{
	return c < 0x3000 && c != 0xB7 && u_isalnum(c);
}

bool
gl_is_word_cp(UChar32 c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		       || (c >= '0' && c <= '9');
	if (c == 0xB7)
		return false;
	if (u_isalnum(c))
		return true;
	int8_t t = u_charType(c);
	return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK;
}

/* ========================================================== normaliser */

bool
gl_normer_init(gl_normer *n)
{
	UErrorCode err = U_ZERO_ERROR;
	memset(n, 0, sizeof *n);
	ms_buf_init(&n->tmp, 256);
	n->nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err))
		return false;
	n->nfd = unorm2_getNFDInstance(&err);
	if (U_FAILURE(err))
		return false;
	for (UChar32 c = 0xC0; c < 0x250; c++) {
		UChar d[8];
		UErrorCode e = U_ZERO_ERROR;
		int32_t len = unorm2_getDecomposition(n->nfd, c, d, 8, &e);
		n->latin[c - 0xC0] = (uint16_t)(U_SUCCESS(e) && len > 0 && d[0] < 0x80
		                                 && isalpha(d[0]) ? d[0] : c);
	}
	return true;
}

void
gl_normer_release(gl_normer *n)
{
	free(n->u1);
	free(n->u2);
	ms_buf_release(&n->tmp);
}

/* One code point as the matcher sees it (before case folding): 0 drops
 * it. */
static UChar32
map_cp(UChar32 c)
{
	switch (c) {
	case 0x2019: case 0x2018: case 0x02BC: case 0x2032: case 0x0060:
	case 0x00B4: case 0x201B: case 0xFF07:
		return '\'';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
	case 0xFE63: case 0xFF0D:
		return '-';
	case 0x318D: case 0x00B7: case 0x30FB: case 0x2027: case 0xFF65:
	case 0x2219: case 0x22C5:
		return 0xB7;
	case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
	case 0x2033: case 0x201F:
		return '"';
	case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
	case 0xFEFF:
		return 0;
	default:
		break;
	}
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFEE0;
	if (c < 0x20 || c == 0x7F || c == 0xA0 || c == 0x3000
	    || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F
	    || (c > 0x7F && u_isUWhiteSpace(c)))
		return ' ';
	return c;
}

/* (Hot path: writes go straight into buffers grown once.) */
void
gl_norm_text(gl_normer *n, const char *s, ms_buf *out)
{
	ms_buf *t = &n->tmp;
	size_t len = strlen(s);
	bool ascii = true;
	ms_buf_reset(out);
	ms_buf_reset(t);
	ms_buf_grow(t, len + 1);
	char *tp = t->ptr;
	size_t tl = 0;
	for (size_t i = 0; i < len;) {
		size_t num;
		int kind;
		size_t k = s[i] == '<' ? ms_tag_lex(s + i, &num, &kind) : 0;
		if (k) {
			i += k;
			continue;
		}
		unsigned char c = (unsigned char)s[i++];
		if (c >= 0x80)
			ascii = false;
		tp[tl++] = (char)c;
	}
	tp[tl] = '\0';
	t->len = tl;
	if (ascii) {
		ms_buf_grow(out, tl + 1);
		for (size_t i = 0; i < tl; i++) {
			unsigned char c = (unsigned char)tp[i];
			out->ptr[i] = (char)(c == '`' ? '\'' : c < 0x20 || c == 0x7F ? ' ' : c);
		}
		out->len = tl;
		out->ptr[tl] = '\0';
		return;
	}
	UErrorCode err = U_ZERO_ERROR;
	int32_t need = 0;
	if (tl + 1 > (size_t)n->cap1) {
		n->cap1 = (int32_t)(tl + 16);
		n->u1 = ms_xrealloc(n->u1, (size_t)n->cap1 * sizeof(UChar));
	}
	u_strFromUTF8WithSub(n->u1, n->cap1, &need, tp, (int32_t)tl, 0xFFFD, NULL, &err);
	if (U_FAILURE(err))
		return;
	const UChar *u = n->u1;
	int32_t ulen = need;
	if (unorm2_quickCheck(n->nfc, u, ulen, &err) != UNORM_YES) {
		err = U_ZERO_ERROR;
		if (n->cap2 < ulen * 3 + 16) {
			n->cap2 = ulen * 3 + 16;
			n->u2 = ms_xrealloc(n->u2, (size_t)n->cap2 * sizeof(UChar));
		}
		int32_t l2 = unorm2_normalize(n->nfc, u, ulen, n->u2, n->cap2, &err);
		if (U_SUCCESS(err)) {
			u = n->u2;
			ulen = l2;
		}
	}
	ms_buf_grow(out, (size_t)ulen * 3 + 1);
	char *o = out->ptr;
	int32_t ol = 0;
	for (int32_t i = 0; i < ulen;) {
		UChar32 c;
		U16_NEXT(u, i, ulen, c);
		c = map_cp(c);
		if (c)
			U8_APPEND_UNSAFE(o, ol, c);
	}
	out->len = (size_t)ol;
	o[ol] = '\0';
}

UChar32
gl_fold_cp(const gl_normer *n, UChar32 c)
{
	if (c < 0x80)
		return tolower(c);
	c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
	if (c >= 0xC0 && c < 0x250)
		return n->latin[c - 0xC0];
	if (c >= 0x300 && c <= 0x36F)
		return 0;   /* stray combining accent */
	return c;
}

void
gl_fold_word(const gl_normer *n, const char *s, size_t len, ms_buf *out)
{
	ms_buf_grow(out, len * 2 + 8);
	char *o = out->ptr;
	int32_t ol = (int32_t)out->len;
	for (size_t i = 0; i < len;) {
		UChar32 c;
		if ((unsigned char)s[i] < 0x80) {
			o[ol++] = (char)tolower((unsigned char)s[i]);
			i++;
			continue;
		}
		int32_t ii = (int32_t)i;
		U8_NEXT(s, ii, (int32_t)len, c);
		i = (size_t)ii;
		if (c < 0)
			continue;
		c = gl_fold_cp(n, c);
		if (c)
			U8_APPEND_UNSAFE(o, ol, c);
	}
	out->len = (size_t)ol;
	o[ol] = '\0';
}

void
gl_trim_buf(ms_buf *b)
{
	size_t a = 0, e = b->len;
	while (a < e && b->ptr[a] == ' ')
		a++;
	while (e > a && b->ptr[e - 1] == ' ')
		e--;
	memmove(b->ptr, b->ptr + a, e - a);
	ms_buf_truncate(b, e - a);
}

void
gl_middle_dots_to_spaces(UChar32 *v, size_t n)
{
	for (size_t i = 1; i + 1 < n; i++)
		if (gl_is_middle_dot(v[i]) && gl_is_hangul(v[i - 1]) && gl_is_hangul(v[i + 1]))
			v[i] = ' ';
}
