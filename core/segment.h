/* segment.h — splitting text into sentences (ICU BreakIterator with CLDR
 * suppressions, plus per-language exception data from the language
 * profiles). */
#ifndef MS_SEGMENT_H
#define MS_SEGMENT_H

#include "missive.h"
#include "profile.h"

typedef enum ms_seg_mode {
	MS_SEG_SENTENCE = 0,   /* one segment per sentence */
	MS_SEG_PARAGRAPH = 1,  /* the whole (trimmed) paragraph is one segment */
} ms_seg_mode;

/* A segment: bytes [start, end) of the text given to ms_segmenter_split. */
typedef struct ms_span {
	size_t start;
	size_t end;
} ms_span;

typedef struct ms_segmenter ms_segmenter;

/* A segmenter for LANG ("en", "es-419", "ko", …).  Its exception data is
 * the `segment:` section of LANG's language profile in SET (borrowed: it
 * must outlive the segmenter; NULL for ms_profiles_default()); a language
 * whose profile has none uses ICU's rules for that locale and the generic
 * rules.  An entry that breaks its section's format is reported at its
 * place in the profile file through H and gives MS_ERR_INVALID; a profile
 * that cannot be read gives ms_profiles_get's status.  *OUT freshly
 * allocated. */
ms_status ms_segmenter_open(ms_profiles *set, const char *lang,
                            ms_seg_mode mode, ms_segmenter **out,
                            ms_diag_handler *h);
/* The same, with the profiles in DATADIR/lang/ looked for first (a set of
 * the segmenter's own), or ms_profiles_default() when DATADIR is NULL. */
ms_status ms_segmenter_new(const char *lang, ms_seg_mode mode,
                           const char *datadir, ms_segmenter **out,
                           ms_diag_handler *h);
void ms_segmenter_free(ms_segmenter *s);
/* The profile set S reads its language's data from (the one given to
 * ms_segmenter_open, or ms_profiles_default()); the same for NULL.  The
 * rest of a letter's language data is read from it too, so that one
 * project uses one set. */
ms_profiles *ms_segmenter_profiles(const ms_segmenter *s);

/* Split one paragraph TEXT[0..LEN) (valid UTF-8) into segments.  A
 * blank line always ends a segment; a single line break ends one where
 * the line structure says so (a list item, a short line, a salutation;
 * doc/segmentation.md) and is otherwise a space.  Spans are in order, do not
 * overlap, are never empty and have no leading or trailing white space.
 * *SPANS is freshly allocated (caller frees), *N its length.  Returns
 * MS_ERR_ENCODING for invalid UTF-8, MS_ERR_ICU when ICU fails. */
ms_status ms_segmenter_split(ms_segmenter *s, const char *text, size_t len,
                             ms_span **spans, size_t *n);

/* Append the text of TEXT[0..LEN) (a segment) to OUT as one line: every
 * run of white space becomes one space, and a line break before sentence
 * punctuation (a line that starts with "." "," ";" ":" "!" "?") is
 * dropped.  TEXT is valid UTF-8. */
void ms_segment_normalize(ms_buf *out, const char *text, size_t len);

/* Append to OUT a cleaned copy of TEXT[0..LEN) (valid UTF-8), for
 * `missive segment --clean` (doc/segmentation.md, "Cleaning"): line ends
 * made "\n", a typed "\r\n" made a line break, character references
 * decoded, then markup tags removed (a block element leaves a blank
 * line), rules of ten or more "/_=*#~+-" removed, dot leaders and their
 * page numbers dropped, TeX and typewriter quotes (``…'' `…') made
 * straight, a word set one letter a line joined, and a line that ends
 * with a hyphen after a letter joined to a next line that starts in
 * lowercase.  OUT stays valid UTF-8. */
void ms_segment_clean(ms_buf *out, const char *text, size_t len);

/* Is TEXT[0..LEN) (a segment, valid UTF-8) layout rather than text: a
 * page number ("3", "16-17"), or one of "/ _ = # ~ + -" repeated ("/",
 * "______")?  An asterism ("* * *") or an ellipsis ("...") is not. */
bool ms_segment_is_layout(const char *text, size_t len);

#endif
