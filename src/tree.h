/*
 * tree.h - the node tree and its DN index (tree.c): one node per DN the
 * engine has heard of, found, created, named, moved and pruned.
 */
#ifndef TN_TREE_H
#define TN_TREE_H

#include "model.h"

/* Node `id`, or NULL when the model has no such id (a free node is
 * returned: node_rdn() is NULL for it). */
struct node *node_get(const struct tn_model *m, uint32_t id);
/* Append reverse reference r to n's (-1, n unchanged, when memory ran
 * out); remove the first equal to r (1 if there was one); free them all. */
int refs_add(struct node *n, uint32_t r);
int refs_del(struct node *n, uint32_t r);
void refs_free(struct node *n);
/* The words of the idlist a node's references take outside the node. */
size_t refs_heap_words(const struct node *n);
/* Free a node's aux block and what it holds; n->aux becomes NULL. */
void node_aux_free(struct node *n);
/* Look a canonical DN up (len bytes, no NUL needed); 0 when unknown. */
uint32_t node_find(const struct tn_model *m, const char *cdn, size_t len);
/* The node of the DN's nearest ancestor-or-self the model holds (0, the
 * root, when none); *exact when that is the DN itself. */
uint32_t node_find_nearest(const struct tn_model *m, const char *cdn, size_t len, int *exact);
/* Where a DN's node would be created when all it lacks is its own node
 * (an add under an entry the model holds): the parent's node, the hash the
 * node is filed under and the RDN's place in the DN.  Valid while the
 * model has not changed since (m->changes). */
struct node_slot {
	int known; /* 0: the DN lacks more than its own node, or has it */
	uint32_t parent, hash;
	size_t start, len;
};
/* node_find_nearest(), also filling *slot (slot->known 0 when none). */
uint32_t node_find_slot(
        const struct tn_model *m, const char *cdn, size_t len, int *exact, struct node_slot *slot);
/* node_intern() of the DN cdn[0..len) that node_find_slot() gave `slot`
 * for, the model unchanged since: only its own node is made. */
uint32_t node_intern_slot(
        struct tn_model *m, const struct node_slot *slot, const char *cdn, size_t len);
/* Find or create the nodes of a canonical DN and of every DN above it;
 * 0 when memory ran out or the DN is longer than DN_MAX_LEN (the nodes
 * made on the way stay, as empty path nodes: node_prune() drops them). */
uint32_t node_intern(struct tn_model *m, const char *cdn, size_t len);
/* Move node `id` to a new parent and canonical RDN, the nodes below it
 * filed anew under their new DNs.  Returns 0 (also when the DN is the one
 * it has), or -1, the model unchanged, when another node has the new DN,
 * the move would put it below itself, or memory ran out. */
int node_move(struct tn_model *m, uint32_t id, uint32_t parent, const char *rdn, size_t len);
/* Free node `id` and then its ancestors, as long as the node is a mere
 * path node (K_NONE) with no children and no one referring to it.  A
 * failure to recycle an id loses the id, nothing else. */
void node_prune(struct tn_model *m, uint32_t id);
/* Append a node's DN (canonical) to `out`; the root appends "".  Out of
 * memory: out->oom is set, out unchanged otherwise. */
void node_dn(const struct tn_model *m, uint32_t id, struct buf *out);
/* Write a node's DN (canonical) into out[0..size) with its NUL, in one
 * walk up and without allocating; returns its length, or (size_t)-1 when
 * it does not fit (out then holds nothing to use). */
size_t node_dn_into(const struct tn_model *m, uint32_t id, char *out, size_t size);
/* The same, with attribute types as the schema spells them: for texts. */
void node_dn_display(const struct tn_model *m, uint32_t id, struct buf *out);
/* Respell, in place, the attribute types of the canonical DN in `out`
 * from byte `start` as the schema spells them (tenancyDomainName). */
void dn_pretty(struct buf *out, size_t start);
/* Canonicalise a DN in any string form and look it up; 0 when it is
 * not a DN, memory ran out, or the model does not hold it. */
uint32_t node_lookup(const struct tn_model *m, const char *dn);
/* The same for a DN of `len` bytes, not NUL-terminated. */
uint32_t node_lookup_len(const struct tn_model *m, const char *dn, size_t len);
/* Is `anc` node `id` itself or one of its ancestors?  (Every node
 * descends from the root, 0.) */
int node_is_ancestor(const struct tn_model *m, uint32_t anc, uint32_t id);
/* "mailbox", "shared mailbox", "group"...: a kind's name, for texts. */
const char *kind_name(enum kind k);

#endif
