/*
 * groups.h - groups (groups.c): nested membership, both ways.
 */
#ifndef TN_GROUPS_H
#define TN_GROUPS_H

#include "model.h"

/* Every group of `id`'s tenant that contains `id`, directly or through
 * nested groups of that tenant (cycles tolerated), nearest first, as an
 * idlist in *groups (NULL when none; the caller frees it).  `via`
 * (optional) gets, for each group found, the member through which it was
 * reached, for explanations.  Returns 0, or -1 when memory ran out: the
 * lists are then incomplete, and callers refuse rather than decide on
 * them.  A membership across tenants counts as absent (ref_counts()). */
int groups_containing(const struct tn_model *m, uint32_t id, uint32_t **groups, uint32_t **via);
/* Every user or shared mailbox of `grp`'s tenant reached from `grp`
 * through members of that tenant, nested groups flattened, cycles
 * tolerated, each once: appended to the idlist *out.  Returns 0, or -1
 * when memory ran out (*out then incomplete). */
int group_flatten(const struct tn_model *m, uint32_t grp, uint32_t **out);
/* The same, skipping the groups and mailboxes in `seen` and adding those
 * it reaches (grp included), so that several groups flattened in turn
 * walk each group and mailbox once between them: the delegate groups of
 * one mailbox that all contain one large group cost that group once. */
int group_flatten_seen(const struct tn_model *m, uint32_t grp, struct idset *seen, uint32_t **out);

#endif
