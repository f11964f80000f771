/*
 * idmap.h - a hash index of 32-bit ids whose keys live elsewhere.
 *
 * The model already holds every key (a node's parent and RDN, a mailbox's
 * addresses), so the index stores only the id and the key's hash: eight
 * bytes a slot.  Lookups compare through a callback that knows where the
 * key of an id is.  Linear probing, backward-shift deletion.
 */
#ifndef TN_UTIL_IDMAP_H
#define TN_UTIL_IDMAP_H

#include <stddef.h>
#include <stdint.h>

struct idmap {
	uint64_t *slots; /* hash << 32 | id; 0: empty (ids are never 0) */
	size_t cap, count;
};

/* Does the key of `id` equal `key`? */
typedef int (*idmap_eq_fn)(const void *ctx, uint32_t id, const void *key);

/* An empty index: it allocates nothing until the first put. */
void idmap_init(struct idmap *m);
/* Free the slots; m is then empty. */
void idmap_free(struct idmap *m);
/* The id whose key equals `key`, or 0.  Inline: on every lookup of a DN
 * or an address, and `eq` is then inlined where the caller names it. */
static inline uint32_t
idmap_get(const struct idmap *m, uint32_t hash, idmap_eq_fn eq, const void *ctx, const void *key)
{
	size_t mask, i;

	if (!m->count)
		return 0;
	mask = m->cap - 1;
	for (i = hash & mask; m->slots[i]; i = (i + 1) & mask) {
		uint64_t s = m->slots[i];
		if ((uint32_t)(s >> 32) == hash && eq(ctx, (uint32_t)s, key))
			return (uint32_t)s;
	}
	return 0;
}
/* Add an id under `hash` (the caller knows it is not there). -1: no memory. */
int idmap_put(struct idmap *m, uint32_t hash, uint32_t id);
/* Remove the slot holding exactly (hash, id); returns 1 if it was there. */
int idmap_del(struct idmap *m, uint32_t hash, uint32_t id);
/* The bytes its slots take. */
size_t idmap_bytes(const struct idmap *m);
/* The longest run of used slots: the most a lookup, found or not, walks
 * past before it stops.  For tests and diagnostics; it reads every slot. */
size_t idmap_longest_probe(const struct idmap *m);

/* Start reading the slot a lookup under `hash` begins at: a caller with
 * two independent lookups overlaps their memory latencies. */
static inline void
idmap_prefetch(const struct idmap *m, uint32_t hash)
{
#if defined(__GNUC__)
	if (m->cap)
		__builtin_prefetch(&m->slots[hash & (m->cap - 1)]);
#else
	(void)m;
	(void)hash;
#endif
}

/* The first id filed under `hash`, its key not compared (0: none): the
 * id a lookup will most likely find, for a caller that starts fetching
 * its key before the lookup proper.  Nothing is decided on it. */
static inline uint32_t
idmap_guess(const struct idmap *m, uint32_t hash)
{
	size_t mask, i;

	if (!m->count)
		return 0;
	mask = m->cap - 1;
	for (i = hash & mask; m->slots[i]; i = (i + 1) & mask)
		if ((uint32_t)(m->slots[i] >> 32) == hash)
			return (uint32_t)m->slots[i];
	return 0;
}

/* Every used slot of m (IDMAP_ID: its id).  The order follows the keyed
 * hash and changes from run to run: sum or free with it, never list. */
#define IDMAP_ID(s) ((uint32_t)(s))
#define IDMAP_FOREACH(m, s)                                                                        \
	for ((s) = (m)->slots; (m)->slots && (s) < (m)->slots + (m)->cap; (s)++)                   \
		if (*(s))

#endif
