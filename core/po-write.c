/* po-write.c — PO files in gettext's layout without libgettextpo (see
 * catalog-impl.h).
 *
 * The libgettextpo path (render() in catalog-gettext.c) builds gettext
 * messages, lets gettext 0.21 write them (write-po.c) and splices in the
 * flags its API cannot set.  This file produces the same bytes directly.
 * What it has to reproduce, as observed in gettext's writer:
 *
 *  - Order: the header, the active entries in file order, then the
 *    obsolete ones; an obsolete entry whose (first) msgstr is empty is not
 *    written at all, though the blank line that would have preceded it
 *    still separates what follows.
 *  - Comments: "# text" ("#" alone for an empty line), "#. text" ("#."),
 *    each '\n'-separated line of the field on its own line.
 *  - References: "#:" then " file:line" pieces, a new "#:" line when the
 *    piece (counted in bytes, with its space) would pass column 79 and the
 *    line already holds one; leading "./" removed; a reference without a
 *    line number is just the file; repeats of the same file and line are
 *    written once.
 *  - Flags: "#, fuzzy" only when the (first) msgstr is not empty (always
 *    for an obsolete entry), followed by the flags gettext does not know
 *    (the splice), comma-separated.
 *  - Strings: split after each '\n'; escapes \a\b\f\n\r\t\v, \\ and \";
 *    each portion broken by libunistring's u8_width_linebreaks at width
 *    78 minus the continuation indent (strlen(prefix) + 1 for the quote),
 *    the first line starting after the keyword, never right before a final
 *    "\n"; an empty first line (keyword "") when the string has several
 *    portions or its first portion breaks.  Continuation lines repeat the
 *    prefix ("#~ ", "#| ", "#~| ").
 *  - no-wrap entries: the body (previous strings and msg* lines) rendered
 *    unwrapped by cat_render_nowrap_entry (below), as the libgettextpo
 *    path writes them.
 *
 * Anything else is declined (cat_render_fast returns false, OUT as it
 * was) so that the libgettextpo path handles it: flags gettext knows
 * (formats, range:), whose output gettext normalises; a charset other
 * than UTF-8 unless every string is ASCII; invalid UTF-8 (gettext reports
 * it); the escapes \a \b \f \r \v (gettext warns about them, and the
 * warnings reach the caller's diagnostics); layouts where the splice pass
 * of catalog-gettext.c would not line up blocks with entries. */
#include "internal.h"
#include "catalog-impl.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unilbrk.h>

/* gettext's default page width. */
#define PAGE_WIDTH 79

/* One parsed reference: FILE[0..FLEN) and LINE, or NO_LINE. */
typedef struct ref_piece {
	const char *file;
	size_t flen;
	size_t line;
} ref_piece;

#define NO_LINE ((size_t)-1)

typedef struct writer {
	ms_buf *out;
	bool utf8;            /* the header says UTF-8; else only ASCII passes */
	char *portion;        /* one escaped portion of a string */
	char *ovr;            /* its break overrides */
	char *brk;            /* its line breaks */
	size_t cap;
	ref_piece *refs;      /* the references of one entry */
	size_t refcap;
} writer;

/* What the splice pass of catalog-gettext.c would add to an entry. */
typedef struct entry_flags {
	char **extra;         /* flags gettext does not write, or NULL */
	bool nowrap;
} entry_flags;

static void
writer_release(writer *w)
{
	free(w->portion);
	free(w->ovr);
	free(w->brk);
	free(w->refs);
}

static void
put(writer *w, const char *s, size_t n)
{
	ms_buf_put(w->out, s, n);
}

static void
put_str(writer *w, const char *s)
{
	ms_buf_put(w->out, s, strlen(s));
}

/* ---------------------------------------------------------------- strings */

/* Classes of ASCII bytes for escaping (bytes from 0x80 up are UTF-8). */
enum {
	B_PLAIN,       /* copied as is */
	B_ESCAPE,      /* written as a backslash and a letter */
	B_WARN         /* an escape gettext warns about: decline */
};

