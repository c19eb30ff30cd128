/* units.h — translatable units: the letter model seen as gettext entries.
 *
 * Every translatable piece of a letter (front-matter fields, labels, body
 * sentences) becomes one unit.  Inline markup inside a unit is written as
 * numbered tags a translator can read and move: "<1>…</1>" for a span
 * (emphasis, link, superscript, underline), "<1/>" for something that is
 * not text (a code span, inline HTML, a hard line break).  Tags are
 * numbered from 1 within each unit, in order of appearance; what each one
 * stands for goes into the entry's extracted comments. */
#ifndef MS_UNITS_H
#define MS_UNITS_H

#include "missive.h"
#include "segment.h"

/* The inline-tag syntax, the one lexer every module uses (units, check,
 * xliff, import): "<N>" opens, "</N>" closes, "<N/>" stands alone; N is a
 * number from 1 with at most MS_TAG_MAX_DIGITS digits and no leading
 * zero.  Anything else — "<0>", "<01>", "< 1>" — is text. */
enum { MS_TAG_OPEN = 0, MS_TAG_CLOSE = 1, MS_TAG_EMPTY = 2 };
#define MS_TAG_MAX_DIGITS 6
/* The length of the tag at S and its number and kind (MS_TAG_*), or 0
 * when S does not start with a tag. */
size_t ms_tag_lex(const char *s, size_t *num, int *kind);

/* What a tag stands for. */
typedef struct ms_tag {
	ms_inline_type type;  /* EMPH, STRONG, LINK, SUP, SUB, UNDERLINE (paired)
	                         or CODE, HTML, LINEBREAK (empty <N/>), or
	                         TEXT (empty: source text that reads like a
	                         tag, such as a literal "<1>") */
	char *url;            /* LINK */
	char *title;          /* LINK */
	char *text;           /* CODE, HTML, TEXT */
	bool ordinal;         /* SUP around an ordinal suffix after a digit ("th") */
} ms_tag;

typedef struct ms_unit {
	const char *msgctxt;  /* NULL, or "label" */
	const char *msgid;    /* tagged text */
	const char *role;     /* "body ¶3 sentence 2", "subject", … */
	unsigned line;        /* line in the letter file; 0 when not from it */
	const ms_tag *tags;   /* tags[0] is tag <1> */
	size_t ntags;
} ms_unit;

/* Called for each unit, in document order.  To translate, the callback
 * stores a replacement in *REPLACEMENT (a freshly allocated inline list the
 * walker takes over), or a replacement label string in *LABEL for label
 * units; leaving them NULL keeps the source.  Return MS_OK to go on; any
 * other status stops the walk and is returned. */
typedef ms_status (*ms_unit_fn)(const ms_unit *unit, ms_inline **replacement,
                                 char **label, void *data);

/* Walk the units of L.  SEG splits body paragraphs (paragraph mode keeps
 * them whole).  Replacements are applied to L as the walk goes. */
ms_status ms_units_walk(ms_letter *l, ms_segmenter *seg, ms_unit_fn fn,
                        void *data, ms_diag_handler *h);

/* The extracted comment for a unit: its role, then one line per tag
 * ("<1> = underline", "<2> = link to https://…").  Appended to OUT. */
void ms_unit_comment(const ms_unit *u, ms_buf *out);

/* Parse a tagged string (a msgid or a translation) against the unit's tag
 * table into an inline list.  Errors (unknown tag number, unclosed or
 * misnested tag, a tag used twice, a paired tag written as empty or the
 * other way round, and — when STRICT — a tag of the source missing from
 * TEXT, except ordinal superscripts) are reported through H as
 * "[inline-tags]" errors at FILE:LINE, and make this return NULL. */
ms_inline *ms_units_parse_tagged(const char *text, const ms_tag *tags,
                                 size_t ntags, bool strict, const char *file,
                                 unsigned line, ms_diag_handler *h);

#endif

/* Rebuild a unit's tag table from its msgid alone (what a checker reading
 * a PO file has): each tag number seen becomes an entry — paired when it
 * is written <N>…</N>, empty when <N/> — typed MS_INLINE_EMPH or
 * MS_INLINE_HTML respectively, and marked ordinal when it encloses
 * st/nd/rd/th right after a digit.  *TAGS is freshly allocated (free with
 * ms_units_tags_free); *N is the largest tag number (entries for numbers
 * never seen are typed MS_INLINE_HTML). */
void ms_units_tags_from_msgid(const char *msgid, ms_tag **tags, size_t *n);
void ms_units_tags_free(ms_tag *tags, size_t n);

/* Links a translator retargets.  A translator comment line
 *     missive-link: N URL
 * asks for link tag <N> to point to URL in this language (the same
 * document in the target language, say).  It is allowed only when URL
 * matches one of the fnmatch(3) patterns in ALLOW (missive.yaml's
 * link-targets).  Returns a copy of TAGS with the allowed URLs replaced
 * (free with ms_units_tags_free), or NULL after reporting a "link-target"
 * error at FILE:LINE for a line naming a tag that is not a link, a URL not
 * allowed, or a malformed line. *CHANGED tells whether any URL changed. */
ms_tag *ms_units_retarget(const char *comments, const ms_tag *tags, size_t ntags,
                          char *const *allow, const char *file, unsigned line,
                          bool *changed, ms_diag_handler *h);
