/*
 * buf.c - growable strings, id lists and id sets (see buf.h).
 *
 * Interface (buf.h): buf_*(), idlist_*(), idset_*(), pack_len().
 *
 * Failure modes: a buf that runs out of memory sets b->oom and ignores
 * what is appended after (buf_take() then gives NULL); an idset sets
 * s->oom and reports the id as present, so a walk stops rather than loops;
 * idlist_add() returns -1, the list unchanged.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
buf_init(struct buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

int
buf_reserve(struct buf *b, size_t more)
{
	size_t need, ncap;
	char *n;

	if (b->oom)
		return -1;
	need = b->len + more + 1;
	if (need <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap *= 2;
	n = realloc(b->s, ncap);
	if (!n) {
		b->oom = 1;
		return -1;
	}
	/* A buffer given room is a string, even before anything is added. */
	n[b->len] = '\0';
	b->s = n;
	b->cap = ncap;
	return 0;
}

void
buf_add(struct buf *b, const char *s, size_t len)
{
	if (buf_reserve(b, len) < 0)
		return;
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
		return;
	}
	buf_add(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	va_list again;
	int n;

	/* Print once into the room there is; only a text that does not fit
	 * is printed a second time, after growing the buffer. */
	va_copy(again, ap);
	n = vsnprintf(room ? b->s + b->len : NULL, room, fmt, ap);
	if (n >= 0 && (size_t)n >= room) {
		if (buf_reserve(b, (size_t)n) == 0)
			vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
		else
			n = -1;
	}
	va_end(again);
	if (n < 0) {
		if (b->s)
			b->s[b->len] = '\0';
		return;
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
buf_take(struct buf *b)
{
	char *s;

	if (b->oom) {
		buf_free(b);
		return NULL;
	}
	if (!b->s)
		return strdup("");
	s = b->s;
	buf_init(b);
	return s;
}

int
idlist_add(uint32_t **l, uint32_t id)
{
	uint32_t n = idlist_len(*l), *nl;

	/* Grow by idlist_cap()'s steps, when the room of n ids is full. */
	if (n == 0 || idlist_cap(n) < (size_t)n + 2) {
		nl = realloc(*l, idlist_cap(n + 1) * sizeof(uint32_t));
		if (!nl)
			return -1;
		*l = nl;
	}
	(*l)[n + 1] = id;
	(*l)[0] = n + 1;
	return 0;
}

int
idlist_has(const uint32_t *l, uint32_t id)
{
	uint32_t i, n = idlist_len(l);

	for (i = 0; i < n; i++)
		if (IDLIST_AT(l, i) == id)
			return 1;
	return 0;
}

int
idlist_add_unique(uint32_t **l, uint32_t id)
{
	return idlist_has(*l, id) ? 0 : idlist_add(l, id);
}

int
idlist_del(uint32_t **l, uint32_t id)
{
	uint32_t i, n = idlist_len(*l);

	for (i = 0; i < n; i++) {
		if (IDLIST_AT(*l, i) == id) {
			memmove(&(*l)[i + 1], &(*l)[i + 2], (n - i - 1) * sizeof(uint32_t));
			(*l)[0] = n - 1;
			if (n == 1)
				idlist_free(l);
			return 1;
		}
	}
	return 0;
}

void
idlist_free(uint32_t **l)
{
	free(*l);
	*l = NULL;
}

uint32_t *
idlist_dup(const uint32_t *l)
{
	uint32_t *c = NULL, i, n = idlist_len(l);

	for (i = 0; i < n; i++) {
		if (idlist_add(&c, IDLIST_AT(l, i)) < 0) {
			idlist_free(&c);
			return NULL;
		}
	}
	return c;
}

void
idset_init(struct idset *s)
{
	s->slots = s->inline_slots;
	s->cap = IDSET_INLINE;
	s->count = 0;
	s->oom = 0;
	memset(s->inline_slots, 0, sizeof(s->inline_slots));
}

void
idset_free(struct idset *s)
{
	if (s->slots != s->inline_slots)
		free(s->slots);
	s->slots = NULL;
}

static uint32_t
idhash(uint32_t id)
{
	id ^= id >> 16;
	id *= 0x7feb352dU;
	id ^= id >> 15;
	return id;
}

static void
idset_place(uint32_t *slots, size_t cap, uint32_t id)
{
	size_t i = idhash(id) & (cap - 1);

	while (slots[i])
		i = (i + 1) & (cap - 1);
	slots[i] = id;
}

int
idset_has(const struct idset *s, uint32_t id)
{
	size_t i = idhash(id) & (s->cap - 1);

	while (s->slots[i]) {
		if (s->slots[i] == id)
			return 1;
		i = (i + 1) & (s->cap - 1);
	}
	return 0;
}

int
idset_add(struct idset *s, uint32_t id)
{
	/* Ids are never 0: node 0 is the root of the DN tree. */
	if (idset_has(s, id))
		return 0;
	if ((s->count + 1) * 2 > s->cap) {
		size_t ncap = s->cap * 2, i;
		uint32_t *n = calloc(ncap, sizeof(uint32_t));
		if (!n) {
			s->oom = 1;
			return 0;
		}
		for (i = 0; i < s->cap; i++)
			if (s->slots[i])
				idset_place(n, ncap, s->slots[i]);
		if (s->slots != s->inline_slots)
			free(s->slots);
		s->slots = n;
		s->cap = ncap;
	}
	idset_place(s->slots, s->cap, id);
	s->count++;
	return 1;
}

size_t
pack_len(const char *p)
{
	const char *s = p;

	if (!p)
		return 0;
	while (*s)
		s += strlen(s) + 1;
	return (size_t)(s - p) + 1;
}
