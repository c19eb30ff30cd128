/* missive.h — public interface of libmissive.
 *
 * libmissive turns letters (YAML front matter + Markdown) into translatable
 * units, keeps gettext catalogues, checks translations and hands localised
 * letters to writer plugins.  The stages, in the order data flows through
 * them, are: reader → segment → catalog → check → localize → plugin.
 *
 * Conventions (see doc/hacking.md):
 *  - functions are ms_<module>_<verb>; types ms_<noun>; constants MS_*;
 *  - a returned `const char *` is borrowed, a returned `char *` is freshly
 *    allocated and the caller frees it with free();
 *  - _new/_free for heap objects, _init/_release for embedded structs;
 *    every _free accepts NULL;
 *  - the library never prints and never exits: problems reach the caller as
 *    ms_diag records through an ms_diag_handler, and as an ms_status.
 *
 * The document model (ms_letter and friends) is read by plugins, so its
 * layout is part of the plugin ABI (missive-plugin.h): members are only ever
 * appended, lists are linked through `next` pointers (never arrays of
 * structs), and any other change bumps MS_PLUGIN_ABI_MAJOR.
 */
#ifndef MISSIVE_H
#define MISSIVE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define MS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define MS_PRINTF(f, a)
#endif

/* ------------------------------------------------------------------ status */

/* Append-only: never renumber, never remove. */
typedef enum ms_status {
	MS_OK = 0,
	MS_ERR_NOMEM = 1,       /* out of memory */
	MS_ERR_IO = 2,          /* a file could not be read or written */
	MS_ERR_PARSE = 3,       /* malformed input (YAML, Markdown, PO, …) */
	MS_ERR_INVALID = 4,     /* well-formed input that breaks the schema */
	MS_ERR_ENCODING = 5,    /* invalid UTF-8 or a NUL byte */
	MS_ERR_NOT_FOUND = 6,   /* a file, plugin, language or format is missing */
	MS_ERR_PLUGIN = 7,      /* a plugin could not be loaded */
	MS_ERR_ABI = 8,         /* a plugin was built against another ABI */
	MS_ERR_UNSUPPORTED = 9, /* the operation is not supported */
	MS_ERR_ICU = 10,        /* ICU reported an error */
	MS_ERR_FINDINGS = 11,   /* checks found errors */
	MS_ERR_BLOCKED = 12,    /* publication blocked (untranslated, findings) */
	MS_ERR_USAGE = 13,      /* wrong arguments to the library */
	MS_ERR_LOCKED = 14,     /* another process holds the lock */
	MS_ERR_CHANGED = 15,    /* a file changed under us while we worked */
	MS_ERR_RENDER = 16,     /* a writer failed to render */
} ms_status;

/* A short English description of STATUS (translated when NLS is on). */
const char *ms_strerror(ms_status status);

/* The version of the library in use ("0.2.0"): the package version it was
 * built from.  Static. */
const char *ms_version(void);

/* ------------------------------------------------------------ allocation */

/* Allocation wrappers: on exhaustion they abort (the only abort in the
 * library).  ms_xstrndup copies at most N bytes and NUL-terminates. */
void *ms_xmalloc(size_t n);
void *ms_xcalloc(size_t nmemb, size_t size);
void *ms_xrealloc(void *p, size_t n);
char *ms_xstrdup(const char *s);
char *ms_xstrndup(const char *s, size_t n);

/* ------------------------------------------------------------------ ms_buf */

/* A growable byte string, always NUL-terminated, never NULL (like git's
 * strbuf).  Initialise with MS_BUF_INIT or ms_buf_init(). */
typedef struct ms_buf {
	char *ptr;
	size_t len;
	size_t cap;
} ms_buf;

extern char ms_buf_empty_[];
#define MS_BUF_INIT { ms_buf_empty_, 0, 0 }

