/*
 * groups.c - group membership, nested, with cycles tolerated.
 *
 * Membership is read from the reverse references a node keeps (who names
 * me as member), so "which groups contain X" costs the size of the answer,
 * not the size of the directory.
 */
#include "engine.h"

int
groups_containing(const struct tn_model *m, uint32_t id, uint32_t **groups,
	uint32_t **via)
{
	struct idset seen;
	uint32_t i = 0, cur;
	int rc = 0;

	idset_init(&seen);
	idset_add(&seen, id);
	/* Breadth first, using the growing output list as the queue. */
	cur = id;
	for (;;) {
		const struct node *n = &m->nodes[cur];
		uint32_t j;
		for (j = 0; j < idlist_len(n->refs); j++) {
			uint32_t r = IDLIST_AT(n->refs, j), g = REF_ID(r);
			if (REF_ATTR(r) != R_MEMBER || m->nodes[g].kind != K_GROUP)
				continue;
			if (!idset_add(&seen, g))
				continue;
			if (idlist_add(groups, g) < 0 || (via && idlist_add(via, cur) < 0)) {
				rc = -1;
				goto out;
			}
		}
		if (i >= idlist_len(*groups))
			break;
		cur = IDLIST_AT(*groups, i++);
	}
out:
	if (seen.oom)
		rc = -1;
	idset_free(&seen);
	return rc;
}

int
group_flatten(const struct tn_model *m, uint32_t grp, uint32_t **out)
{
	struct idset seen;
	uint32_t *queue = NULL, qi;
	int rc = 0;

	idset_init(&seen);
	idset_add(&seen, grp);
	if (idlist_add(&queue, grp) < 0)
		return -1;
	for (qi = 0; qi < idlist_len(queue); qi++) {
		const struct node *g = &m->nodes[IDLIST_AT(queue, qi)];
		uint32_t j;
		for (j = 0; j < idlist_len(FWD(g, R_MEMBER)); j++) {
			uint32_t mem = IDLIST_AT(FWD(g, R_MEMBER), j);
			enum kind k = (enum kind)m->nodes[mem].kind;
			if (!idset_add(&seen, mem))
				continue;
			if (k == K_GROUP) {
				if (idlist_add(&queue, mem) < 0)
					rc = -1;
			} else if (k == K_USER || k == K_SHARED) {
				if (idlist_add(out, mem) < 0)
					rc = -1;
			}
			if (rc)
				goto out;
		}
	}
out:
	if (seen.oom)
		rc = -1;
	idlist_free(&queue);
	idset_free(&seen);
	return rc;
}