static const unsigned char ascii_class[128] = {
	['\n'] = B_ESCAPE, ['\t'] = B_ESCAPE, ['\\'] = B_ESCAPE, ['"'] = B_ESCAPE,
	['\a'] = B_WARN, ['\b'] = B_WARN, ['\f'] = B_WARN, ['\r'] = B_WARN,
	['\v'] = B_WARN,
};

static const char escape_letter[128] = {
	['\n'] = 'n', ['\t'] = 't', ['\\'] = '\\', ['"'] = '"',
};

static void
reserve(writer *w, size_t n)
{
	if (n <= w->cap)
		return;
	size_t cap = w->cap ? w->cap : 256;
	while (cap < n)
		cap *= 2;
	free(w->portion);
	free(w->ovr);
	free(w->brk);
	w->portion = ms_xmalloc(cap);
	w->ovr = ms_xmalloc(cap);
	w->brk = ms_xmalloc(cap);
	w->cap = cap;
}

/* The end of the portion that starts at S: just past its '\n', or at
 * the NUL. */
static const char *
portion_end(const char *s)
{
	const char *nl = strchr(s, '\n');
	return nl ? nl + 1 : s + strlen(s);
}

/* Escape [S, ES) into w->portion; *LEN gets its length and *BOUND an upper
 * bound of its display width (no character is wider than 2 columns, and
 * only those of 3 bytes or more are wider than 1).  False when gettext
 * would complain about the text. */
static bool
escape_portion(writer *w, const char *s, const char *es, size_t *len,
               size_t *bound)
{
	size_t n = (size_t)(es - s), o = 0, width = 0;
	reserve(w, 2 * n + 1);
	char *d = w->portion;
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = (const unsigned char *)es;
	while (p < end) {
		const unsigned char *run = p;
		while (p < end && *p < 0x80 && ascii_class[*p] == B_PLAIN)
			p++;
		if (p > run) {
			memcpy(d + o, run, (size_t)(p - run));
			o += (size_t)(p - run);
			width += (size_t)(p - run);
		}
		if (p == end)
			break;
		if (*p < 0x80) {
			if (ascii_class[*p] != B_ESCAPE)
				return false;
			d[o++] = '\\';
			d[o++] = escape_letter[*p];
			width += 2;
			p++;
			continue;
		}
		uint32_t cp;
		size_t k;
		if (!w->utf8)
			return false;
		k = ms_utf8_decode((const char *)p, (size_t)(end - p), &cp);
		if (cp == UINT32_MAX)
			return false;
		memcpy(d + o, p, k);
		o += k;
		width += k >= 3 ? 2 : 1;
		p += k;
	}
	*len = o;
	*bound = width;
	return true;
}

/* Check VALUE as gettext would when writing it, without writing it. */
static bool
check_value(writer *w, const char *value)
{
	const char *s = value;
	do {
		const char *es = portion_end(s);
		size_t len, bound;
		if (!escape_portion(w, s, es, &len, &bound))
			return false;
		s = es;
	} while (*s);
	return true;
}

/* Line breaks for the escaped portion of LEN bytes starting at column
 * STARTCOL; false when there are none (without asking libunistring when
 * the width bound shows that the portion fits). */
static bool
break_portion(writer *w, size_t len, size_t bound, int width, int startcol,
              bool final_newline)
{
	if ((size_t)startcol + bound <= (size_t)width)
		return false;
	/* The overrides gettext passes: no break inside an escape sequence or
	 * a multibyte character, nor right before a final "\n". */
	const char *p = w->portion;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\\') {
			w->ovr[i] = UC_BREAK_UNDEFINED;
			w->ovr[++i] = UC_BREAK_PROHIBITED;
		} else {
			w->ovr[i] = (c & 0xC0) == 0x80 ? UC_BREAK_PROHIBITED
			                               : UC_BREAK_UNDEFINED;
		}
	}
	if (final_newline)
		w->ovr[len - 2] = UC_BREAK_PROHIBITED;
	u8_width_linebreaks((const uint8_t *)p, len, width, startcol, 0,
	                    w->ovr, "UTF-8", w->brk);
	return memchr(w->brk, UC_BREAK_POSSIBLE, len) != NULL;
}

