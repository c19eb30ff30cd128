/* po-read.c — a fast reader for UTF-8 PO files (see catalog-impl.h).
 *
 * libgettextpo converts every character of a PO file through iconv and
 * keeps the references of an entry in a list it searches linearly, which
 * makes a template with thousands of references per entry slow to read.
 * This reader handles the layout gettext writes and people edit, one line
 * at a time, and builds exactly the model the libgettextpo path of
 * ms_catalog_read builds (catalog-gettext.c: catalog_from_po,
 * entry_from_po and its line scan).  Whatever it is not sure to model
 * the same way it declines, and libgettextpo reads the file and reports
 * its errors.
 *
 * What it accepts:
 * - one keyword per line, first on its line after blanks (spaces, tabs),
 *   "#~ " (obsolete), "#| " (previous) or "#~| "; the keyword's strings
 *   on the same line or on continuation lines ("...", #~ "...", #| "...");
 * - the grammar of po-gram-gen.y: [#| [msgctxt] msgid [msgid_plural]]
 *   [msgctxt] msgid (msgstr | msgid_plural msgstr[0] msgstr[1] ...), with
 *   all its keywords and strings obsolete or none of them;
 * - the escapes \n \t \b \r \f \v \a \\ \" and octal (up to 3 digits) and
 *   hex (up to 2 digits) escapes for ASCII other than NUL and EOT;
 * - comments before an entry: "#." (extracted, one space dropped), "#:"
 *   (references), "#," and "#!" (flags), anything else (translator
 *   comment, one space dropped).
 * What it declines, among others: control characters other than tab and
 * newline (so CR), a backslash at the end of a line (gettext joins the
 * lines), a header without "charset=UTF-8", a "domain" directive,
 * duplicates, comments inside an entry or after "#~"/"#|", Solaris-style
 * "# File:" comments, references it could split differently ("file :
 * 12", isolates U+2068/U+2069), a second header.
 *
 * Facts about libgettextpo 0.21 that the model mirrors (checked against
 * it by tests/test-po-read):
 * - comment lines are joined with '\n' (comment_from_po's result);
 * - references are "file:line" with the line as a number ("a.c:007" is
 *   "a.c:7"), exact duplicates dropped, first occurrence kept;
 * - each "#," line sets the fuzzy mark afresh: the last one decides, and
 *   "range:" takes the next word with it, even "fuzzy";
 * - the other flags are all "#," texts joined and split by
 *   cat_flags_split, as catalog-gettext.c's scan does;
 * - comments after the last entry belong to nothing and are dropped.
 *
 * MISSIVE_PO_IO_TRACE=1 in the environment makes this print
 * "po-read: fast" or "po-read: declined: REASON" to standard error: a
 * debugging aid (and what tests use to see which path ran), the only
 * output of the library.
 */
#include "internal.h"
#include "catalog-impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The fields of an entry, in the order they may come. */
enum {
	F_PREV_CTXT,
	F_PREV_ID,
	F_PREV_PLURAL,
	F_CTXT,
	F_ID,
	F_PLURAL,
	F_STR,          /* msgstr, or the msgstr[N] being read */
	F_COUNT
};

/* Where the entry being read stands: the field whose strings come. */
typedef enum {
	ST_NONE,        /* no keyword yet: comments only */
	ST_PREV_CTXT,
	ST_PREV_ID,
	ST_PREV_PLURAL,
	ST_CTXT,
	ST_ID,
	ST_PLURAL,
	ST_STR,
	ST_FORM         /* msgstr[N] */
} state;

typedef struct reader {
	const char *why;        /* why we decline, or NULL */
	unsigned why_line;
	unsigned line;          /* of the line being read */
	ms_catalog *c;

	/* The entry being read. */
	state st;
	bool obsolete;
	unsigned msgid_line;
	ms_buf f[F_COUNT];
	bool has[F_COUNT];
	unsigned nstrings;      /* strings of the current field */
	char **forms;           /* msgstr[0..nforms) */
	size_t nforms, capforms;

	/* Its comments. */
	ms_buf comments, extracted, flags;
	bool has_comments, has_extracted;
	bool fuzzy;
	char **refs;
	size_t nrefs, caprefs;
	ms_htab *set;           /* the refs, once there are many, or NULL */
} reader;

static bool
decline(reader *r, const char *why)
{
	if (!r->why) {
		r->why = why;
		r->why_line = r->line;
	}
	return false;
}

