/*
 * groups.h - groups (groups.c): nested membership, both ways.
 */
#ifndef TN_GROUPS_H
#define TN_GROUPS_H

#include "model.h"

/* Every group that contains `id`, directly or through nested groups
 * (cycles tolerated).  `via` (optional) records, for each group found,
 * the member through which it was reached, for explanations. */
int groups_containing(const struct tn_model *m, uint32_t id,
	uint32_t **groups, uint32_t **via);
/* Every user or shared mailbox reached from `grp` through members, nested
 * groups flattened, cycles tolerated. */
int group_flatten(const struct tn_model *m, uint32_t grp, uint32_t **out);

#endif
