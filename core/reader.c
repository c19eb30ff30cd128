/* reader.c — a letter file in, an ms_letter out.
 *
 * A letter is a "---" line, YAML front matter, a "---" line and a
 * CommonMark body (doc/letter-format.md).  The work goes in four steps:
 *
 *   1. the whole file is checked for valid UTF-8 and split at the two
 *      delimiter lines, and a table of line starts is built so that any
 *      byte offset can be turned into a line and a column (in characters);
 *   2. the front matter becomes a tree through yamltree.c, the YAML
 *      policy every missive file shares (anchors, aliases, tags and
 *      duplicate keys are refused there);
 *   3. the tree is checked against the schema and turned into the model,
 *      each string value parsed as inline Markdown;
 *   4. cmark parses the body and its tree is mapped onto ms_block and
 *      ms_inline, inline HTML such as <sup>…</sup> becoming containers.
 *
 * Schema errors do not stop the reading, so that one run reports them
 * all; the status returned is that of the first error.
 */
#include "internal.h"

#include "linemap.h"
#include "reader.h"
#include "yamltree.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Deeper nesting than this in the front matter or the body is refused
 * (the conversion is recursive). */
#define MAX_DEPTH 64

/* ------------------------------------------------------------- reader */

/* What a project adds to reading a letter (ms_reader_read_letter). */
typedef struct reader_opts {
	const ms_sender *letterhead;  /* the project's, or NULL */
	int annex_over;               /* signatory-annex threshold */
} reader_opts;

/* A signatory list of more names than this goes in an annex, unless the
 * project or the letter says otherwise. */
#define ANNEX_OVER_DEFAULT 30

typedef struct reader {
	const char *name;       /* for diagnostics */
	char *base_dir;         /* the letter's folder: images are relative to it */
	const reader_opts *opts;
	ms_block *footnotes;    /* footnote definitions met so far */
	ms_block **fn_tail;
	int nfootnotes;
	const char *data;       /* the whole file */
	size_t len;
	ms_linemap map;         /* byte offsets to lines and columns */
	size_t fm_off, fm_len;  /* the front matter, between the delimiters */
	size_t body_off;        /* the body: from here to the end */
	unsigned body_line;     /* file line of the body's first line */
	unsigned close_line;    /* file line of the closing "---" */
	ms_diag_handler *h;
	ms_status status;       /* of the first error; MS_OK while none */
} reader;

static void rd_error(reader *rd, ms_status st, ms_pos pos, const char *fmt, ...)
	MS_PRINTF(4, 5);

static void
rd_error(reader *rd, ms_status st, ms_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(rd->h, MS_ERROR, NULL, rd->name, pos.line, pos.column,
	              fmt, ap);
	va_end(ap);
	if (rd->status == MS_OK)
		rd->status = st;
}

static ms_pos
mkpos(unsigned line, unsigned column)
{
	ms_pos p;
	p.line = line;
	p.column = column;
	return p;
}

/* The 1-based line and column (in characters) of byte offset OFF. */
static ms_pos
pos_at(reader *rd, size_t off)
{
	return ms_linemap_pos(&rd->map, off);
}

/* ------------------------------------------------------- inline Markdown */

/* Inline HTML tags that become containers (or breaks). */
typedef enum tag_kind {
	TAG_OTHER = 0,
	TAG_SUP,
	TAG_SUB,
	TAG_UNDERLINE,
	TAG_EMPH,
	TAG_STRONG,
	TAG_LINK,
	TAG_BREAK,
	TAG_KINDS
} tag_kind;

typedef struct html_tag {
	tag_kind kind;
	bool closing;
	bool self_closing;
	char *href;     /* <a>: entity-decoded; freshly allocated or NULL */
	char *title;
} html_tag;

static const struct {
	const char *name;
	tag_kind kind;
} tag_names[] = {
	{ "sup", TAG_SUP }, { "sub", TAG_SUB }, { "u", TAG_UNDERLINE },
	{ "ins", TAG_UNDERLINE }, { "em", TAG_EMPH }, { "i", TAG_EMPH },
	{ "strong", TAG_STRONG }, { "b", TAG_STRONG }, { "a", TAG_LINK },
	{ "br", TAG_BREAK },
};

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* a–f, A–F: the letters of a hexadecimal number. */
static bool
is_xletter(int c)
{
	return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool
name_eq(const char *s, size_t n, const char *name)
{
	size_t i;
	for (i = 0; i < n && name[i]; i++)
		if (lower((unsigned char)s[i]) != name[i])
			return false;
	return i == n && name[i] == '\0';
}

static void
put_codepoint(ms_buf *b, unsigned long cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		ms_buf_putc(b, (int)cp);
	} else if (cp < 0x800) {
		ms_buf_putc(b, (int)(0xC0 | (cp >> 6)));
		ms_buf_putc(b, (int)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		ms_buf_putc(b, (int)(0xE0 | (cp >> 12)));
		ms_buf_putc(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
		ms_buf_putc(b, (int)(0x80 | (cp & 0x3F)));
	} else {
		ms_buf_putc(b, (int)(0xF0 | (cp >> 18)));
		ms_buf_putc(b, (int)(0x80 | ((cp >> 12) & 0x3F)));
		ms_buf_putc(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
		ms_buf_putc(b, (int)(0x80 | (cp & 0x3F)));
	}
}

/* Decode the character references an attribute value may hold: the five
 * XML entities and numeric ones.  Anything else is kept as written.
 * Freshly allocated. */
static char *
entity_decode(const char *s, size_t n)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' },
	};
	ms_buf b = MS_BUF_INIT;
	size_t i = 0;
	while (i < n) {
		size_t k;
		if (s[i] != '&') {
			ms_buf_putc(&b, s[i++]);
			continue;
		}
		for (k = 0; k < MS_ARRAY_SIZE(named); k++) {
			size_t nl = strlen(named[k].name);
			if (n - i - 1 >= nl && memcmp(s + i + 1, named[k].name, nl) == 0) {
				ms_buf_putc(&b, named[k].c);
				i += 1 + nl;
				break;
			}
		}
		if (k < MS_ARRAY_SIZE(named))
			continue;
		if (i + 2 < n && s[i + 1] == '#') {
			bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
			size_t j = i + (hex ? 3 : 2), start = j;
			unsigned long cp = 0;
			while (j < n && j - start < 7
			       && (is_digit((unsigned char)s[j])
			           || (hex && is_xletter((unsigned char)s[j])))) {
				int c = (unsigned char)s[j];
				int d = is_digit(c) ? c - '0' : lower(c) - 'a' + 10;
				cp = cp * (hex ? 16 : 10) + (unsigned long)d;
				j++;
			}
			if (j > start && j < n && s[j] == ';') {
				put_codepoint(&b, cp);
				i = j + 1;
				continue;
			}
		}
		ms_buf_putc(&b, s[i++]);
	}
	return ms_buf_detach(&b, NULL);
}

/* Recognise one inline HTML tag.  S is cmark's literal for an
 * html_inline node. */
static html_tag
classify_tag(const char *s)
{
	html_tag t = { TAG_OTHER, false, false, NULL, NULL };
	size_t i = 1, name_start, name_len;
	tag_kind kind = TAG_OTHER;

	if (s[0] != '<')
		return t;
	if (s[i] == '/') {
		t.closing = true;
		i++;
	}
	name_start = i;
	if (!is_alpha((unsigned char)s[i]))
		return t;
	while (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i])
	       || s[i] == '-')
		i++;
	name_len = i - name_start;
	for (size_t k = 0; k < MS_ARRAY_SIZE(tag_names); k++)
		if (name_eq(s + name_start, name_len, tag_names[k].name))
			kind = tag_names[k].kind;
	if (kind == TAG_OTHER)
		return t;

	/* Attributes: name, optionally = and a value.  cmark has checked
	 * the syntax already; only href and title of <a> are kept. */
	for (;;) {
		size_t an, al, vs = 0, vl = 0;
		bool has_value = false;
		while (is_space((unsigned char)s[i]))
			i++;
		if (s[i] == '>' || s[i] == '\0')
			break;
		if (s[i] == '/' && s[i + 1] == '>') {
			t.self_closing = true;
			break;
		}
		an = i;
		while (s[i] && !is_space((unsigned char)s[i]) && s[i] != '='
		       && s[i] != '>' && s[i] != '/')
			i++;
		al = i - an;
		if (al == 0) {
			i++;    /* a stray character: step over it */
			continue;
		}
		while (is_space((unsigned char)s[i]))
			i++;
		if (s[i] == '=') {
			i++;
			while (is_space((unsigned char)s[i]))
				i++;
			has_value = true;
			if (s[i] == '"' || s[i] == '\'') {
				char q = s[i++];
				vs = i;
				while (s[i] && s[i] != q)
					i++;
				vl = i - vs;
				if (s[i])
					i++;
			} else {
				vs = i;
				while (s[i] && !is_space((unsigned char)s[i])
				       && s[i] != '>')
					i++;
				vl = i - vs;
			}
		}
		if (kind == TAG_LINK && has_value && !t.closing) {
			char **slot = name_eq(s + an, al, "href") ? &t.href
			            : name_eq(s + an, al, "title") ? &t.title : NULL;
			if (slot) {
				free(*slot);
				*slot = entity_decode(s + vs, vl);
			}
		}
	}
	t.kind = kind;
	/* An anchor without a link target stays verbatim HTML. */
	if (kind == TAG_LINK && !t.closing && !t.href)
		t.kind = TAG_OTHER;
	return t;
}

