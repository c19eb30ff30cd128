/* layout.c — address, date and signature lines from the patterns of a
 * language profile (layout.h). */
#include "internal.h"
#include "layout.h"

#include <string.h>

static const char *const field_names[MS_FIELD_COUNT] = {
	[MS_FIELD_NAME] = "name",
	[MS_FIELD_TITLE] = "title",
	[MS_FIELD_COURTESY] = "courtesy",
	[MS_FIELD_ORGANISATION] = "organisation",
	[MS_FIELD_PLACE] = "place",
	[MS_FIELD_DATE] = "date",
};

#define F(x) (1u << MS_FIELD_##x)

/* Each kind: its profile key, the fields it may name, and a field it
 * must name (MS_FIELD_TEXT: none). */
static const struct {
	const char *key;
	unsigned allowed;
	ms_field required;
} kinds[] = {
	[MS_PATTERN_ADDRESSEE] = { "layout.addressee",
		F(COURTESY) | F(NAME) | F(TITLE), MS_FIELD_TEXT },
	[MS_PATTERN_ADDRESSEE_OFFICE] = { "layout.addressee-office",
		F(COURTESY) | F(TITLE), MS_FIELD_TITLE },
	[MS_PATTERN_COPY] = { "layout.copy",
		F(COURTESY) | F(NAME) | F(TITLE), MS_FIELD_TEXT },
	[MS_PATTERN_COPY_OFFICE] = { "layout.copy-office",
		F(COURTESY) | F(TITLE), MS_FIELD_TITLE },
	[MS_PATTERN_PLACE_DATE] = { "layout.place-date",
		F(PLACE) | F(DATE), MS_FIELD_DATE },
	[MS_PATTERN_SIGNER] = { "layout.signer",
		F(NAME) | F(TITLE) | F(ORGANISATION), MS_FIELD_TEXT },
};

/* Append S to B with the pattern's special characters doubled. */
static void
put_escaped(ms_buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("{}[]", *s))
			ms_buf_putc(b, *s);
		ms_buf_putc(b, *s);
	}
}

/* The patterns a profile that does not set KIND implies, lines
 * separated by '\n'.  Addressees and copies follow the older keys
 * layout.name-after-title and layout.recipient-suffix: "{title} {name}
 * 귀하" on one line, or the name then the title on lines of their own. */
static const struct {
	const char *after;     /* with name-after-title; the suffix follows */
	const char *before;    /* without */
} implied_patterns[] = {
	[MS_PATTERN_ADDRESSEE] = { "[{courtesy} ]{title} {name}",
	                           "[{courtesy} ]{name}\n{title}" },
	[MS_PATTERN_ADDRESSEE_OFFICE] = { "[{courtesy} ]{title}",
	                                  "[{courtesy} ]{title}" },
	[MS_PATTERN_COPY] = { "[{courtesy} ]{title} {name}",
	                      "[{courtesy} ]{title} {name}" },
	[MS_PATTERN_COPY_OFFICE] = { "[{courtesy} ]{title}", "[{courtesy} ]{title}" },
	[MS_PATTERN_PLACE_DATE] = { NULL, "[{place}, ]{date}" },
	[MS_PATTERN_SIGNER] = { NULL, "{name}\n{title}\n{organisation}" },
};

/* The implied patterns of KIND for P into B, NUL-separated; their number. */
static size_t
implied(const ms_profile *p, ms_pattern_kind kind, ms_buf *b)
{
	bool after = p && ms_profile_bool(p, "layout.name-after-title", false)
	             && implied_patterns[kind].after;
	const char *suffix = p ? ms_profile_str(p, "layout.recipient-suffix") : NULL;
	size_t n = 1;

	ms_buf_reset(b);
	for (const char *c = after ? implied_patterns[kind].after
	                           : implied_patterns[kind].before; *c; c++) {
		n += *c == '\n';
		ms_buf_putc(b, *c == '\n' ? '\0' : *c);
	}
	if (after && suffix && *suffix) {
		ms_buf_putc(b, ' ');
		put_escaped(b, suffix);
	}
	return n;
}

