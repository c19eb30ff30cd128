/* layout.h — the lines of a letter that a language lays out its own way:
 * an addressee's block, a copied recipient's line, the place and date,
 * a signer's block.  Each language profile gives patterns for them
 * (layout.addressee, layout.copy, …: doc/language-profiles.md); this
 * module reads and checks the patterns and expands them.  Not installed.
 *
 * A pattern is text with fields in braces and optional parts in
 * brackets:
 *
 *     "[{courtesy} ]{name}[, {title}]"
 *
 * A field is replaced by its value; a bracketed part is left out when a
 * field in it has no value.  Outside brackets a field without a value
 * is left out with the blanks around it, so "{title} {name} 귀하" gives
 * "통일부 장관 귀하" for an office with no name.  "[[", "]]", "{{" and
 * "}}" stand for the bracket or brace itself. */
#ifndef MS_LAYOUT_H
#define MS_LAYOUT_H

#include "missive.h"
#include "profile.h"

/* The fields a pattern may name. */
typedef enum ms_field {
	MS_FIELD_TEXT = 0,        /* not a field: literal text of the pattern */
	MS_FIELD_NAME = 1,        /* {name} */
	MS_FIELD_TITLE = 2,       /* {title} */
	MS_FIELD_COURTESY = 3,    /* {courtesy}: the form of address */
	MS_FIELD_ORGANISATION = 4, /* {organisation} */
	MS_FIELD_PLACE = 5,       /* {place} */
	MS_FIELD_DATE = 6,        /* {date} */
	MS_FIELD_COUNT
} ms_field;

/* One piece of an expanded line: literal text (TEXT, LEN bytes of the
 * pattern, or of the courtesy text), or a field the caller fills in. */
typedef struct ms_piece {
	ms_field field;
	const char *text;
	size_t len;
} ms_piece;

/* The patterns, by what they lay out. */
typedef enum ms_pattern_kind {
	MS_PATTERN_ADDRESSEE = 0,        /* layout.addressee: lines (a list) */
	MS_PATTERN_ADDRESSEE_OFFICE = 1, /* layout.addressee-office: lines */
	MS_PATTERN_COPY = 2,             /* layout.copy: one line */
	MS_PATTERN_COPY_OFFICE = 3,      /* layout.copy-office: one line */
	MS_PATTERN_PLACE_DATE = 4,       /* layout.place-date: one line */
	MS_PATTERN_SIGNER = 5,           /* layout.signer: lines */
} ms_pattern_kind;

/* At most this many lines in a pattern list. */
#define MS_LAYOUT_MAX_LINES 8

/* The pattern lines of KIND for profile P (NULL: none), at most MAX of
 * them into LINES; returns how many.  When P or a parent sets the key,
 * *VALS are its values (borrowed, with their places); otherwise the
 * patterns are implied by the older keys layout.name-after-title and
 * layout.recipient-suffix (or neutral ones), written into STORE, and
 * *VALS is NULL.  LINES point into the values or into STORE. */
size_t ms_layout_patterns(const ms_profile *p, ms_pattern_kind kind,
                          const ms_pvalue **vals, const char **lines,
                          size_t max, ms_buf *store);

/* Check every pattern of P: braces and brackets balanced, fields known
 * and allowed for their kind.  Problems are reported through H at the
 * pattern's file, line and column; MS_ERR_INVALID after any. */
ms_status ms_layout_check(const ms_profile *p, ms_diag_handler *h);

/* Expand PATTERN given which fields have a value (HAVE: a bit per
 * ms_field, 1u << MS_FIELD_NAME, …).  Pieces go to OUT (at most MAX);
 * COURTESY stands for the {courtesy} field's text.  Returns the number
 * of pieces (0 for a line with nothing in it); a pattern that
 * ms_layout_check refuses gives its literal text. */
size_t ms_layout_expand(const char *pattern, unsigned have, ms_piece *out,
                        size_t max);

/* Lines laid out: each a list of pieces.  The pieces' texts are
 * borrowed from the profile and from the layout's own STORE. */
#define MS_LAYOUT_MAX_PIECES 16
typedef struct ms_layout_line {
	ms_piece pieces[MS_LAYOUT_MAX_PIECES];
	size_t n;
} ms_layout_line;

typedef struct ms_layout {
	ms_layout_line lines[MS_LAYOUT_MAX_LINES];
	size_t n;              /* lines with something in them */
	ms_buf store;
} ms_layout;

/* The lines of recipient R before its organisation and address, in the
 * language of profile P (NULL: neutral): an addressee's block (COPY
 * false) or a copied recipient's one line; a recipient without a name is
 * laid out as an office.  The {courtesy} pieces hold the courtesy text;
 * the caller fills the other fields from R.  Release with
 * ms_layout_release. */
void ms_layout_recipient(ms_layout *out, const ms_profile *p,
                         const ms_recipient *r, bool copy);
/* The lines of signer G (its name, title and organisation). */
void ms_layout_signer(ms_layout *out, const ms_profile *p,
                      const ms_signer *g);
/* The one line of the place and date of writing (HAVE_PLACE: the letter
 * names a place). */
void ms_layout_place_date(ms_layout *out, const ms_profile *p,
                          bool have_place);
void ms_layout_release(ms_layout *out);

/* Whether R's organisation line is printed: not when R has none, nor
 * when its title already names it ("외교부 장관" names "외교부"). */
bool ms_layout_organisation_shown(const ms_recipient *r);

/* The text of courtesy class CLASS ("excellency") for GENDER
 * ("feminine", "masculine" or NULL) in P: layout.courtesy.CLASS when it
 * is one value, else its GENDER entry, else its "default" entry.  NULL
 * when the language has none (English writes no courtesy title where
 * Spanish writes "Excelentísimo Señor").  Borrowed. */
const char *ms_layout_courtesy(const ms_profile *p, const char *cls,
                               const char *gender);

#endif