static void
tag_release(html_tag *t)
{
	MS_FREE(t->href);
	MS_FREE(t->title);
}

/* How inlines are converted: for the body, for a front-matter value in
 * the reader, or for ms_reader_parse_inline (RD NULL: no diagnostics). */
typedef struct inline_ctx {
	reader *rd;          /* NULL: degrade quietly instead of reporting */
	bool in_body;        /* cmark positions are body lines */
	ms_pos pos;          /* fallback position (the value's start) */
	bool strip_guard;    /* remove the '\f' guards of parse_value */
	int links;           /* links open around the nodes converted now */
} inline_ctx;

static ms_pos
body_pos(reader *rd, cmark_node *n)
{
	int line = cmark_node_get_start_line(n);
	int col = cmark_node_get_start_column(n);
	size_t fline, off;
	if (line <= 0)
		return mkpos(0, 0);
	fline = (size_t)line + rd->body_line - 1;   /* 1-based file line */
	if (fline > rd->map.nlines)
		return mkpos((unsigned)fline, (unsigned)(col > 0 ? col : 1));
	off = rd->map.lines[fline - 1] + (size_t)(col > 0 ? col - 1 : 0);
	return pos_at(rd, off);
}

static ms_pos
ctx_pos(const inline_ctx *c, cmark_node *n)
{
	if (c->in_body && c->rd) {
		ms_pos p = body_pos(c->rd, n);
		if (p.line)
			return p;
	}
	return c->pos;
}

static char *
guarded_dup(const inline_ctx *c, const char *s)
{
	char *d = ms_utf8_nfc(s ? s : "", s ? strlen(s) : 0);
	if (c->strip_guard) {
		char *w = d;
		for (const char *r = d; *r; r++)
			if (*r != '\f')
				*w++ = *r;
		*w = '\0';
	}
	return d;
}

/* Merge neighbouring text nodes and drop empty ones. */
static ms_inline *
tidy_inlines(ms_inline *list)
{
	ms_inline **pp = &list;
	while (*pp) {
		ms_inline *in = *pp;
		if (in->type == MS_INLINE_TEXT && (!in->text || !in->text[0])) {
			*pp = in->next;
			in->next = NULL;
			ms_inline_free(in);
			continue;
		}
		if (in->type == MS_INLINE_TEXT && in->next
		    && in->next->type == MS_INLINE_TEXT) {
			ms_inline *nx = in->next;
			size_t a = strlen(in->text), b = strlen(nx->text ? nx->text : "");
			in->text = ms_xrealloc(in->text, a + b + 1);
			memcpy(in->text + a, nx->text ? nx->text : "", b + 1);
			in->next = nx->next;
			nx->next = NULL;
			ms_inline_free(nx);
			continue;
		}
		pp = &in->next;
	}
	return list;
}

static ms_inline *
text_inline(char *text)
{
	ms_inline *in = ms_inline_new(MS_INLINE_TEXT);
	in->text = text;
	return in;
}

/* Plain text of a cmark subtree (used past the nesting limit). */
static void
cmark_plain(cmark_node *n, ms_buf *out)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *x = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(x)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			ms_buf_puts(out, cmark_node_get_literal(x));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			ms_buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static ms_inline *convert_inlines(inline_ctx *c, cmark_node *first, int depth);

/* The nodes of cmark-gfm's extensions have no type constants in its
 * installed headers: they are known by their names. */
static bool
node_is(cmark_node *n, const char *name)
{
	const char *t = cmark_node_get_type_string(n);
	return t && strcmp(t, name) == 0;
}

typedef struct sibling {
	cmark_node *node;
	html_tag tag;        /* for html_inline nodes */
	size_t match;        /* opening tag: index of its closing tag, or SIZE_MAX */
} sibling;

static ms_inline *
convert_range(inline_ctx *c, sibling *v, size_t lo, size_t hi, int depth)
{
	ms_inline *head = NULL, **tail = &head;
	size_t i = lo;
	while (i < hi) {
		cmark_node *n = v[i].node;
		ms_inline *in = NULL;
		size_t after = i + 1;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			in = text_inline(guarded_dup(c, cmark_node_get_literal(n)));
			break;
		case CMARK_NODE_CODE:
			in = ms_inline_new(MS_INLINE_CODE);
			in->text = guarded_dup(c, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			in = ms_inline_new(MS_INLINE_SOFTBREAK);
			break;
		case CMARK_NODE_LINEBREAK:
			in = ms_inline_new(MS_INLINE_LINEBREAK);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
		case CMARK_NODE_LINK:
			if (depth >= MAX_DEPTH) {
				ms_buf b = MS_BUF_INIT;
				cmark_plain(n, &b);
				in = text_inline(guarded_dup(c, b.ptr));
				ms_buf_release(&b);
				break;
			}
			if (cmark_node_get_type(n) == CMARK_NODE_LINK && c->links) {
				/* a link inside a link: its text only */
				in = convert_inlines(c, cmark_node_first_child(n),
				                     depth + 1);
				break;
			}
			in = ms_inline_new(cmark_node_get_type(n) == CMARK_NODE_EMPH
			                   ? MS_INLINE_EMPH
			                   : cmark_node_get_type(n) == CMARK_NODE_STRONG
			                   ? MS_INLINE_STRONG : MS_INLINE_LINK);
			if (in->type == MS_INLINE_LINK) {
				const char *title = cmark_node_get_title(n);
				in->url = guarded_dup(c, cmark_node_get_url(n));
				if (title && title[0])
					in->title = guarded_dup(c, title);
				c->links++;
			}
			in->children = convert_inlines(c, cmark_node_first_child(n),
			                               depth + 1);
			if (in->type == MS_INLINE_LINK)
				c->links--;
			break;
		case CMARK_NODE_IMAGE:
			if (c->rd) {
				rd_error(c->rd, MS_ERR_INVALID, ctx_pos(c, n),
				         _("images are not supported in letters"));
			} else if (depth < MAX_DEPTH) {
				/* Quietly keep the description. */
				in = convert_inlines(c, cmark_node_first_child(n),
				                     depth + 1);
			}
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE: {
			/* cmark-gfm numbers references by the definition's
			 * place among the definitions, from 1 */
			const char *lit = cmark_node_get_literal(n);
			long num = lit ? strtol(lit, NULL, 10) : 0;
			if (num >= 1 && num <= 1000000) {
				in = ms_inline_new(MS_INLINE_FOOTNOTE);
				in->number = (int)num;
			}
			break;
		}
		case CMARK_NODE_HTML_INLINE: {
			html_tag *t = &v[i].tag;
			if (t->kind == TAG_BREAK && !t->closing) {
				in = ms_inline_new(MS_INLINE_LINEBREAK);
			} else if (t->kind != TAG_OTHER && !t->closing
			           && v[i].match != SIZE_MAX && depth < MAX_DEPTH) {
				static const ms_inline_type types[TAG_KINDS] = {
					[TAG_SUP] = MS_INLINE_SUP,
					[TAG_SUB] = MS_INLINE_SUB,
					[TAG_UNDERLINE] = MS_INLINE_UNDERLINE,
					[TAG_EMPH] = MS_INLINE_EMPH,
					[TAG_STRONG] = MS_INLINE_STRONG,
					[TAG_LINK] = MS_INLINE_LINK,
				};
				after = v[i].match + 1;
				if (t->kind == TAG_LINK && c->links) {
					/* a link inside a link: its text only */
					in = convert_range(c, v, i + 1, v[i].match,
					                   depth + 1);
					break;
				}
				in = ms_inline_new(types[t->kind]);
				if (t->kind == TAG_LINK) {
					in->url = t->href;
					in->title = t->title;
					t->href = t->title = NULL;
					c->links++;
				}
				in->children = convert_range(c, v, i + 1, v[i].match,
				                             depth + 1);
				if (t->kind == TAG_LINK)
					c->links--;
			} else {
				in = ms_inline_new(MS_INLINE_HTML);
				in->text = guarded_dup(c, cmark_node_get_literal(n));
			}
			break;
		}
		default:
			if (node_is(n, "strikethrough")) {
				if (depth >= MAX_DEPTH) {
					ms_buf b = MS_BUF_INIT;
					cmark_plain(n, &b);
					in = text_inline(guarded_dup(c, b.ptr));
					ms_buf_release(&b);
					break;
				}
				in = ms_inline_new(MS_INLINE_STRIKE);
				in->children = convert_inlines(c, cmark_node_first_child(n),
				                               depth + 1);
			}
			/* Custom inlines never come out of the parser. */
			break;
		}
		if (in) {
			*tail = in;
			while (*tail)
				tail = &(*tail)->next;
		}
		i = after;
	}
	return tidy_inlines(head);
}

