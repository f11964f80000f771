/*
 * arena.c - strings packed into large chunks (see arena.h).
 *
 * Interface (arena.h): arena_init(), arena_free(), arena_reserve(),
 * arena_copy(), arena_strndup(), arena_drop().
 *
 * Failure modes: arena_copy() and arena_strndup() return NULL, and
 * arena_reserve() -1, when memory runs out; the arena is then unchanged.
 */
#include "arena.h"
#include "big.h"

#include <stdlib.h>
#include <string.h>

#define FIRST_CHUNK ((size_t)16 << 10)
#define LAST_CHUNK  ((size_t)4 << 20)

void
arena_init(struct arena *a)
{
	memset(a, 0, sizeof(*a));
	a->chunk = FIRST_CHUNK;
}

void
arena_free(struct arena *a)
{
	size_t i;

	for (i = 0; i < a->nchunks; i++)
		free(a->chunks[i]);
	free(a->chunks);
	arena_init(a);
}

/* A new chunk of `size` bytes, recorded for arena_free(). */
static char *
add_chunk(struct arena *a, size_t size)
{
	char **nc = realloc(a->chunks, (a->nchunks + 1) * sizeof(*nc));
	char *p;

	if (!nc)
		return NULL;
	a->chunks = nc;
	if (!(p = big_alloc(size)))
		return NULL;
	a->chunks[a->nchunks++] = p;
	a->bytes += size;
	return p;
}

int
arena_reserve(struct arena *a, size_t len)
{
	char *p;

	if (len <= a->room)
		return 0;
	if (!(p = add_chunk(a, len ? len : 1)))
		return -1;
	a->next = p;
	a->room = len;
	return 0;
}

char *
arena_copy(struct arena *a, const void *s, size_t len)
{
	char *p;

	if (len > a->chunk / 4 && len > a->room) {
		/* A string too big for the chunks of the moment gets one to
		 * itself; the open chunk stays open for the next. */
		if (!(p = add_chunk(a, len)))
			return NULL;
		memcpy(p, s, len);
		a->live += len;
		return p;
	}
	if (len > a->room) {
		if (!(p = add_chunk(a, a->chunk)))
			return NULL;
		a->next = p;
		a->room = a->chunk;
		if (a->chunk < LAST_CHUNK)
			a->chunk *= 2;
	}
	p = a->next;
	memcpy(p, s, len);
	a->next += len;
	a->room -= len;
	a->live += len;
	return p;
}

void
arena_drop(struct arena *a, size_t len)
{
	a->live -= len;
	a->dead += len;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p;

	if (len == (size_t)-1 || !(p = arena_copy(a, s, len + 1)))
		return NULL;
	p[len] = '\0';
	return p;
}