static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

static const char *
skip_blanks(const char *q, const char *le)
{
	while (q < le && is_blank(*q))
		q++;
	return q;
}

/* ------------------------------------------------------------- comments */

/* Does this "#," text set the fuzzy mark?  gettext splits it on blanks
 * and commas, and "range:" takes the next word along. */
static bool
flags_fuzzy(const char *s, const char *e)
{
	bool fuzzy = false;
	while (s < e) {
		while (s < e && (is_blank(*s) || *s == ','))
			s++;
		const char *t = s;
		while (s < e && !is_blank(*s) && *s != ',')
			s++;
		size_t n = (size_t)(s - t);
		if (n == 5 && memcmp(t, "fuzzy", 5) == 0) {
			fuzzy = true;
		} else if (n == 6 && memcmp(t, "range:", 6) == 0) {
			while (s < e && (is_blank(*s) || *s == ','))
				s++;
			while (s < e && !is_blank(*s) && *s != ',')
				s++;
		}
	}
	return fuzzy;
}

/* Add the reference REF[0..N) unless the entry has it already.  Past a
 * few references a set of them (keys borrowed from r->refs) makes the
 * test O(1). */
static void
add_ref(reader *r, const char *ref, size_t n)
{
	if (!r->set && r->nrefs >= 16) {
		r->set = ms_htab_new(r->nrefs * 2);
		for (size_t i = 0; i < r->nrefs; i++)
			ms_htab_put(r->set, r->refs[i], strlen(r->refs[i]), r->refs[i]);
	}
	if (r->set) {
		if (ms_htab_get(r->set, ref, n))
			return;
	} else {
		for (size_t i = 0; i < r->nrefs; i++)
			if (strncmp(r->refs[i], ref, n) == 0 && r->refs[i][n] == '\0')
				return;
	}
	if (r->nrefs + 2 > r->caprefs) {
		r->caprefs = r->caprefs ? r->caprefs * 2 : 8;
		r->refs = ms_xrealloc(r->refs, r->caprefs * sizeof *r->refs);
	}
	char *copy = ms_xstrndup(ref, n);
	r->refs[r->nrefs++] = copy;
	r->refs[r->nrefs] = NULL;
	if (r->set)
		ms_htab_put(r->set, copy, n, copy);
}

/* The references of a "#:" line: words "file:line" or "file". */
static bool
comment_refs(reader *r, const char *s, const char *e)
{
	char buf[48];
	while (s < e) {
		s = skip_blanks(s, e);
		if (s == e)
			break;
		const char *t = s;
		while (s < e && !is_blank(*s))
			s++;
		/* gettext would join "file : 12" and "file: 12", and 0.22
		 * reads isolates; leave all that to it. */
		if (*t == ':' || s[-1] == ':')
			return decline(r, "a reference with a colon apart");
		for (const char *p = t; p + 2 < s; p++)
			if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x81
			    && ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9))
				return decline(r, "a reference with an isolate");
		const char *d = s;
		while (d > t && d[-1] >= '0' && d[-1] <= '9')
			d--;
		if (d < s && d - t >= 2 && d[-1] == ':') {
			/* "file:line": the line is a number to gettext. */
			size_t ndig = (size_t)(s - d), line = 0;
			if (ndig > 18)
				return decline(r, "a reference with a huge line number");
			for (const char *p = d; p < s; p++)
				line = line * 10 + (size_t)(*p - '0');
			size_t flen = (size_t)(d - 1 - t);
			int m = snprintf(buf, sizeof buf, ":%zu", line);
			if (ndig == (size_t)m - 1) {     /* no leading zero */
				add_ref(r, t, (size_t)(s - t));
			} else {
				char *ref = ms_xmalloc(flen + (size_t)m + 1);
				memcpy(ref, t, flen);
				memcpy(ref + flen, buf, (size_t)m + 1);
				add_ref(r, ref, flen + (size_t)m);
				free(ref);
			}
		} else {
			add_ref(r, t, (size_t)(s - t));
		}
	}
	return true;
}

