/*
 * addresses.h - mail addresses (addresses.c): their syntax, and the index of
 * who owns each address of each tenant.
 */
#ifndef TN_ADDRESSES_H
#define TN_ADDRESSES_H

#include "model.h"

/* Split "local@domain"; returns 0 or -1 when it is not an address by
 * DESIGN §5a.5 (a dot-atom local part, an LDH domain). */
int addr_split(const char *a, size_t len, size_t *at);
/* The same, saying why not (a static phrase), or NULL when it is one. */
const char *addr_error(const char *a, size_t len, size_t *at);
/* Index the stored addresses of `owner` that are valid and of its
 * tenant's names, one slot per local part; an earlier claim takes a slot
 * over, a later one contends (claims.c).  Returns 0, or -1 when memory ran
 * out (the addresses before the failing one are indexed). */
int addr_index(struct tn_model *m, uint32_t owner);
/* The same, the addresses known valid and of tenant `checked` (0: none
 * known): for that tenant they are not checked again. */
int addr_index_checked(struct tn_model *m, uint32_t owner, uint32_t checked);
/* Take `owner`'s addresses out of the index; the best contender for each
 * slot it held, if any, takes it over. */
void addr_unindex(struct tn_model *m, uint32_t owner);
/* Index the addresses below a domain that arrived after them (a scan of
 * the model).  Returns 0, or -1 when memory ran out. */
int addr_index_tenant(struct tn_model *m, uint32_t dom);
/* The owner of an address (any case, in any of its tenant's names); 0
 * when none, or when it is not an address. */
uint32_t addr_owner(const struct tn_model *m, const char *a, size_t len);
/* The same in two steps, so that a caller with two lookups to make
 * overlaps their waits for memory: addr_query() reads the address (0 when
 * it cannot be anyone's) and starts fetching its index slot. */
#define ADDR_MAX 254 /* the longest address (RFC 5321 path, less <>) */
struct addr_query {
	char low[ADDR_MAX + 1]; /* the address, lower-cased */
	size_t at;              /* where its '@' is */
	uint32_t tenant, hash;
};
/* Fill *q for address a[0..len): 1, or 0 when it cannot be anyone's (not
 * an address, or of no tenant's name). */
int addr_query(const struct tn_model *m, const char *a, size_t len, struct addr_query *q);
/* The owner of a query addr_query() filled; 0 when none. */
uint32_t addr_query_owner(const struct tn_model *m, const struct addr_query *q);
/* Hints for a caller with several queries (nothing is decided): stage 1
 * reads the query's slot and starts fetching the node it most likely
 * names, stage 2 that node's addresses, which addr_query_owner() reads
 * next.  Running a stage for every query before the next stage overlaps
 * their waits for memory; returns the node (0: none). */
uint32_t addr_query_ahead(const struct tn_model *m, const struct addr_query *q, uint32_t candidate);
/* The stored primary address of a mailbox or group, or NULL. */
const char *addr_primary(const struct node *n);
/* How many stored addresses of tenant `tenant` use `domain` (lower case)
 * as their domain part; when some do, *example and *example_owner get the
 * first (pointing into the model).  A scan of the model. */
size_t addr_count_domain(const struct tn_model *m, uint32_t tenant, const char *domain,
        const char **example, uint32_t *example_owner);

/* The owner of the local part `local` in tenant t (the winner); 0: none. */
uint32_t addr_find(const struct tn_model *m, const char *local, size_t len, uint32_t t);
/* Is v (an "m<addr>"/"a<addr>" of n->addrs, pointing into it) the first
 * of n's addresses with its local part? */
int addr_first_with_local(const struct node *n, const char *v);
/* An entry with many addresses (ADDR_LOCALS_MIN or more) keeps an index
 * of their local parts in its aux block, so that a lookup of one of them,
 * and addr_first_with_local(), cost the same whatever their number.  The
 * index of the packed addresses `addrs` (malloc'd; NULL when memory ran
 * out). */
#define ADDR_LOCALS_MIN 32
uint32_t *addr_locals(const char *addrs);
/* fn(ctx, v) for each address v ("m<addr>"/"a<addr>") of n whose local
 * part is local[0..len) (lower case), in the entry's order. */
void addr_each_with_local(const struct node *n, const char *local, size_t len,
        void (*fn)(void *ctx, const char *v), void *ctx);

#endif
