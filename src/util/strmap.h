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

/* The hash of a byte string, as the map files it (others use it too). */
uint32_t strmap_hash(const void *key, size_t len);

/* An empty map: it allocates nothing until the first put. */
void strmap_init(struct strmap *m);
/* Free the slots and the keys; m is then empty. */
void strmap_free(struct strmap *m);

/* The value stored under key, or `dflt` when absent. */
uint32_t strmap_get(const struct strmap *m, const void *key, size_t len, uint32_t dflt);

/* The slot holding key, or NULL. */
const struct strmap_slot *strmap_find(const struct strmap *m, const void *key, size_t len);

/* Insert or replace.  Returns the map's copy of the key, or NULL when memory
 * ran out (the map is then unchanged). */
const char *strmap_put(struct strmap *m, const void *key, size_t len, uint32_t val);

/* Remove key; returns 1 if it was there. */
int strmap_del(struct strmap *m, const void *key, size_t len);

/* Every used slot of m, in no particular order: s points to each. */
#define STRMAP_FOREACH(m, s)                                                                       \
	for ((s) = (m)->slots; (m)->slots && (s) < (m)->slots + (m)->cap; (s)++)                   \
		if ((s)->key)

#endif
