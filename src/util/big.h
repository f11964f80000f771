/*
 * big.h - large arrays the model reads at random: on huge pages.
 *
 * At a million entries a lookup reads one random element of arrays of tens
 * of megabytes (the node array, the hash slots).  With 4 KiB pages each
 * such read is a TLB miss on top of the cache miss; where the system offers
 * transparent huge pages, arrays of 4 MiB and more are aligned to 2 MiB and
 * advised to use them.  Smaller arrays come from plain malloc.  Free any of
 * them with free().
 */
#ifndef TN_UTIL_BIG_H
#define TN_UTIL_BIG_H

#include <stddef.h>

/* `bytes` uninitialised, or NULL when memory ran out. */
void *big_alloc(size_t bytes);
/* `bytes` of zeroes, or NULL. */
void *big_calloc(size_t bytes);
/* A new array of `bytes` holding the first `keep` bytes of `old`, which is
 * freed; the rest is uninitialised (and, untouched, costs no memory).  NULL,
 * the old array kept, when memory ran out. */
void *big_realloc(void *old, size_t keep, size_t bytes);
/* The memory an array of `cap` bytes from big_alloc() holds when only its
 * first `used` bytes were ever written: a large one is backed a huge page
 * at a time as it is written, a small one (malloc's) is counted whole. */
size_t big_resident(size_t used, size_t cap);

#endif