/* Convert the inline siblings starting at FIRST.  Opening and closing
 * HTML tags among them are paired first (a stack, as an HTML parser
 * would; a closing tag with no open partner, and tags left open, stay
 * verbatim), then each pair becomes a container. */
static ms_inline *
convert_inlines(inline_ctx *c, cmark_node *first, int depth)
{
	size_t n = 0, top = 0, open_count[TAG_KINDS] = { 0 };
	sibling *v;
	size_t *stack;
	ms_inline *out;

	for (cmark_node *x = first; x; x = cmark_node_next(x))
		n++;
	if (n == 0)
		return NULL;
	v = ms_xcalloc(n, sizeof *v);
	stack = ms_xmalloc(n * sizeof *stack);
	n = 0;
	for (cmark_node *x = first; x; x = cmark_node_next(x), n++) {
		sibling *s = &v[n];
		s->node = x;
		s->match = SIZE_MAX;
		if (cmark_node_get_type(x) != CMARK_NODE_HTML_INLINE)
			continue;
		s->tag = classify_tag(cmark_node_get_literal(x));
		if (s->tag.kind == TAG_OTHER || s->tag.kind == TAG_BREAK
		    || s->tag.self_closing)
			continue;
		if (!s->tag.closing) {
			stack[top++] = n;
			open_count[s->tag.kind]++;
			continue;
		}
		if (open_count[s->tag.kind] == 0)
			continue;
		/* Pop to the nearest open tag of this kind; tags opened
		 * after it are left unpaired. */
		while (top > 0) {
			size_t o = stack[--top];
			open_count[v[o].tag.kind]--;
			if (v[o].tag.kind == s->tag.kind) {
				v[o].match = n;
				break;
			}
		}
	}
	out = convert_range(c, v, 0, n, depth);
	for (size_t i = 0; i < n; i++)
		tag_release(&v[i].tag);
	free(stack);
	free(v);
	return out;
}

/* An inline list being built from parts that a line break separates. */
typedef struct part_list {
	ms_inline *head;
	ms_inline **tail;
} part_list;

static void
append_part(part_list *pl, ms_inline *part)
{
	if (!part)
		return;
	if (pl->head) {
		*pl->tail = ms_inline_new(MS_INLINE_LINEBREAK);
		pl->tail = &(*pl->tail)->next;
	}
	*pl->tail = part;
	while (*pl->tail)
		pl->tail = &(*pl->tail)->next;
}

/* The inlines of the blocks from FIRST on, in order, one part per leaf
 * block (paragraphs that blank lines separated are joined with a line
 * break).  Blocks other than paragraphs cannot come out of guarded text
 * but are flattened all the same. */
static void
flatten_blocks(inline_ctx *c, cmark_node *first, part_list *pl, int depth)
{
	for (cmark_node *n = first; n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			append_part(pl, convert_inlines(c, cmark_node_first_child(n), 0));
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK: {
			char *t = guarded_dup(c, cmark_node_get_literal(n));
			size_t l = strlen(t);
			while (l > 0 && t[l - 1] == '\n')
				t[--l] = '\0';
			append_part(pl, tidy_inlines(text_inline(t)));
			break;
		}
		default:
			if (depth < MAX_DEPTH)
				flatten_blocks(c, cmark_node_first_child(n), pl,
				               depth + 1);
			break;
		}
	}
}

/* Whether a line (leading blanks already skipped) could open a block
 * other than a paragraph, or a link reference definition.  Such a line
 * gets a form feed in front: it is not a block marker to cmark, counts
 * as white space for emphasis, and is removed again afterwards. */
static bool
needs_guard(const char *s, size_t n)
{
	char c = n ? s[0] : '\0';
	switch (c) {
	case '#': case '>': case '+': case '-': case '=': case '~':
	case '<': case '[': case '`':
		return true;
	case '*': case '_': {
		/* "* item", or a thematic break such as "***" or "_ _ _";
		 * "*word*" and "_word_" need the emphasis left alone. */
		size_t marks = 0;
		if (c == '*' && (n == 1 || s[1] == ' ' || s[1] == '\t'))
			return true;
		for (size_t i = 0; i < n; i++) {
			if (s[i] == c)
				marks++;
			else if (s[i] != ' ' && s[i] != '\t')
				return false;
		}
		return marks >= 3;
	}
	default:
		return is_digit((unsigned char)c);
	}
}

/* Parse SRC as inline Markdown, as one paragraph whatever it looks like. */
static ms_inline *
parse_value(inline_ctx *c, const char *src, size_t len)
{
	ms_buf text = MS_BUF_INIT;
	size_t i = 0;
	cmark_node *doc;
	part_list pl = { NULL, &pl.head };

	if (!src || len == 0)
		return NULL;
	/* Line by line: leading blanks dropped (cmark drops them inside a
	 * paragraph anyway, and they would make indented code), a guard in
	 * front of a line that could open a block. */
	while (i < len) {
		size_t e = i, s;
		while (e < len && src[e] != '\n' && src[e] != '\r')
			e++;
		s = i;
		while (s < e && (src[s] == ' ' || src[s] == '\t'))
			s++;
		if (s < e && needs_guard(src + s, e - s))
			ms_buf_putc(&text, '\f');
		for (size_t k = s; k < e; k++)
			/* A form feed of its own would be taken for a guard. */
			ms_buf_putc(&text, src[k] == '\f' || src[k] == '\0' ? ' ' : src[k]);
		if (e < len) {
			ms_buf_putc(&text, '\n');
			e += src[e] == '\r' && e + 1 < len && src[e + 1] == '\n' ? 2 : 1;
		}
		i = e;
	}
	c->strip_guard = true;
	doc = cmark_parse_document(text.ptr, text.len, CMARK_OPT_DEFAULT);
	flatten_blocks(c, cmark_node_first_child(doc), &pl, 0);
	cmark_node_free(doc);
	ms_buf_release(&text);
	return tidy_inlines(pl.head);
}

ms_inline *
ms_reader_parse_inline(const char *src, size_t len)
{
	inline_ctx c = { NULL, false, { 0, 0 }, false, 0 };
	return parse_value(&c, src, len);
}

/* ------------------------------------------------------- schema */

static bool
is_blank(const char *s)
{
	for (; *s; s++)
		if (!is_space((unsigned char)*s))
			return false;
	return true;
}

static void
text_from(reader *rd, const ms_ynode *n, ms_text *t)
{
	inline_ctx c = { rd, false, n->vpos, false, 0 };
	t->pos = n->vpos;
	ms_text_set(t, n->str, parse_value(&c, n->str, n->len));
}

/* Read the string KEY of MAP into T.  A missing, empty or null value is
 * an error when REQUIRED and leaves T alone otherwise. */