size_t
ms_layout_patterns(const ms_profile *p, ms_pattern_kind kind,
                   const ms_pvalue **vals, const char **lines, size_t max,
                   ms_buf *store)
{
	size_t count = 0, n;
	const ms_pvalue *v = NULL;

	*vals = NULL;
	if ((size_t)kind >= MS_ARRAY_SIZE(kinds))
		return 0;
	if (p)
		v = ms_profile_list(p, kinds[kind].key, &count);
	if (v && count) {
		*vals = v;
		for (size_t i = 0; i < count && i < max; i++)
			lines[i] = v[i].text;
		return count < max ? count : max;
	}
	n = implied(p, kind, store);
	for (size_t i = 0, at = 0; i < n && i < max; i++) {
		lines[i] = store->ptr + at;
		at += strlen(store->ptr + at) + 1;
	}
	return n < max ? n : max;
}

/* ------------------------------------------------------------ parsing */

/* The pattern's tokens, one at a time. */
typedef enum tok { T_END, T_TEXT, T_FIELD, T_OPEN, T_CLOSE, T_BAD } tok;

typedef struct lexer {
	const char *s;
	const char *text;     /* T_TEXT: the text; T_FIELD: its name */
	size_t len;
	ms_field field;       /* T_FIELD: which (MS_FIELD_TEXT: unknown) */
	const char *why;      /* T_BAD */
	size_t at;            /* offset of the token in the pattern */
	const char *start;
} lexer;

static tok
lex(lexer *x)
{
	const char *s = x->s;
	x->at = (size_t)(s - x->start);
	if (!*s)
		return T_END;
	if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')
	    || (s[0] == '[' && s[1] == '[') || (s[0] == ']' && s[1] == ']')) {
		x->text = s;
		x->len = 1;
		x->s = s + 2;
		return T_TEXT;
	}
	if (*s == '[') {
		x->s = s + 1;
		return T_OPEN;
	}
	if (*s == ']') {
		x->s = s + 1;
		return T_CLOSE;
	}
	if (*s == '}') {
		x->why = N_("'}' closes no field (write '}}' for a brace)");
		return T_BAD;
	}
	if (*s == '{') {
		const char *e = strchr(s + 1, '}');
		if (!e || memchr(s + 1, '{', (size_t)(e - s - 1))) {
			x->why = N_("'{' opens a field that is not closed (write '{{' for a brace)");
			return T_BAD;
		}
		x->text = s + 1;
		x->len = (size_t)(e - s - 1);
		x->field = MS_FIELD_TEXT;
		for (int f = 1; f < MS_FIELD_COUNT; f++)
			if (strlen(field_names[f]) == x->len
			    && !memcmp(field_names[f], x->text, x->len))
				x->field = (ms_field)f;
		x->s = e + 1;
		return T_FIELD;
	}
	x->text = s;
	x->len = strcspn(s, "{}[]");
	x->s = s + x->len;
	return T_TEXT;
}

/* Check one pattern of KIND; report at V.  *SEEN gets a bit per field
 * it names. */
static bool
check_one(const ms_pvalue *v, ms_pattern_kind kind, unsigned *seen,
          ms_diag_handler *h)
{
	lexer x = { v->text, NULL, 0, MS_FIELD_TEXT, NULL, 0, v->text };
	bool open = false;
	const char *why = NULL;
	tok t;

	while (!why && (t = lex(&x)) != T_END) {
		switch (t) {
		case T_BAD:
			why = x.why;
			break;
		case T_OPEN:
			if (open)
				why = N_("brackets may not be nested");
			open = true;
			break;
		case T_CLOSE:
			if (!open)
				why = N_("']' closes no '[' (write ']]' for a bracket)");
			open = false;
			break;
		case T_FIELD:
			if (x.field == MS_FIELD_TEXT
			    || !(kinds[kind].allowed & (1u << x.field))) {
				ms_buf allowed = MS_BUF_INIT;
				for (int f = 1; f < MS_FIELD_COUNT; f++)
					if (kinds[kind].allowed & (1u << f))
						ms_buf_printf(&allowed, "%s{%s}",
						              allowed.len ? ", " : "",
						              field_names[f]);
				ms_diag_emit(h, MS_ERROR, NULL, v->file, v->line, v->column,
				             _("'%s': unknown field '{%.*s}' (this pattern may use %s)"),
				             kinds[kind].key, (int)x.len, x.text, allowed.ptr);
				ms_buf_release(&allowed);
				return false;
			}
			*seen |= 1u << x.field;
			break;
		default:
			break;
		}
	}
	if (!why && open)
		why = N_("'[' is not closed");
	if (why) {
		ms_diag_emit(h, MS_ERROR, NULL, v->file, v->line, v->column,
		             _("'%s': %s, at character %zu of \"%s\""),
		             kinds[kind].key, _(why), x.at + 1, v->text);
		return false;
	}
	return true;
}

