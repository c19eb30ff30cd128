/* hash.h — the one hash function and the one string-keyed hash table of
 * libmissive.  Not installed.
 *
 * The function is 64-bit FNV-1a: cheap, good enough for tables and for
 * content keys that only need to notice change (the gate cache, the build
 * manifest), and stable across runs and machines, which the keys written
 * to out/.missive/ need.  Chain calls to hash several pieces: the result
 * of one call is the seed of the next.
 *
 * The table maps byte strings to pointers with open addressing and
 * linear probing.  Keys are borrowed: they must outlive the table (point
 * them into the value, an arena, or the data the table indexes). */
#ifndef MS_HASH_H
#define MS_HASH_H

#include "missive.h"

#define MS_HASH_SEED UINT64_C(0xcbf29ce484222325)

uint64_t ms_hash_bytes(uint64_t h, const void *p, size_t n);
uint64_t ms_hash_str(uint64_t h, const char *s);

typedef struct ms_htab ms_htab;

/* A table sized for about HINT keys (it grows as needed). */
ms_htab *ms_htab_new(size_t hint);
/* Frees the table's slots, not the keys or values. */
void ms_htab_free(ms_htab *t);
/* The value stored under KEY[0..LEN), or NULL. */
void *ms_htab_get(const ms_htab *t, const char *key, size_t len);
/* Store VALUE (not NULL) under KEY[0..LEN), borrowed; returns the value
 * it replaces, or NULL. */
void *ms_htab_put(ms_htab *t, const char *key, size_t len, void *value);
size_t ms_htab_count(const ms_htab *t);
/* Visit every pair, in no particular order:
 *   for (size_t i = 0; ms_htab_next(t, &i, &key, &len, &value); ) … */
bool ms_htab_next(const ms_htab *t, size_t *iter, const char **key,
                  size_t *len, void **value);

#endif