static void
get_text(reader *rd, const ms_ynode *map, const char *key, bool required,
         ms_text *t)
{
	ms_ynode *v = ms_ynode_get(map, key);
	if (!v || ms_ynode_is_null(v) || (v->type == MS_YSCALAR && is_blank(v->str))) {
		if (!required)
			return;
		if (v)
			rd_error(rd, MS_ERR_INVALID, ms_ynode_key(map, key)->pos,
			         _("'%s' must not be empty"), key);
		else
			rd_error(rd, MS_ERR_INVALID, map->pos,
			         _("missing required key '%s'"), key);
		return;
	}
	if (v->type != MS_YSCALAR) {
		rd_error(rd, MS_ERR_INVALID, v->pos,
		         _("'%s' must be a single value, not %s"), key, ms_ynode_kind_name(v));
		return;
	}
	text_from(rd, v, t);
}

/* A string or a list of strings (address, fax, e-mail). */
static ms_line *
get_lines(reader *rd, const ms_ynode *map, const char *key)
{
	ms_ynode *v = ms_ynode_get(map, key), *item;
	ms_line *head = NULL, **tail = &head;
	if (!v || ms_ynode_is_null(v))
		return NULL;
	if (v->type == MS_YMAP) {
		rd_error(rd, MS_ERR_INVALID, v->pos,
		         _("'%s' must be a single value or a list, not a mapping"),
		         key);
		return NULL;
	}
	item = v->type == MS_YSCALAR ? v : v->kids;
	for (; item; item = v->type == MS_YSCALAR ? NULL : item->next) {
		ms_line *l;
		if (item->type != MS_YSCALAR || ms_ynode_is_null(item)) {
			rd_error(rd, MS_ERR_INVALID, item->pos,
			         _("each entry of '%s' must be a single value"), key);
			continue;
		}
		if (is_blank(item->str))
			continue;
		l = ms_xcalloc(1, sizeof *l);
		text_from(rd, item, &l->text);
		*tail = l;
		tail = &l->next;
	}
	return head;
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Parse "YYYY-MM-DD" into D when it names a real day. */
static bool
parse_date(const char *s, ms_date *d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, dd, max;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit((unsigned char)s[i]))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || dd < 1)
		return false;
	max = days[m - 1] + (m == 2 && is_leap(y));
	if (dd > max)
		return false;
	d->year = y;
	d->month = m;
	d->day = dd;
	return true;
}

static void
get_date(reader *rd, const ms_ynode *map, const char *key, bool required,
         ms_date *d, ms_pos *pos)
{
	ms_ynode *v = ms_ynode_get(map, key);
	if (!v || ms_ynode_is_null(v)) {
		if (required && v)
			rd_error(rd, MS_ERR_INVALID, ms_ynode_key(map, key)->pos,
			         _("'%s' must not be empty"), key);
		else if (required)
			rd_error(rd, MS_ERR_INVALID, map->pos,
			         _("missing required key '%s'"), key);
		return;
	}
	if (v->type != MS_YSCALAR) {
		rd_error(rd, MS_ERR_INVALID, v->pos,
		         _("'%s' must be a date (YYYY-MM-DD), not %s"), key,
		         ms_ynode_kind_name(v));
		return;
	}
	if (!parse_date(v->str, d)) {
		rd_error(rd, MS_ERR_INVALID, v->vpos,
		         _("'%s' is not a valid date (YYYY-MM-DD): '%s'"), key, v->str);
		return;
	}
	if (pos)
		*pos = v->vpos;
}

/* A BCP 47 tag in outline: a 2–3 or 5–8 letter language, then subtags
 * of 1–8 letters or digits. */
static bool
lang_tag_valid(const char *s)
{
	size_t i = 0, n;
	while (is_alpha((unsigned char)s[i]))
		i++;
	if (!((i >= 2 && i <= 3) || (i >= 5 && i <= 8)))
		return false;
	while (s[i] == '-') {
		n = 0;
		i++;
		while (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i]))
			i++, n++;
		if (n < 1 || n > 8)
			return false;
	}
	return s[i] == '\0';
}

static const ms_ynode *get_word(reader *rd, const ms_ynode *map,
                                const char *key);

static const char *const recipient_keys[] = {
	"name", "role", "title", "organisation", "address", "fax", "email",
	"courtesy", "gender", NULL
};

/* True when a value has something in it (not absent, null or blank). */
static bool
has_value(const ms_ynode *v)
{
	return v && !ms_ynode_is_null(v)
	       && (v->type != MS_YSCALAR || !is_blank(v->str));
}

/* A lowercase word ("excellency"): letters, digits and inner hyphens. */
static bool
is_word(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || is_digit((unsigned char)*s)
		      || (*s == '-' && s[1] && s[1] != '-')))
			return false;
	return true;
}

/* Who a recipient is: a person (name, with the title of their office),
 * or an office addressed without a personal name ('role', or a 'title'
 * with no 'name'), and the form of address it is owed. */
static void
get_addressee(reader *rd, const ms_ynode *item, ms_recipient *r)
{
	const ms_ynode *name = ms_ynode_get(item, "name");
	const ms_ynode *role = ms_ynode_get(item, "role");
	const ms_ynode *title = ms_ynode_get(item, "title");
	const ms_ynode *v;

	if (has_value(role)) {
		if (has_value(name))
			rd_error(rd, MS_ERR_INVALID, ms_ynode_key(item, "role")->pos,
			         _("a recipient has a 'name' or a 'role', not both: 'role' is an office addressed without a personal name (give a named recipient's office as 'title')"));
		else if (has_value(title))
			rd_error(rd, MS_ERR_INVALID, ms_ynode_key(item, "role")->pos,
			         _("a recipient has a 'role' or a 'title', not both: 'role' is the title of an office addressed without a personal name"));
		else
			get_text(rd, item, "role", true, &r->title);
	} else if (!has_value(name) && !has_value(title)) {
		/* an empty name is the old message's case */
		if (name)
			rd_error(rd, MS_ERR_INVALID, ms_ynode_key(item, "name")->pos,
			         _("'%s' must not be empty"), "name");
		else
			rd_error(rd, MS_ERR_INVALID, item->pos,
			         _("missing required key 'name' (or 'role', for an office addressed without a personal name)"));
	} else {
		get_text(rd, item, "name", false, &r->name);
		get_text(rd, item, "title", false, &r->title);
	}

	if ((v = get_word(rd, item, "courtesy")) != NULL) {
		if (is_word(v->str))
			r->courtesy = ms_xstrdup(v->str);
		else
			rd_error(rd, MS_ERR_INVALID, v->vpos,
			         _("'courtesy' must be a lowercase word naming a form of address (such as 'excellency'), not '%s'"),
			         v->str);
	}
	if ((v = get_word(rd, item, "gender")) != NULL) {
		if (!strcmp(v->str, "feminine") || !strcmp(v->str, "masculine"))
			r->gender = ms_xstrdup(v->str);
		else
			rd_error(rd, MS_ERR_INVALID, v->vpos,
			         _("'gender' must be 'feminine' or 'masculine', not '%s'"),
			         v->str);
	}
}

static ms_recipient *
get_recipients(reader *rd, const ms_ynode *map, const char *key, bool required)
{
	ms_ynode *v = ms_ynode_get(map, key);
	ms_recipient *head = NULL, **tail = &head;
	if (!v || ms_ynode_is_null(v)) {
		if (required)
			rd_error(rd, MS_ERR_INVALID, v ? ms_ynode_key(map, key)->pos : map->pos,
			         v ? _("'%s' must list at least one recipient")
			           : _("missing required key '%s'"), key);
		return NULL;
	}
	if (v->type != MS_YSEQ) {
		rd_error(rd, MS_ERR_INVALID, v->pos,
		         _("'%s' must be a list of recipients, not %s"), key,
		         ms_ynode_kind_name(v));
		return NULL;
	}
	if (!v->kids && required) {
		rd_error(rd, MS_ERR_INVALID, v->pos,
		         _("'%s' must list at least one recipient"), key);
		return NULL;
	}
	for (ms_ynode *item = v->kids; item; item = item->next) {
		ms_recipient *r;
		if (item->type != MS_YMAP) {
			rd_error(rd, MS_ERR_INVALID, item->pos,
			         _("each entry of '%s' must be a mapping with a 'name', not %s"),
			         key, ms_ynode_kind_name(item));
			continue;
		}
		ms_ynode_warn_unknown(item, recipient_keys, rd->name, rd->h);
		r = ms_xcalloc(1, sizeof *r);
		r->pos = item->pos;
		get_addressee(rd, item, r);
		get_text(rd, item, "organisation", false, &r->organisation);
		r->address = get_lines(rd, item, "address");
		r->fax = get_lines(rd, item, "fax");
		r->email = get_lines(rd, item, "email");
		*tail = r;
		tail = &r->next;
	}
	return head;
}