void ms_buf_init(ms_buf *b, size_t hint);
void ms_buf_release(ms_buf *b);
void ms_buf_reset(ms_buf *b);                     /* len = 0, keeps memory */
void ms_buf_grow(ms_buf *b, size_t extra);
void ms_buf_put(ms_buf *b, const void *data, size_t n);
void ms_buf_puts(ms_buf *b, const char *s);
void ms_buf_putc(ms_buf *b, int c);
void ms_buf_printf(ms_buf *b, const char *fmt, ...) MS_PRINTF(2, 3);
void ms_buf_vprintf(ms_buf *b, const char *fmt, va_list ap);
void ms_buf_truncate(ms_buf *b, size_t len);
/* Append S as a JSON string, quotes included ("null" when S is NULL):
 * RFC 8259 escapes, control characters, DEL, U+2028 and U+2029 as \uXXXX,
 * invalid UTF-8 as \ufffd.  HTML_SAFE also writes '<' as \u003c, so the
 * text can sit inside an HTML <script> element. */
void ms_buf_put_json(ms_buf *b, const char *s, bool html_safe);
/* Give up ownership of the string: freshly allocated, caller frees. */
char *ms_buf_detach(ms_buf *b, size_t *len);

/* --------------------------------------------------------------- diag */

typedef enum ms_severity {
	MS_NOTE = 0,
	MS_WARNING = 1,
	MS_ERROR = 2,
} ms_severity;

/* One diagnostic.  All strings are borrowed for the duration of the call. */
typedef struct ms_diag {
	ms_severity severity;
	const char *check;     /* check id ("glossary/forbidden") or NULL */
	const char *file;      /* NULL when not about a file */
	unsigned line;         /* 1-based; 0 = unknown */
	unsigned column;       /* 1-based; 0 = unknown */
	const char *message;   /* lowercase, no final full stop */
} ms_diag;

typedef void (*ms_diag_fn)(const ms_diag *diag, void *data);

/* The caller supplies one of these; the library counts what it sends. */
typedef struct ms_diag_handler {
	ms_diag_fn fn;         /* may be NULL: diagnostics are only counted */
	void *data;
	unsigned errors;
	unsigned warnings;
} ms_diag_handler;

/* Format and deliver a diagnostic; H may be NULL. */
void ms_diag_emit(ms_diag_handler *h, ms_severity sev, const char *check,
                  const char *file, unsigned line, unsigned column,
                  const char *fmt, ...) MS_PRINTF(7, 8);
void ms_diag_vemit(ms_diag_handler *h, ms_severity sev, const char *check,
                   const char *file, unsigned line, unsigned column,
                   const char *fmt, va_list ap);
/* Deliver a ready-made record (used to forward diagnostics). */
void ms_diag_send(ms_diag_handler *h, const ms_diag *d);

/* --------------------------------------------------------------- utf8 */

/* Check that S[0..LEN) is valid UTF-8 without NUL bytes.  Returns true when
 * it is; otherwise stores the byte offset of the first bad byte in *BAD and
 * its 1-based line and column (in characters) in *LINE and *COL (each may
 * be NULL). */
bool ms_utf8_validate(const char *s, size_t len, size_t *bad,
                      unsigned *line, unsigned *col);

/* Decode the UTF-8 sequence at S (N > 0 bytes left) into *CP and return
 * its length.  A byte that does not start a well-formed sequence
 * (overlong, surrogate, past U+10FFFF, cut short) gives *CP = UINT32_MAX
 * and length 1, so a caller can replace it and go on. */
size_t ms_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* True for a character no letter should carry: a C0 control but tab and
 * line feed, DEL and the C1 controls, a noncharacter (U+FDD0..U+FDEF,
 * U+xxFFFE, U+xxFFFF).  Writers drop them; `missive check` reports a
 * translation that brings one. */
bool ms_utf8_is_unwanted(uint32_t c);

/* URL as writers should emit it: invalid UTF-8 as %EF%BF%BD, C0/C1
 * controls and DEL dropped, blanks at either end removed; into B
 * (reset first).  What a writer checks is then exactly what it writes. */
void ms_url_clean(const char *url, ms_buf *b);
/* True when a cleaned URL may become a live link: it has no scheme (a
 * relative reference) or its scheme is http, https or mailto (any case).
 * javascript:, data: and the rest are to be shown as text. */
bool ms_url_safe(const char *url);

/* -------------------------------------------------------- document model */

/* A position in a source file, 1-based; 0 means unknown. */
typedef struct ms_pos {
	uint32_t line;
	uint32_t column;
} ms_pos;