/* Write NAME and VALUE as gettext's wrap() does, each line starting with
 * PREFIX ("" for none). */
static bool
wrap(writer *w, const char *prefix, const char *name, const char *value)
{
	size_t plen = strlen(prefix), nlen = strlen(name);
	int after_break = (int)plen + 1;
	int width = PAGE_WIDTH - 1 - after_break;
	bool first = true;
	const char *s = value;
	do {
		const char *es = portion_end(s);
		size_t len, bound;
		if (!escape_portion(w, s, es, &len, &bound))
			return false;
		bool final_nl = es > s && es[-1] == '\n';
		bool breaks = false;
		if (first && len > 0) {
			/* gettext starts with an empty first line (keyword "")
			 * when more portions follow or when this one, starting
			 * after the keyword, needs a break.  A portion that needs
			 * a break from column 0 needs one from any later column,
			 * so the breaks from column 0, needed after an empty
			 * first line, are computed first. */
			int startcol = (int)(plen + nlen + 2) - after_break;
			breaks = break_portion(w, len, bound, width, 0, final_nl);
			bool empty_first = *es != '\0' || breaks;
			if (!empty_first)
				empty_first = startcol > width
				              || break_portion(w, len, bound, width,
				                               startcol, final_nl);
			if (empty_first) {
				put(w, prefix, plen);
				put(w, name, nlen);
				put_str(w, " \"\"\n");
				first = false;
			}
		} else if (!first) {
			breaks = break_portion(w, len, bound, width, 0, final_nl);
		}
		put(w, prefix, plen);
		if (first) {
			put(w, name, nlen);
			put_str(w, " ");
			first = false;
		}
		put_str(w, "\"");
		size_t start = 0, from = 0;
		while (breaks && from < len) {
			const char *at = memchr(w->brk + from, UC_BREAK_POSSIBLE,
			                        len - from);
			if (!at)
				break;
			size_t i = (size_t)(at - w->brk);
			put(w, w->portion + start, i - start);
			put_str(w, "\"\n");
			put(w, prefix, plen);
			put_str(w, "\"");
			start = i;
			from = i + 1;
		}
		put(w, w->portion + start, len - start);
		put_str(w, "\"\n");
		s = es;
	} while (*s);
	return true;
}

/* ------------------------------------------------------------- no-wrap */

/* Escape and quote VALUE as gettext does, one line per "\n"-ended
 * portion, without wrapping (for entries flagged no-wrap). */
static void
render_nowrap(ms_buf *b, const char *prefix, const char *name, const char *value)
{
	const char *s = value;
	bool multi = false;
	const char *nl = strchr(value, '\n');
	if (nl && nl[1])
		multi = true;
	if (multi)
		ms_buf_printf(b, "%s%s \"\"\n", prefix, name);
	do {
		const char *es = s;
		while (*es && *es++ != '\n')
			;
		if (multi)
			ms_buf_printf(b, "%s\"", prefix);
		else
			ms_buf_printf(b, "%s%s \"", prefix, name);
		for (const char *p = s; p < es; p++) {
			const char *esc = strchr("\a\b\f\n\r\t\v", *p);
			if (*p && esc) {
				ms_buf_putc(b, '\\');
				ms_buf_putc(b, "abfnrtv"[esc - "\a\b\f\n\r\t\v"]);
			} else if (*p == '\\' || *p == '"') {
				ms_buf_putc(b, '\\');
				ms_buf_putc(b, *p);
			} else {
				ms_buf_putc(b, *p);
			}
		}
		ms_buf_puts(b, "\"\n");
		s = es;
	} while (*s);
}