static const char *const group_keys[] = { "name", NULL };
static const char *const individual_keys[] = { "name", "affiliation", NULL };

/* The list KEY of MAP whose entries are each a name or a mapping with a
 * 'name' (signatories, signers): its first entry, or NULL when there is
 * none or it is not a list (reported). */
static const ms_ynode *
name_list(reader *rd, const ms_ynode *map, const char *key)
{
	ms_ynode *v = ms_ynode_get(map, key);
	if (!v || ms_ynode_is_null(v))
		return NULL;
	if (v->type != MS_YSEQ) {
		rd_error(rd, MS_ERR_INVALID, v->pos,
		         _("'%s' must be a list, not %s"), key, ms_ynode_kind_name(v));
		return NULL;
	}
	return v->kids;
}

/* Whether ITEM of the list KEY is a name or a mapping (else reported). */
static bool
name_item(reader *rd, const ms_ynode *item, const char *key)
{
	if (item->type == MS_YSEQ || ms_ynode_is_null(item)) {
		rd_error(rd, MS_ERR_INVALID, item->pos,
		         _("each entry of '%s' must be a name or a mapping with a 'name'"),
		         key);
		return false;
	}
	return true;
}

/* A list of signatories: each a string (the name) or a mapping. */
static ms_signatory *
get_signatories(reader *rd, const ms_ynode *map, const char *key,
                const char *const *keys)
{
	ms_signatory *head = NULL, **tail = &head;
	for (const ms_ynode *item = name_list(rd, map, key); item; item = item->next) {
		ms_signatory *s;
		if (!name_item(rd, item, key))
			continue;
		s = ms_xcalloc(1, sizeof *s);
		s->pos = item->pos;
		if (item->type == MS_YSCALAR) {
			text_from(rd, item, &s->name);
		} else {
			ms_ynode_warn_unknown(item, keys, rd->name, rd->h);
			get_text(rd, item, "name", true, &s->name);
			if (keys == individual_keys)
				get_text(rd, item, "affiliation", false, &s->affiliation);
		}
		*tail = s;
		tail = &s->next;
	}
	return head;
}

static const char *const signatories_keys[] = {
	"as_of", "groups", "individuals", "annex", NULL
};

static bool get_bool(reader *rd, const ms_ynode *map, const char *key,
                     bool *out);

static size_t
count_signatories(const ms_signatory *s)
{
	size_t n = 0;
	for (; s; s = s->next)
		n++;
	return n;
}

static void
get_signatories_block(reader *rd, const ms_ynode *map, ms_letter *l)
{
	ms_ynode *v = ms_ynode_get(map, "signatories");
	bool annex;
	if (!v || ms_ynode_is_null(v))
		return;
	if (v->type != MS_YMAP) {
		rd_error(rd, MS_ERR_INVALID, v->pos,
		         _("'%s' must be a mapping, not %s"), "signatories",
		         ms_ynode_kind_name(v));
		return;
	}
	ms_ynode_warn_unknown(v, signatories_keys, rd->name, rd->h);
	get_date(rd, v, "as_of", false, &l->signed_as_of, NULL);
	l->groups = get_signatories(rd, v, "groups", group_keys);
	l->individuals = get_signatories(rd, v, "individuals", individual_keys);
	if (!get_bool(rd, v, "annex", &annex))
		annex = count_signatories(l->groups) + count_signatories(l->individuals)
		        > (size_t)rd->opts->annex_over;
	l->signatories_annex = annex;
}

/* ------------------------------------------------------- letterhead */

/* The image whose path is the value of KEY in MAP: read, checked, kept
 * in *IMG. */
static void
get_image(reader *rd, const ms_ynode *map, const char *key, ms_image **img)
{
	const ms_ynode *v = get_word(rd, map, key);
	char *why = NULL;
	ms_status st;
	if (!v || is_blank(v->str))
		return;
	st = ms_image_load(rd->base_dir, v->str, img, &why);
	if (st != MS_OK) {
		/* a missing image is a fault of the letter, not a missing letter */
		rd_error(rd, MS_ERR_INVALID, v->vpos, _("%s '%s': %s"), key,
		         v->str, why);
		free(why);
		return;
	}
	(*img)->pos = v->vpos;
}

/* The kinds of contact a letterhead gives, checked for their shape: a
 * telephone or fax number, an e-mail address, a web address. */
typedef enum contact { PHONE, EMAIL, WEB } contact;

static bool
contact_ok(contact kind, const char *s)
{
	size_t digits = 0;
	const char *at;
	if (strpbrk(s, " \t") && kind != PHONE)
		return false;
	switch (kind) {
	case PHONE:
		for (; *s; s++) {
			if (is_digit((unsigned char)*s))
				digits++;
			else if (!strchr(" +-()/.", *s))
				return false;
		}
		return digits >= 3;
	case EMAIL:
		at = strchr(s, '@');
		return at && at > s && at[1] && !strchr(at + 1, '@')
		       && strchr(at + 1, '.');
	case WEB:
		if (!strncmp(s, "https://", 8) || !strncmp(s, "http://", 7))
			return strchr(s, '.') != NULL;
		return strchr(s, '.') && !strchr(s, ':') && s[0] != '.';
	}
	return false;
}

/* The lines of KEY, each checked to be a KIND of contact. */
static ms_line *
get_contacts(reader *rd, const ms_ynode *map, const char *key, contact kind)
{
	static const char *const what[] = {
		[PHONE] = N_("a telephone number (digits, spaces and + - ( ) / .)"),
		[EMAIL] = N_("an e-mail address (name@example.org)"),
		[WEB] = N_("a web address (https://example.org or www.example.org)"),
	};
	ms_line *lines = get_lines(rd, map, key);
	for (const ms_line *l = lines; l; l = l->next)
		if (!contact_ok(kind, l->text.src))
			rd_error(rd, MS_ERR_INVALID, l->text.pos,
			         _("'%s' must be %s, not '%s'"), key, _(what[kind]),
			         l->text.src);
	return lines;
}

static const char *const letterhead_keys[] = {
	"organisation", "address", "phone", "fax", "email", "web", "logo", NULL
};

/* Which keys a letterhead set, so that a letter's letterhead can take
 * the others from the project's. */
enum {
	LH_ORGANISATION = 1 << 0, LH_ADDRESS = 1 << 1, LH_PHONE = 1 << 2,
	LH_FAX = 1 << 3, LH_EMAIL = 1 << 4, LH_WEB = 1 << 5, LH_LOGO = 1 << 6,
};

/* The letterhead at V: a mapping, or false for none (*NONE). */
static ms_sender *
get_letterhead(reader *rd, const ms_ynode *v, unsigned *set, bool *none)
{
	ms_sender *s;
	*set = 0;
	*none = false;
	if (!v || ms_ynode_is_null(v))
		return NULL;
	if (v->type == MS_YSCALAR && v->plain && (!strcmp(v->str, "false")
	    || !strcmp(v->str, "False") || !strcmp(v->str, "FALSE"))) {
		*none = true;
		return NULL;
	}
	if (v->type != MS_YMAP) {
		rd_error(rd, MS_ERR_INVALID, v->pos,
		         _("'%s' must be a mapping (or false for none), not %s"),
		         "letterhead", ms_ynode_kind_name(v));
		return NULL;
	}
	ms_ynode_warn_unknown(v, letterhead_keys, rd->name, rd->h);
	s = ms_xcalloc(1, sizeof *s);
	s->pos = v->pos;
	get_text(rd, v, "organisation", false, &s->organisation);
	s->address = get_lines(rd, v, "address");
	s->phone = get_contacts(rd, v, "phone", PHONE);
	s->fax = get_contacts(rd, v, "fax", PHONE);
	s->email = get_contacts(rd, v, "email", EMAIL);
	s->web = get_contacts(rd, v, "web", WEB);
	get_image(rd, v, "logo", &s->logo);
	*set = (has_value(ms_ynode_get(v, "organisation")) ? LH_ORGANISATION : 0)
	       | (has_value(ms_ynode_get(v, "address")) ? LH_ADDRESS : 0)
	       | (has_value(ms_ynode_get(v, "phone")) ? LH_PHONE : 0)
	       | (has_value(ms_ynode_get(v, "fax")) ? LH_FAX : 0)
	       | (has_value(ms_ynode_get(v, "email")) ? LH_EMAIL : 0)
	       | (has_value(ms_ynode_get(v, "web")) ? LH_WEB : 0)
	       | (has_value(ms_ynode_get(v, "logo")) ? LH_LOGO : 0);
	if (!*set)
		ms_diag_emit(rd->h, MS_WARNING, NULL, rd->name, v->pos.line,
		             v->pos.column,
		             _("the letterhead is empty (write 'letterhead: false' for none)"));
	return s;
}