/* A comment line; S..E is what follows '#'. */
static bool
comment(reader *r, const char *s, const char *e)
{
	if (s < e && *s == '.') {
		s++;
		if (s < e && *s == ' ')
			s++;
		if (r->has_extracted)
			ms_buf_putc(&r->extracted, '\n');
		ms_buf_put(&r->extracted, s, (size_t)(e - s));
		r->has_extracted = true;
	} else if (s < e && *s == ':') {
		return comment_refs(r, s + 1, e);
	} else if (s < e && (*s == ',' || *s == '!')) {
		if (r->flags.len)
			ms_buf_puts(&r->flags, ", ");
		ms_buf_put(&r->flags, s + 1, (size_t)(e - s - 1));
		r->fuzzy = flags_fuzzy(s + 1, e);
	} else {
		if (e - s >= 6 && s[0] == ' ' && (s[1] == 'F' || s[1] == 'f')
		    && memcmp(s + 2, "ile:", 4) == 0)
			return decline(r, "a Solaris-style file comment");
		if (s < e && *s == ' ')
			s++;
		if (r->has_comments)
			ms_buf_putc(&r->comments, '\n');
		ms_buf_put(&r->comments, s, (size_t)(e - s));
		r->has_comments = true;
	}
	return true;
}

/* --------------------------------------------------------------- strings */

static int
hex_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Decode the string starting at Q (on its opening quote) into OUT; the
 * position after its closing quote, or NULL. */
static const char *
string_decode(reader *r, const char *q, const char *le, ms_buf *out)
{
	const char *s = q + 1;
	for (;;) {
		const char *run = s;
		while (s < le && *s != '"' && *s != '\\')
			s++;
		if (s > run)
			ms_buf_put(out, run, (size_t)(s - run));
		if (s == le) {
			decline(r, "an unterminated string");
			return NULL;
		}
		if (*s == '"')
			return s + 1;
		s++;    /* the backslash; a line never ends with one here */
		int v;
		switch (*s++) {
		case 'n': v = '\n'; break;
		case 't': v = '\t'; break;
		case 'b': v = '\b'; break;
		case 'r': v = '\r'; break;
		case 'f': v = '\f'; break;
		case 'v': v = '\v'; break;
		case 'a': v = '\a'; break;
		case '\\': v = '\\'; break;
		case '"': v = '"'; break;
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7':
			v = s[-1] - '0';
			for (int i = 1; i < 3 && s < le && *s >= '0' && *s <= '7'; i++)
				v = v * 8 + (*s++ - '0');
			break;
		case 'x':
			v = s < le ? hex_value(*s) : -1;
			if (v < 0)
				break;
			s++;
			if (s < le && hex_value(*s) >= 0)
				v = v * 16 + hex_value(*s++);
			if (s < le && hex_value(*s) >= 0)
				v = -1;     /* gettext reads on and truncates */
			break;
		default:
			v = -1;
			break;
		}
		/* NUL cuts gettext's string, EOT is its context separator,
		 * and a byte past ASCII would not be UTF-8. */
		if (v <= 0 || v == 4 || v >= 0x80) {
			decline(r, "an escape sequence left to libgettextpo");
			return NULL;
		}
		ms_buf_putc(out, v);
	}
}

/* ---------------------------------------------------------------- entries */

static void
pending_reset(reader *r)
{
	for (int i = 0; i < F_COUNT; i++) {
		ms_buf_reset(&r->f[i]);
		r->has[i] = false;
	}
	ms_strv_free(r->forms);
	r->forms = NULL;
	r->nforms = r->capforms = 0;
	ms_buf_reset(&r->comments);
	ms_buf_reset(&r->extracted);
	ms_buf_reset(&r->flags);
	r->has_comments = r->has_extracted = r->fuzzy = false;
	for (size_t i = 0; i < r->nrefs; i++)
		free(r->refs[i]);
	free(r->refs);
	r->refs = NULL;
	r->nrefs = r->caprefs = 0;
	ms_htab_free(r->set);
	r->set = NULL;
	r->st = ST_NONE;
	r->obsolete = false;
	r->nstrings = 0;
	r->msgid_line = 0;
}

static void
push_form(reader *r)
{
	if (r->nforms + 2 > r->capforms) {
		r->capforms = r->capforms ? r->capforms * 2 : 4;
		r->forms = ms_xrealloc(r->forms, r->capforms * sizeof *r->forms);
	}
	r->forms[r->nforms++] = ms_xstrndup(r->f[F_STR].ptr, r->f[F_STR].len);
	r->forms[r->nforms] = NULL;
	ms_buf_reset(&r->f[F_STR]);
}

