/*
 * strmap.h - a hash map from byte-string keys to 32-bit values.
 *
 * Open addressing with linear probing and backward-shift deletion, so there
 * are no tombstones and lookups stay short under churn.  The map owns a copy
 * of every key; strmap_put() returns that copy so callers may point into it
 * instead of keeping a second one.
 */
#ifndef TN_UTIL_STRMAP_H
#define TN_UTIL_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	char *key; /* NULL: empty slot */
	uint32_t len;
	uint32_t hash;
	uint32_t val;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap; /* a power of two, or 0 */
	size_t count;
};

/* The hash of a byte string, as the map files it (others use it too).
 * Keyed with a secret drawn once per process (strmap.c): never store one
 * outside the process, nor order anything by one. */
uint32_t strmap_hash(const void *key, size_t len);
/* The same of the string with its ASCII capitals lower-cased, for tables
 * whose keys compare without case. */
uint32_t strmap_hash_lower(const void *key, size_t len);
/* Replace the secret (it is drawn at load time without this): for tests
 * that show nothing depends on it, and only while no map holds a key. */
void strmap_hash_seed(uint64_t state, uint64_t mul);

/* An empty map: it allocates nothing until the first put. */
void strmap_init(struct strmap *m);
/* Free the slots and the keys; m is then empty. */
void strmap_free(struct strmap *m);

/* The value stored under key, or `dflt` when absent. */
uint32_t strmap_get(const struct strmap *m, const void *key, size_t len, uint32_t dflt);

/* The slot holding key, or NULL. */
const struct strmap_slot *strmap_find(const struct strmap *m, const void *key, size_t len);

/* The same with the key's strmap_hash() already made. */
const struct strmap_slot *strmap_find_h(
        const struct strmap *m, const void *key, size_t len, uint32_t hash);

/* A guess at the value under a key of this hash and length, from the
 * slots alone (the key is not compared, so it may be another's): the
 * first slot on the key's probe path with its hash and length, or
 * `dflt`.  For a caller that starts fetching what the value leads to
 * while the key is compared.  Nothing is decided on it. */
static inline uint32_t
strmap_guess(const struct strmap *m, size_t len, uint32_t hash, uint32_t dflt)
{
	size_t mask, i;

	if (!m->count)
		return dflt;
	mask = m->cap - 1;
	for (i = hash & mask; m->slots[i].key; i = (i + 1) & mask)
		if (m->slots[i].hash == hash && m->slots[i].len == len)
			return m->slots[i].val;
	return dflt;
}

/* Insert or replace.  Returns the map's copy of the key, or NULL when memory
 * ran out (the map is then unchanged). */
const char *strmap_put(struct strmap *m, const void *key, size_t len, uint32_t val);

/* Remove key; returns 1 if it was there. */
int strmap_del(struct strmap *m, const void *key, size_t len);

/* The longest run of used slots: the most a lookup, found or not, walks
 * past before it stops.  For tests and diagnostics; it reads every slot. */
size_t strmap_longest_probe(const struct strmap *m);

/* Every used slot of m: s points to each.  The order follows the keyed
 * hash and changes from run to run: sum or free with it, never list. */
#define STRMAP_FOREACH(m, s)                                                                       \
	for ((s) = (m)->slots; (m)->slots && (s) < (m)->slots + (m)->cap; (s)++)                   \
		if ((s)->key)

#endif