ms_status
ms_layout_check(const ms_profile *p, ms_diag_handler *h)
{
	ms_status st = MS_OK;
	ms_buf store = MS_BUF_INIT;
	for (size_t k = 0; k < MS_ARRAY_SIZE(kinds); k++) {
		const ms_pvalue *v;
		const char *lines[MS_LAYOUT_MAX_LINES];
		size_t n = ms_layout_patterns(p, (ms_pattern_kind)k, &v, lines,
		                              MS_LAYOUT_MAX_LINES, &store);
		ms_field required = kinds[k].required;
		unsigned seen = 0;
		bool ok = true;
		if (!v)
			continue;   /* implied patterns are right by construction */
		for (size_t i = 0; i < n; i++)
			ok = check_one(&v[i], (ms_pattern_kind)k, &seen, h) && ok;
		if (ok && required != MS_FIELD_TEXT && !(seen & (1u << required))) {
			ms_diag_emit(h, MS_ERROR, NULL, v[0].file, v[0].line, v[0].column,
			             _("'%s' must contain the field '{%s}'"), kinds[k].key,
			             field_names[required]);
			ok = false;
		}
		if (!ok)
			st = MS_ERR_INVALID;
	}
	ms_buf_release(&store);
	return st;
}

/* ------------------------------------------------------------ expanding */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

size_t
ms_layout_expand(const char *pattern, unsigned have, ms_piece *out, size_t max)
{
	lexer x = { pattern, NULL, 0, MS_FIELD_TEXT, NULL, 0, pattern };
	size_t n = 0, group = 0, fields = 0;
	bool in_group = false, group_ok = true, dropped = false, named = false;
	tok t;

	while ((t = lex(&x)) != T_END) {
		ms_piece pc = { MS_FIELD_TEXT, NULL, 0 };
		switch (t) {
		case T_OPEN:
			in_group = true;
			group_ok = true;
			group = n;
			continue;
		case T_CLOSE:
			if (in_group && !group_ok)
				n = group;      /* a field in it has no value */
			in_group = false;
			continue;
		case T_BAD:
			/* refused by ms_layout_check: the rest as text */
			pc.text = x.s;
			pc.len = strlen(x.s);
			x.s += pc.len;
			break;
		case T_FIELD:
			named = true;
			if (x.field == MS_FIELD_TEXT || !(have & (1u << x.field))) {
				if (in_group)
					group_ok = false;
				else
					dropped = true;
				continue;
			}
			pc.field = x.field;
			pc.text = x.text;
			pc.len = x.len;
			break;
		default:
			pc.text = x.text;
			pc.len = x.len;
			break;
		}
		if (pc.field == MS_FIELD_TEXT) {
			/* no blanks at the start of the line; where a field was
			 * left out, one run of blanks, not two */
			bool trim = n == 0 || (dropped && out[n - 1].field == MS_FIELD_TEXT
			                       && out[n - 1].len
			                       && is_blank(out[n - 1].text[out[n - 1].len - 1]));
			while (trim && pc.len && is_blank(*pc.text)) {
				pc.text++;
				pc.len--;
			}
			if (!pc.len)
				continue;
		} else {
			fields++;
			dropped = false;
		}
		if (n < max)
			out[n++] = pc;
	}
	if (in_group && !group_ok)
		n = group;
	/* no blanks at the end of the line */
	while (n > 0 && out[n - 1].field == MS_FIELD_TEXT) {
		while (out[n - 1].len && is_blank(out[n - 1].text[out[n - 1].len - 1]))
			out[n - 1].len--;
		if (out[n - 1].len)
			break;
		n--;
	}
	/* a line whose fields all lack a value says nothing */
	if (named) {
		fields = 0;
		for (size_t i = 0; i < n; i++)
			fields += out[i].field != MS_FIELD_TEXT;
		if (!fields)
			return 0;
	}
	return n;
}

const char *
ms_layout_courtesy(const ms_profile *p, const char *cls, const char *gender)
{
	ms_buf key = MS_BUF_INIT;
	const char *s;

	if (!p || !cls || !*cls)
		return NULL;
	ms_buf_printf(&key, "layout.courtesy.%s", cls);
	s = ms_profile_str(p, key.ptr);
	if (!s && gender) {
		ms_buf_reset(&key);
		ms_buf_printf(&key, "layout.courtesy.%s.%s", cls, gender);
		s = ms_profile_str(p, key.ptr);
	}
	if (!s) {
		ms_buf_reset(&key);
		ms_buf_printf(&key, "layout.courtesy.%s.default", cls);
		s = ms_profile_str(p, key.ptr);
	}
	ms_buf_release(&key);
	return s && *s ? s : NULL;
}

