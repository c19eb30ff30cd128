/* segment.h — splitting text into sentences (ICU BreakIterator with CLDR
 * suppressions, plus per-language exception data). */
#ifndef MS_SEGMENT_H
#define MS_SEGMENT_H

#include "missive.h"

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

/* A segmenter for LANG ("en", "es", "ko", …; other languages use ICU's
 * rules for that locale and no extra data).  DATADIR holds the exception
 * files segment/<lang>.txt; NULL means $MISSIVE_DATADIR when set, else
 * PKGDATADIR.  A missing exception file is not an error; a malformed one is
 * reported (file:line) through H.  *OUT freshly allocated. */
ms_status ms_segmenter_new(const char *lang, ms_seg_mode mode,
                           const char *datadir, ms_segmenter **out,
                           ms_diag_handler *h);
void ms_segmenter_free(ms_segmenter *s);

/* Split one paragraph TEXT[0..LEN) (valid UTF-8; may contain newlines,
 * which count as spaces) into segments.  Spans are in order, do not
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

#endif
