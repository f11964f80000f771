/*
 * units.c - the unit tree inside a tenant.
 *
 * The root unit ("Racine") is the domain entry itself.  A tenancyUnit's
 * parent is its nearest tenancyUnit ancestor in the DIT, else the domain.
 * A mailbox, group or shared mailbox belongs to the unit its
 * tenancyUnitRef names, or to the root when it names none.
 *
 * Interface (units.h): unit_of(), unit_parent().
 *
 * Failure modes: none; both walk the tree and allocate nothing.
 */
#include "engine.h"

uint32_t
unit_parent(const struct tn_model *m, uint32_t unit)
{
	uint32_t id = m->nodes[unit].parent;

	while (id) {
		enum kind k = (enum kind)m->nodes[id].kind;
		if (k == K_UNIT || k == K_DOMAIN)
			return id;
		id = m->nodes[id].parent;
	}
	return 0;
}

uint32_t
unit_of(const struct tn_model *m, uint32_t id)
{
	const struct node *n = node_get(m, id);

	if (!n)
		return 0;
	switch ((enum kind)n->kind) {
	case K_DOMAIN:
		return id;
	case K_UNIT:
		return unit_parent(m, id);
	case K_GRANT:
		if (idlist_len(FWD(n, R_SCOPE)))
			return IDLIST_AT(FWD(n, R_SCOPE), 0);
		return tenant_of(m, id);
	default:
		if (n->unit)
			return n->unit;
		return tenant_of(m, id);
	}
}
