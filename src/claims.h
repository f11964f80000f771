/*
 * claims.h - replication conflicts (claims.c, DESIGN §5b): claims on unique
 * names ordered by entryCSN, the losers, and tenancyConflict.
 */
#ifndef TN_CLAIMS_H
#define TN_CLAIMS_H

#include "model.h"

/* An entryCSN value as a number that orders as CSNs do; 0: not a CSN. */
uint64_t claim_csn_parse(const char *s, size_t len);
/* The entryCSN the model holds for node `id`, as claim_csn_parse() made
 * it; 0 when unknown. */
uint64_t node_csn(const struct tn_model *m, uint32_t id);
/* Record node `id`'s entryCSN.  Returns 0, or -1 when memory ran out (the
 * node's CSN then stays unknown). */
int node_set_csn(struct tn_model *m, uint32_t id, uint64_t csn);
/* tn_note_csn() of the entry at node `id`, once the change is recorded. */
int node_note_csn(struct tn_model *m, uint32_t id, const char *csn, size_t len);
/* Does a's claim come first (earlier CSN, then lower canonical DN)? */
int claim_before(const struct tn_model *m, uint32_t a, uint32_t b);
/* The change moved id's claims (claims_settle() judges it again) / id now
 * holds a claim it may lose (it is also listed in m->contenders).  Memory
 * running out leaves it unlisted: the next full load finds it. */
void claim_touch(struct tn_model *m, uint32_t id);
void claim_contend(struct tn_model *m, uint32_t id);
/* At the end of a change: recompute NM_LOSER of the touched nodes and
 * report the ones that started to lose. */
void claims_settle(struct tn_model *m);
/* Every claim id holds and does not win: fn(ctx, id, rule, key, winner)
 * (fn may be NULL, to count), which stops the walk by returning non-zero.
 * Returns the number found, up to the stop. */
typedef int (*conflict_fn)(
        void *ctx, uint32_t loser, const char *rule, const char *key, uint32_t winner);
size_t conflicts_of(const struct tn_model *m, uint32_t id, conflict_fn fn, void *ctx);
/* Does the entry answer to nothing: it lost an address claim (a domain
 * that lost a name only lacks that name), or there is no such node? */
int node_answers_nothing(const struct tn_model *m, uint32_t id);
/* Does the domain hold `name`, one of its own names (lower case), or has
 * it lost it to another domain? */
int domain_holds(const struct tn_model *m, uint32_t dom, const char *name);
/* tenancyConflict of an entry: one "rule: key: won by DN" value for each
 * claim it loses, through fn; "won by an entry you cannot see" when
 * `reader` may not see the winner (NULL: a reader who sees every entry).
 * Returns the count; a value that cannot be made (memory) is left out. */
size_t conflict_values(const struct tn_model *m, uint32_t id, const struct tn_actor *reader,
        tn_value_fn fn, void *ctx);

#endif