typedef struct ms_date {
	int year, month, day;  /* all 0 when absent */
} ms_date;

typedef enum ms_inline_type {
	MS_INLINE_TEXT = 0,      /* text: literal text */
	MS_INLINE_EMPH = 1,      /* children */
	MS_INLINE_STRONG = 2,    /* children */
	MS_INLINE_LINK = 3,      /* children, url, title */
	MS_INLINE_SUP = 4,       /* <sup>children</sup> */
	MS_INLINE_SUB = 5,       /* <sub>children</sub> */
	MS_INLINE_UNDERLINE = 6, /* <u>children</u> */
	MS_INLINE_CODE = 7,      /* text: code span */
	MS_INLINE_SOFTBREAK = 8, /* a line break in the source paragraph */
	MS_INLINE_LINEBREAK = 9, /* a hard line break */
	MS_INLINE_HTML = 10,     /* text: other inline HTML, kept verbatim */
	/* ---- plugin ABI 1.2 */
	MS_INLINE_STRIKE = 11,   /* ~~children~~: struck-through text */
	MS_INLINE_FOOTNOTE = 12, /* a footnote reference (no children): number
	                            names the FOOTNOTE block of the letter's
	                            footnotes list with that number */
} ms_inline_type;

typedef struct ms_inline {
	ms_inline_type type;
	char *text;                 /* TEXT, CODE, HTML; else NULL */
	char *url;                  /* LINK; else NULL */
	char *title;                /* LINK (may be NULL) */
	struct ms_inline *children; /* container types */
	struct ms_inline *next;
	/* ---- plugin ABI 1.2 */
	int number;                 /* FOOTNOTE: the footnote's number, from 1 */
} ms_inline;

typedef enum ms_block_type {
	MS_BLOCK_PARAGRAPH = 0,  /* inlines */
	MS_BLOCK_HEADING = 1,    /* inlines, level */
	MS_BLOCK_LIST = 2,       /* children (ITEM), ordered, start, tight */
	MS_BLOCK_ITEM = 3,       /* children */
	MS_BLOCK_QUOTE = 4,      /* children */
	MS_BLOCK_BREAK = 5,      /* thematic break */
	/* ---- plugin ABI 1.2 */
	MS_BLOCK_TABLE = 6,      /* children (ROW), columns */
	MS_BLOCK_ROW = 7,        /* children (CELL), header; every row of a
	                            table has the table's number of cells */
	MS_BLOCK_CELL = 8,       /* inlines, align */
	MS_BLOCK_FOOTNOTE = 9,   /* children, number: a footnote's text (only
	                            in ms_letter.footnotes, never in a body) */
} ms_block_type;

typedef struct ms_block {
	ms_block_type type;
	ms_pos pos;
	int level;                  /* HEADING: 1–6 */
	bool ordered;               /* LIST */
	bool tight;                 /* LIST */
	int start;                  /* LIST, when ordered */
	ms_inline *inlines;         /* PARAGRAPH, HEADING, CELL */
	struct ms_block *children;  /* LIST, ITEM, QUOTE, TABLE, ROW, FOOTNOTE */
	struct ms_block *next;
	/* ---- plugin ABI 1.2 */
	int columns;                /* TABLE: cells per row */
	bool header;                /* ROW: the table's header row (its first) */
	char align;                 /* CELL: 'l', 'c' or 'r' as the table's
	                               delimiter row says, or 0 */
	int number;                 /* FOOTNOTE: its number, from 1, in the
	                               order of the first references */
} ms_block;

/* A front-matter string that may carry inline markup ("80<sup>th</sup>"). */
typedef struct ms_text {
	char *src;          /* as written (Markdown/HTML inline syntax) */
	ms_inline *inlines; /* parsed */
	ms_pos pos;         /* where the value starts in the letter file */
} ms_text;

/* A plain list of strings, linked. */
typedef struct ms_line {
	ms_text text;
	struct ms_line *next;
} ms_line;

/* A recipient is a person (name, with the title of their office) or an
 * office addressed without a personal name: then name is empty and title
 * holds the office ("Minister of Foreign Affairs").  Writers lay both out
 * with the conventions of the letter's language (the writer kit). */
