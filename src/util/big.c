/*
 * big.c - large arrays on huge pages (see big.h).
 *
 * Interface (big.h): big_alloc(), big_calloc(), big_realloc().
 *
 * Failure modes: each returns NULL when memory runs out (big_realloc()
 * leaving the old array as it was).  Huge pages are asked for, not
 * required: without them the arrays are plain pages.
 */
#include "big.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

void *
big_alloc(size_t bytes)
{
#ifdef MADV_HUGEPAGE
	if (bytes >= 2 * HUGE_PAGE) {
		void *p;
		/* Whole huge pages: the advice covers the tail too. */
		size_t round = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		if (posix_memalign(&p, HUGE_PAGE, round) != 0)
			return NULL;
		(void)madvise(p, round, MADV_HUGEPAGE);
		return p;
	}
#endif
	return malloc(bytes ? bytes : 1);
}

void *
big_calloc(size_t bytes)
{
	void *p = big_alloc(bytes);

	if (p)
		memset(p, 0, bytes);
	return p;
}

void *
big_realloc(void *old, size_t keep, size_t bytes)
{
	void *p = big_alloc(bytes);

	if (!p)
		return NULL;
	if (old)
		memcpy(p, old, keep < bytes ? keep : bytes);
	free(old);
	return p;
}

size_t
big_resident(size_t used, size_t cap)
{
#ifdef MADV_HUGEPAGE
	if (cap >= 2 * HUGE_PAGE) {
		size_t round = (used + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		return round < cap ? round : cap;
	}
#endif
	(void)used;
	return cap;
}