/* Copy into S each part of the project's letterhead P that S did not
 * set (SET). */
static void
letterhead_fill(ms_sender *s, unsigned set, const ms_sender *p)
{
	ms_sender *c = ms_sender_clone(p);
#define TAKE(bit, field) \
	if (!(set & (bit))) { \
		ms_sender tmp = *s; \
		s->field = c->field; \
		c->field = tmp.field; \
	}
	TAKE(LH_ORGANISATION, organisation)
	TAKE(LH_ADDRESS, address)
	TAKE(LH_PHONE, phone)
	TAKE(LH_FAX, fax)
	TAKE(LH_EMAIL, email)
	TAKE(LH_WEB, web)
	TAKE(LH_LOGO, logo)
#undef TAKE
	ms_sender_free(c);
}

/* ------------------------------------------------------- signature */

static const char *const signer_keys[] = {
	"name", "title", "organisation", "signature", NULL
};

/* The signature block: who signs, each a name or a mapping. */
static ms_signer *
get_signers(reader *rd, const ms_ynode *map)
{
	ms_signer *head = NULL, **tail = &head;
	for (const ms_ynode *item = name_list(rd, map, "signers"); item;
	     item = item->next) {
		ms_signer *g;
		if (!name_item(rd, item, "signers"))
			continue;
		g = ms_xcalloc(1, sizeof *g);
		g->pos = item->pos;
		if (item->type == MS_YSCALAR) {
			text_from(rd, item, &g->name);
		} else {
			ms_ynode_warn_unknown(item, signer_keys, rd->name, rd->h);
			get_text(rd, item, "name", true, &g->name);
			get_text(rd, item, "title", false, &g->title);
			get_text(rd, item, "organisation", false, &g->organisation);
			get_image(rd, item, "signature", &g->signature);
		}
		*tail = g;
		tail = &g->next;
	}
	return head;
}

/* A plain word (lang, segmentation, sample): the scalar or NULL. */
static const ms_ynode *
get_word(reader *rd, const ms_ynode *map, const char *key)
{
	ms_ynode *v = ms_ynode_get(map, key);
	if (!v || ms_ynode_is_null(v))
		return NULL;
	if (v->type != MS_YSCALAR) {
		rd_error(rd, MS_ERR_INVALID, v->pos,
		         _("'%s' must be a single value, not %s"), key, ms_ynode_kind_name(v));
		return NULL;
	}
	return v;
}

/* A boolean (true/false in any of YAML's cases) at KEY: false when it is
 * absent, else *OUT set (and an error for anything else). */
static bool
get_bool(reader *rd, const ms_ynode *map, const char *key, bool *out)
{
	const ms_ynode *v = get_word(rd, map, key);
	if (!v)
		return false;
	if (!strcmp(v->str, "true") || !strcmp(v->str, "True")
	    || !strcmp(v->str, "TRUE")) {
		*out = true;
	} else if (!strcmp(v->str, "false") || !strcmp(v->str, "False")
	           || !strcmp(v->str, "FALSE")) {
		*out = false;
	} else {
		rd_error(rd, MS_ERR_INVALID, v->vpos, _("'%s' must be true or false"),
		         key);
		return false;
	}
	return true;
}

static const char *const top_keys[] = {
	"lang", "date", "sample", "segmentation", "author", "letterhead",
	"place", "our_ref", "your_ref", "recipients", "cc", "subject",
	"salutation", "closing", "signers", "signatories", "enclosures", NULL
};

static void
read_front_matter(reader *rd, const ms_ynode *root, ms_letter *l)
{
	const ms_ynode *v;

	if (!root) {
		rd_error(rd, MS_ERR_INVALID, mkpos(1, 1),
		         _("the front matter is empty"));
		return;
	}
	if (root->type != MS_YMAP) {
		rd_error(rd, MS_ERR_INVALID, root->pos,
		         _("the front matter must be a mapping, not %s"),
		         ms_ynode_kind_name(root));
		return;
	}
	ms_ynode_warn_unknown(root, top_keys, rd->name, rd->h);

	v = get_word(rd, root, "lang");
	if (v && !lang_tag_valid(v->str))
		rd_error(rd, MS_ERR_INVALID, v->vpos,
		         _("'%s' is not a language tag"), v->str);
	l->lang = ms_xstrdup(v && lang_tag_valid(v->str) ? v->str : "en");
	l->source_lang = ms_xstrdup(l->lang);

	get_date(rd, root, "date", true, &l->date, &l->date_pos);

	get_bool(rd, root, "sample", &l->sample);

	v = get_word(rd, root, "segmentation");
	if (v) {
		if (!strcmp(v->str, "sentence") || !strcmp(v->str, "paragraph"))
			l->segmentation = ms_xstrdup(v->str);
		else
			rd_error(rd, MS_ERR_INVALID, v->vpos,
			         _("segmentation must be 'sentence' or 'paragraph', not '%s'"),
			         v->str);
	}

	get_text(rd, root, "author", false, &l->author);
	{
		unsigned set;
		bool none;
		l->sender = get_letterhead(rd, ms_ynode_get(root, "letterhead"),
		                           &set, &none);
		if (!none && rd->opts->letterhead) {
			if (!l->sender)
				l->sender = ms_sender_clone(rd->opts->letterhead);
			else
				letterhead_fill(l->sender, set, rd->opts->letterhead);
		}
	}
	get_text(rd, root, "place", false, &l->place);
	get_text(rd, root, "our_ref", false, &l->our_ref);
	get_text(rd, root, "your_ref", false, &l->your_ref);
	l->recipients = get_recipients(rd, root, "recipients", true);
	l->cc = get_recipients(rd, root, "cc", false);
	get_text(rd, root, "subject", true, &l->subject);
	get_text(rd, root, "salutation", true, &l->salutation);
	get_text(rd, root, "closing", true, &l->closing);
	l->signers = get_signers(rd, root);
	get_signatories_block(rd, root, l);
	l->enclosures = get_lines(rd, root, "enclosures");
}

/* ------------------------------------------------------- body */

/* A footnote reference whose label has no definition stays text
 * ("[^x]"): say so, at the block that holds it. */
static void
check_dangling_notes(reader *rd, const ms_inline *in, ms_pos pos)
{
	for (; in; in = in->next) {
		const char *t = in->type == MS_INLINE_TEXT ? in->text : NULL;
		const char *at;
		while (t && (at = strstr(t, "[^")) != NULL) {
			size_t n = strcspn(at + 2, "] \t\n[");
			if (n > 0 && at[2 + n] == ']') {
				ms_diag_emit(rd->h, MS_WARNING, NULL, rd->name, pos.line,
				             pos.column,
				             _("footnote reference '%.*s' has no definition: it is printed as it is"),
				             (int)n + 3, at);
				return;
			}
			t = at + 2;
		}
		check_dangling_notes(rd, in->children, pos);
	}
}

static ms_block *convert_blocks(reader *rd, cmark_node *first, int depth);

/* A GFM table: a header row, then body rows, each given the table's
 * number of cells (the parser may leave a short row short). */
static ms_block *
convert_table(reader *rd, cmark_node *n)
{
	ms_block *t = ms_block_new(MS_BLOCK_TABLE), **rows = &t->children;
	int cols = cmark_gfm_extensions_get_table_columns(n);
	const uint8_t *align = cmark_gfm_extensions_get_table_alignments(n);

	t->columns = cols;
	for (cmark_node *r = cmark_node_first_child(n); r; r = cmark_node_next(r)) {
		ms_block *row = ms_block_new(MS_BLOCK_ROW), **cells = &row->children;
		cmark_node *x = cmark_node_first_child(r);
		row->pos = body_pos(rd, r);
		row->header = cmark_gfm_extensions_get_table_row_is_header(r) != 0;
		for (int k = 0; k < cols; k++) {
			ms_block *cell = ms_block_new(MS_BLOCK_CELL);
			char a = align ? (char)align[k] : 0;
			cell->align = a == 'l' || a == 'c' || a == 'r' ? a : 0;
			cell->pos = row->pos;
			if (x) {
				inline_ctx c = { rd, true, body_pos(rd, x), false, 0 };
				if (c.pos.line)
					cell->pos = c.pos;
				cell->inlines = convert_inlines(&c, cmark_node_first_child(x), 0);
				check_dangling_notes(rd, cell->inlines, cell->pos);
				x = cmark_node_next(x);
			}
			*cells = cell;
			cells = &cell->next;
		}
		*rows = row;
		rows = &row->next;
	}
	return t;
}

