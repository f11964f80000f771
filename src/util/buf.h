/*
 * buf.h - growable byte buffers, id lists and id sets.
 *
 * buf: a NUL-terminated growable string; an allocation failure is sticky
 * (buf.oom) so callers check once at the end instead of after every append.
 *
 * idlist: a counted array of 32-bit ids in one allocation, v[0] = count,
 * NULL when empty: eight bytes for the common empty case.
 *
 * idset: a small open-addressing set of ids, used for visited sets while
 * walking group graphs; it lives on the caller's stack until it outgrows it.
 */
#ifndef TN_UTIL_BUF_H
#define TN_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char *s;
	size_t len, cap;
	int oom;
};

/* An empty buffer (s NULL until the first append). */
void buf_init(struct buf *b);
/* Free the string; b is then empty, its oom cleared. */
void buf_free(struct buf *b);
/* Empty the string, keeping its memory (and any oom). */
void buf_reset(struct buf *b);
/* Make room for `more` bytes; -1 (and b->oom) when memory ran out. */
int buf_reserve(struct buf *b, size_t more);
/* Append len bytes / a string / a byte / printf's output, NUL kept at the
 * end.  Nothing is appended once b->oom is set. */
void buf_add(struct buf *b, const char *s, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the string over to the caller (NULL on oom); the buf is reset. */
char *buf_take(struct buf *b);

static inline uint32_t
idlist_len(const uint32_t *l)
{
	return l ? l[0] : 0;
}
#define IDLIST_AT(l, i) ((l)[(i) + 1])
/* The words an idlist of n ids holds allocated: it grows through 2, 3,
 * 4, 6, 8, 12, 16, 24... words (powers of two and half-way between), so
 * long lists are amortised O(1) and lists of a few ids, most of a large
 * model's, waste a quarter of their room at most, not half. */
static inline size_t
idlist_cap(uint32_t n)
{
	size_t cap = 2;

	while (cap < (size_t)n + 1)
		cap = (cap & (cap - 1)) ? cap / 3 * 4 : cap + cap / 2;
	return cap;
}
/* Append; returns -1 when memory ran out. */
int idlist_add(uint32_t **l, uint32_t id);
/* Append unless present. */
int idlist_add_unique(uint32_t **l, uint32_t id);
/* Remove the first occurrence; returns 1 if found. */
int idlist_del(uint32_t **l, uint32_t id);
/* Does l hold id?  (A scan.) */
int idlist_has(const uint32_t *l, uint32_t id);
/* Free the list; *l becomes NULL. */
void idlist_free(uint32_t **l);
/* A copy of l; NULL when l is empty or memory ran out. */
uint32_t *idlist_dup(const uint32_t *l);

#define IDSET_INLINE 16
struct idset {
	uint32_t *slots;
	size_t cap, count;
	int oom;
	uint32_t inline_slots[IDSET_INLINE];
};

/* An empty set, in its inline slots. */
void idset_init(struct idset *s);
/* Free what the set allocated once it outgrew its inline slots. */
void idset_free(struct idset *s);
/* Returns 1 if id was added, 0 if it was already there, or if memory ran
 * out (s->oom is then set): a walk stops rather than loops. */
int idset_add(struct idset *s, uint32_t id);
/* Does s hold id? */
int idset_has(const struct idset *s, uint32_t id);

/* Packed string lists: "a\0b\0c\0\0", one allocation, NULL when empty.
 * pack_len(): its bytes, the final NUL included (0 for NULL). */
size_t pack_len(const char *p);
#define PACK_FOREACH(p, s) for ((s) = (p); (s) && *(s); (s) += strlen(s) + 1)

#endif