typedef struct ms_recipient {
	ms_text name;          /* proper name (transliterated); empty for an
	                          office addressed by its title alone */
	ms_text title;         /* "President of the Republic of Korea" */
	ms_text organisation;  /* "Ministry of Unification" */
	ms_line *address;      /* address lines, top to bottom */
	ms_line *fax;          /* one or more numbers, verbatim */
	ms_line *email;        /* verbatim */
	ms_pos pos;
	struct ms_recipient *next;
	/* ---- plugin ABI 1.2 */
	char *courtesy;        /* the form of address the addressee is owed,
	                          as a class ("excellency") each language
	                          writes its own way; NULL for none */
	char *gender;          /* "feminine" or "masculine": the grammatical
	                          gender of that form ("Excelentísima Señora");
	                          NULL when not given */
} ms_recipient;

typedef struct ms_signatory {
	ms_text name;          /* organisation or person */
	ms_text affiliation;   /* individuals: role, empty for groups */
	ms_pos pos;
	struct ms_signatory *next;
} ms_signatory;

/* An image a letter names (a logo, a signature).  The reader reads the
 * file, checks that it is a PNG, JPEG or SVG image, and keeps its bytes:
 * writers never open files. */
typedef struct ms_image {
	char *path;            /* as written, relative to the letter (or to
	                          missive.yaml for the project's letterhead) */
	char *type;            /* "image/png", "image/jpeg" or "image/svg+xml" */
	unsigned char *data;   /* the file's bytes */
	size_t len;
	/* Its intrinsic size: a PNG's or JPEG's pixels, an SVG's viewBox (or width
	 * and height) in user units; 0 when an SVG gives neither. */
	double width, height;
	ms_pos pos;            /* where the path is written */
} ms_image;

/* The letterhead: who sends the letter and how to reach them. */
typedef struct ms_sender {
	ms_text organisation;  /* translatable (an official name, or copied) */
	ms_line *address;      /* translatable, line by line */
	ms_line *phone;        /* verbatim */
	ms_line *fax;          /* verbatim */
	ms_line *email;        /* verbatim */
	ms_line *web;          /* verbatim */
	ms_image *logo;        /* or NULL */
	ms_pos pos;
} ms_sender;

/* One person who signs the letter (the signature block). */
typedef struct ms_signer {
	ms_text name;          /* transliterated */
	ms_text title;         /* "Executive Director" */
	ms_text organisation;  /* "Transitional Justice Working Group" */
	ms_image *signature;   /* a scanned signature, or NULL */
	ms_pos pos;
	struct ms_signer *next;
} ms_signer;

/* Labels are the letter's furniture ("Re:", "Fax:", "CC", …).  The reader
 * fills them with the source-language defaults; the localizer replaces
 * them with the catalogue's translations. */
typedef struct ms_labels {
	char *subject;        /* "Re:" */
	char *fax;            /* "Fax:" */
	char *email;          /* "E-mail:" */
	char *cc;             /* "CC." */
	char *signatories;    /* "Signatories" */
	char *as_of;          /* "as of %s": %s is the formatted date */
	char *groups;         /* "Groups" */
	char *individuals;    /* "Individuals" */
	char *draft;          /* "DRAFT" */
	char *page;           /* "Page %d of %d" */
} ms_labels;

/* Labels added after plugin ABI 1.1.  ms_labels sits inside ms_letter,
 * so it cannot grow: these live in a table of the letter, indexed by
 * ms_label_id (only ever appended), read with ms_letter_label(). */
typedef enum ms_label_id {
	MS_LABEL_OUR_REF = 0,     /* "Our ref.:" */
	MS_LABEL_YOUR_REF = 1,    /* "Your ref.:" */
	MS_LABEL_PHONE = 2,       /* "Tel.:" (the letterhead) */
	MS_LABEL_WEB = 3,         /* "Web:" (the letterhead) */
	MS_LABEL_ENCLOSURE = 4,   /* "Enclosure:" (one) */
	MS_LABEL_ENCLOSURES = 5,  /* "Enclosures:" (several) */
	MS_LABEL_ANNEX = 6,       /* "Annex": heading of the signatory annex */
	MS_LABEL_SEE_ANNEX = 7,   /* "The signatories are listed in the annex." */
	MS_LABEL_NOTES = 8,       /* "Notes": heading of endnotes */
	MS_LABEL_SPECIMEN = 9,    /* "SPECIMEN": mark on sample letters */
	MS_LABEL_COUNT            /* (not a label: how many there are) */
} ms_label_id;

