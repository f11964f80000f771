/*
 * arena.h - strings packed into large chunks.
 *
 * A node's RDN and addresses are read on every lookup and rarely change.
 * Kept in chunks of up to 4 MiB (on huge pages, see big.h) rather than as
 * two small allocations each, a node's strings sit side by side, in fewer
 * pages, without malloc's header and rounding on every one.
 *
 * A string is never freed on its own: arena_drop() only counts its bytes
 * as dead, and the owner copies the live strings to a new arena when the
 * dead outweigh them (apply.c does so at the end of a change).
 */
#ifndef TN_UTIL_ARENA_H
#define TN_UTIL_ARENA_H

#include <stddef.h>

struct arena {
	char **chunks;
	size_t nchunks;
	char *next; /* free space in the last chunk */
	size_t room;
	size_t chunk;      /* size of the next chunk */
	size_t bytes;      /* allocated in chunks */
	size_t live, dead; /* bytes handed out, still used or dropped */
};

/* An empty arena: it allocates nothing until the first copy. */
void arena_init(struct arena *a);
/* Free every chunk: every string handed out is gone.  a is then empty. */
void arena_free(struct arena *a);
/* A copy of `len` bytes, or NULL when memory ran out. */
char *arena_copy(struct arena *a, const void *s, size_t len);
/* The same for a string of `len` bytes, with a NUL added (len + 1 bytes). */
char *arena_strndup(struct arena *a, const char *s, size_t len);
/* Make room for `len` bytes in one chunk, so that copies of that many bytes
 * in all cannot fail.  Returns 0, or -1 when memory ran out. */
int arena_reserve(struct arena *a, size_t len);
/* `len` bytes handed out earlier are no longer used. */
void arena_drop(struct arena *a, size_t len);

#endif