void
cat_render_nowrap_entry(ms_buf *b, const entry *e)
{
	const char *pp = e->pub.obsolete ? "#~| " : "#| ";
	const char *p = e->pub.obsolete ? "#~ " : "";
	if (e->pub.prev_msgctxt)
		render_nowrap(b, pp, "msgctxt", e->pub.prev_msgctxt);
	if (e->pub.prev_msgid)
		render_nowrap(b, pp, "msgid", e->pub.prev_msgid);
	if (e->prev_msgid_plural)
		render_nowrap(b, pp, "msgid_plural", e->prev_msgid_plural);
	if (e->pub.msgctxt)
		render_nowrap(b, p, "msgctxt", e->pub.msgctxt);
	render_nowrap(b, p, "msgid", e->pub.msgid);
	if (e->pub.msgid_plural) {
		render_nowrap(b, p, "msgid_plural", e->pub.msgid_plural);
		size_t n = ms_strv_len(e->pub.msgstr_plural);
		for (size_t i = 0; i < (n ? n : 1); i++) {
			char name[32];
			snprintf(name, sizeof name, "msgstr[%zu]", i);
			render_nowrap(b, p, name, n ? e->pub.msgstr_plural[i] : "");
		}
	} else {
		render_nowrap(b, p, "msgstr", e->pub.msgstr ? e->pub.msgstr : "");
	}
}

/* ------------------------------------------------------------- comments */

/* TEXT's lines, each as MARK, a space unless the line is empty, the line. */
static void
put_comment(writer *w, const char *mark, const char *text)
{
	if (!text)
		return;
	const char *s = text;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		put_str(w, mark);
		if (n) {
			put_str(w, " ");
			put(w, s, n);
		}
		put_str(w, "\n");
		if (!nl)
			break;
		s = nl + 1;
	}
}

/* Split a reference as catalog-gettext.c hands it to gettext:
 * "file:line" when the part after the last colon is 1 to 18 digits and
 * the file is not empty, else all of it is the file. */
static void
ref_parse(const char *r, ref_piece *rp)
{
	const char *colon = strrchr(r, ':');
	size_t len = strlen(r);
	rp->file = r;
	rp->flen = len;
	rp->line = NO_LINE;
	if (colon && colon > r && colon[1]) {
		const char *d = colon + 1;
		size_t n = 0, v = 0;
		while (d[n] >= '0' && d[n] <= '9') {
			v = v * 10 + (size_t)(d[n] - '0');
			n++;
		}
		if (!d[n] && n < 19) {
			rp->flen = (size_t)(colon - r);
			rp->line = v;
		}
	}
}

/* What identifies the reference R (parsed as RP) among an entry's: the
 * file and line it names, written "file:line" with the line in plain
 * decimal, or all of R when it has no line.  That is R itself but for
 * leading zeros in its line; then a copy, appended to *COPIES. */
static const char *
ref_key(const char *r, const ref_piece *rp, char ***copies, size_t *len)
{
	char num[24];
	*len = strlen(r);
	if (rp->line == NO_LINE)
		return r;
	int m = snprintf(num, sizeof num, "%zu", rp->line);
	if (rp->flen + 1 + (size_t)m == *len)
		return r;
	ms_buf b = MS_BUF_INIT;
	ms_buf_put(&b, r, rp->flen);
	ms_buf_printf(&b, ":%s", num);
	*len = b.len;
	char *key = ms_buf_detach(&b, NULL);
	size_t n = ms_strv_len(*copies);
	*copies = ms_xrealloc(*copies, (n + 2) * sizeof **copies);
	(*copies)[n] = key;
	(*copies)[n + 1] = NULL;
	return key;
}

static bool
ref_same(const ref_piece *a, const ref_piece *b)
{
	return a->line == b->line && a->flen == b->flen
	       && memcmp(a->file, b->file, a->flen) == 0;
}

/* Put REFS (NULL-terminated) on "#:" lines as gettext does, each (file,
 * line) once.  False for a reference with a newline in it. */