static char *
field_take(reader *r, int i)
{
	return r->has[i] ? ms_xstrndup(r->f[i].ptr, r->f[i].len) : NULL;
}

/* Does the header text HDR name UTF-8 as its charset, as gettext reads
 * it (the first "charset=", up to a blank or newline)? */
static bool
header_utf8(const char *hdr)
{
	const char *cs = strstr(hdr, "charset=");
	if (!cs)
		return false;
	cs += 8;
	size_t n = strcspn(cs, " \t\n");
	return n == 5 && strncasecmp(cs, "UTF-8", 5) == 0;
}

/* The entry read is complete: add it to the catalogue. */
static bool
finish_entry(reader *r)
{
	if (r->st == ST_FORM)
		push_form(r);
	const char *ctxt = r->has[F_CTXT] ? r->f[F_CTXT].ptr : NULL;
	const char *id = r->f[F_ID].ptr;
	bool header = !r->obsolete && cat_is_header_key(ctxt, id);
	uint64_t hash = cat_key_hash(ctxt, id);
	/* libgettextpo sees obsolete and active entries alike, and the
	 * header among them. */
	if (cat_find(r->c, ctxt, id, hash)
	    || (cat_is_header_key(ctxt, id) && r->c->header))
		return decline(r, "a duplicate message definition");
	if (header && (r->has[F_PLURAL] || !header_utf8(r->f[F_STR].ptr)))
		return decline(r, "a header whose charset is not UTF-8");

	entry *e = ms_xcalloc(1, sizeof *e);
	e->pub.msgctxt = field_take(r, F_CTXT);
	e->pub.msgid = field_take(r, F_ID);
	e->hash = hash;
	if (r->has[F_PLURAL]) {
		e->pub.msgid_plural = field_take(r, F_PLURAL);
		e->pub.msgstr_plural = r->forms;
		e->pub.msgstr = ms_xstrdup(r->forms[0]);
		r->forms = NULL;
		r->nforms = r->capforms = 0;
	} else {
		e->pub.msgstr = field_take(r, F_STR);
	}
	e->pub.prev_msgctxt = field_take(r, F_PREV_CTXT);
	e->pub.prev_msgid = field_take(r, F_PREV_ID);
	e->prev_msgid_plural = field_take(r, F_PREV_PLURAL);
	if (r->has_comments)
		e->pub.comments = ms_xstrndup(r->comments.ptr, r->comments.len);
	if (r->has_extracted)
		e->pub.extracted = ms_xstrndup(r->extracted.ptr, r->extracted.len);
	if (r->nrefs) {
		/* Hand the array over, trimmed. */
		e->pub.refs = ms_xrealloc(r->refs, (r->nrefs + 1) * sizeof *r->refs);
		r->refs = NULL;
		r->nrefs = r->caprefs = 0;
	}
	if (r->flags.len) {
		char **v = cat_flags_split(r->flags.ptr);
		e->pub.flags = cat_flags_join_other(v);
		ms_strv_free(v);
	}
	e->pub.fuzzy = r->fuzzy;
	e->pub.obsolete = r->obsolete;
	e->pub.line = r->msgid_line;
	if (header)
		r->c->header = e;
	else
		cat_push(r->c, e);
	pending_reset(r);
	return true;
}

/* ---------------------------------------------------------------- keywords */

typedef enum { K_CTXT, K_ID, K_PLURAL, K_STR, K_FORM } keyword;

