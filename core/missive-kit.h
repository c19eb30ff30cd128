/* missive-kit.h — the writer kit: what every writer plugin needs and no writer
 * should write again.
 *
 * 1. An iterator over a localised letter, in the manner of cmark's
 *    (cmark_iter_next with CMARK_EVENT_ENTER and CMARK_EVENT_EXIT).  It
 *    presents the letter's parts in the order every writer lays them out
 *    — draft mark, specimen mark, translation notice, date, addressees, copies, subject, salutation, body
 *    (blocks, then inlines), closing, signatories — and applies the
 *    language's conventions on the way: an addressee's lines come in the
 *    locale's name/title order with its honorific, empty parts and lines
 *    are left out, labels and dates come ready to print.  A writer is
 *    then a loop over events that knows only its format:
 *
 *        ms_kit_iter *it = ms_kit_iter_new(letter, locale, 0);
 *        ms_kit_node *n;
 *        ms_kit_event ev;
 *        while ((ev = ms_kit_iter_next(it, &n)) != MS_KIT_DONE) {
 *                switch (n->part) { … }
 *        }
 *        ms_kit_iter_free(it);
 *
 *    Containers give an ENTER event, their children's events, then an
 *    EXIT event; leaves (n->leaf) give one ENTER event only.  The
 *    iterator walks with a stack of its own, never by recursion, so a
 *    letter nested thousands of levels deep costs memory, not the C
 *    stack.
 *
 * 2. Helpers: non-empty tests, plain text, dates (ISO 8601 and the
 *    localised text), labels with a value put in by hand ("as of %s",
 *    "Page %d of %d": a translation is never used as a format string),
 *    link display (whether the address must be shown beside a link's
 *    words), emphasis and line breaking from the locale.
 *
 * Everything here is plugin ABI (missive-plugin.h, 1.1 and later): enum
 * values and ms_kit_node members are only ever appended.
 *
 * Ownership: nodes, and every string a node points to, are borrowed from
 * the iterator and the letter; a node is valid until the next call to
 * ms_kit_iter_next (its parents until their EXIT).
 */
#ifndef MISSIVE_KIT_H
#define MISSIVE_KIT_H

#include "missive-plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ iterator */

typedef enum ms_kit_event {
	MS_KIT_DONE = 0,   /* no more events */
	MS_KIT_ENTER = 1,  /* a node starts (a leaf is only entered) */
	MS_KIT_EXIT = 2,   /* a container ends */
} ms_kit_event;

/* The parts of a letter, in the order they come. */
typedef enum ms_kit_part {
	MS_KIT_LETTER = 1,       /* the whole letter: first ENTER, last EXIT */
	MS_KIT_DRAFT = 2,        /* leaf: the draft mark (only for drafts);
	                            text: the label ("DRAFT" when it is empty:
	                            a draft is never unmarked) */
	MS_KIT_DATE = 3,         /* leaf: text: the localised date, or ISO
	                            8601 when there is none; date */
	MS_KIT_ADDRESSEES = 4,   /* RECIPIENT children */
	MS_KIT_COPIES = 5,       /* RECIPIENT children; text: the "CC." label
	                            or NULL */
	MS_KIT_RECIPIENT = 6,    /* LINE children; recipient */
	MS_KIT_LINE = 7,         /* one line of an address block (role):
	                            FIELD children */
	MS_KIT_FIELD = 8,        /* a piece of a line (role): with a ms_text
	                            (ms), INLINE children; otherwise a leaf
	                            whose text is a label or an honorific.
	                            An ms_text with a source but no inlines
	                            gets one TEXT inline holding the source */
	MS_KIT_SUBJECT = 9,      /* INLINE children; ms; text: the "Re:"
	                            label or NULL */
	MS_KIT_SALUTATION = 10,  /* INLINE children; ms */
	MS_KIT_BODY = 11,        /* BLOCK children */
	MS_KIT_BLOCK = 12,       /* block: BLOCK or INLINE children; a
	                            thematic break is a leaf */
	MS_KIT_INLINE = 13,      /* inl: text, code, breaks and raw HTML are
	                            leaves; the others have INLINE children */
	MS_KIT_CLOSING = 14,     /* INLINE children; ms */
	MS_KIT_SIGNATORIES = 15, /* SIGNATORY_LIST children; text: the
	                            heading ("Signatories (as of July 9,
	                            2025)") or NULL; date, date_at, date_len */
	MS_KIT_SIGNATORY_LIST = 16, /* role GROUPS or INDIVIDUALS; SIGNATORY
	                            children; text: its label or NULL */
	MS_KIT_SIGNATORY = 17,   /* signatory: FIELD children (NAME, then
	                            AFFILIATION for individuals that have one) */
	MS_KIT_SPECIMEN = 18,    /* leaf, right after DRAFT: the letter is a
	                            sample (ms_letter.sample); text: the mark,
	                            to be shown on every page ("SPECIMEN":
	                            not yet a translated label) */
	MS_KIT_NOTICE = 19,      /* leaf, right after SPECIMEN: the locale's
	                            translation notice (ms_locale.notice), to
	                            be shown before the letter; text: it */
	/* ---- plugin ABI 1.2: the letter model's new parts */
	MS_KIT_LETTERHEAD = 20,  /* first after the marks: LINE children
	                            (ORGANISATION, ADDRESS, then PHONE, FAX,
	                            EMAIL, WEB: LABEL and value); sender;
	                            image: its logo or NULL */
	MS_KIT_REFERENCES = 21,  /* right after DATE: LINE children (OUR_REF,
	                            YOUR_REF: LABEL and value) */
	MS_KIT_SIGNERS = 22,     /* after CLOSING: SIGNER children */
	MS_KIT_SIGNER = 23,      /* LINE children laid out by the language
	                            (layout.signer); signer; image: the
	                            scanned signature or NULL */
	MS_KIT_SEE_ANNEX = 24,   /* leaf where the signatories would be when
	                            they go in an annex; text: the note.  The
	                            SIGNATORIES then come after ENCLOSURES,
	                            with role ANNEX and the "Annex" label as
	                            text_before */
	MS_KIT_ENCLOSURES = 25,  /* LINE children (ENCLOSURE); text: the
	                            label ("Enclosure:" or "Enclosures:") */
	MS_KIT_FOOTNOTES = 26,   /* last: BLOCK children (the FOOTNOTE
	                            blocks); text: the "Notes" label.  Writers
	                            of page footnotes skip it and place each
	                            note where ms_letter_footnote finds it */
} ms_kit_part;