static bool
put_refs(writer *w, char *const *refs)
{
	size_t n = 0, kept = 0;
	if (!refs || !refs[0])
		return true;
	while (refs[n])
		n++;
	if (n > w->refcap) {
		w->refcap = n;
		free(w->refs);
		w->refs = ms_xmalloc(n * sizeof *w->refs);
	}
	/* Past a few references, a set of their keys finds the repeats. */
	ms_htab *seen = n > 8 ? ms_htab_new(n) : NULL;
	char **copies = NULL;
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		ref_piece rp;
		if (strchr(refs[i], '\n')) {
			ok = false;
			break;
		}
		ref_parse(refs[i], &rp);
		bool dup = false;
		if (seen) {
			size_t klen;
			const char *key = ref_key(refs[i], &rp, &copies, &klen);
			dup = ms_htab_put(seen, key, klen, refs[i]) != NULL;
		} else {
			for (size_t j = 0; j < kept && !dup; j++)
				dup = ref_same(&w->refs[j], &rp);
		}
		if (!dup)
			w->refs[kept++] = rp;
	}
	ms_htab_free(seen);
	ms_strv_free(copies);
	if (!ok)
		return false;
	size_t column = 2;
	put_str(w, "#:");
	for (size_t i = 0; i < kept; i++) {
		const ref_piece *rp = &w->refs[i];
		const char *f = rp->file;
		size_t flen = rp->flen;
		char num[24];
		size_t nlen = 0;
		while (flen >= 2 && f[0] == '.' && f[1] == '/') {
			f += 2;
			flen -= 2;
		}
		if (rp->line != NO_LINE) {
			char tmp[24];
			size_t v = rp->line, k = 0;
			do {
				tmp[k++] = (char)('0' + v % 10);
				v /= 10;
			} while (v);
			num[nlen++] = ':';
			while (k)
				num[nlen++] = tmp[--k];
		}
		size_t len = flen + nlen + 1;
		if (column > 2 && column + len > PAGE_WIDTH) {
			put_str(w, "\n#:");
			column = 2;
		}
		put_str(w, " ");
		put(w, f, flen);
		put(w, num, nlen);
		column += len;
	}
	put_str(w, "\n");
	return true;
}

/* ---------------------------------------------------------------- entries */

/* The flags of E other than fuzzy: those gettext does not know go to
 * EF->extra (as the splice would write them); false when one is a flag
 * gettext knows and would write in its own way (formats, ranges). */
static bool
flags_classify(const entry *e, entry_flags *ef)
{
	ef->extra = NULL;
	ef->nowrap = false;
	if (!e->pub.flags)
		return true;
	char **v = cat_flags_split(e->pub.flags);
	bool ok = true;
	for (size_t i = 0; v && v[i]; i++) {
		const char *t = v[i];
		size_t n = strlen(t);
		if (!strcmp(t, "fuzzy") || !strcmp(t, "wrap"))
			continue;
		if (!strncmp(t, "range:", 6)
		    || (n >= 7 && !strcmp(t + n - 7, "-format"))) {
			ok = false;
			break;
		}
		ms_strv_push(&ef->extra, t);
		if (!strcmp(t, "no-wrap"))
			ef->nowrap = true;
	}
	ms_strv_free(v);
	if (!ok) {
		ms_strv_free(ef->extra);
		ef->extra = NULL;
	}
	return ok;
}

/* The first msgstr gettext holds for E. */
static const char *
first_msgstr(const entry *e)
{
	if (e->pub.msgid_plural && e->pub.msgstr_plural && e->pub.msgstr_plural[0])
		return e->pub.msgstr_plural[0];
	return e->pub.msgstr ? e->pub.msgstr : "";
}

/* One string of a body: written by wrap() when DO_WRAP, else only
 * checked (the caller writes it unwrapped). */
static bool
field(writer *w, bool do_wrap, const char *prefix, const char *name,
      const char *value)
{
	return do_wrap ? wrap(w, prefix, name, value) : check_value(w, value);
}

/* The strings gettext writes for E's body (previous strings, msgctxt,
 * msgid, msgid_plural, msgstr or its forms), in its order. */
