/*
 * groups.c - group membership, nested, with cycles tolerated.
 *
 * Membership is read from the reverse references a node keeps (who names
 * me as member), so "which groups contain X" costs the size of the answer,
 * not the size of the directory.  Only a member of the group's own tenant
 * is one (ref_counts()): a membership across tenants, which only entries
 * that arrived unjudged can hold, counts as absent in both directions.
 *
 * Interface (groups.h): groups_containing(), group_flatten(),
 * group_flatten_seen().
 *
 * Failure modes: both return -1 when memory runs out, their lists then
 * incomplete; callers refuse, or leave out, rather than decide on them.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

/* A list that lives on the stack until it outgrows it. */
#define STACK_IDS 64
struct ids {
	uint32_t *v, n, cap;
	uint32_t stack[STACK_IDS];
};

static void
ids_init(struct ids *l)
{
	l->v = l->stack;
	l->n = 0;
	l->cap = STACK_IDS;
}

static int
ids_add(struct ids *l, uint32_t id)
{
	if (l->n == l->cap) {
		uint32_t *nv = malloc(2 * (size_t)l->cap * sizeof(*nv));
		if (!nv)
			return -1;
		memcpy(nv, l->v, l->n * sizeof(*nv));
		if (l->v != l->stack)
			free(l->v);
		l->v = nv;
		l->cap *= 2;
	}
	l->v[l->n++] = id;
	return 0;
}

static void
ids_free(struct ids *l)
{
	if (l->v != l->stack)
		free(l->v);
}

/* Hand a list over as an idlist, in one allocation (NULL when empty). */
static int
ids_take(const struct ids *l, uint32_t **out)
{
	uint32_t *il;

	*out = NULL;
	if (!l->n)
		return 0;
	if (!(il = malloc(idlist_cap(l->n) * sizeof(*il))))
		return -1;
	il[0] = l->n;
	memcpy(il + 1, l->v, l->n * sizeof(*il));
	*out = il;
	return 0;
}

int
groups_containing(const struct tn_model *m, uint32_t id, uint32_t **groups, uint32_t **via)
{
	struct idset seen;
	struct ids found, from;
	uint32_t i = 0, cur, tenant = UINT32_MAX, home = UINT32_MAX;
	int rc = 0;

	/* Found on the stack, handed over in one allocation each: most
	 * entries are in a handful of groups, and this runs for every
	 * send-as and rights question. */
	idset_init(&seen);
	idset_add(&seen, id);
	ids_init(&found);
	ids_init(&from);
	/* Breadth first, using the growing output list as the queue. */
	cur = id;
	for (;;) {
		const struct node *n = &m->nodes[cur];
		uint32_t j;
		if (!(n->mark & NM_LINKED))
			goto next; /* in no group: its refs need not be read */
		/* The groups are read at random in a large model: ask for all
		 * of them before looking at the first, so that their misses
		 * overlap instead of adding up. */
		for (j = 0; j < refs_len(n); j++)
			if (REF_ATTR(refs_at(n, j)) == R_MEMBER)
				PREFETCH(&m->nodes[REF_ID(refs_at(n, j))]);
		for (j = 0; j < refs_len(n); j++) {
			uint32_t r = refs_at(n, j), g = REF_ID(r);
			if (REF_ATTR(r) != R_MEMBER || m->nodes[g].kind != K_GROUP)
				continue;
			if (m->nodes[g].parent != home) {
				/* Groups under one parent are of one tenant:
				 * most are siblings, and one walk up answers. */
				if (tenant == UINT32_MAX)
					tenant = tenant_of(m, id);
				if (!ref_counts(m, tenant, g))
					continue;
				home = m->nodes[g].parent;
			}
			if (!idset_add(&seen, g))
				continue;
			if (m->nodes[g].mark & NM_LINKED)
				refs_prefetch(&m->nodes[g]);
			if (ids_add(&found, g) < 0 || (via && ids_add(&from, cur) < 0)) {
				rc = -1;
				goto out;
			}
		}
	next:
		if (i >= found.n)
			break;
		cur = found.v[i++];
	}
	if (ids_take(&found, groups) < 0 || (via && ids_take(&from, via) < 0))
		rc = -1;
out:
	if (seen.oom)
		rc = -1;
	idset_free(&seen);
	ids_free(&found);
	ids_free(&from);
	return rc;
}

int
group_flatten(const struct tn_model *m, uint32_t grp, uint32_t **out)
{
	struct idset seen;
	int rc;

	idset_init(&seen);
	rc = group_flatten_seen(m, grp, &seen, out);
	idset_free(&seen);
	return rc;
}

int
group_flatten_seen(const struct tn_model *m, uint32_t grp, struct idset *seen, uint32_t **out)
{
	uint32_t *queue = NULL, qi, tenant = tenant_of(m, grp), home = UINT32_MAX;
	int rc = 0;

	if (!idset_add(seen, grp))
		return seen->oom ? -1 : 0; /* flattened already */
	if (idlist_add(&queue, grp) < 0)
		return -1;
	for (qi = 0; qi < idlist_len(queue); qi++) {
		const struct node *g = &m->nodes[IDLIST_AT(queue, qi)];
		uint32_t j;
		for (j = 0; j < idlist_len(FWD(g, R_MEMBER)); j++) {
			uint32_t mem = IDLIST_AT(FWD(g, R_MEMBER), j);
			enum kind k = (enum kind)m->nodes[mem].kind;
			if (m->nodes[mem].parent != home || k == K_DOMAIN) {
				/* One walk up for members that are siblings (but
				 * for a domain, its own tenant). */
				if (!ref_counts(m, tenant, mem))
					continue;
				if (k != K_DOMAIN)
					home = m->nodes[mem].parent;
			}
			if (!idset_add(seen, mem))
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
	if (seen->oom)
		rc = -1;
	idlist_free(&queue);
	return rc;
}