static ms_block *
convert_blocks(reader *rd, cmark_node *first, int depth)
{
	ms_block *head = NULL, **tail = &head;
	for (cmark_node *n = first; n; n = cmark_node_next(n)) {
		ms_pos pos = body_pos(rd, n);
		ms_block *b = NULL;
		inline_ctx c = { rd, true, pos, false, 0 };
		if (depth > MAX_DEPTH) {
			rd_error(rd, MS_ERR_INVALID, pos,
			         _("the body is nested too deeply"));
			break;
		}
		if (node_is(n, "table")) {
			b = convert_table(rd, n);
			b->pos = pos;
			*tail = b;
			tail = &b->next;
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			/* Definitions come last, in the order of their first
			 * references; they go to the letter's footnotes. */
			b = ms_block_new(MS_BLOCK_FOOTNOTE);
			b->pos = pos;
			b->number = ++rd->nfootnotes;
			b->children = convert_blocks(rd, cmark_node_first_child(n),
			                             depth + 1);
			*rd->fn_tail = b;
			rd->fn_tail = &b->next;
			continue;
		case CMARK_NODE_PARAGRAPH:
			b = ms_block_new(MS_BLOCK_PARAGRAPH);
			b->inlines = convert_inlines(&c, cmark_node_first_child(n), 0);
			check_dangling_notes(rd, b->inlines, pos);
			break;
		case CMARK_NODE_HEADING:
			b = ms_block_new(MS_BLOCK_HEADING);
			b->level = cmark_node_get_heading_level(n);
			b->inlines = convert_inlines(&c, cmark_node_first_child(n), 0);
			check_dangling_notes(rd, b->inlines, pos);
			break;
		case CMARK_NODE_LIST:
			b = ms_block_new(MS_BLOCK_LIST);
			b->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
			b->start = b->ordered ? cmark_node_get_list_start(n) : 0;
			b->tight = cmark_node_get_list_tight(n) != 0;
			b->children = convert_blocks(rd, cmark_node_first_child(n),
			                             depth + 1);
			break;
		case CMARK_NODE_ITEM:
			b = ms_block_new(MS_BLOCK_ITEM);
			b->children = convert_blocks(rd, cmark_node_first_child(n),
			                             depth + 1);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			b = ms_block_new(MS_BLOCK_QUOTE);
			b->children = convert_blocks(rd, cmark_node_first_child(n),
			                             depth + 1);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			b = ms_block_new(MS_BLOCK_BREAK);
			break;
		case CMARK_NODE_CODE_BLOCK:
			rd_error(rd, MS_ERR_INVALID, pos,
			         _("code blocks are not supported in letters"));
			break;
		case CMARK_NODE_HTML_BLOCK:
			rd_error(rd, MS_ERR_INVALID, pos,
			         _("raw HTML blocks are not supported in letters"));
			break;
		default:
			rd_error(rd, MS_ERR_INVALID, pos,
			         _("'%s' blocks are not supported in letters"),
			         cmark_node_get_type_string(n));
			break;
		}
		if (!b)
			continue;
		b->pos = pos;
		*tail = b;
		tail = &b->next;
	}
	return head;
}

static void
register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* The body through cmark-gfm: CommonMark, footnotes, and GitHub's
 * tables, strikethrough and autolinks.  Typographic quotes are not
 * made ("smart" is off): text stays as typed. */
static cmark_node *
parse_body(const char *text, size_t len)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	static const char *const extensions[] = {
		"table", "strikethrough", "autolink",
	};
	cmark_parser *p;
	cmark_node *doc;

	/* The extension registry is global and filled without a lock. */
	pthread_once(&once, register_extensions);
	p = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES);
	for (size_t i = 0; i < MS_ARRAY_SIZE(extensions); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, text, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

/* Footnote definitions the parser dropped: cmark-gfm keeps a definition
 * only when something refers to it, and only the first of two with one
 * label.  Each line of the body that starts a definition ("[^label]:",
 * indented less than four columns) and is not where a kept definition
 * starts is reported. */
static void
check_definitions(reader *rd, cmark_node *doc)
{
	size_t nkept = 0, cap = 0;
	unsigned *kept = NULL;
	typedef struct { unsigned line; size_t at, len; } seen_def;
	seen_def *seen = NULL;
	size_t nseen = 0;

	for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		if (nkept == cap) {
			cap = cap ? cap * 2 : 16;
			kept = ms_xrealloc(kept, cap * sizeof *kept);
		}
		kept[nkept++] = (unsigned)cmark_node_get_start_line(n);
	}
	for (unsigned k = rd->body_line; k <= rd->map.nlines; k++) {
		size_t s = rd->map.lines[k - 1], e, i = 0, lab;
		bool is_kept = false;
		e = k < rd->map.nlines ? rd->map.lines[k] : rd->len;
		while (i < 3 && s + i < e && rd->data[s + i] == ' ')
			i++;
		if (e - s - i < 4 || memcmp(rd->data + s + i, "[^", 2) != 0)
			continue;
		lab = s + i + 2;
		while (lab < e && rd->data[lab] != ']' && rd->data[lab] != ' '
		       && rd->data[lab] != '\t' && rd->data[lab] != '\n')
			lab++;
		if (lab == s + i + 2 || lab + 1 >= e || rd->data[lab] != ']'
		    || rd->data[lab + 1] != ':')
			continue;
		for (size_t j = 0; j < nkept && !is_kept; j++)
			is_kept = kept[j] == k - rd->body_line + 1;
		for (size_t j = 0; j < nseen; j++) {
			if (seen[j].len == lab + 1 - (s + i)
			    && !memcmp(rd->data + seen[j].at, rd->data + s + i,
			               seen[j].len)) {
				rd_error(rd, MS_ERR_INVALID, pos_at(rd, s + i),
				         _("footnote '%.*s' is defined twice (first at line %u)"),
				         (int)seen[j].len, rd->data + s + i, seen[j].line);
				is_kept = true;   /* said once is enough */
				break;
			}
		}
		seen = ms_xrealloc(seen, (nseen + 1) * sizeof *seen);
		seen[nseen].line = k;
		seen[nseen].at = s + i;
		seen[nseen].len = lab + 1 - (s + i);
		nseen++;
		if (!is_kept)
			ms_diag_emit(rd->h, MS_WARNING, NULL, rd->name, k,
			             pos_at(rd, s + i).column,
			             _("footnote '%.*s' is never referenced: it is left out"),
			             (int)(lab + 1 - (s + i)), rd->data + s + i);
	}
	free(kept);
	free(seen);
}

/* cmark-gfm 0.29.0.gfm.6 (Debian 12) takes time quadratic in the number
 * of '|' on a line that could be a table row: 50,000 of them took 20 s.
 * No letter's table is that wide, so such a line is refused before the
 * parser sees it. */
#define MAX_BARS 256

static bool
bars_bounded(reader *rd)
{
	for (unsigned k = rd->body_line; k <= rd->map.nlines; k++) {
		size_t s = rd->map.lines[k - 1];
		size_t e = k < rd->map.nlines ? rd->map.lines[k] : rd->len;
		size_t bars = 0;
		for (size_t i = s; i < e; i++) {
			if (rd->data[i] == '\\' && i + 1 < e)
				i++;
			else if (rd->data[i] == '|' && ++bars > MAX_BARS) {
				rd_error(rd, MS_ERR_INVALID, pos_at(rd, i),
				         _("more than %d '|' on one line: tables may have at most %d columns"),
				         MAX_BARS, MAX_BARS - 1);
				return false;
			}
		}
	}
	return true;
}