/* What a LINE, FIELD or SIGNATORY_LIST holds. */
typedef enum ms_kit_role {
	MS_KIT_ROLE_NONE = 0,
	MS_KIT_NAME_LINE = 1,    /* LINE: "title name honorific", for
	                            locales that put the name after the title,
	                            and for copies */
	MS_KIT_NAME = 2,         /* LINE or FIELD: the name */
	MS_KIT_TITLE = 3,        /* LINE or FIELD: the title */
	MS_KIT_ORGANISATION = 4, /* LINE or FIELD */
	MS_KIT_ADDRESS = 5,      /* LINE or FIELD: one address line */
	MS_KIT_FAX = 6,          /* LINE: LABEL?, FAX; FIELD: the number */
	MS_KIT_EMAIL = 7,        /* LINE: LABEL?, EMAIL; FIELD: the address */
	MS_KIT_HONORIFIC = 8,    /* FIELD leaf: the locale's recipient suffix */
	MS_KIT_LABEL = 9,        /* FIELD leaf: "Fax:", "E-mail:" */
	MS_KIT_AFFILIATION = 10, /* FIELD: an individual signatory's role */
	MS_KIT_GROUPS = 11,      /* SIGNATORY_LIST */
	MS_KIT_INDIVIDUALS = 12, /* SIGNATORY_LIST */
	/* ---- plugin ABI 1.2 */
	MS_KIT_COURTESY = 13,    /* FIELD leaf: the form of address the
	                            language gives the addressee ("Excelentísimo
	                            Señor"); text */
	MS_KIT_PHONE = 14,       /* LINE: LABEL, PHONE; FIELD: the number */
	MS_KIT_WEB = 15,         /* LINE: LABEL, WEB; FIELD: the address */
	MS_KIT_OUR_REF = 16,     /* LINE: LABEL, OUR_REF; FIELD */
	MS_KIT_YOUR_REF = 17,    /* LINE: LABEL, YOUR_REF; FIELD */
	MS_KIT_ENCLOSURE = 18,   /* LINE and FIELD: one enclosure */
	MS_KIT_ANNEX = 19,       /* SIGNATORIES moved to an annex */
} ms_kit_role;

