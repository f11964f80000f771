/*
 * idmap.c - hash index of ids with keys held elsewhere (see idmap.h).
 *
 * Interface (idmap.h): idmap_init(), idmap_free(), idmap_get(),
 * idmap_put(), idmap_del(), idmap_prefetch(), idmap_bytes(),
 * idmap_longest_probe().
 *
 * Failure modes: idmap_put() returns -1 when the index cannot grow, the
 * index then unchanged.
 */
#include "idmap.h"
#include "big.h"

#include <stdlib.h>

#define SLOT(h, id)  (((uint64_t)(h) << 32) | (uint64_t)(id))
#define SLOT_HASH(s) ((uint32_t)((s) >> 32))

void
idmap_init(struct idmap *m)
{
	m->slots = NULL;
	m->cap = m->count = 0;
}

void
idmap_free(struct idmap *m)
{
	free(m->slots);
	idmap_init(m);
}

static void
place(uint64_t *slots, size_t cap, uint64_t s)
{
	size_t i = SLOT_HASH(s) & (cap - 1);

	while (slots[i])
		i = (i + 1) & (cap - 1);
	slots[i] = s;
}

int
idmap_put(struct idmap *m, uint32_t hash, uint32_t id)
{
	if ((m->count + 1) * 4 > m->cap * 3) {
		size_t ncap = m->cap ? m->cap * 2 : 64, i;
		uint64_t *n = big_calloc(ncap * sizeof(uint64_t));
		if (!n)
			return -1;
		for (i = 0; i < m->cap; i++)
			if (m->slots[i])
				place(n, ncap, m->slots[i]);
		free(m->slots);
		m->slots = n;
		m->cap = ncap;
	}
	place(m->slots, m->cap, SLOT(hash, id));
	m->count++;
	return 0;
}

int
idmap_del(struct idmap *m, uint32_t hash, uint32_t id)
{
	size_t mask, i, j;

	if (!m->count)
		return 0;
	mask = m->cap - 1;
	for (i = hash & mask; m->slots[i] != SLOT(hash, id); i = (i + 1) & mask)
		if (!m->slots[i])
			return 0;
	m->slots[i] = 0;
	m->count--;
	for (j = (i + 1) & mask; m->slots[j]; j = (j + 1) & mask) {
		size_t home = SLOT_HASH(m->slots[j]) & mask;
		int movable = (i <= j) ? (home <= i || home > j) : (home <= i && home > j);
		if (movable) {
			m->slots[i] = m->slots[j];
			m->slots[j] = 0;
			i = j;
		}
	}
	return 1;
}

size_t
idmap_bytes(const struct idmap *m)
{
	return m->cap * sizeof(uint64_t);
}

size_t
idmap_longest_probe(const struct idmap *m)
{
	size_t i, run = 0, longest = 0, start = 0;

	if (!m->count)
		return 0;
	/* Start after an empty slot (the load factor leaves some), so that
	 * a run wrapping round the end is counted whole. */
	while (m->slots[start])
		start++;
	for (i = 1; i <= m->cap; i++) {
		if (m->slots[(start + i) & (m->cap - 1)]) {
			if (++run > longest)
				longest = run;
		} else {
			run = 0;
		}
	}
	return longest;
}