static bool
body_gettext(writer *w, const entry *e, bool do_wrap)
{
	bool obs = e->pub.obsolete;
	const char *pp = obs ? "#~| " : "#| ";
	const char *p = obs ? "#~ " : "";
	const char *msgstr = e->pub.msgstr ? e->pub.msgstr : "";
	if (e->pub.prev_msgctxt
	    && !field(w, do_wrap, pp, "msgctxt", e->pub.prev_msgctxt))
		return false;
	if (e->pub.prev_msgid
	    && !field(w, do_wrap, pp, "msgid", e->pub.prev_msgid))
		return false;
	if (e->prev_msgid_plural
	    && !field(w, do_wrap, pp, "msgid_plural", e->prev_msgid_plural))
		return false;
	if (e->pub.msgctxt && !field(w, do_wrap, p, "msgctxt", e->pub.msgctxt))
		return false;
	if (!field(w, do_wrap, p, "msgid", e->pub.msgid))
		return false;
	if (!e->pub.msgid_plural)
		return field(w, do_wrap, p, "msgstr", msgstr);
	if (!field(w, do_wrap, p, "msgid_plural", e->pub.msgid_plural))
		return false;
	size_t n = ms_strv_len(e->pub.msgstr_plural);
	if (n == 0)   /* catalog-gettext.c hands gettext two forms */
		return field(w, do_wrap, p, "msgstr[0]", msgstr)
		       && field(w, do_wrap, p, "msgstr[1]", "");
	for (size_t i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "msgstr[%zu]", i);
		if (!field(w, do_wrap, p, name, e->pub.msgstr_plural[i]))
			return false;
	}
	return true;
}

/* One entry's block, without the blank line before it. */
static bool
put_entry(writer *w, const entry *e, const entry_flags *ef)
{
	bool fuzzy = e->pub.fuzzy
	             && (e->pub.obsolete || first_msgstr(e)[0] != '\0');
	put_comment(w, "#", e->pub.comments);
	put_comment(w, "#.", e->pub.extracted);
	if (!put_refs(w, e->pub.refs))
		return false;
	if (fuzzy || ef->extra) {
		put_str(w, "#,");
		bool first = true;
		if (fuzzy) {
			put_str(w, " fuzzy");
			first = false;
		}
		for (size_t i = 0; ef->extra && ef->extra[i]; i++) {
			put_str(w, first ? " " : ", ");
			put_str(w, ef->extra[i]);
			first = false;
		}
		put_str(w, "\n");
	}
	if (!ef->nowrap)
		return body_gettext(w, e, true);
	if (!body_gettext(w, e, false))
		return false;
	cat_render_nowrap_entry(w->out, e);
	return true;
}

/* ---------------------------------------------------------------- charset */

/* Whether gettext would treat the catalogue's charset as UTF-8 (*UTF8
 * true) or as ASCII (false); false when it is neither. */
static bool
charset_of(const ms_catalog *c, bool *utf8)
{
	static const char *const ascii[] = {
		"ASCII", "ANSI_X3.4-1968", "US-ASCII",
	};
	const char *h = c->header && c->header->pub.msgstr
	                ? strstr(c->header->pub.msgstr, "charset=") : NULL;
	*utf8 = false;
	if (!h)
		return true;
	h += strlen("charset=");
	size_t n = strcspn(h, " \t\n");
	if (n == 5 && strncasecmp(h, "UTF-8", 5) == 0) {
		*utf8 = true;
		return true;
	}
	if (n == 7 && strncmp(h, "CHARSET", 7) == 0)
		return true;
	for (size_t i = 0; i < MS_ARRAY_SIZE(ascii); i++)
		if (strlen(ascii[i]) == n && strncasecmp(h, ascii[i], n) == 0)
			return true;
	return false;
}

/* ------------------------------------------------------------------ render */

/* The active entries of C->v[FROM, TO), each after a blank line when
 * *BLANK (set once one is written); EF as in render_all. */
static bool
render_active(writer *w, const ms_catalog *c, const entry_flags *ef, size_t k,
              size_t from, size_t to, bool *blank)
{
	for (size_t i = from; i < to; i++) {
		const entry *e = c->v[i];
		if (e->pub.obsolete)
			continue;
		if (*blank)
			put_str(w, "\n");
		if (!put_entry(w, e, &ef[k + i]))
			return false;
		*blank = true;
	}
	return true;
}

/* The second half of a large catalogue's active entries, rendered by a
 * second thread into a buffer of its own: writing a template of 40,000
 * entries is mostly libunistring's line breaking, about 20 µs an entry. */
enum { RENDER_SPLIT_MIN = 4096 };   /* entries from which to split */

