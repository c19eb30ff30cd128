/* yamltree.c — YAML text to a tree of ms_ynode, with one policy for every
 * YAML file missive reads (yamltree.h). */
#include "internal.h"
#include "linemap.h"
#include "yamltree.h"

#include <yaml.h>

#include <stdlib.h>
#include <string.h>

/* The prefix of the YAML core schema's tags (written "!!str" and so on). */
#define CORE_TAG_PREFIX "tag:yaml.org,2002:"

/* The conversion is recursive: deeper nesting is refused. */
#define MAX_DEPTH 64

typedef struct yctx {
	const char *name;
	const char *data;
	size_t len;
	ms_ydoc_kind kind;
	ms_linemap lines;
	/* Converting libyaml's character index into a byte offset walks on
	 * from the last answer (marks mostly come in order). */
	size_t cur_chars, cur_bytes;
	ms_diag_handler *h;
	ms_status status;   /* of the first error */
} yctx;

static void yerror(yctx *c, ms_status st, ms_pos pos, const char *fmt, ...)
	MS_PRINTF(4, 5);

static void
yerror(yctx *c, ms_status st, ms_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ms_diag_vemit(c->h, MS_ERROR, NULL, c->name, pos.line, pos.column, fmt, ap);
	va_end(ap);
	if (c->status == MS_OK)
		c->status = st;
}

/* Byte offset of the character libyaml numbers INDEX (it counts
 * characters from the start of the text). */
static size_t
byte_offset(yctx *c, size_t index)
{
	const unsigned char *s = (const unsigned char *)c->data;
	if (index < c->cur_chars) {
		c->cur_chars = 0;
		c->cur_bytes = 0;
	}
	while (c->cur_chars < index && c->cur_bytes < c->len) {
		unsigned char b = s[c->cur_bytes];
		c->cur_bytes += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
		c->cur_chars++;
	}
	if (c->cur_bytes > c->len)
		c->cur_bytes = c->len;
	return c->cur_bytes;
}

static ms_pos
mark_pos(yctx *c, yaml_mark_t m)
{
	return ms_linemap_pos(&c->lines, byte_offset(c, m.index));
}

/* Refuse an anchor ('&'), an alias ('*') or a tag ('!'), in words that
 * name the kind of file; each message is written out whole so that
 * translators see whole sentences. */
static void
refuse(yctx *c, ms_pos pos, char what, const char *a, const char *b)
{
	ms_ydoc_kind k = c->kind;
	if (what == '*') {
		if (k == MS_YDOC_LETTER)
			yerror(c, MS_ERR_INVALID, pos, _("YAML aliases ('*%s') are not allowed in letters"), a);
		else if (k == MS_YDOC_GLOSSARY)
			yerror(c, MS_ERR_INVALID, pos, _("YAML aliases ('*%s') are not allowed in the glossary"), a);
		else if (k == MS_YDOC_CONFIG)
			yerror(c, MS_ERR_INVALID, pos, _("YAML aliases ('*%s') are not allowed in the configuration"), a);
		else if (k == MS_YDOC_PROFILE)
			yerror(c, MS_ERR_INVALID, pos, _("YAML aliases ('*%s') are not allowed in language profiles"), a);
		else
			yerror(c, MS_ERR_INVALID, pos, _("YAML aliases ('*%s') are not allowed"), a);
	} else if (what == '&') {
		if (k == MS_YDOC_LETTER)
			yerror(c, MS_ERR_INVALID, pos, _("YAML anchors ('&%s') are not allowed in letters"), a);
		else if (k == MS_YDOC_GLOSSARY)
			yerror(c, MS_ERR_INVALID, pos, _("YAML anchors ('&%s') are not allowed in the glossary"), a);
		else if (k == MS_YDOC_CONFIG)
			yerror(c, MS_ERR_INVALID, pos, _("YAML anchors ('&%s') are not allowed in the configuration"), a);
		else if (k == MS_YDOC_PROFILE)
			yerror(c, MS_ERR_INVALID, pos, _("YAML anchors ('&%s') are not allowed in language profiles"), a);
		else
			yerror(c, MS_ERR_INVALID, pos, _("YAML anchors ('&%s') are not allowed"), a);
	} else {
		if (k == MS_YDOC_LETTER)
			yerror(c, MS_ERR_INVALID, pos, _("YAML tag '%s%s' is not allowed in letters"), a, b);
		else if (k == MS_YDOC_GLOSSARY)
			yerror(c, MS_ERR_INVALID, pos, _("YAML tag '%s%s' is not allowed in the glossary"), a, b);
		else if (k == MS_YDOC_CONFIG)
			yerror(c, MS_ERR_INVALID, pos, _("YAML tag '%s%s' is not allowed in the configuration"), a, b);
		else if (k == MS_YDOC_PROFILE)
			yerror(c, MS_ERR_INVALID, pos, _("YAML tag '%s%s' is not allowed in language profiles"), a, b);
		else
			yerror(c, MS_ERR_INVALID, pos, _("YAML tag '%s%s' is not allowed"), a, b);
	}
}