/* The keyword K (for msgstr[N], INDEX) starts a field. */
static bool
keyword_seen(reader *r, keyword k, bool prev, unsigned long index, bool obsolete)
{
	state next;
	if (r->st != ST_NONE && !r->nstrings)
		return decline(r, "a keyword without a string");
	if ((r->st == ST_STR || r->st == ST_FORM) && (k == K_CTXT || k == K_ID))
		if (!finish_entry(r))   /* the next entry starts */
			return false;
	if (r->st == ST_NONE)
		r->obsolete = obsolete;
	else if (obsolete != r->obsolete)
		return decline(r, "an inconsistent use of #~");

	switch (r->st) {
	case ST_NONE:
		if (k == K_CTXT)
			next = prev ? ST_PREV_CTXT : ST_CTXT;
		else if (k == K_ID)
			next = prev ? ST_PREV_ID : ST_ID;
		else
			return decline(r, "an entry without msgid");
		break;
	case ST_PREV_CTXT:
		if (k != K_ID || !prev)
			return decline(r, "#| msgctxt without #| msgid");
		next = ST_PREV_ID;
		break;
	case ST_PREV_ID:
	case ST_PREV_PLURAL:
		if (k == K_PLURAL && prev && r->st == ST_PREV_ID)
			next = ST_PREV_PLURAL;
		else if (k == K_CTXT && !prev)
			next = ST_CTXT;
		else if (k == K_ID && !prev)
			next = ST_ID;
		else
			return decline(r, "an unexpected keyword after #|");
		break;
	case ST_CTXT:
		if (k != K_ID || prev)
			return decline(r, "msgctxt without msgid");
		next = ST_ID;
		break;
	case ST_ID:
		if (k == K_STR)
			next = ST_STR;
		else if (k == K_PLURAL && !prev)
			next = ST_PLURAL;
		else
			return decline(r, "an unexpected keyword after msgid");
		break;
	case ST_PLURAL:
		if (k != K_FORM || index != 0)
			return decline(r, "msgid_plural without msgstr[0]");
		next = ST_FORM;
		break;
	case ST_FORM:
		if (k != K_FORM || index != r->nforms + 1)
			return decline(r, "a plural form out of order");
		push_form(r);
		next = ST_FORM;
		break;
	default:
		return decline(r, "an unexpected keyword");
	}
	int f;
	switch (next) {
	case ST_PREV_CTXT: f = F_PREV_CTXT; break;
	case ST_PREV_ID: f = F_PREV_ID; break;
	case ST_PREV_PLURAL: f = F_PREV_PLURAL; break;
	case ST_CTXT: f = F_CTXT; break;
	case ST_ID: f = F_ID; r->msgid_line = r->line; break;
	case ST_PLURAL: f = F_PLURAL; break;
	default: f = F_STR; break;
	}
	r->has[f] = true;
	r->st = next;
	r->nstrings = 0;
	return true;
}

static bool
state_is_prev(state st)
{
	return st == ST_PREV_CTXT || st == ST_PREV_ID || st == ST_PREV_PLURAL;
}

static ms_buf *
state_field(reader *r)
{
	switch (r->st) {
	case ST_PREV_CTXT: return &r->f[F_PREV_CTXT];
	case ST_PREV_ID: return &r->f[F_PREV_ID];
	case ST_PREV_PLURAL: return &r->f[F_PREV_PLURAL];
	case ST_CTXT: return &r->f[F_CTXT];
	case ST_ID: return &r->f[F_ID];
	case ST_PLURAL: return &r->f[F_PLURAL];
	default: return &r->f[F_STR];
	}
}

/* The strings from Q to the end of the line, for the current field. */
static bool
strings(reader *r, const char *q, const char *le, bool prev, bool obsolete)
{
	for (;;) {
		q = skip_blanks(q, le);
		if (q == le)
			return true;
		if (*q != '"')
			return decline(r, "something other than a string");
		if (r->st == ST_NONE)
			return decline(r, "a string outside an entry");
		if (prev != state_is_prev(r->st) || obsolete != r->obsolete)
			return decline(r, "a string of another kind than its keyword");
		q = string_decode(r, q, le, state_field(r));
		if (!q)
			return false;
		r->nstrings++;
	}
}

static bool
is_ident(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
	       || (ch >= '0' && ch <= '9') || ch == '_' || ch == '$';
}

/* The tokens of a line from Q: a keyword and strings, or strings. */
static bool
tokens(reader *r, const char *q, const char *le, bool prev, bool obsolete)
{
	q = skip_blanks(q, le);
	if (q == le || *q == '"')
		return strings(r, q, le, prev, obsolete);
	const char *k = q;
	while (q < le && is_ident(*q))
		q++;
	size_t n = (size_t)(q - k);
	keyword kw;
	unsigned long index = 0;
	if (n == 7 && memcmp(k, "msgctxt", 7) == 0) {
		kw = K_CTXT;
	} else if (n == 5 && memcmp(k, "msgid", 5) == 0) {
		kw = K_ID;
	} else if (n == 12 && memcmp(k, "msgid_plural", 12) == 0) {
		kw = K_PLURAL;
	} else if (n == 6 && memcmp(k, "msgstr", 6) == 0 && !prev) {
		const char *b = skip_blanks(q, le);
		kw = K_STR;
		if (b < le && *b == '[') {
			b = skip_blanks(b + 1, le);
			const char *d = b;
			while (b < le && *b >= '0' && *b <= '9' && b - d < 6)
				index = index * 10 + (unsigned long)(*b++ - '0');
			b = skip_blanks(b, le);
			if (b == d || b == le || *b != ']')
				return decline(r, "a malformed plural index");
			q = b + 1;
			kw = K_FORM;
		}
	} else {
		return decline(r, "an unknown keyword or stray character");
	}
	if (q < le && !is_blank(*q) && *q != '"')
		return decline(r, "a keyword followed by a stray character");
	if (!keyword_seen(r, kw, prev, index, obsolete))
		return false;
	return strings(r, q, le, prev, obsolete);
}

