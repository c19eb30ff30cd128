/* spell.h — hunspell dictionaries for missive.  Not installed.
 *
 * Two users: the spelling check (check.c), through an ms_speller, and the
 * glossary matcher's Korean compounds (morph.c), which read the nouns of
 * hunspell-ko's dictionary (ms_spell_read_words).  A language names its
 * dictionary in its profile (morphology.hunspell: ko, es_ES); the files
 * are looked for in each folder of $DICPATH (':'-separated, hunspell's
 * own convention), then in HUNSPELL_DIR (configure --with-hunspell-dir,
 * by default /usr/share/hunspell). */
#ifndef MS_SPELL_H
#define MS_SPELL_H

#include "missive.h"

/* The .aff and .dic files of dictionary NAME ("ko", "es_ES"): freshly
 * allocated paths (caller frees both), or false when not found. */
bool ms_spell_find_dict(const char *name, char **aff, char **dic);

/* Call FN for every word of dictionary NAME's .dic whose affix flags
 * include FLAG (after the .aff's AF aliases), in NFC; WORD is borrowed
 * for the call.  Returns false (after reporting through H) when the
 * dictionary cannot be read. */
typedef void (*ms_spell_word_fn)(const char *word, size_t len, void *data);
bool ms_spell_read_words(const char *name, const char *flag, ms_spell_word_fn fn,
                         void *data, ms_diag_handler *h);

typedef struct ms_speller ms_speller;

/* A speller for dictionary NAME.  COMPOUNDS: a word the dictionary does
 * not know is accepted when it is a run of words it knows, of two
 * characters or more, the last one inflected (Korean writes compounds
 * closed: 인권결의안을).  NOUN (may be NULL): a noun of the dictionary
 * whose endings the words added later take (Korean particles: 사람 gives
 * 이재명은, 이재명에게).  *OUT freshly allocated (ms_speller_free);
 * MS_ERR_NOT_FOUND, reported through H, when the dictionary is missing.
 * A speller is not thread-safe. */
ms_status ms_speller_new(const char *name, bool compounds, const char *noun,
                         ms_speller **out, ms_diag_handler *h);
void ms_speller_free(ms_speller *s);
/* Accept WORD[0..LEN) (UTF-8) from now on, with the endings of the
 * speller's noun: a glossary rendering, a name, a word of the project's
 * word list. */
void ms_speller_add(ms_speller *s, const char *word, size_t len);
/* Is WORD[0..LEN) spelt correctly?  (The answer is remembered.) */
bool ms_speller_check(ms_speller *s, const char *word, size_t len);
/* Append up to MAX suggestions for WORD, separated by ", ", to OUT;
 * returns how many.  Suggestions are slow (about a second a word with
 * hunspell-ko): a speller computes them for its first 20 unknown words
 * only, and remembers them; later words get none (0). */
size_t ms_speller_suggest(ms_speller *s, const char *word, size_t len,
                          size_t max, ms_buf *out);

#endif
