/* hash.c — FNV-1a and the string-keyed hash table (hash.h). */
#include "internal.h"
#include "hash.h"

#include <stdlib.h>
#include <string.h>

#define FNV_PRIME UINT64_C(0x100000001b3)

uint64_t
ms_hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * FNV_PRIME;
	return h;
}

uint64_t
ms_hash_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * FNV_PRIME;
	return h;
}

typedef struct slot {
	const char *key;   /* NULL: empty */
	size_t len;
	uint64_t hash;
	void *value;
} slot;

struct ms_htab {
	slot *slots;
	size_t cap;        /* a power of two */
	size_t count;
};

static size_t
cap_for(size_t n)
{
	size_t cap = 16;
	/* at most half full */
	while (cap / 2 < n && cap < SIZE_MAX / 4)
		cap *= 2;
	return cap;
}

ms_htab *
ms_htab_new(size_t hint)
{
	ms_htab *t = ms_xcalloc(1, sizeof *t);
	t->cap = cap_for(hint);
	t->slots = ms_xcalloc(t->cap, sizeof *t->slots);
	return t;
}

void
ms_htab_free(ms_htab *t)
{
	if (!t)
		return;
	free(t->slots);
	free(t);
}

static slot *
find(const ms_htab *t, const char *key, size_t len, uint64_t h)
{
	size_t mask = t->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		slot *s = &t->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
			return s;
	}
}

void *
ms_htab_get(const ms_htab *t, const char *key, size_t len)
{
	slot *s = find(t, key, len, ms_hash_bytes(MS_HASH_SEED, key, len));
	return s->key ? s->value : NULL;
}

static void
grow(ms_htab *t)
{
	slot *old = t->slots;
	size_t n = t->cap;
	t->cap *= 2;
	t->slots = ms_xcalloc(t->cap, sizeof *t->slots);
	for (size_t i = 0; i < n; i++)
		if (old[i].key)
			*find(t, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

void *
ms_htab_put(ms_htab *t, const char *key, size_t len, void *value)
{
	uint64_t h = ms_hash_bytes(MS_HASH_SEED, key, len);
	slot *s = find(t, key, len, h);
	if (s->key) {
		void *prev = s->value;
		s->value = value;
		return prev;
	}
	if ((t->count + 1) * 2 > t->cap) {
		grow(t);
		s = find(t, key, len, h);
	}
	s->key = key;
	s->len = len;
	s->hash = h;
	s->value = value;
	t->count++;
	return NULL;
}

size_t
ms_htab_count(const ms_htab *t)
{
	return t->count;
}

bool
ms_htab_next(const ms_htab *t, size_t *iter, const char **key, size_t *len,
             void **value)
{
	for (size_t i = *iter; i < t->cap; i++) {
		if (t->slots[i].key) {
			*iter = i + 1;
			if (key)
				*key = t->slots[i].key;
			if (len)
				*len = t->slots[i].len;
			if (value)
				*value = t->slots[i].value;
			return true;
		}
	}
	*iter = t->cap;
	return false;
}