typedef struct ms_letter {
	char *id;              /* file name without ".md"; [A-Za-z0-9._-] */
	char *path;            /* the source file as given */
	char *lang;            /* language of this model (BCP 47) */
	char *source_lang;     /* language the letter was written in */
	bool sample;           /* a sample letter, not a real one */
	bool draft;            /* some units fell back to the source text */
	ms_date date;
	char *date_text;       /* date formatted for LANG (set by localize) */
	ms_pos date_pos;
	ms_recipient *recipients;
	ms_recipient *cc;
	ms_text subject;
	ms_text salutation;
	ms_block *body;
	ms_text closing;
	ms_date signed_as_of;  /* signatories "as of" date; 0 when absent */
	char *as_of_text;      /* formatted (set by localize) */
	ms_signatory *groups;
	ms_signatory *individuals;
	ms_labels labels;
	char *segmentation;    /* per-letter override: "sentence"/"paragraph"; NULL */
	ms_text author;        /* optional: who sends the letter (metadata) */
	/* ---- plugin ABI 1.2 */
	ms_sender *sender;     /* the letterhead (front matter `letterhead`,
	                          over missive.yaml's), or NULL */
	ms_text place;         /* place of writing ("Seoul"), translatable */
	ms_text our_ref;       /* the sender's reference, verbatim */
	ms_text your_ref;      /* the addressee's reference, verbatim */
	ms_signer *signers;    /* the signature block, in order */
	ms_line *enclosures;   /* what goes with the letter, translatable */
	ms_block *footnotes;   /* FOOTNOTE blocks, by number (1, 2, …) */
	bool signatories_annex; /* the signatory list is long: it goes in an
	                          annex after the letter, which the signature
	                          area points to (MS_LABEL_SEE_ANNEX) */
	char **more_labels;    /* MS_LABEL_COUNT labels; use ms_letter_label */
} ms_letter;

ms_letter *ms_letter_new(void);
void ms_letter_free(ms_letter *l);
/* Deep copy: freshly allocated, caller frees with ms_letter_free. */
ms_letter *ms_letter_clone(const ms_letter *l);
ms_inline *ms_inline_new(ms_inline_type type);
void ms_inline_free(ms_inline *list);      /* frees the whole sibling list */
ms_inline *ms_inline_clone(const ms_inline *list);
ms_block *ms_block_new(ms_block_type type);
void ms_block_free(ms_block *list);        /* frees the whole sibling list */
void ms_text_release(ms_text *t);
void ms_text_set(ms_text *t, const char *src, ms_inline *inlines);
/* Plain text of an inline list (markup dropped, breaks as spaces):
 * appended to OUT. */
void ms_inline_plain(const ms_inline *list, ms_buf *out);
/* Fill L->labels with the built-in English labels (freeing old ones). */
void ms_labels_set_defaults(ms_labels *labels);
void ms_labels_release(ms_labels *labels);
/* True when ID is a safe letter id: 1–128 bytes of [A-Za-z0-9._-], not
 * starting with '.' or '-'. */
bool ms_letter_id_valid(const char *id);
/* A label added after ABI 1.1 (ms_label_id); "" when L has none or ID is
 * out of range, never NULL.  Borrowed. */
const char *ms_letter_label(const ms_letter *l, ms_label_id id);
/* The footnote numbered N in L->footnotes, or NULL. */
const ms_block *ms_letter_footnote(const ms_letter *l, int n);
void ms_image_free(ms_image *img);
ms_image *ms_image_clone(const ms_image *img);   /* NULL for NULL */
void ms_sender_free(ms_sender *s);
ms_sender *ms_sender_clone(const ms_sender *s);  /* NULL for NULL */

/* ----------------------------------------------------------------- reader */

typedef struct ms_config ms_config;   /* opaque; see "config" below */