/* One line, LS..LE (without its newline). */
static bool
line(reader *r, const char *ls, const char *le)
{
	const char *q = skip_blanks(ls, le);
	if (q == le)
		return true;
	if (*q != '#')
		return tokens(r, q, le, false, false);
	if (q + 1 < le && q[1] == '~') {
		q += 2;
		bool prev = q < le && *q == '|';
		if (prev)
			q++;
		q = skip_blanks(q, le);
		if (q < le && *q == '#')
			return decline(r, "a comment after #~");
		return tokens(r, q, le, prev, true);
	}
	if (q + 1 < le && q[1] == '|') {
		q = skip_blanks(q + 2, le);
		if (q < le && *q == '#')
			return decline(r, "a comment after #|");
		return tokens(r, q, le, true, false);
	}
	/* A comment: it ends the entry read, or stands before the next. */
	if (r->st == ST_STR || r->st == ST_FORM) {
		if (!r->nstrings)
			return decline(r, "msgstr without a string");
		if (!finish_entry(r))
			return false;
	} else if (r->st != ST_NONE) {
		return decline(r, "a comment inside an entry");
	}
	return comment(r, q + 1, le);
}

/* Control characters other than tab and newline: gettext reads CR, FF and
 * VT as blanks where we do not, and the line scan of catalog-gettext.c
 * does not read them as gettext does. */
static bool
has_controls(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	unsigned char any = 0;
	for (size_t i = 0; i < len; i++)
		any |= (unsigned char)(p[i] < 0x20 && p[i] != '\n' && p[i] != '\t');
	return any != 0;
}

static bool
trace_on(void)
{
	const char *v = getenv("MISSIVE_PO_IO_TRACE");
	return v && *v && strcmp(v, "0") != 0;
}

bool
cat_read_fast(const char *data, size_t len, ms_catalog **out)
{
	reader r;
	bool ok = true;
	memset(&r, 0, sizeof r);
	for (int i = 0; i < F_COUNT; i++)
		ms_buf_init(&r.f[i], 0);
	ms_buf_init(&r.comments, 0);
	ms_buf_init(&r.extracted, 0);
	ms_buf_init(&r.flags, 0);
	r.c = cat_alloc();

	if (has_controls(data, len))
		ok = decline(&r, "a control character (CR, FF, VT...)");
	const char *p = data, *end = data + len;
	while (ok && p < end) {
		const char *le = memchr(p, '\n', (size_t)(end - p));
		if (!le)
			le = end;
		r.line++;
		if (le > p && le[-1] == '\\')
			ok = decline(&r, "a backslash at the end of a line");
		else
			ok = line(&r, p, le);
		p = le < end ? le + 1 : end;
	}
	if (ok) {
		if (r.st == ST_STR || r.st == ST_FORM) {
			if (!r.nstrings)
				ok = decline(&r, "msgstr without a string");
			else
				ok = finish_entry(&r);
		} else if (r.st != ST_NONE) {
			ok = decline(&r, "an entry cut short");
		}
	}

	pending_reset(&r);
	for (int i = 0; i < F_COUNT; i++)
		ms_buf_release(&r.f[i]);
	ms_buf_release(&r.comments);
	ms_buf_release(&r.extracted);
	ms_buf_release(&r.flags);
	if (trace_on()) {
		if (ok)
			fprintf(stderr, "po-read: fast\n");
		else
			fprintf(stderr, "po-read: declined: line %u: %s\n",
			        r.why_line, r.why);
	}
	if (!ok) {
		ms_catalog_free(r.c);
		return false;
	}
	*out = r.c;
	return true;
}
