/*
 * claims.h - replication conflicts (claims.c, DESIGN §5b): claims on unique
 * names ordered by entryCSN, the losers, and tenancyConflict.
 */
#ifndef TN_CLAIMS_H
#define TN_CLAIMS_H

#include "model.h"

/* An entryCSN value as a number that orders as CSNs do; 0: not a CSN. */
uint64_t claim_csn_parse(const char *s, size_t len);
uint64_t node_csn(const struct tn_model *m, uint32_t id);
int node_set_csn(struct tn_model *m, uint32_t id, uint64_t csn);
/* Does a's claim come first (earlier CSN, then lower canonical DN)? */
int claim_before(const struct tn_model *m, uint32_t a, uint32_t b);
/* The change moved id's claims / id now holds a claim it may lose. */
void claim_touch(struct tn_model *m, uint32_t id);
void claim_contend(struct tn_model *m, uint32_t id);
/* At the end of a change: recompute NM_LOSER of the touched nodes and
 * report the ones that started to lose. */
void claims_settle(struct tn_model *m);
/* Every claim id holds and does not win: fn(ctx, id, rule, key, winner),
 * stop by returning non-zero.  Returns the number found. */
typedef int (*conflict_fn)(void *ctx, uint32_t loser, const char *rule,
	const char *key, uint32_t winner);
size_t conflicts_of(const struct tn_model *m, uint32_t id, conflict_fn fn,
	void *ctx);
/* An entry that lost an address claim. */
int node_answers_nothing(const struct tn_model *m, uint32_t id);
/* Does the domain hold this name of its own (it may have lost it)? */
int domain_holds(const struct tn_model *m, uint32_t dom, const char *name);
/* tenancyConflict of an entry. */
size_t conflict_values(struct tn_model *m, uint32_t id, tn_value_fn fn,
	void *ctx);

#endif
