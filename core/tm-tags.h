/* tm-tags.h — the inline tags of tagged text (units.h: "<1>…</1>",
 * "<2/>") as the translation memory, TMX and machine translation need
 * them: a flat list of tokens with byte offsets, and a memory
 * translation's tags renumbered for a new source text.  Not installed.
 *
 * Tagged text is read by units.c's parser (ms_units_parse_tagged), so
 * there is one grammar for tags; this file only lays the parse out
 * flat. */
#ifndef MS_TM_TAGS_H
#define MS_TM_TAGS_H

#include "missive.h"

typedef enum ms_tm_tok_kind {
	MS_TM_TOK_TEXT = 0,    /* TEXT[off, off+len) */
	MS_TM_TOK_OPEN = 1,    /* "<N>" */
	MS_TM_TOK_CLOSE = 2,   /* "</N>" */
	MS_TM_TOK_EMPTY = 3,   /* "<N/>" */
} ms_tm_tok_kind;

typedef struct ms_tm_tok {
	ms_tm_tok_kind kind;
	size_t num;          /* the tag number; 0 for text */
	size_t off, len;     /* where the token is in the text */
} ms_tm_tok;

/* Split TEXT into tokens, in order.  False when TEXT's tags are not well
 * formed on their own (an unclosed or misnested tag, a number used
 * twice, a number written both paired and empty): *TOKS is then NULL.
 * *TOKS freshly allocated (free()); *N tokens. */
bool ms_tm_tags_split(const char *text, ms_tm_tok **toks, size_t *n);

/* TEXT with every tag removed, into OUT (appended). */
void ms_tm_tags_strip(const char *text, ms_buf *out);

/* MEM_TARGET, a translation of MEM_SOURCE, with its inline tags
 * renumbered so that it translates NEW_SOURCE, whose tags may be
 * numbered otherwise: the k-th tag of MEM_SOURCE (in order of
 * appearance) becomes the k-th tag of NEW_SOURCE when both have the
 * same sequence of paired and empty tags, or the k-th paired (empty) tag
 * the k-th paired (empty) one when only the counts agree.  When
 * NEW_SOURCE has no tags, MEM_TARGET's are dropped.  Freshly allocated;
 * NULL when the tags cannot be mapped (different tag counts, or a tag of
 * MEM_TARGET that MEM_SOURCE does not have) or any text is malformed. */
char *ms_tm_tags_map(const char *mem_source, const char *mem_target,
                     const char *new_source);

#endif