static void
report_parser(yctx *c, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : _("unknown problem");
	switch (p->error) {
	case YAML_MEMORY_ERROR:
		yerror(c, MS_ERR_NOMEM, ms_linemap_pos(&c->lines, 0),
		       _("out of memory while reading YAML"));
		break;
	case YAML_READER_ERROR:
		yerror(c, MS_ERR_PARSE,
		       ms_linemap_pos(&c->lines, p->problem_offset),
		       _("malformed YAML: %s"), problem);
		break;
	default:
		if (p->context) {
			ms_pos cp = mark_pos(c, p->context_mark);
			yerror(c, MS_ERR_PARSE, mark_pos(c, p->problem_mark),
			       _("malformed YAML: %s (%s at %u:%u)"), problem,
			       p->context, (unsigned)cp.line, (unsigned)cp.column);
		} else {
			yerror(c, MS_ERR_PARSE, mark_pos(c, p->problem_mark),
			       _("malformed YAML: %s"), problem);
		}
		break;
	}
}

static bool
next_event(yctx *c, yaml_parser_t *p, yaml_event_t *ev)
{
	if (yaml_parser_parse(p, ev))
		return true;
	report_parser(c, p);
	return false;
}

static bool
is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

/* Where the text of a scalar starts: after an opening quote, or on the
 * first non-blank line of a block scalar. */
static ms_pos
scalar_text_pos(yctx *c, const yaml_event_t *ev)
{
	size_t off = byte_offset(c, ev->start_mark.index);
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return ms_linemap_pos(&c->lines, off + 1);
	case YAML_LITERAL_SCALAR_STYLE:
	case YAML_FOLDED_SCALAR_STYLE:
		while (off < c->len && c->data[off] != '\n')
			off++;
		while (off < c->len && is_space((unsigned char)c->data[off]))
			off++;
		return ms_linemap_pos(&c->lines, off);
	default:
		return ms_linemap_pos(&c->lines, off);
	}
}

static bool
tag_allowed(const yaml_char_t *tag, const char *plain)
{
	return !tag || strcmp((const char *)tag, "!") == 0
	    || strcmp((const char *)tag, plain) == 0;
}

void
ms_ynode_free(ms_ynode *n)
{
	while (n) {
		ms_ynode *next = n->next;
		free(n->str);
		ms_ynode_free(n->kids);
		ms_ynode_free(n->val);
		free(n);
		n = next;
	}
}

const char *
ms_ynode_kind_name(const ms_ynode *n)
{
	switch (n->type) {
	case MS_YSCALAR: return _("a single value");
	case MS_YSEQ: return _("a list");
	default: return _("a mapping");
	}
}

static int
key_cmp(const void *a, const void *b)
{
	const ms_ynode *x = *(const ms_ynode *const *)a;
	const ms_ynode *y = *(const ms_ynode *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->str, y->str, n);
	if (r)
		return r;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	/* Equal keys: the earlier in the file first. */
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	return x->pos.column < y->pos.column ? -1 : x->pos.column > y->pos.column;
}

