/*
 * strmap.c - hash map from byte strings to 32-bit values (see strmap.h).
 *
 * Interface (strmap.h): strmap_hash(), strmap_hash_lower(),
 * strmap_hash_seed(), strmap_init(), strmap_free(),
 * strmap_get(), strmap_find(), strmap_find_h(), strmap_guess(),
 * strmap_put(), strmap_del(), strmap_longest_probe(), and
 * STRMAP_FOREACH.
 *
 * Failure modes: strmap_put() returns NULL when memory runs out, the map
 * then unchanged.  The hash's secret cannot fail to be drawn: without
 * getrandom() or /dev/urandom it is mixed from clocks, pid and addresses.
 */
#include "strmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__has_include)
#if __has_include(<sys/random.h>)
#include <sys/random.h>
#define HAVE_GETRANDOM_H 1
#endif
#endif

/*
 * The hash is keyed with a secret drawn when the library is loaded: the
 * indexes are filled with names that tenants choose (uids, cn's, local
 * parts, logins, DNs of an LDIF fed to lint), and with a hash anyone can
 * compute a tenant could choose thousands that share one slot, or a run
 * of neighbouring slots, and make every lookup that lands there, any
 * tenant's, walk them all.  The secret is both the starting state and
 * the multiplier.  Each word is XOR-ed into the state, and the state is
 * multiplied into 128 bits whose high half is folded onto the low: what
 * a difference in a word does to the state depends on the state (on the
 * carries into the high half), so no set of names collides whatever the
 * secret.  With a plain 64-bit multiply and xorshift, as before, flipping
 * a word's top bit changed the state by one fixed pattern whatever it
 * was, and the next word could flip it back (test_flooding.c).  The
 * length goes into the last multiplier, so that names of two lengths
 * cannot cancel it through the first word either.
 *
 * So a hash is only meaningful inside the process that made it: none is
 * ever written out or compared with another process's, and nothing is
 * ever ordered by one (the order of a map's slots changes from run to run).
 */
static uint64_t hash_state, hash_mul;

#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 u128;

/* a * b, its high half folded onto its low half. */
static inline uint64_t
fold_mul(uint64_t a, uint64_t b)
{
	u128 r = (u128)a * b;

	return (uint64_t)(r >> 64) ^ (uint64_t)r;
}
#else
static inline uint64_t
fold_mul(uint64_t a, uint64_t b)
{
	uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;

	return (hh + (lh >> 32) + (hl >> 32) + (mid >> 32)) ^ ((mid << 32) | (uint32_t)ll);
}
#endif

/* The seed, from the kernel when it gives one: 1 if it did. */
static int
seed_from_kernel(uint64_t seed[2])
{
	unsigned char *p = (unsigned char *)seed;
	size_t got = 0;
	ssize_t n;
	int fd;

#if defined(HAVE_GETRANDOM_H)
	/* Non-blocking: early at boot, before the pool is ready, the next
	 * sources are taken rather than wait. */
	while (got < 2 * sizeof(uint64_t)) {
		n = getrandom(p + got, 2 * sizeof(uint64_t) - got, GRND_NONBLOCK);
		if (n > 0)
			got += (size_t)n;
		else if (n < 0 && errno != EINTR)
			break;
	}
	if (got == 2 * sizeof(uint64_t))
		return 1;
	got = 0;
#endif
	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	while (got < 2 * sizeof(uint64_t)) {
		n = read(fd, p + got, 2 * sizeof(uint64_t) - got);
		if (n > 0)
			got += (size_t)n;
		else if (n == 0 || errno != EINTR)
			break;
	}
	close(fd);
	return got == 2 * sizeof(uint64_t);
}

/* Drawn once, before main() or as the module is loaded, so before any
 * map exists and with no thread yet to race with. */
__attribute__((constructor)) static void
seed_hash(void)
{
	uint64_t seed[2] = {0, 0};

	if (!seed_from_kernel(seed)) {
		/* No kernel source: what differs between processes and runs
		 * (the clocks, the pid, where ASLR put the stack and the code),
		 * mixed.  Weaker, but never one constant. */
		struct timespec rt = {0, 0}, mono = {0, 0};
		uint64_t v[6];
		size_t i;
		(void)clock_gettime(CLOCK_REALTIME, &rt);
		(void)clock_gettime(CLOCK_MONOTONIC, &mono);
		v[0] = (uint64_t)rt.tv_sec << 30 ^ (uint64_t)rt.tv_nsec;
		v[1] = (uint64_t)mono.tv_sec << 30 ^ (uint64_t)mono.tv_nsec;
		v[2] = (uint64_t)getpid();
		v[3] = (uint64_t)(uintptr_t)&rt;
		v[4] = (uint64_t)(uintptr_t)seed_hash;
		v[5] = (uint64_t)(uintptr_t)&hash_state;
		seed[0] = 0x243f6a8885a308d3ull;
		seed[1] = 0x13198a2e03707344ull;
		for (i = 0; i < 6; i++) {
			seed[0] = fold_mul(seed[0] ^ v[i], 0x9e3779b97f4a7c15ull);
			seed[1] = fold_mul(seed[1] ^ v[i], 0xc4ceb9fe1a85ec53ull) ^ seed[0];
		}
	}
	strmap_hash_seed(seed[0], seed[1]);
}

void
strmap_hash_seed(uint64_t state, uint64_t mul)
{
	hash_state = state;
	/* Odd, so that the multiply's low half loses nothing. */
	hash_mul = mul | 1;
}

/* A word with its ASCII capitals lower-cased, eight bytes at once: the
 * bytes below 0x80 at or above 'A' and not above 'Z' take 0x20. */
static inline uint64_t
lower8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
	uint64_t b = w & ~high;
	uint64_t upper = (b + ones * (0x80 - 'A')) & ~(b + ones * (0x80 - 'Z' - 1)) & ~w & high;

	return w | upper >> 2;
}

/* Eight bytes a step, each step one multiply: DNs are hashed an RDN at a
 * time on every lookup.  The last step takes the last eight bytes (or,
 * shorter, all of them in one word) and the length. */
static inline uint32_t
hash_bytes(const void *key, size_t len, int lower)
{
	const unsigned char *p = key;
	uint64_t h = hash_state, k = hash_mul, w;
	size_t n = len;

	for (; n > 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = fold_mul(h ^ (lower ? lower8(w) : w), k);
	}
	if (len >= 8) {
		memcpy(&w, p + n - 8, 8);
	} else if (len >= 4) {
		uint32_t a, b;
		memcpy(&a, p, 4);
		memcpy(&b, p + len - 4, 4);
		w = (uint64_t)a << 32 | b;
	} else if (len) {
		w = (uint64_t)p[0] << 16 | (uint64_t)p[len >> 1] << 8 | p[len - 1];
	} else {
		w = 0;
	}
	h = fold_mul(h ^ (lower ? lower8(w) : w), k ^ (uint64_t)len << 1); /* still odd */
	return (uint32_t)h ? (uint32_t)h : 1;
}

uint32_t
strmap_hash(const void *key, size_t len)
{
	return hash_bytes(key, len, 0);
}

uint32_t
strmap_hash_lower(const void *key, size_t len)
{
	return hash_bytes(key, len, 1);
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
