/*
 * strmap.c - hash map from byte strings to 32-bit values (see strmap.h).
 *
 * Interface (strmap.h): strmap_hash(), strmap_init(), strmap_free(),
 * strmap_get(), strmap_find(), strmap_find_h(), strmap_guess(),
 * strmap_put(), strmap_del(), strmap_longest_probe(), and
 * STRMAP_FOREACH.
 *
 * Failure modes: strmap_put() returns NULL when memory runs out, the map
 * then unchanged.
 */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

uint32_t
strmap_hash(const void *key, size_t len)
{
	/* Eight bytes a step, each step a multiply and a shift: DNs are
	 * hashed an RDN at a time on every lookup, and a byte-at-a-time hash
	 * (one dependent multiply a byte) was most of the cost.  No seed:
	 * nothing here is worth defending beyond what the load factor bounds. */
	const unsigned char *p = key;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ (uint64_t)len, w;
	uint32_t r;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, p, len);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 32;
	r = (uint32_t)h;
	return r ? r : 1;
}

void
strmap_init(struct strmap *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->count = 0;
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	strmap_init(m);
}

static size_t
probe(const struct strmap *m, const void *key, size_t len, uint32_t h)
{
	size_t mask = m->cap - 1, i = h & mask;

	while (m->slots[i].key) {
		const struct strmap_slot *s = &m->slots[i];
		if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

const struct strmap_slot *
strmap_find_h(const struct strmap *m, const void *key, size_t len, uint32_t hash)
{
	size_t i;

	if (m->count == 0)
		return NULL;
	i = probe(m, key, len, hash);
	return m->slots[i].key ? &m->slots[i] : NULL;
}

const struct strmap_slot *
strmap_find(const struct strmap *m, const void *key, size_t len)
{
	return m->count ? strmap_find_h(m, key, len, strmap_hash(key, len)) : NULL;
}

uint32_t
strmap_get(const struct strmap *m, const void *key, size_t len, uint32_t dflt)
{
	const struct strmap_slot *s = strmap_find(m, key, len);

	return s ? s->val : dflt;
}

static int
grow(struct strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 16, i;
	struct strmap_slot *old = m->slots, *ns;

	ns = calloc(ncap, sizeof(*ns));
	if (!ns)
		return -1;
	for (i = 0; i < m->cap; i++) {
		size_t j;
		if (!old[i].key)
			continue;
		j = old[i].hash & (ncap - 1);
		while (ns[j].key)
			j = (j + 1) & (ncap - 1);
		ns[j] = old[i];
	}
	free(old);
	m->slots = ns;
	m->cap = ncap;
	return 0;
}

const char *
strmap_put(struct strmap *m, const void *key, size_t len, uint32_t val)
{
	uint32_t h = strmap_hash(key, len);
	struct strmap_slot *s;
	size_t i;

	if (len > UINT32_MAX)
		return NULL;
	if ((m->count + 1) * 10 > m->cap * 7 && grow(m) < 0)
		return NULL;
	i = probe(m, key, len, h);
	s = &m->slots[i];
	if (!s->key) {
		char *k = malloc(len + 1);
		if (!k)
			return NULL;
		memcpy(k, key, len);
		k[len] = '\0';
		s->key = k;
		s->len = (uint32_t)len;
		s->hash = h;
		m->count++;
	}
	s->val = val;
	return s->key;
}

int
strmap_del(struct strmap *m, const void *key, size_t len)
{
	size_t mask, i, j;

	if (m->count == 0)
		return 0;
	mask = m->cap - 1;
	i = probe(m, key, len, strmap_hash(key, len));
	if (!m->slots[i].key)
		return 0;
	free(m->slots[i].key);
	m->slots[i].key = NULL;
	m->count--;
	/* Backward shift: pull later members of the run into the hole. */
	for (j = (i + 1) & mask; m->slots[j].key; j = (j + 1) & mask) {
		size_t home = m->slots[j].hash & mask;
		int movable = (i <= j) ? (home <= i || home > j) : (home <= i && home > j);
		if (movable) {
			m->slots[i] = m->slots[j];
			m->slots[j].key = NULL;
			i = j;
		}
	}
	return 1;
}

size_t
strmap_longest_probe(const struct strmap *m)
{
	size_t i, run = 0, longest = 0, start = 0;

	if (!m->count)
		return 0;
	/* Start after an empty slot (the load factor leaves some), so that
	 * a run wrapping round the end is counted whole. */
	while (m->slots[start].key)
		start++;
	for (i = 1; i <= m->cap; i++) {
		if (m->slots[(start + i) & (m->cap - 1)].key) {
			if (++run > longest)
				longest = run;
		} else {
			run = 0;
		}
	}
	return longest;
}