/* Report every key that repeats an earlier one in MAP. */
static bool
check_duplicates(yctx *c, ms_ynode *map)
{
	size_t n = 0, i = 0;
	ms_ynode **v;
	bool ok = true;
	for (ms_ynode *k = map->kids; k; k = k->next)
		n++;
	if (n < 2)
		return true;
	v = ms_xmalloc(n * sizeof *v);
	for (ms_ynode *k = map->kids; k; k = k->next)
		v[i++] = k;
	qsort(v, n, sizeof *v, key_cmp);
	for (i = 1; i < n; i++) {
		if (v[i]->len == v[i - 1]->len
		    && memcmp(v[i]->str, v[i - 1]->str, v[i]->len) == 0) {
			yerror(c, MS_ERR_PARSE, v[i]->pos,
			       _("duplicate key '%s' (first at line %u)"), v[i]->str,
			       (unsigned)v[i - 1]->pos.line);
			ok = false;
		}
	}
	free(v);
	return ok;
}

/* Build the node whose first event is EV (consumed).  NULL after an
 * error, which has been reported. */
static ms_ynode *
build_node(yctx *c, yaml_parser_t *p, yaml_event_t *ev, int depth)
{
	ms_ynode *n = NULL;
	const yaml_char_t *anchor = NULL, *tag = NULL;
	const char *plain_tag = NULL;
	ms_pos pos = mark_pos(c, ev->start_mark);

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		refuse(c, pos, '*', (const char *)ev->data.alias.anchor, NULL);
		yaml_event_delete(ev);
		return NULL;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		plain_tag = YAML_STR_TAG;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		plain_tag = YAML_SEQ_TAG;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		plain_tag = YAML_MAP_TAG;
		break;
	default:
		/* The parser guarantees a node here. */
		yerror(c, MS_ERR_PARSE, pos, _("malformed YAML: unexpected event"));
		yaml_event_delete(ev);
		return NULL;
	}
	if (anchor) {
		refuse(c, pos, '&', (const char *)anchor, NULL);
		yaml_event_delete(ev);
		return NULL;
	}
	if (!tag_allowed(tag, plain_tag)) {
		const char *t = (const char *)tag;
		bool core = strncmp(t, CORE_TAG_PREFIX, strlen(CORE_TAG_PREFIX)) == 0;
		refuse(c, pos, '!', core ? "!!" : "",
		       core ? t + strlen(CORE_TAG_PREFIX) : t);
		yaml_event_delete(ev);
		return NULL;
	}
	if (depth > MAX_DEPTH) {
		if (c->kind == MS_YDOC_LETTER)
			yerror(c, MS_ERR_INVALID, pos, _("front matter is nested too deeply"));
		else
			yerror(c, MS_ERR_INVALID, pos, _("YAML nested too deeply"));
		yaml_event_delete(ev);
		return NULL;
	}

	n = ms_xcalloc(1, sizeof *n);
	n->pos = pos;
	if (ev->type == YAML_SCALAR_EVENT) {
		n->type = MS_YSCALAR;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->vpos = scalar_text_pos(c, ev);
		if (!ms_utf8_validate((const char *)ev->data.scalar.value,
		                      ev->data.scalar.length, NULL, NULL, NULL)) {
			yaml_event_delete(ev);
			yerror(c, MS_ERR_INVALID, n->vpos,
			       _("a value must not contain a NUL character"));
			ms_ynode_free(n);
			return NULL;
		}
		/* NFC: the same text typed with combining marks or
		 * precomposed is the same value */
		n->str = ms_utf8_nfc((const char *)ev->data.scalar.value,
		                     ev->data.scalar.length);
		n->len = strlen(n->str);
		yaml_event_delete(ev);
		return n;
	}

	n->type = ev->type == YAML_SEQUENCE_START_EVENT ? MS_YSEQ : MS_YMAP;
	yaml_event_delete(ev);
	{
		ms_ynode **tail = &n->kids;
		for (;;) {
			yaml_event_t e;
			ms_ynode *child;
			if (!next_event(c, p, &e))
				goto fail;
			if (e.type == YAML_SEQUENCE_END_EVENT
			    || e.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&e);
				break;
			}
			child = build_node(c, p, &e, depth + 1);
			if (!child)
				goto fail;
			*tail = child;
			tail = &child->next;
			if (n->type == MS_YSEQ)
				continue;
			if (child->type != MS_YSCALAR) {
				yerror(c, MS_ERR_INVALID, child->pos,
				       _("mapping keys must be plain words, not %s"),
				       ms_ynode_kind_name(child));
				goto fail;
			}
			if (!next_event(c, p, &e))
				goto fail;
			child->val = build_node(c, p, &e, depth + 1);
			if (!child->val)
				goto fail;
		}
	}
	if (n->type == MS_YMAP && !check_duplicates(c, n))
		goto fail;
	return n;
