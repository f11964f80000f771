/*
 * tree.h - the node tree and its DN index (tree.c): one node per DN the
 * engine has heard of, found, created, named, moved and pruned.
 */
#ifndef TN_TREE_H
#define TN_TREE_H

#include "model.h"

struct node *node_get(const struct tn_model *m, uint32_t id);
void node_aux_free(struct node *n);
/* Look a canonical DN up; 0 when unknown. */
uint32_t node_find(const struct tn_model *m, const char *cdn, size_t len);
/* The node of the DN's nearest ancestor-or-self the model holds (0, the
 * root, when none); *exact when that is the DN itself. */
uint32_t node_find_nearest(const struct tn_model *m, const char *cdn,
	size_t len, int *exact);
/* Find or create the nodes of a canonical DN; 0 when memory ran out. */
uint32_t node_intern(struct tn_model *m, const char *cdn, size_t len);
/* Move node `id` to a new parent and RDN; -1 when the DN is taken, the
 * move would put it below itself, or memory ran out. */
int node_move(struct tn_model *m, uint32_t id, uint32_t parent, const char *rdn,
	size_t len);
/* Drop nodes that no longer carry anything, from `id` up. */
void node_prune(struct tn_model *m, uint32_t id);
/* Write a node's DN (canonical) to `out`. */
void node_dn(const struct tn_model *m, uint32_t id, struct buf *out);
/* The same, with attribute types as the schema spells them: for texts. */
void node_dn_display(const struct tn_model *m, uint32_t id, struct buf *out);
/* Respell the attribute types of the canonical DN in out from `start`. */
void dn_pretty(struct buf *out, size_t start);
/* Canonicalise and look up; 0 when invalid or unknown. */
uint32_t node_lookup(const struct tn_model *m, const char *dn);
int node_is_ancestor(const struct tn_model *m, uint32_t anc, uint32_t id);
const char *kind_name(enum kind k);

#endif