typedef struct render_half {
	const ms_catalog *c;
	const entry_flags *ef;
	size_t k, from;
	bool utf8, blank, ok;
	ms_buf out;
} render_half;

static void *
render_half_run(void *arg)
{
	render_half *r = arg;
	writer w;
	memset(&w, 0, sizeof w);
	w.out = &r->out;
	w.utf8 = r->utf8;
	r->ok = render_active(&w, r->c, r->ef, r->k, r->from, r->c->n, &r->blank);
	writer_release(&w);
	return NULL;
}

static bool
render_all(writer *w, const ms_catalog *c, entry_flags *ef)
{
	size_t nall = c->n + (c->header ? 1 : 0);
	bool needed = false, seen_obsolete = false;

	if (c->header && c->header->pub.obsolete)
		return false;
	/* ef[0] is the header's when there is one; ef[k + i] entry i's. */
	size_t k = c->header ? 1 : 0;
	for (size_t i = 0; i < nall; i++) {
		const entry *e = i < k ? c->header : c->v[i - k];
		if (i >= k && !e->pub.obsolete
		    && cat_is_header_key(e->pub.msgctxt, e->pub.msgid))
			return false;   /* a second header: not ours to judge */
		if (!flags_classify(e, &ef[i]))
			return false;
		if (ef[i].extra)
			needed = true;
	}
	if (needed) {
		/* catalog-gettext.c splices flags into gettext's blocks by
		 * position, assuming one block per entry in catalogue order;
		 * gettext moves obsolete entries to the end and leaves out the
		 * empty ones.  Only the layouts where both agree are ours. */
		for (size_t i = 0; i < c->n; i++) {
			const entry *e = c->v[i];
			if (e->pub.obsolete) {
				seen_obsolete = true;
				if (first_msgstr(e)[0] == '\0')
					return false;
			} else if (seen_obsolete) {
				return false;
			}
		}
	}

	bool blank = false;
	if (c->header) {
		if (!put_entry(w, c->header, &ef[0]))
			return false;
		blank = true;
	}
	render_half half;
	pthread_t th;
	size_t mid = c->n;
	bool ok;
	memset(&half, 0, sizeof half);
	if (c->n >= RENDER_SPLIT_MIN && ms_threads_allowed()) {
		half.c = c;
		half.ef = ef;
		half.k = k;
		half.from = c->n / 2;
		half.utf8 = w->utf8;
		half.blank = blank;
		for (size_t i = 0; i < half.from && !half.blank; i++)
			half.blank = !c->v[i]->pub.obsolete;
		if (pthread_create(&th, NULL, render_half_run, &half) == 0)
			mid = half.from;
	}
	ok = render_active(w, c, ef, k, 0, mid, &blank);
	if (mid < c->n) {
		pthread_join(th, NULL);
		ok = ok && half.ok;
		if (ok && half.out.len)
			put(w, half.out.ptr, half.out.len);
		blank = half.blank;
		ms_buf_release(&half.out);
	}
	if (!ok)
		return false;
	for (size_t i = 0; i < c->n; i++) {
		const entry *e = c->v[i];
		if (!e->pub.obsolete)
			continue;
		if (first_msgstr(e)[0] != '\0') {
			if (blank)
				put_str(w, "\n");
			if (!put_entry(w, e, &ef[k + i]))
				return false;
		}
		blank = true;
	}
	return true;
}

bool
cat_render_fast(const ms_catalog *c, ms_buf *out)
{
	writer w;
	bool utf8, ok;
	size_t start = out->len;

	if (!c || !charset_of(c, &utf8))
		return false;
	memset(&w, 0, sizeof w);
	w.out = out;
	w.utf8 = utf8;
	size_t nall = c->n + (c->header ? 1 : 0);
	entry_flags *ef = ms_xcalloc(nall ? nall : 1, sizeof *ef);
	ok = render_all(&w, c, ef);
	for (size_t i = 0; i < nall; i++)
		ms_strv_free(ef[i].extra);
	free(ef);
	writer_release(&w);
	if (!ok)
		ms_buf_truncate(out, start);
	return ok;
}
