/* yamltree.h — the one YAML reader of libmissive.  Not installed.
 *
 * Letters' front matter, missive.yaml, the glossary and the language
 * profiles are all read through here, so they share one policy:
 *   - one document per text;
 *   - anchors and aliases are refused (no alias bombs, no sharing that
 *     a reader of the file cannot see), and so are tags other than the
 *     core schema's !!str, !!seq and !!map;
 *   - a key repeated in one mapping is an error naming both places;
 *   - mapping keys are scalars; nesting deeper than 64 is refused;
 *   - every node knows its line and column (in characters) in the file
 *     the text came from, even when the text is part of a larger file.
 * Problems go to the caller's handler as FILE:LINE:COL errors. */
#ifndef MS_YAMLTREE_H
#define MS_YAMLTREE_H

#include "missive.h"

typedef enum ms_ynode_type {
	MS_YSCALAR = 0,
	MS_YSEQ = 1,
	MS_YMAP = 2,
} ms_ynode_type;

/* One node.  A mapping's KIDS are its keys (scalars), each holding its
 * value in VAL; a sequence's KIDS are its items. */
typedef struct ms_ynode {
	ms_ynode_type type;
	char *str;              /* SCALAR: the value, NUL-terminated; else NULL */
	size_t len;             /* SCALAR: its length in bytes */
	bool plain;             /* SCALAR: written without quotes or block style */
	ms_pos pos;             /* where the node starts */
	ms_pos vpos;            /* SCALAR: where its text starts (after an
	                           opening quote; the first line of a block
	                           scalar) */
	struct ms_ynode *kids;
	struct ms_ynode *val;
	struct ms_ynode *next;
} ms_ynode;

/* What a text is, for the wording of messages ("… not allowed in
 * letters"). */
typedef enum ms_ydoc_kind {
	MS_YDOC_LETTER = 0,     /* a letter's front matter */
	MS_YDOC_CONFIG = 1,     /* missive.yaml */
	MS_YDOC_GLOSSARY = 2,   /* po/glossary.yaml */
	MS_YDOC_PROFILE = 3,    /* a language profile */
	MS_YDOC_OTHER = 4,
} ms_ydoc_kind;

/* Parse DATA[0..LEN) (UTF-8), found in file NAME starting at line
 * FIRST_LINE (1 for a whole file; the line after "---" for front matter).
 * On success *ROOT is the document's root (NULL for an empty document),
 * freshly allocated: free with ms_ynode_free.  On failure *ROOT is NULL,
 * the problem has been reported through H, and the status is
 * MS_ERR_PARSE (malformed YAML, duplicate keys, more than one document),
 * MS_ERR_INVALID (anchors, aliases, tags, non-scalar keys, nesting, NUL)
 * or MS_ERR_NOMEM. */
ms_status ms_yaml_parse(const char *name, const char *data, size_t len,
                        unsigned first_line, ms_ydoc_kind kind,
                        ms_ynode **root, ms_diag_handler *h);
void ms_ynode_free(ms_ynode *n);

/* The value of KEY in MAP (a mapping), or NULL. */
ms_ynode *ms_ynode_get(const ms_ynode *map, const char *key);
/* The key node of KEY in MAP, or NULL. */
ms_ynode *ms_ynode_key(const ms_ynode *map, const char *key);
/* True for a plain scalar "", "~", "null", "Null" or "NULL". */
bool ms_ynode_is_null(const ms_ynode *n);
/* "a single value", "a list", "a mapping" (translated). */
const char *ms_ynode_kind_name(const ms_ynode *n);
/* Warn, at each key of MAP that is not in KNOWN (NULL-terminated),
 * "unknown key 'x' ignored", with "did you mean 'y'?" when a known key is
 * within two edits.  FILE names the file. */
void ms_ynode_warn_unknown(const ms_ynode *map, const char *const *known,
                           const char *file, ms_diag_handler *h);

#endif