/* Read a letter file (YAML front matter between "---" lines, then a
 * Markdown body).  Problems go to H with the letter's line and column.
 * On success *OUT is a new letter (caller frees); on failure *OUT is NULL.
 * A missing file is MS_ERR_NOT_FOUND. */
ms_status ms_reader_read_file(const char *path, ms_letter **out,
                              ms_diag_handler *h);
/* The same from memory; NAME is used in diagnostics and to derive the id. */
ms_status ms_reader_read_mem(const char *name, const char *data, size_t len,
                             ms_letter **out, ms_diag_handler *h);
/* Read a letter of the project CONFIG describes (NULL: the defaults), as
 * ms_reader_read_file does, with the project's settings: its letterhead
 * (missive.yaml `letterhead`) gives what the letter's own `letterhead`
 * leaves out,
 * and its `signatory-annex` threshold decides where a long signatory list
 * goes, unless the letter says. */
ms_status ms_reader_read_letter(const char *path, const ms_config *config,
                                ms_letter **out, ms_diag_handler *h);
/* Parse an inline Markdown fragment (a front-matter value) into inlines.
 * Freshly allocated, caller frees with ms_inline_free(); NULL for empty
 * input.  Never fails: block markers stay literal text. */
ms_inline *ms_reader_parse_inline(const char *src, size_t len);

/* ----------------------------------------------------------------- config */

/* ms_config, a project's settings (missive.yaml), is opaque: read it
 * through the functions below.  The fields are internal (core/internal.h)
 * so that adding a setting never changes the library's interface. */

/* Load PATH (missive.yaml).  A missing file is MS_ERR_NOT_FOUND; unknown
 * keys are warnings with their line. *OUT is freshly allocated. */
ms_status ms_config_load(const char *path, ms_config **out, ms_diag_handler *h);
/* The defaults, as if missive.yaml were empty. */
ms_config *ms_config_new_default(void);
void ms_config_free(ms_config *c);
/* The severity configured for CHECK ("glossary", "inline-tags", …;
 * a "glossary/forbidden" id also matches a "glossary" setting); DFLT when
 * not configured.  *ENABLED is false when it is set to "off". */
ms_severity ms_config_check_severity(const ms_config *c, const char *check,
                                     ms_severity dflt, bool *enabled);
/* "a4" or "letter" for LANG. Borrowed. */
const char *ms_config_paper(const ms_config *c, const char *lang);
/* The translation notice for letters in LANG (missive.yaml
 * translation-notice), or NULL when there is none.  Borrowed. */
const char *ms_config_notice(const ms_config *c, const char *lang);

/* --------------------------------------------------------------- atomic */

/* Write DATA to PATH atomically: a temporary file in the same folder,
 * fsync, then rename.  Never writes through a symlink at PATH.  On error
 * nothing is left behind and the old PATH is intact. */
ms_status ms_atomic_write(const char *path, const void *data, size_t len,
                          ms_diag_handler *h);
/* Flags of ms_atomic_write_flags. */
enum {
	/* Skip the fsync: the file still appears whole or not at all to
	 * every reader (rename), but after a power failure it may be empty
	 * or old.  For outputs that can be regenerated (out/), never for
	 * translators' work. */
	MS_WRITE_NO_SYNC = 1 << 0,
	/* When PATH already holds exactly these bytes, leave it (only its
	 * modification time is refreshed): no new inode, no rename, nothing
	 * for a publishing step that syncs by content to redo. */
	MS_WRITE_IF_CHANGED = 1 << 1
};
/* ms_atomic_write with FLAGS (MS_WRITE_*; 0 is ms_atomic_write). */
ms_status ms_atomic_write_flags(const char *path, const void *data, size_t len,
                                unsigned flags, ms_diag_handler *h);
/* Create DIR and its parents (mode 0777 & ~umask). */
ms_status ms_mkdirs(const char *dir, ms_diag_handler *h);
/* Read a whole file; *DATA freshly allocated, NUL-terminated. */
ms_status ms_read_file(const char *path, char **data, size_t *len,
                       ms_diag_handler *h);

#ifdef __cplusplus
}
#endif
#endif /* MISSIVE_H */