/* ------------------------------------------------------------ lines */

/* True when T shows something (its source has a character that is not
 * a blank). */
static bool
has_text(const ms_text *t)
{
	for (const char *s = t->src; s && *s; s++)
		if (!is_blank(*s) && *s != '\n' && *s != '\r')
			return true;
	return false;
}

/* Lay out the patterns of KIND with the fields HAVE, COURTESY standing
 * for {courtesy}. */
static void
lay_out(ms_layout *out, const ms_profile *p, ms_pattern_kind kind,
        unsigned have, const char *courtesy)
{
	const ms_pvalue *v;
	const char *lines[MS_LAYOUT_MAX_LINES];
	size_t n;

	memset(out->lines, 0, sizeof out->lines);
	out->n = 0;
	ms_buf_init(&out->store, 0);
	n = ms_layout_patterns(p, kind, &v, lines, MS_LAYOUT_MAX_LINES, &out->store);
	for (size_t i = 0; i < n; i++) {
		ms_layout_line *l = &out->lines[out->n];
		l->n = ms_layout_expand(lines[i], have, l->pieces, MS_LAYOUT_MAX_PIECES);
		for (size_t k = 0; k < l->n; k++)
			if (l->pieces[k].field == MS_FIELD_COURTESY) {
				l->pieces[k].text = courtesy;
				l->pieces[k].len = strlen(courtesy);
			}
		if (l->n)
			out->n++;
	}
}

void
ms_layout_recipient(ms_layout *out, const ms_profile *p,
                    const ms_recipient *r, bool copy)
{
	bool office = !has_text(&r->name);
	const char *courtesy = ms_layout_courtesy(p, r->courtesy, r->gender);
	unsigned have = (has_text(&r->name) ? F(NAME) : 0)
	                | (has_text(&r->title) ? F(TITLE) : 0)
	                | (courtesy ? F(COURTESY) : 0);
	lay_out(out, p, office ? (copy ? MS_PATTERN_COPY_OFFICE
	                               : MS_PATTERN_ADDRESSEE_OFFICE)
	                       : (copy ? MS_PATTERN_COPY : MS_PATTERN_ADDRESSEE),
	        have, courtesy ? courtesy : "");
	if (copy && out->n > 1)
		out->n = 1;     /* a copy is one line */
}

void
ms_layout_signer(ms_layout *out, const ms_profile *p, const ms_signer *g)
{
	unsigned have = (has_text(&g->name) ? F(NAME) : 0)
	                | (has_text(&g->title) ? F(TITLE) : 0)
	                | (has_text(&g->organisation) ? F(ORGANISATION) : 0);
	lay_out(out, p, MS_PATTERN_SIGNER, have, "");
}

void
ms_layout_place_date(ms_layout *out, const ms_profile *p, bool have_place)
{
	lay_out(out, p, MS_PATTERN_PLACE_DATE,
	        F(DATE) | (have_place ? F(PLACE) : 0), "");
	if (out->n > 1)
		out->n = 1;
}

void
ms_layout_release(ms_layout *out)
{
	ms_buf_release(&out->store);
	out->n = 0;
}

bool
ms_layout_organisation_shown(const ms_recipient *r)
{
	ms_buf org = MS_BUF_INIT, title = MS_BUF_INIT;
	const char *o;
	size_t n;
	bool shown;

	if (r->organisation.inlines)
		ms_inline_plain(r->organisation.inlines, &org);
	else if (r->organisation.src)
		ms_buf_puts(&org, r->organisation.src);
	if (r->title.inlines)
		ms_inline_plain(r->title.inlines, &title);
	else if (r->title.src)
		ms_buf_puts(&title, r->title.src);
	o = org.ptr;
	while (is_blank(*o))
		o++;
	n = strlen(o);
	while (n && is_blank(o[n - 1]))
		n--;
	shown = n > 0;
	if (shown && title.len >= n) {
		for (const char *t = title.ptr; *t && shown; t++)
			shown = strncmp(t, o, n) != 0;
	}
	ms_buf_release(&org);
	ms_buf_release(&title);
	return shown;
}
