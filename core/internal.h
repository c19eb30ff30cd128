/* internal.h — helpers shared inside libmissive and the CLI; not installed. */
#ifndef MS_INTERNAL_H
#define MS_INTERNAL_H

#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
#include "missive.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) dgettext("missive", s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

/* The settings behind the opaque ms_config of missive.h. */
struct ms_config {
	char *path;              /* the missive.yaml read, or NULL for defaults */
	char *source_lang;       /* "en" */
	char **languages;        /* target languages, NULL-terminated */
	char **formats;          /* output extensions, NULL-terminated */
	char *corpus_dir;        /* "corpus" */
	char *po_dir;            /* "po" */
	char *out_dir;           /* "out" */
	char *domain;            /* POT name: po/<domain>.pot */
	char *project;           /* "NAME VERSION" for Project-Id-Version, or
	                            NULL: the domain */
	char *bugs;              /* Report-Msgid-Bugs-To (an e-mail address or
	                            a URL), or NULL */
	char *glossary;          /* "po/glossary.yaml" */
	char *segmentation;      /* "sentence" or "paragraph" */
	int text_width;          /* text plugin wrap width (columns) */
	char *paper_default;     /* "a4" or "letter" */
	char **paper_langs;      /* "lang=paper" pairs, NULL-terminated */
	bool split_pot;          /* one POT per letter */
	bool draft_untranslated; /* publish letters with untranslated units as drafts */
	char **checks;           /* "check-id=error|warning|off", NULL-terminated */
	char **link_targets;     /* URL patterns (fnmatch) a translator may point
	                            a link to, NULL-terminated; empty: none */
	char *profiles_dir;      /* the project's own language profiles
	                            ("lang"; see doc/language-profiles.md) */
	struct ms_profiles *profiles; /* profiles_dir (relative to the file)
	                            searched first, then the installed ones;
	                            made by ms_config_load, NULL in a default
	                            configuration (ms_config_profiles) */
	char **tm;               /* translation memories (PO or TMX files) for
	                            `missive pretranslate`, NULL-terminated */
	ms_sender *letterhead;   /* the project's letterhead, or NULL */
	int signatory_annex;     /* a signatory list of more names than this
	                            goes in an annex (`signatory-annex`) */
	int min_translated;      /* a letter with a smaller share (percent) of
	                            translated units is not published; 0: no
	                            threshold */
	char *paper_links;       /* how paper formats show a link's address:
	                            "after", "footnote" or "hidden" */
	char **notices;          /* "lang=text" pairs: the notice a letter
	                            translated into lang carries ("unofficial
	                            translation"), NULL-terminated */
	char **translators;      /* "lang=Name <address>" pairs: a new
	                            catalogue's Last-Translator */
};

/* The translator of LANG from missive.yaml's translators: ("Name
 * <address>", borrowed), or NULL. */
const char *ms_config_translator(const ms_config *c, const char *lang);

#define MS_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Free *P and set it to NULL. */
#define MS_FREE(p) do { free(p); (p) = NULL; } while (0)

/* S[0..LEN) (valid UTF-8) in Unicode Normalization Form C: freshly
 * allocated, NUL-terminated.  Text missive reads is normalised so that a
 * sentence typed with combining accents and the same sentence typed
 * precomposed are one msgid. */
char *ms_utf8_nfc(const char *s, size_t len);

/* S as a diagnostic may show it: at most MAX characters (then "…"), with
 * controls, line separators and bidirectional controls escaped, so that
 * text from a file can neither forge a line of a log nor reorder what a
 * terminal shows.  Returns OUT's text (OUT is reset first). */
const char *ms_utf8_shown(ms_buf *out, const char *s, size_t max);

/* Count the entries of a NULL-terminated string vector. */
size_t ms_strv_len(char *const *v);
/* Free a NULL-terminated string vector and its strings. */
void ms_strv_free(char **v);
/* Append S (copied) to the vector *V. */
void ms_strv_push(char ***v, const char *s);
/* True when S is in the vector. */
bool ms_strv_contains(char *const *v, const char *s);

#endif