typedef struct ms_kit_node {
	ms_kit_part part;
	ms_kit_role role;
	bool leaf;                        /* entered only, never exited */
	int depth;                        /* LETTER is 0 */
	size_t index;                     /* among its siblings, from 0 */
	const struct ms_kit_node *parent; /* NULL for LETTER */
	const char *text;                 /* see each part */
	const ms_text *ms;                /* FIELD, SUBJECT, SALUTATION, CLOSING */
	const ms_block *block;            /* BLOCK */
	const ms_inline *inl;             /* INLINE */
	const ms_recipient *recipient;    /* RECIPIENT, and its LINEs and FIELDs */
	const ms_signatory *signatory;    /* SIGNATORY and its FIELDs */
	const ms_date *date;              /* DATE, SIGNATORIES */
	long number;                      /* BLOCK: an item's number in an
	                                     ordered list (start + index) */
	size_t date_at, date_len;         /* SIGNATORIES: where the date sits
	                                     in text (date_len 0: none) */
	/* Free for the writer: what it stores on ENTER it finds again on
	 * the EXIT of the same node (a buffer offset, a paragraph's start). */
	size_t mark;
	/* ---- plugin ABI 1.2 */
	/* FIELD of a LINE: what goes before it on its line, as the
	 * language's layout says ("" for the first field, " " or ", "
	 * between fields, " " before an honorific or a label's value).
	 * Writers print it instead of spacing fields themselves. */
	const char *sep;
	const ms_image *image;            /* LETTERHEAD (logo), SIGNER */
	const ms_sender *sender;          /* LETTERHEAD and its LINEs, FIELDs */
	const ms_signer *signer;          /* SIGNER and its LINEs, FIELDs */
	const char *text_before;          /* SIGNATORIES in an annex: the
	                                     annex's heading ("Annex") */
} ms_kit_node;

/* Flags of ms_kit_iter_new. */
enum {
	/* Enter every part the model has, even when it is empty (a subject
	 * with no text, no recipients, no body): for writers that dump the
	 * model (JSON).  Without it empty parts and lines are left out. */
	MS_KIT_ALL = 1 << 0,
};

typedef struct ms_kit_iter ms_kit_iter;

/* An iterator over LETTER laid out for LOC (NULL: neutral defaults).
 * Both must outlive it.  Freshly allocated; free with ms_kit_iter_free. */
ms_kit_iter *ms_kit_iter_new(const ms_letter *letter, const ms_locale *loc,
                             unsigned flags);
void ms_kit_iter_free(ms_kit_iter *it);
/* The next event; *NODE is its node (borrowed, see above; writable
 * only for its mark). */
ms_kit_event ms_kit_iter_next(ms_kit_iter *it, ms_kit_node **node);
/* Skip the children of the node just entered: the next event is its
 * EXIT.  Nothing for a leaf. */
void ms_kit_iter_skip(ms_kit_iter *it);
/* The text of N, a TEXT inline just entered, with typewriter quotes (" and
 * ') turned into the locale's quotation marks (ms_locale.quotes): an
 * opening mark at the start of a text or after a blank, an opening
 * bracket or quotation mark, a dash or a slash; a closing one elsewhere.
 * A single quote after a letter closes the quotation it opened, else it
 * is an apostrophe (it’s, Citizens’).  The context runs across the
 * inlines of one paragraph or field (a line break is a blank, code a
 * letter).  Without marks in the locale, the text as it is.  Writers of
 * paper and screen formats call it; writers of sources and data (Markdown,
 * JSON) keep the author's characters.  Borrowed until the next call. */
const char *ms_kit_text(ms_kit_iter *it, const ms_kit_node *n);

/* The list block N is an item of (N a BLOCK right inside a list), or
 * NULL. */
const ms_block *ms_kit_list_of(const ms_kit_node *n);

/* Per-depth state of a writer (prefixes, indents, the tightness of the
 * blocks inside a container), as a growable array indexed by a node's
 * depth.  Initialise with MS_KIT_FRAMES_INIT(type). */
typedef struct ms_kit_frames {
	void *v;
	size_t n;      /* frames allocated */
	size_t size;   /* bytes per frame */
} ms_kit_frames;
#define MS_KIT_FRAMES_INIT(type) { NULL, 0, sizeof(type) }
/* The frame for DEPTH (>= 0), zero-filled when first reached.  The
 * array may move when a deeper frame is asked for: a pointer is valid
 * until the next call. */
void *ms_kit_frame(ms_kit_frames *f, int depth);
void ms_kit_frames_release(ms_kit_frames *f);

/* ------------------------------------------------------------ helpers */

/* S when it is a non-empty string, else NULL. */
const char *ms_kit_nonempty(const char *s);
/* True when T shows nothing: its plain text is empty or only blanks
 * (spaces, tabs, line ends). */