fail:
	ms_ynode_free(n);
	return NULL;
}

ms_status
ms_yaml_parse(const char *name, const char *data, size_t len,
              unsigned first_line, ms_ydoc_kind kind, ms_ynode **root,
              ms_diag_handler *h)
{
	yctx c;
	yaml_parser_t p;
	yaml_event_t ev;
	int docs = 0;
	bool ok = false;

	*root = NULL;
	memset(&c, 0, sizeof c);
	c.name = name;
	c.data = data;
	c.len = len;
	c.kind = kind;
	c.h = h;
	ms_linemap_init(&c.lines, data, len, first_line);
	if (!yaml_parser_initialize(&p)) {
		ms_linemap_release(&c.lines);
		ms_diag_emit(h, MS_ERROR, NULL, name, first_line, 0,
		             _("out of memory while reading YAML"));
		return MS_ERR_NOMEM;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	for (;;) {
		if (!next_event(&c, &p, &ev))
			goto out;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type != YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			continue;   /* stream start */
		}
		if (++docs > 1) {
			yerror(&c, MS_ERR_PARSE, mark_pos(&c, ev.start_mark),
			       kind == MS_YDOC_LETTER
			       ? _("the front matter must be a single YAML document")
			       : _("the file must be a single YAML document"));
			yaml_event_delete(&ev);
			goto out;
		}
		yaml_event_delete(&ev);
		if (!next_event(&c, &p, &ev))
			goto out;
		*root = build_node(&c, &p, &ev, 0);
		if (!*root)
			goto out;
		if (!next_event(&c, &p, &ev))   /* document end */
			goto out;
		yaml_event_delete(&ev);
	}
	ok = true;
out:
	yaml_parser_delete(&p);
	ms_linemap_release(&c.lines);
	if (!ok) {
		ms_ynode_free(*root);
		*root = NULL;
		return c.status != MS_OK ? c.status : MS_ERR_PARSE;
	}
	return MS_OK;
}

ms_ynode *
ms_ynode_key(const ms_ynode *map, const char *key)
{
	if (!map || map->type != MS_YMAP)
		return NULL;
	for (ms_ynode *k = map->kids; k; k = k->next)
		if (strcmp(k->str, key) == 0)
			return k;
	return NULL;
}

ms_ynode *
ms_ynode_get(const ms_ynode *map, const char *key)
{
	ms_ynode *k = ms_ynode_key(map, key);
	return k ? k->val : NULL;
}

bool
ms_ynode_is_null(const ms_ynode *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	if (!n || n->type != MS_YSCALAR || !n->plain)
		return false;
	for (size_t i = 0; i < MS_ARRAY_SIZE(nulls); i++)
		if (strcmp(n->str, nulls[i]) == 0)
			return true;
	return false;
}

/* Edit distance of two short strings (for "did you mean"). */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[33];
	if (la > 32 || lb > 32)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

void
ms_ynode_warn_unknown(const ms_ynode *map, const char *const *known,
                      const char *file, ms_diag_handler *h)
{
	if (!map || map->type != MS_YMAP)
		return;
	for (ms_ynode *k = map->kids; k; k = k->next) {
		const char *near = NULL;
		size_t i;
		for (i = 0; known[i]; i++)
			if (strcmp(k->str, known[i]) == 0)
				break;
		if (known[i])
			continue;
		for (i = 0; known[i]; i++)
			if (distance(k->str, known[i]) <= 2)
				near = known[i];
		if (near)
			ms_diag_emit(h, MS_WARNING, NULL, file, k->pos.line,
			             k->pos.column,
			             _("unknown key '%s' ignored (did you mean '%s'?)"),
			             k->str, near);
		else
			ms_diag_emit(h, MS_WARNING, NULL, file, k->pos.line,
			             k->pos.column, _("unknown key '%s' ignored"),
			             k->str);
	}
}