static void
read_body(reader *rd, ms_letter *l)
{
	const char *body = rd->data + rd->body_off;
	size_t n = rd->len - rd->body_off;
	cmark_node *doc, *first;
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_space((unsigned char)body[i]) && body[i] != '\v')
			break;
	if (i == n) {
		rd_error(rd, MS_ERR_INVALID, mkpos(rd->close_line, 1),
		         _("letter has no body"));
		return;
	}
	if (!bars_bounded(rd))
		return;
	doc = parse_body(body, n);
	for (first = cmark_node_first_child(doc); first
	     && cmark_node_get_type(first) == CMARK_NODE_FOOTNOTE_DEFINITION;
	     first = cmark_node_next(first))
		;
	if (!first)
		/* Only link reference definitions, say. */
		rd_error(rd, MS_ERR_INVALID, mkpos(rd->close_line, 1),
		         _("letter has no body"));
	l->body = convert_blocks(rd, cmark_node_first_child(doc), 0);
	check_definitions(rd, doc);
	cmark_node_free(doc);
	l->footnotes = rd->footnotes;
	rd->footnotes = NULL;
}

/* ------------------------------------------------------- file layout */

/* Whether bytes [s, e) are a delimiter line: "---", then only blanks. */
static bool
is_delimiter(const char *s, const char *e)
{
	if (e - s < 3 || memcmp(s, "---", 3) != 0)
		return false;
	for (s += 3; s < e; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

/* Find the two delimiter lines.  False (reported) when one is missing. */
static bool
split_letter(reader *rd)
{
	size_t first = 0;
	/* A byte order mark some editors write is let through. */
	if (rd->len >= 3 && memcmp(rd->data, "\xEF\xBB\xBF", 3) == 0)
		first = 3;
	size_t end1 = rd->map.nlines > 1 ? rd->map.lines[1] - 1 : rd->len;
	if (first > end1 || !is_delimiter(rd->data + first, rd->data + end1)) {
		rd_error(rd, MS_ERR_PARSE, mkpos(1, 1),
		         _("letter must start with a '---' line before its front matter"));
		return false;
	}
	rd->fm_off = rd->map.nlines > 1 ? rd->map.lines[1] : rd->len;
	for (size_t k = 1; k < rd->map.nlines; k++) {
		size_t s = rd->map.lines[k];
		size_t e = k + 1 < rd->map.nlines ? rd->map.lines[k + 1] - 1 : rd->len;
		if (!is_delimiter(rd->data + s, rd->data + e))
			continue;
		rd->fm_len = s - rd->fm_off;
		rd->close_line = (unsigned)k + 1;
		rd->body_line = (unsigned)k + 2;
		rd->body_off = k + 1 < rd->map.nlines ? rd->map.lines[k + 1] : rd->len;
		return true;
	}
	rd_error(rd, MS_ERR_PARSE, mkpos(1, 1),
	         _("front matter opened here has no closing '---' line"));
	return false;
}

/* The letter id: NAME's base name without ".md"; freshly allocated. */
static char *
id_from_name(const char *name)
{
	const char *base = strrchr(name, '/');
	size_t n;
	base = base ? base + 1 : name;
	n = strlen(base);
	if (n > 3 && strcmp(base + n - 3, ".md") == 0)
		n -= 3;
	return ms_xstrndup(base, n);
}

/* The folder of the file NAME ("" for the working folder); freshly
 * allocated. */
static char *
dir_of(const char *name)
{
	const char *slash = strrchr(name, '/');
	if (!slash)
		return ms_xstrdup("");
	if (slash == name)
		return ms_xstrdup("/");
	return ms_xstrndup(name, (size_t)(slash - name));
}

static const reader_opts default_opts = { NULL, ANNEX_OVER_DEFAULT };

static ms_status
read_mem(const char *name, const char *data, size_t len,
         const reader_opts *opts, ms_letter **out, ms_diag_handler *h)
{
	reader rd;
	ms_letter *l = NULL;
	ms_ynode *root = NULL;
	size_t bad;
	unsigned bl, bc;

	if (!out)
		return MS_ERR_USAGE;
	*out = NULL;
	if (!name || (!data && len)) {
		ms_diag_emit(h, MS_ERROR, NULL, name, 0, 0,
		             _("no letter to read"));
		return MS_ERR_USAGE;
	}
	memset(&rd, 0, sizeof rd);
	rd.name = name;
	rd.data = data ? data : "";
	rd.len = len;
	rd.h = h;
	rd.opts = opts;
	rd.fn_tail = &rd.footnotes;

	if (!ms_utf8_validate(rd.data, len, &bad, &bl, &bc)) {
		if (rd.data[bad] == '\0')
			rd_error(&rd, MS_ERR_ENCODING, mkpos(bl, bc),
			         _("invalid UTF-8: NUL byte at byte offset %zu"), bad);
		else
			rd_error(&rd, MS_ERR_ENCODING, mkpos(bl, bc),
			         _("invalid UTF-8 at byte offset %zu"), bad);
		return rd.status;
	}
	ms_linemap_init(&rd.map, rd.data, rd.len, 1);
	rd.base_dir = dir_of(name);
	l = ms_letter_new();
	l->path = ms_xstrdup(name);
	l->id = id_from_name(name);
	if (!ms_letter_id_valid(l->id))
		rd_error(&rd, MS_ERR_INVALID, mkpos(1, 1),
		         _("'%s' is not a valid letter id (use 1 to 128 letters, digits, '.', '_' and '-', not starting with '.' or '-')"),
		         l->id);

	if (split_letter(&rd)) {
		/* the front matter starts on the letter's second line */
		ms_status yst = ms_yaml_parse(name, rd.data + rd.fm_off, rd.fm_len,
		                              2, MS_YDOC_LETTER, &root, h);
		if (yst != MS_OK)
			rd.status = rd.status != MS_OK ? rd.status : yst;
		else
			read_front_matter(&rd, root, l);
		ms_ynode_free(root);
		read_body(&rd, l);
	}
	if (!l->lang) {
		l->lang = ms_xstrdup("en");
		l->source_lang = ms_xstrdup("en");
	}
	ms_linemap_release(&rd.map);
	ms_block_free(rd.footnotes);
	free(rd.base_dir);
	if (rd.status != MS_OK) {
		ms_letter_free(l);
		return rd.status;
	}
	*out = l;
	return MS_OK;
}

ms_status
ms_reader_read_mem(const char *name, const char *data, size_t len,
                   ms_letter **out, ms_diag_handler *h)
{
	return read_mem(name, data, len, &default_opts, out, h);
}

static ms_status
read_file(const char *path, const reader_opts *opts, ms_letter **out,
          ms_diag_handler *h)
{
	char *data = NULL;
	size_t len = 0;
	ms_status st;
	if (!out)
		return MS_ERR_USAGE;
	*out = NULL;
	if (!path) {
		ms_diag_emit(h, MS_ERROR, NULL, NULL, 0, 0, _("no letter to read"));
		return MS_ERR_USAGE;
	}
	st = ms_read_file(path, &data, &len, h);
	if (st != MS_OK)
		return st;
	st = read_mem(path, data, len, opts, out, h);
	free(data);
	return st;
}

ms_status
ms_reader_read_file(const char *path, ms_letter **out, ms_diag_handler *h)
{
	return read_file(path, &default_opts, out, h);
}

/* The reader's options for a letter of the project CONFIG (NULL: none). */
static reader_opts
project_opts(const ms_config *config)
{
	reader_opts o = default_opts;
	if (config) {
		o.letterhead = config->letterhead;
		o.annex_over = config->signatory_annex;
	}
	return o;
}

ms_status
ms_reader_read_letter(const char *path, const ms_config *config,
                      ms_letter **out, ms_diag_handler *h)
{
	reader_opts o = project_opts(config);
	return read_file(path, &o, out, h);
}

ms_status
ms_reader_read_letter_mem(const char *name, const char *data, size_t len,
                          const ms_config *config, ms_letter **out,
                          ms_diag_handler *h)
{
	reader_opts o = project_opts(config);
	return read_mem(name, data, len, &o, out, h);
}

ms_status
ms_reader_letterhead(const char *file, const ms_ynode *node,
                     const char *base_dir, ms_sender **out, bool *none,
                     ms_diag_handler *h)
{
	reader rd;
	unsigned set;
	memset(&rd, 0, sizeof rd);
	rd.name = file;
	rd.h = h;
	rd.opts = &default_opts;
	rd.base_dir = (char *)base_dir;
	*out = get_letterhead(&rd, node, &set, none);
	if (rd.status != MS_OK) {
		ms_sender_free(*out);
		*out = NULL;
	}
	return rd.status;
}