bool ms_kit_text_empty(const ms_text *t);
/* The plain text of T (markup dropped, breaks as spaces; its source
 * when it has no inlines), without blanks at either end, into B (reset
 * first).  Returns a pointer into B. */
const char *ms_kit_plain(const ms_text *t, ms_buf *b);
/* Append D as ISO 8601 ("2025-10-28") to B when it is a valid date (year
 * 1–9999, month 1–12, day 1–31).  Returns whether it did. */
bool ms_kit_iso_date(const ms_date *d, ms_buf *b);
/* The text to print for a date: LOCALISED when it is set, else D in ISO
 * 8601 (written into B, reset first), else "".  Borrowed. */
const char *ms_kit_date_text(const char *localised, const ms_date *d,
                             ms_buf *b);

/* Append LABEL to B with VALUE in place of its first "%s" (or after it,
 * with a space, when it has none).  The label is a translation: it is
 * never used as a format string.  Returns the offset in B where VALUE
 * starts. */
size_t ms_kit_fill(ms_buf *b, const char *label, const char *value);

/* The next piece of a page label ("Page %d of %d", "%2$d쪽 중 %1$d쪽"):
 * literal text, or a number.  *CURSOR starts at the label (NULL or ""
 * mean "%d / %d") and advances; *STATE must start at 0.  Returns 0 at
 * the end, 1 for literal text (*TEXT, *LEN), 2 for the page number, 3
 * for the number of pages.  "%d" is the page, then the count; "%1$d" and
 * "%2$d" name them; "%%" is a literal "%".  A label with no number in it
 * is followed by " %d / %d". */
int ms_kit_page_piece(const char **cursor, int *state, const char **text,
                      size_t *len);

/* True when URL, cleaned as writers write it (ms_url_clean), may become
 * a live link (ms_url_safe: http, https, mailto or relative); a
 * javascript: or data: address is to be shown as text. */
bool ms_kit_url_live(const char *url);

/* True when a link whose visible words are WORDS (plain text) must show
 * its address URL beside them on paper: the words are not the address
 * itself (nor the address of a mailto: link without "mailto:"). */
bool ms_kit_link_shows_url(const char *words, const char *url);

/* How paper formats show a link's address (ms_locale.paper_links). */
typedef enum ms_kit_links {
	MS_KIT_LINKS_AFTER = 0,     /* "words <https://…>" */
	MS_KIT_LINKS_FOOTNOTE = 1,  /* "words¹", the address in a note */
	MS_KIT_LINKS_HIDDEN = 2,    /* the words alone */
} ms_kit_links;
ms_kit_links ms_kit_paper_links(const ms_locale *loc);

/* How emphasis is shown in LOC (ms_locale.emphasis). */
typedef enum ms_kit_emphasis {
	MS_KIT_EMPH_ITALIC = 0,
	MS_KIT_EMPH_BOLD = 1,
	MS_KIT_EMPH_DOTS = 2,
} ms_kit_emphasis;
ms_kit_emphasis ms_kit_emphasis_of(const ms_locale *loc);
/* True when LOC asks for keep-all line breaking (ms_locale.line_break).
 * Keep-all means: a word (a run of characters between blanks) that holds
 * a letter of ms_kit_keep_all_letter is never broken across lines, with
 * what is attached to it ("조선민주주의인민공화국(북한)은", "인종·성별"),
 * unless it is wider than a whole line; other words break as UAX #14
 * says. */
bool ms_kit_keep_all(const ms_locale *loc);
/* True for a letter of a script whose Unicode line breaking lets a line
 * end between any two letters (UAX #14 classes ID, H2, H3, JL, JV, JT:
 * Han, Hangul, kana): the letters keep-all keeps together. */
bool ms_kit_keep_all_letter(uint32_t c);
/* The mark a sample letter carries on every page: its label
 * MS_LABEL_SPECIMEN as translated ("SPECIMEN", 견본, MUESTRA), or NULL
 * when L is not a sample.  Borrowed. */
const char *ms_kit_specimen(const ms_letter *l);
/* The plain text of footnote NUMBER of L (its paragraphs joined by
 * blanks, markup dropped) into B (reset first), for formats that print
 * a note as one run of text.  "" when L has no such note.  Returns
 * B's text.  (ABI 1.2) */
const char *ms_kit_note_plain(const ms_letter *l, int number, ms_buf *b);
/* The language of LOC, else of L (non-empty tags only); NULL when
 * neither says.  Borrowed. */
const char *ms_kit_lang(const ms_letter *l, const ms_locale *loc);

#ifdef __cplusplus
}
#endif
#endif /* MISSIVE_KIT_H */
